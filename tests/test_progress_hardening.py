"""Damaged progress of every kind is set aside with one line, never a traceback, never lost."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.errors import ProgressError
from quizapp.core.progress import store as store_module
from quizapp.core.progress.exam_records import ExamState
from quizapp.core.progress.journal import JOURNAL_FILE
from quizapp.core.progress.store import LOCK_FILE, PROGRESS_FILE, ProgressStore
from tests.conftest import FakeClock

ANSWER = {
    "id": "good",
    "question_id": "a1-one",
    "choice": 0,
    "correct": True,
    "seconds": 3.0,
    "mode": "drill",
    "at": "2026-11-01T09:00:00+00:00",
}
EXAM = {
    "id": "x",
    "started_at": "2026-11-01T09:00:00+00:00",
    "time_limit_seconds": 60,
    "question_ids": ["a1-one"],
    "orders": [[0, 1, 2, 3]],
}


def line(event: object) -> bytes:
    return json.dumps(event).encode()


# name -> one journal line that must be set aside (the good lines around it are kept)
DAMAGED_LINES = {
    "text": b"progress: lots",
    "json-array": b"[]",
    "json-number": b"42",
    "json-string": b'"answer"',
    "json-null": b"null",
    "nul-bytes": b"\x00\x00\x00",
    "deeply-nested": b"[" * 50_000 + b"]" * 50_000,
    "unknown-op": line({"seq": 3, "op": "teleport"}),
    "seq-negative": line({"seq": -3, "op": "flag", "question_id": "a1-one", "flagged": True}),
    "seq-text": line({"seq": "2", "op": "flag", "question_id": "a1-one", "flagged": True}),
    "answer-bad-date": line({"seq": 3, "op": "answer", "answer": {**ANSWER, "at": "yesterday"}}),
    "answer-year-9999": line(
        {"seq": 3, "op": "answer", "answer": {**ANSWER, "at": "9999-12-31T23:59:59+00:00"}}
    ),
    "answer-year-1": line(
        {"seq": 3, "op": "answer", "answer": {**ANSWER, "at": "0001-01-01T00:00:00+00:00"}}
    ),
    "answer-escape-in-id": line(
        {"seq": 3, "op": "answer", "answer": {**ANSWER, "question_id": "a1\x1b]0;x\x07"}}
    ),
    "exam-date-year-1": line(
        {"seq": 3, "op": "setting", "key": "exam_date", "value": "0001-01-01"}
    ),
    "exam-date-year-9999": line(
        {"seq": 3, "op": "setting", "key": "exam_date", "value": "9999-12-31"}
    ),
    "flag-escape": line({"seq": 3, "op": "flag", "question_id": "\x1b[2J", "flagged": True}),
    "note-unknown-confidence": line({"seq": 3, "op": "note", "id": "good", "confidence": "maybe"}),
    "exam-start-year-9999": line(
        {
            "seq": 3,
            "op": "exam",
            "event": "start",
            "state": {**EXAM, "started_at": "9999-12-31T00:00:00+00:00"},
        }
    ),
    "exam-patch-not-object": line(
        {"seq": 3, "op": "exam", "event": "answer", "exam_id": "x", "set": [1, 2]}
    ),
}


def test_the_journal_corpus_is_large_enough() -> None:
    assert len(DAMAGED_LINES) >= 15


@pytest.mark.parametrize("name", sorted(DAMAGED_LINES))
def test_a_damaged_journal_line_is_set_aside_and_named(
    name: str, data_dir: Path, clock: FakeClock
) -> None:
    store = ProgressStore(data_dir, clock)
    store.record_answer("a1-one", 0, True, 3, "drill")
    store.start_exam(ExamState.model_validate({**EXAM, "started_at": clock()}))
    journal = data_dir / JOURNAL_FILE
    journal.write_bytes(journal.read_bytes() + DAMAGED_LINES[name] + b"\n")
    reopened = ProgressStore(data_dir, clock)
    [aside] = data_dir.glob("progress.journal.damaged-*")
    assert DAMAGED_LINES[name] in aside.read_bytes() or name in {"seq-text", "seq-negative"}
    assert reopened.notice is not None and str(aside) in reopened.notice
    assert "\n" not in reopened.notice
    assert [a.question_id for a in reopened.answers] == ["a1-one"]
    assert reopened.active_exam is not None  # the rest of the progress is all there
    reopened.record_answer("a1-two", 1, False, 2, "drill")
    assert [a.question_id for a in ProgressStore(data_dir, clock).answers] == ["a1-one", "a1-two"]


SNAPSHOTS_MOVED_ASIDE = {
    "exam-date-year-1": {"schema_version": 3, "settings": {"exam_date": "0001-01-01"}},
    "exam-date-year-9999": {"schema_version": 3, "settings": {"exam_date": "9999-12-31"}},
    "answer-year-9999": {
        "schema_version": 3,
        "answers": [{**ANSWER, "at": "9999-12-31T23:59:59+00:00"}],
    },
    "active-exam-year-1": {
        "schema_version": 3,
        "active_exam": {**EXAM, "started_at": "0001-01-01T00:00:00+00:00"},
    },
    "answer-escape-in-id": {
        "schema_version": 3,
        "answers": [{**ANSWER, "question_id": "a1\x9bx"}],
    },
}


@pytest.mark.parametrize("name", sorted(SNAPSHOTS_MOVED_ASIDE))
def test_unusable_dates_in_the_snapshot_are_damaged_data(
    name: str, data_dir: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir(parents=True)
    content = json.dumps(SNAPSHOTS_MOVED_ASIDE[name]).encode()
    (data_dir / PROGRESS_FILE).write_bytes(content)
    assert main(["--data-dir", str(data_dir), "stats"]) == 0  # no OverflowError, no traceback
    err = capsys.readouterr().err
    [kept] = data_dir.glob("progress.corrupt-*.json")
    assert kept.read_bytes() == content
    assert err.count("\n") == 1 and str(kept) in err


def test_duplicate_answer_ids_in_the_snapshot_count_once(data_dir: Path, clock: FakeClock) -> None:
    data_dir.mkdir(parents=True)
    snapshot = {"schema_version": 3, "answers": [ANSWER, ANSWER, {**ANSWER, "id": "other"}]}
    (data_dir / PROGRESS_FILE).write_text(json.dumps(snapshot))
    store = ProgressStore(data_dir, clock)
    assert [a.id for a in store.answers] == ["good", "other"]
    assert store.histories["a1-one"].attempts == 2


@pytest.mark.parametrize("value", ["0001-01-01", "2020-01-01", "9999-12-31"])
def test_config_refuses_absurd_and_past_exam_dates(
    value: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "config", "--exam-date", value]) == 2
    err = capsys.readouterr().err
    assert err.startswith("quizapp: exam date ") and err.count("\n") == 1
    assert ProgressStore(data_dir).exam_date is None


@pytest.mark.parametrize("name", [JOURNAL_FILE, LOCK_FILE, PROGRESS_FILE])
def test_a_directory_in_place_of_a_file_is_one_line(
    name: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / name).mkdir(parents=True)
    assert main(["--data-dir", str(data_dir), "stats"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not a regular file" in err and "--data-dir" in err


def test_a_data_dir_that_cannot_be_written_is_one_line(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir(parents=True)
    real_open = os.open

    def read_only(path: object, flags: int, *args: object) -> int:
        if str(path).endswith(LOCK_FILE) and flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only)
    assert main(["--data-dir", str(data_dir), "stats"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write in" in err and "--data-dir" in err


def test_stale_temp_files_of_dead_processes_are_removed(data_dir: Path, clock: FakeClock) -> None:
    data_dir.mkdir(parents=True)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(dead.stdout)
    stale = data_dir / f".progress.json.{dead_pid}.tmp"
    live = data_dir / f".progress.json.{os.getppid()}.tmp"
    other = data_dir / "notes.tmp"
    for path in (stale, live, other):
        path.write_bytes(b"half a file")
    ProgressStore(data_dir, clock)
    assert not stale.exists()
    assert live.exists() and other.exists()  # a live process's file, and not ours


HOLD_LOCK = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
time.sleep(60)
"""


def test_a_lock_held_by_a_live_process_is_waited_for_a_bounded_time(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir(parents=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(data_dir / LOCK_FILE)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        monkeypatch.setattr(store_module, "OPEN_WAIT_SECONDS", 0.5)
        started = time.monotonic()
        assert main(["--data-dir", str(data_dir), "stats"]) == 1
        assert time.monotonic() - started < 5
        err = capsys.readouterr().err.splitlines()
        assert err[0] == "quizapp: another quizapp is saving; waiting for it..."
        assert len(err) == 2 and "another quizapp has been using" in err[1]
    finally:
        holder.kill()
        holder.wait()
    with pytest.raises(ProgressError):  # the lock was never taken from the holder
        fcntl.flock(os.open(data_dir / LOCK_FILE, os.O_RDWR), fcntl.LOCK_EX | fcntl.LOCK_NB)
        raise ProgressError("free once the holder is gone")


@pytest.mark.parametrize("target", ["missing-dir/x.csv", "a-directory"])
def test_export_to_an_unwritable_place_is_one_line(
    target: str, tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-directory").mkdir()
    assert main(["--data-dir", str(data_dir), "export", "-o", str(tmp_path / target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("quizapp: cannot write ") and err.count("\n") == 1
