"""The readiness estimate from a hand-made outline: the mean, the variance, the band, the shares."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest

from quizapp.core.analytics.readiness import Z_95, estimate_readiness
from quizapp.core.analytics.scores import compute_scores
from quizapp.core.bank.summary import BankSummary, DomainInfo, TopicInfo
from quizapp.core.progress.answers import AnswerRecord

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def summary(*weights: int) -> BankSummary:
    """Domains A, B, C... with the given weights, one topic and one question each."""
    codes = "ABCDEFGHIJ"[: len(weights)]
    return BankSummary(
        domains=tuple(
            DomainInfo(code, f"Domain {code}", weight, (TopicInfo(f"{code}.1", f"Topic {code}"),))
            for code, weight in zip(codes, weights, strict=True)
        ),
        topic_of={f"{code.lower()}1-q": f"{code}.1" for code in codes},
    )


def answers(qid: str, right: int, wrong: int) -> list[AnswerRecord]:
    results = [True] * right + [False] * wrong
    return [
        AnswerRecord(f"{qid}-{n}", qid, 0, ok, 5.0, "drill", T0 + timedelta(minutes=n))
        for n, ok in enumerate(results)
    ]


def test_z_is_the_95_percent_normal_quantile() -> None:
    assert Z_95 == 1.96


def test_each_domain_is_a_beta_posterior_weighted_by_its_share() -> None:
    # A (weight 1): 3 right, 1 wrong -> Beta(4, 2): mean 2/3, variance 4*2 / (6^2 * 7)
    # B (weight 3): nothing answered -> Beta(1, 1): mean 1/2, variance 1 / (2^2 * 3)
    readiness = estimate_readiness(summary(1, 3), answers("a1-q", 3, 1))
    a, b = readiness.domains
    assert (a.code, a.name, a.share, a.answered, a.correct) == ("A", "Domain A", 0.25, 4, 3)
    assert (b.code, b.share, b.answered, b.correct) == ("B", 0.75, 0, 0)
    assert a.estimate == pytest.approx(2 / 3) and b.estimate == 0.5
    assert a.variance == pytest.approx(8 / 252) and b.variance == pytest.approx(1 / 12)
    assert readiness.projected == pytest.approx(0.25 * 2 / 3 + 0.75 * 0.5)
    spread = 1.96 * math.sqrt(0.25**2 * 8 / 252 + 0.75**2 / 12)
    assert readiness.low == pytest.approx(readiness.projected - spread)
    assert readiness.high == pytest.approx(readiness.projected + spread)
    assert (readiness.low, readiness.high) == pytest.approx((0.108426, 0.974907), abs=1e-6)


def test_the_band_never_leaves_zero_to_one() -> None:
    # One domain, nothing answered: 0.5 +- 1.96 * sqrt(1/12) = 0.5 +- 0.566
    readiness = estimate_readiness(summary(5), [])
    assert readiness.projected == 0.5
    assert (readiness.low, readiness.high) == (0.0, 1.0)
    sure = estimate_readiness(summary(5), answers("a1-q", 3, 0))  # Beta(4, 1): 0.8 +- 0.35
    assert sure.high == 1.0 and sure.low == pytest.approx(0.8 - 1.96 * math.sqrt(4 / 150))


def test_more_answers_narrow_the_band() -> None:
    few = estimate_readiness(summary(1, 1), answers("a1-q", 2, 2) + answers("b1-q", 2, 2))
    many = estimate_readiness(summary(1, 1), answers("a1-q", 20, 20) + answers("b1-q", 20, 20))
    assert few.projected == many.projected == 0.5
    assert many.high - many.low < few.high - few.low


def test_weakest_are_the_domains_losing_most_points_and_exactly_as_many_as_asked() -> None:
    history = answers("a1-q", 9, 1) + answers("b1-q", 1, 9) + answers("c1-q", 5, 5)
    readiness = estimate_readiness(summary(2, 1, 1), history)
    # points lost = share x (1 - estimate): A 0.5 x 1/6, B 0.25 x 5/6, C 0.25 x 1/2
    assert [d.points_lost for d in readiness.domains] == pytest.approx([1 / 12, 5 / 24, 1 / 8])
    assert [d.code for d in readiness.weakest(2)] == ["B", "C"]
    assert [d.code for d in readiness.weakest()] == ["B", "C", "A"]
    assert [d.code for d in readiness.weakest(1)] == ["B"]


def test_scores_passed_in_are_the_ones_used() -> None:
    outline = summary(1, 3)
    history = answers("a1-q", 3, 1)
    passed = estimate_readiness(outline, [], compute_scores(outline, history))
    assert passed == estimate_readiness(outline, history)
