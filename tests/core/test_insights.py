"""Trends, leeches, calibration and miss reasons from known histories."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from quizapp.core.analytics.insights import calibration, domain_trends, leeches, miss_reasons
from quizapp.core.bank.loader import load_bank
from quizapp.core.progress.answers import AnswerRecord

T0 = datetime(2026, 11, 1, tzinfo=UTC)


def make(qid: str, correct: bool, i: int, **extra: str) -> AnswerRecord:
    return AnswerRecord(
        id=f"{qid}-{i}",
        question_id=qid,
        choice=0,
        correct=correct,
        seconds=1,
        mode="drill",
        at=T0 + timedelta(minutes=i),
        **extra,
    )  # type: ignore[arg-type]


def test_insights(mini_bank: Path) -> None:
    bank = load_bank(mini_bank).bank
    assert bank is not None
    history = [make("a1-one", i >= 4, i) for i in range(8)]  # wrong x4 then right x4
    history += [
        make("b1-one", True, 20, confidence="sure"),
        make("b1-two", False, 21, confidence="sure", miss_reason="misread"),
        make("a2-one", True, 22, confidence="guess"),
        make("a2-two", False, 23, miss_reason="misread"),
        make("a2-two", False, 24, miss_reason="did-not-know"),
    ]
    trends = domain_trends(bank, history, points=4)
    # A: F F F F T T T T T F F in four slices of ~2.75 answers
    assert trends["A"] == [0.0, 2 / 3, 1.0, 1 / 3]
    assert trends["B"] == [1.0, 0.0]
    [leech] = leeches(bank, history)
    assert (leech.question_id, leech.misses, leech.attempts) == ("a1-one", 4, 8)
    rows = {r.confidence: (r.answered, r.correct) for r in calibration(history)}
    assert rows == {"sure": (2, 1), "unsure": (0, 0), "guess": (1, 1)}
    assert miss_reasons(history) == {"misread": 2, "did-not-know": 1}


def test_trends_leave_out_skipped_answers_and_questions_no_longer_in_the_bank(
    mini_bank: Path,
) -> None:
    bank = load_bank(mini_bank).bank
    assert bank is not None
    history = [make("a1-one", True, 1), make("gone", False, 2)]
    history.append(AnswerRecord("s-3", "a1-one", -1, False, 1, "exam", T0 + timedelta(minutes=3)))
    assert domain_trends(bank, history) == {"A": [1.0], "B": []}
