"""One answer as stored in the progress file, and the schema version of that file.

A slotted dataclass, not a pydantic model: a long history holds 100,000 of them
(the rest of the file is ``quizapp.core.progress.data``).

Bump ``SCHEMA_VERSION`` and add a step to ``quizapp.core.progress.migrations`` whenever
the layout changes, so files written by older versions keep working.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal, get_args

from quizapp.core.controls import check_text

SCHEMA_VERSION = 3
PROGRESS_FILE = "progress.json"

Mode = Literal["drill", "exam", "review"]
Confidence = Literal["sure", "unsure", "guess"]
MissReason = Literal["did-not-know", "misread", "reasoning", "ran-out-of-time"]


MODES: frozenset[str] = frozenset(get_args(Mode))
CONFIDENCES: frozenset[str] = frozenset(get_args(Confidence))
MISS_REASONS: frozenset[str] = frozenset(get_args(MissReason))


def _literal(raw: object, allowed: frozenset[str], name: str, optional: bool = False) -> Any:
    if raw is None and optional:
        return None
    if not isinstance(raw, str) or raw not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(sorted(allowed))}, not {raw!r}")
    return sys.intern(raw)


def _text(raw: object, name: str) -> str:
    if not isinstance(raw, str) or not raw:
        raise ValueError(f"{name} must be a non-empty string")
    return check_text(raw)


EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
"""Times outside these are not from a real study session: the arithmetic on them (a review
scheduled years later, a deadline the day before) would overflow, so they are damaged data."""


def usable_time(at: datetime) -> datetime:
    """``at`` (as UTC if it has no zone), or ValueError if it cannot be from a real session."""
    at = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    if not EARLIEST <= at < LATEST:
        raise ValueError(f"time {at.isoformat()} is outside {EARLIEST.year}-{LATEST.year - 1}")
    return at


def usable_exam_date(day: date) -> date:
    """An exam date quizapp can plan with, or ValueError (a date from the file or typed)."""
    if not EARLIEST.date() <= day < LATEST.date():
        raise ValueError(
            f"exam date {day.isoformat()} is outside {EARLIEST.year}-{LATEST.year - 1}"
        )
    return day


def _timestamp(raw: object) -> datetime:
    if not isinstance(raw, str):
        raise ValueError("at must be an ISO 8601 date-time string")
    return usable_time(datetime.fromisoformat(raw))  # ValueError names the bad text


@dataclass(slots=True, frozen=True)
class AnswerRecord:
    """One answer the candidate gave, exactly as it happened.

    A slotted dataclass rather than a pydantic model: a long history holds
    100,000 of these, and each costs about a quarter of a model's memory.
    """

    id: str
    question_id: str
    choice: int
    """Index of the chosen option as written in the bank (-1: left unanswered)."""
    correct: bool
    seconds: float
    mode: Mode
    at: datetime
    confidence: Confidence | None = None
    miss_reason: MissReason | None = None
    shown: int | None = None
    """Where the chosen option was shown (0 = A), when known: choices are shuffled."""

    @property
    def skipped(self) -> bool:
        """Left unanswered in an exam: it counts against that exam's score only, never
        in topic accuracy or the review schedule (the candidate chose nothing)."""
        return self.choice == -1

    @classmethod
    def from_json(cls, raw: object) -> AnswerRecord:
        """Validate one answer as stored in the file; ValueError says what is wrong."""
        if not isinstance(raw, dict):
            raise ValueError("an answer must be a JSON object")
        try:
            choice, correct, seconds = raw["choice"], raw["correct"], raw["seconds"]
            question_id = _text(raw["question_id"], "question_id")
            return cls(
                id=_text(raw["id"], "id"),
                question_id=sys.intern(question_id),
                choice=choice
                if type(choice) is int and choice >= -1
                else _bad("choice must be an integer >= -1"),
                correct=correct if type(correct) is bool else _bad("correct must be true or false"),
                seconds=float(seconds)
                if type(seconds) in (int, float) and 0 <= seconds < math.inf
                else _bad("seconds must be a number >= 0"),
                mode=_literal(raw["mode"], MODES, "mode"),
                at=_timestamp(raw["at"]),
                confidence=_literal(raw.get("confidence"), CONFIDENCES, "confidence", True),
                miss_reason=_literal(raw.get("miss_reason"), MISS_REASONS, "miss_reason", True),
                shown=_shown(raw.get("shown")),
            )
        except KeyError as exc:
            raise ValueError(f"an answer is missing {exc.args[0]!r}") from None

    def to_json(self) -> dict[str, Any]:
        """The answer as stored in the file (the same keys ``from_json`` reads)."""
        out: dict[str, Any] = {
            "id": self.id,
            "question_id": self.question_id,
            "choice": self.choice,
            "correct": self.correct,
            "seconds": self.seconds,
            "mode": self.mode,
            "at": self.at.isoformat(),
        }
        if self.confidence is not None:
            out["confidence"] = self.confidence
        if self.miss_reason is not None:
            out["miss_reason"] = self.miss_reason
        if self.shown is not None:
            out["shown"] = self.shown
        return out


def _shown(raw: object) -> int | None:
    if raw is None:
        return None
    if type(raw) is not int or raw < 0:
        raise ValueError("shown must be an integer >= 0")
    return raw


def _bad(message: str) -> Any:
    raise ValueError(message)


def exam_date_setting(settings: Mapping[str, Any]) -> date | None:
    """The exam date the candidate set; None when unset or not a usable date."""
    raw = settings.get("exam_date")
    try:
        return usable_exam_date(date.fromisoformat(raw)) if isinstance(raw, str) else None
    except ValueError:
        return None


def check_exam_date_setting(raw: object) -> None:
    """ValueError unless ``raw`` is None or an ISO date quizapp can plan with."""
    if raw is None:
        return
    if not isinstance(raw, str):
        raise ValueError("exam_date must be a date like 2027-03-15 or null")
    usable_exam_date(date.fromisoformat(raw))
