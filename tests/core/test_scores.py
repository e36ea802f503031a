"""Scores per topic and domain: counts, time, the last time seen, questions not in the bank."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from quizapp.core.analytics.scores import Score, compute_scores, scores_from_histories
from quizapp.core.analytics.weakness import rank_topics
from quizapp.core.bank.summary import BankSummary, DomainInfo, TopicInfo
from quizapp.core.progress.answers import AnswerRecord
from quizapp.core.progress.history import QuestionHistory, question_histories

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)

SUMMARY = BankSummary(
    domains=(
        DomainInfo("A", "Alpha", 2, (TopicInfo("A.1", "First"), TopicInfo("A.2", "Second"))),
        DomainInfo("B", "Beta", 3, (TopicInfo("B.1", "Third"),)),
    ),
    topic_of={"a1-x": "A.1", "a1-y": "A.1", "a2-x": "A.2", "b1-x": "B.1"},
)


def answer(qid: str, correct: bool, minutes: int, seconds: float = 10.0) -> AnswerRecord:
    at = T0 + timedelta(minutes=minutes)
    return AnswerRecord(f"{qid}-{minutes}", qid, 0, correct, seconds, "drill", at)


def test_last_seen_is_the_latest_answer_whatever_the_order() -> None:
    history = [
        answer("a1-x", True, 30),  # the latest answer comes first in the log
        answer("a1-x", False, 10),
        answer("a1-y", True, 20),
        answer("b1-x", True, 5),
    ]
    scores = compute_scores(SUMMARY, history)
    assert question_histories(history)["a1-x"].last_seen == T0 + timedelta(minutes=30)
    assert scores.by_topic["A.1"].last_seen == T0 + timedelta(minutes=30)
    assert scores.by_domain["A"].last_seen == T0 + timedelta(minutes=30)
    assert scores.overall.last_seen == T0 + timedelta(minutes=30)
    assert scores.by_topic["B.1"].last_seen == T0 + timedelta(minutes=5)
    assert scores.by_topic["A.2"].last_seen is None


def test_score_add_keeps_the_later_of_two_last_seen() -> None:
    score = Score()
    score.add(QuestionHistory(attempts=1, last_seen=T0 + timedelta(days=2)))
    score.add(QuestionHistory(attempts=1, last_seen=T0))
    score.add(QuestionHistory(attempts=1, last_seen=None))
    assert score.last_seen == T0 + timedelta(days=2)
    score.add(QuestionHistory(attempts=1, last_seen=T0 + timedelta(days=3)))
    assert score.last_seen == T0 + timedelta(days=3)


def test_counts_time_and_accuracy_per_topic_domain_and_overall() -> None:
    history = [
        answer("a1-x", True, 1, 10),
        answer("a1-x", False, 2, 20),
        answer("a1-y", True, 3, 30),
        answer("b1-x", False, 4, 5),
        answer("gone", True, 5, 99),  # a question no longer in the bank
    ]
    scores = compute_scores(SUMMARY, history)
    a1 = scores.by_topic["A.1"]
    assert (a1.answered, a1.correct, a1.seconds) == (3, 2, 60)
    assert a1.accuracy == pytest.approx(2 / 3) and a1.seconds_per_question == 20
    assert (scores.by_domain["A"].answered, scores.by_domain["B"].answered) == (3, 1)
    overall = scores.overall
    assert (overall.answered, overall.correct, overall.seconds) == (4, 2, 65)
    assert scores.seen_questions == {"a1-x", "a1-y", "b1-x"}
    unseen = scores.by_topic["A.2"]
    assert unseen.accuracy is None and unseen.seconds_per_question is None
    assert scores_from_histories(SUMMARY, question_histories(history)) == scores


def test_a_history_without_attempts_is_not_seen() -> None:
    scores = scores_from_histories(SUMMARY, {"a1-x": QuestionHistory()})
    assert scores.seen_questions == set() and scores.overall.answered == 0


def test_a_topic_share_is_its_domain_weight_split_over_its_topics() -> None:
    ranked = {t.code: t for t in rank_topics(SUMMARY, [])}
    assert ranked["A.1"].exam_share == ranked["A.2"].exam_share == pytest.approx(2 / 5 / 2)
    assert ranked["B.1"].exam_share == pytest.approx(3 / 5)
    # nothing answered: every topic at 50%, so the bigger share loses more points
    assert [t.code for t in rank_topics(SUMMARY, [])] == ["B.1", "A.1", "A.2"]
