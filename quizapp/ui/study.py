"""What screens may use of the app: a small typed surface instead of the concrete app class.

Screens reach the bank, the progress store and the session starters through
``self.study`` (the ``StudyAccess`` mixin); Textual's own API (``push_screen``,
``notify``...) stays on ``self.app``. A screen can then be read, and tested,
against this protocol alone.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from textual.app import App

    from quizapp.core.bank.bank import Bank
    from quizapp.core.bank.summary import BankSummary
    from quizapp.core.clock import Clock
    from quizapp.core.progress.answers import AnswerRecord, Mode
    from quizapp.core.progress.store import ProgressStore
    from quizapp.core.sessions.drill import QuestionStatus


class StudyContext(Protocol):
    """The study side of the app."""

    clock: Clock

    @property
    def loaded(self) -> bool: ...

    @property
    def bank(self) -> Bank: ...

    @property
    def store(self) -> ProgressStore: ...

    @property
    def summary(self) -> BankSummary: ...

    def save(self, write: Callable[[], object]) -> bool: ...

    def record_answer(
        self,
        question_id: str,
        choice: int,
        correct: bool,
        seconds: float,
        mode: Mode,
        shown: int | None = ...,
    ) -> AnswerRecord | None: ...

    def start_drill(
        self,
        topics: Collection[str],
        status: QuestionStatus,
        count: int,
        title: str = ...,
        replace_screen: bool = ...,
    ) -> bool: ...

    def start_exam(self, questions: int, minutes: float, replace_screen: bool = ...) -> None: ...

    def run_when_loaded(self, action: str) -> bool: ...


class StudyAccess:
    """Mixed into screens: ``self.study`` is the app seen through ``StudyContext``."""

    if TYPE_CHECKING:
        app: App[None]

    @property
    def study(self) -> StudyContext:
        return cast("StudyContext", self.app)
