"""The quizapp Textual application."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from quizapp.core.bank import Bank
from quizapp.core.progress import ProgressStore
from quizapp.ui.screens.home import HomeScreen


class QuizApp(App[None]):
    """Practise for the CIIP exam: home, drills, exams, review."""

    TITLE = "quizapp"
    SUB_TITLE = "CIIP practice"
    CSS_PATH = Path(__file__).parent / "quizapp.tcss"

    def __init__(self, bank: Bank, store: ProgressStore) -> None:
        super().__init__()
        self.bank = bank
        self.store = store

    def on_mount(self) -> None:
        theme = self.store.setting("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        if self.store.notice:
            self.notify(self.store.notice, title="Progress file", severity="warning", timeout=15)
        self.push_screen(HomeScreen())
