"""Drill selection, shuffling, grading and summaries."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from quizapp.core.analytics.dashboard import build_dashboard
from quizapp.core.bank.bank import Bank
from quizapp.core.bank.loader import load_bank
from quizapp.core.bank.models import Choice, Question
from quizapp.core.progress.answers import AnswerRecord
from quizapp.core.progress.history import question_histories
from quizapp.core.sessions.drill import DrillSession, QuestionStatus, present, select_questions
from quizapp.core.sessions.shuffle import shuffled_order
from tests.conftest import FakeClock


@pytest.fixture
def bank(mini_bank: Path) -> Bank:
    result = load_bank(mini_bank)
    assert result.bank is not None
    return result.bank


def answer(qid: str, correct: bool, minute: int = 0) -> AnswerRecord:
    return AnswerRecord(
        id=f"{qid}-{minute}",
        question_id=qid,
        choice=0,
        correct=correct,
        seconds=10,
        mode="drill",
        at=datetime(2026, 11, 1, 9, minute, tzinfo=UTC),
    )


def test_pinned_choices_stay_in_place() -> None:
    import random

    question = Question(
        id="x-1",
        topic="A.1",
        stem="?",
        explanation="e",
        references=["r"],
        difficulty=1,
        choices=[
            Choice(text="a", correct=True),
            Choice(text="b"),
            Choice(text="c"),
            Choice(text="d"),
            Choice(text="None of these", pinned=True),
        ],
    )
    orders = {tuple(shuffled_order(question, random.Random(seed))) for seed in range(50)}
    assert all(order[4] == 4 for order in orders)
    assert len(orders) > 10  # the free choices really move
    assert all(sorted(order) == [0, 1, 2, 3, 4] for order in orders)


def test_same_seed_same_drill(bank: Bank) -> None:
    topics = {"A.1", "A.2", "B.1"}
    first = select_questions(bank, {}, topics, QuestionStatus.ALL, 4, seed=7)
    second = select_questions(bank, {}, topics, QuestionStatus.ALL, 4, seed=7)
    assert [q.id for q in first] == [q.id for q in second]
    assert len(first) == 4 and len({q.id for q in first}) == 4
    assert [p.order for p in present(first, 3)] == [p.order for p in present(second, 3)]


def test_selection_by_topic_and_status(bank: Bank) -> None:
    history = question_histories(
        [
            answer("a1-one", False, 1),
            answer("a1-two", False, 2),
            answer("a1-two", True, 3),
            answer("a2-one", True, 4),
        ]
    )
    pick = select_questions
    assert {q.id for q in pick(bank, history, {"A.1"}, QuestionStatus.ALL, 10, 1)} == {
        "a1-one",
        "a1-two",
    }
    assert [q.id for q in pick(bank, history, {"A.1", "A.2"}, QuestionStatus.MISSED, 10, 1)] == [
        "a1-one"
    ]
    assert {q.id for q in pick(bank, history, {"A.1", "A.2"}, QuestionStatus.UNSEEN, 10, 1)} == {
        "a2-two"
    }
    assert [
        q.id
        for q in pick(bank, history, {"B.1"}, QuestionStatus.FLAGGED, 10, 1, flagged=["b1-two"])
    ] == ["b1-two"]
    assert pick(bank, {}, {"A.1"}, QuestionStatus.MISSED, 10, 1) == []
    # unseen questions come before seen ones in an "all" drill
    mixed = pick(bank, history, {"A.1", "A.2"}, QuestionStatus.ALL, 10, 5)
    assert mixed[0].id == "a2-two"


def test_session_grades_records_and_times(bank: Bank, clock: FakeClock) -> None:
    recorded: list[tuple[str, int, bool, float, str, int]] = []
    questions = [bank.questions["a1-one"], bank.questions["b1-two"]]
    session = DrillSession(present(questions, seed=2), clock, lambda *args: recorded.append(args))
    first = session.current
    clock.advance(12)
    feedback = session.answer(first.correct_display_index)
    assert feedback.correct and feedback.seconds == 12
    assert recorded == [("a1-one", 0, True, 12.0, "drill", first.correct_display_index)]
    assert session.answer(0) == feedback  # answering twice changes nothing
    assert session.advance()
    second = session.current
    wrong = (second.correct_display_index + 1) % 4
    clock.advance(30)
    feedback = session.answer(wrong)
    assert not feedback.correct
    assert recorded[-1] == (
        "b1-two",
        second.original_index(wrong),
        False,
        30.0,
        "drill",
        wrong,  # where it was shown
    )
    assert not session.advance() and session.finished
    summary = session.summary()
    assert (summary.answered, summary.correct) == (2, 1)
    assert summary.seconds_per_question == 21
    assert [(t.topic, t.answered, t.correct) for t in summary.by_topic] == [
        ("A.1", 1, 1),
        ("B.1", 1, 0),
    ]
    assert [m.presented.question.id for m in summary.missed] == ["b1-two"]


def test_cannot_skip_unanswered(bank: Bank, clock: FakeClock) -> None:
    session = DrillSession(
        present([bank.questions["a1-one"], bank.questions["a1-two"]], 1), clock, lambda *a: None
    )
    assert not session.advance()
    with pytest.raises(ValueError):
        session.answer(7)
    with pytest.raises(ValueError):
        DrillSession([], clock, lambda *a: None)


def test_dashboard(bank: Bank) -> None:
    history = [
        answer("a1-one", False, 1),
        answer("a1-two", True, 2),
        answer("b1-one", True, 3),
        answer("b1-two", True, 4),
        answer("gone-from-bank", False, 5),
    ]
    board = build_dashboard(bank.summary(), history, flagged=["a2-one", "gone"])
    assert (board.total_questions, board.seen_questions, board.answered, board.correct) == (
        6,
        4,
        4,
        3,
    )
    assert board.accuracy == 0.75
    assert [(d.code, d.answered, d.correct, round(d.weight_share, 2)) for d in board.domains] == [
        ("A", 2, 1, 0.4),
        ("B", 2, 2, 0.6),
    ]
    # B.1 (2/2) lost no points: it is not among the weakest, however heavy its domain
    assert [t.code for t in board.weakest] == ["A.1"]
    assert board.missed_to_review == 1 and board.flagged == 1


def test_a_drill_of_nothing_is_refused_and_says_why(clock: FakeClock) -> None:
    with pytest.raises(ValueError, match=r"^a drill needs at least one question$"):
        DrillSession([], clock, lambda *a: None)


@pytest.mark.parametrize("count", [0, -2])
def test_a_count_of_zero_or_less_selects_nothing(bank: Bank, count: int) -> None:
    assert select_questions(bank, {}, {"A.1", "B.1"}, QuestionStatus.ALL, count, 1) == []


def test_every_choice_can_be_answered_and_no_other(bank: Bank, clock: FakeClock) -> None:
    questions = present([bank.questions["a1-one"]], seed=4)
    for index in range(4):
        session = DrillSession(questions, clock, lambda *a: None)
        feedback = session.answer(index)
        assert feedback.chosen_display_index == index
        assert feedback.correct_display_index == questions[0].correct_display_index
        assert feedback.correct is (index == questions[0].correct_display_index)
    session = DrillSession(questions, clock, lambda *a: None)
    with pytest.raises(ValueError, match=r"^choice 5 does not exist$"):
        session.answer(4)
    with pytest.raises(ValueError, match=r"^choice 0 does not exist$"):
        session.answer(-1)
    assert session.results == []


def test_an_instant_answer_takes_no_time(bank: Bank, clock: FakeClock) -> None:
    session = DrillSession(present([bank.questions["a1-one"]], 1), clock, lambda *a: None)
    assert session.answer(0).seconds == 0.0


def test_the_stored_answer_id_is_kept_for_later_notes(bank: Bank, clock: FakeClock) -> None:
    questions = present([bank.questions["a1-one"], bank.questions["a1-two"]], 1)
    stored = answer("a1-one", True)
    session = DrillSession(questions, clock, lambda *a: stored)
    session.answer(0)
    assert [r.answer_id for r in session.results] == [stored.id]
    unstored = DrillSession(questions, clock, lambda *a: None)  # a recorder that keeps nothing
    unstored.answer(0)
    assert [r.answer_id for r in unstored.results] == [None]


def test_advance_walks_through_every_question_in_order(bank: Bank, clock: FakeClock) -> None:
    ids = ["a1-one", "a1-two", "a2-one", "b1-one"]
    session = DrillSession(present([bank.questions[q] for q in ids], 1), clock, lambda *a: None)
    seen = []
    while True:
        seen.append(session.current.question.id)
        session.answer(0)
        if not session.advance():
            break
    assert seen == ids and session.index == 3 and session.is_last and session.finished


def test_the_summary_counts_every_answer_of_a_topic(bank: Bank, clock: FakeClock) -> None:
    ids = ["a1-one", "a1-two", "a1-one", "b1-one"]
    questions = present([bank.questions[q] for q in ids], 1)
    session = DrillSession(questions, clock, lambda *a: None)
    for n, presented in enumerate(questions):
        right = presented.correct_display_index
        session.answer(right if n != 1 else (right + 1) % 4)
        session.advance()
    lines = [(t.topic, t.answered, t.correct) for t in session.summary().by_topic]
    assert lines == [("A.1", 3, 2), ("B.1", 1, 1)]
