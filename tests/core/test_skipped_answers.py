"""Skipped exam questions: in the log and the exam score, not in accuracy or scheduling."""

from __future__ import annotations

from datetime import UTC, datetime

from quizapp.core.analytics.dashboard import build_dashboard
from quizapp.core.bank.summary import BankSummary, DomainInfo, TopicInfo
from quizapp.core.progress.answers import AnswerRecord
from quizapp.core.progress.history import AnswerIndex, question_histories
from quizapp.core.progress.scheduling import rebuild_cards

AT = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
SUMMARY = BankSummary(
    (DomainInfo("A", "Alpha", 1, (TopicInfo("A.1", "One"), TopicInfo("A.2", "Two"))),),
    {"q1": "A.1", "q2": "A.2", "q3": "A.2"},
)


def answer(n: int, qid: str, choice: int, correct: bool) -> AnswerRecord:
    return AnswerRecord(f"id{n}", qid, choice, correct, 5.0, "exam", AT)


ANSWERS = [
    answer(1, "q1", 0, True),
    answer(2, "q2", -1, False),  # left unanswered
    answer(3, "q3", 2, False),
]


def test_skipped_answers_have_no_history_or_card() -> None:
    assert ANSWERS[1].skipped and not ANSWERS[0].skipped
    assert set(question_histories(ANSWERS)) == {"q1", "q3"}
    assert set(rebuild_cards(ANSWERS)) == {"q1", "q3"}
    index = AnswerIndex()
    index.sync(ANSWERS)
    assert set(index.histories) == {"q1", "q3"}
    assert index.answers_for("q2") == [ANSWERS[1]]  # still in the log


def test_weakest_topics_are_only_topics_that_lost_points() -> None:
    board = build_dashboard(SUMMARY, ANSWERS)
    assert [t.code for t in board.weakest] == ["A.2"]
    assert board.answered == 2 and board.correct == 1


def test_exam_answers_keep_where_the_choice_was_shown() -> None:
    from quizapp.core.progress.exam_records import ExamRecord
    from quizapp.core.progress.state import exam_answers

    record = ExamRecord(
        id="e",
        started_at=AT,
        finished_at=AT,
        questions=2,
        correct=0,
        time_limit_seconds=60,
        time_used_seconds=60,
        by_domain={},
        question_ids=["q1", "q2"],
        chosen=[2, -1],
        orders=[[3, 2, 1, 0], [0, 1, 2, 3]],
    )
    first, second = exam_answers(record, {})
    assert (first.choice, first.shown) == (2, 1)  # option 3 of the bank, shown as B
    assert second.skipped and second.shown is None
    assert AnswerRecord.from_json(first.to_json()) == first
