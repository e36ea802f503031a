"""The home screen: the candidate's standing at a glance and the way into each mode."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from quizapp.core.text import truncate
from quizapp.ui.actions import DATA_ACTIONS
from quizapp.ui.formatting import percent, spark_bars
from quizapp.ui.study import StudyAccess
from quizapp.ui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from quizapp.core.analytics.dashboard import Dashboard
    from quizapp.core.progress.exam_records import ExamRecord
    from quizapp.core.progress.store import ProgressStore

# The figures' modules (analytics, tables) are imported by the methods that draw them,
# once the data is open: the home screen's first paint, which shows none of them, does
# not wait for them (about 20 ms).

# (option id, key, title, action): the menu runs the same actions as the keys.
MENU = [
    ("exam", "e", "Practice exam", "app.open_exam"),
    ("drill", "d", "Topic drill", "app.open_drill_setup"),
    ("review", "r", "Review weak areas", "app.review_weak"),
    ("guide", "g", "Study guide", "app.open_guide"),
    ("stats", "s", "Statistics", "app.open_stats"),
]


def width_class(width: int, breakpoints: list[tuple[int, str]]) -> str:
    """The class of the widest breakpoint ``width`` reaches, as Textual applies it."""
    return max((b for b in breakpoints if width >= b[0]), default=breakpoints[0])[1]


class HomeScreen(StudyAccess, Screen[None]):
    """Overall accuracy, the domain table, weakest topics, what waits for review."""

    BINDINGS = [
        Binding("e", "app.open_exam", "Exam", id="home.exam"),
        Binding("d", "app.open_drill_setup", "Drill", id="home.drill"),
        Binding("r", "app.review_weak", "Review", id="home.review"),
        Binding("t", "app.set_exam_date", "Date", id="home.exam-date"),
        Binding("g", "app.open_guide", "Guide", id="home.guide"),
        Binding("s", "app.open_stats", "Stats", id="home.stats"),
        Binding("p", "app.open_past_exams", "Past exams", id="home.past-exams"),
        Binding("q", "app.quit", "Quit", id="home.quit"),
    ]
    HELP = """\
## Home
Your standing: overall accuracy, questions seen, each domain with its weight on the
exam, the weakest topics and what waits for review.

- **e** practice exam (or resume the one in progress), **d** topic drill,
  **r** review weak areas (spaced repetition, misses, weakest topics), **g** study
  guide, **s** statistics, **t** set your exam date, **p** past exams (reopen the
  results and review of any finished exam).
- **Ctrl+P** opens the command palette (also to change the theme), **q** quits.
"""

    # Narrow terminals stack the two columns.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-wide")]
    # The menu takes focus at once: focusing the scrolling body first, then moving
    # focus, would restyle every widget twice before the first paint.
    AUTO_FOCUS = "#home-menu"

    def __init__(self) -> None:
        # Born with the class its width calls for: gaining it on the first resize
        # would restyle every widget before the first paint.
        super().__init__(classes=width_class(self.app.size.width, self.HORIZONTAL_BREAKPOINTS))

    def compose(self) -> ComposeResult:
        # Few widgets on purpose: every widget is styled several times before the first
        # paint, so each section is one Static that carries its own title.
        yield Header()
        with VerticalScroll(id="home-body"):
            yield Static(id="home-standing")
            with Grid(id="home-columns"):
                menu = OptionList(
                    *(
                        Option(f"[b]{key}[/b]  {title}", id=option)
                        for option, key, title, _ in MENU
                    ),
                    id="home-menu",
                )
                menu.border_title = "Study"
                yield menu
                yield Static(id="home-domains")
                yield Static(id="home-weakest")
                yield Static(id="home-exams")
        yield KeyFooter()

    def on_screen_resume(self) -> None:
        """Also sent when the screen is first shown: the one place the numbers are drawn."""
        self.refresh_dashboard()

    def refresh_dashboard(self) -> None:
        """Drawn from the store once it is open; until then the screen says it is loading."""
        if not self.query("#home-exams"):
            return  # not composed yet: drawn when first shown
        if not self.study.loaded:
            self.query_one("#home-standing", Static).update(
                "[b]Opening your question bank and progress…[/b]\n"
                "The keys that need them are dimmed for this moment; a key pressed now "
                "still counts."
            )
            for selector, title in (
                ("#home-domains", "By domain"),
                ("#home-weakest", "Weakest topics"),
                ("#home-exams", "Practice exams"),
            ):
                self._show_section(selector, title, [Content("…")])
            return
        from quizapp.core.analytics.dashboard import dashboard_from_histories

        store = self.study.store
        board = dashboard_from_histories(self.study.summary, store.histories, store.flagged)
        self._standing(board, store)
        self._domains(board)
        self._weakest(board)
        self._exams(store.exam_history)
        menu = self.query_one("#home-menu", OptionList)
        in_progress = store.active_exam is not None
        exam_title = "Resume exam in progress" if in_progress else "Practice exam"
        menu.replace_option_prompt("exam", f"[b]e[/b]  {exam_title}")

    def _exams(self, history: Sequence[ExamRecord]) -> None:
        from quizapp.core.analytics.exam_report import score_trend

        lines: list[Content] = []
        if not history:
            lines.append(
                Content.from_markup(
                    "No practice exam yet: press [b]e[/b] for a timed, blueprint exam."
                )
            )
        for r in history[-5:][::-1]:
            lines.append(
                Content(
                    f"{r.finished_at:%Y-%m-%d}  {r.questions:>3} q  {percent(r.score):>4}"
                    f"  ({r.correct}/{r.questions})"
                )
            )
        scores = score_trend(history)
        if len(scores) > 1:
            change = scores[-1] - scores[0]
            lines.append(
                Content(f"Trend over {len(scores)} exams: {change:+.0f} points  ")
                + Content.styled(spark_bars(scores, low=0, high=100), "$text-accent")
            )
        self._show_section("#home-exams", "Practice exams", lines)

    def _standing(self, board: Dashboard, store: ProgressStore) -> None:
        from quizapp.core.analytics.dashboard import standing_lines
        from quizapp.core.analytics.plan import plan_text, study_plan
        from quizapp.core.analytics.readiness import project
        from quizapp.core.progress.due import due_questions

        now = self.study.clock()
        due_dates = store.due_dates
        due = len(due_questions(due_dates, now))
        projection = project(self.study.summary, (), board.scores)
        plan = study_plan(due_dates, store.exam_date, now.date())
        first, second = standing_lines(board, due, projection, plan_text(plan))
        self.query_one("#home-standing", Static).update(
            Content.styled(first, "bold") + Content("\n" + second)
        )

    def _domains(self, board: Dashboard) -> None:
        """A plain aligned table: one Static is much cheaper to lay out than a DataTable.

        Columns give way (shorter titles, then dropped) so each row stays on one line.
        """
        from quizapp.core.analytics.tables import home_domains
        from quizapp.ui.widgets.tables import table_lines

        self._board = board
        lines = table_lines(home_domains(board), self._section_width("#home-domains"))
        self._show_section("#home-domains", "By domain", lines)

    def _section_width(self, selector: str) -> int:
        """The width a section has: laid out already, or as the columns will give it."""
        width = self.query_one(selector).content_region.width
        if width > 0:
            return width
        screen = self.app.size.width - 4  # the body's padding and scrollbar
        return screen if self.has_class("-narrow") else (screen - 2) * 2 // 3

    def on_resize(self) -> None:
        self.call_after_refresh(self._refit)

    def _refit(self) -> None:
        """A new width: the tables are cut again (nothing is recomputed)."""
        board = getattr(self, "_board", None)
        if board is not None and self.study.loaded:
            self._domains(board)
            self._weakest(board)

    def _weakest(self, board: Dashboard) -> None:
        lines: list[Content] = []
        if not board.weakest:
            lines.append(Content("Answer a few questions and your weakest topics show here."))
        width = self._section_width("#home-weakest")
        for t in board.weakest:
            tail = f": {t.correct}/{t.answered} ({percent(t.correct / t.answered)})"
            name = truncate(t.name, width - len(tail))
            lines.append(Content(name + tail))
        self._show_section("#home-weakest", "Weakest topics", lines)

    def _show_section(self, selector: str, title: str, lines: list[Content]) -> None:
        """One Static per section, its title (styled like `.section-title`) first."""
        heading = Content.styled(title, "bold $text-accent")
        self.query_one(selector, Static).update(Content("\n").join([heading, *lines]))

    @on(OptionList.OptionSelected, "#home-menu")
    async def _menu(self, event: OptionList.OptionSelected) -> None:
        action = next(action for option, _, _, action in MENU if option == event.option_id)
        if not self.study.run_when_loaded(action.removeprefix("app.")):
            await self.run_action(action)

    def on_key(self, event: events.Key) -> None:
        """Before the data is open, a key of a dimmed action is kept, not lost."""
        if self.study.loaded:
            return
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            action = binding.action.removeprefix("app.")
            if action in DATA_ACTIONS:
                self.study.run_when_loaded(action)
                event.stop()
                return
