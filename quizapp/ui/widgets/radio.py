"""A radio button whose chosen and other states differ by glyph, not only by colour."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import RadioButton


class MarkedRadioButton(RadioButton):
    """``▐●▌`` when chosen, ``▐ ▌`` otherwise (Textual's shows ``●`` in both, coloured)."""

    OTHER = " "

    @property
    def _button(self) -> Content:
        button = super()._button
        if self.value:
            return button
        left, right = self.BUTTON_LEFT, self.BUTTON_RIGHT
        return Content(left + self.OTHER + right, spans=list(button.spans))
