"""The store's promises one by one: what a change costs, when a fold is due, what a fold holds,
what other instances see, and what the candidate is told when something cannot be used."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from quizapp.core.errors import ProgressError
from quizapp.core.progress import store as store_module
from quizapp.core.progress.answers import PROGRESS_FILE
from quizapp.core.progress.journal import JOURNAL_FILE, JournalRead
from quizapp.core.progress.store import ProgressStore
from tests.conftest import FakeClock, exam_in_progress, finished_exam

GOOD_ANSWER = {
    "id": "a",
    "question_id": "a1-one",
    "choice": 0,
    "correct": True,
    "seconds": 3.0,
    "mode": "drill",
    "at": "2026-11-01T09:00:00+00:00",
}


def journal_lines(data_dir: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in (data_dir / JOURNAL_FILE).read_bytes().splitlines()]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The offset of every journal read the store makes."""
    offsets: list[int] = []
    real: Callable[..., JournalRead] = store_module.read_journal

    def spy(path: Path, start: int = 0) -> JournalRead:
        offsets.append(start)
        return real(path, start)

    monkeypatch.setattr(store_module, "read_journal", spy)
    return offsets


# -- what a change costs -----------------------------------------------------------------


def test_a_change_reads_only_what_was_written_since_the_last_one(
    data_dir: Path, clock: FakeClock, reads: list[int]
) -> None:
    store = ProgressStore(data_dir, clock)
    journal = data_dir / JOURNAL_FILE
    for n in range(3):
        store.set_flag(f"q{n}", True)
    reopened = ProgressStore(data_dir, clock)
    sizes = [journal.stat().st_size]
    reads.clear()
    reopened.set_flag("q9", True)
    sizes.append(journal.stat().st_size)
    other = ProgressStore(data_dir, clock)
    other.set_flag("q10", True)
    sizes.append(journal.stat().st_size)
    reopened.set_flag("q11", True)
    # reopened: from where it stopped each time; the other instance: all of it once, on opening
    assert reads == [sizes[0], 0, sizes[1], sizes[1]]
    assert reopened.flagged == ["q0", "q1", "q2", "q9", "q10", "q11"]


def test_after_damaged_lines_are_set_aside_the_next_change_follows_the_good_ones(
    data_dir: Path, clock: FakeClock, reads: list[int]
) -> None:
    store = ProgressStore(data_dir, clock)
    store.set_flag("q1", True)
    journal = data_dir / JOURNAL_FILE
    journal.write_bytes(journal.read_bytes() + b"garbage\n")
    store.set_flag("q2", True)
    reopened = ProgressStore(data_dir, clock)
    assert reopened.notice is not None
    good_size = journal.stat().st_size
    reads.clear()
    reopened.set_flag("q3", True)
    assert reads == [good_size]
    assert [line["seq"] for line in journal_lines(data_dir)] == [1, 2, 3]
    assert ProgressStore(data_dir, clock).flagged == ["q1", "q2", "q3"]


def test_a_journal_emptied_by_another_instance_is_taken_in(
    data_dir: Path, clock: FakeClock
) -> None:
    store = ProgressStore(data_dir, clock)
    journal = data_dir / JOURNAL_FILE
    journal.write_bytes(b"garbage\n")
    ProgressStore(data_dir, clock)  # sets the line aside: the journal is now empty
    assert journal.read_bytes() == b""
    store.set_flag("q1", True)
    assert ProgressStore(data_dir, clock).flagged == ["q1"]


# -- when a fold is due, what it holds ------------------------------------------------------


def test_a_fold_is_due_after_so_many_lines_whoever_wrote_them(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "FOLD_LINES", 3)
    store = ProgressStore(data_dir, clock)
    assert not store.fold_due
    store.set_flag("q1", True)
    store.set_flag("q2", True)
    assert not store.fold_due
    store.set_flag("q3", True)
    assert store.fold_due
    fold = store.plan_fold()
    assert not store.fold_due
    store.set_flag("q4", True)
    store.set_flag("q5", True)
    assert not store.fold_due  # two lines since the fold was planned
    fold.run()
    store.plan_fold().run()  # the journal is now its fold line alone
    store.set_flag("q6", True)
    other = ProgressStore(data_dir, clock)
    other.set_flag("q7", True)
    assert not store.fold_due  # it has not looked yet
    store.set_flag("q8", True)  # takes in q7 first: q6, q7, q8 since the fold
    assert store.fold_due


def test_lines_after_a_fold_by_another_instance_are_counted_from_that_fold(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "FOLD_LINES", 3)
    store = ProgressStore(data_dir, clock)
    store.set_flag("q1", True)
    other = ProgressStore(data_dir, clock)
    other.compact()  # the journal is now its fold line alone
    store.set_flag("q2", True)  # fold line + this line
    assert not store.fold_due
    store.set_flag("q3", True)
    assert store.fold_due


def test_a_fold_of_nothing_can_be_read_back(data_dir: Path, clock: FakeClock) -> None:
    ProgressStore(data_dir, clock).compact()  # no journal yet
    assert journal_lines(data_dir) == [{"seq": 0, "op": "fold"}]
    reopened = ProgressStore(data_dir, clock)
    assert reopened.notice is None and not reopened.fold_due
    reopened.set_flag("q1", True)
    assert journal_lines(data_dir)[-1]["seq"] == 1


def test_a_fold_holds_the_state_as_planned_not_later_changes(
    data_dir: Path, clock: FakeClock
) -> None:
    store = ProgressStore(data_dir, clock)
    store.set_setting("theme", "nord")
    store.set_flag("q1", True)
    store.record_answer("a1-one", 0, False, 3, "drill")
    store.start_exam(exam_in_progress(clock))
    fold = store.plan_fold()
    store.set_setting("theme", "gruvbox")
    store.set_flag("q2", True)
    store.record_answer("a1-two", 0, True, 3, "drill")
    active = store.active_exam
    assert active is not None
    moved = active.model_copy(deep=True)
    moved.answers[0] = 2
    store.exam_event("answer", moved)
    store.finish_exam(finished_exam(clock, 1, 1), {})
    fold.run()
    snapshot = json.loads((data_dir / PROGRESS_FILE).read_text())
    assert list(snapshot) == [
        "schema_version",
        "seq",
        "settings",
        "flagged",
        "cards",
        "active_exam",
        "exam_history",
        "answers",
    ]
    assert snapshot["seq"] == 4 and snapshot["settings"] == {"theme": "nord"}
    assert snapshot["flagged"] == ["q1"] and list(snapshot["cards"]) == ["a1-one"]
    assert snapshot["active_exam"]["answers"] == {} and snapshot["exam_history"] == []
    assert [a["question_id"] for a in snapshot["answers"]] == ["a1-one"]
    newer = journal_lines(data_dir)
    assert [(line["seq"], line["op"]) for line in newer] == [
        (4, "fold"),
        (5, "setting"),
        (6, "flag"),
        (7, "answer"),
        (8, "exam"),
        (9, "exam"),
    ]
    again = ProgressStore(data_dir, clock)
    assert again.setting("theme") == "gruvbox" and again.flagged == ["q1", "q2"]
    assert [r.id for r in again.exam_history] == ["exam-1"]
    assert again.active_exam is not None and again.active_exam.answers == {0: 2}


def test_damaged_lines_met_by_a_fold_are_kept_beside_the_journal(
    data_dir: Path, clock: FakeClock
) -> None:
    store = ProgressStore(data_dir, clock)
    store.set_flag("q1", True)
    fold = store.plan_fold()
    journal = data_dir / JOURNAL_FILE
    journal.write_bytes(journal.read_bytes() + b"garbage one\n[]\n")  # written meanwhile
    fold.run()
    [aside] = data_dir.glob("progress.journal.damaged-*")
    assert re.fullmatch(r"progress\.journal\.damaged-\d{8}-\d{6}-\d{6}", aside.name)
    assert aside.read_bytes() == b"garbage one\n[]\n"
    assert journal_lines(data_dir) == [{"seq": 1, "op": "fold"}]


def test_a_fold_that_cannot_be_written_says_why(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore(data_dir, clock)
    store.set_flag("q1", True)

    def full(path: Path, payload: bytes) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module, "write_temp", full)
    with pytest.raises(ProgressError) as caught:
        store.compact()
    assert str(caught.value) == (
        f"cannot fold progress into {data_dir / PROGRESS_FILE}: No space left on device"
    )


def test_a_fold_that_cannot_cut_the_journal_says_why(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore(data_dir, clock)
    store.set_flag("q1", True)
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        if Path(dst).name == JOURNAL_FILE:
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(store_module.os, "replace", replace)
    with pytest.raises(ProgressError) as caught:
        store.compact()
    assert str(caught.value) == (
        f"cannot fold progress into {data_dir / PROGRESS_FILE}: Input/output error"
    )


# -- changes ----------------------------------------------------------------------------------


def test_an_exam_event_that_changes_nothing_writes_nothing(
    data_dir: Path, clock: FakeClock
) -> None:
    store = ProgressStore(data_dir, clock)
    state = exam_in_progress(clock)
    store.start_exam(state)
    store.exam_event("clock", state.model_copy(deep=True))
    assert len(journal_lines(data_dir)) == 1


def test_an_exam_ended_elsewhere_is_named(data_dir: Path, clock: FakeClock) -> None:
    store = ProgressStore(data_dir, clock)
    with pytest.raises(ProgressError) as caught:
        store.exam_event("flag", exam_in_progress(clock))
    assert str(caught.value) == "that exam is no longer in progress (it was ended elsewhere)"


def test_times_are_saved_to_the_hundredth_and_never_negative(
    data_dir: Path, clock: FakeClock
) -> None:
    store = ProgressStore(data_dir, clock)
    assert store.record_answer("a1-one", 0, True, 0.0, "drill").seconds == 0.0
    assert store.record_answer("a1-one", 0, True, -3, "drill").seconds == 0.0
    assert store.record_answer("a1-one", 0, True, 2.3456, "drill").seconds == 2.35
    store.finish_exam(finished_exam(clock, 0, 1, questions=2), {0: 12.3456, 1: 0.004})
    assert journal_lines(data_dir)[-1]["seconds_on"] == {"0": 12.35, "1": 0.0}


def test_the_exam_date_is_set_and_cleared(data_dir: Path, clock: FakeClock) -> None:
    store = ProgressStore(data_dir, clock)
    store.set_exam_date(date(2027, 3, 15))
    assert store.exam_date == date(2027, 3, 15) and store.setting("exam_date") == "2027-03-15"
    store.set_exam_date(None)
    assert store.exam_date is None and store.setting("exam_date") is None
    assert store.setting("missing", "fallback") == "fallback" and store.setting("missing") is None


def test_the_answers_to_one_question_oldest_first(data_dir: Path, clock: FakeClock) -> None:
    store = ProgressStore(data_dir, clock)
    first = store.record_answer("a1-one", 0, True, 1, "drill")
    store.record_answer("a1-two", 0, True, 1, "drill")
    clock.advance(60)
    second = store.record_answer("a1-one", 1, False, 1, "drill")
    assert store.answers_for("a1-one") == [first, second] and store.answers_for("x") == []


# -- what the candidate is told ------------------------------------------------------------


def test_a_data_dir_is_created_with_its_parents(tmp_path: Path, clock: FakeClock) -> None:
    store = ProgressStore(tmp_path / "deep" / "er" / "data", clock)
    store.set_flag("q1", True)
    assert (tmp_path / "deep" / "er" / "data" / JOURNAL_FILE).is_file()


def test_a_data_dir_that_cannot_be_used_is_named(tmp_path: Path, clock: FakeClock) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(ProgressError) as caught:
        ProgressStore(tmp_path / "file", clock)
    assert str(caught.value) == (
        f"cannot create data directory {tmp_path / 'file'}: File exists; "
        "choose another with --data-dir"
    )
    with pytest.raises(ProgressError) as caught:
        ProgressStore(tmp_path / "file" / "data", clock)
    assert str(caught.value) == (
        f"cannot create data directory {tmp_path / 'file' / 'data'}: Not a directory; "
        "choose another with --data-dir"
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"a": "\xff"}', "not UTF-8 text (invalid start byte at byte 7)"),
        (json.dumps({"schema_version": 3, "answers": 5}).encode(), "'answers' is not a list"),
        (json.dumps({"schema_version": 2, "answers": 5}).encode(), "'answers' is not a list"),
        (b"[1]", "not a JSON object"),
        (b"progress: lots", "Expecting value: line 1 column 1 (char 0)"),
        (
            json.dumps({"schema_version": 3, "settings": [1]}).encode(),
            "1 validation error for ProgressData",
        ),
        (
            json.dumps(
                {"schema_version": 2, "answers": [GOOD_ANSWER, {**GOOD_ANSWER, "mode": "party"}]}
            ).encode(),
            "answer 2: mode must be one of drill, exam, review, not 'party'",
        ),
    ],
    ids=["not-utf8", "answers-3", "answers-2", "list", "not-json", "settings", "second-answer"],
)
def test_a_progress_file_that_cannot_be_read_is_kept_and_the_reason_given(
    data_dir: Path, clock: FakeClock, content: bytes, reason: str
) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / PROGRESS_FILE).write_bytes(content)
    store = ProgressStore(data_dir, clock)
    kept = data_dir / "progress.corrupt-20261124-090000.json"
    assert store.notice == (
        f"Your progress file could not be read ({reason}); it was kept as {kept} "
        "and quizapp started a fresh one."
    )


def test_an_older_file_without_answers_is_read_as_empty(data_dir: Path, clock: FakeClock) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / PROGRESS_FILE).write_text(json.dumps({"schema_version": 2, "flagged": ["q"]}))
    store = ProgressStore(data_dir, clock)
    assert store.notice is None and store.answers == [] and store.flagged == ["q"]


def test_a_file_that_cannot_be_read_or_moved_is_named_and_left_alone(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir.mkdir(parents=True)
    path = data_dir / PROGRESS_FILE
    path.write_bytes(b"[1]")

    def denied(src: Any, dst: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(store_module.os, "replace", denied)
    with pytest.raises(ProgressError) as caught:
        ProgressStore(data_dir, clock)
    assert str(caught.value) == (
        f"{path} cannot be read and cannot be moved aside (Permission denied); "
        "move it yourself or use --data-dir"
    )
    monkeypatch.undo()

    def broken(self: Path) -> bytes:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "read_bytes", broken)
    with pytest.raises(ProgressError) as caught:
        ProgressStore(data_dir, clock)
    assert str(caught.value) == f"cannot read {path}: Input/output error"
    monkeypatch.undo()
    assert path.read_bytes() == b"[1]"


def test_a_file_the_user_may_not_read_is_named_and_left_alone(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / PROGRESS_FILE).write_bytes(b"{}")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(ProgressError) as caught:
        ProgressStore(data_dir, clock)
    assert str(caught.value) == (
        f"cannot read {data_dir / PROGRESS_FILE}: permission denied; fix its permissions "
        "(quizapp will not overwrite it)"
    )


def test_a_newer_file_is_named_with_what_to_do(data_dir: Path, clock: FakeClock) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / PROGRESS_FILE).write_text(json.dumps({"schema_version": 9}))
    with pytest.raises(ProgressError) as caught:
        ProgressStore(data_dir, clock)
    assert str(caught.value) == (
        f"{data_dir / PROGRESS_FILE} was written by a newer quizapp (schema version 9 is newer "
        "than this quizapp reads (3)); upgrade quizapp or start with another --data-dir "
        "(the file was left untouched)"
    )


def test_damaged_lines_that_cannot_be_set_aside_are_named(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore(data_dir, clock)
    store.set_flag("q1", True)
    journal = data_dir / JOURNAL_FILE
    journal.write_bytes(journal.read_bytes() + b"garbage\n[]\n")

    def full(path: Path, payload: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module, "atomic_write_bytes", full)
    with pytest.raises(ProgressError) as caught:
        ProgressStore(data_dir, clock)
    assert str(caught.value) == (
        f"2 damaged line(s) in {journal} cannot be set aside (No space left on device); "
        "move the file yourself or use --data-dir"
    )


def test_a_change_that_cannot_be_saved_says_so(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore(data_dir, clock)

    def full(path: Path, line: bytes, valid_end: int) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module, "append_line", full)
    with pytest.raises(ProgressError) as caught:
        store.set_flag("q1", True)
    assert str(caught.value) == (
        f"cannot save progress to {data_dir / JOURNAL_FILE}: No space left on device "
        "(that change was not saved; everything saved before is intact)"
    )
    assert store.flagged == []


def test_temporary_files_of_a_killed_quizapp_are_removed_when_the_store_opens(
    data_dir: Path, clock: FakeClock
) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead = int(done.stdout)  # that process has ended and been waited for
    data_dir.mkdir(parents=True)
    names = {
        "dead": f".progress.json.x1.{dead}.tmp",
        "ours": f".progress.json.x2.{os.getpid()}.tmp",
        "alive": f".progress.json.x3.{os.getppid()}.tmp",
        "not ours": ".progress.json.tmp",
        "other": f"notes.{dead}.tmp",
    }
    for name in names.values():
        (data_dir / name).write_text("partial")
    ProgressStore(data_dir, clock)
    left = {label for label, name in names.items() if (data_dir / name).exists()}
    assert left == {"ours", "alive", "not ours", "other"}


def test_a_process_is_alive_until_it_has_ended(monkeypatch: pytest.MonkeyPatch) -> None:
    assert store_module._process_alive(os.getpid())

    def refused(pid: int, signal: int) -> None:
        raise PermissionError(1, "Operation not permitted")  # another user's process

    monkeypatch.setattr(store_module.os, "kill", refused)
    assert store_module._process_alive(12345)

    def gone(pid: int, signal: int) -> None:
        assert signal == 0  # only asks: never sends a signal
        raise ProcessLookupError(3, "No such process")

    monkeypatch.setattr(store_module.os, "kill", gone)
    assert not store_module._process_alive(12345)


def test_a_change_the_rules_refuse_is_named_and_not_saved(data_dir: Path, clock: FakeClock) -> None:
    store = ProgressStore(data_dir, clock)
    record = store.record_answer("q1", 0, False, 5.0, "drill", shown=2)
    with pytest.raises(ProgressError) as caught:
        store.annotate_answer(record.id, confidence="certain")  # type: ignore[arg-type]
    assert str(caught.value) == "that change cannot be saved: confidence 'certain'"
    assert ProgressStore(data_dir, clock).answers[0].confidence is None


def test_an_answer_keeps_where_its_choice_was_shown(data_dir: Path, clock: FakeClock) -> None:
    store = ProgressStore(data_dir, clock)
    store.record_answer("q1", 3, True, 5.0, "drill", shown=1)
    store.record_answer("q2", 0, True, 5.0, "drill")
    assert [a.shown for a in ProgressStore(data_dir, clock).answers] == [1, None]


def test_opening_the_store_while_another_holds_it_says_so_once_then_waits(
    data_dir: Path, clock: FakeClock
) -> None:
    import threading

    from quizapp.core.progress.filelock import exclusive_lock

    data_dir.mkdir(parents=True)
    held, release = threading.Event(), threading.Event()

    def other_instance() -> None:
        with exclusive_lock(data_dir / store_module.LOCK_FILE):
            held.set()
            release.wait(5)

    thread = threading.Thread(target=other_instance)
    thread.start()
    held.wait(5)
    told: list[int] = []

    def on_wait() -> None:
        told.append(1)
        threading.Timer(0.2, release.set).start()

    store = ProgressStore(data_dir, clock, on_wait=on_wait)
    thread.join()
    assert told == [1] and store.answers == []
