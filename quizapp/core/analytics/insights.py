"""Statistics beyond accuracy: trends, leeches, confidence calibration, miss reasons."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from quizapp.core.bank.bank import Bank
from quizapp.core.progress.answers import AnswerRecord
from quizapp.core.progress.history import question_histories

LEECH_MISSES = 3


def domain_trends(
    bank: Bank, answers: Sequence[AnswerRecord], points: int = 12
) -> dict[str, list[float]]:
    """Per domain, accuracy over consecutive slices of its answers (oldest first).

    Each domain's answers are cut into up to ``points`` equal slices, so the
    line shows how accuracy moved as practice went on.
    """
    per_domain: dict[str, list[bool]] = {d.code: [] for d in bank.outline.domains}
    for answer in sorted(answers, key=lambda a: a.at):
        question = bank.questions.get(answer.question_id)
        if question is not None and not answer.skipped:
            per_domain[question.domain_code].append(answer.correct)
    trends: dict[str, list[float]] = {}
    for code, results in per_domain.items():
        if not results:
            trends[code] = []
            continue
        slices = min(points, len(results))
        size = len(results) / slices
        trends[code] = [
            sum(chunk) / len(chunk)
            for i in range(slices)
            if (chunk := results[round(i * size) : round((i + 1) * size)])
        ]
    return trends


@dataclass(frozen=True)
class Leech:
    question_id: str
    topic: str
    misses: int
    attempts: int


def leeches(bank: Bank, answers: Sequence[AnswerRecord]) -> list[Leech]:
    """Questions missed three or more times: the ones worth rewriting as notes."""
    found = [
        Leech(qid, bank.questions[qid].topic, h.wrong, h.attempts)
        for qid, h in question_histories(answers).items()
        if qid in bank.questions and h.wrong >= LEECH_MISSES
    ]
    return sorted(found, key=lambda leech: (-leech.misses, leech.question_id))


@dataclass(frozen=True)
class CalibrationRow:
    confidence: str
    answered: int
    correct: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.answered if self.answered else None


def calibration(answers: Sequence[AnswerRecord]) -> list[CalibrationRow]:
    """How often "sure", "unsure" and "guess" answers were right."""
    rows = []
    for level in ("sure", "unsure", "guess"):
        marked = [a for a in answers if a.confidence == level]
        rows.append(CalibrationRow(level, len(marked), sum(a.correct for a in marked)))
    return rows


def miss_reasons(answers: Sequence[AnswerRecord]) -> dict[str, int]:
    """Counts of the reasons given for misses, most common first."""
    counts = Counter(a.miss_reason for a in answers if a.miss_reason and not a.correct)
    return dict(counts.most_common())
