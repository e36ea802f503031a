"""An answered question shown again: its choices as the candidate saw them, marked.

The exam results, the drill and review summaries and the study guide open a
question again; each passes the order the choices were shown in (when it is
known) so the letters are the ones the candidate read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quizapp.core.bank.models import Question
from quizapp.core.text import NO_EXPLANATION, reflow, seconds

LETTERS = "ABCDE"


@dataclass(frozen=True)
class ShownChoice:
    letter: str
    text: str
    correct: bool
    chosen: bool


def shown_choices(
    question: Question, order: Sequence[int] | None, chosen_original: int | None
) -> list[ShownChoice]:
    """The choices in display order (the bank's when ``order`` is unknown), lettered A-E."""
    indexes = list(order) if order else list(range(len(question.choices)))
    return [
        ShownChoice(
            LETTERS[display],
            question.choices[original].text,
            original == question.correct_index,
            original == chosen_original,
        )
        for display, original in enumerate(indexes)
    ]


def _escape(text: str) -> str:
    """Markdown would read ``*``, ``_`` and friends in bank text as formatting."""
    for char in "\\`*_[]<>#":
        text = text.replace(char, "\\" + char)
    return text


def review_markdown(
    question: Question,
    order: Sequence[int] | None,
    chosen_original: int | None,
    seconds_taken: float | None = None,
) -> str:
    """The stem, the lettered choices with the answer and the key marked, what the
    candidate did and how long it took, then the explanation and references."""
    choices = shown_choices(question, order, chosen_original)
    lines = [_escape(reflow(question.stem)), ""]
    for choice in choices:
        marks = []
        if choice.correct:
            marks.append("✔ **the answer**")
        if choice.chosen:
            marks.append("*your answer*")
        suffix = f"  ({', '.join(marks)})" if marks else ""
        lines.append(f"- **{choice.letter}.** {_escape(one_line_text(choice.text))}{suffix}")
    right = next(c.letter for c in choices if c.correct)
    chosen = next((c.letter for c in choices if c.chosen), None)
    did = (
        f"You answered **{chosen}**; the answer is **{right}**."
        if chosen is not None
        else f"You left it unanswered; the answer is **{right}**."
    )
    if seconds_taken is not None:
        did += f" {seconds(seconds_taken)} on this question."
    if order is None:
        did += " (Choices in the bank's order.)"
    explanation = _escape(reflow(question.explanation)) or f"*{NO_EXPLANATION}*"
    lines += ["", did, "", "### Explanation", "", explanation]
    if question.references:  # a user bank may leave them out
        lines += ["", "### References", ""]
        lines += [f"- {_escape(ref)}" for ref in question.references]
    return "\n".join(lines)


def one_line_text(text: str) -> str:
    return " ".join(text.split())
