"""Days to the exam and the daily review load needed to clear the backlog in time."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from quizapp.core.progress.due import HasDue, exam_deadline
from quizapp.core.text import plural


@dataclass(frozen=True)
class StudyPlan:
    exam_date: date
    days_left: int
    reviews_before_exam: int
    """Reviews falling due between now and the morning before the exam."""

    @property
    def per_day(self) -> int:
        if self.days_left <= 0:
            return self.reviews_before_exam
        return math.ceil(self.reviews_before_exam / self.days_left)


def study_plan(
    cards: Mapping[str, HasDue], exam_date: date | None, today: date
) -> StudyPlan | None:
    """None when no exam date is set."""
    if exam_date is None:
        return None
    deadline = exam_deadline(exam_date)
    assert deadline is not None
    backlog = sum(1 for card in cards.values() if card.due <= deadline)
    return StudyPlan(exam_date, (exam_date - today).days, backlog)


PLAN_YEARS_AHEAD = 5
"""An exam date further away than this is a typing mistake, not a plan."""


def exam_date_problem(value: date, today: date) -> str | None:
    """Why ``value`` cannot be the exam date (None: it can): a day gone, or years away."""
    if value < today:
        return f"{value:%d %b %Y} has passed: give the day of your next exam"
    if value.year > today.year + PLAN_YEARS_AHEAD:
        return f"{value:%d %b %Y} is more than {PLAN_YEARS_AHEAD} years away"
    return None


def plan_text(plan: StudyPlan | None) -> str:
    """The exam-date line of the home screen."""
    if plan is None:
        return "No exam date set: press t to plan your reviews."
    day = f"{plan.exam_date:%d %b %Y}"
    if plan.days_left < 0:
        return f"Your exam date {day} has passed: press t to set the next one."
    reviews = plural(plan.reviews_before_exam, "review")
    if plan.days_left == 0:
        return f"Exam today ({day}): {reviews} still due."
    return (
        f"Exam {day}: {plural(plan.days_left, 'day')} left, {reviews} before it, "
        f"about {plan.per_day} a day."
    )
