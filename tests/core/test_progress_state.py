"""ProgressState.apply, the one place a change is made: flags, notes, settings, answers, exams."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from quizapp.core.progress import state as state_module
from quizapp.core.progress.answers import AnswerRecord
from quizapp.core.progress.data import ProgressData
from quizapp.core.progress.due import exam_deadline
from quizapp.core.progress.exam_records import ExamState
from quizapp.core.progress.scheduling import card_from_json, rebuild_cards
from quizapp.core.progress.state import ProgressState, exam_answers, patched_exam
from tests.conftest import FakeClock, exam_in_progress, finished_exam

T0 = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
EXAM = date(2026, 11, 20)
DEADLINE = exam_deadline(EXAM)


def answer(qid: str, correct: bool, at: datetime, n: int = 0, **extra: Any) -> AnswerRecord:
    return AnswerRecord(f"{qid}-{n}", qid, 0, correct, 5.0, "drill", at, **extra)


def apply_answer(state: ProgressState, record: AnswerRecord) -> None:
    state.apply({"op": "answer", "answer": record.to_json()})


def stored_card(state: ProgressState, qid: str) -> Any:
    return card_from_json(state.data.cards[qid])


@pytest.fixture
def replays(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many answers each replay of a history went through (rebuild_cards spied on)."""
    calls: list[int] = []
    real: Callable[..., Any] = state_module.rebuild_cards

    def spy(answers: Any, exam_date: date | None = None) -> Any:
        answers = list(answers)
        calls.append(len(answers))
        return real(answers, exam_date)

    monkeypatch.setattr(state_module, "rebuild_cards", spy)
    return calls


# -- flags -------------------------------------------------------------------------------


def test_flags_are_set_once_and_cleared_only_when_set() -> None:
    state = ProgressState(ProgressData())
    for question_id, flagged in (("q1", True), ("q2", True), ("q1", True), ("q3", False)):
        state.apply({"op": "flag", "question_id": question_id, "flagged": flagged})
    assert state.data.flagged == ["q1", "q2"]
    state.apply({"op": "flag", "question_id": "q1", "flagged": False})
    assert state.data.flagged == ["q2"]


# -- answers and their cards ------------------------------------------------------------


def test_an_answer_is_counted_once_per_id() -> None:
    state = ProgressState(ProgressData())
    first = answer("q", True, T0)
    assert state.add_answer(first) is True
    assert state.add_answer(first) is False
    assert state.data.answers == [first]


def test_answers_stored_twice_in_the_snapshot_count_once() -> None:
    data = ProgressData()
    one, two = answer("q", True, T0), answer("q", False, T0 + timedelta(hours=1), 1)
    data.answers = [one, two, one._replace(correct=False)]
    state = ProgressState(data)
    assert state.data.answers == [one, two] and state.index.histories["q"].attempts == 2
    assert state.add_answer(two) is False and len(state.data.answers) == 2


def test_an_answer_in_time_order_moves_the_stored_card_on_without_a_replay(
    replays: list[int],
) -> None:
    state = ProgressState(ProgressData())
    for n in range(5):
        apply_answer(state, answer("q", n % 2 == 0, T0 + timedelta(days=n), n))
    apply_answer(state, answer("q", True, T0 + timedelta(days=4), 9))  # the same moment
    assert replays == [1]  # only the first answer, which has no card yet
    assert stored_card(state, "q") == rebuild_cards(state.data.answers)["q"]


def test_the_exam_date_caps_a_question_ever_missed_and_only_those() -> None:
    state = ProgressState(ProgressData(settings={"exam_date": EXAM.isoformat()}))
    late = DEADLINE - timedelta(hours=12)  # any review would fall after the deadline
    apply_answer(state, answer("missed", False, late - timedelta(days=3), 1))  # first: replayed
    apply_answer(state, answer("missed", True, late, 2))  # right since, still ever missed
    apply_answer(state, answer("once", False, late, 3))
    apply_answer(state, answer("never", True, late - timedelta(days=3), 4))
    apply_answer(state, answer("never", True, late, 5))
    assert stored_card(state, "missed").due == DEADLINE
    assert stored_card(state, "once").due == DEADLINE
    assert stored_card(state, "never").due > DEADLINE
    assert {qid: stored_card(state, qid) for qid in ("missed", "once", "never")} == rebuild_cards(
        state.data.answers, EXAM
    )


def test_setting_the_exam_date_recaps_the_cards_and_only_a_change_replays(
    replays: list[int],
) -> None:
    state = ProgressState(ProgressData())
    late = DEADLINE - timedelta(hours=12)
    apply_answer(state, answer("q", False, late - timedelta(days=3), 1))
    apply_answer(state, answer("q", True, late, 2))
    assert stored_card(state, "q").due > DEADLINE
    replays.clear()
    state.apply({"op": "setting", "key": "exam_date", "value": EXAM.isoformat()})
    assert stored_card(state, "q").due == DEADLINE and replays == [2]
    state.apply({"op": "setting", "key": "exam_date", "value": EXAM.isoformat()})
    state.apply({"op": "setting", "key": "theme", "value": "nord"})
    assert replays == [2]  # neither the same date again nor another setting replays
    state.apply({"op": "setting", "key": "exam_date", "value": None})
    assert stored_card(state, "q").due > DEADLINE and replays == [2, 2]


# -- notes ---------------------------------------------------------------------------------


def test_a_note_reaches_any_answer_and_the_card_is_rebuilt_with_the_exam_date() -> None:
    state = ProgressState(ProgressData(settings={"exam_date": EXAM.isoformat()}))
    late = DEADLINE - timedelta(hours=12)
    apply_answer(state, answer("q", True, late - timedelta(days=4), 1))
    apply_answer(state, answer("q", True, late - timedelta(days=2), 2))
    apply_answer(state, answer("other", True, late, 3))
    apply_answer(state, answer("q", True, late, 4))
    state.apply({"op": "note", "id": "q-2", "confidence": "guess", "miss_reason": "misread"})
    noted = state.data.answers[1]
    assert (noted.id, noted.confidence, noted.miss_reason) == ("q-2", "guess", "misread")
    assert state.data.answers[0].confidence is None
    assert stored_card(state, "q") == rebuild_cards(state.data.answers, EXAM)["q"]
    state.apply({"op": "note", "id": "q-1", "confidence": "sure"})
    assert state.data.answers[0].confidence == "sure"


def test_a_note_on_a_question_ever_missed_keeps_the_exam_date_cap() -> None:
    state = ProgressState(ProgressData(settings={"exam_date": EXAM.isoformat()}))
    late = DEADLINE - timedelta(hours=12)
    apply_answer(state, answer("q", False, late - timedelta(days=4), 1))
    apply_answer(state, answer("q", True, late, 2))
    state.apply({"op": "note", "id": "q-2", "confidence": "sure"})
    assert stored_card(state, "q").due == DEADLINE


def test_a_note_for_an_answer_not_on_file_changes_nothing() -> None:
    state = ProgressState(ProgressData())
    state.apply({"op": "note", "id": "nowhere", "confidence": "sure"})
    assert state.data == ProgressData()
    apply_answer(state, answer("q", True, T0))
    state.apply({"op": "note", "id": "nowhere", "confidence": "sure"})
    assert state.data.answers[0].confidence is None


# -- exams -----------------------------------------------------------------------------------


def open_exam_state() -> ProgressState:
    return ProgressState(ProgressData(active_exam=exam_in_progress(FakeClock())))


def test_exam_events_of_another_exam_are_ignored() -> None:
    state = open_exam_state()
    before = state.data.active_exam
    state.apply({"op": "exam", "event": "move", "exam_id": "other", "set": {"current": 0}})
    state.apply({"op": "exam", "event": "flag", "exam_id": "other", "set": {"flagged": [0]}})
    state.apply({"op": "exam", "event": "abandon", "exam_id": "other"})
    assert state.data.active_exam == before
    state.apply({"op": "exam", "event": "abandon", "exam_id": "open"})
    assert state.data.active_exam is None
    state.apply({"op": "exam", "event": "abandon", "exam_id": "open"})  # nothing left to end
    state.apply({"op": "exam", "event": "flag", "exam_id": "open", "set": {"flagged": [0]}})
    assert state.data.active_exam is None


def test_a_submit_without_times_gives_answers_of_zero_seconds() -> None:
    state = open_exam_state()
    record = finished_exam(FakeClock(), 0, 1, questions=2)
    state.apply({"op": "exam", "event": "submit", "record": record.model_dump(mode="json")})
    assert [a.seconds for a in state.data.answers] == [0.0, 0.0]
    assert state.data.exam_history == [record]


def test_a_finished_exam_becomes_one_answer_per_question() -> None:
    record = finished_exam(FakeClock(), 0, 2, questions=3)
    answers = exam_answers(record, {0: 12.3456, 2: 7.0})
    assert [(a.id, a.question_id, a.correct, a.seconds, a.mode) for a in answers] == [
        ("exam-0-0", "a1-one", True, 12.35, "exam"),
        ("exam-0-1", "a1-two", True, 0.0, "exam"),
        ("exam-0-2", "a2-one", False, 7.0, "exam"),
    ]
    assert {a.at for a in answers} == {record.finished_at}
    assert [a.choice for a in answers] == record.chosen


def exam_state(**fields: Any) -> ExamState:
    base: dict[str, Any] = {
        "id": "x",
        "started_at": T0,
        "time_limit_seconds": 600,
        "question_ids": ["q1", "q2", "q3"],
        "orders": [[0, 1, 2, 3]] * 3,
    }
    return ExamState(**(base | fields))


def test_a_patch_of_one_key_keeps_the_others() -> None:
    before = exam_state(answers={0: 1, 1: 2}, struck={0: [1]}, seconds_on={0: 3.0, 1: 4.0})
    after = patched_exam(before, {"answers": {"2": 0}, "seconds_on": {"1": 9.5}})
    assert after.answers == {0: 1, 1: 2, 2: 0}
    assert after.seconds_on == {0: 3.0, 1: 9.5} and after.struck == {0: [1]}
    assert patched_exam(exam_state(), {"answers": {"0": 3}}).answers == {0: 3}


@pytest.mark.parametrize("new_id", ["other", {"a": 1}, None])
def test_a_patch_never_changes_which_exam_it_is(new_id: Any) -> None:
    assert patched_exam(exam_state(), {"id": new_id, "current": 2}) == exam_state(current=2)


def test_a_skipped_answer_is_kept_but_schedules_nothing() -> None:
    state = ProgressState(ProgressData())
    skipped = AnswerRecord("s-1", "q", -1, False, 0.0, "exam", T0)
    assert state.add_answer(skipped) is True  # new: kept
    assert state.data.answers == [skipped] and "q" not in state.data.cards
    assert state.add_answer(skipped) is False


def test_an_exam_date_setting_is_checked_and_other_settings_are_not() -> None:
    state = ProgressState(ProgressData())
    with pytest.raises(ValueError) as caught:
        state.apply({"op": "setting", "key": "exam_date", "value": 20271115})
    assert str(caught.value) == "exam_date must be a date like 2027-03-15 or null"
    with pytest.raises(ValueError, match="outside 2000-2199"):
        state.apply({"op": "setting", "key": "exam_date", "value": "1999-12-31"})
    state.apply({"op": "setting", "key": "theme", "value": 20271115})
    assert state.data.settings == {"theme": 20271115}
