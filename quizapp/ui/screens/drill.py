"""Tutor-mode drill: one question at a time, instant feedback and explanation."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from quizapp.core.bank.models import Question
from quizapp.core.sessions.drill import DrillSession
from quizapp.core.text import reflow
from quizapp.ui.formatting import NO_EXPLANATION
from quizapp.ui.screens.guide_modal import StudyGuideModal
from quizapp.ui.study import StudyAccess
from quizapp.ui.widgets.choices import ChoiceList, ChoicePicked, answer_bindings
from quizapp.ui.widgets.footer import KeyFooter


def explanation_content(question: Question) -> Content:
    """The explanation and references as plain text (explanations are prose).

    One Static instead of a Markdown widget tree: revealing it after an answer
    is then a single widget to lay out and paint.
    """
    # A user bank may leave the explanation and the references out.
    parts: list[str | tuple[str, str]] = [
        reflow(question.explanation) or (NO_EXPLANATION, "italic")
    ]
    if question.references:
        references = "\n".join(f"  • {ref}" for ref in question.references)
        parts += ["\n\n", ("References", "bold"), "\n", references]
    return Content.assemble(*parts)


class DrillScreen(StudyAccess, Screen[None]):
    """Answer, see why, read the guide, move on; every answer is saved at once."""

    BINDINGS = [
        *answer_bindings("drill"),
        Binding("n,space", "next", "Next", id="drill.next"),
        Binding("g", "open_guide", "Study guide", id="drill.guide"),
        Binding("f", "toggle_flag", "Flag", id="drill.flag"),
        Binding("s", "confidence('sure')", "Sure", show=False, id="drill.sure"),
        Binding("u", "confidence('unsure')", "Unsure", show=False, id="drill.unsure"),
        Binding("w", "confidence('guess')", "Guessed", show=False, id="drill.guess"),
        Binding(
            "k", "miss_reason('did-not-know')", "Didn't know", show=False, id="drill.did-not-know"
        ),
        Binding("m", "miss_reason('misread')", "Misread", show=False, id="drill.misread"),
        Binding("l", "miss_reason('reasoning')", "Reasoning", show=False, id="drill.reasoning"),
        Binding("t", "miss_reason('ran-out-of-time')", "No time", show=False, id="drill.no-time"),
        Binding("escape", "finish", "End drill", id="drill.end"),
    ]
    HELP = """\
## Topic drill
- **1-5** or **a-e** answer; **↑/↓** and **Enter** work too.
- After answering: the correct choice is marked and the explanation shown.
- **g** opens the topic's study guide in place, **f** flags the question for later,
  **n**, **Space** or **Enter** goes to the next question.
- After answering, say how sure you were: **s** sure, **u** unsure, **w** guessed
  (a lucky guess is scheduled like a miss). After a miss, say why: **k** did not
  know, **m** misread, **l** reasoning, **t** ran out of time.
- **Esc** ends the drill and shows the summary (answers so far are already saved).
"""

    def __init__(self, session: DrillSession, title: str = "Topic drill") -> None:
        super().__init__()
        self.session = session
        self.drill_title = title

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="drill-progress", classes="question-meta")
        with VerticalScroll(id="question-body"):
            yield Static(id="stem", classes="stem")
            yield ChoiceList(id="choices")
            yield Static(id="verdict")
            yield Static(id="explanation")
            yield Static(id="guide-link")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = self.drill_title
        self._show_question()

    # -- rendering -------------------------------------------------------

    def _meta_line(self) -> Content:
        presented = self.session.current
        question = presented.question
        topic = self.study.bank.topic(question.topic)
        flag = "  ⚑ flagged" if question.id in self.study.store.flagged else ""
        dots = "●" * question.difficulty + "○" * (3 - question.difficulty)
        line = Content(
            f"Question {self.session.index + 1} of {len(self.session.questions)}  ·  "
            f"{self.study.bank.topic_heading(topic.code)}  ·  difficulty {dots}{flag}"
        )
        if self.session.reasons:
            reason = self.session.reasons[self.session.index]
            line += Content.from_markup("\n[i]Why this question: $reason[/i]", reason=reason)
        return line

    def _show_question(self) -> None:
        presented = self.session.current
        self.query_one("#drill-progress", Static).update(self._meta_line())
        self.query_one("#stem", Static).update(Content(reflow(presented.question.stem)))
        choices = self.query_one(ChoiceList)
        choices.show_choices(presented.choice_texts)
        choices.focus()
        for selector in ("#verdict", "#explanation", "#guide-link"):
            self.query_one(selector).display = False
        # Prepare the explanation now, hidden, so answering only has to reveal it.
        self.query_one("#explanation", Static).update(explanation_content(presented.question))
        self.query_one("#question-body", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    def _show_feedback(self) -> None:
        result = self.session.results[self.session.index]
        feedback, question = result.feedback, result.presented.question
        explanation = self.query_one("#explanation", Static)
        self.query_one(ChoiceList).show_feedback(
            feedback.chosen_display_index, feedback.correct_display_index
        )
        verdict = self.query_one("#verdict", Static)
        correct_label = f"{feedback.correct_display_index + 1}"
        if feedback.correct:
            verdict.update("[b $text-success]Correct.[/]")
            verdict.set_classes("verdict-right")
        else:
            verdict.update(f"[b $text-error]Incorrect.[/] The answer is choice {correct_label}.")
            verdict.set_classes("verdict-wrong")
        topic = self.study.bank.topic(question.topic)
        link = self.query_one("#guide-link", Static)
        ask = "How sure were you? [b]s[/b] sure  [b]u[/b] unsure  [b]w[/b] guessed"
        if not feedback.correct:
            ask += (
                "\nWhy missed? [b]k[/b] didn't know  [b]m[/b] misread  [b]l[/b] reasoning  "
                "[b]t[/b] ran out of time"
            )
        link.update(
            Content.from_markup(
                f"[@click=screen.open_guide]→ Study guide: $topic[/]  (press [b]g[/b])\n{ask}",
                topic=topic.name,
            )
        )
        for widget in (verdict, explanation, link):
            widget.display = True
        # The footer rebuilds its keys: after the feedback is on screen, not before.
        self.call_after_refresh(self.refresh_bindings)

    # -- actions ---------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        answered = self.session.answered_current
        if action == "answer":
            index = int(str(parameters[0]))
            return not answered and index < len(self.session.current.order)
        if action in {"next", "open_guide", "confidence"}:
            return answered
        if action == "miss_reason":
            return answered and not self.session.results[self.session.index].feedback.correct
        return True

    def action_answer(self, index: int) -> None:
        if self.session.answered_current or index >= len(self.session.current.order):
            return
        self.session.answer(index)
        self._show_feedback()

    @on(ChoicePicked)
    def _picked(self, event: ChoicePicked) -> None:
        if self.session.answered_current:
            self.action_next()
        else:
            self.action_answer(event.index)

    def action_next(self) -> None:
        if not self.session.answered_current:
            return
        if self.session.advance():
            self._show_question()
        else:
            self.action_finish()

    def action_finish(self) -> None:
        from quizapp.ui.screens.summary import DrillSummaryScreen

        summary = self.session.summary()
        if summary.answered == 0:
            self.dismiss()
            return
        self.app.switch_screen(DrillSummaryScreen(summary, self.drill_title))

    def action_open_guide(self) -> None:
        guide = self.study.bank.study_guide_for(self.session.current.question)
        if guide is not None:
            self.app.push_screen(StudyGuideModal(guide))

    def _annotate(self, **note: str) -> None:
        result = self.session.results[self.session.index]
        answer_id = result.answer_id
        if answer_id is None:
            return
        self.study.save(lambda: self.study.store.annotate_answer(answer_id, **note))  # type: ignore[arg-type]
        self.notify(f"Noted: {next(iter(note.values())).replace('-', ' ')}", timeout=2)

    def action_confidence(self, level: str) -> None:
        if self.session.answered_current:
            self._annotate(confidence=level)

    def action_miss_reason(self, reason: str) -> None:
        if self.session.answered_current:
            self._annotate(miss_reason=reason)

    def action_toggle_flag(self) -> None:
        question_id = self.session.current.question.id
        flagged = question_id not in self.study.store.flagged
        self.study.save(lambda: self.study.store.set_flag(question_id, flagged))
        self.query_one("#drill-progress", Static).update(self._meta_line())
        self.notify("Flagged for review" if flagged else "Flag removed", timeout=2)
