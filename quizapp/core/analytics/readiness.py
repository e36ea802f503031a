"""A projected exam score from per-domain accuracy, with an uncertainty band.

projected = sum over domains of weight share x estimated accuracy, where the
estimate is the Beta(1, 1) posterior mean of the domain's answers. The band is
1.96 standard deviations of that sum, using each domain's posterior variance,
so it narrows as the candidate answers more questions in every domain.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from quizapp.core.analytics.scores import Scores, compute_scores
from quizapp.core.analytics.weakness import PRIOR_RIGHT, PRIOR_WRONG
from quizapp.core.bank.summary import BankSummary
from quizapp.core.progress.answers import AnswerRecord

Z_95 = 1.96


@dataclass(frozen=True)
class DomainReadiness:
    code: str
    name: str
    share: float
    answered: int
    correct: int
    estimate: float
    variance: float

    @property
    def points_lost(self) -> float:
        """Share of the exam lost here at the estimated accuracy."""
        return self.share * (1 - self.estimate)


@dataclass(frozen=True)
class Readiness:
    projected: float
    low: float
    high: float
    domains: list[DomainReadiness]

    def weakest(self, count: int = 3) -> list[DomainReadiness]:
        """The domains that pull the projection down most."""
        return sorted(self.domains, key=lambda d: -d.points_lost)[:count]


def estimate_readiness(
    summary: BankSummary, answers: Sequence[AnswerRecord], scores: Scores | None = None
) -> Readiness:
    """Pass ``scores`` when the caller already aggregated the same answers."""
    scores = scores or compute_scores(summary, answers)
    total = summary.total_weight
    domains = []
    for domain in summary.domains:
        score = scores.by_domain[domain.code]
        a = score.correct + PRIOR_RIGHT
        b = score.answered - score.correct + PRIOR_WRONG
        mean = a / (a + b)
        variance = a * b / ((a + b) ** 2 * (a + b + 1))
        domains.append(
            DomainReadiness(
                domain.code,
                domain.name,
                domain.weight / total,
                score.answered,
                score.correct,
                mean,
                variance,
            )
        )
    projected = sum(d.share * d.estimate for d in domains)
    spread = Z_95 * math.sqrt(sum(d.share**2 * d.variance for d in domains))
    return Readiness(projected, max(0.0, projected - spread), min(1.0, projected + spread), domains)
