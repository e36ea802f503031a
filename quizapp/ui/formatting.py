"""Small text helpers shared by screens (presentation only, no rules)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.core.bank.models import Question


NO_EXPLANATION = "No explanation in this bank."


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def seconds(value: float | None) -> str:
    if value is None:
        return "-"
    if value < 60:
        return f"{value:.0f}s"
    minutes, secs = divmod(round(value), 60)
    return f"{minutes}m {secs:02d}s"


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
    lines += ["", "### Explanation", "", question.explanation.strip() or f"*{NO_EXPLANATION}*"]
    if question.references:
        lines += ["", "### References", ""]
        lines += [f"- {ref}" for ref in question.references]
    return "\n".join(lines)


def clock_text(value: float) -> str:
    """Remaining time as H:MM:SS (or M:SS under an hour)."""
    total = max(0, int(value + 0.999))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def bar(fraction: float, width: int = 20) -> str:
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * filled + "░" * (width - filled)


SPARK_LEVELS = "▁▂▃▄▅▆▇█"


def spark_bars(values: list[float], low: float, high: float) -> str:
    """One block character per value, its height on the fixed scale low..high.

    A fixed scale (0-100 for scores) keeps a flat run of 70s looking flat, where
    scaling to the values' own range would turn a 1-point wobble into a cliff.
    """
    span = high - low
    top = len(SPARK_LEVELS) - 1
    bars = []
    for value in values:
        share = 0.0 if span <= 0 else (min(max(value, low), high) - low) / span
        bars.append(SPARK_LEVELS[round(share * top)])
    return "".join(bars)
