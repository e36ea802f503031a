"""The projection: withheld until there is evidence, then one sentence everywhere."""

from __future__ import annotations

from datetime import UTC, datetime

from quizapp.core.analytics.readiness import HELD_BACK_BY, answers_needed, project
from quizapp.core.bank.summary import BankSummary, DomainInfo, TopicInfo
from quizapp.core.progress.answers import AnswerRecord

AT = datetime(2026, 11, 24, tzinfo=UTC)
SUMMARY = BankSummary(
    (
        DomainInfo("A", "Alpha", 2, (TopicInfo("A.1", "One"),)),
        DomainInfo("B", "Beta", 3, (TopicInfo("B.1", "Two"),)),
        DomainInfo("C", "Gamma", 5, (TopicInfo("C.1", "Three"),)),
    ),
    {"a": "A.1", "b": "B.1", "c": "C.1"},
)


def answers(spec: dict[str, tuple[int, int]]) -> list[AnswerRecord]:
    out = []
    for qid, (right, wrong) in spec.items():
        for n in range(right + wrong):
            out.append(AnswerRecord(f"{qid}{n}", qid, 0, n < right, 5.0, "drill", AT))
    return out


def test_nothing_answered_asks_for_thirty_answers() -> None:
    projection = project(SUMMARY, [])
    assert not projection.available and projection.held_back == []
    assert projection.text == "answer 30 more questions across the domains for a projection"


def test_every_domain_needs_some_answers() -> None:
    # 40 answers, but C has none: three more are needed there
    projection = project(SUMMARY, answers({"a": (20, 0), "b": (20, 0)}))
    assert answers_needed(projection.readiness) == 3
    assert projection.text.startswith("answer 3 more questions")
    assert project(SUMMARY, answers({"a": (28, 0), "b": (0, 0), "c": (1, 0)})).needed == 5


def test_with_evidence_the_sentence_names_the_domains_that_cost_most() -> None:
    projection = project(SUMMARY, answers({"a": (10, 0), "b": (5, 5), "c": (5, 5)}))
    assert projection.available
    assert len(projection.held_back) == HELD_BACK_BY
    assert [d.code for d in projection.held_back] == ["C", "B"]
    assert projection.text.endswith("held back most by C, B")
    assert projection.text.startswith("projected score ")
