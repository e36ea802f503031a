"""Days to the exam and the daily review load needed to clear the backlog in time."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from quizapp.core.progress.due import HasDue, exam_deadline


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
