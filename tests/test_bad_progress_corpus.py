"""Damaged progress files: start fresh or stop with a clear message; never destroy data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quizapp.core.errors import ProgressError
from quizapp.core.progress import atomic
from quizapp.core.progress.answers import SCHEMA_VERSION
from quizapp.core.progress.store import PROGRESS_FILE, ProgressStore
from tests.conftest import FakeClock

GOOD_ANSWER = {
    "id": "a",
    "question_id": "f2-x",
    "choice": 0,
    "correct": True,
    "seconds": 3.0,
    "mode": "drill",
    "at": "2026-11-01T09:00:00Z",
}
VALID = json.dumps({"schema_version": 2, "answers": [GOOD_ANSWER]}).encode()

# name -> bytes on disk; each must be moved aside (never overwritten) and a fresh file started
MOVED_ASIDE = {
    "empty": b"",
    "whitespace": b"   \n\n",
    "truncated-mid-record": VALID[: len(VALID) // 2],
    "truncated-last-brace": VALID[:-1],
    "not-json": b"progress: lots",
    "binary-garbage": bytes(range(256)),
    "nul-bytes": b"\x00" * 64,
    "json-list": b"[1, 2, 3]",
    "json-string": b'"hello"',
    "json-null": b"null",
    "no-version": json.dumps({"answers": []}).encode(),
    "version-zero": json.dumps({"schema_version": 0, "answers": []}).encode(),
    "version-as-text": json.dumps({"schema_version": "2", "answers": []}).encode(),
    "answers-not-list": json.dumps({"schema_version": 2, "answers": {"a": 1}}).encode(),
    "answer-missing-field": json.dumps(
        {"schema_version": 2, "answers": [{"id": "a", "question_id": "x"}]}
    ).encode(),
    "answer-bad-date": json.dumps(
        {"schema_version": 2, "answers": [{**GOOD_ANSWER, "at": "yesterday"}]}
    ).encode(),
    "answer-negative-seconds": json.dumps(
        {"schema_version": 2, "answers": [{**GOOD_ANSWER, "seconds": -5}]}
    ).encode(),
    "answer-unknown-mode": json.dumps(
        {"schema_version": 2, "answers": [{**GOOD_ANSWER, "mode": "party"}]}
    ).encode(),
    "deeply-nested": b"[" * 100_000 + b"]" * 100_000,
}


def test_corpus_size() -> None:
    assert len(MOVED_ASIDE) + 4 >= 15  # + future version, permissions, directory, disk full


@pytest.mark.parametrize("name", sorted(MOVED_ASIDE))
def test_damaged_file_is_kept_and_fresh_one_started(
    name: str, tmp_path: Path, clock: FakeClock
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / PROGRESS_FILE).write_bytes(MOVED_ASIDE[name])
    store = ProgressStore(data_dir, clock)
    kept = data_dir / "progress.corrupt-20261124-090000.json"
    assert kept.read_bytes() == MOVED_ASIDE[name]
    assert store.notice is not None and str(kept) in store.notice
    assert "\n" not in store.notice  # one line
    store.record_answer("f2-x", 0, True, 1, "drill")
    assert kept.read_bytes() == MOVED_ASIDE[name]


def test_future_version_left_in_place(tmp_path: Path, clock: FakeClock) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    content = json.dumps({"schema_version": SCHEMA_VERSION + 1, "answers": [], "x": 1}).encode()
    (data_dir / PROGRESS_FILE).write_bytes(content)
    with pytest.raises(ProgressError, match="newer quizapp"):
        ProgressStore(data_dir, clock)
    assert (data_dir / PROGRESS_FILE).read_bytes() == content
    assert list(data_dir.glob("progress.corrupt-*")) == []


def test_directory_in_place(tmp_path: Path, clock: FakeClock) -> None:
    (tmp_path / "data" / PROGRESS_FILE).mkdir(parents=True)
    with pytest.raises(ProgressError, match="not a regular file"):
        ProgressStore(tmp_path / "data", clock)


def test_unreadable_permissions(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / PROGRESS_FILE).write_bytes(VALID)

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(ProgressError, match="permission denied"):
        ProgressStore(data_dir, clock)
    monkeypatch.undo()
    assert (data_dir / PROGRESS_FILE).read_bytes() == VALID


def test_disk_full_on_write(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / PROGRESS_FILE).write_bytes(VALID)
    store = ProgressStore(data_dir, clock)

    def full(fd: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "write", full)
    with pytest.raises(ProgressError, match="No space left on device"):
        store.record_answer("f2-y", 1, False, 2, "drill")
    monkeypatch.undo()
    assert (data_dir / PROGRESS_FILE).read_bytes() == VALID
    assert [p.name for p in data_dir.iterdir() if p.name.endswith(".tmp")] == []


def test_cli_reports_in_one_line(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / PROGRESS_FILE).write_bytes(json.dumps({"schema_version": 9}).encode())
    env = {**os.environ, "QUIZAPP_DATA_DIR": str(data_dir)}
    result = subprocess.run(
        [sys.executable, "-m", "quizapp", "config"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("quizapp: ") and "newer quizapp" in line
