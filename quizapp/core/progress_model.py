"""The progress file's schema: every answer, plus settings, as pydantic models.

Bump ``SCHEMA_VERSION`` and add a step to ``quizapp.core.migrations`` whenever
the layout changes, so files written by older versions keep working.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from quizapp.core.exam_model import ExamRecord, ExamState

SCHEMA_VERSION = 2

Mode = Literal["drill", "exam", "review"]
Confidence = Literal["sure", "unsure", "guess"]
MissReason = Literal["did-not-know", "misread", "reasoning", "ran-out-of-time"]


class AnswerRecord(BaseModel):
    """One answer the candidate gave, exactly as it happened."""

    model_config = ConfigDict(extra="allow", frozen=True)

    id: Annotated[str, Field(min_length=1)]
    question_id: Annotated[str, Field(min_length=1)]
    choice: Annotated[int, Field(ge=-1)]
    """Index of the chosen option as written in the bank (-1: left unanswered)."""
    correct: bool
    seconds: Annotated[float, Field(ge=0)]
    mode: Mode
    at: datetime
    confidence: Confidence | None = None
    miss_reason: MissReason | None = None


class ProgressData(BaseModel):
    """The whole progress file."""

    model_config = ConfigDict(extra="allow")

    schema_version: int = SCHEMA_VERSION
    answers: list[AnswerRecord] = Field(default_factory=list)
    settings: dict[str, Any] = Field(default_factory=dict)
    flagged: list[str] = Field(default_factory=list)
    """Question ids the candidate flagged to come back to."""
    cards: dict[str, dict[str, Any]] = Field(default_factory=dict)
    """FSRS scheduling state per question id (``fsrs.Card.to_dict()``)."""
    active_exam: ExamState | None = None
    exam_history: list[ExamRecord] = Field(default_factory=list)
