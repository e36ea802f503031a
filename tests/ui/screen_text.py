"""Read what a terminal shows: the screen's lines as plain text (for Pilot tests)."""

from __future__ import annotations

from typing import Any


def screen_lines(app: Any) -> list[str]:
    """Every line of the active screen (modals drawn over what is under them)."""
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip).rstrip() for strip in strips]


def screen_text(app: Any) -> str:
    return "\n".join(screen_lines(app))
