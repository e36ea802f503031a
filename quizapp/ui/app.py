"""The quizapp Textual application: owns the bank, the progress store, the clock and seeds.

One start path: the home screen is painted at once and a worker thread opens
the bank and the progress store, then posts ``DataOpened``. Until then the keys
that need them are dimmed (``check_action``) and a key pressed meanwhile is
kept and run once they are open. Nothing on the event loop ever waits for the
worker; after the hand-over the store is used by the UI thread only.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from quizapp.core.clock import Clock, utc_now
from quizapp.core.collector import freeze_long_lived
from quizapp.core.errors import BankError, ProgressError, QuizappError
from quizapp.core.progress.answers import AnswerRecord, Mode
from quizapp.ui.actions import DATA_ACTIONS
from quizapp.ui.commands import QuizCommands
from quizapp.ui.screens.home import HomeScreen

if TYPE_CHECKING:
    from quizapp.core.bank.bank import Bank
    from quizapp.core.bank.summary import BankSummary
    from quizapp.core.progress.store import Fold, ProgressStore
    from quizapp.core.sessions.drill import QuestionStatus


DEFAULT_TOPIC_DRILL = 10


@dataclass(frozen=True)
class StudyData:
    """The bank and the progress store, opened together off the event loop."""

    bank: Bank
    store: ProgressStore


Opener = Callable[[], StudyData]


class DataOpened(Message):
    """Posted by the loading worker: the bank and the store are ready for the UI thread."""

    def __init__(self, data: StudyData) -> None:
        super().__init__()
        self.data = data


class DataFailed(Message):
    """Posted by the loading worker: the bank or the progress file cannot be used."""

    def __init__(self, error: QuizappError) -> None:
        super().__init__()
        self.error = error


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
        opener: Opener,
        clock: Clock = utc_now,
        seed: int | None = None,
        on_ready: Callable[[], None] | None = None,
    ) -> None:
        """``opener`` opens the bank and the store; it runs on a worker thread.

        ``on_ready`` runs once, when the home screen is first painted.
        """
        super().__init__()
        self.clock = clock
        self._seeds = random.Random(seed)
        self._opener = opener
        self._on_ready = on_ready
        self._data: StudyData | None = None
        self._deferred_action: str | None = None
        self._theme_chosen = False
        """The user picked a theme before the store was open: keep it over the saved one."""

    # -- the bank and the store ------------------------------------------------

    @property
    def loaded(self) -> bool:
        """Whether the bank and the store are open."""
        return self._data is not None

    @property
    def bank(self) -> Bank:
        """The validated bank (only reachable through actions enabled once it is open)."""
        if self._data is None:
            raise RuntimeError("the bank is not open yet")
        return self._data.bank

    @property
    def store(self) -> ProgressStore:
        if self._data is None:
            raise RuntimeError("the progress store is not open yet")
        return self._data.store

    @property
    def summary(self) -> BankSummary:
        """The outline and each question's topic: what the statistics need."""
        return self._summary

    def get_default_screen(self) -> HomeScreen:
        """Home is the bottom of the stack (an empty default screen under it costs layouts)."""
        return HomeScreen()

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.call_after_refresh(self._home_painted)

    def _home_painted(self) -> None:
        """The home screen is on screen: only now start opening the data.

        The worker's parsing holds the GIL; started before the first paint it
        would slow the paint down for nothing a person can see sooner.
        """
        self._open_data()
        if self._on_ready is not None:
            self._on_ready()

    @work(thread=True, exclusive=True, group="open-data", exit_on_error=False)
    def _open_data(self) -> None:
        """Open the bank and the store, hand them over, then fold a long journal."""
        try:
            data = self._opener()
        except QuizappError as exc:
            self.post_message(DataFailed(exc))
            return
        fold: Fold | None = data.store.plan_fold() if data.store.fold_due else None
        self.post_message(DataOpened(data))  # from here on the store is the UI thread's
        if fold is not None:
            try:
                fold.run()  # touches only its own copy and the files
            except ProgressError as exc:
                self.call_from_thread(self._fold_failed, exc)

    def _fold_failed(self, error: ProgressError) -> None:
        self.notify(str(error), title="Progress file", severity="warning", timeout=15)

    def on_data_opened(self, message: DataOpened) -> None:
        freeze_long_lived()  # the bank and the history live as long as the app
        self._data = message.data
        self._summary = message.data.bank.summary()
        store = message.data.store
        saved = store.setting("theme")
        if self._theme_chosen:
            self._remember_theme(None)
        elif isinstance(saved, str) and saved in self.available_themes and saved != self.theme:
            self.theme = saved
        self.refresh_bindings()
        if store.notice:
            self.notify(store.notice, title="Progress file", severity="warning", timeout=15)
        if self._deferred_action is not None:
            action, self._deferred_action = self._deferred_action, None
            self.call_later(self._serve_deferred, action)
            return
        self.refresh_home()
        if store.active_exam is not None:
            self.offer_resume(at_startup=True)

    async def _serve_deferred(self, action: str) -> None:
        """A key pressed while the data opened: its screen first, home's figures after it.

        Home is redrawn once that screen is painted, and only if it shows (under a
        dialog); behind a full screen it is redrawn when it comes back.
        """
        await self.run_action(action)
        self.call_after_refresh(self.refresh_home)

    def on_data_failed(self, message: DataFailed) -> None:
        """The bank or the progress file cannot be used: say why and stop."""
        error = message.error
        lines = list(map(str, error.problems)) if isinstance(error, BankError) else []
        if isinstance(error, BankError):
            lines.append(
                f"quizapp: the question bank has {len(error.problems)} problem(s); "
                "fix them (see `quizapp validate`) and start again"
            )
        else:
            lines.append(f"quizapp: {error}")
        # After the next paint: the home screen may still be composing.
        self.call_after_refresh(self.exit, return_code=1, message="\n".join(lines))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that need the bank or the store are dimmed until both are open."""
        if action in DATA_ACTIONS and not self.loaded:
            return None
        return True

    def run_when_loaded(self, action: str) -> bool:
        """Keep an action asked for before the data is open (the last one wins); False if open."""
        if self.loaded:
            return False
        self._deferred_action = action
        return True

    def offer_resume(self, at_startup: bool = False) -> None:
        """Ask whether to resume or abandon the exam left open (last time, or just now)."""
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

        self.push_screen(ResumeExamModal(session, at_startup), chosen)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's commands, the theme one named as the help and README name it."""
        for command in super().get_system_commands(screen):
            if command.title == "Theme":
                command = command._replace(title="Change theme")
            yield command

    def refresh_home(self) -> None:
        """Redraw home's figures if it can be seen: on top, or under dialogs."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, HomeScreen):
                screen.refresh_dashboard()
                return
            if not screen.is_modal:
                return

    def _remember_theme(self, _theme: object) -> None:
        """Save a theme the user picked: one journal line, never a wait."""
        if not self.loaded:
            self._theme_chosen = True
            return
        self._theme_chosen = False
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
        self,
        question_id: str,
        choice: int,
        correct: bool,
        seconds: float,
        mode: Mode,
        shown: int | None = None,
    ) -> AnswerRecord | None:
        """Store an answer now; a failed save is shown and None returned."""
        stored: list[AnswerRecord] = []
        self.save(
            lambda: stored.append(
                self.store.record_answer(question_id, choice, correct, seconds, mode, shown)
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
        if not self.save(lambda: self.store.start_exam(state)):
            return
        screen = ExamScreen(ExamSession(self.bank, state.model_copy(deep=True), self.clock))
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
        outline = self.bank.outline
        questions = outline.profile.questions
        if self.store.active_exam is not None:
            self.offer_resume()
        else:
            self.start_exam(questions, outline.minutes_for(questions), replace_screen=False)

    def action_go_home(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_open_drill_setup(self) -> None:
        from quizapp.ui.screens.drill_setup import DrillSetupScreen

        self.push_screen(DrillSetupScreen())

    def action_review_weak(self) -> None:
        """Due reviews, unfixed misses and unseen questions of the weakest topics."""
        from quizapp.core.sessions.drill import DrillSession, present
        from quizapp.core.sessions.review import build_review_queue
        from quizapp.ui.screens.review import ReviewScreen

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
        self.push_screen(ReviewScreen(session, "Review weak areas"))

    def action_set_exam_date(self) -> None:
        from quizapp.ui.screens.exam_date import ExamDateModal

        def chosen(value: date | str | None) -> None:
            if value == "cancel":
                return
            self.save(lambda: self.store.set_exam_date(value if isinstance(value, date) else None))
            self.refresh_home()

        self.push_screen(ExamDateModal(self.store.exam_date, self.clock().date()), chosen)

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

        self.start_drill(
            {code},
            QuestionStatus.ALL,
            DEFAULT_TOPIC_DRILL,
            title=f"Drill: {self.bank.topic(code).name}",
        )

    def action_open_guide(self, topic: str | None = None) -> None:
        from quizapp.ui.screens.study_guide import StudyGuideScreen

        self.push_screen(StudyGuideScreen(topic))

    def action_open_stats(self) -> None:
        from quizapp.ui.screens.stats import StatsScreen

        self.push_screen(StatsScreen())

    def action_open_past_exams(self) -> None:
        """The exam history in the statistics: Enter reopens an exam's results."""
        from quizapp.ui.screens.stats import StatsScreen

        if not self.store.exam_history:
            self.notify("No finished exam yet: press e for a practice exam.", timeout=4)
            return
        self.push_screen(StatsScreen(tab="exams"))

    def action_show_help(self) -> None:
        from quizapp.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        screen_help = getattr(self.screen, "HELP", None) or ""
        self.push_screen(HelpScreen(screen_help))
