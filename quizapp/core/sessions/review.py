"""Build a "review weak areas" session: due cards, unfixed misses, unseen weak-topic questions.

Each question carries the reason it was chosen, which the screen shows.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from fsrs import Card

from quizapp.core.analytics.scores import scores_from_histories
from quizapp.core.analytics.weakness import rank_topics
from quizapp.core.bank.bank import Bank
from quizapp.core.bank.models import Question
from quizapp.core.progress.due import due_questions
from quizapp.core.progress.history import QuestionHistory
from quizapp.core.text import plural


@dataclass(frozen=True)
class ReviewItem:
    question: Question
    reason: str


def build_review_queue(
    bank: Bank,
    histories: Mapping[str, QuestionHistory],
    cards: Mapping[str, Card],
    now: datetime,
    size: int,
    seed: int,
    weak_topics: int = 3,
) -> list[ReviewItem]:
    """Up to ``size`` questions: due first, then unfixed misses, then weak-topic unseen ones."""
    chosen: dict[str, ReviewItem] = {}

    def take(question_id: str, reason: str) -> None:
        if len(chosen) < size and question_id in bank.questions and question_id not in chosen:
            chosen[question_id] = ReviewItem(bank.questions[question_id], reason)

    for qid in due_questions(cards, now):
        card = cards[qid]
        overdue = (now - card.due).days
        when = f"{plural(overdue, 'day')} overdue" if overdue >= 1 else "due today"
        take(qid, f"Spaced repetition: {when}")
    rng = random.Random(seed)
    missed = [qid for qid, h in histories.items() if h.missed_and_not_fixed]
    rng.shuffle(missed)
    for qid in missed:
        history = histories[qid]
        take(qid, f"Missed {plural(history.wrong, 'time')} and not yet answered right since")
    summary = bank.summary()
    ranked = rank_topics(summary, (), scores_from_histories(summary, histories))
    for weakness in ranked[:weak_topics]:
        unseen = [q for q in bank.questions_in_topic(weakness.code) if q.id not in histories]
        rng.shuffle(unseen)
        record = (
            f"{weakness.correct}/{weakness.answered} right"
            if weakness.answered
            else "not practised yet"
        )
        for question in unseen[: max(1, size // (2 * weak_topics))]:
            take(question.id, f"Weak topic: {weakness.heading} ({record})")
    return list(chosen.values())
