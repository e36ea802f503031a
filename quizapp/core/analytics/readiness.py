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
from quizapp.core.text import plural

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


HELD_BACK_BY = 2
"""How many domains "held back most by" names: the same everywhere it is said."""
MIN_ANSWERS = 30
"""Answers needed in all before a projection is more than the prior."""
MIN_PER_DOMAIN = 3
"""Answers needed in every domain: a domain never answered is the prior, not you."""


@dataclass(frozen=True)
class Projection:
    """The readiness estimate as the screens and ``quizapp stats`` state it."""

    readiness: Readiness
    needed: int
    """More answers needed before a projection is shown (0: it is shown)."""

    @property
    def available(self) -> bool:
        return self.needed == 0

    @property
    def held_back(self) -> list[DomainReadiness]:
        """The domains that cost the most points (none until there is enough evidence)."""
        return self.readiness.weakest(HELD_BACK_BY) if self.available else []

    @property
    def text(self) -> str:
        """One sentence, the same on home, in the statistics and from the command line."""
        if not self.available:
            return (
                f"answer {plural(self.needed, 'more question', 'more questions')} "
                "across the domains for a projection"
            )
        r = self.readiness
        codes = ", ".join(d.code for d in self.held_back)
        return (
            f"projected score {r.projected:.0%} ({r.low:.0%}-{r.high:.0%}), "
            f"held back most by {codes}"
        )


def answers_needed(readiness: Readiness) -> int:
    """How many more answers, spread over the domains, before the projection is shown."""
    total = sum(d.answered for d in readiness.domains)
    per_domain = sum(max(0, MIN_PER_DOMAIN - d.answered) for d in readiness.domains)
    return max(per_domain, MIN_ANSWERS - total, 0)


def project(
    summary: BankSummary, answers: Sequence[AnswerRecord], scores: Scores | None = None
) -> Projection:
    """The readiness estimate with the evidence it rests on (see ``estimate_readiness``)."""
    readiness = estimate_readiness(summary, answers, scores)
    return Projection(readiness, answers_needed(readiness))
