"""The key footer: the screen's keys on one line, drawn by one widget."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from quizapp.core.text import fit_count

if TYPE_CHECKING:
    from textual.binding import ActiveBinding
    from textual.screen import Screen


@dataclass(frozen=True, slots=True)
class FooterEntry:
    """One key as the footer shows it."""

    key: str
    display: str
    description: str
    enabled: bool


def footer_entries(
    bindings: Iterable[ActiveBinding],
    key_display: Callable[[Binding], str],
    palette_key: str,
) -> tuple[list[FooterEntry], FooterEntry | None]:
    """The keys to show, one per action (the first binding wins), and the palette key apart."""
    entries: dict[str, FooterEntry] = {}
    palette: FooterEntry | None = None
    for _node, binding, enabled, _tooltip in bindings:
        entry = FooterEntry(binding.key, key_display(binding), binding.description, enabled)
        if binding.key == palette_key:
            palette = entry
        elif binding.show and binding.action not in entries:
            entries[binding.action] = entry
    return list(entries.values()), palette


class KeyFooter(Widget, can_focus=False):
    """Textual's Footer mounts a widget per key and rebuilds them all on every binding
    change: on the home screen that was some 40 widgets styled before the first paint.
    This draws the same keys as one line of Content; each key is a click action.
    """

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        link-style: none;
        link-background: $footer-background;
        link-color: $footer-foreground;
        link-style-hover: none;
        link-background-hover: $block-hover-background;
        link-color-hover: $footer-key-foreground;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if screen is self.screen:
            self.refresh()

    @property
    def entries(self) -> tuple[list[FooterEntry], FooterEntry | None]:
        """What the footer shows now: the keys, then the command palette key."""
        app = self.app
        palette_key = app.COMMAND_PALETTE_BINDING if app.ENABLE_COMMAND_PALETTE else ""
        return footer_entries(
            self.screen.active_bindings.values(), app.get_key_display, palette_key
        )

    def render(self) -> Content:
        """The keys that fit, whole; when some do not, a last "? more" says where they are."""
        keys, palette = self.entries
        right = Content.assemble("▕", _key_content(palette)) if palette is not None else Content()
        room = self.size.width - right.cell_length
        parts = [_key_content(entry) for entry in keys]
        more = _key_content(FooterEntry("question_mark", "?", "more", True))
        shown = fit_count([p.cell_length for p in parts], room, more.cell_length)
        if shown < len(parts):
            parts = [*parts[:shown], more]
        line = Content.assemble(*parts)
        if line.cell_length > room:  # a terminal too narrow even for the first key
            line = line.truncate(max(room, 0))
        return Content.assemble(line, " " * max(0, room - line.cell_length), right)


def _key_content(entry: FooterEntry) -> Content:
    """`key description`, in the footer's key colours; a click presses the key."""
    action = f"app.simulate_key({entry.key!r})" if entry.enabled else "app.bell"
    content = Content.assemble(
        (f" {entry.display} ", "bold $footer-key-foreground on $footer-key-background"),
        (
            f"{entry.description} ",
            "$footer-description-foreground on $footer-description-background",
        ),
    )
    if not entry.enabled:
        content = content.stylize("dim")
    return content.stylize(Style.from_meta({"@click": action}))
