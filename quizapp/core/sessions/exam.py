"""A timed practice exam: answers, flags, strike-outs, pause, review grid and scoring.

Time comes from an injected clock. The exam's own clock runs only while the
exam is open and not paused; ``elapsed_seconds`` in the state is what has been
used, so a resumed exam continues where it stopped.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from quizapp.core.bank.bank import Bank
from quizapp.core.clock import Clock
from quizapp.core.progress.exam_records import DomainResult, ExamRecord, ExamState
from quizapp.core.sessions.blueprint import draw_exam
from quizapp.core.sessions.drill import PresentedQuestion
from quizapp.core.sessions.shuffle import shuffled_order

WARNING_MINUTES = (30, 15, 5)


class GridFilter(StrEnum):
    ALL = "all"
    UNANSWERED = "unanswered"
    FLAGGED = "flagged"
    ANSWERED = "answered"


@dataclass(frozen=True)
class GridCell:
    """One square of the review grid."""

    position: int
    answered: bool
    flagged: bool
    current: bool


def typed_position(typed: str, count: int) -> int | None:
    """The exam position of a question number typed in the review grid (None if not one)."""
    if not typed.isdigit():
        return None
    number = int(typed)
    return number - 1 if 1 <= number <= count else None


def new_exam(
    bank: Bank,
    questions: int,
    minutes: float,
    seed: int,
    clock: Clock,
    seen: set[str] | frozenset[str] = frozenset(),
) -> ExamState:
    """Draw questions to the blueprint and shuffle their choices (pinned ones stay)."""
    drawn = draw_exam(bank, questions, seed, seen)
    if not drawn:
        raise ValueError("the bank has no questions to draw an exam from")
    rng = random.Random(seed + 1)
    return ExamState(
        id=uuid.UUID(int=random.Random(seed).getrandbits(128)).hex,
        started_at=clock(),
        time_limit_seconds=minutes * 60,
        question_ids=[q.id for q in drawn],
        orders=[shuffled_order(q, rng) for q in drawn],
    )


class ExamSession:
    """Rules of a running exam; the UI calls these and shows what they return."""

    def __init__(self, bank: Bank, state: ExamState, clock: Clock) -> None:
        self.bank = bank
        self.state = state
        self.clock = clock
        self._running_since: datetime | None = None if state.paused else clock()
        """When the exam's clock last started or was checkpointed; None while paused."""

    # -- time ------------------------------------------------------------

    @property
    def elapsed(self) -> float:
        extra = 0.0
        if self._running_since is not None:
            extra = max(0.0, (self.clock() - self._running_since).total_seconds())
        return self.state.elapsed_seconds + extra

    @property
    def remaining(self) -> float:
        return max(0.0, self.state.time_limit_seconds - self.elapsed)

    @property
    def expired(self) -> bool:
        return self.remaining <= 0

    @property
    def paused(self) -> bool:
        return self.state.paused

    def checkpoint(self) -> ExamState:
        """Fold running time into the state so it can be saved.

        Time is charged to the question on screen only up to the limit, so the
        time on the questions adds up to the time used.
        """
        now = self.clock()
        if self._running_since is not None:
            used = self.state.elapsed_seconds
            self.state.elapsed_seconds = min(
                self.state.time_limit_seconds,
                used + max(0.0, (now - self._running_since).total_seconds()),
            )
            position = self.state.current
            spent = self.state.elapsed_seconds - used
            self.state.seconds_on[position] = self.state.seconds_on.get(position, 0.0) + spent
            self._running_since = now
        return self.state

    def pause(self) -> None:
        self.checkpoint()
        self.state.paused = True
        self._running_since = None

    def resume(self) -> None:
        if self.state.paused:
            self.state.paused = False
            self._running_since = self.clock()

    def due_warnings(self) -> list[int]:
        """Thresholds (minutes left) crossed since the last call, each announced once.

        A threshold at or above the exam's whole length is never announced.
        """
        remaining_minutes = self.remaining / 60
        limit_minutes = self.state.time_limit_seconds / 60
        due = [
            m
            for m in WARNING_MINUTES
            if m < limit_minutes and remaining_minutes <= m and m not in self.state.warned
        ]
        self.state.warned.extend(due)
        return due

    # -- questions -------------------------------------------------------

    @property
    def count(self) -> int:
        return len(self.state.question_ids)

    @property
    def position(self) -> int:
        return self.state.current

    def presented(self, position: int | None = None) -> PresentedQuestion:
        position = self.state.current if position is None else position
        question = self.bank.questions[self.state.question_ids[position]]
        return PresentedQuestion(question, self.state.orders[position])

    def goto(self, position: int) -> None:
        if not 0 <= position < self.count:
            return
        self.checkpoint()
        self.state.current = position

    def next(self) -> bool:
        if self.state.current + 1 >= self.count:
            return False
        self.goto(self.state.current + 1)
        return True

    def previous(self) -> bool:
        if self.state.current == 0:
            return False
        self.goto(self.state.current - 1)
        return True

    def answer(self, display_index: int) -> None:
        """Choose (or change) the answer of the current question."""
        if not 0 <= display_index < len(self.state.orders[self.state.current]):
            raise ValueError(f"choice {display_index + 1} does not exist")
        self.state.answers[self.state.current] = display_index
        struck = self.state.struck.get(self.state.current, [])
        if display_index in struck:
            struck.remove(display_index)

    def chosen(self, position: int | None = None) -> int | None:
        return self.state.answers.get(self.state.current if position is None else position)

    def toggle_flag(self) -> bool:
        position = self.state.current
        if position in self.state.flagged:
            self.state.flagged.remove(position)
            return False
        self.state.flagged.append(position)
        return True

    def is_flagged(self, position: int | None = None) -> bool:
        return (self.state.current if position is None else position) in self.state.flagged

    def toggle_strike(self, display_index: int) -> bool:
        """Strike out (or restore) a choice; a struck choice cannot stay the chosen one."""
        struck = self.state.struck.setdefault(self.state.current, [])
        if display_index in struck:
            struck.remove(display_index)
            return False
        struck.append(display_index)
        if self.state.answers.get(self.state.current) == display_index:
            del self.state.answers[self.state.current]
        return True

    def struck(self, position: int | None = None) -> set[int]:
        return set(self.state.struck.get(self.state.current if position is None else position, []))

    @property
    def unanswered(self) -> int:
        return self.count - len(self.state.answers)

    @property
    def flagged_count(self) -> int:
        return len(self.state.flagged)

    def grid(self, which: GridFilter = GridFilter.ALL) -> list[GridCell]:
        cells = [
            GridCell(p, p in self.state.answers, p in self.state.flagged, p == self.state.current)
            for p in range(self.count)
        ]
        if which is GridFilter.UNANSWERED:
            return [c for c in cells if not c.answered]
        if which is GridFilter.ANSWERED:
            return [c for c in cells if c.answered]
        if which is GridFilter.FLAGGED:
            return [c for c in cells if c.flagged]
        return cells

    # -- ending ----------------------------------------------------------

    def score(self, auto_submitted: bool = False) -> ExamRecord:
        """Grade the exam; unanswered questions count as wrong."""
        self.checkpoint()
        by_domain: dict[str, DomainResult] = {}
        chosen: list[int] = []
        correct_positions: list[int] = []
        correct = 0
        for position in range(self.count):
            presented = self.presented(position)
            display = self.state.answers.get(position)
            original = presented.original_index(display) if display is not None else -1
            chosen.append(original)
            right = original == presented.question.correct_index
            correct += int(right)
            if right:
                correct_positions.append(position)
            domain = presented.question.domain_code
            result = by_domain.setdefault(domain, DomainResult(correct=0, total=0))
            result.total += 1
            result.correct += int(right)
        return ExamRecord(
            id=self.state.id,
            started_at=self.state.started_at,
            finished_at=self.clock(),
            questions=self.count,
            correct=correct,
            time_limit_seconds=self.state.time_limit_seconds,
            time_used_seconds=min(self.elapsed, self.state.time_limit_seconds),
            by_domain=by_domain,
            question_ids=list(self.state.question_ids),
            chosen=chosen,
            correct_positions=correct_positions,
            flagged=sorted(self.state.flagged),
            auto_submitted=auto_submitted,
            orders=[list(order) for order in self.state.orders],
            seconds=[round(self.state.seconds_on.get(p, 0.0), 2) for p in range(self.count)],
        )
