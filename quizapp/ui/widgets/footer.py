"""The key footer, rebuilt once per refresh however many binding changes arrive."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen


class KeyFooter(Footer):
    """Textual's Footer rebuilds all its keys on every binding change; at start-up
    (mount, focus, theme) that is nine rebuilds before the first paint. This one
    coalesces the changes that arrive within a refresh into one rebuild.
    """

    _rebuild_pending = False

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        await self.recompose()
