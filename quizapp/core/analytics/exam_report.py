"""What the results screen and the home history show about finished exams."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from quizapp.core.text import plural, seconds

if TYPE_CHECKING:
    from quizapp.core.bank.bank import Bank
    from quizapp.core.progress.exam_records import ExamRecord


class ReviewFilter(StrEnum):
    ALL = "all"
    INCORRECT = "incorrect"
    FLAGGED = "flagged"


@dataclass(frozen=True)
class DomainLine:
    code: str
    name: str
    weight_share: float
    correct: int
    total: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True)
class ExamReport:
    record: ExamRecord
    domains: list[DomainLine]
    seconds_per_question: float
    pace_seconds: float
    """The exam's own pace: time allowed per question."""
    previous_score: float | None
    best_previous: float | None
    attempt: int

    def slowest(self, count: int = 3) -> list[tuple[int, float]]:
        """(position, seconds) of the questions that took longest, slowest first."""
        timed = [(p, s) for p, s in enumerate(self.record.seconds) if s > 0]
        return sorted(timed, key=lambda item: (-item[1], item[0]))[:count]

    @property
    def slowest_text(self) -> str | None:
        """ "Slowest: #12 3m 10s, #4 2m 05s, ..." (None when the record kept no times)."""
        slowest = self.slowest()
        if not slowest:
            return None
        return "Slowest: " + ", ".join(f"#{p + 1} {seconds(s)}" for p, s in slowest)

    @property
    def comparison_text(self) -> str:
        """This exam against the earlier ones, score changes in percentage points."""
        if self.delta is None or self.best_previous is None:
            return "your first practice exam"
        points = round(100 * self.delta)
        if points == 0:
            change = "the same score as the previous one"
        else:
            sign = "+" if points > 0 else "-"
            change = f"{sign}{plural(abs(points), 'point')} on the previous one"
        return f"exam #{self.attempt}: {change}, best before {self.best_previous:.0%}"

    @property
    def unanswered(self) -> int:
        return sum(1 for choice in self.record.chosen if choice < 0)

    @property
    def unanswered_text(self) -> str | None:
        """How unanswered questions were counted, or None when every one was answered."""
        if not self.unanswered:
            return None
        return (
            f"{self.unanswered} unanswered: counted wrong in this score, as on the real "
            "exam, but not in your topic accuracy or review schedule"
        )

    @property
    def delta(self) -> float | None:
        if self.previous_score is None:
            return None
        return self.record.score - self.previous_score


def build_report(bank: Bank, record: ExamRecord, history: Sequence[ExamRecord]) -> ExamReport:
    """Per-domain lines in outline order, pace, and comparison with earlier exams."""
    total_weight = bank.outline.total_weight
    domains = [
        DomainLine(
            d.code,
            d.name,
            d.weight / total_weight,
            record.by_domain[d.code].correct,
            record.by_domain[d.code].total,
        )
        for d in bank.outline.domains
        if d.code in record.by_domain
    ]
    earlier = [r for r in history if r.id != record.id and r.finished_at <= record.finished_at]
    return ExamReport(
        record=record,
        domains=domains,
        seconds_per_question=record.time_used_seconds / record.questions,
        pace_seconds=record.time_limit_seconds / record.questions,
        previous_score=earlier[-1].score if earlier else None,
        best_previous=max(r.score for r in earlier) if earlier else None,
        attempt=len(earlier) + 1,
    )


def review_positions(record: ExamRecord, which: ReviewFilter) -> list[int]:
    """Positions to review: all, the incorrect (incl. unanswered) or the flagged ones."""
    positions = range(record.questions)
    if which is ReviewFilter.INCORRECT:
        return [p for p in positions if not record.correct_at(p)]
    if which is ReviewFilter.FLAGGED:
        return [p for p in positions if p in record.flagged]
    return list(positions)


def score_trend(history: Sequence[ExamRecord]) -> list[float]:
    """Scores of finished exams, oldest first, as percentages."""
    return [round(100 * r.score, 1) for r in sorted(history, key=lambda r: r.finished_at)]
