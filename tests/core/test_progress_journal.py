"""The append-only store: one line per change, folds, other instances, older files."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from quizapp.core.progress.answers import SCHEMA_VERSION
from quizapp.core.progress.exam_records import ExamState
from quizapp.core.progress.journal import JOURNAL_FILE
from quizapp.core.progress.state import exam_patch, patched_exam
from quizapp.core.progress.store import PROGRESS_FILE, ProgressStore
from tests.conftest import FakeClock, exam_in_progress, finished_exam

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def journal_lines(data_dir: Path) -> list[dict[str, object]]:
    raw = (data_dir / JOURNAL_FILE).read_bytes()
    return [json.loads(line) for line in raw.splitlines() if line.strip()]


def test_every_kind_of_change_is_one_appended_line(data_dir: Path, clock: FakeClock) -> None:
    store = ProgressStore(data_dir, clock)
    answer = store.record_answer("a1-one", 0, False, 3, "review")
    store.annotate_answer(answer.id, confidence="unsure", miss_reason="misread")
    store.set_flag("a1-one", True)
    store.set_setting("theme", "nord")
    store.set_exam_date(date(2027, 3, 15))
    state = exam_in_progress(clock)
    store.start_exam(state)
    changed = state.model_copy(deep=True)
    changed.answers[0] = 2
    store.exam_event("answer", changed)
    store.abandon_active_exam()
    ops = [(line["seq"], line["op"], line.get("event")) for line in journal_lines(data_dir)]
    assert ops == [
        (1, "answer", None),
        (2, "note", None),
        (3, "flag", None),
        (4, "setting", None),
        (5, "setting", None),
        (6, "exam", "start"),
        (7, "exam", "answer"),
        (8, "exam", "abandon"),
    ]
    assert not (data_dir / PROGRESS_FILE).exists()  # no change rewrites the snapshot


def test_a_change_costs_the_same_whatever_the_history(data_dir: Path, clock: FakeClock) -> None:
    store = ProgressStore(data_dir, clock)
    store.start_exam(exam_in_progress(clock))
    sizes = []
    for history in (10, 500):
        while len(store.answers) < history:
            store.record_answer("a1-one", 0, True, 1, "drill")
        store.compact()
        before = (data_dir / PROGRESS_FILE).read_bytes()
        journal = (data_dir / JOURNAL_FILE).stat().st_size
        store.set_flag("a1-two", len(store.answers) == 10)
        state = store.active_exam
        assert state is not None
        moved = state.model_copy(deep=True)
        moved.elapsed_seconds += 15
        store.exam_event("clock", moved)
        sizes.append((data_dir / JOURNAL_FILE).stat().st_size - journal)
        assert (data_dir / PROGRESS_FILE).read_bytes() == before
    assert abs(sizes[0] - sizes[1]) <= 4  # the lines differ only in their numbers


def test_exam_patch_holds_only_what_changed_and_applies_once_or_twice() -> None:
    from datetime import UTC, datetime

    before = ExamState(
        id="x",
        started_at=datetime(2026, 1, 1, tzinfo=UTC),
        time_limit_seconds=600,
        question_ids=["q1", "q2", "q3"],
        orders=[[0, 1, 2, 3]] * 3,
        answers={0: 1, 1: 2},
        struck={1: [0]},
        seconds_on={0: 10.0},
    )
    after = before.model_copy(deep=True)
    after.answers = {0: 3}  # changed one, removed one
    after.struck = {}
    after.flagged = [2]
    after.current = 2
    patch = exam_patch(before, after)
    assert patch == {
        "answers": {"0": 3, "1": None},
        "flagged": [2],
        "struck": {"1": None},
        "current": 2,
    }
    assert patched_exam(before, patch) == after
    assert patched_exam(patched_exam(before, patch), patch) == after
    assert exam_patch(after, after) == {}


def test_damaged_lines_are_set_aside_named_and_never_dropped_unseen(
    data_dir: Path, clock: FakeClock
) -> None:
    store = ProgressStore(data_dir, clock)
    store.record_answer("a1-one", 0, True, 1, "drill")
    journal = data_dir / JOURNAL_FILE
    damaged = [b"garbage line", b"[]", b'{"seq": 7, "op": "flag", "question_id": 3}']
    journal.write_bytes(journal.read_bytes() + b"\n".join(damaged) + b"\n")
    reopened = ProgressStore(data_dir, clock)
    [aside] = data_dir.glob("progress.journal.damaged-*")
    assert aside.read_bytes().splitlines() == [
        b"garbage line",
        b"[]",
        b'{"seq": 7, "op": "flag", "question_id": 3}',  # kept byte for byte
    ]
    assert reopened.notice is not None and str(aside) in reopened.notice
    assert "3 damaged line(s)" in reopened.notice and "\n" not in reopened.notice
    assert [a.question_id for a in reopened.answers] == ["a1-one"]
    again = ProgressStore(data_dir, clock)
    assert again.notice is None  # set aside once, not found again
    assert len(list(data_dir.glob("progress.journal.damaged-*"))) == 1


def test_a_fold_is_applied_once_even_if_the_journal_was_not_cut(
    data_dir: Path, clock: FakeClock
) -> None:
    """A crash between the snapshot's rename and the journal's cut: lines are not re-applied."""
    store = ProgressStore(data_dir, clock)
    for qid in ("a1-one", "a1-two"):
        store.record_answer(qid, 0, True, 1, "drill")
    store.set_flag("a1-one", True)
    store.set_flag("a1-one", False)
    old_journal = (data_dir / JOURNAL_FILE).read_bytes()
    ProgressStore(data_dir, clock).plan_fold().run()
    assert json.loads((data_dir / PROGRESS_FILE).read_text())["seq"] == 4
    (data_dir / JOURNAL_FILE).write_bytes(old_journal)  # as if the cut never happened
    reopened = ProgressStore(data_dir, clock)
    assert [a.question_id for a in reopened.answers] == ["a1-one", "a1-two"]
    assert reopened.flagged == []
    reopened.record_answer("b1-one", 1, False, 1, "drill")
    assert journal_lines(data_dir)[-1]["seq"] == 5


def test_another_instance_changes_are_taken_in_before_each_append(
    data_dir: Path, clock: FakeClock
) -> None:
    first = ProgressStore(data_dir, clock)
    second = ProgressStore(data_dir, clock)
    first.set_flag("a1-one", True)
    first.set_setting("theme", "nord")
    second.record_answer("b1-one", 0, True, 1, "drill")
    assert second.flagged == ["a1-one"] and second.setting("theme") == "nord"
    assert [line["seq"] for line in journal_lines(data_dir)] == [1, 2, 3]


def test_a_fold_by_another_instance_past_what_we_read_is_reloaded(
    data_dir: Path, clock: FakeClock
) -> None:
    first = ProgressStore(data_dir, clock)
    second = ProgressStore(data_dir, clock)
    for i in range(3):
        second.record_answer(f"b1-{i}", 0, True, 1, "drill")
    ProgressStore(data_dir, clock).plan_fold().run()  # the journal now starts after them
    first.record_answer("a1-one", 0, True, 1, "drill")
    assert sorted(a.question_id for a in first.answers) == ["a1-one", "b1-0", "b1-1", "b1-2"]
    assert sorted(a.question_id for a in ProgressStore(data_dir, clock).answers) == sorted(
        a.question_id for a in first.answers
    )


def test_a_fold_that_lost_the_race_changes_nothing(data_dir: Path, clock: FakeClock) -> None:
    store = ProgressStore(data_dir, clock)
    store.record_answer("a1-one", 0, True, 1, "drill")
    stale = ProgressStore(data_dir, clock).plan_fold()  # holds seq 1
    store.record_answer("a1-two", 0, True, 1, "drill")
    ProgressStore(data_dir, clock).plan_fold().run()  # folds seq 2
    stale.run()  # older: skipped
    assert json.loads((data_dir / PROGRESS_FILE).read_text())["seq"] == 2
    assert [a.question_id for a in ProgressStore(data_dir, clock).answers] == [
        "a1-one",
        "a1-two",
    ]
    assert [p.name for p in data_dir.iterdir() if p.name.endswith(".tmp")] == []


def test_finishing_an_exam_is_one_line_and_counted_once(data_dir: Path, clock: FakeClock) -> None:
    store = ProgressStore(data_dir, clock)
    record = finished_exam(clock, 0, 2)
    store.finish_exam(record, {0: 30.0})
    store.finish_exam(record, {0: 30.0})
    reopened = ProgressStore(data_dir, clock)
    assert [a.id for a in reopened.answers] == [f"exam-0-{i}" for i in range(4)]
    assert reopened.answers[0].seconds == 30.0
    assert len(reopened.exam_history) == 1


def test_an_exam_event_for_an_exam_ended_elsewhere_is_refused(
    data_dir: Path, clock: FakeClock
) -> None:
    from quizapp.core.errors import ProgressError

    store = ProgressStore(data_dir, clock)
    state = exam_in_progress(clock)
    store.start_exam(state)
    ProgressStore(data_dir, clock).abandon_active_exam()
    with pytest.raises(ProgressError, match="no longer in progress"):
        store.exam_event("flag", state.model_copy(update={"flagged": [0]}))


def test_files_written_before_the_journal_of_changes_load_whole(
    tmp_path: Path, clock: FakeClock
) -> None:
    """A data dir written by the previous release (schema 2, answer-only journal)."""
    data_dir = tmp_path / "data"
    shutil.copytree(CORPUS / "progress_v2", data_dir)
    store = ProgressStore(data_dir, clock)
    assert store.notice is None
    assert [(a.question_id, a.mode) for a in store.answers] == [
        ("a1-one", "drill"),
        ("a1-two", "drill"),
        ("b1-one", "drill"),
        ("a2-one", "drill"),
        ("a1-one", "exam"),
        ("b1-two", "exam"),
        ("b1-two", "review"),
        ("a2-two", "drill"),
        ("b1-one", "drill"),  # the line still in the old journal
    ]
    assert [a.miss_reason for a in store.answers[:4]] == [None, "misread", "misread", None]
    assert store.flagged == ["b1-one"]
    assert store.setting("theme") == "nord" and store.exam_date == date(2027, 3, 15)
    assert [r.id for r in store.exam_history] == ["done-exam"]
    exam = store.active_exam
    assert exam is not None and exam.id == "open-exam"
    assert exam.answers == {0: 2, 2: 1} and exam.flagged == [2] and exam.struck == {1: [0]}
    assert exam.elapsed_seconds == 75.5 and exam.current == 2
    assert set(store.cards) == {a.question_id for a in store.answers}
    assert store.fold_due  # an older layout is rewritten in the current one
    store.plan_fold().run()
    folded = json.loads((data_dir / PROGRESS_FILE).read_text())
    assert folded["schema_version"] == SCHEMA_VERSION
    assert "question_stats" not in folded and "answers_chars" not in folded
    again = ProgressStore(data_dir, clock)
    assert [a.id for a in again.answers] == [a.id for a in store.answers]
    assert again.active_exam == exam and not again.fold_due
