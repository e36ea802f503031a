"""The quizapp Textual application: owns the bank, the progress store, the clock and seeds."""

from __future__ import annotations

import contextlib
import random
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual.actions import SkipAction
from textual.app import App
from textual.binding import Binding

from quizapp.core.clock import Clock, utc_now
from quizapp.core.errors import BankError, ProgressError, QuizappError
from quizapp.core.progress.answers import AnswerRecord, Mode
from quizapp.ui.commands import QuizCommands
from quizapp.ui.screens.home import HomeScreen

if TYPE_CHECKING:
    from quizapp.core.bank.bank import Bank
    from quizapp.core.bank.summary import BankSummary
    from quizapp.core.progress.head import ProgressView
    from quizapp.core.progress.store import ProgressStore
    from quizapp.core.sessions.drill import QuestionStatus


DEFAULT_TOPIC_DRILL = 10


@dataclass(frozen=True)
class QuickStart:
    """What the first paint needs, read without pydantic; ``load`` opens the rest after it."""

    summary: BankSummary
    view: ProgressView
    load: Callable[[], tuple[Bank, ProgressStore]]


class QuizApp(App[None]):
    """Practise for the CIIP exam: home, drills, study guide, statistics."""

    TITLE = "quizapp"
    SUB_TITLE = "CIIP practice"
    CSS_PATH = Path(__file__).parent / "quizapp.tcss"
    COMMANDS = App.COMMANDS | {QuizCommands}
    BINDINGS = [
        Binding("question_mark,f1", "show_help", "Help", id="app.help"),
    ]

    def __init__(
        self,
        bank: Bank | None = None,
        store: ProgressStore | None = None,
        clock: Clock = utc_now,
        seed: int | None = None,
        on_ready: Callable[[], None] | None = None,
        quick_start: QuickStart | None = None,
    ) -> None:
        """Give ``bank`` and ``store``, or a ``quick_start`` that loads them after the first paint.

        ``on_ready`` runs once, when the home screen is painted and takes keys.
        """
        super().__init__()
        self.clock = clock
        self._seeds = random.Random(seed)
        self._on_ready = on_ready
        self._quick_start = quick_start
        """Dropped once the bank and the store are open (it holds the cache's bytes)."""
        self._start_view = quick_start.view if quick_start else None
        self._loaded = threading.Event()
        self._load_error: QuizappError | None = None
        if quick_start is None:
            if bank is None or store is None:
                raise TypeError("QuizApp needs a bank and a store, or a quick start")
            self._bank, self._store = bank, store
            self._summary = bank.summary()
            self._loaded.set()
        else:
            self._summary = quick_start.summary

    # -- the bank and the store ------------------------------------------------

    @property
    def bank(self) -> Bank:
        """The validated bank; after a quick start, waits the moment it takes to open."""
        self._wait_until_loaded()
        return self._bank

    @property
    def store(self) -> ProgressStore:
        self._wait_until_loaded()
        return self._store

    @property
    def loaded(self) -> bool:
        """Whether the bank and the store are open (always, unless started quickly)."""
        return self._loaded.is_set() and self._load_error is None

    @property
    def summary(self) -> BankSummary:
        """The outline and each question's topic: enough for the home screen's numbers."""
        return self._summary

    def progress_view(self) -> ProgressView:
        """The candidate's standing as the home screen draws it, from the store once open."""
        if self.loaded:
            return self.store.view()
        assert self._start_view is not None
        return self._start_view

    def _wait_until_loaded(self) -> None:
        self._loaded.wait()
        if self._load_error is not None:
            # The loading thread has asked the app to stop with the reason: the key,
            # menu choice or command that wanted the bank or the store does nothing.
            raise SkipAction()

    def on_mount(self) -> None:
        theme = self.progress_view().theme
        if theme is not None and theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.loaded:
            self._store_opened()
        self.call_after_refresh(self._home_painted)

    def get_default_screen(self) -> HomeScreen:
        """Home is the bottom of the stack (an empty default screen under it costs layouts)."""
        return HomeScreen()

    def _store_opened(self) -> None:
        """What the progress file asks of the user: a notice, an exam to resume."""
        if self.store.notice:
            self._notify_store()
        if self.store.active_exam is not None:
            self.offer_resume()

    def _home_painted(self) -> None:
        if self._on_ready is not None:
            self._on_ready()
        if not self.loaded or not self.store.answers_loaded:
            self._load_in_background()

    def _load_in_background(self) -> None:
        """The home screen is painted; now open the bank and the store and read every answer.

        A daemon thread: quitting does not wait for it. A screen that needs the bank
        or the store before they are open waits for them (a fraction of a second),
        and one that needs the history waits on the store's lock.
        """
        quick_start = None if self.loaded else self._quick_start

        def load() -> None:
            if quick_start is not None:
                try:
                    self._bank, self._store = quick_start.load()
                except QuizappError as exc:
                    self._load_error = exc
                    self._loaded.set()
                    self._tell_ui(self._could_not_load, exc)
                    return
                self._loaded.set()
                self._quick_start = None
                self._tell_ui(self._opened_after_start)
            notice = self._store.notice
            self._store.load_answers()
            if self._store.notice and self._store.notice != notice:
                self._tell_ui(self._notify_store)

        threading.Thread(target=load, name="quizapp-load", daemon=True).start()

    def _tell_ui(self, callback: Callable[..., object], *args: object) -> None:
        """From the loading thread; nothing to tell once the user has quit."""
        with contextlib.suppress(RuntimeError):  # raised when the app is no longer running
            self.call_from_thread(callback, *args)

    def _notify_store(self) -> None:
        self.notify(self.store.notice or "", title="Progress file", severity="warning", timeout=15)

    def _opened_after_start(self) -> None:
        self.refresh_home()
        self._store_opened()

    def _could_not_load(self, error: QuizappError) -> None:
        """The files changed between the first paint and opening them: say why and stop."""
        lines = list(map(str, error.problems)) if isinstance(error, BankError) else []
        lines.append(f"quizapp: {error}")
        self.exit(return_code=1, message="\n".join(lines))

    def offer_resume(self) -> None:
        """Ask whether to resume or abandon the exam left open last time."""
        from quizapp.core.sessions.exam import ExamSession
        from quizapp.ui.screens.exam_modals import ResumeExamModal

        state = self.store.active_exam
        if state is None:
            return
        if any(qid not in self.bank.questions for qid in state.question_ids):
            self.notify(
                "The exam in progress uses questions no longer in the bank; it was set aside.",
                severity="warning",
            )
            self.save(self.store.abandon_active_exam)
            return
        session = ExamSession(self.bank, state.model_copy(deep=True), self.clock)
        session.pause()  # the clock stays stopped while the dialog is open

        def chosen(choice: str | None) -> None:
            if choice == "resume":
                self.resume_exam()
            elif choice == "abandon":
                self.save(self.store.abandon_active_exam)
                self.notify("The exam was abandoned.", timeout=4)
                self.refresh_home()

        self.push_screen(ResumeExamModal(session), chosen)

    def refresh_home(self) -> None:
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_dashboard()

    def _remember_theme(self, _theme: object) -> None:
        if self.store.setting("theme") != self.theme:
            self.save(lambda: self.store.set_setting("theme", self.theme))

    # -- saving ----------------------------------------------------------

    def save(self, write: Callable[[], object]) -> bool:
        """Run a store write; a failure is shown, never raised into the UI."""
        try:
            write()
        except ProgressError as exc:
            self.notify(str(exc), title="Could not save", severity="error", timeout=20)
            return False
        return True

    def record_answer(
        self, question_id: str, choice: int, correct: bool, seconds: float, mode: Mode
    ) -> AnswerRecord | None:
        """Store an answer now; a failed save is shown and None returned."""
        stored: list[AnswerRecord] = []
        self.save(
            lambda: stored.append(
                self.store.record_answer(question_id, choice, correct, seconds, mode)
            )
        )
        return stored[0] if stored else None

    def next_seed(self) -> int:
        return self._seeds.randrange(2**32)

    # -- starting sessions -------------------------------------------------

    def start_drill(
        self,
        topics: Collection[str],
        status: QuestionStatus,
        count: int,
        title: str = "Topic drill",
        replace_screen: bool = False,
    ) -> bool:
        """Start a drill; an empty selection is explained instead of started."""
        from quizapp.core.sessions.drill import (
            DrillSession,
            QuestionStatus,
            present,
            select_questions,
        )
        from quizapp.ui.screens.drill import DrillScreen

        questions = select_questions(
            self.bank,
            self.store.histories,
            topics,
            status,
            count,
            self.next_seed(),
            flagged=self.store.flagged,
        )
        if not questions:
            messages = {
                QuestionStatus.MISSED: "Nothing to review: no missed question is waiting.",
                QuestionStatus.FLAGGED: "No flagged questions in these topics.",
                QuestionStatus.UNSEEN: "You have seen every question of these topics.",
                QuestionStatus.ALL: "These topics have no questions yet.",
            }
            self.notify(messages[status], severity="warning")
            return False
        session = DrillSession(present(questions, self.next_seed()), self.clock, self.record_answer)
        screen = DrillScreen(session, title)
        if replace_screen:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        return True

    def start_exam(self, questions: int, minutes: float, replace_screen: bool = True) -> None:
        """Draw a new exam to the blueprint, save it at once, and open it."""
        from quizapp.core.sessions.exam import ExamSession, new_exam
        from quizapp.ui.screens.exam import ExamScreen

        if self.store.active_exam is not None:
            self.notify("Finish or abandon the exam in progress first.", severity="warning")
            return
        seen = set(self.store.histories)
        try:
            state = new_exam(self.bank, questions, minutes, self.next_seed(), self.clock, seen)
        except ValueError as exc:
            self.notify(str(exc), severity="error")
            return
        if not self.save(lambda: self.store.save_active_exam(state)):
            return
        screen = ExamScreen(ExamSession(self.bank, state, self.clock))
        if replace_screen:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def resume_exam(self) -> None:
        from quizapp.core.sessions.exam import ExamSession
        from quizapp.ui.screens.exam import ExamScreen

        state = self.store.active_exam
        if state is None:
            self.notify("No exam in progress.", severity="warning")
            return
        state = state.model_copy(deep=True)
        state.paused = False
        self.push_screen(ExamScreen(ExamSession(self.bank, state, self.clock)))

    # -- actions (keys, home menu and command palette) ---------------------

    def action_open_exam(self) -> None:
        """Resume the exam in progress, or set up a new one."""
        from quizapp.ui.screens.exam_setup import ExamSetupScreen

        if self.store.active_exam is not None:
            self.offer_resume()
        else:
            self.push_screen(ExamSetupScreen())

    def action_start_full_exam(self) -> None:
        practice = self.bank.outline.practice_exam
        if self.store.active_exam is not None:
            self.offer_resume()
        else:
            self.start_exam(practice.questions, practice.minutes, replace_screen=False)

    def action_go_home(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_open_drill_setup(self) -> None:
        from quizapp.ui.screens.drill_setup import DrillSetupScreen

        self._wait_until_loaded()  # here, not in the screen's compose: an action may skip
        self.push_screen(DrillSetupScreen())

    def action_review_weak(self) -> None:
        """Due reviews, unfixed misses and unseen questions of the weakest topics."""
        from quizapp.core.sessions.drill import DrillSession, present
        from quizapp.core.sessions.review import build_review_queue
        from quizapp.ui.screens.drill import DrillScreen

        queue = build_review_queue(
            self.bank, self.store.histories, self.store.cards, self.clock(), 20, self.next_seed()
        )
        if not queue:
            self.notify("Nothing to review yet: answer some questions first.", severity="warning")
            return
        session = DrillSession(
            present([item.question for item in queue], self.next_seed()),
            self.clock,
            self.record_answer,
            mode="review",
            reasons=[item.reason for item in queue],
        )
        self.push_screen(DrillScreen(session, "Review weak areas"))

    def action_set_exam_date(self) -> None:
        from quizapp.ui.screens.exam_date import ExamDateModal

        def chosen(value: date | str | None) -> None:
            if value == "cancel":
                return
            self.save(lambda: self.store.set_exam_date(value if isinstance(value, date) else None))
            self.refresh_home()

        self.push_screen(ExamDateModal(self.store.exam_date), chosen)

    def action_review_missed(self) -> None:
        from quizapp.core.sessions.drill import QuestionStatus

        self.start_drill(
            self.bank.outline.topics, QuestionStatus.MISSED, 20, title="Review missed questions"
        )

    def action_drill_flagged(self) -> None:
        from quizapp.core.sessions.drill import QuestionStatus

        self.start_drill(
            self.bank.outline.topics, QuestionStatus.FLAGGED, 50, title="Flagged questions"
        )

    def action_drill_topic(self, code: str) -> None:
        from quizapp.core.sessions.drill import QuestionStatus

        self.start_drill({code}, QuestionStatus.ALL, DEFAULT_TOPIC_DRILL, title=f"Drill {code}")

    def action_open_guide(self, topic: str | None = None) -> None:
        from quizapp.ui.screens.study_guide import StudyGuideScreen

        self._wait_until_loaded()
        self.push_screen(StudyGuideScreen(topic))

    def action_open_stats(self) -> None:
        from quizapp.ui.screens.stats import StatsScreen

        self._wait_until_loaded()
        self.push_screen(StatsScreen())

    def action_show_help(self) -> None:
        from quizapp.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        screen_help = getattr(self.screen, "HELP", None) or ""
        self.push_screen(HelpScreen(screen_help))
