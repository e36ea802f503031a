"""Review weak areas: the drill screen, named for what it is (its keys say "review")."""

from __future__ import annotations

from textual.binding import Binding

from quizapp.ui.screens.drill import DrillScreen


class ReviewScreen(DrillScreen):
    """Due reviews, unfixed misses and weak-topic questions, each with why it was chosen."""

    BINDINGS = [Binding("escape", "finish_review", "End review", id="review.end")]
    HELP = DrillScreen.HELP.replace("## Topic drill", "## Review weak areas").replace(
        "**Esc** ends the drill", "**Esc** ends the review"
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "finish":  # the drill's own Esc: this screen's "End review" instead
            return False
        return super().check_action(action, parameters)

    def action_finish_review(self) -> None:
        self.action_finish()
