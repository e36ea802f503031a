"""quizapp: a terminal practice tool for the ABII CIIP exam."""

__version__ = "0.1.0"
