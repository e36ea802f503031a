"""What the answer history says about each question: seen, missed, last result."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from quizapp.core.progress_model import AnswerRecord


@dataclass
class QuestionHistory:
    """One question's record across every session."""

    attempts: int = 0
    wrong: int = 0
    last_correct: bool | None = None
    last_seen: datetime | None = None

    @property
    def missed_and_not_fixed(self) -> bool:
        """Missed at some point and the latest answer is still wrong."""
        return self.last_correct is False


def question_histories(answers: Iterable[AnswerRecord]) -> dict[str, QuestionHistory]:
    """Fold the answer log (in order) into a record per question id."""
    histories: dict[str, QuestionHistory] = {}
    for answer in answers:
        history = histories.setdefault(answer.question_id, QuestionHistory())
        history.attempts += 1
        history.wrong += int(not answer.correct)
        history.last_correct = answer.correct
        history.last_seen = answer.at
    return histories
