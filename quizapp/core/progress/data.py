"""The whole progress file as a pydantic model: settings, flags, cards and exams.

The answers themselves are compact ``AnswerRecord``s read and written by
``quizapp.core.progress.snapshot``, not validated by pydantic.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SkipValidation, field_validator

from quizapp.core.progress.answers import SCHEMA_VERSION, AnswerRecord, check_exam_date_setting
from quizapp.core.progress.exam_records import ExamRecord, ExamState


class ProgressData(BaseModel):
    """The whole progress file."""

    model_config = ConfigDict(extra="allow")

    schema_version: int = SCHEMA_VERSION
    seq: int = 0
    """The number of the last journal line folded into this snapshot."""
    answers: SkipValidation[list[AnswerRecord]] = Field(default_factory=list, exclude=True)
    """Read and written by ``progress.snapshot`` (one compact record each), not pydantic."""
    settings: dict[str, Any] = Field(default_factory=dict)
    flagged: list[str] = Field(default_factory=list)
    """Question ids the candidate flagged to come back to."""
    cards: dict[str, dict[str, Any]] = Field(default_factory=dict)
    """FSRS scheduling state per question id (``fsrs.Card.to_dict()``)."""
    active_exam: ExamState | None = None
    exam_history: list[ExamRecord] = Field(default_factory=list)

    @field_validator("settings")
    @classmethod
    def _usable_exam_date(cls, settings: dict[str, Any]) -> dict[str, Any]:
        check_exam_date_setting(settings.get("exam_date"))
        return settings

    @field_validator("cards", mode="before")
    @classmethod
    def _drop_damaged_cards(cls, raw: Any) -> Any:
        """Cards are rebuilt from the answers, so one that is not an object is dropped."""
        if not isinstance(raw, dict):
            return {}
        return {qid: card for qid, card in raw.items() if isinstance(card, dict)}
