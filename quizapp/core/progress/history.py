"""What the answer history says about each question: seen, missed, last result."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from quizapp.core.progress.answers import AnswerRecord


@dataclass
class QuestionHistory:
    """One question's record across every session."""

    attempts: int = 0
    wrong: int = 0
    last_correct: bool | None = None
    last_seen: datetime | None = None
    seconds: float = 0.0

    @property
    def missed_and_not_fixed(self) -> bool:
        """Missed at some point and the latest answer is still wrong."""
        return self.last_correct is False

    @property
    def correct(self) -> int:
        return self.attempts - self.wrong

    def add(self, answer: AnswerRecord) -> None:
        """One more answer, in log order."""
        self.attempts += 1
        self.wrong += int(not answer.correct)
        self.last_correct = answer.correct
        self.seconds += answer.seconds
        if self.last_seen is None or answer.at > self.last_seen:
            self.last_seen = answer.at


def question_histories(answers: Iterable[AnswerRecord]) -> dict[str, QuestionHistory]:
    """Fold the answer log (in order) into a record per question id (skipped ones left out)."""
    histories: dict[str, QuestionHistory] = {}
    for answer in answers:
        if answer.skipped:  # an exam question left unanswered says nothing of the topic
            continue
        history = histories.get(answer.question_id)
        if history is None:
            history = histories[answer.question_id] = QuestionHistory()
        history.add(answer)
    return histories


@dataclass
class AnswerIndex:
    """Each question's answers and history, kept in step as the log grows.

    Recording an answer then touches one question instead of rescanning a
    history of tens of thousands of answers.
    """

    histories: dict[str, QuestionHistory] = field(default_factory=dict)
    positions: dict[str, list[int]] = field(default_factory=dict)
    _answers: Sequence[AnswerRecord] | None = None
    _count: int = 0

    def sync(self, answers: Sequence[AnswerRecord]) -> None:
        """Take in answers appended since the last call (or start over on a new log)."""
        if answers is not self._answers or len(answers) < self._count:
            self.histories, self.positions = {}, {}
            self._answers, self._count = answers, 0
        for position in range(self._count, len(answers)):
            answer = answers[position]
            self.positions.setdefault(answer.question_id, []).append(position)
            if answer.skipped:  # kept in the log, never in the history
                continue
            history = self.histories.get(answer.question_id)
            if history is None:
                history = self.histories[answer.question_id] = QuestionHistory()
            history.add(answer)
        self._count = len(answers)

    def answers_for(self, question_id: str) -> list[AnswerRecord]:
        """Every answer to one question, oldest first (call ``sync`` first)."""
        answers = self._answers or ()
        return [answers[i] for i in self.positions.get(question_id, ())]
