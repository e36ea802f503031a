"""Blueprint draw, exam timer (fake clock), flags, strike-outs, scoring and persistence."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from quizapp.core.bank.bank import Bank
from quizapp.core.bank.loader import bundled_bank_dir, load_bank
from quizapp.core.bank.models import Choice, Question
from quizapp.core.progress.store import ProgressStore
from quizapp.core.sessions.blueprint import (
    domain_quotas,
    draw_exam,
    largest_remainder,
)
from quizapp.core.sessions.exam import ExamSession, GridFilter, new_exam
from tests.conftest import FakeClock, make_bank


@pytest.fixture
def bank(mini_bank: Path) -> Bank:
    result = load_bank(mini_bank)
    assert result.bank is not None
    return result.bank


def synthetic_bank(per_topic: int = 10) -> Bank:
    """The real outline with ``per_topic`` generated questions in every topic."""
    result = load_bank(bundled_bank_dir())
    assert result.bank is not None
    outline = result.bank.outline
    bank = Bank(outline=outline)
    for code in outline.topics:
        for n in range(per_topic):
            qid = f"{code.replace('.', '').lower()}-q{n}"
            bank.questions[qid] = Question(
                id=qid,
                topic=code,
                stem="s",
                explanation="e",
                references=["r"],
                difficulty=1,
                choices=[Choice(text="a", correct=True), Choice(text="b"), Choice(text="c")],
            )
    return bank


def test_largest_remainder_is_exact() -> None:
    assert largest_remainder({"a": 1, "b": 1, "c": 1}, 10) == {"a": 4, "b": 3, "c": 3}
    assert largest_remainder({"a": 6, "b": 7}, 1) == {"a": 0, "b": 1}
    for total in range(0, 160):
        assert sum(largest_remainder({"a": 6, "b": 7, "c": 13, "d": 24}, total).values()) == total


def test_full_length_quotas_follow_the_2018_blueprint() -> None:
    bank = synthetic_bank()
    quotas = domain_quotas(bank.outline, 130)
    assert quotas == {d.code: d.weight for d in bank.outline.domains}
    quotas_150 = domain_quotas(bank.outline, 150)
    assert sum(quotas_150.values()) == 150
    assert quotas_150["F"] == 28 and quotas_150["A"] == 7  # 24/130*150 = 27.7; 6/130*150 = 6.9


def test_draw_is_exact_distinct_seeded_and_spread() -> None:
    bank = synthetic_bank()
    first = draw_exam(bank, 150, seed=11)
    assert len(first) == 150 and len({q.id for q in first}) == 150
    assert [q.id for q in draw_exam(bank, 150, seed=11)] == [q.id for q in first]
    assert [q.id for q in draw_exam(bank, 150, seed=12)] != [q.id for q in first]
    by_domain = Counter(q.domain_code for q in first)
    assert dict(by_domain) == domain_quotas(bank.outline, 150)
    # topics spread within a domain: F has 8 topics and 28 questions -> 3 or 4 each
    f_topics = Counter(q.topic for q in first if q.domain_code == "F")
    assert set(f_topics.values()) <= {3, 4} and len(f_topics) == 8


def test_draw_prefers_unseen() -> None:
    bank = synthetic_bank(per_topic=4)
    seen = {qid for qid in bank.questions if not qid.endswith(("q3",))}
    drawn = draw_exam(bank, 40, seed=3, seen=seen)
    unseen_count = sum(q.id not in seen for q in drawn)
    assert unseen_count == min(40, len(bank.questions) - len(seen))


def test_short_domain_gives_its_share_to_others(bank: Bank) -> None:
    drawn = draw_exam(bank, 6, seed=1)  # mini bank: A has 4, B has 2 questions
    assert len(drawn) == 6
    assert len(draw_exam(bank, 100, seed=1)) == 6  # never more than the bank has


def test_minutes_follow_the_time_limit(bank: Bank) -> None:
    assert bank.outline.time_limit.minutes_per_question == 1
    assert bank.outline.minutes_for(50) == 50
    assert bank.outline.minutes_for(1) == 1
    limit = bank.outline.time_limit.model_copy(update={"minutes_per_question": 0.5})
    half = bank.outline.model_copy(update={"time_limit": limit})
    assert half.minutes_for(1) == 1 and half.minutes_for(30) == 15


def test_timer_pause_warnings_and_expiry(bank: Bank, clock: FakeClock) -> None:
    state = new_exam(bank, 5, minutes=40, seed=1, clock=clock)
    session = ExamSession(bank, state, clock)
    assert session.remaining == 2400
    clock.advance(9 * 60)
    assert session.due_warnings() == []
    clock.advance(60)  # 30 minutes left
    assert session.due_warnings() == [30]
    assert session.due_warnings() == []  # once only
    session.pause()
    clock.advance(3600)  # paused time does not count
    assert session.remaining == 1800
    session.resume()
    clock.advance(26 * 60)  # 4 minutes left: 15 and 5 both crossed
    assert session.due_warnings() == [15, 5]
    assert not session.expired
    clock.advance(240)
    assert session.expired and session.remaining == 0


def test_short_exam_skips_warnings_longer_than_itself(bank: Bank, clock: FakeClock) -> None:
    session = ExamSession(bank, new_exam(bank, 3, minutes=10, seed=1, clock=clock), clock)
    clock.advance(6 * 60)
    assert session.due_warnings() == [5]


def test_answers_flags_strikes_and_grid(bank: Bank, clock: FakeClock) -> None:
    session = ExamSession(bank, new_exam(bank, 6, minutes=6, seed=5, clock=clock), clock)
    session.answer(0)
    session.answer(2)  # change the answer
    assert session.chosen() == 2
    assert session.toggle_flag() is True
    session.next()
    assert session.toggle_strike(1) is True
    session.answer(1)  # choosing a struck choice un-strikes it
    assert session.struck() == set()
    session.toggle_strike(1)  # striking the chosen answer clears the answer
    assert session.chosen() is None and session.struck() == {1}
    session.goto(4)
    session.answer(3)
    assert [c.position for c in session.grid(GridFilter.ANSWERED)] == [0, 4]
    assert [c.position for c in session.grid(GridFilter.FLAGGED)] == [0]
    assert [c.position for c in session.grid(GridFilter.UNANSWERED)] == [1, 2, 3, 5]
    assert [c.current for c in session.grid()].index(True) == 4
    assert (session.unanswered, session.flagged_count) == (4, 1)
    assert not session.previous() or session.position == 3


def test_scoring_counts_unanswered_as_wrong(bank: Bank, clock: FakeClock) -> None:
    session = ExamSession(bank, new_exam(bank, 6, minutes=6, seed=5, clock=clock), clock)
    right = session.presented(0).correct_display_index
    session.answer(right)
    session.goto(1)
    session.answer((session.presented(1).correct_display_index + 1) % 4)
    clock.advance(90)
    record = session.score()
    assert (record.questions, record.correct) == (6, 1)
    assert record.chosen[2:] == [-1, -1, -1, -1]
    assert record.correct_positions == [0]
    assert record.time_used_seconds == 90
    assert sum(d.total for d in record.by_domain.values()) == 6
    assert sum(d.correct for d in record.by_domain.values()) == 1


def test_exam_survives_restart_without_counting_closed_time(
    bank: Bank, clock: FakeClock, data_dir: Path
) -> None:
    store = ProgressStore(data_dir, clock)
    session = ExamSession(bank, new_exam(bank, 4, minutes=10, seed=2, clock=clock), clock)
    store.start_exam(session.state)
    session.answer(1)
    session.toggle_flag()
    session.next()
    session.toggle_strike(0)
    clock.advance(120)
    store.exam_event("clock", session.checkpoint())
    clock.advance(5000)  # the app is closed (or killed) for a long time

    reopened = ProgressStore(data_dir, clock)
    assert reopened.active_exam is not None
    resumed = ExamSession(bank, reopened.active_exam, clock)
    assert resumed.remaining == 480
    assert resumed.position == 1 and resumed.struck() == {0}
    assert resumed.chosen(0) == 1 and resumed.is_flagged(0)


def test_finishing_records_exam_answers_and_history(
    bank: Bank, clock: FakeClock, data_dir: Path
) -> None:
    store = ProgressStore(data_dir, clock)
    session = ExamSession(bank, new_exam(bank, 3, minutes=3, seed=4, clock=clock), clock)
    store.start_exam(session.state)
    session.answer(session.presented().correct_display_index)
    clock.advance(30)
    store.exam_event("clock", session.checkpoint())
    record = session.score()
    store.finish_exam(record, session.state.seconds_on)
    store.finish_exam(record, session.state.seconds_on)  # twice: recorded once
    reopened = ProgressStore(data_dir, clock)
    assert reopened.active_exam is None
    assert [r.correct for r in reopened.exam_history] == [1]
    assert [(a.mode, a.correct, a.choice == -1) for a in reopened.answers] == [
        ("exam", True, False),
        ("exam", False, True),
        ("exam", False, True),
    ]
    assert reopened.answers[0].seconds == 30


def test_report_compares_with_previous_exams(bank: Bank, clock: FakeClock) -> None:
    from quizapp.core.analytics.exam_report import (
        ReviewFilter,
        build_report,
        review_positions,
        score_trend,
    )

    records = []
    for seed, right in ((1, 2), (2, 4), (3, 3)):
        session = ExamSession(bank, new_exam(bank, 6, minutes=6, seed=seed, clock=clock), clock)
        for position in range(right):
            session.goto(position)
            session.answer(session.presented().correct_display_index)
        session.goto(5)
        session.toggle_flag()
        clock.advance(120)
        records.append(session.score())
    report = build_report(bank, records[2], records)
    assert report.attempt == 3
    assert report.previous_score == pytest.approx(4 / 6)
    assert report.best_previous == pytest.approx(4 / 6)
    assert report.delta == pytest.approx(-1 / 6)
    assert report.seconds_per_question == 20 and report.pace_seconds == 60
    assert [d.code for d in report.domains] == ["A", "B"]
    assert sum(d.total for d in report.domains) == 6
    assert review_positions(records[2], ReviewFilter.INCORRECT) == [3, 4, 5]
    assert review_positions(records[2], ReviewFilter.FLAGGED) == [5]
    assert len(review_positions(records[2], ReviewFilter.ALL)) == 6
    assert score_trend(records) == [33.3, 66.7, 50.0]
    first = build_report(bank, records[0], records[:1])
    assert first.previous_score is None and first.delta is None and first.attempt == 1


def test_the_same_seed_gives_the_same_exam_and_another_seed_another(
    bank: Bank, clock: FakeClock
) -> None:
    first = new_exam(bank, 6, minutes=6, seed=21, clock=clock)
    assert new_exam(bank, 6, minutes=6, seed=21, clock=clock) == first
    other = new_exam(bank, 6, minutes=6, seed=22, clock=clock)
    assert other.id != first.id and other.question_ids != first.question_ids
    assert (first.time_limit_seconds, first.started_at) == (360, clock())
    assert sorted(first.question_ids) == sorted(bank.questions)
    orders = {
        tuple(order) for seed in range(10) for order in new_exam(bank, 1, 1, seed, clock).orders
    }
    assert len(orders) > 3  # the choices are shuffled too


def test_a_new_exam_prefers_unseen_questions(bank: Bank, clock: FakeClock) -> None:
    seen = {"a1-one", "a2-one", "b1-one"}  # within each topic, the other one is unseen
    for seed in range(5):
        state = new_exam(bank, 2, minutes=2, seed=seed, clock=clock, seen=seen)
        assert not seen & set(state.question_ids) and "b1-two" in state.question_ids


def test_an_empty_bank_gives_no_exam(clock: FakeClock) -> None:
    empty = make_bank({"A.1": 0}, {"A": 1})
    with pytest.raises(ValueError, match=r"^the bank has no questions to draw an exam from$"):
        new_exam(empty, 5, minutes=5, seed=1, clock=clock)


def test_navigation_stays_inside_the_exam(bank: Bank, clock: FakeClock) -> None:
    session = ExamSession(bank, new_exam(bank, 3, minutes=3, seed=5, clock=clock), clock)
    assert session.previous() is False and session.position == 0
    assert session.next() is True and session.position == 1
    assert session.next() is True and session.position == 2
    assert session.next() is False and session.position == 2
    assert session.previous() is True and session.position == 1
    for outside in (-1, 3, 10):
        session.goto(outside)
        assert session.position == 1


def test_only_existing_choices_can_be_chosen(bank: Bank, clock: FakeClock) -> None:
    session = ExamSession(bank, new_exam(bank, 3, minutes=3, seed=5, clock=clock), clock)
    session.answer(0)
    session.answer(3)
    assert session.chosen() == 3
    with pytest.raises(ValueError, match=r"^choice 5 does not exist$"):
        session.answer(4)
    with pytest.raises(ValueError, match=r"^choice 0 does not exist$"):
        session.answer(-1)
    assert session.chosen() == 3


def test_flags_and_strikes_toggle_on_and_off(bank: Bank, clock: FakeClock) -> None:
    session = ExamSession(bank, new_exam(bank, 3, minutes=3, seed=5, clock=clock), clock)
    assert session.is_flagged() is False and session.struck() == set()
    assert session.toggle_flag() is True and session.is_flagged() and session.is_flagged(0)
    assert session.toggle_flag() is False and not session.is_flagged()
    assert session.state.flagged == []
    assert session.toggle_strike(2) is True and session.struck() == {2}
    assert session.toggle_strike(2) is False and session.struck() == set()
    session.toggle_strike(1)
    session.goto(2)
    assert session.struck() == set() and session.struck(0) == {1}
    session.toggle_flag()
    assert session.is_flagged() and not session.is_flagged(0)


def test_resume_unpauses_and_the_record_says_how_it_ended(bank: Bank, clock: FakeClock) -> None:
    session = ExamSession(bank, new_exam(bank, 3, minutes=3, seed=5, clock=clock), clock)
    session.pause()
    session.resume()
    assert session.paused is False and session.state.model_dump()["paused"] is False
    assert session.score().auto_submitted is False
    assert session.score(auto_submitted=True).auto_submitted is True


def test_warnings_at_their_edges(bank: Bank, clock: FakeClock) -> None:
    exactly_30 = ExamSession(bank, new_exam(bank, 3, minutes=30, seed=5, clock=clock), clock)
    assert exactly_30.due_warnings() == []  # a warning the length of the exam is never given
    clock.advance(15 * 60)
    assert exactly_30.due_warnings() == [15]
    a_little_longer = ExamSession(
        bank, new_exam(bank, 3, minutes=30.25, seed=5, clock=clock), clock
    )
    clock.advance(14)
    assert a_little_longer.due_warnings() == []  # 30:01 left
    clock.advance(1)
    assert a_little_longer.due_warnings() == [30]  # 30:00 left


def test_the_record_keeps_the_order_shown_and_the_time_on_each_question(
    bank: Bank, clock: FakeClock
) -> None:
    session = ExamSession(bank, new_exam(bank, 3, minutes=6, seed=5, clock=clock), clock)
    clock.advance(12.3456)
    session.goto(2)
    clock.advance(0.5)
    session.goto(0)
    record = session.score()
    assert record.orders == [list(order) for order in session.state.orders]
    assert len(record.orders) == 3 and all(sorted(o) == [0, 1, 2, 3] for o in record.orders)
    assert record.seconds == [12.35, 0.0, 0.5]  # to the hundredth; never visited: 0
