"""A study guide's Markdown, rendered once per width, drawn only where it is seen.

Moving through the study-guide tree shows a new guide on every key. Rendering a guide
with Rich takes a few milliseconds, and a Static asks for it twice per move (once to
measure its height, once to draw all of it), and again when a guide comes back. Here the
rendered lines of each (guide, width) are kept, the height is their count, and a paint
draws only the lines on the screen (Textual's line API). Guides are also rendered ahead,
one per frame, while the candidate reads.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from rich.markdown import Markdown
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget

PREPARE_EVERY_S = 0.02
"""How often the next guide is rendered ahead: about one guide per frame."""
RenderedLine = tuple[int, tuple[tuple[str, int], ...]]
"""One rendered line: its width in cells and its (text, style number) parts."""
KEEP_WIDTHS = 2
"""Renderings kept per guide: the width now and the one before (a scrollbar that comes and
goes changes it by its own width); a window dragged wider does not pile up renderings."""


class GuideText(Widget):
    """One Markdown text at a time, every rendering of it kept for its width."""

    DEFAULT_CSS = """
    GuideText {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rendered: dict[tuple[str, int], tuple[RenderedLine, ...]] = {}
        self._styles: list[Style | None] = []
        self._style_ids: dict[Style | None, int] = {}
        self._widths: deque[int] = deque()
        """The widths rendered at, oldest first: only the last few are kept (a resize)."""
        self._ahead: list[str] = []
        self._preparing: Timer | None = None
        self.markdown = ""
        """The Markdown text shown."""

    def show(self, markdown: str) -> None:
        """Show ``markdown``; a text shown before at this width is not rendered again."""
        self.markdown = markdown
        self.refresh(layout=True)

    def lines(self, markdown: str, width: int) -> tuple[RenderedLine, ...]:
        """``markdown`` rendered at ``width``: kept, or rendered now and kept.

        Kept as text and style numbers, not Strips or Segments: a Strip carries seven
        caches of its own and a Segment holds a Style, so every guide's lines kept that
        way made each full garbage collection (one every few keys) take up to 60 ms.
        Tuples of strings and numbers are left out of collections. Strips are made only
        for the lines on the screen.
        """
        key = (markdown, width)
        lines = self._rendered.get(key)
        if lines is None:
            self._keep_width(width)
            options = self.app.console_options.update(highlight=False, width=width, height=None)
            segments = self.app.console.render(Markdown(markdown), options)
            lines = tuple(
                (
                    Segment.get_line_length(line),
                    tuple((segment.text, self._style_id(segment.style)) for segment in line),
                )
                for line in Segment.split_and_crop_lines(
                    segments, width, include_new_lines=False, pad=False
                )
            )
            self._rendered[key] = lines
        return lines

    def _style_id(self, style: Style | None) -> int:
        found = self._style_ids.get(style)
        if found is None:
            found = self._style_ids[style] = len(self._styles)
            self._styles.append(style)
        return found

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(self.markdown, width)) if width > 0 else 0

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self.rich_style
        lines = self.lines(self.markdown, width) if width > 0 else ()
        if y >= len(lines):
            return Strip.blank(width, style)
        length, parts = lines[y]
        styles = self._styles
        segments = [Segment(text, style + styles[part]) for text, part in parts]
        return Strip(segments, length).extend_cell_length(width, style)

    def _keep_width(self, width: int) -> None:
        """Renderings at the last ``KEEP_WIDTHS`` widths are kept; older ones are dropped."""
        if width in self._widths:
            return
        self._widths.append(width)
        while len(self._widths) > KEEP_WIDTHS:
            gone = self._widths.popleft()
            for key in [key for key in self._rendered if key[1] == gone]:
                del self._rendered[key]

    def prepare(self, texts: Iterable[str]) -> None:
        """Render ``texts`` at the current width ahead of time, one per frame.

        The candidate reads the first guide for a while; by the time they move, the
        next guides are a lookup. Each step is one guide (a few milliseconds), so a key
        pressed meanwhile waits at most that long. After a resize it starts again.
        """
        self._ahead = list(texts)
        self._prepare_ahead()

    def _prepare_ahead(self) -> None:
        if self._preparing is not None:
            self._preparing.stop()
        pending = deque(self._ahead)

        def render_next() -> None:
            width = self.size.width
            if not pending or not self.is_attached:
                timer.stop()
            elif width:
                self.lines(pending.popleft(), width)

        self._preparing = timer = self.set_interval(PREPARE_EVERY_S, render_next)

    def on_resize(self) -> None:
        if self._ahead:
            self._prepare_ahead()
