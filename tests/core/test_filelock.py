"""The lock between quizapp processes: told once that we wait, and a bounded wait."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from quizapp.core.errors import ProgressError
from quizapp.core.progress.filelock import exclusive_lock


def test_a_lock_held_elsewhere_is_waited_for_then_refused_with_what_to_do(
    tmp_path: Path,
) -> None:
    path = tmp_path / "progress.lock"
    told: list[int] = []
    with exclusive_lock(path):  # another open file: as another process would hold it
        started = time.monotonic()
        with (
            pytest.raises(ProgressError) as caught,
            exclusive_lock(path, timeout=0.3, on_wait=lambda: told.append(1)),
        ):
            pytest.fail("the lock is held")
        waited = time.monotonic() - started
    assert told == [1]  # once, however many times it looked
    assert 0.3 <= waited < 5
    assert str(caught.value) == (
        f"another quizapp has been using {tmp_path} for 0 s (it holds progress.lock); "
        "close it and try again, or use --data-dir"
    )


def test_waiting_without_being_told_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "progress.lock"
    with (
        exclusive_lock(path),
        pytest.raises(ProgressError, match="for 0 s"),
        exclusive_lock(path, timeout=0.1),
    ):
        pytest.fail("the lock is held")


def test_a_lock_released_meanwhile_is_taken(tmp_path: Path) -> None:
    path = tmp_path / "progress.lock"
    held, release = threading.Event(), threading.Event()

    def other() -> None:
        with exclusive_lock(path):
            held.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    held.wait(5)
    told: list[int] = []

    def on_wait() -> None:
        told.append(1)
        threading.Timer(0.15, release.set).start()

    inside = False
    with exclusive_lock(path, timeout=5, on_wait=on_wait):
        inside = True
    thread.join()
    assert inside and told == [1]


def test_a_free_lock_is_taken_without_a_word(tmp_path: Path) -> None:
    told: list[int] = []
    with exclusive_lock(tmp_path / "progress.lock", on_wait=lambda: told.append(1)):
        pass
    assert told == []
