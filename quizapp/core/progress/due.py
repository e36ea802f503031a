"""When answered questions fall due, read from stored cards without building FSRS objects.

The home screen counts what is due and plans reviews up to the exam; it needs
only each card's due date, so neither the FSRS scheduler nor its cards are
imported at start-up (``quizapp.core.progress.scheduling`` builds and updates the cards).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol


def exam_deadline(exam_date: date | None) -> datetime | None:
    """The latest moment a missed question may be scheduled: the morning before the exam."""
    if exam_date is None:
        return None
    return datetime.combine(exam_date - timedelta(days=1), time(6, 0), tzinfo=UTC)


class HasDue(Protocol):
    """A card, or just its due date (enough to count what is due)."""

    @property
    def due(self) -> datetime: ...


@dataclass(frozen=True, slots=True)
class DueDate:
    due: datetime


def due_dates_from_json(raw: Mapping[str, Mapping[str, Any]]) -> dict[str, DueDate] | None:
    """Due dates straight from the stored cards (no FSRS objects); None if any is unreadable."""
    dues: dict[str, DueDate] = {}
    for qid, data in raw.items():
        try:
            due = datetime.fromisoformat(data["due"])
        except (KeyError, TypeError, ValueError):
            return None
        dues[qid] = DueDate(due if due.tzinfo else due.replace(tzinfo=UTC))
    return dues


def due_questions(cards: Mapping[str, HasDue], now: datetime) -> list[str]:
    """Question ids due now, the most overdue first."""
    due = [(card.due, qid) for qid, card in cards.items() if card.due <= now]
    return [qid for _, qid in sorted(due)]
