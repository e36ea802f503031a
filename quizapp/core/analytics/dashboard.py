"""The numbers on the home screen, computed from the bank and the answer history."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from quizapp.core.analytics.readiness import Projection
from quizapp.core.analytics.scores import Scores, scores_from_histories
from quizapp.core.analytics.weakness import rank_topics
from quizapp.core.bank.summary import BankSummary
from quizapp.core.progress.answers import AnswerRecord
from quizapp.core.progress.history import QuestionHistory, question_histories
from quizapp.core.text import percent, plural


@dataclass(frozen=True)
class DomainRow:
    code: str
    name: str
    weight_share: float
    answered: int
    correct: int
    bank_questions: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.answered if self.answered else None


@dataclass(frozen=True)
class WeakTopic:
    code: str
    name: str
    answered: int
    correct: int
    smoothed: float
    heading: str = ""
    """How the UI names the topic (``TopicInfo.heading``)."""


@dataclass(frozen=True)
class Dashboard:
    total_questions: int
    seen_questions: int
    answered: int
    correct: int
    domains: list[DomainRow]
    weakest: list[WeakTopic]
    missed_to_review: int
    flagged: int
    scores: Scores
    """The aggregated history, for other views of the same answers (readiness)."""

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.answered if self.answered else None


def build_dashboard(
    summary: BankSummary,
    answers: Sequence[AnswerRecord],
    flagged: Sequence[str] = (),
    weakest: int = 5,
) -> Dashboard:
    """Standing overall and per domain, the weakest topics, and what is waiting for review."""
    return dashboard_from_histories(summary, question_histories(answers), flagged, weakest)


def dashboard_from_histories(
    summary: BankSummary,
    histories: Mapping[str, QuestionHistory],
    flagged: Sequence[str] = (),
    weakest: int = 5,
) -> Dashboard:
    """The same from per-question histories (the store keeps them up to date)."""
    scores = scores_from_histories(summary, histories)
    total_weight = summary.total_weight
    per_domain = summary.questions_per_domain()
    domains = [
        DomainRow(
            code=d.code,
            name=d.name,
            weight_share=d.weight / total_weight,
            answered=scores.by_domain[d.code].answered,
            correct=scores.by_domain[d.code].correct,
            bank_questions=per_domain[d.code],
        )
        for d in summary.domains
    ]
    weak = [  # only topics where points were lost: a topic at 100% is not weak
        WeakTopic(t.code, t.name, t.answered, t.correct, t.estimate, t.heading)
        for t in rank_topics(summary, (), scores)
        if t.correct < t.answered
    ]
    missed = sum(
        1 for qid, h in histories.items() if qid in summary.topic_of and h.missed_and_not_fixed
    )
    return Dashboard(
        total_questions=summary.question_count,
        seen_questions=len(scores.seen_questions),
        answered=scores.overall.answered,
        correct=scores.overall.correct,
        domains=domains,
        weakest=weak[:weakest],
        missed_to_review=missed,
        flagged=sum(1 for qid in flagged if qid in summary.topic_of),
        scores=scores,
    )


def standing_lines(board: Dashboard, due: int, projection: Projection, plan: str) -> list[str]:
    """The two lines at the top of home: where the candidate stands, what comes next."""
    if board.answered:
        first = [f"Accuracy {percent(board.accuracy)} over {plural(board.answered, 'answer')}"]
    else:
        first = ["No answers yet: d starts a drill, e an exam"]
    first.append(f"seen {board.seen_questions} of {plural(board.total_questions, 'question')}")
    if board.missed_to_review:
        first.append(f"{plural(board.missed_to_review, 'missed question')} to review")
    elif board.answered:
        first.append("nothing missed waiting for review")
    if board.flagged:
        first.append(f"{board.flagged} flagged")
    second = [f"{plural(due, 'review')} due now", projection.text, plan]
    return ["  ·  ".join(first), "  ·  ".join(second)]
