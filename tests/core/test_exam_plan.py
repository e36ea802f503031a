"""The exam the set-up form describes: numbers brought into range, and said so."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.core.bank.bank import Bank
from quizapp.core.bank.loader import load_bank
from quizapp.core.sessions.exam_plan import plan_exam


@pytest.fixture
def bank(mini_bank: Path) -> Bank:
    result = load_bank(mini_bank)
    assert result.bank is not None
    return result.bank


def test_a_profile_gives_its_length_and_the_assumed_time(bank: Bank) -> None:
    plan = plan_exam(bank, "mini", "", None)
    assert (plan.questions, plan.minutes, plan.notes) == (5, 5, [])
    assert plan.headline == "5 questions in 5 minutes"
    assert sum(plan.split.values()) == 5


def test_more_than_the_bank_holds_is_the_whole_bank_with_the_real_split(bank: Bank) -> None:
    plan = plan_exam(bank, None, "9999")
    assert plan.questions == 6
    assert plan.split == {"A": 4, "B": 2}
    assert plan.notes == ["the bank has 6 questions: using 6, not 9999"]


def test_too_small_and_unreadable_numbers_are_explained(bank: Bank) -> None:
    plan = plan_exam(bank, None, "0", "-5")
    assert (plan.questions, plan.minutes) == (1, 1)
    assert plan.headline == "1 question in 1 minute"
    assert plan.notes == [
        "an exam needs at least 1 question: using 1, not 0",
        "the clock needs at least 1 minute: using 1, not -5",
    ]
    odd = plan_exam(bank, None, "ten", "9999")
    assert odd.questions == 5 and odd.minutes == 600
    assert odd.notes[0] == "'ten' is not a whole number of questions: using 5"
    assert odd.notes[1] == "at most 600 minutes: using 600, not 9999"


def test_custom_length_takes_time_at_the_same_pace(bank: Bank) -> None:
    assert plan_exam(bank, None, "3").minutes == 3  # one minute per question: our assumption
    assert plan_exam(bank, "mini-split", "3").questions == 6  # a profile ignores the box


def test_numbers_at_their_limits_are_taken_as_typed(bank: Bank) -> None:
    one = plan_exam(bank, None, "1", "1")
    assert (one.questions, one.minutes, one.notes) == (1, 1, [])
    assert one.split == {"A": 0, "B": 1}  # a domain the draw takes nothing from shows 0
    whole = plan_exam(bank, None, "6", "600")
    assert (whole.questions, whole.minutes, whole.notes) == (6, 600, [])


def test_an_unreadable_time_is_the_outline_time_for_the_length(bank: Bank) -> None:
    plan = plan_exam(bank, None, "3", "soon")
    assert (plan.questions, plan.minutes) == (3, 3)
    assert plan.notes == ["'soon' is not a whole number of minutes: using 3"]
