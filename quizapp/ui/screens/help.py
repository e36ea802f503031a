"""Help: the keys of the current screen and of the whole app."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from quizapp.ui.widgets.footer import KeyFooter

GENERAL_HELP = """\
## Everywhere
- **?** or **F1** shows this help; **Esc** closes it.
- **Ctrl+P** opens the command palette: every screen ("drill: ...", "guide: ...",
  "stats: ...") and "Change theme" (your choice is remembered).
- **Ctrl+Q** quits. Every answer is saved the moment you give it.
"""


class HelpScreen(ModalScreen[None]):
    """Shows the HELP text of the screen underneath plus the general keys."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close")]

    def __init__(self, screen_help: str) -> None:
        super().__init__()
        self.screen_help = screen_help

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="modal-body", id="help-body"):
            yield Markdown(f"# Help\n\n{self.screen_help}\n\n{GENERAL_HELP}", id="help-markdown")
        yield KeyFooter()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
