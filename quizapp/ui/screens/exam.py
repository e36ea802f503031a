"""The timed practice exam: countdown, answer, flag, strike out, review grid, submit."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from quizapp.core.sessions.exam import ExamSession
from quizapp.core.text import reflow
from quizapp.ui.formatting import clock_text
from quizapp.ui.screens.exam_modals import ConfirmSubmit, PauseModal, ReviewGridModal
from quizapp.ui.study import StudyAccess
from quizapp.ui.widgets.choices import ChoiceList, ChoicePicked, answer_bindings
from quizapp.ui.widgets.footer import KeyFooter

SAVE_CLOCK_EVERY = 15  # seconds: bounds the exam time lost if the process is killed


class ExamScreen(StudyAccess, Screen[None]):
    """One question at a time against the clock; no explanations until the end."""

    BINDINGS = [
        *answer_bindings("exam"),
        Binding("right,n", "next", "Next", id="exam.next"),
        Binding("left,p", "previous", "Prev", id="exam.previous"),
        Binding("f", "toggle_flag", "Flag", id="exam.flag"),
        Binding("x", "strike", "Strike", id="exam.strike"),
        Binding("v", "review_grid", "Grid", id="exam.grid"),
        # Submit before Pause and Leave: on a narrow footer it is the key to keep.
        Binding("s", "submit", "Submit", id="exam.submit"),
        Binding("space", "pause", "Pause", id="exam.pause"),
        Binding("escape", "leave", "Leave", id="exam.leave"),
    ]
    HELP = """\
## Practice exam
- **1-5** / **a-e** choose an answer (choose again to change it); **↑/↓ Enter** too.
- **x** then a letter (**a-e**) or number strikes out that choice; **x x** strikes
  out the highlighted one (the same again restores it); **Esc** cancels.
- **f** flags the question for review; **v** opens the review grid (jump to any
  question, filter unanswered / flagged).
- **→ / n** next, **← / p** previous, **Space** pauses (the real exam cannot).
- **s** submits (you are asked to confirm); at 0:00 the exam is submitted for you.
- **Esc** leaves the exam: it is saved and offered again when you come back.
"""

    def __init__(self, session: ExamSession) -> None:
        super().__init__()
        self._stem_shown: str | None = None
        """The stem on screen: a plain Static, laid out once per question."""
        self.session = session
        self._ticker: Timer | None = None
        self._since_save = 0
        self._submitting = False
        self.striking = False
        """``x`` was pressed: the next choice key strikes out instead of answering."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="exam-bar"):
            yield Static(id="exam-position")
            yield Static(id="exam-clock")
        with VerticalScroll(id="exam-body"):
            yield Static(id="exam-stem", classes="stem")
            yield ChoiceList(id="exam-choices")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.session.resume()
        self._show()
        self._tick()
        self._ticker = self.set_interval(1, self._tick)

    def on_unmount(self) -> None:
        if self._ticker is not None:
            self._ticker.stop()

    # -- saving and the clock --------------------------------------------------

    def _save(self, event: str) -> None:
        """Record one exam event: a journal line holding only what changed."""
        state = self.session.checkpoint()
        self.study.save(lambda: self.study.store.exam_event(event, state))
        self._since_save = 0

    def _tick(self) -> None:
        session = self.session
        clock = self.query_one("#exam-clock", Static)
        if session.paused:
            clock.update(f"[b $text-warning]PAUSED[/]  {clock_text(session.remaining)}")
            return
        remaining = session.remaining
        style = "$text-error" if remaining <= 300 else "$text"
        clock.update(f"[b {style}]⏱ {clock_text(remaining)}[/]")
        for minutes in session.due_warnings():
            self.notify(
                f"{minutes} minutes remaining.", title="Time", severity="warning", timeout=8
            )
            self._save("clock")
        if session.expired:
            self._finish(auto=True)
            return
        self._since_save += 1
        if self._since_save >= SAVE_CLOCK_EVERY:
            self._save("clock")

    # -- rendering -------------------------------------------------------------

    def _show(self, scroll_home: bool = True) -> None:
        session = self.session
        presented = session.presented()
        flag = "  [b $text-warning]⚑ flagged[/]" if session.is_flagged() else ""
        answered = session.count - session.unanswered
        strike = (
            "  ·  [b $text-warning]strike out which? a-e (x: highlighted, esc: cancel)[/]"
            if self.striking
            else ""
        )
        self.query_one("#exam-position", Static).update(
            f"Question {session.position + 1} of {session.count}  ·  {answered} answered"
            f"{flag}{strike}"
        )
        stem = reflow(presented.question.stem)
        if stem != self._stem_shown:  # an answer, flag or strike leaves the stem as it is
            self.query_one("#exam-stem", Static).update(Content(stem))
            self._stem_shown = stem
        choices = self.query_one(ChoiceList)
        if scroll_home:
            choices.highlighted = None
        choices.show_exam_state(presented.choice_texts, session.chosen(), session.struck())
        choices.focus()
        if scroll_home:
            self.query_one("#exam-body", VerticalScroll).scroll_home(animate=False)

    # -- actions ---------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer":
            return int(str(parameters[0])) < len(self.session.presented().order)
        if action == "previous":
            return self.session.position > 0
        if action == "next":
            return self.session.position < self.session.count - 1
        return True

    def action_answer(self, index: int) -> None:
        if index >= len(self.session.presented().order):
            return
        if self.striking:
            self._strike(index)
            return
        event = "answer" if self.session.chosen() is None else "change"
        self.session.answer(index)
        self._save(event)
        self._show(scroll_home=False)

    @on(ChoicePicked)
    def _picked(self, event: ChoicePicked) -> None:
        self.action_answer(event.index)

    def _move(self, moved: bool) -> None:
        self.striking = False
        if moved:
            self._save("move")
            self._show()
            self.refresh_bindings()

    def action_next(self) -> None:
        self._move(self.session.next())

    def action_previous(self) -> None:
        self._move(self.session.previous())

    def action_toggle_flag(self) -> None:
        self.session.toggle_flag()
        self._save("flag")
        self._show(scroll_home=False)

    def action_strike(self) -> None:
        """``x`` then a choice's letter strikes it out; ``x x`` the highlighted one."""
        if not self.striking:
            self.striking = True
            self._show(scroll_home=False)
            return
        highlighted = self.query_one(ChoiceList).highlighted
        if highlighted is None:
            self.striking = False
            self._show(scroll_home=False)
            return
        self._strike(highlighted)

    def _strike(self, index: int) -> None:
        self.striking = False
        self.session.toggle_strike(index)
        self._save("strike")
        self._show(scroll_home=False)

    def action_review_grid(self) -> None:
        def jump(position: int | None) -> None:
            if position is not None:
                self.session.goto(position)
                self._move(True)

        self.app.push_screen(ReviewGridModal(self.session), jump)

    def action_pause(self) -> None:
        self.session.pause()
        self._save("pause")
        self._tick()

        def resumed(_: None) -> None:
            self.session.resume()
            self._save("resume")
            self._tick()

        self.app.push_screen(PauseModal(self.session.remaining), resumed)

    def action_submit(self) -> None:
        def confirmed(submit: bool | None) -> None:
            if submit:
                self._finish(auto=False)

        self.app.push_screen(
            ConfirmSubmit(self.session.unanswered, self.session.flagged_count), confirmed
        )

    def action_leave(self) -> None:
        if self.striking:  # Esc after x cancels the strike-out
            self.striking = False
            self._show(scroll_home=False)
            return
        self._save("leave")  # the clock stops here: time away from the exam never counts
        self.notify("Exam saved: resume it from the home screen.", timeout=4)
        self.dismiss()

    def _finish(self, auto: bool) -> None:
        if self._submitting:
            return
        self._submitting = True
        if self._ticker is not None:
            self._ticker.stop()
        record = self.session.score(auto_submitted=auto)
        seconds_on = dict(self.session.state.seconds_on)
        saved = self.study.save(lambda: self.study.store.finish_exam(record, seconds_on))
        if auto:
            self.notify("Time is up: the exam was submitted.", title="Time", timeout=8)
        if not saved:
            self._submitting = False
            return
        from quizapp.ui.screens.exam_results import ExamResultsScreen

        while isinstance(self.app.screen, (ConfirmSubmit, PauseModal, ReviewGridModal)):
            self.app.pop_screen()
        self.app.switch_screen(ExamResultsScreen(record))
