"""Spaced repetition: the exam-date cap at its edges, replay in time order, damaged stored cards."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fsrs import Card, State

from quizapp.core.progress.answers import AnswerRecord
from quizapp.core.progress.due import exam_deadline
from quizapp.core.progress.scheduling import (
    card_from_json,
    card_id_for,
    card_to_json,
    cards_from_json,
    rebuild_cards,
    review,
)
from quizapp.core.progress.store import PROGRESS_FILE, ProgressStore
from tests.conftest import FakeClock

EXAM = date(2026, 11, 20)
DEADLINE = datetime(2026, 11, 19, 6, 0, tzinfo=UTC)


def answer(qid: str, correct: bool, at: datetime, n: int = 0) -> AnswerRecord:
    return AnswerRecord(f"{qid}-{n}", qid, 0, correct, 5.0, "drill", at)


def test_card_ids_are_the_start_of_the_question_ids_sha256() -> None:
    assert card_id_for("f2-cmove-unknown-destination") == 0x6262DDFA89741E87
    assert card_id_for("a1-one") != card_id_for("a1-two")


def test_the_deadline_is_six_in_the_morning_the_day_before_the_exam() -> None:
    assert exam_deadline(EXAM) == DEADLINE
    assert exam_deadline(None) is None


def test_a_miss_just_before_the_deadline_is_due_at_the_deadline() -> None:
    miss = answer("q", False, DEADLINE - timedelta(hours=2))  # uncapped: due a day later
    assert review(None, miss, ever_missed=False).due == miss.at + timedelta(days=1)
    assert review(None, miss, ever_missed=False, exam_date=EXAM).due == DEADLINE


@pytest.mark.parametrize(
    "at",
    [DEADLINE, DEADLINE + timedelta(hours=3), datetime(2026, 11, 25, tzinfo=UTC)],
    ids=["at-the-deadline", "after-the-deadline", "after-the-exam"],
)
def test_an_answer_from_the_deadline_on_is_scheduled_as_without_an_exam_date(
    at: datetime,
) -> None:
    for correct in (False, True):
        late = answer("q", correct, at)
        capped = review(None, late, ever_missed=True, exam_date=EXAM)
        assert capped.due == review(None, late, ever_missed=True).due > at


def test_a_question_never_missed_is_not_capped() -> None:
    right = answer("q", True, datetime(2026, 11, 18, tzinfo=UTC))  # due after the deadline
    assert review(None, right, ever_missed=False).due > DEADLINE
    assert review(None, right, ever_missed=False, exam_date=EXAM).due > DEADLINE
    assert review(None, right, ever_missed=True, exam_date=EXAM).due == DEADLINE


def test_the_history_is_replayed_in_time_order_whatever_the_log_order() -> None:
    start = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    history = [
        answer("q", n % 3 != 0, start + timedelta(days=n * 2, hours=n), n) for n in range(6)
    ] + [answer("r", n % 2 == 0, start + timedelta(days=n), 10 + n) for n in range(4)]
    in_order = rebuild_cards(history, EXAM)
    shuffled = history[:]
    random.Random(4).shuffle(shuffled)
    assert shuffled != history
    assert rebuild_cards(shuffled, EXAM) == in_order
    assert in_order["q"].last_review == history[5].at and in_order["r"].last_review == history[9].at


def test_answers_recorded_out_of_time_order_give_the_card_of_the_time_order(
    data_dir: Path, clock: FakeClock
) -> None:
    """Two instances, or a clock set back: the stored card is the replay in time order."""
    store = ProgressStore(data_dir, clock)
    clock.advance(3 * 86400)
    store.record_answer("a1-one", 0, True, 5, "drill")
    clock.advance(-2 * 86400)  # an answer from before the one just recorded
    store.record_answer("a1-one", 1, False, 5, "drill")
    clock.advance(5 * 86400)
    store.record_answer("a1-one", 0, True, 5, "drill")
    expected = rebuild_cards(store.answers)["a1-one"]
    assert card_from_json(store.cards_json["a1-one"]) == expected
    assert ProgressStore(data_dir, clock).cards["a1-one"] == expected


GOOD = card_to_json(review(None, answer("q", True, datetime(2026, 11, 1, tzinfo=UTC)), False))

DAMAGED: dict[str, Any] = {
    "not-a-mapping": [["due", GOOD["due"]]],
    "null": None,
    "text": "due tomorrow",
    "missing-key": {k: v for k, v in GOOD.items() if k != "due"},
    "wrong-type": {**GOOD, "state": None},
    "bad-value": {**GOOD, "due": "next tuesday"},
    "bad-state": {**GOOD, "state": 9},
    "huge-id": {**GOOD, "card_id": 1e400},
    "nan-stability": {**GOOD, "stability": float("nan")},
}


@pytest.mark.parametrize("raw", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_stored_card_is_dropped(raw: Any) -> None:
    assert card_from_json(raw) is None
    assert cards_from_json({"q": GOOD, "bad": raw}) == {"q": Card.from_dict(GOOD)}  # type: ignore[arg-type]


def test_a_stored_card_without_a_time_zone_is_read_as_utc() -> None:
    naive = {**GOOD, "due": GOOD["due"][:19], "last_review": GOOD["last_review"][:19]}
    card = card_from_json(naive)
    assert card is not None and card == Card.from_dict(GOOD)  # type: ignore[arg-type]
    assert card.due.tzinfo is UTC and card.last_review is not None
    assert card.last_review.tzinfo is UTC
    elsewhere = card_from_json({**GOOD, "due": GOOD["due"][:19] + "+02:00"})
    assert elsewhere is not None
    assert elsewhere.due == datetime.fromisoformat(GOOD["due"]) - timedelta(hours=2)
    never_reviewed = card_from_json({**GOOD, "last_review": None})
    assert never_reviewed is not None and never_reviewed.last_review is None
    assert card_from_json({**GOOD, "state": State.Relearning.value}) is not None


@pytest.mark.parametrize("raw", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_card_in_the_snapshot_is_rebuilt_from_the_history(
    data_dir: Path, clock: FakeClock, raw: Any
) -> None:
    store = ProgressStore(data_dir, clock)
    store.record_answer("a1-one", 1, False, 5, "drill")
    store.record_answer("a1-two", 0, True, 5, "drill")
    store.compact()
    snapshot = json.loads((data_dir / PROGRESS_FILE).read_text())
    snapshot["cards"]["a1-one"] = raw
    (data_dir / PROGRESS_FILE).write_text(json.dumps(snapshot))

    reopened = ProgressStore(data_dir, clock)
    assert reopened.notice is None and len(reopened.answers) == 2  # nothing else is lost
    assert reopened.cards == rebuild_cards(reopened.answers)
    assert reopened.due_dates["a1-one"].due == reopened.cards["a1-one"].due
    clock.advance(86400)
    reopened.record_answer("a1-one", 0, True, 5, "drill")  # the next answer is taken
    expected = rebuild_cards(reopened.answers)["a1-one"]
    assert card_from_json(reopened.cards_json["a1-one"]) == expected
    assert expected.stability != review(None, reopened.answers[-1], False).stability


def test_a_card_with_naive_dates_in_the_snapshot_takes_the_next_answer(
    data_dir: Path, clock: FakeClock
) -> None:
    store = ProgressStore(data_dir, clock)
    store.record_answer("a1-one", 0, True, 5, "drill")
    store.compact()
    snapshot = json.loads((data_dir / PROGRESS_FILE).read_text())
    card = snapshot["cards"]["a1-one"]
    card["due"], card["last_review"] = card["due"][:19], card["last_review"][:19]
    (data_dir / PROGRESS_FILE).write_text(json.dumps(snapshot))

    reopened = ProgressStore(data_dir, clock)
    assert reopened.cards["a1-one"].due.tzinfo is UTC
    clock.advance(3 * 86400)
    reopened.record_answer("a1-one", 1, False, 5, "drill")
    assert len(reopened.answers) == 2
    assert reopened.cards["a1-one"] == rebuild_cards(reopened.answers)["a1-one"]


def test_cards_that_are_not_an_object_are_rebuilt(data_dir: Path, clock: FakeClock) -> None:
    store = ProgressStore(data_dir, clock)
    store.record_answer("a1-one", 0, True, 5, "drill")
    store.compact()
    snapshot = json.loads((data_dir / PROGRESS_FILE).read_text())
    snapshot["cards"] = [snapshot["cards"]["a1-one"]]
    (data_dir / PROGRESS_FILE).write_text(json.dumps(snapshot))
    reopened = ProgressStore(data_dir, clock)
    assert reopened.notice is None and len(reopened.answers) == 1
    assert reopened.cards == rebuild_cards(reopened.answers)
