"""Which topics are weakest, with a small-sample correction and the exam's weights."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quizapp.core.analytics.scores import Scores, compute_scores
from quizapp.core.bank.summary import BankSummary
from quizapp.core.progress.answers import AnswerRecord

PRIOR_RIGHT = 1.0
PRIOR_WRONG = 1.0


def estimated_accuracy(correct: int, answered: int) -> float:
    """Posterior mean accuracy with a uniform Beta(1, 1) prior.

    1 of 2 right -> 50%, 0 of 1 -> 33%, 9 of 10 -> 83%, none answered -> 50%:
    a topic is never judged with full confidence on a handful of answers.
    """
    return (correct + PRIOR_RIGHT) / (answered + PRIOR_RIGHT + PRIOR_WRONG)


@dataclass(frozen=True)
class TopicWeakness:
    code: str
    name: str
    answered: int
    correct: int
    estimate: float
    exam_share: float
    """The topic's share of the exam: its domain's weight split over its topics."""
    heading: str = ""
    """How the UI names the topic (``TopicInfo.heading``)."""

    @property
    def priority(self) -> float:
        """Expected points lost on the exam in this topic: (1 - accuracy) x share."""
        return (1 - self.estimate) * self.exam_share


def rank_topics(
    summary: BankSummary, answers: Sequence[AnswerRecord], scores: Scores | None = None
) -> list[TopicWeakness]:
    """Every topic, the one costing the most expected exam points first.

    Pass ``scores`` when the caller already aggregated the same answers.
    """
    scores = scores or compute_scores(summary, answers)
    total = summary.total_weight
    ranked = []
    for domain in summary.domains:
        share = domain.weight / total / len(domain.topics)
        for topic in domain.topics:
            score = scores.by_topic[topic.code]
            ranked.append(
                TopicWeakness(
                    topic.code,
                    topic.name,
                    score.answered,
                    score.correct,
                    estimated_accuracy(score.correct, score.answered),
                    share,
                    topic.heading or f"{topic.code} {topic.name}",
                )
            )
    return sorted(ranked, key=lambda t: (-t.priority, t.code))
