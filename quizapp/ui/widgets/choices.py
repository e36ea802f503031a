"""The list of answer choices, numbered, with right/wrong marks once answered."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from quizapp.core.text import hanging_wrap

LETTERS = "ABCDE"
OPTION_PADDING = 2
"""An option's padding, one cell each side."""
FALLBACK_WIDTH = 76


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
    """Choices labelled 1-5 / A-E; arrows + enter pick one.

    A choice too long for one line wraps under its text, not under its number
    (a hanging indent); the choices are wrapped again when the width changes.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._texts: list[str] = []
        self._struck: set[int] = set()
        self._draw: Callable[[], None] | None = None
        self._drawn_width = 0

    def on_resize(self) -> None:
        if self._draw is not None and self._text_width() != self._drawn_width:
            self._draw()

    def _text_width(self) -> int:
        width = self.scrollable_content_region.width - OPTION_PADDING
        return width if width > 10 else FALLBACK_WIDTH

    def show_choices(self, texts: list[str]) -> None:
        """Show fresh, unanswered choices."""
        self._texts = texts
        self._struck = set()

        def draw() -> None:
            width = self._start_drawing()
            self.add_options(
                Option(self._label(i, text, width), id=f"choice-{i}")
                for i, text in enumerate(texts)
            )

        self._draw = draw
        draw()
        self.highlighted = 0

    def show_feedback(self, chosen: int, correct: int) -> None:
        """Mark the correct choice and, if different, the wrong one that was chosen."""

        def draw() -> None:
            width = self._start_drawing()
            for i, text in enumerate(self._texts):
                if i == correct:
                    mark = Content.from_markup("  [$text-success]✔ correct[/]")
                elif i == chosen:
                    mark = Content.from_markup("  [$text-error]✘ your answer[/]")
                else:
                    mark = Content("")
                # the mark wraps with the text, so it never runs past the edge
                label = self._label(i, text, width - mark.cell_length)
                self.add_option(Option(label + mark, id=f"choice-{i}"))

        self._draw = draw
        draw()
        self.highlighted = correct

    def show_exam_state(self, texts: list[str], chosen: int | None, struck: set[int]) -> None:
        """Exam mode: mark the chosen answer and strike out eliminated choices."""
        self._texts = texts

        def draw() -> None:
            highlighted = self.highlighted
            width = self._start_drawing() - 2
            for i, text in enumerate(texts):
                label = self._label(i, text, width, indent="  ")
                if i in struck:
                    label = label.stylize("strike dim")
                if i == chosen:
                    label = Content.from_markup("[b $text-accent]● [/]") + label.stylize("bold")
                else:
                    label = Content("  ") + label
                self.add_option(Option(label, id=f"choice-{i}"))
            self.highlighted = highlighted if highlighted is not None else 0

        self._draw = draw
        draw()

    def _start_drawing(self) -> int:
        self.clear_options()
        self._drawn_width = self._text_width()
        return self._drawn_width

    def _label(self, index: int, text: str, width: int, indent: str = "") -> Content:
        """``1  A.  text``, wrapped with later lines under the text (``indent`` added to
        them when the caller puts something before the first line)."""
        lines = hanging_wrap(f"{index + 1}  {LETTERS[index]}.  ", text, width)
        return Content("\n".join([lines[0], *(indent + line for line in lines[1:])]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(ChoicePicked(event.option_index))
