"""Browser mode's server (textual-serve) and its page; ``quizapp.ui.serve`` starts it."""
