"""Start a practice exam: one of the outline's exam profiles or a custom length, and the time."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, RadioButton, RadioSet, Static

from quizapp.core.bank.models import ExamProfile
from quizapp.core.sessions.exam_plan import ExamPlan, plan_exam
from quizapp.ui.study import StudyAccess
from quizapp.ui.widgets.footer import KeyFooter


class ExamSetupScreen(StudyAccess, Screen[None]):
    """Choose the exam's length and time; each length names its source, the time says its basis."""

    BINDINGS = [
        Binding("ctrl+s", "start", "Start exam", id="exam-setup.start"),
        Binding("escape", "app.pop_screen", "Back", id="exam-setup.back"),
    ]
    HELP = """\
## Practice exam: set up
- **Length**: an exam profile from the outline, each with its source (**current: 160
  questions** is ABII's stated length since March 2020; **2018 outline** is the
  150-question form of the 2018 test content outline), or a custom length.
- **Time**: ABII publishes no time limit. The suggested time is our assumption (one
  minute per question); choose **my own time limit** to set the minutes yourself.
- Questions are drawn to the 2018 outline's domain weights, spread over the topics,
  preferring questions you have not seen.
- **Ctrl+S** or the Start button begins; **Esc** goes back.
"""

    def compose(self) -> ComposeResult:
        outline = self.study.bank.outline
        default = outline.profile
        yield Header()
        with VerticalScroll(id="exam-setup-body"):
            yield Label("Length", classes="section-title")
            with RadioSet(id="exam-mode"):
                for profile in outline.profiles:
                    yield RadioButton(
                        profile.name, value=profile is default, name=f"profile:{profile.id}"
                    )
                yield RadioButton("Custom length", name="custom")
            yield Static(id="exam-source", classes="question-meta")
            yield Label("Questions", classes="section-title")
            yield Input(str(default.questions), type="integer", id="exam-questions")
            yield Label("Time limit", classes="section-title")
            with RadioSet(id="exam-time"):
                yield RadioButton(self._assumed_time_label(), value=True, name="assumed")
                yield RadioButton("My own time limit", name="own")
            note = Content.from_markup("[dim]$note[/dim]", note=outline.time_limit.note)
            yield Static(note, id="exam-time-note")
            yield Label("Minutes", classes="section-title")
            yield Input(
                str(outline.minutes_for(default.questions)), type="integer", id="exam-minutes"
            )
            yield Static(id="exam-plan")
            yield Button("Start exam", id="exam-start", variant="primary")
        yield KeyFooter()

    def _assumed_time_label(self) -> str:
        limit = self.study.bank.outline.time_limit
        per = limit.minutes_per_question
        unit = "minute" if per == 1 else "minutes"
        basis = "our assumption" if limit.basis == "assumption" else "published"
        return f"{per:g} {unit} per question ({basis})"

    def on_mount(self) -> None:
        self.sub_title = "Practice exam"
        self.query_one("#exam-mode").focus()
        self._update()

    def _pressed(self, selector: str, default: str) -> str:
        pressed = self.query_one(selector, RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else default

    def _profile(self) -> ExamProfile | None:
        """The chosen exam profile, or None for a custom length."""
        mode = self._pressed("#exam-mode", f"profile:{self.study.bank.outline.default_profile}")
        profile_id = mode.removeprefix("profile:")
        return next((p for p in self.study.bank.outline.profiles if p.id == profile_id), None)

    def plan(self) -> ExamPlan:
        """The exam the form describes: the real draw, and what was brought into range."""
        profile = self._profile()
        own = self._pressed("#exam-time", "assumed") == "own"
        return plan_exam(
            self.study.bank,
            profile.id if profile is not None else None,
            self.query_one("#exam-questions", Input).value,
            self.query_one("#exam-minutes", Input).value if own else None,
            set(self.study.store.histories),
        )

    def _update(self) -> None:
        outline = self.study.bank.outline
        profile = self._profile()
        own_time = self._pressed("#exam-time", "assumed") == "own"
        questions_input = self.query_one("#exam-questions", Input)
        minutes_input = self.query_one("#exam-minutes", Input)
        questions_input.disabled = profile is not None
        minutes_input.disabled = not own_time
        if profile is not None:
            questions_input.value = str(profile.questions)
        if profile is None:
            source = Content.from_markup("[dim]Your own length, drawn to the same blueprint.[/dim]")
        else:
            source = Content.from_markup(
                "[dim]Source: $citation. $note[/dim]",
                citation=outline.source(profile.source).citation,
                note=profile.note,
            )
        self.query_one("#exam-source", Static).update(source)
        plan = self.plan()
        if not own_time:  # a box the form fills in shows the minutes the exam will use
            minutes_input.value = str(plan.minutes)
        basis = "your time limit" if own_time else "time: our assumption"
        text = Content.from_markup(
            "[b]$headline[/b] ($basis)\nDrawn by domain: $split",
            headline=plan.headline,
            basis=basis,
            split=plan.split_text,
        )
        for note in plan.notes:
            text += Content.from_markup("\n[$text-warning]Note: $note.[/]", note=note)
        self.query_one("#exam-plan", Static).update(text)

    @on(RadioSet.Changed)
    @on(Input.Changed)
    def _changed(self) -> None:
        self._update()

    @on(Button.Pressed, "#exam-start")
    @on(Input.Submitted)
    def _start_pressed(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        plan = self.plan()
        self.study.start_exam(plan.questions, plan.minutes)
