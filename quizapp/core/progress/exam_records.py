"""Persisted exam data: the exam in progress and every finished exam.

Both live in the progress file, so an exam survives a crash and the history
survives restarts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from quizapp.core.controls import check_text
from quizapp.core.progress.answers import usable_time

Time = Annotated[datetime, AfterValidator(usable_time)]
QuestionId = Annotated[str, AfterValidator(check_text)]
"""A question id from the file: shown on screen when the bank no longer has it."""
"""A moment of a real session: a time that would overflow date arithmetic is damaged data."""


class ExamState(BaseModel):
    """Everything needed to resume an exam exactly where it was."""

    model_config = ConfigDict(extra="allow")

    id: str
    started_at: Time
    time_limit_seconds: Annotated[float, Field(gt=0)]
    question_ids: Annotated[list[QuestionId], Field(min_length=1)]
    orders: list[list[int]]
    """Per position: original choice indexes in display order."""
    answers: dict[int, int] = Field(default_factory=dict)
    """Position -> chosen display index."""
    flagged: list[int] = Field(default_factory=list)
    struck: dict[int, list[int]] = Field(default_factory=dict)
    """Position -> display indexes struck out."""
    elapsed_seconds: Annotated[float, Field(ge=0)] = 0.0
    """Exam time used up to the last save; time while the app is closed never counts."""
    seconds_on: dict[int, float] = Field(default_factory=dict)
    """Position -> seconds spent looking at the question."""
    current: int = 0
    paused: bool = False
    warned: list[int] = Field(default_factory=list)
    """Warning thresholds (minutes) already announced."""


class DomainResult(BaseModel):
    correct: int
    total: int


class ExamRecord(BaseModel):
    """A finished exam, kept for history, trends and later review."""

    model_config = ConfigDict(extra="allow")

    id: str
    started_at: Time
    finished_at: Time
    questions: int
    correct: int
    time_limit_seconds: float
    time_used_seconds: float
    by_domain: dict[str, DomainResult]
    question_ids: list[QuestionId]
    chosen: list[int]
    """Per position: the original choice index chosen, -1 when left unanswered."""
    correct_positions: list[int] = Field(default_factory=list)
    """Positions answered correctly."""
    flagged: list[int] = Field(default_factory=list)
    auto_submitted: bool = False
    orders: list[list[int]] = Field(default_factory=list)
    """Per position: original choice indexes in the order shown (empty in older records)."""
    seconds: list[float] = Field(default_factory=list)
    """Per position: seconds spent on the question (empty in older records)."""

    def order_at(self, position: int) -> list[int] | None:
        """The order the choices of ``position`` were shown in, when the record has it."""
        return list(self.orders[position]) if position < len(self.orders) else None

    def seconds_at(self, position: int) -> float | None:
        return self.seconds[position] if position < len(self.seconds) else None

    def answered_at(self, position: int) -> bool:
        return self.chosen[position] >= 0

    def correct_at(self, position: int) -> bool:
        return position in self.correct_positions

    @property
    def score(self) -> float:
        return self.correct / self.questions if self.questions else 0.0
