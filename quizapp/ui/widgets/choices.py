"""The list of answer choices, numbered, with right/wrong marks once answered."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

LETTERS = "ABCDE"


def answer_bindings(area: str) -> list[Binding]:
    """Keys 1-5 and a-e call ``answer(i)`` on the screen; hidden from the footer."""
    return [
        Binding(
            f"{n},{letter.lower()}",
            f"answer({n - 1})",
            f"Answer {n}",
            show=False,
            id=f"{area}.answer-{n}",
        )
        for n, letter in zip(range(1, 6), LETTERS, strict=True)
    ]


@dataclass
class ChoicePicked(Message):
    """The candidate chose the choice at ``index`` (display order)."""

    index: int


class ChoiceList(OptionList):
    """Choices labelled 1-5 / A-E; arrows + enter pick one."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._texts: list[str] = []
        self._struck: set[int] = set()

    def show_choices(self, texts: list[str]) -> None:
        """Show fresh, unanswered choices."""
        self._texts = texts
        self._struck = set()
        self.clear_options()
        self.add_options(
            Option(self._label(i, text), id=f"choice-{i}") for i, text in enumerate(texts)
        )
        self.highlighted = 0

    def show_feedback(self, chosen: int, correct: int) -> None:
        """Mark the correct choice and, if different, the wrong one that was chosen."""
        self.clear_options()
        for i, text in enumerate(self._texts):
            if i == correct:
                mark = "[$text-success]✔ correct[/]"
            elif i == chosen:
                mark = "[$text-error]✘ your answer[/]"
            else:
                mark = ""
            label = self._label(i, text)
            if mark:
                label = label + Content.from_markup("  " + mark)
            self.add_option(Option(label, id=f"choice-{i}"))
        self.highlighted = correct

    def show_exam_state(self, texts: list[str], chosen: int | None, struck: set[int]) -> None:
        """Exam mode: mark the chosen answer and strike out eliminated choices."""
        highlighted = self.highlighted
        self._texts = texts
        self.clear_options()
        for i, text in enumerate(texts):
            label = self._label(i, text)
            if i in struck:
                label = label.stylize("strike dim")
            if i == chosen:
                label = Content.from_markup("[b $text-accent]● [/]") + label.stylize("bold")
            else:
                label = Content("  ") + label
            self.add_option(Option(label, id=f"choice-{i}"))
        self.highlighted = highlighted if highlighted is not None else 0

    def _label(self, index: int, text: str) -> Content:
        prefix = f"{index + 1}  {LETTERS[index]}.  "
        return Content(prefix + text)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(ChoicePicked(event.option_index))
