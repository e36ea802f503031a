"""Topic drills (tutor mode): pick questions, present them shuffled, give instant feedback.

Randomness comes from a seed and time from a clock, both passed in, so every
rule here is testable.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from quizapp.core.bank.bank import Bank
from quizapp.core.bank.models import Question
from quizapp.core.clock import Clock
from quizapp.core.progress.answers import Mode
from quizapp.core.progress.history import QuestionHistory
from quizapp.core.sessions.shuffle import shuffled_order

Recorder = Callable[[str, int, bool, float, Mode, int], object]
"""Stores an answer: question id, choice (bank order), correct, seconds, mode, and where
the choice was shown (0 = A)."""


class QuestionStatus(StrEnum):
    """Which questions of the chosen topics a drill draws from."""

    ALL = "all"
    UNSEEN = "unseen"
    MISSED = "missed"
    FLAGGED = "flagged"

    @property
    def label(self) -> str:
        return {
            "all": "All questions",
            "unseen": "Not seen yet",
            "missed": "Missed before (not yet answered right since)",
            "flagged": "Flagged",
        }[self.value]


def select_questions(
    bank: Bank,
    histories: Mapping[str, QuestionHistory],
    topics: Collection[str],
    status: QuestionStatus,
    count: int,
    seed: int,
    flagged: Collection[str] = (),
) -> list[Question]:
    """Draw up to ``count`` questions of the topics that match the status.

    Unseen questions come first within "all", so a drill keeps showing new
    material until the candidate has seen everything. ``histories`` is the store's
    per-question index (``question_histories`` builds one from a list of answers).
    """
    pool = [q for q in bank.questions.values() if q.topic in topics]
    if status is QuestionStatus.UNSEEN:
        pool = [q for q in pool if q.id not in histories]
    elif status is QuestionStatus.MISSED:
        pool = [q for q in pool if q.id in histories and histories[q.id].missed_and_not_fixed]
    elif status is QuestionStatus.FLAGGED:
        pool = [q for q in pool if q.id in set(flagged)]
    rng = random.Random(seed)
    rng.shuffle(pool)
    pool.sort(key=lambda q: q.id in histories)  # stable: unseen first, random within
    return pool[: max(0, count)]


@dataclass(frozen=True)
class PresentedQuestion:
    """A question with its choices in display order."""

    question: Question
    order: list[int]
    """``order[display_index]`` is the choice's index as written in the bank."""

    @property
    def choice_texts(self) -> list[str]:
        return [self.question.choices[i].text for i in self.order]

    @property
    def correct_display_index(self) -> int:
        return self.order.index(self.question.correct_index)

    def original_index(self, display_index: int) -> int:
        return self.order[display_index]


def present(questions: Sequence[Question], seed: int) -> list[PresentedQuestion]:
    """Shuffle each question's choices with one seeded generator."""
    rng = random.Random(seed)
    return [PresentedQuestion(q, shuffled_order(q, rng)) for q in questions]


@dataclass(frozen=True)
class Feedback:
    """What the candidate sees right after answering."""

    correct: bool
    chosen_display_index: int
    correct_display_index: int
    seconds: float


@dataclass
class DrillResult:
    """One answered question of a drill."""

    presented: PresentedQuestion
    feedback: Feedback
    answer_id: str | None = None
    """The stored answer's id, to attach confidence or a miss reason later."""


@dataclass
class TopicLine:
    topic: str
    answered: int
    correct: int


@dataclass
class DrillSummary:
    """The end-of-drill report."""

    answered: int
    correct: int
    total_seconds: float
    by_topic: list[TopicLine]
    missed: list[DrillResult]

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.answered if self.answered else None

    @property
    def seconds_per_question(self) -> float | None:
        return self.total_seconds / self.answered if self.answered else None


@dataclass
class DrillSession:
    """A run of questions answered one at a time with immediate feedback."""

    questions: list[PresentedQuestion]
    clock: Clock
    record: Recorder
    mode: Mode = "drill"
    reasons: list[str] = field(default_factory=list)
    """Why each question was chosen (review sessions), shown with the question."""
    index: int = 0
    results: list[DrillResult] = field(default_factory=list)
    _shown_at: datetime | None = None

    def __post_init__(self) -> None:
        if not self.questions:
            raise ValueError("a drill needs at least one question")
        self._shown_at = self.clock()

    @property
    def current(self) -> PresentedQuestion:
        return self.questions[self.index]

    @property
    def answered_current(self) -> bool:
        return len(self.results) > self.index

    @property
    def is_last(self) -> bool:
        return self.index == len(self.questions) - 1

    @property
    def finished(self) -> bool:
        return len(self.results) == len(self.questions)

    def answer(self, display_index: int) -> Feedback:
        """Grade the current question and record the answer in the store at once."""
        if self.answered_current:
            return self.results[self.index].feedback
        presented = self.current
        if not 0 <= display_index < len(presented.order):
            raise ValueError(f"choice {display_index + 1} does not exist")
        now = self.clock()
        started = self._shown_at or now
        seconds = max(0.0, (now - started).total_seconds())
        correct = display_index == presented.correct_display_index
        stored = self.record(
            presented.question.id,
            presented.original_index(display_index),
            correct,
            seconds,
            self.mode,
            display_index,
        )
        feedback = Feedback(correct, display_index, presented.correct_display_index, seconds)
        answer_id = getattr(stored, "id", None)
        self.results.append(DrillResult(presented, feedback, answer_id))
        return feedback

    def advance(self) -> bool:
        """Move to the next question; False when the drill is over."""
        if not self.answered_current or self.is_last:
            return False
        self.index += 1
        self._shown_at = self.clock()
        return True

    def summary(self) -> DrillSummary:
        lines: dict[str, TopicLine] = {}
        for result in self.results:
            topic = result.presented.question.topic
            line = lines.setdefault(topic, TopicLine(topic, 0, 0))
            line.answered += 1
            line.correct += int(result.feedback.correct)
        return DrillSummary(
            answered=len(self.results),
            correct=sum(r.feedback.correct for r in self.results),
            total_seconds=sum(r.feedback.seconds for r in self.results),
            by_topic=sorted(lines.values(), key=lambda line: line.topic),
            missed=[r for r in self.results if not r.feedback.correct],
        )
