"""The progress store: every answer in one local JSON file, never corrupted, never lost.

``progress.json`` is a snapshot, replaced atomically; answers are appended to
``progress.journal`` (one fsynced line each) and folded into the snapshot every
``COMPACT_EVERY`` answers or with the next snapshot write. Two running instances
may share the files: every write takes an OS lock, first takes in what the other
process wrote (answers are merged by id), then adds its own.
A file that cannot be read is moved aside to a dated name, never overwritten.
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from fsrs import Card
from pydantic import ValidationError

from quizapp.core.clock import Clock as Clock
from quizapp.core.clock import utc_now as utc_now
from quizapp.core.errors import ProgressError
from quizapp.core.progress.answers import (
    PROGRESS_FILE,
    SCHEMA_VERSION,
    AnswerRecord,
    Confidence,
    MissReason,
    Mode,
    exam_date_setting,
)
from quizapp.core.progress.atomic import atomic_write_bytes
from quizapp.core.progress.data import ProgressData
from quizapp.core.progress.due import DueDate, due_dates_from_json
from quizapp.core.progress.exam_records import ExamRecord, ExamState
from quizapp.core.progress.filelock import exclusive_lock
from quizapp.core.progress.gc_pause import paused_gc
from quizapp.core.progress.head import ProgressView
from quizapp.core.progress.history import AnswerIndex, QuestionHistory
from quizapp.core.progress.journal import (
    JOURNAL_FILE,
    JournalEntry,
    append_entry,
    clear_journal,
    fold_into_totals,
    read_journal,
)
from quizapp.core.progress.migrations import FutureSchemaError, migrate, schema_version_of
from quizapp.core.progress.scheduling import cards_from_json, cards_to_json, rebuild_cards
from quizapp.core.progress.snapshot import (
    answer_from_json,
    parse_answers,
    render_snapshot,
    split_snapshot,
    summary_from_json,
)

LOCK_FILE = "progress.lock"
COMPACT_EVERY = 2000

Change = Callable[[ProgressData], None]


@dataclass(frozen=True)
class _Stamp:
    """Identifies a version of the file on disk, to skip re-reading an unchanged file."""

    inode: int
    size: int
    mtime_ns: int


def _stamp(path: Path) -> _Stamp | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return _Stamp(st.st_ino, st.st_size, st.st_mtime_ns)


class _Unreadable(Exception):
    """The file exists but its content is not a progress file we can use."""


class ProgressStore:
    """Reads and writes ``progress.json`` in a data directory."""

    def __init__(self, data_dir: Path, clock: Clock = utc_now, lazy: bool = False) -> None:
        """With ``lazy``, a long answer history is read later (``load_answers``).

        The per-question totals the snapshot carries are enough for the home
        screen, so the app can show it before the history is parsed.
        """
        self.data_dir = data_dir
        self.path = data_dir / PROGRESS_FILE
        self.clock = clock
        self.notice: str | None = None
        """One line for the user when the file had to be moved aside."""
        self.journal_path = data_dir / JOURNAL_FILE
        self._pending: list[Change] = []
        self._stamp: _Stamp | None = None
        self._journal_end = 0
        self._journal_entries = 0
        self._index = AnswerIndex()
        self._deferred: tuple[str, int] | None = None
        """The snapshot's text and where its answers array starts, until it is read."""
        self._summary: dict[str, QuestionHistory] = {}
        self._load_lock = threading.Lock()
        self._prepare_directory()
        with exclusive_lock(self._lock_path), paused_gc():
            self.data = self._load_or_recover(lazy)
            if self._deferred is None:
                self._take_in_journal(self.data, from_start=True)
            else:
                self._peek_journal()

    def _reschedule(self, data: ProgressData, question_ids: set[str] | None) -> None:
        """Replay the history of some questions (None: all) into their FSRS cards."""
        if question_ids is None:
            data.cards = {}
            answers = data.answers
        else:
            self._index.sync(data.answers)
            answers = [a for qid in question_ids for a in self._index.answers_for(qid)]
        data.cards.update(cards_to_json(rebuild_cards(answers, exam_date_setting(data.settings))))

    @property
    def _lock_path(self) -> Path:
        return self.data_dir / LOCK_FILE

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
        if self.path.exists() and not self.path.is_file():
            raise ProgressError(
                f"{self.path} is not a regular file; move it away or use --data-dir"
            )

    # -- reading ---------------------------------------------------------

    def _read(self, lazy: bool = False) -> ProgressData | None:
        """Parse the file on disk; None if there is none."""
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
            # Fast path: a current file, its answers turned into records one by one.
            top, answers, deferred = split_snapshot(text, defer_answers=lazy)
            if schema_version_of(top) == SCHEMA_VERSION and "answers" not in top:
                current = ProgressData.model_validate(top)
                summary = summary_from_json(current.question_stats)
                if deferred is not None and summary is not None:
                    self._deferred, self._summary = (text, deferred), summary
                elif deferred is not None:  # no usable totals: read the answers now
                    answers, _ = parse_answers(text, deferred)
                current.answers = answers or []
                return current
        except (ValueError, RecursionError):
            pass  # older, newer or damaged: the careful path below says which
        try:
            raw: Any = json.loads(text)
            if not isinstance(raw, dict):
                raise _Unreadable("not a JSON object")
            migrated = migrate(raw)
            raw_answers = migrated.pop("answers", [])
            if not isinstance(raw_answers, list):
                raise _Unreadable("'answers' is not a list")
            records = [answer_from_json(item, n) for n, item in enumerate(raw_answers, 1)]
            data = ProgressData.model_validate(migrated)
            data.answers = records
            return data
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

    def _load_or_recover(self, lazy: bool = False) -> ProgressData:
        try:
            data = self._read(lazy)
        except _Unreadable as exc:
            moved = self._move_aside()
            self.notice = (
                f"Your progress file could not be read ({exc}); it was kept as {moved} "
                "and quizapp started a fresh one."
            )
            data = None
        self._stamp = _stamp(self.path)
        return data if data is not None else ProgressData()

    def _move_aside(self) -> Path:
        stamp = self.clock().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"progress.corrupt-{stamp}.json")
        counter = 1
        while target.exists():
            counter += 1
            target = self.path.with_name(f"progress.corrupt-{stamp}-{counter}.json")
        try:
            os.replace(self.path, target)
        except OSError as exc:
            raise ProgressError(
                f"{self.path} cannot be read and cannot be moved aside ({exc.strerror or exc}); "
                "move it yourself or use --data-dir"
            ) from None
        return target

    # -- writing ---------------------------------------------------------

    def _apply(self, change: Change) -> None:
        self.load_answers()
        change(self.data)
        self._pending.append(change)
        self.save()

    def _take_in_journal(self, data: ProgressData, from_start: bool = False) -> None:
        """Add the journal's answers (from our last offset) that ``data`` does not have yet."""
        start = 0 if from_start else self._journal_end
        read = read_journal(self.journal_path, start)
        if from_start:
            self._journal_entries = 0
        if read.entries:
            known = {a.id for a in data.answers}
            for entry in read.entries:
                if entry.answer.id in known:
                    continue
                known.add(entry.answer.id)
                data.answers.append(entry.answer)
                if entry.card is not None:
                    data.cards[entry.answer.question_id] = entry.card
                else:
                    self._reschedule(data, {entry.answer.question_id})
        self._journal_entries += len(read.entries)
        self._journal_end = read.end
        if read.damaged_lines and self.notice is None:
            self.notice = (
                f"{read.damaged_lines} damaged line(s) in {self.journal_path} were skipped; "
                "the rest of your progress was loaded."
            )

    def _sync_from_disk(self) -> None:
        """Under the lock: take in what another instance wrote since we last looked."""
        if _stamp(self.path) != self._stamp:
            try:
                on_disk = self._read()
            except _Unreadable:
                # Someone else broke the file since we read it: keep it, write ours.
                self._move_aside()
                on_disk = None
            base = on_disk if on_disk is not None else ProgressData()
            self._take_in_journal(base, from_start=True)
            for change in self._pending:
                change(base)
            self.data = base
            self._stamp = _stamp(self.path)
        else:
            self._take_in_journal(self.data)

    def compact(self) -> None:
        """Fold the journal into the snapshot now (before a backup, for instance)."""
        self.load_answers()
        with exclusive_lock(self._lock_path):
            self._write_snapshot()

    def save(self) -> None:
        """Write the snapshot with this instance's pending changes, then empty the journal."""
        if not self._pending:
            return
        self.load_answers()
        with exclusive_lock(self._lock_path):
            self._write_snapshot()

    def _write_snapshot(self) -> None:
        self._sync_from_disk()
        self._index.sync(self.data.answers)
        payload = render_snapshot(self.data, self._index.histories)
        try:
            atomic_write_bytes(self.path, payload)
        except OSError as exc:
            raise ProgressError(
                f"cannot save progress to {self.path}: {exc.strerror or exc} "
                "(the previous file is intact)"
            ) from None
        self._pending.clear()
        self._stamp = _stamp(self.path)
        clear_journal(self.journal_path)
        self._journal_end = 0
        self._journal_entries = 0

    def record_answer(
        self,
        question_id: str,
        choice: int,
        correct: bool,
        seconds: float,
        mode: Mode,
    ) -> AnswerRecord:
        """Store one answer now; it is on disk when this returns."""
        self.load_answers()
        record = AnswerRecord(
            id=uuid.uuid4().hex,
            question_id=question_id,
            choice=choice,
            correct=correct,
            seconds=round(max(0.0, seconds), 2),
            mode=mode,
            at=self.clock(),
        )

        def add(data: ProgressData) -> None:
            if all(a.id != record.id for a in data.answers[-50:]):
                data.answers.append(record)
                self._reschedule(data, {question_id})

        if self._pending:  # an earlier write failed: go through the snapshot path
            self._apply(add)
            return record
        with exclusive_lock(self._lock_path):
            self._sync_from_disk()
            add(self.data)
            entry = JournalEntry(record, self.data.cards.get(question_id))
            try:
                self._journal_end = append_entry(self.journal_path, entry, self._journal_end)
            except OSError as exc:
                self._pending.append(add)
                raise ProgressError(
                    f"cannot save progress to {self.journal_path}: {exc.strerror or exc} "
                    "(everything saved before is intact; quizapp retries with the next save)"
                ) from None
            self._journal_entries += 1
            if self._journal_entries >= COMPACT_EVERY:
                self._write_snapshot()
        return record

    def annotate_answer(
        self,
        answer_id: str,
        confidence: Confidence | None = None,
        miss_reason: MissReason | None = None,
    ) -> None:
        """Add the candidate's confidence or reason for a miss to a recorded answer."""

        def put(data: ProgressData) -> None:
            for index in range(len(data.answers) - 1, -1, -1):
                answer = data.answers[index]
                if answer.id == answer_id:
                    update: dict[str, Any] = {}
                    if confidence is not None:
                        update["confidence"] = confidence
                    if miss_reason is not None:
                        update["miss_reason"] = miss_reason
                    data.answers[index] = replace(answer, **update)
                    self._reschedule(data, {answer.question_id})
                    return

        self._apply(put)

    def set_exam_date(self, exam_date: date | None) -> None:
        """Remember the exam date and re-cap every schedule to it."""

        def put(data: ProgressData) -> None:
            data.settings["exam_date"] = exam_date.isoformat() if exam_date else None
            self._reschedule(data, None)

        self._apply(put)

    @property
    def exam_date(self) -> date | None:
        return exam_date_setting(self.data.settings)

    @property
    def cards(self) -> dict[str, Card]:
        """FSRS cards per question; rebuilt from the history if the stored ones disagree."""
        stored = cards_from_json(self.data.cards)
        answered = set(self.histories)
        if set(stored) != answered:
            return rebuild_cards(self.data.answers, self.exam_date)
        return stored

    @property
    def due_dates(self) -> dict[str, DueDate]:
        """When each answered question is due, without building FSRS cards (for the home)."""
        dues = due_dates_from_json(self.data.cards)
        if dues is None or set(dues) != set(self.histories):
            return {qid: DueDate(card.due) for qid, card in self.cards.items()}
        return dues

    def set_setting(self, key: str, value: Any) -> None:
        """Remember a preference (theme, exam date...) across sessions."""

        def put(data: ProgressData) -> None:
            data.settings[key] = value

        self._apply(put)

    def save_active_exam(self, state: ExamState) -> None:
        """Keep the exam in progress on disk (called after every change)."""
        snapshot = state.model_copy(deep=True)

        def put(data: ProgressData) -> None:
            data.active_exam = snapshot

        self._apply(put)

    def abandon_active_exam(self) -> None:
        def drop(data: ProgressData) -> None:
            data.active_exam = None

        self._apply(drop)

    def finish_exam(self, record: ExamRecord, seconds_on: dict[int, float]) -> None:
        """Store the result, every answer as an exam answer, and end the active exam.

        One change, so a crash leaves either the running exam or the finished one.
        """
        at = record.finished_at
        answers = [
            AnswerRecord(
                id=f"{record.id}-{position}",
                question_id=question_id,
                choice=record.chosen[position],
                correct=record.correct_at(position),
                seconds=round(seconds_on.get(position, 0.0), 2),
                mode="exam",
                at=at,
            )
            for position, question_id in enumerate(record.question_ids)
        ]

        def put(data: ProgressData) -> None:
            if any(r.id == record.id for r in data.exam_history):
                return
            data.exam_history.append(record)
            data.answers.extend(answers)
            self._reschedule(data, set(record.question_ids))
            if data.active_exam is not None and data.active_exam.id == record.id:
                data.active_exam = None

        self._apply(put)

    @property
    def active_exam(self) -> ExamState | None:
        return self.data.active_exam

    @property
    def exam_history(self) -> list[ExamRecord]:
        return self.data.exam_history

    def set_flag(self, question_id: str, flagged: bool) -> None:
        """Flag or unflag a question (flags are kept across sessions)."""

        def put(data: ProgressData) -> None:
            if flagged and question_id not in data.flagged:
                data.flagged.append(question_id)
            elif not flagged and question_id in data.flagged:
                data.flagged.remove(question_id)

        self._apply(put)

    @property
    def flagged(self) -> list[str]:
        return self.data.flagged

    def setting(self, key: str, default: Any = None) -> Any:
        return self.data.settings.get(key, default)

    @property
    def answers(self) -> list[AnswerRecord]:
        """The whole history, oldest first (read now if it was deferred)."""
        self.load_answers()
        return self.data.answers

    @property
    def histories(self) -> Mapping[str, QuestionHistory]:
        """Attempts, misses, time and last result per question id, kept up to date."""
        if self._deferred is not None:
            return self._summary
        self._index.sync(self.data.answers)
        return self._index.histories

    def answers_for(self, question_id: str) -> list[AnswerRecord]:
        """Every answer to one question, oldest first, from the per-question index."""
        self.load_answers()
        self._index.sync(self.data.answers)
        return self._index.answers_for(question_id)

    def view(self) -> ProgressView:
        """The standing the home screen draws (``read_progress_head`` reads it before start)."""
        theme = self.setting("theme")
        return ProgressView(
            histories=self.histories,
            flagged=self.flagged,
            due_dates=self.due_dates,
            exam_date=self.exam_date,
            exams=self.exam_history,
            exam_in_progress=self.active_exam is not None,
            theme=theme if isinstance(theme, str) else None,
        )

    @property
    def answers_loaded(self) -> bool:
        return self._deferred is None

    def _peek_journal(self) -> None:
        """Lazy start: count the journal's answers in the totals and take in their cards."""
        fold_into_totals(read_journal(self.journal_path, 0).entries, self._summary, self.data.cards)

    def load_answers(self) -> None:
        """Read a deferred answer history; safe to call from a worker thread, once or often.

        The new state is built aside and published with one assignment, so the
        UI thread reading totals or cards meanwhile never sees it half-built.
        """
        if self._deferred is None:
            return
        with self._load_lock:
            if self._deferred is None:
                return
            text, start = self._deferred
            with exclusive_lock(self._lock_path), paused_gc():
                if _stamp(self.path) != self._stamp:
                    # Another instance rewrote the file since start-up: read what is there now.
                    loaded = self._load_or_recover()
                else:
                    loaded = self._parse_deferred(text, start)
                self._take_in_journal(loaded, from_start=True)
                self.data = loaded
                self._deferred, self._summary = None, {}

    def _parse_deferred(self, text: str, start: int) -> ProgressData:
        try:
            answers, _ = parse_answers(text, start)
        except (ValueError, RecursionError) as exc:
            # Damaged after all (start-up only stepped over the answers): keep the file.
            moved = self._move_aside()
            self.notice = (
                f"Your progress file could not be read ({exc}); it was kept as {moved} "
                "and quizapp started a fresh one."
            )
            self._stamp = _stamp(self.path)
            return ProgressData()
        loaded = self.data.model_copy()
        loaded.cards = dict(self.data.cards)
        loaded.answers = answers
        return loaded
