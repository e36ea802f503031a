"""The quizapp domain: no Textual or Rich imports here (a test enforces it)."""
