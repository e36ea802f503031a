"""The exam clock at its edges: a clock moving backwards, the limit, pause and resume, restore."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.core.bank.bank import Bank
from quizapp.core.bank.loader import load_bank
from quizapp.core.progress.store import ProgressStore
from quizapp.core.sessions.exam import ExamSession, new_exam
from tests.conftest import FakeClock

LIMIT = 600.0  # a ten-minute exam


@pytest.fixture
def bank(mini_bank: Path) -> Bank:
    result = load_bank(mini_bank)
    assert result.bank is not None
    return result.bank


@pytest.fixture
def session(bank: Bank, clock: FakeClock) -> ExamSession:
    return ExamSession(bank, new_exam(bank, 4, minutes=LIMIT / 60, seed=3, clock=clock), clock)


def test_a_clock_moving_backwards_never_gives_time_back(
    session: ExamSession, clock: FakeClock
) -> None:
    clock.advance(-60)  # before the exam even started
    assert session.elapsed == 0 and session.remaining == LIMIT
    clock.advance(60 + 100)
    session.checkpoint()
    clock.advance(-300)
    assert session.elapsed == 100 and session.remaining == LIMIT - 100
    state = session.checkpoint()
    assert state.elapsed_seconds == 100
    assert state.seconds_on == {0: 100}  # no question is charged negative time either
    clock.advance(40)  # the clock counts on from where it now is
    assert session.elapsed == 140


def test_remaining_stops_at_zero_past_the_limit(session: ExamSession, clock: FakeClock) -> None:
    clock.advance(LIMIT - 1)
    assert session.remaining == 1 and not session.expired
    clock.advance(1)
    assert session.remaining == 0 and session.expired
    clock.advance(3600)
    assert session.remaining == 0 and session.expired


def test_time_used_is_capped_at_the_limit(session: ExamSession, clock: FakeClock) -> None:
    clock.advance(LIMIT + 3600)  # the machine slept through the end of the exam
    assert session.checkpoint().elapsed_seconds == LIMIT
    assert session.score(auto_submitted=True).time_used_seconds == LIMIT


def test_time_on_questions_adds_up_to_the_time_used(session: ExamSession, clock: FakeClock) -> None:
    clock.advance(100)
    session.goto(2)
    clock.advance(LIMIT + 3600)  # past the end while looking at question 3
    record = session.score(auto_submitted=True)
    assert session.state.seconds_on == {0: 100, 2: LIMIT - 100}
    assert sum(session.state.seconds_on.values()) == record.time_used_seconds == LIMIT


def test_resume_of_a_running_exam_keeps_its_time(session: ExamSession, clock: FakeClock) -> None:
    clock.advance(100)
    session.resume()  # not paused: nothing to resume
    clock.advance(50)
    assert session.elapsed == 150
    assert session.checkpoint().seconds_on == {0: 150}


def test_paused_time_counts_neither_for_the_exam_nor_for_the_question(
    session: ExamSession, clock: FakeClock
) -> None:
    clock.advance(30)
    session.pause()
    assert session.paused
    clock.advance(900)
    assert session.elapsed == 30 and session.checkpoint().seconds_on == {0: 30}
    session.resume()
    assert not session.paused
    clock.advance(20)
    assert session.elapsed == 50 and session.checkpoint().seconds_on == {0: 50}


def test_an_exam_saved_while_paused_is_restored_paused(
    bank: Bank, session: ExamSession, clock: FakeClock, data_dir: Path
) -> None:
    store = ProgressStore(data_dir, clock)
    store.start_exam(session.state)
    clock.advance(70)
    session.pause()
    store.exam_event("pause", session.checkpoint())
    clock.advance(5000)

    saved = ProgressStore(data_dir, clock).active_exam
    assert saved is not None and saved.paused
    restored = ExamSession(bank, saved, clock)
    clock.advance(300)  # still paused: the clock does not run
    assert restored.paused and restored.elapsed == 70
    assert restored.checkpoint().seconds_on == {0: 70}
    restored.resume()
    clock.advance(30)
    assert restored.elapsed == 100 and restored.remaining == LIMIT - 100


def test_a_running_exam_restored_counts_from_the_restore(
    bank: Bank, session: ExamSession, clock: FakeClock
) -> None:
    clock.advance(70)
    state = session.checkpoint()
    clock.advance(5000)  # the app was closed
    restored = ExamSession(bank, state, clock)
    assert not restored.paused and restored.elapsed == 70
    clock.advance(10)
    assert restored.elapsed == 80


def test_score_counts_the_last_question_time_without_a_checkpoint(
    session: ExamSession, clock: FakeClock
) -> None:
    clock.advance(15)
    session.goto(3)
    clock.advance(40)  # no checkpoint after this: score() takes it in
    record = session.score()
    assert session.state.seconds_on == {0: 15, 3: 40}
    assert record.time_used_seconds == 55


def test_the_record_lists_flagged_questions_in_exam_order(session: ExamSession) -> None:
    for position in (3, 0, 2):
        session.goto(position)
        session.toggle_flag()
    assert session.state.flagged == [3, 0, 2]  # the order they were flagged in
    assert session.score().flagged == [0, 2, 3]


def test_warnings_are_announced_once_even_after_a_restore(bank: Bank, clock: FakeClock) -> None:
    session = ExamSession(bank, new_exam(bank, 4, minutes=40, seed=3, clock=clock), clock)
    clock.advance(25 * 60)
    assert session.due_warnings() == [30, 15]
    state = session.checkpoint()
    restored = ExamSession(bank, state, clock)
    assert restored.due_warnings() == []
    clock.advance(10 * 60)
    assert restored.due_warnings() == [5]
