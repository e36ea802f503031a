"""Scores per topic and per domain, derived from the answer history."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from quizapp.core.bank.summary import BankSummary, domain_of_topic
from quizapp.core.progress.answers import AnswerRecord
from quizapp.core.progress.history import QuestionHistory, question_histories


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

    def add(self, history: QuestionHistory) -> None:
        """Add one question's answers."""
        self.answered += history.attempts
        self.correct += history.correct
        self.seconds += history.seconds
        if history.last_seen is not None and (
            self.last_seen is None or history.last_seen > self.last_seen
        ):
            self.last_seen = history.last_seen


@dataclass
class Scores:
    overall: Score
    by_domain: dict[str, Score]
    by_topic: dict[str, Score]
    seen_questions: set[str]


def compute_scores(summary: BankSummary, answers: Iterable[AnswerRecord]) -> Scores:
    """Aggregate answers to questions still in the bank; others are ignored."""
    return scores_from_histories(summary, question_histories(answers))


def scores_from_histories(summary: BankSummary, histories: Mapping[str, QuestionHistory]) -> Scores:
    """The same aggregate from per-question histories the store already keeps."""
    overall = Score()
    by_domain = {d.code: Score() for d in summary.domains}
    by_topic = {code: Score() for code in summary.topics}
    seen: set[str] = set()
    for question_id, history in histories.items():
        topic = summary.topic_of.get(question_id)
        if topic is None or not history.attempts:
            continue
        seen.add(question_id)
        overall.add(history)
        by_domain[domain_of_topic(topic)].add(history)
        by_topic[topic].add(history)
    return Scores(overall, by_domain, by_topic, seen)
