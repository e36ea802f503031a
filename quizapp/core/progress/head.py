"""What the home screen shows from the progress file, read without pydantic.

The snapshot writes every field except the answers first, then per-question
totals, then the answers (``quizapp.core.progress.snapshot``). Reading only that head,
strictly and by hand, lets the app draw the home screen before importing
pydantic or opening the store; the store itself is opened right after the first
paint and is the authority from then on. Anything unusual here (an older or
newer schema, an exam in progress, a damaged field or journal line, cards that
disagree with the totals) gives None, and the caller opens the store first.
"""

from __future__ import annotations

import codecs
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol

from quizapp.core.progress.answers import PROGRESS_FILE, SCHEMA_VERSION, exam_date_setting
from quizapp.core.progress.due import DueDate, due_dates_from_json
from quizapp.core.progress.history import QuestionHistory
from quizapp.core.progress.journal import JOURNAL_FILE, fold_into_totals, read_journal
from quizapp.core.progress.snapshot import SUMMARY_KEY, summary_from_json, top_before_answers

HEAD_CHUNK = 256 * 1024
"""Bytes read first; our head is about 200 kB with every question answered."""


class FinishedExam(Protocol):
    """What the home screen lists of a finished exam (an ``ExamRecord`` fits)."""

    @property
    def finished_at(self) -> datetime: ...

    @property
    def questions(self) -> int: ...

    @property
    def correct(self) -> int: ...

    @property
    def score(self) -> float: ...


@dataclass(frozen=True)
class ExamRow:
    finished_at: datetime
    questions: int
    correct: int

    @property
    def score(self) -> float:
        return self.correct / self.questions if self.questions else 0.0


@dataclass(frozen=True)
class ProgressView:
    """The candidate's standing as the home screen draws it."""

    histories: Mapping[str, QuestionHistory]
    flagged: Sequence[str]
    due_dates: Mapping[str, DueDate]
    exam_date: date | None
    exams: Sequence[FinishedExam]
    exam_in_progress: bool
    theme: str | None = None


def read_progress_head(data_dir: Path) -> ProgressView | None:
    """The home screen's view of ``data_dir``'s progress; None: open the store first."""
    try:
        top = _read_head(data_dir / PROGRESS_FILE)
    except FileNotFoundError:
        top = {"schema_version": SCHEMA_VERSION, SUMMARY_KEY: {}}  # nothing answered yet
    if top is None or top.get("schema_version") != SCHEMA_VERSION:
        return None
    if top.get("active_exam") is not None:
        return None  # resuming it needs the validated exam state
    settings = top.get("settings", {})
    flagged = top.get("flagged", [])
    cards = top.get("cards", {})
    if not (
        isinstance(settings, dict)
        and isinstance(flagged, list)
        and all(isinstance(qid, str) for qid in flagged)
        and isinstance(cards, dict)
        and all(isinstance(card, dict) for card in cards.values())
    ):
        return None
    histories = summary_from_json(top.get(SUMMARY_KEY))
    exams = _exam_rows(top.get("exam_history", []))
    if histories is None or exams is None:
        return None
    journal = read_journal(data_dir / JOURNAL_FILE)
    if journal.damaged_lines:
        return None  # the store reports them
    cards = dict(cards)
    fold_into_totals(journal.entries, histories, cards)
    due_dates = due_dates_from_json(cards)
    if due_dates is None or set(due_dates) != set(histories):
        return None  # the store rebuilds the cards from the history
    theme = settings.get("theme")
    return ProgressView(
        histories=histories,
        flagged=flagged,
        due_dates=due_dates,
        exam_date=exam_date_setting(settings),
        exams=exams,
        exam_in_progress=False,
        theme=theme if isinstance(theme, str) else None,
    )


def _read_head(path: Path) -> dict[str, Any] | None:
    """The snapshot's keys before its answers, reading no more of the file than needed.

    None when it cannot be read or parsed; FileNotFoundError when there is no file yet.
    """
    try:
        with path.open("rb") as handle:
            data = b""
            wanted = HEAD_CHUNK
            while True:
                data += handle.read(wanted - len(data))
                whole = len(data) < wanted
                try:
                    text = codecs.getincrementaldecoder("utf-8")().decode(data, final=whole)
                    return top_before_answers(text)
                except UnicodeDecodeError:
                    return None
                except ValueError:
                    if whole:
                        return None
                    wanted *= 4
    except FileNotFoundError:
        raise
    except (OSError, RecursionError):
        return None


def _exam_rows(raw: object) -> list[ExamRow] | None:
    """Date, length and score of each finished exam; None if any is not as we write it."""
    if not isinstance(raw, list):
        return None
    rows = []
    for item in raw:
        if not isinstance(item, dict):
            return None
        finished, questions, correct = (
            item.get(k) for k in ("finished_at", "questions", "correct")
        )
        if not (isinstance(finished, str) and type(questions) is int and type(correct) is int):
            return None
        try:
            finished_at = datetime.fromisoformat(finished)
        except ValueError:
            return None
        if finished_at.tzinfo is None:
            finished_at = finished_at.replace(tzinfo=UTC)
        rows.append(ExamRow(finished_at, questions, correct))
    return rows
