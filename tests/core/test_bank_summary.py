"""The bank's plain-data summary: the outline and each question's topic, nothing else."""

from __future__ import annotations

import pickle
from pathlib import Path

from quizapp.core.analytics.scores import scores_from_histories
from quizapp.core.bank.loader import load_bank
from quizapp.core.bank.summary import BankSummary, DomainInfo, TopicInfo, domain_of_topic
from quizapp.core.progress.history import QuestionHistory


def test_summary_follows_the_outline_and_the_questions(mini_bank: Path) -> None:
    bank = load_bank(mini_bank).bank
    assert bank is not None
    summary = bank.summary()
    assert [d.code for d in summary.domains] == [d.code for d in bank.outline.domains]
    assert list(summary.topics) == list(bank.outline.topics)
    assert summary.topics["A.2"].name == bank.outline.topics["A.2"].name
    assert summary.total_weight == bank.outline.total_weight
    assert summary.question_count == len(bank.questions)
    assert summary.topic_of == {qid: q.topic for qid, q in bank.questions.items()}
    assert summary.questions_per_domain() == {
        d.code: len(bank.questions_in_domain(d.code)) for d in bank.outline.domains
    }
    assert pickle.loads(pickle.dumps(summary)) == summary


def test_an_empty_domain_counts_zero_and_unknown_questions_are_ignored() -> None:
    summary = BankSummary(
        domains=(
            DomainInfo("A", "First", 3, (TopicInfo("A.1", "One"),)),
            DomainInfo("B", "Second", 1, (TopicInfo("B.1", "Two"),)),
        ),
        topic_of={"q1": "A.1", "q2": "A.1"},
    )
    assert summary.questions_per_domain() == {"A": 2, "B": 0}
    scores = scores_from_histories(
        summary, {"q1": QuestionHistory(attempts=2, wrong=1), "gone": QuestionHistory(attempts=5)}
    )
    assert (scores.overall.answered, scores.by_domain["A"].correct) == (2, 1)
    assert scores.by_domain["B"].answered == 0 and scores.seen_questions == {"q1"}
    assert domain_of_topic("F.12") == "F"
