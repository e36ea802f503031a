"""The progress store: every change one appended journal line, never corrupted, never lost.

``progress.json`` is a snapshot, replaced atomically; every change after it is
one fsynced line of ``progress.journal`` (see ``journal``), so a change costs
the same however long the history grows. ``plan_fold`` folds the journal into
the snapshot; ``Fold.run`` does the slow part on any thread from a private copy.

Two running instances may share the files: each append takes an OS lock and
first takes in the lines the other wrote. A file that cannot be read is moved
aside to a dated name, never overwritten; damaged journal lines are copied
aside before they are dropped.

A store is used by one thread (the app opens it in a worker, then hands it to
the UI thread); only a ``Fold`` runs elsewhere, and it shares nothing with it.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from fsrs import Card
from pydantic import ValidationError

from quizapp.core.clock import Clock, utc_now
from quizapp.core.collector import paused
from quizapp.core.errors import ProgressError
from quizapp.core.progress.answers import (
    PROGRESS_FILE,
    SCHEMA_VERSION,
    AnswerRecord,
    Confidence,
    MissReason,
    Mode,
)
from quizapp.core.progress.atomic import atomic_write_bytes, fsync_directory, write_temp
from quizapp.core.progress.data import ProgressData
from quizapp.core.progress.due import DueDate, due_dates_from_json
from quizapp.core.progress.exam_records import ExamRecord, ExamState
from quizapp.core.progress.filelock import exclusive_lock
from quizapp.core.progress.history import QuestionHistory
from quizapp.core.progress.journal import (
    JOURNAL_FILE,
    Event,
    append_line,
    encode_event,
    journal_identity,
    read_journal,
)
from quizapp.core.progress.migrations import FutureSchemaError, migrate, schema_version_of
from quizapp.core.progress.scheduling import cards_from_json, rebuild_cards
from quizapp.core.progress.snapshot import answer_from_json, render_snapshot, split_snapshot
from quizapp.core.progress.state import ProgressState, exam_patch

LOCK_FILE = "progress.lock"
OPEN_WAIT_SECONDS = 10.0
"""How long opening the store waits for another instance's lock before giving up."""
CHANGE_WAIT_SECONDS = 3.0
"""How long a change waits (on the UI thread): another instance holds it for milliseconds."""
_STALE_TEMP = re.compile(r"\.progress\.[\w.-]+\.(\d+)\.tmp")
FOLD_LINES = 1000
"""Journal lines after which opening the store asks for a fold."""
FOLD_BYTES = 1 << 20


class _Unreadable(Exception):
    """The file exists but its content is not a progress file we can use."""


class ProgressStore:
    """The progress of one data directory: read once, then changed one journal line at a time."""

    def __init__(
        self, data_dir: Path, clock: Clock = utc_now, on_wait: Callable[[], None] | None = None
    ) -> None:
        """Read the snapshot and the journal (slow with a long history: use a worker).

        ``on_wait`` is called once if another instance holds the lock meanwhile.
        """
        self.data_dir = data_dir
        self.path = data_dir / PROGRESS_FILE
        self.journal_path = data_dir / JOURNAL_FILE
        self.lock_path = data_dir / LOCK_FILE
        self.clock = clock
        self.notice: str | None = None
        """One line for the user when something had to be moved aside."""
        self._prepare_directory()
        self._state = ProgressState(ProgressData())
        self._seq = 0
        self._journal_id: int | None = None
        self._journal_end = 0
        self._journal_lines = 0
        self._older_schema = False
        with exclusive_lock(self.lock_path, OPEN_WAIT_SECONDS, on_wait), paused():
            self._remove_stale_temp_files()
            self._load()  # up to 100,000 long-lived records: see core/collector.py

    # -- reading ---------------------------------------------------------------

    def _prepare_directory(self) -> None:
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ProgressError(
                f"cannot create data directory {self.data_dir}: {exc.strerror or exc}; "
                "choose another with --data-dir"
            ) from None
        if not self.data_dir.is_dir():
            raise ProgressError(
                f"{self.data_dir} is not a directory; choose another with --data-dir"
            )
        for path in (self.path, self.journal_path, self.lock_path):
            if path.exists() and not path.is_file():
                raise ProgressError(f"{path} is not a regular file; move it away or use --data-dir")

    def _remove_stale_temp_files(self) -> None:
        """Under the lock: temporary files left by a quizapp killed mid-write (never ours)."""
        for path in self.data_dir.glob(".progress.*.tmp"):
            match = _STALE_TEMP.fullmatch(path.name)
            if match is None or int(match.group(1)) == os.getpid():
                continue
            if not _process_alive(int(match.group(1))):
                path.unlink(missing_ok=True)

    def _load(self) -> None:
        """Under the lock: the snapshot, then every journal line it does not hold yet."""
        try:
            data = self._read_snapshot()
        except _Unreadable as exc:
            moved = self._move_aside()
            self.notice = (
                f"Your progress file could not be read ({exc}); it was kept as {moved} "
                "and quizapp started a fresh one."
            )
            data = None
        state = ProgressState(data if data is not None else ProgressData())
        read = read_journal(self.journal_path)
        self._state, self._seq = state, state.data.seq
        good: list[bytes] = []
        damaged = list(read.damaged)
        for event, raw in zip(read.events, read.raw, strict=True):
            (good if self._take(event) else damaged).append(raw)
        identity = journal_identity(self.journal_path)
        self._journal_id = identity[0] if identity else None
        self._journal_end = read.end
        self._journal_lines = len(read.events)
        if damaged:
            self._set_aside_damaged(damaged, good)

    def _take(self, event: Event) -> bool:
        """Apply a journal line unless the state already holds it; False if it is damaged."""
        seq = event.get("seq")
        if seq is not None and (type(seq) is not int or seq < 0):
            return False
        if seq is not None and seq <= self._seq:
            return True
        try:
            self._state.apply(event)
        except ValueError:
            return False
        if seq is not None:
            self._seq = seq
        return True

    def _read_snapshot(self) -> ProgressData | None:
        """The snapshot as data, migrated to the current schema; None if there is none."""
        try:
            raw_bytes = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except PermissionError:
            raise ProgressError(
                f"cannot read {self.path}: permission denied; fix its permissions "
                "(quizapp will not overwrite it)"
            ) from None
        except OSError as exc:
            raise ProgressError(f"cannot read {self.path}: {exc.strerror or exc}") from None
        try:
            text = raw_bytes.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _Unreadable(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        del raw_bytes  # a long history: do not hold the file twice
        try:
            try:
                # The usual case: answers of the current shape, turned into records one by one.
                top, answers = split_snapshot(text)
                if "answers" in top:
                    raise ValueError("'answers' is not a list")
                version = schema_version_of(top)
                records = answers or []
            except FutureSchemaError:
                raise
            except (ValueError, RecursionError):
                # An older layout, or damaged: read it whole and let the migration say which.
                raw: Any = json.loads(text)
                if not isinstance(raw, dict):
                    raise _Unreadable("not a JSON object") from None
                version = schema_version_of(raw)
                top = migrate(raw)
                items = top.pop("answers", [])
                if not isinstance(items, list):
                    raise _Unreadable("'answers' is not a list") from None
                records = [answer_from_json(item, n) for n, item in enumerate(items, 1)]
            data = ProgressData.model_validate(migrate(top))
        except FutureSchemaError as exc:
            raise ProgressError(
                f"{self.path} was written by a newer quizapp ({exc}); upgrade quizapp "
                "or start with another --data-dir (the file was left untouched)"
            ) from None
        except (
            json.JSONDecodeError,
            ValidationError,
            ValueError,
            KeyError,
            TypeError,
            RecursionError,
        ) as exc:
            raise _Unreadable(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc
        data.answers = records
        self._older_schema = version < SCHEMA_VERSION
        return data

    def _dated(self, pattern: str) -> Path:
        """A new file name in the data directory with the time in it (``{}`` is replaced)."""
        stamp = self.clock().strftime("%Y%m%d-%H%M%S")
        target = self.data_dir / pattern.format(stamp)
        counter = 1
        while target.exists():
            counter += 1
            target = self.data_dir / pattern.format(f"{stamp}-{counter}")
        return target

    def _move_aside(self) -> Path:
        target = self._dated("progress.corrupt-{}.json")
        try:
            os.replace(self.path, target)
        except OSError as exc:
            raise ProgressError(
                f"{self.path} cannot be read and cannot be moved aside ({exc.strerror or exc}); "
                "move it yourself or use --data-dir"
            ) from None
        return target

    def _set_aside_damaged(self, lines: list[bytes], good: list[bytes]) -> None:
        """Copy damaged journal lines to a dated file, then rewrite the journal without them."""
        target = self._dated("progress.journal.damaged-{}")
        try:
            atomic_write_bytes(target, b"\n".join(lines) + b"\n")
            atomic_write_bytes(self.journal_path, b"".join(line + b"\n" for line in good))
        except OSError as exc:
            raise ProgressError(
                f"{len(lines)} damaged line(s) in {self.journal_path} cannot be set aside "
                f"({exc.strerror or exc}); move the file yourself or use --data-dir"
            ) from None
        identity = journal_identity(self.journal_path)
        self._journal_id = identity[0] if identity else None
        self._journal_end = identity[1] if identity else 0
        self.notice = (
            f"{len(lines)} damaged line(s) in {self.journal_path.name} were moved to "
            f"{target}; the rest of your progress was loaded."
        )

    # -- taking in what other instances wrote ----------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """The lock, with everything other instances appended meanwhile taken in."""
        try:
            with exclusive_lock(self.lock_path, CHANGE_WAIT_SECONDS):
                self._catch_up()
                yield
        except OSError as exc:
            raise ProgressError(
                f"cannot save progress in {self.data_dir}: {exc.strerror or exc} "
                "(everything saved before is intact)"
            ) from None

    def _catch_up(self) -> None:
        identity = journal_identity(self.journal_path)
        if identity is None:
            self._journal_id, self._journal_end = None, 0
            return
        inode, size = identity
        if inode == self._journal_id and size >= self._journal_end:
            read = read_journal(self.journal_path, self._journal_end)
        else:  # folded (by us or another instance) since we last looked
            read = read_journal(self.journal_path)
            head = read.events[0] if read.events else None
            if head is not None and head.get("op") == "fold" and head.get("seq", 0) > self._seq:
                # Folded past what we have read: the snapshot holds lines we never saw.
                self._load()
                return
            self._journal_id, self._journal_lines = inode, 0
        for event in read.events:
            self._take(event)
        self._journal_end = read.end
        self._journal_lines += len(read.events)

    # -- writing ---------------------------------------------------------------

    def _change(self, change: Event | Callable[[], Event | None]) -> None:
        """Apply one change and append it to the journal: saved when this returns.

        ``change`` may be a function, called under the lock once what other
        instances wrote is taken in (None: nothing to write).
        """
        with self._locked():
            made = change() if callable(change) else change
            if made is None:
                return
            event = {"seq": self._seq + 1, **made}
            line = encode_event(event)
            try:
                self._state.apply(event)
            except ValueError as exc:  # nothing was changed or written
                raise ProgressError(f"that change cannot be saved: {exc}") from None
            self._seq += 1
            try:
                self._journal_end = append_line(self.journal_path, line, self._journal_end)
            except OSError as exc:
                self._load()  # what is in memory must be what is on disk
                raise ProgressError(
                    f"cannot save progress to {self.journal_path}: {exc.strerror or exc} "
                    "(that change was not saved; everything saved before is intact)"
                ) from None
            identity = journal_identity(self.journal_path)
            self._journal_id = identity[0] if identity else None
            self._journal_lines += 1

    def record_answer(
        self,
        question_id: str,
        choice: int,
        correct: bool,
        seconds: float,
        mode: Mode,
        shown: int | None = None,
    ) -> AnswerRecord:
        """Store one answer now; it is on disk when this returns.

        ``choice`` is the option's place in the bank, ``shown`` where it was shown.
        """
        record = AnswerRecord(
            id=uuid.uuid4().hex,
            question_id=question_id,
            choice=choice,
            correct=correct,
            seconds=round(max(0.0, seconds), 2),
            mode=mode,
            at=self.clock(),
            shown=shown,
        )
        self._change({"op": "answer", "answer": record.to_json()})
        return record

    def annotate_answer(
        self,
        answer_id: str,
        confidence: Confidence | None = None,
        miss_reason: MissReason | None = None,
    ) -> None:
        """Add the candidate's confidence or reason for a miss to a recorded answer."""
        event: Event = {"op": "note", "id": answer_id}
        if confidence is not None:
            event["confidence"] = confidence
        if miss_reason is not None:
            event["miss_reason"] = miss_reason
        self._change(event)

    def set_flag(self, question_id: str, flagged: bool) -> None:
        """Flag or unflag a question (flags are kept across sessions)."""
        self._change({"op": "flag", "question_id": question_id, "flagged": flagged})

    def set_setting(self, key: str, value: Any) -> None:
        """Remember a preference (theme, exam date...) across sessions."""
        self._change({"op": "setting", "key": key, "value": value})

    def set_exam_date(self, exam_date: date | None) -> None:
        """Remember the exam date; every missed question's schedule is capped to it."""
        self.set_setting("exam_date", exam_date.isoformat() if exam_date else None)

    def start_exam(self, state: ExamState) -> None:
        """Keep a new exam on disk, so it can be resumed after any crash."""
        self._change({"op": "exam", "event": "start", "state": state.model_dump(mode="json")})

    def exam_event(self, kind: str, state: ExamState) -> None:
        """Record what changed in the exam in progress (an answer, a flag, a move, the clock).

        The line holds only the fields that changed since the last event, so its
        size depends on the change, not on the exam or the history.
        """

        def event() -> Event | None:
            active = self._state.data.active_exam
            if active is None or active.id != state.id:
                raise ProgressError("that exam is no longer in progress (it was ended elsewhere)")
            patch = exam_patch(active, state)
            return (
                {"op": "exam", "event": kind, "exam_id": state.id, "set": patch} if patch else None
            )

        self._change(event)

    def abandon_active_exam(self) -> None:
        active = self._state.data.active_exam
        if active is not None:
            self._change({"op": "exam", "event": "abandon", "exam_id": active.id})

    def finish_exam(self, record: ExamRecord, seconds_on: dict[int, float]) -> None:
        """Store the result and every answer, and end the exam: one line, so all or nothing."""
        self._change(
            {
                "op": "exam",
                "event": "submit",
                "record": record.model_dump(mode="json"),
                "seconds_on": {str(k): round(v, 2) for k, v in seconds_on.items()},
            }
        )

    # -- folding ---------------------------------------------------------------

    @property
    def fold_due(self) -> bool:
        """Whether the journal is long enough (or the snapshot old enough) to fold."""
        return (
            self._older_schema
            or self._journal_lines >= FOLD_LINES
            or self._journal_end >= FOLD_BYTES
        )

    def plan_fold(self) -> Fold:
        """A fold of everything read so far; run it here or on any other thread."""
        data = self._state.data
        copy = data.model_copy(
            update={
                "seq": self._seq,
                "schema_version": SCHEMA_VERSION,
                "settings": dict(data.settings),
                "flagged": list(data.flagged),
                "cards": dict(data.cards),
                "active_exam": data.active_exam.model_copy(deep=True) if data.active_exam else None,
                "exam_history": list(data.exam_history),
            }
        )
        copy.answers = list(data.answers)
        self._older_schema = False
        self._journal_lines = 0
        return Fold(self.data_dir, copy)

    def compact(self) -> None:
        """Fold the journal into the snapshot now (before a backup, for instance)."""
        with self._locked():
            pass  # take in what others wrote, so the fold holds it too
        self.plan_fold().run()

    # -- reading the state -----------------------------------------------------

    @property
    def answers(self) -> list[AnswerRecord]:
        """The whole history, oldest first."""
        return self._state.data.answers

    @property
    def histories(self) -> Mapping[str, QuestionHistory]:
        """Attempts, misses, time and last result per question id, kept up to date."""
        return self._state.index.histories

    def answers_for(self, question_id: str) -> list[AnswerRecord]:
        """Every answer to one question, oldest first."""
        return self._state.index.answers_for(question_id)

    @property
    def exam_date(self) -> date | None:
        return self._state.exam_date

    @property
    def cards(self) -> dict[str, Card]:
        """FSRS cards per question; rebuilt from the history if the stored ones disagree."""
        stored = cards_from_json(self._state.data.cards)
        if set(stored) != set(self.histories):
            return rebuild_cards(self.answers, self.exam_date)
        return stored

    @property
    def due_dates(self) -> dict[str, DueDate]:
        """When each answered question is due, read from the stored cards."""
        dues = due_dates_from_json(self._state.data.cards)
        if dues is None or set(dues) != set(self.histories):
            return {qid: DueDate(card.due) for qid, card in self.cards.items()}
        return dues

    @property
    def active_exam(self) -> ExamState | None:
        return self._state.data.active_exam

    @property
    def exam_history(self) -> list[ExamRecord]:
        return self._state.data.exam_history

    @property
    def flagged(self) -> list[str]:
        return self._state.data.flagged

    def setting(self, key: str, default: Any = None) -> Any:
        return self._state.data.settings.get(key, default)

    @property
    def cards_json(self) -> dict[str, dict[str, Any]]:
        """The stored cards as written in the file."""
        return self._state.data.cards


@dataclass(frozen=True)
class Fold:
    """Writes a snapshot from a private copy of the state; safe on any thread.

    The snapshot is rendered and written to a temporary file without the lock;
    under the lock it replaces the old one and the journal is cut to the lines
    it does not hold, headed by a ``fold`` line. A crash at any point leaves
    either the old pair of files or the new one, and a line is applied once:
    the snapshot's ``seq`` says which lines it holds.
    """

    data_dir: Path
    data: ProgressData

    def run(self) -> None:
        path = self.data_dir / PROGRESS_FILE
        journal = self.data_dir / JOURNAL_FILE
        seq = self.data.seq
        try:
            temp = write_temp(path, render_snapshot(self.data))
        except OSError as exc:
            raise ProgressError(
                f"cannot fold progress into {path}: {exc.strerror or exc}"
            ) from None
        try:
            with exclusive_lock(self.data_dir / LOCK_FILE):
                read = read_journal(journal)
                head = read.events[0] if read.events else None
                if head is not None and head.get("op") == "fold" and head.get("seq", 0) >= seq:
                    return  # another instance folded as far or further meanwhile
                os.replace(temp, path)
                fsync_directory(self.data_dir)
                if read.damaged:  # never dropped unseen: kept beside the journal
                    stamp = utc_now().strftime("%Y%m%d-%H%M%S-%f")
                    aside = self.data_dir / f"progress.journal.damaged-{stamp}"
                    atomic_write_bytes(aside, b"\n".join(read.damaged) + b"\n")
                newer = [e for e in read.events if _newer(e, seq)]
                lines = encode_event({"seq": seq, "op": "fold"}) + b"".join(
                    encode_event(e) for e in newer
                )
                os.replace(write_temp(journal, lines), journal)
                fsync_directory(self.data_dir)
        except OSError as exc:
            raise ProgressError(
                f"cannot fold progress into {path}: {exc.strerror or exc}"
            ) from None
        finally:
            temp.unlink(missing_ok=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _newer(event: Event, seq: int) -> bool:
    """Whether a journal line is not in a snapshot of ``seq`` (lines without one always are)."""
    number = event.get("seq")
    return type(number) is int and number > seq and event.get("op") != "fold"
