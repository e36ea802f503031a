"""The home dashboard, exam reports, trends, leeches and the study plan, field by field."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from quizapp.core.analytics.dashboard import build_dashboard, dashboard_from_histories
from quizapp.core.analytics.exam_report import build_report
from quizapp.core.analytics.insights import domain_trends, leeches
from quizapp.core.analytics.plan import study_plan
from quizapp.core.analytics.readiness import estimate_readiness
from quizapp.core.analytics.scores import compute_scores, scores_from_histories
from quizapp.core.progress.answers import AnswerRecord
from quizapp.core.progress.due import DueDate
from quizapp.core.progress.exam_records import DomainResult, ExamRecord
from quizapp.core.progress.history import QuestionHistory, question_histories
from tests.conftest import make_bank

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def answer(qid: str, correct: bool, n: int) -> AnswerRecord:
    return AnswerRecord(f"{qid}-{n}", qid, 0, correct, 5.0, "drill", T0 + timedelta(minutes=n))


# -- dashboard -------------------------------------------------------------------


def test_the_dashboard_lists_five_weakest_answered_topics_by_default() -> None:
    bank = make_bank({f"A.{n}": 2 for n in range(1, 8)}, {"A": 1})
    # six topics lost a point, A.7 was answered right: it is never among the weakest
    history = [answer(f"a{n}-q0", n == 7, n) for n in range(1, 8)]
    board = build_dashboard(bank.summary(), history)
    assert len(board.weakest) == 5
    every = build_dashboard(bank.summary(), history, weakest=10).weakest
    assert [t.code for t in every] == [f"A.{n}" for n in range(1, 7)]
    assert len(build_dashboard(bank.summary(), history, weakest=2).weakest) == 2
    histories = question_histories(history)
    assert len(dashboard_from_histories(bank.summary(), histories).weakest) == 5
    wrong_first = board.weakest[0]  # a topic answered wrong once: 1/3 estimated
    assert (wrong_first.code, wrong_first.name) == ("A.1", "Topic A.1")
    assert (wrong_first.answered, wrong_first.correct) == (1, 0)
    assert wrong_first.smoothed == pytest.approx(1 / 3)


def test_the_dashboard_rows_and_counts_leave_out_what_the_bank_no_longer_has() -> None:
    bank = make_bank({"A.1": 3, "B.1": 1}, {"A": 1, "B": 3})
    history = [
        answer("a1-q0", False, 1),
        answer("a1-q1", True, 2),
        answer("gone-1", False, 3),  # missed, but no longer in the bank
        answer("gone-2", False, 4),
    ]
    board = build_dashboard(bank.summary(), history, flagged=["a1-q2", "gone-1", "gone-3"])
    a, b = board.domains
    assert (a.code, a.name, a.weight_share, a.bank_questions) == ("A", "Domain A", 0.25, 3)
    assert (b.name, b.weight_share, b.bank_questions, b.accuracy) == ("Domain B", 0.75, 1, None)
    assert (a.answered, a.correct, a.accuracy) == (2, 1, 0.5)
    assert board.missed_to_review == 1 and board.flagged == 1
    assert board.scores == compute_scores(bank.summary(), history)


# -- scores ------------------------------------------------------------------------


def test_a_question_not_in_the_bank_does_not_stop_the_count() -> None:
    bank = make_bank({"A.1": 2}, {"A": 1})
    histories = {
        "gone": QuestionHistory(attempts=1),  # comes first
        "a1-q0": QuestionHistory(attempts=2, wrong=1),
        "a1-q1": QuestionHistory(),  # never answered
    }
    scores = scores_from_histories(bank.summary(), histories)
    assert (scores.overall.answered, scores.overall.correct) == (2, 1)
    assert scores.seen_questions == {"a1-q0"}


def test_readiness_names_the_three_weakest_domains_by_default() -> None:
    bank = make_bank({"A.1": 1, "B.1": 1, "C.1": 1, "D.1": 1}, {"A": 1, "B": 1, "C": 1, "D": 1})
    readiness = estimate_readiness(bank.summary(), [answer("a1-q0", True, 1)])
    assert [d.code for d in readiness.weakest()] == ["B", "C", "D"]


# -- exam reports --------------------------------------------------------------------


def exam(n: int, correct: int, finished: datetime) -> ExamRecord:
    return ExamRecord(
        id=f"exam-{n}",
        started_at=finished - timedelta(minutes=10),
        finished_at=finished,
        questions=4,
        correct=correct,
        time_limit_seconds=600,
        time_used_seconds=480,
        by_domain={
            "A": DomainResult(correct=correct, total=3),
            "B": DomainResult(correct=0, total=1),
        },
        question_ids=["a1-q0", "a1-q1", "a1-q2", "b1-q0"],
        chosen=[0, 0, 0, 1],
        correct_positions=list(range(correct)),
    )


def test_a_report_compares_with_the_last_and_the_best_earlier_exam() -> None:
    bank = make_bank({"A.1": 3, "B.1": 1}, {"A": 1, "B": 3})
    history = [
        exam(1, 3, T0),
        exam(2, 1, T0 + timedelta(days=1)),
        exam(3, 2, T0 + timedelta(days=2)),
        exam(4, 3, T0 + timedelta(days=3)),  # the one reported
        exam(5, 0, T0 + timedelta(days=4)),  # later: not compared with
    ]
    report = build_report(bank, history[3], history)
    assert report.attempt == 4
    assert report.previous_score == 0.5 and report.best_previous == 0.75
    a, b = report.domains
    assert (a.code, a.name, a.weight_share, a.correct, a.total) == ("A", "Domain A", 0.25, 3, 3)
    assert (b.name, b.weight_share, b.correct, b.total, b.accuracy) == ("Domain B", 0.75, 0, 1, 0)
    assert report.seconds_per_question == 120 and report.pace_seconds == 150


def test_an_exam_finished_at_the_same_moment_counts_as_earlier() -> None:
    bank = make_bank({"A.1": 3, "B.1": 1}, {"A": 1, "B": 3})
    first, second = exam(1, 1, T0), exam(2, 3, T0)
    report = build_report(bank, second, [first, second])
    assert report.attempt == 2 and report.previous_score == 0.25


# -- insights ----------------------------------------------------------------------


def test_trends_have_twelve_points_at_most_and_none_for_an_unpractised_domain() -> None:
    bank = make_bank({"A.1": 1, "B.1": 1}, {"A": 1, "B": 1})
    many = [answer("b1-q0", n % 2 == 0, n) for n in range(30)]
    trends = domain_trends(bank, many)
    assert trends["A"] == [] and len(trends["B"]) == 12
    assert len(domain_trends(bank, many[:11])["B"]) == 11


def test_a_leech_is_missed_three_times_or_more_worst_first() -> None:
    bank = make_bank({"A.1": 3, "B.1": 1}, {"A": 1, "B": 1})
    history = (
        [answer("a1-q0", False, n) for n in range(3)]
        + [answer("b1-q0", False, 10 + n) for n in range(5)]
        + [answer("a1-q2", False, 20 + n) for n in range(3)]
        + [answer("a1-q1", False, 30 + n) for n in range(2)]
        + [answer("gone", False, 40 + n) for n in range(4)]
    )
    found = leeches(bank, history)
    assert [(x.question_id, x.topic, x.misses) for x in found] == [
        ("b1-q0", "B.1", 5),
        ("a1-q0", "A.1", 3),
        ("a1-q2", "A.1", 3),
    ]


# -- study plan ----------------------------------------------------------------------


def test_a_review_due_exactly_at_the_deadline_is_in_the_plan() -> None:
    deadline = datetime(2026, 11, 19, 6, 0, tzinfo=UTC)
    cards = {
        "at": DueDate(deadline),
        "after": DueDate(deadline + timedelta(seconds=1)),
        "before": DueDate(deadline - timedelta(days=3)),
    }
    plan = study_plan(cards, date(2026, 11, 20), date(2026, 11, 10))
    assert plan is not None
    assert (plan.exam_date, plan.days_left, plan.reviews_before_exam) == (date(2026, 11, 20), 10, 2)
    assert plan.per_day == 1
    today = study_plan(cards, date(2026, 11, 20), date(2026, 11, 20))
    assert today is not None and today.days_left == 0 and today.per_day == 2


def test_the_projection_takes_scores_already_counted_for_the_same_answers() -> None:
    from quizapp.core.analytics.readiness import project

    bank = make_bank({"A.1": 3, "B.1": 3}, {"A": 1, "B": 1})
    history = [answer(f"{q}-q{n % 3}", n % 4 != 0, n) for n in range(40) for q in ("a1", "b1")]
    scores = compute_scores(bank.summary(), history)
    assert project(bank.summary(), [], scores) == project(bank.summary(), history)
    assert project(bank.summary(), [], scores).needed == 0


def test_the_weakest_topics_carry_their_heading() -> None:
    bank = make_bank({"A.1": 2}, {"A": 1})
    histories = question_histories([answer("a1-q0", False, 1)])
    [weak] = dashboard_from_histories(bank.summary(), histories).weakest
    assert weak.heading == bank.outline.topic_heading("A.1")
    assert weak.heading == "A Domain A · study topic: topic A.1"
