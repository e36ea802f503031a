"""The answer journal: one JSON line per answer, appended beside the progress snapshot.

Recording an answer appends a line and fsyncs it instead of rewriting the whole
progress file, so saving stays fast however long the history grows. The
snapshot folds the journal in from time to time (compaction). A line cut short
by a crash was never acknowledged; it is ignored and cut off before the next append.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quizapp.core.progress.answers import AnswerRecord
from quizapp.core.progress.history import QuestionHistory

JOURNAL_FILE = "progress.journal"


@dataclass
class JournalEntry:
    answer: AnswerRecord
    card: dict[str, Any] | None


@dataclass
class JournalRead:
    entries: list[JournalEntry] = field(default_factory=list)
    end: int = 0
    """Byte offset just past the last complete line."""
    damaged_lines: int = 0


def read_journal(path: Path, start: int = 0) -> JournalRead:
    """Complete, valid lines from ``start`` on; a torn last line is left out."""
    try:
        with path.open("rb") as handle:
            handle.seek(start)
            raw = handle.read()
    except FileNotFoundError:
        return JournalRead(end=0)
    result = JournalRead(end=start)
    complete, newline, _torn = raw.rpartition(b"\n")
    if not newline:
        return result
    for line in complete.split(b"\n"):
        result.end += len(line) + 1
        if not line.strip():
            continue
        try:
            payload = json.loads(line)
            answer = AnswerRecord.from_json(payload["answer"])
            card = payload.get("card")
            result.entries.append(JournalEntry(answer, card if isinstance(card, dict) else None))
        except (ValueError, KeyError, TypeError):
            result.damaged_lines += 1
    return result


def append_entry(path: Path, entry: JournalEntry, valid_end: int) -> int:
    """Append one line (cutting off any torn tail first), fsync, return the new end offset."""
    line = (
        json.dumps(
            {"answer": entry.answer.to_json(), "card": entry.card},
            separators=(",", ":"),
        ).encode("utf-8")
        + b"\n"
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        if os.fstat(fd).st_size != valid_end:
            os.ftruncate(fd, valid_end)
        os.lseek(fd, valid_end, os.SEEK_SET)
        view = memoryview(line)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    return valid_end + len(line)


def clear_journal(path: Path) -> None:
    """Empty the journal once the snapshot holds everything in it."""
    try:
        fd = os.open(path, os.O_WRONLY)
    except FileNotFoundError:
        return
    try:
        os.ftruncate(fd, 0)
        os.fsync(fd)
    finally:
        os.close(fd)


def fold_into_totals(
    entries: list[JournalEntry],
    histories: dict[str, QuestionHistory],
    cards: dict[str, dict[str, Any]],
) -> None:
    """Count journal answers in per-question totals and take in their cards (lazy start)."""
    for entry in entries:
        question_id = entry.answer.question_id
        history = histories.get(question_id)
        if history is None:
            history = histories[question_id] = QuestionHistory()
        history.add(entry.answer)
        if entry.card is not None:
            cards[question_id] = entry.card
