"""Drawing an exam to the blueprint: rounding, shortfalls, seeds, topics spread, domains mixed."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from typing import Any

import pytest

from quizapp.core.sessions.blueprint import (
    domain_quotas,
    draw_exam,
    largest_remainder,
)
from tests.conftest import make_bank


def test_minutes_round_to_the_nearest_minute_and_give_at_least_one() -> None:
    from quizapp.core.bank.models import TimeLimit

    def outline(per: float) -> Any:
        limit = TimeLimit(minutes_per_question=per, basis="assumption", note="Our assumption.")
        return make_bank({"A.1": 1}, {"A": 1}).outline.model_copy(update={"time_limit": limit})

    assert outline(170 / 150).minutes_for(10) == 11  # 11.33
    assert outline(170 / 150).minutes_for(20) == 23  # 22.67
    assert outline(170 / 150).minutes_for(100) == 113  # 113.33
    assert outline(10 / 3).minutes_for(2) == 7  # 6.67
    assert outline(100 / 150).minutes_for(1) == 1  # 0.67 rounds up to 1
    assert outline(100 / 300).minutes_for(1) == 1  # 0.33 would round to 0: at least one minute
    assert outline(170 / 150).minutes_for(150) == 170


def test_largest_remainder_gives_leftovers_to_the_largest_fractions() -> None:
    # exact shares 2.4, 3.5, 4.1 -> floors 2, 3, 4, one seat left: to b (0.5)
    assert largest_remainder({"a": 24, "b": 35, "c": 41}, 10) == {"a": 2, "b": 4, "c": 4}
    # exact 1.6, 1.6, 6.8 -> floors 1, 1, 6; two seats: c (0.8), then a (0.6, first key)
    assert largest_remainder({"a": 2, "b": 2, "c": 8.5}, 10) == {"a": 2, "b": 1, "c": 7}
    # a tie is broken by key order, whatever the weights' order of size
    assert largest_remainder({"x": 1, "y": 1}, 1) == {"x": 1, "y": 0}
    assert largest_remainder({"y": 1, "x": 1}, 1) == {"y": 1, "x": 0}


@pytest.mark.parametrize("total", [0, -3])
def test_largest_remainder_of_nothing_is_all_zero(total: int) -> None:
    assert largest_remainder({"a": 1, "b": 2}, total) == {"a": 0, "b": 0}
    assert largest_remainder({"a": 0, "b": 0}, 5) == {"a": 0, "b": 0}


def test_domain_quotas_split_any_length_by_weight() -> None:
    bank = make_bank({"A.1": 1, "B.1": 1, "C.1": 1}, {"A": 1, "B": 2, "C": 4})
    assert domain_quotas(bank.outline, 10) == {"A": 1, "B": 3, "C": 6}  # 1.43, 2.86, 5.71


def test_a_short_domain_gives_its_shortfall_to_the_others_by_weight() -> None:
    bank = make_bank({"A.1": 2, "B.1": 30, "C.1": 30}, {"A": 4, "B": 1, "C": 3})
    drawn = draw_exam(bank, 16, seed=1)  # quotas 8, 2, 6 but A has only 2
    assert len(drawn) == len({q.id for q in drawn}) == 16
    # A's 6 missing seats go 1 : 3 to B and C -> B 2 + 1.5, C 6 + 4.5, rounded
    assert Counter(q.domain_code for q in drawn) == {"A": 2, "B": 4, "C": 10}


def test_different_seeds_draw_different_questions_not_only_another_order() -> None:
    bank = make_bank({"A.1": 20, "A.2": 20, "B.1": 20}, {"A": 2, "B": 1})
    sets = {frozenset(q.id for q in draw_exam(bank, 15, seed=seed)) for seed in range(5)}
    assert len(sets) == 5
    assert [q.id for q in draw_exam(bank, 15, seed=3)] == [q.id for q in draw_exam(bank, 15, 3)]


def test_domains_are_mixed_through_the_exam() -> None:
    bank = make_bank({"A.1": 20, "B.1": 20, "C.1": 20}, {"A": 1, "B": 1, "C": 1})
    drawn = draw_exam(bank, 30, seed=7)
    codes = [q.domain_code for q in drawn]
    switches = sum(1 for before, after in pairwise(codes) if before != after)
    assert switches > 10  # grouped by domain there would be 2
    assert codes[:10] != sorted(codes)[:10]


def test_topics_take_turns_within_a_domain() -> None:
    bank = make_bank({"A.1": 10, "A.2": 10, "A.3": 1}, {"A": 1})
    drawn = draw_exam(bank, 7, seed=2)
    counts = Counter(q.topic for q in drawn)
    assert counts["A.3"] == 1 and sorted((counts["A.1"], counts["A.2"])) == [3, 3]


def test_unseen_questions_come_first_within_each_topic() -> None:
    bank = make_bank({"A.1": 6, "B.1": 6}, {"A": 1, "B": 1})
    seen = {"a1-q0", "a1-q1", "a1-q2", "a1-q3", "b1-q0"}
    drawn = draw_exam(bank, 6, seed=5, seen=seen)
    by_domain = Counter(q.domain_code for q in drawn)
    assert by_domain == {"A": 3, "B": 3}
    assert {"a1-q4", "a1-q5"} <= {q.id for q in drawn}
    assert sum(q.id in seen for q in drawn if q.domain_code == "A") == 1
    assert not any(q.id in seen for q in drawn if q.domain_code == "B")


def test_never_more_than_the_bank_holds_and_nothing_from_an_empty_bank() -> None:
    bank = make_bank({"A.1": 2, "B.1": 1}, {"A": 1, "B": 5})
    assert sorted(q.id for q in draw_exam(bank, 50, seed=1)) == ["a1-q0", "a1-q1", "b1-q0"]
    assert draw_exam(make_bank({"A.1": 0}, {"A": 1}), 10, seed=1) == []


def test_a_question_outside_the_outline_ends_the_draw_instead_of_looping() -> None:
    bank = make_bank({"A.1": 2}, {"A": 1})
    stray = bank.questions["a1-q0"].model_copy(update={"id": "z9-stray", "topic": "Z.9"})
    bank.questions["z9-stray"] = stray  # not drawable: its topic is in no domain
    drawn = draw_exam(bank, 3, seed=1)
    assert sorted(q.id for q in drawn) == ["a1-q0", "a1-q1"]
