"""Scores per topic and per domain, derived from the answer history."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from quizapp.core.bank import Bank
from quizapp.core.progress_model import AnswerRecord


@dataclass
class Score:
    """Answers and correct answers for one topic, domain or the whole bank."""

    answered: int = 0
    correct: int = 0
    seconds: float = 0.0
    last_seen: datetime | None = None

    @property
    def accuracy(self) -> float | None:
        """Fraction correct, or None when nothing was answered."""
        return self.correct / self.answered if self.answered else None

    @property
    def seconds_per_question(self) -> float | None:
        return self.seconds / self.answered if self.answered else None

    def add(self, answer: AnswerRecord) -> None:
        self.answered += 1
        self.correct += int(answer.correct)
        self.seconds += answer.seconds
        if self.last_seen is None or answer.at > self.last_seen:
            self.last_seen = answer.at


@dataclass
class Scores:
    overall: Score
    by_domain: dict[str, Score]
    by_topic: dict[str, Score]
    seen_questions: set[str]


def compute_scores(bank: Bank, answers: Iterable[AnswerRecord]) -> Scores:
    """Aggregate answers to questions still in the bank; others are ignored."""
    overall = Score()
    by_domain = {d.code: Score() for d in bank.outline.domains}
    by_topic = {code: Score() for code in bank.outline.topics}
    seen: set[str] = set()
    for answer in answers:
        question = bank.questions.get(answer.question_id)
        if question is None:
            continue
        seen.add(question.id)
        overall.add(answer)
        by_domain[question.domain_code].add(answer)
        by_topic[question.topic].add(answer)
    return Scores(overall, by_domain, by_topic, seen)
