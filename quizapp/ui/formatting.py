"""Small text helpers shared by screens (presentation only, no rules)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizapp.core.text import SPARK_LEVELS, bar, clock_text, percent, seconds, spark_bars

__all__ = [
    "SPARK_LEVELS",
    "bar",
    "choice_review_markdown",
    "clock_text",
    "percent",
    "seconds",
    "spark_bars",
]

if TYPE_CHECKING:
    from quizapp.core.bank.models import Question


def choice_review_markdown(question: Question, chosen_original: int | None) -> str:
    """The stem, every choice marked right/yours, the explanation and references."""
    lines = [question.stem.strip(), ""]
    for index, choice in enumerate(question.choices):
        marks = []
        if choice.correct:
            marks.append("**correct answer**")
        if chosen_original == index:
            marks.append("*your answer*")
        suffix = f" ({', '.join(marks)})" if marks else ""
        lines.append(f"- {choice.text}{suffix}")
    lines += ["", "### Explanation", "", question.explanation.strip(), "", "### References", ""]
    lines += [f"- {ref}" for ref in question.references]
    return "\n".join(lines)
