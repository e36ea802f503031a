"""One answer as stored in the progress file, and the schema version of that file.

A named tuple, not a pydantic model: a long history holds 100,000 of them
(the rest of the file is ``quizapp.core.progress.data``).

Bump ``SCHEMA_VERSION`` and add a step to ``quizapp.core.progress.migrations`` whenever
the layout changes, so files written by older versions keep working.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any, Literal, NamedTuple, get_args

from quizapp.core.controls import check_text

SCHEMA_VERSION = 3
PROGRESS_FILE = "progress.json"

Mode = Literal["drill", "exam", "review"]
Confidence = Literal["sure", "unsure", "guess"]
MissReason = Literal["did-not-know", "misread", "reasoning", "ran-out-of-time"]


CONFIDENCES: frozenset[str] = frozenset(get_args(Confidence))
MISS_REASONS: frozenset[str] = frozenset(get_args(MissReason))
_INTERNED_MODES = {mode: sys.intern(mode) for mode in get_args(Mode)}
_INTERNED_CONFIDENCES = {level: sys.intern(level) for level in CONFIDENCES}
_INTERNED_MISS_REASONS = {reason: sys.intern(reason) for reason in MISS_REASONS}
"""Each value read is replaced by the one shared string: 100,000 answers hold three."""


def _literal(raw: object, allowed: Mapping[str, str], name: str) -> Any:
    """The interned form of ``raw`` if it is one of ``allowed``; ValueError naming them."""
    known = allowed.get(raw) if type(raw) is str else None
    if known is None:
        raise ValueError(f"{name} must be one of {', '.join(sorted(allowed))}, not {raw!r}")
    return known


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


class AnswerRecord(NamedTuple):
    """One answer the candidate gave, exactly as it happened.

    A named tuple rather than a pydantic model or a frozen dataclass: a long
    history holds 100,000 of these, read at every start. A tuple is immutable,
    as compact as a slotted class, and built in one step (a frozen dataclass
    sets each field through ``object.__setattr__``, five times slower).
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
        """Validate one answer as stored in the file; ValueError says what is wrong.

        Every start reads each answer on file through here, so the checks are
        written out in line: a helper call per field would double the time.
        """
        if not isinstance(raw, dict):
            raise ValueError("an answer must be a JSON object")
        try:
            choice, correct, seconds = raw["choice"], raw["correct"], raw["seconds"]
            question_id, answer_id, mode, at = raw["question_id"], raw["id"], raw["mode"], raw["at"]
        except KeyError as exc:
            raise ValueError(f"an answer is missing {exc.args[0]!r}") from None
        if type(question_id) is not str or not question_id:
            raise ValueError("question_id must be a non-empty string")
        if type(answer_id) is not str or not answer_id:
            raise ValueError("id must be a non-empty string")
        check_text(question_id)
        check_text(answer_id)
        if type(choice) is not int or choice < -1:
            raise ValueError("choice must be an integer >= -1")
        if type(correct) is not bool:
            raise ValueError("correct must be true or false")
        if type(seconds) not in (int, float) or not 0 <= seconds < math.inf:
            raise ValueError("seconds must be a number >= 0")
        if type(at) is not str:
            raise ValueError("at must be an ISO 8601 date-time string")
        confidence, miss_reason, shown = (
            raw.get("confidence"),
            raw.get("miss_reason"),
            raw.get("shown"),
        )
        if shown is not None and (type(shown) is not int or shown < 0):
            raise ValueError("shown must be an integer >= 0")
        return cls(
            answer_id,
            sys.intern(question_id),
            choice,
            correct,
            float(seconds),
            _literal(mode, _INTERNED_MODES, "mode"),
            usable_time(datetime.fromisoformat(at)),  # ValueError names the bad text
            None
            if confidence is None
            else _literal(confidence, _INTERNED_CONFIDENCES, "confidence"),
            None
            if miss_reason is None
            else _literal(miss_reason, _INTERNED_MISS_REASONS, "miss_reason"),
            shown,
        )

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
