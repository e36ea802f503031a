"""Lazy start: the home screen's totals come from the snapshot, the history is read later."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from quizapp.core.progress.due import DueDate
from quizapp.core.progress.store import PROGRESS_FILE, ProgressStore
from tests.conftest import FakeClock, answers_on_disk


def store_with_history(data_dir: Path, clock: FakeClock, count: int = 12) -> ProgressStore:
    store = ProgressStore(data_dir, clock)
    for i in range(count):
        clock.advance(60)
        store.record_answer(["a1-one", "a1-two", "b1-one"][i % 3], i % 4, i % 2 == 0, 5, "drill")
    store.compact()
    return store


def test_lazy_store_shows_totals_before_reading_answers(data_dir: Path, clock: FakeClock) -> None:
    full = store_with_history(data_dir, clock)
    lazy = ProgressStore(data_dir, clock, lazy=True)
    assert not lazy.answers_loaded
    assert lazy.histories == full.histories
    assert lazy.due_dates == {qid: DueDate(card.due) for qid, card in full.cards.items()}
    assert lazy.answers == full.answers  # reading them on demand
    assert lazy.answers_loaded
    assert lazy.histories == full.histories


def test_journal_answers_count_before_and_after_loading(data_dir: Path, clock: FakeClock) -> None:
    full = store_with_history(data_dir, clock)
    full.record_answer("a2-one", 0, False, 4, "drill")  # journal only, not compacted
    lazy = ProgressStore(data_dir, clock, lazy=True)
    assert not lazy.answers_loaded
    assert lazy.histories["a2-one"].wrong == 1
    assert sum(h.attempts for h in lazy.histories.values()) == 13
    lazy.load_answers()
    assert len(lazy.answers) == 13 and len({a.id for a in lazy.answers}) == 13


def test_recording_on_a_lazy_store_keeps_everything(data_dir: Path, clock: FakeClock) -> None:
    store_with_history(data_dir, clock)
    lazy = ProgressStore(data_dir, clock, lazy=True)
    lazy.record_answer("b1-two", 1, True, 3, "drill")
    lazy.set_flag("b1-two", True)
    again = ProgressStore(data_dir, clock)
    assert len(again.answers) == 13 and again.flagged == ["b1-two"]
    assert len(answers_on_disk(data_dir)) == 13


def test_loading_in_a_thread_while_recording(data_dir: Path, clock: FakeClock) -> None:
    store_with_history(data_dir, clock, count=300)
    lazy = ProgressStore(data_dir, clock, lazy=True)
    worker = threading.Thread(target=lazy.load_answers)
    worker.start()
    for _ in range(5):
        lazy.record_answer("a1-one", 0, True, 2, "drill")
    worker.join()
    assert len(lazy.answers) == 305
    assert len(ProgressStore(data_dir, clock).answers) == 305


def test_damage_found_after_start_keeps_the_file(data_dir: Path, clock: FakeClock) -> None:
    store_with_history(data_dir, clock)
    path = data_dir / PROGRESS_FILE
    text = path.read_text()
    # Same length, so start-up steps over the answers as usual; the answers are now garbage.
    damaged = text.replace('"choice":', '"choice"!', 1)
    path.write_text(damaged)
    lazy = ProgressStore(data_dir, clock, lazy=True)
    assert lazy.notice is None
    lazy.load_answers()
    assert lazy.notice is not None and "could not be read" in lazy.notice
    [kept] = data_dir.glob("progress.corrupt-*.json")
    assert kept.read_text() == damaged
    assert lazy.answers == []


def test_file_without_totals_is_read_at_once(data_dir: Path, clock: FakeClock) -> None:
    full = store_with_history(data_dir, clock)
    path = data_dir / PROGRESS_FILE
    raw = json.loads(path.read_text())
    del raw["question_stats"]
    path.write_text(json.dumps(raw))
    lazy = ProgressStore(data_dir, clock, lazy=True)
    assert lazy.answers_loaded and lazy.answers == full.answers


def test_another_instance_writing_before_the_history_is_read(
    data_dir: Path, clock: FakeClock
) -> None:
    store_with_history(data_dir, clock)
    lazy = ProgressStore(data_dir, clock, lazy=True)
    other = ProgressStore(data_dir, clock)
    other.record_answer("b1-two", 0, True, 3, "drill")
    other.set_flag("a1-one", True)  # rewrites the snapshot and empties the journal
    assert len(lazy.answers) == 13
    assert lazy.flagged == ["a1-one"]
    lazy.record_answer("a2-two", 0, True, 3, "drill")
    assert len(ProgressStore(data_dir, clock).answers) == 14


def test_answers_for_one_question_come_from_the_index(data_dir: Path, clock: FakeClock) -> None:
    full = store_with_history(data_dir, clock)
    lazy = ProgressStore(data_dir, clock, lazy=True)
    expected = [a for a in full.answers if a.question_id == "a1-two"]
    assert len(expected) == 4
    assert lazy.answers_for("a1-two") == expected  # reads the deferred history first
    lazy.record_answer("a1-two", 3, False, 2, "drill")
    assert [a.choice for a in lazy.answers_for("a1-two")][-1] == 3
    assert lazy.answers_for("never-answered") == []
