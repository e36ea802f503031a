"""Choose what to drill: domains or topics, which questions, how many."""

from __future__ import annotations

from rich.segment import Segment
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import (
    Button,
    Header,
    Input,
    Label,
    RadioSet,
    SelectionList,
    Static,
)
from textual.widgets.selection_list import Selection

from quizapp.core.sessions.drill import QuestionStatus, select_questions
from quizapp.core.sessions.topic_picker import (
    ALL,
    chosen_topics,
    domain_value,
    picker_lines,
    toggle,
)
from quizapp.core.text import plural
from quizapp.ui.study import StudyAccess
from quizapp.ui.widgets.footer import KeyFooter
from quizapp.ui.widgets.radio import MarkedRadioButton

DEFAULT_COUNT = 10


class TopicPicker(SelectionList[str]):
    """A SelectionList whose ticked boxes show a tick and unticked ones none: the two
    differ by glyph, not only by colour (themes and colour-blind eyes)."""

    TICKED = "✓"
    UNTICKED = " "

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        index = self.scroll_offset.y + y
        if len(segments) < 2 or not 0 <= index < self.option_count:
            return strip
        ticked = self.get_option_at_index(index).value in self._selected
        _glyph, style, control = segments[1]
        segments[1] = Segment(self.TICKED if ticked else self.UNTICKED, style, control)
        return Strip(segments, strip.cell_length)


class DrillSetupScreen(StudyAccess, Screen[None]):
    """Pick topics (a domain line picks all its topics), a question status and a count."""

    BINDINGS = [
        Binding("ctrl+s", "start", "Start drill", id="setup.start"),
        Binding("escape", "app.pop_screen", "Back", id="setup.back"),
    ]
    HELP = """\
## Topic drill: set up
- **Space** or **Enter** ticks a topic; a domain line ticks all of its topics and
  "All domains" ticks everything.
- Choose which questions (all, unseen, missed before, flagged) and how many.
- **Ctrl+S** or the Start button begins; **Esc** goes back.
"""

    def __init__(self, preselect: set[str] | None = None) -> None:
        super().__init__()
        self.preselect = preselect or set()

    def compose(self) -> ComposeResult:
        bank = self.study.bank
        ticked = picker_lines(self.study.summary, self.preselect)
        selections: list[Selection[str]] = [Selection("All domains", ALL, ALL in ticked)]
        for domain in bank.outline.domains:
            value = domain_value(domain.code)
            selections.append(
                Selection(
                    Content(f"{domain.code}  {domain.name} (all topics)"), value, value in ticked
                )
            )
            for topic in domain.topics:
                count = len(bank.questions_in_topic(topic.code))
                selections.append(
                    Selection(
                        Content(f"   {topic.name} ({count})"),
                        topic.code,
                        topic.code in ticked,
                    )
                )
        yield Header()
        with Horizontal(id="setup-columns"):
            yield TopicPicker(*selections, id="setup-topics")
            options = VerticalScroll(id="setup-options")
            options.can_focus = False  # a focus stop nobody could see
            with options:
                yield Label("Questions", classes="section-title")
                with RadioSet(id="setup-status"):
                    for status in QuestionStatus:
                        yield MarkedRadioButton(
                            status.label, value=status is QuestionStatus.ALL, name=status.value
                        )
                yield Label("How many", classes="section-title")
                yield Input(str(DEFAULT_COUNT), type="integer", id="setup-count")
                yield Static(id="setup-available")
                with Vertical(id="setup-actions"):
                    yield Button("Start drill", id="setup-start", variant="primary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Topic drill"
        self.query_one("#setup-topics").focus()
        self._update_available()

    # -- state read from the widgets ---------------------------------------

    def selected_topics(self) -> set[str]:
        return chosen_topics(self.query_one("#setup-topics", SelectionList).selected)

    @on(SelectionList.SelectionToggled, "#setup-topics")
    def _toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        """Tick or untick everything under the line, and the lines above it that now hold."""
        picker: SelectionList[str] = self.query_one("#setup-topics", SelectionList)
        value = event.selection.value
        before = set(picker.selected) ^ {value}  # the list has already toggled it
        wanted = toggle(self.study.summary, before, value)
        with picker.prevent(SelectionList.SelectedChanged):
            for line in set(picker.selected) - wanted:
                picker.deselect(line)
            for line in wanted - set(picker.selected):
                picker.select(line)
        self._update_available()

    def selected_status(self) -> QuestionStatus:
        pressed = self.query_one("#setup-status", RadioSet).pressed_button
        return QuestionStatus(pressed.name if pressed and pressed.name else "all")

    def selected_count(self) -> int:
        raw = self.query_one("#setup-count", Input).value.strip()
        try:
            return max(1, min(500, int(raw)))
        except ValueError:
            return DEFAULT_COUNT

    def _matching(self) -> int:
        store = self.study.store
        return len(
            select_questions(
                self.study.bank,
                store.histories,
                self.selected_topics(),
                self.selected_status(),
                10_000,
                seed=0,
                flagged=store.flagged,
            )
        )

    def _update_available(self) -> None:
        topics = self.selected_topics()
        label = self.query_one("#setup-available", Static)
        if not topics:
            label.update("Tick at least one topic or domain.")
            return
        matching = self._matching()
        if matching == 0:
            label.update(
                "[$text-warning]No questions match: choose other topics or another "
                "question status.[/]"
            )
        else:
            count = min(matching, self.selected_count())
            verb = "matches" if matching == 1 else "match"
            label.update(f"{plural(matching, 'question')} {verb}; the drill will have {count}.")

    @on(SelectionList.SelectedChanged)
    @on(RadioSet.Changed)
    @on(Input.Changed)
    def _changed(self) -> None:
        self._update_available()

    @on(Button.Pressed, "#setup-start")
    def _start_pressed(self) -> None:
        self.action_start()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        topics = self.selected_topics()
        if not topics:
            self.notify("Tick at least one topic or domain first.", severity="warning")
            return
        self.study.start_drill(
            topics, self.selected_status(), self.selected_count(), replace_screen=True
        )
