"""Spaced repetition, weak-topic ranking, review queue, readiness and the study plan."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating

from quizapp.core.analytics.plan import study_plan
from quizapp.core.analytics.readiness import estimate_readiness
from quizapp.core.analytics.weakness import estimated_accuracy, rank_topics
from quizapp.core.bank.bank import Bank
from quizapp.core.bank.loader import load_bank
from quizapp.core.progress.answers import AnswerRecord
from quizapp.core.progress.history import question_histories
from quizapp.core.progress.scheduling import card_id_for, rating_for, rebuild_cards
from quizapp.core.progress.store import ProgressStore
from quizapp.core.sessions.review import build_review_queue
from tests.conftest import FakeClock

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def bank(mini_bank: Path) -> Bank:
    result = load_bank(mini_bank)
    assert result.bank is not None
    return result.bank


def answer(
    qid: str, correct: bool, at: datetime = T0, confidence: str | None = None, n: int = 0
) -> AnswerRecord:
    return AnswerRecord(
        id=f"{qid}-{at.isoformat()}-{n}",
        question_id=qid,
        choice=0,
        correct=correct,
        seconds=10,
        mode="drill",
        at=at,
        confidence=confidence,
    )  # type: ignore[arg-type]


def test_card_ids_are_stable_and_not_clock_based() -> None:
    assert card_id_for("f2-x") == card_id_for("f2-x")
    assert card_id_for("f2-x") != card_id_for("f2-y")
    assert 0 < card_id_for("f2-x") < 2**63


def test_ratings() -> None:
    assert rating_for(answer("q", False)) is Rating.Again
    assert rating_for(answer("q", True)) is Rating.Good
    assert rating_for(answer("q", True, confidence="unsure")) is Rating.Hard
    assert rating_for(answer("q", True, confidence="guess")) is Rating.Again


def test_schedule_due_dates_grow_with_right_answers() -> None:
    cards = rebuild_cards([answer("q", False)])
    assert cards["q"].due - T0 == timedelta(days=1)  # a first miss comes back the next day
    history = [
        answer("q", True, T0),
        answer("q", True, T0 + timedelta(days=1)),
        answer("q", True, T0 + timedelta(days=5)),
    ]
    dues = [rebuild_cards(history[: i + 1])["q"].due - history[i].at for i in range(3)]
    assert dues[0] < dues[1] < dues[2]
    assert rebuild_cards(history)["q"].card_id == card_id_for("q")


def test_exam_date_caps_missed_questions() -> None:
    exam = date(2026, 11, 20)
    history = [
        answer("q", False, T0),
        answer("q", True, T0 + timedelta(hours=1)),
        answer("q", True, T0 + timedelta(days=2)),
        answer("q", True, T0 + timedelta(days=8)),
    ]
    uncapped = rebuild_cards(history)["q"].due
    capped = rebuild_cards(history, exam)["q"].due
    assert uncapped.date() > date(2026, 11, 19)
    assert capped == datetime(2026, 11, 19, 6, 0, tzinfo=UTC)
    never_missed = [answer("r", True, T0), answer("r", True, T0 + timedelta(days=8))]
    assert rebuild_cards(never_missed, exam)["r"].due == rebuild_cards(never_missed)["r"].due


def test_store_keeps_cards_and_rebuilds_them(data_dir: Path, clock: FakeClock) -> None:
    store = ProgressStore(data_dir, clock)
    record = store.record_answer("a1-one", 0, True, 5, "drill")
    first_due = store.cards["a1-one"].due
    store.annotate_answer(record.id, confidence="guess")
    assert store.cards["a1-one"].due < first_due  # a guess is not mastered
    assert store.answers[0].confidence == "guess"
    store.record_answer("a1-two", 1, False, 5, "drill")
    store.annotate_answer(store.answers[-1].id, miss_reason="misread")
    reopened = ProgressStore(data_dir, clock)
    assert set(reopened.cards_json) == {"a1-one", "a1-two"}
    assert reopened.cards["a1-two"].due == store.cards["a1-two"].due
    assert reopened.answers[-1].miss_reason == "misread"
    reopened.cards_json.clear()  # lost state is rebuilt from the history
    assert reopened.cards["a1-two"].due == store.cards["a1-two"].due


def test_small_sample_correction_and_ranking(bank: Bank) -> None:
    assert estimated_accuracy(1, 2) == 0.5
    assert estimated_accuracy(0, 1) == pytest.approx(1 / 3)
    assert estimated_accuracy(9, 10) > estimated_accuracy(1, 1)
    history = [answer("a1-one", False), answer("a1-two", False, n=1), answer("b1-one", True)]
    ranked = rank_topics(bank.summary(), history)
    # expected points lost: B.1 (1/1 -> 0.67) x 0.6 = 0.20, A.1 (0/2 -> 0.25) x 0.2 = 0.15,
    # A.2 (unseen -> 0.5) x 0.2 = 0.10: the exam weight counts, not accuracy alone
    assert [t.code for t in ranked] == ["B.1", "A.1", "A.2"]
    assert ranked[1].estimate == pytest.approx(0.25)
    assert ranked[0].priority == pytest.approx(0.6 * (1 - 2 / 3))


def test_review_queue_mixes_and_explains(bank: Bank) -> None:
    history = [answer("a1-one", False, T0), answer("b1-one", True, T0, n=1)]
    cards = rebuild_cards(history)
    now = T0 + timedelta(days=1, hours=1)
    queue = build_review_queue(bank, question_histories(history), cards, now, size=4, seed=1)
    reasons = {item.question.id: item.reason for item in queue}
    assert reasons["a1-one"].startswith("Spaced repetition")
    assert "b1-one" not in reasons  # answered right, not due yet
    assert any(
        r.startswith("Weak topic: A Alpha · outline task: first topic") for r in reasons.values()
    )
    assert len(queue) <= 4 and len(set(reasons)) == len(queue)
    later = build_review_queue(bank, question_histories(history), {}, now, size=4, seed=1)
    assert later[0].reason.startswith("Missed 1 time ")


def test_readiness_known_inputs(bank: Bank) -> None:
    empty = estimate_readiness(bank.summary(), [])
    assert empty.projected == pytest.approx(0.5)
    history = [answer("a1-one", True, n=i) for i in range(8)] + [
        answer("b1-one", False, n=i) for i in range(8)
    ]
    readiness = estimate_readiness(bank.summary(), history)
    # A: 9/10 -> 0.9 at 40%; B: 1/10 -> 0.1 at 60%  => 0.36 + 0.06
    assert readiness.projected == pytest.approx(0.42)
    assert readiness.low < 0.42 < readiness.high
    assert readiness.weakest(1)[0].code == "B"
    more = history * 5
    wider = readiness.high - readiness.low
    assert (
        estimate_readiness(bank.summary(), more).high - estimate_readiness(bank.summary(), more).low
        < wider
    )


def test_study_plan(bank: Bank) -> None:
    cards = rebuild_cards([answer("a1-one", False), answer("a2-one", False, n=1)])
    plan = study_plan(cards, date(2026, 11, 11), date(2026, 11, 1))
    assert plan is not None
    assert (plan.days_left, plan.reviews_before_exam, plan.per_day) == (10, 2, 1)
    assert study_plan(cards, None, date(2026, 11, 1)) is None
