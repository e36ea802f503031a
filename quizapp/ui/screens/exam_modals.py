"""Small dialogs of the practice exam: submit, pause, resume and the review grid."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Static

from quizapp.core.sessions.exam import ExamSession, GridFilter, typed_position
from quizapp.core.text import grid_columns, plural
from quizapp.ui.formatting import clock_text
from quizapp.ui.widgets.footer import KeyFooter

GRID_COLUMNS = 10
GRID_CELL_WIDTH = 8
"""A grid cell: six characters (" 12 ✓⚑") and the table's padding of one each side."""
GRID_SCROLLBAR = 2


class ConfirmSubmit(ModalScreen[bool]):
    """Ask before ending the exam, saying what is still open."""

    BINDINGS = [
        Binding("y", "answer(True)", "Submit", id="submit.yes"),
        Binding("n,escape", "answer(False)", "Keep going", id="submit.no"),
    ]

    def __init__(self, unanswered: int, flagged: int) -> None:
        super().__init__()
        self.unanswered = unanswered
        self.flagged = flagged

    def compose(self) -> ComposeResult:
        open_items = []
        if self.unanswered:
            open_items.append(
                f"{self.unanswered} unanswered (wrong in the score, not in your topic accuracy)"
            )
        if self.flagged:
            open_items.append(f"{self.flagged} flagged for review")
        detail = "; ".join(open_items) if open_items else "Every question is answered."
        with Vertical(classes="dialog", id="submit-dialog"):
            yield Static("[b]Submit the exam?[/b]", classes="dialog-title")
            yield Static(detail, id="submit-detail")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Submit (y)", id="submit-yes", variant="error")
                yield Button("Keep going (n)", id="submit-no", variant="primary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#submit-no").focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "submit-yes")

    def action_answer(self, submit: bool) -> None:
        self.dismiss(submit)


class PauseModal(ModalScreen[None]):
    """Hides the question while the exam clock is stopped."""

    BINDINGS = [Binding("space,escape,enter", "resume", "Resume", id="pause.resume")]

    def __init__(self, remaining: float) -> None:
        super().__init__()
        self.remaining = remaining

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="pause-dialog"):
            yield Static("[b]Paused[/b]", classes="dialog-title")
            yield Static(
                f"The clock is stopped at {clock_text(self.remaining)} remaining.\n"
                "The real exam cannot be paused: practise without pauses when you can.\n\n"
                "Press Space to resume."
            )
        yield KeyFooter()

    def action_resume(self) -> None:
        self.dismiss()


class ResumeExamModal(ModalScreen[str]):
    """Offered when an exam was left open: resume, abandon (after a confirmation), or later.

    Abandoning is on Delete, a key that means nothing inside the exam (where
    letters answer and ``x`` strikes out a choice), and is confirmed first.
    """

    BINDINGS = [
        Binding("r,enter", "choose('resume')", "Resume", id="resume.resume"),
        Binding("delete", "abandon", "Abandon…", id="resume.abandon"),
        Binding("escape", "choose('later')", "Later", id="resume.later"),
    ]

    def __init__(self, session: ExamSession, at_startup: bool = True) -> None:
        super().__init__()
        self.session = session
        self.at_startup = at_startup

    def compose(self) -> ComposeResult:
        session = self.session
        answered = session.count - session.unanswered
        stopped = "when quizapp closed" if self.at_startup else "when you left the exam"
        with Vertical(classes="dialog", id="resume-dialog"):
            yield Static("[b]You have an exam in progress[/b]", classes="dialog-title")
            yield Static(
                f"Question {session.position + 1} of {session.count}, {answered} answered, "
                f"{session.flagged_count} flagged, {clock_text(session.remaining)} left.\n"
                f"The clock stopped {stopped} and starts again when you resume."
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Resume (r)", id="resume", variant="primary")
                yield Button("Abandon… (Del)", id="abandon", variant="error")
                yield Button("Later (esc)", id="later")
        yield KeyFooter()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "abandon":
            self.action_abandon()
        else:
            self.dismiss(str(event.button.id))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

    def action_abandon(self) -> None:
        def confirmed(abandon: bool | None) -> None:
            if abandon:
                self.dismiss("abandon")

        answered = self.session.count - self.session.unanswered
        self.app.push_screen(ConfirmAbandon(answered), confirmed)


class ConfirmAbandon(ModalScreen[bool]):
    """Ask before throwing an exam away: its answers are not recorded."""

    BINDINGS = [
        Binding("y", "answer(True)", "Abandon", id="abandon.yes"),
        Binding("n,escape", "answer(False)", "Keep it", id="abandon.no"),
    ]

    def __init__(self, answered: int) -> None:
        super().__init__()
        self.answered = answered

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="abandon-dialog"):
            yield Static("[b]Abandon the exam?[/b]", classes="dialog-title")
            yield Static(
                f"Its {plural(self.answered, 'answer')} will not be recorded and it will not "
                "count in your exam history. This cannot be undone.",
                id="abandon-detail",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Abandon (y)", id="abandon-yes", variant="error")
                yield Button("Keep it (n)", id="abandon-no", variant="primary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#abandon-no").focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "abandon-yes")

    def action_answer(self, abandon: bool) -> None:
        self.dismiss(abandon)


class ReviewGridModal(ModalScreen[int | None]):
    """Every question as a cell: answered, unanswered, flagged; filter and jump.

    As many columns as the dialog's width holds (ten at most), so every
    question is reachable down to a 40x12 terminal; the grid scrolls down.
    Typing a question's number moves the cursor to it; Enter jumps there.
    """

    BINDINGS = [
        Binding("a", "filter('all')", "All", id="grid.all"),
        Binding("u", "filter('unanswered')", "Unanswered", id="grid.unanswered"),
        Binding("f", "filter('flagged')", "Flagged", id="grid.flagged"),
        Binding("d", "filter('answered')", "Answered", id="grid.answered"),
        Binding("escape,v", "close", "Back", id="grid.back"),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-wide")]
    HELP = """\
## Review grid
- **↑/↓/←/→** move, **Enter** jumps to the question.
- Type a question's number (**1**, **2**...) to move to it, then **Enter**.
- **a** all, **u** unanswered, **f** flagged, **d** answered; **Esc** or **v** goes back.
"""

    def __init__(self, session: ExamSession) -> None:
        super().__init__()
        self.session = session
        self.which = GridFilter.ALL
        self.columns = GRID_COLUMNS
        self.typed = ""
        self._positions: dict[tuple[int, int], int] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="grid-dialog"):
            yield Static(id="grid-legend")
            yield DataTable(id="grid-table", cursor_type="cell", show_header=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self._fill()
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """Refill with as many columns as the dialog's width holds."""
        width = self.query_one("#grid-dialog").scrollable_content_region.width
        columns = grid_columns(width - GRID_SCROLLBAR, GRID_CELL_WIDTH, GRID_COLUMNS)
        if columns != self.columns:
            self.columns = columns
            self._fill()

    def cell_positions(self) -> dict[tuple[int, int], int]:
        """(row, column) of each cell shown -> the question's position in the exam."""
        return dict(self._positions)

    def _fill(self) -> None:
        session = self.session
        columns = self.columns
        table = self.query_one("#grid-table", DataTable)
        table.clear(columns=True)
        for column in range(columns):
            table.add_column(str(column), width=GRID_CELL_WIDTH - 2)
        cells = session.grid(self.which)
        self._positions = {}
        row: list[Content] = []
        cursor = (0, 0)
        for index, cell in enumerate(cells):
            mark = "✓" if cell.answered else "·"
            flag = "⚑" if cell.flagged else " "
            style = "$text-success" if cell.answered else "$text-warning"
            text = Content.from_markup(f"[{style}]{cell.position + 1:>3} {mark}{flag}[/]")
            if cell.current:
                text = text.stylize("reverse")
                cursor = divmod(index, columns)
            row.append(text)
            self._positions[divmod(index, columns)] = cell.position
            if len(row) == columns:
                table.add_row(*row)
                row = []
        if row:
            table.add_row(*row, *([""] * (columns - len(row))))
        table.cursor_coordinate = table.cursor_coordinate._replace(row=cursor[0], column=cursor[1])
        self._legend()
        table.focus()

    def _legend(self, note: str = "") -> None:
        session = self.session
        answered = session.count - session.unanswered
        shown = len(self._positions)
        hint = note or "Enter jumps; type a number to find it; a / u / f / d filter."
        self.query_one("#grid-legend", Static).update(
            f"[b]Review[/b] ({self.which.value}: {shown})   ✓ answered {answered}   "
            f"· unanswered {session.unanswered}   ⚑ flagged {session.flagged_count}\n{hint}"
        )

    def on_key(self, event: events.Key) -> None:
        """Digits type a question number; the cursor moves to it as it is typed."""
        if event.key == "backspace" and self.typed:
            self.typed = self.typed[:-1]
        elif event.character is not None and event.character.isdigit():
            self.typed = (self.typed + event.character)[-len(str(self.session.count)) :]
        else:
            return
        event.stop()
        position = typed_position(self.typed, self.session.count)
        cell = next((c for c, p in self._positions.items() if p == position), None)
        if not self.typed:
            self._legend()
        elif cell is None:
            self._legend(f"Question {self.typed}: not in this view (a shows all).")
        else:
            table = self.query_one("#grid-table", DataTable)
            table.cursor_coordinate = table.cursor_coordinate._replace(row=cell[0], column=cell[1])
            self._legend(f"Question {self.typed}: Enter jumps to it.")

    def action_filter(self, which: str) -> None:
        self.which = GridFilter(which)
        self.typed = ""
        self._fill()

    def action_close(self) -> None:
        self.dismiss(None)

    @on(DataTable.CellSelected)
    def _selected(self, event: DataTable.CellSelected) -> None:
        coordinate = (event.coordinate.row, event.coordinate.column)
        if coordinate in self._positions:
            self.dismiss(self._positions[coordinate])
