"""The study-guide browser: every topic's summary, the candidate's record, missed questions."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Label, OptionList, Static, Tree
from textual.widgets.option_list import Option

from quizapp.core.analytics.scores import scores_from_histories
from quizapp.core.sessions.drill import QuestionStatus
from quizapp.core.text import plural, truncate
from quizapp.ui.formatting import percent
from quizapp.ui.screens.question_review import QuestionReviewModal
from quizapp.ui.study import StudyAccess
from quizapp.ui.widgets.footer import KeyFooter
from quizapp.ui.widgets.guide_text import GuideText
from quizapp.ui.widgets.tables import line_width


class StudyGuideScreen(StudyAccess, Screen[None]):
    """Browse topics; read the summary; open a missed question; drill the topic."""

    BINDINGS = [
        Binding("d", "drill_topic", "Drill this topic", id="guide.drill"),
        Binding("escape", "app.pop_screen", "Back", id="guide.back"),
    ]
    HELP = """\
## Study guide
- **↑/↓** and **Enter** in the tree choose a topic; its summary shows on the right.
- Under the summary: your accuracy on the topic and the questions you missed in it
  (select one to read it with its explanation).
- **d** starts a drill on the topic; **Esc** goes back.
"""

    def __init__(self, topic: str | None = None) -> None:
        super().__init__()
        self.topic_code = topic or ""
        self._body_code: str | None = None
        """The topic whose guide the body shows."""

    def compose(self) -> ComposeResult:
        tree: Tree[str] = Tree("CIIP outline", id="guide-tree")
        tree.show_root = False
        for domain in self.study.bank.outline.domains:
            label = Text(f"{domain.code} {domain.name}")  # plain text: a name is never markup
            branch = tree.root.add(label, data=None, expand=True)
            for topic in domain.topics:
                branch.add_leaf(Text(topic.name), data=topic.code)
        yield Header()
        with Horizontal(id="guide-columns"):
            yield tree
            with VerticalScroll(id="guide-body"):
                yield Static(id="guide-record", classes="question-meta")
                yield GuideText(id="guide-markdown", classes="guide-body")
                yield Label("Questions you missed here", classes="section-title")
                yield OptionList(id="guide-missed")
                yield Static(id="guide-no-missed")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Study guide"
        self.topic_code = self.topic_code or next(iter(self.study.bank.outline.topics))
        self._aggregate_history()
        tree = self.query_one("#guide-tree", Tree)
        tree.focus()
        for node in tree.root.children:
            for leaf in node.children:
                if leaf.data == self.topic_code:
                    tree.move_cursor(leaf)
        self.show_topic(self.topic_code)
        self.watch(tree, "cursor_line", self._cursor_moved, init=False)
        guides = self.study.bank.study_guides
        self.query_one("#guide-markdown", GuideText).prepare(g.markdown for g in guides.values())

    def on_screen_resume(self) -> None:
        self._aggregate_history()
        self._body_code = None  # the missed questions may have changed
        self.show_topic(self.topic_code)

    def _aggregate_history(self) -> None:
        """Fold the answer history once; moving through the tree then only looks it up.

        The history changes only in screens pushed from here (a drill), and the
        screen re-aggregates when it is shown again.
        """
        self._histories = self.study.store.histories
        self._scores = scores_from_histories(self.study.summary, self._histories)

    def show_topic(self, code: str) -> None:
        """The topic's line, its guide and its missed questions, on the same move.

        The guide is a GuideText (each guide rendered once per width and kept), not a
        Markdown widget tree (a quarter of a second per guide), so every move paints the
        header and the body together, within one frame.
        """
        self.topic_code = code
        self._show_record(code)
        self._show_body()

    def _show_body(self) -> None:
        bank = self.study.bank
        code = self.topic_code
        if code == self._body_code:
            return
        self._body_code = code
        topic = bank.topic(code)
        guide = bank.study_guides.get(code)
        text = guide.markdown if guide else f"# {topic.name}\n\nNo summary yet."
        self.query_one("#guide-markdown", GuideText).show(text)
        self._show_missed(code)

    def on_resize(self) -> None:
        """A new width: the missed questions are cut again to fit it."""
        self.call_after_refresh(self._refit_missed)

    def _refit_missed(self) -> None:
        if self._body_code is not None:
            self._show_missed(self._body_code)

    def _show_record(self, code: str) -> None:
        bank = self.study.bank
        topic = bank.topic(code)
        score = self._scores.by_topic[code]
        in_bank = len(bank.questions_in_topic(code))
        record = Content(
            f"{bank.topic_heading(code)}  ·  your accuracy {percent(score.accuracy)} "
            f"({score.correct}/{score.answered})  ·  {plural(in_bank, 'question')} in the bank  ·  "
        ) + Content.from_markup("[b]d[/] drill this topic")
        if topic.task:
            task = "\n[dim]Follows the outline's task: $task[/dim]"
            record += Content.from_markup(task, task=topic.task)
        self.query_one("#guide-record", Static).update(record)

    def _show_missed(self, code: str) -> None:
        bank = self.study.bank
        score = self._scores.by_topic[code]
        histories = self._histories
        missed = [
            q for q in bank.questions_in_topic(code) if q.id in histories and histories[q.id].wrong
        ]
        options = self.query_one("#guide-missed", OptionList)
        options.clear_options()
        body = self.query_one("#guide-body").size.width or self.app.size.width * 2 // 3
        width = line_width(options, body - 8)
        options.add_options(Option(Content(truncate(q.stem, width)), id=q.id) for q in missed)
        options.display = bool(missed)
        if missed:
            options.highlighted = 0
        none = self.query_one("#guide-no-missed", Static)
        none.update("None so far." if score.answered else "You have not answered any yet.")
        none.display = not missed
        self.query_one("#guide-body", VerticalScroll).scroll_home(animate=False)

    def _cursor_moved(self, line: int) -> None:
        """Show the topic under the tree's cursor in the same frame as the cursor.

        Watching the cursor (not waiting for the tree's NodeHighlighted message) puts the
        cursor and the body in one paint: a second paint right after the first waits
        for Textual's next frame, 17 to 33 ms later.
        """
        node = self.query_one("#guide-tree", Tree).get_node_at_line(line)
        if node is not None and node.data:
            self.show_topic(node.data)

    @on(OptionList.OptionSelected, "#guide-missed")
    def _open_missed(self, event: OptionList.OptionSelected) -> None:
        question = self.study.bank.questions[str(event.option_id)]
        last = self.study.store.answers_for(question.id)
        chosen = last[-1].choice if last else None
        self.app.push_screen(QuestionReviewModal(question, chosen))

    def action_drill_topic(self) -> None:
        self.study.start_drill({self.topic_code}, QuestionStatus.ALL, 10)
