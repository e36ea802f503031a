"""The progress file's head, read by hand for the first paint, says what the store says."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from quizapp.core.progress import head as progress_head
from quizapp.core.progress.head import ProgressView, read_progress_head
from quizapp.core.progress.journal import JOURNAL_FILE
from quizapp.core.progress.snapshot import SnapshotSyntaxError, top_before_answers
from quizapp.core.progress.store import PROGRESS_FILE, ProgressStore
from tests.conftest import FakeClock, exam_in_progress, finished_exam, modules_imported_by


def rich_store(data_dir: Path, clock: FakeClock) -> ProgressStore:
    """Answers in the snapshot and in the journal, flags, a theme, an exam date, two exams."""
    store = ProgressStore(data_dir, clock)
    for i in range(9):
        clock.advance(60)
        store.record_answer(["a1-one", "a2-one", "b1-two"][i % 3], 0, i % 2 == 0, 5, "drill")
    store.set_flag("a2-one", True)
    store.set_setting("theme", "nord")
    store.set_exam_date(date(2027, 1, 15))
    store.finish_exam(finished_exam(clock, 1, 3), {})
    store.finish_exam(finished_exam(clock, 2, 1), {})
    store.compact()
    store.record_answer("a2-two", 2, False, 7, "review")  # journal only
    return store


def same_view(head: ProgressView, full: ProgressView) -> None:
    assert dict(head.histories) == dict(full.histories)
    assert list(head.flagged) == list(full.flagged)
    assert dict(head.due_dates) == dict(full.due_dates)
    assert head.exam_date == full.exam_date
    assert [(e.finished_at, e.questions, e.correct, e.score) for e in head.exams] == [
        (e.finished_at, e.questions, e.correct, e.score) for e in full.exams
    ]
    assert head.exam_in_progress == full.exam_in_progress
    assert head.theme == full.theme


def test_head_gives_what_the_opened_store_gives(data_dir: Path, clock: FakeClock) -> None:
    rich_store(data_dir, clock)
    head = read_progress_head(data_dir)
    assert head is not None
    same_view(head, ProgressStore(data_dir, clock, lazy=True).view())
    assert head.histories["a2-two"].wrong == 1  # the journal's answer counts
    assert head.theme == "nord" and head.exam_date == date(2027, 1, 15)
    assert [e.correct for e in head.exams] == [3, 1]


def test_no_file_yet_is_an_empty_standing(data_dir: Path) -> None:
    head = read_progress_head(data_dir)
    assert head is not None
    assert not head.histories and not head.exams and head.exam_date is None


def test_a_head_longer_than_the_first_read(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    rich_store(data_dir, clock)
    monkeypatch.setattr(progress_head, "HEAD_CHUNK", 64)  # read more, four times as much each
    head = read_progress_head(data_dir)
    assert head is not None
    same_view(head, ProgressStore(data_dir, clock, lazy=True).view())


def test_a_character_cut_by_the_first_read_is_completed(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = rich_store(data_dir, clock)
    store.set_setting("note", "é" * 200)  # two bytes each: some read boundary splits one
    store.compact()
    for chunk in (63, 64, 65):
        monkeypatch.setattr(progress_head, "HEAD_CHUNK", chunk)
        head = read_progress_head(data_dir)
        assert head is not None and head.theme == "nord"


def edit_top(data_dir: Path, **changes: Any) -> None:
    path = data_dir / PROGRESS_FILE
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw.update(changes)
    path.write_text(json.dumps(raw), encoding="utf-8")


@pytest.mark.parametrize(
    "changes",
    [
        {"schema_version": 1},
        {"schema_version": 99},
        {"flagged": "a1-one"},
        {"flagged": [1, 2]},
        {"settings": []},
        {"cards": {"a1-one": "soon"}},
        {"cards": {}},  # the store rebuilds cards that disagree with the totals
        {"question_stats": None},
        {"question_stats": {"a1-one": ["x"]}},
        {"exam_history": {}},
        {"exam_history": [{"finished_at": "yesterday", "questions": 4, "correct": 1}]},
        {"exam_history": [{"finished_at": "2026-11-24T10:00:00+00:00", "questions": "4"}]},
    ],
    ids=lambda changes: "-".join(f"{k}={str(v)[:20]}" for k, v in changes.items()),
)
def test_anything_unusual_sends_the_app_to_the_store_first(
    data_dir: Path, clock: FakeClock, changes: dict[str, Any]
) -> None:
    rich_store(data_dir, clock).compact()
    edit_top(data_dir, **changes)
    assert read_progress_head(data_dir) is None


def test_an_exam_in_progress_is_opened_by_the_store(data_dir: Path, clock: FakeClock) -> None:
    store = rich_store(data_dir, clock)
    store.save_active_exam(exam_in_progress(clock))
    assert read_progress_head(data_dir) is None


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b'{"schema_version": 2, "flagged": [', b"\xff\xfe{}", b"[]", b"not json"],
)
def test_damaged_files_are_left_to_the_store(data_dir: Path, content: bytes) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / PROGRESS_FILE).write_bytes(content)
    assert read_progress_head(data_dir) is None
    assert (data_dir / PROGRESS_FILE).read_bytes() == content  # never touched


def test_a_damaged_journal_line_is_left_to_the_store(data_dir: Path, clock: FakeClock) -> None:
    rich_store(data_dir, clock)
    with (data_dir / JOURNAL_FILE).open("ab") as journal:
        journal.write(b'{"answer": "not an answer"}\n')
    assert read_progress_head(data_dir) is None


def test_top_before_answers_never_reads_the_answers() -> None:
    text = '{"a": 1, "b": {"c": [2]}, "answers": [this is never parsed'
    assert top_before_answers(text) == {"a": 1, "b": {"c": [2]}}
    assert top_before_answers('{"a": 1}') == {"a": 1}
    with pytest.raises(SnapshotSyntaxError):
        top_before_answers('{"a": 1, "b": {"c": ')


def test_reading_the_head_imports_no_pydantic_and_no_fsrs(data_dir: Path, clock: FakeClock) -> None:
    rich_store(data_dir, clock)
    code = (
        "from pathlib import Path\n"
        "from quizapp.core.progress.head import read_progress_head\n"
        f"assert read_progress_head(Path({str(data_dir)!r})) is not None"
    )
    assert modules_imported_by(code, ["pydantic", "fsrs", "yaml"]) == []
