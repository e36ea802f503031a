"""The exam date: refused when past, and the home line in every case."""

from __future__ import annotations

from datetime import date

from quizapp.core.analytics.plan import StudyPlan, exam_date_problem, plan_text

TODAY = date(2026, 11, 24)


def test_a_past_day_is_refused_today_and_later_are_not() -> None:
    assert exam_date_problem(date(2020, 1, 1), TODAY) == (
        "01 Jan 2020 has passed: give the day of your next exam"
    )
    assert exam_date_problem(TODAY, TODAY) is None
    assert exam_date_problem(date(2027, 3, 15), TODAY) is None


def test_an_exam_date_up_to_five_years_ahead_is_taken() -> None:
    assert exam_date_problem(date(2031, 12, 31), TODAY) is None
    assert exam_date_problem(date(2032, 1, 1), TODAY) == ("01 Jan 2032 is more than 5 years away")


def test_plan_text() -> None:
    assert plan_text(None) == "No exam date set: press t to plan your reviews."
    assert plan_text(StudyPlan(date(2026, 11, 1), -23, 4)) == (
        "Your exam date 01 Nov 2026 has passed: press t to set the next one."
    )
    assert plan_text(StudyPlan(TODAY, 0, 1)) == "Exam today (24 Nov 2026): 1 review still due."
    assert plan_text(StudyPlan(date(2026, 11, 25), 1, 1)) == (
        "Exam 25 Nov 2026: 1 day left, 1 review before it, about 1 a day."
    )
    assert plan_text(StudyPlan(date(2026, 12, 24), 30, 45)) == (
        "Exam 24 Dec 2026: 30 days left, 45 reviews before it, about 2 a day."
    )
