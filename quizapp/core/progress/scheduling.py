"""Spaced repetition with FSRS: when each answered question should come back.

Ratings: wrong -> Again, right -> Good, right but unsure -> Hard, right by a
guess -> Again (a lucky guess is not knowledge). Card ids are derived from
question ids, never from the clock, and fuzzing is off so schedules are
reproducible. With an exam date, a question ever missed is never scheduled
after the day before the exam, so every miss comes back at least once in time.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from fsrs import Card, Rating, Scheduler

from quizapp.core.progress.answers import AnswerRecord
from quizapp.core.progress.due import exam_deadline

# No learning steps: a question bank is not a flashcard deck drilled within minutes.
# A first miss comes back the next day, a lapse after ten minutes (relearning).
SCHEDULER = Scheduler(enable_fuzzing=False, learning_steps=())


def card_id_for(question_id: str) -> int:
    """A stable positive 63-bit id for a question's card."""
    digest = hashlib.sha256(question_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def rating_for(answer: AnswerRecord) -> Rating:
    if not answer.correct or answer.confidence == "guess":
        return Rating.Again
    if answer.confidence == "unsure":
        return Rating.Hard
    return Rating.Good


def review(
    card: Card | None,
    answer: AnswerRecord,
    ever_missed: bool,
    exam_date: date | None = None,
) -> Card:
    """The card after one more answer, with the exam-date cap applied."""
    current = card or Card(card_id=card_id_for(answer.question_id), due=answer.at)
    updated, _ = SCHEDULER.review_card(current, rating_for(answer), review_datetime=answer.at)
    deadline = exam_deadline(exam_date)
    if (
        deadline is not None
        and (ever_missed or not answer.correct)
        and answer.at < deadline < updated.due
    ):
        updated.due = max(deadline, answer.at)
    return updated


def rebuild_cards(
    answers: Iterable[AnswerRecord], exam_date: date | None = None
) -> dict[str, Card]:
    """Replay the whole answer history (in order) into one card per question."""
    cards: dict[str, Card] = {}
    missed: set[str] = set()
    for answer in sorted(answers, key=lambda a: a.at):
        if answer.skipped:
            continue
        if not answer.correct:
            missed.add(answer.question_id)
        cards[answer.question_id] = review(
            cards.get(answer.question_id), answer, answer.question_id in missed, exam_date
        )
    return cards


def card_to_json(card: Card) -> dict[str, Any]:
    return dict(card.to_dict())


def cards_to_json(cards: Mapping[str, Card]) -> dict[str, dict[str, Any]]:
    return {qid: card_to_json(card) for qid, card in cards.items()}


def card_from_json(raw: object) -> Card | None:
    """A card as saved in the progress file; None if it is damaged (it can be rebuilt).

    Dates written without a time zone are read as UTC, like every other date
    in the file.
    """
    if not isinstance(raw, Mapping):
        return None
    try:
        card = Card.from_dict(dict(raw))  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError, OverflowError):
        return None
    if not all(math.isfinite(x) for x in (card.stability, card.difficulty) if x is not None):
        return None
    card.due = _utc(card.due)
    if card.last_review is not None:
        card.last_review = _utc(card.last_review)
    return card


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def cards_from_json(raw: Mapping[str, object]) -> dict[str, Card]:
    """Cards saved in the progress file; an unreadable entry is dropped (it can be rebuilt)."""
    cards: dict[str, Card] = {}
    for qid, data in raw.items():
        card = card_from_json(data)
        if card is not None:
            cards[qid] = card
    return cards
