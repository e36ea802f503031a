"""The review queue: due cards first, then misses, then unseen questions of the weakest topics."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fsrs import Card

from quizapp.core.bank.bank import Bank
from quizapp.core.progress.answers import AnswerRecord
from quizapp.core.progress.history import question_histories
from quizapp.core.sessions.review import build_review_queue
from tests.conftest import make_bank

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def four_topics() -> Bank:
    """One domain, topics A.1 to A.4, five questions each."""
    return make_bank({f"A.{n}": 5 for n in range(1, 5)}, {"A": 1})


def wrong(qid: str, n: int) -> AnswerRecord:
    return AnswerRecord(f"{qid}-{n}", qid, 1, False, 5.0, "drill", NOW - timedelta(days=3))


def test_unseen_questions_of_the_three_weakest_topics_share_the_queue() -> None:
    bank = four_topics()  # nothing answered: every topic at 50%, ties in outline order
    queue = build_review_queue(bank, {}, {}, NOW, size=12, seed=1)
    topics = [item.question.topic for item in queue]
    assert sorted(topics) == ["A.1", "A.1", "A.2", "A.2", "A.3", "A.3"]  # 12 // (2 x 3) each
    reasons = {item.question.topic: item.reason for item in queue}
    assert reasons["A.1"] == "Weak topic: A Domain A · study topic: topic A.1 (not practised yet)"
    small = build_review_queue(bank, {}, {}, NOW, size=4, seed=1)
    assert sorted(item.question.topic for item in small) == ["A.1", "A.2", "A.3"]  # at least 1
    two = build_review_queue(bank, {}, {}, NOW, size=12, seed=1, weak_topics=2)
    assert sorted(item.question.topic for item in two) == ["A.1"] * 3 + ["A.2"] * 3


def test_the_history_decides_which_topics_are_weakest() -> None:
    bank = four_topics()
    histories = question_histories([wrong("a4-q0", 0), wrong("a4-q1", 1)])
    queue = build_review_queue(bank, histories, {}, NOW, size=20, seed=1)
    missed = [item for item in queue if item.reason.startswith("Missed")]
    assert sorted(item.question.id for item in missed) == ["a4-q0", "a4-q1"]
    assert missed[0].reason == "Missed 1 time and not yet answered right since"
    weak = [item for item in queue if item.question.topic == "A.4" and item not in missed]
    assert [item.reason for item in weak][:1] == [
        "Weak topic: A Domain A · study topic: topic A.4 (0/2 right)"
    ]
    assert not {"a4-q0", "a4-q1"} & {item.question.id for item in weak}  # unseen ones only


def test_due_cards_come_first_most_overdue_first_and_say_how_late() -> None:
    bank = four_topics()
    cards = {
        "a1-q0": Card(card_id=1, due=NOW - timedelta(hours=12)),
        "a1-q1": Card(card_id=2, due=NOW - timedelta(days=1)),
        "a1-q2": Card(card_id=3, due=NOW - timedelta(days=2, hours=1)),
        "a1-q3": Card(card_id=4, due=NOW + timedelta(hours=1)),  # not due yet
    }
    queue = build_review_queue(bank, {}, cards, NOW, size=3, seed=1)
    assert [(item.question.id, item.reason) for item in queue] == [
        ("a1-q2", "Spaced repetition: 2 days overdue"),
        ("a1-q1", "Spaced repetition: 1 day overdue"),
        ("a1-q0", "Spaced repetition: due today"),
    ]


def test_the_queue_holds_exactly_as_many_as_asked_and_is_seeded() -> None:
    bank = four_topics()
    histories = question_histories([wrong(f"a{t}-q{n}", n) for t in (1, 2) for n in range(5)])
    for size in (1, 3, 7):
        assert len(build_review_queue(bank, histories, {}, NOW, size=size, seed=2)) == size
    first = build_review_queue(bank, histories, {}, NOW, size=7, seed=2)
    again = build_review_queue(bank, histories, {}, NOW, size=7, seed=2)
    assert [i.question.id for i in first] == [i.question.id for i in again]
    others = {
        tuple(i.question.id for i in build_review_queue(bank, histories, {}, NOW, 7, seed))
        for seed in range(5)
    }
    assert len(others) > 1  # which misses come first depends on the seed
