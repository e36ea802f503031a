"""The Textual user interface: screens show what quizapp.core computes."""
