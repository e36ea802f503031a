"""Command-palette entries, prefixed by area ("drill: ...", "guide: ...")."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

if TYPE_CHECKING:
    from quizapp.ui.app import QuizApp


def highlighted(matcher: Matcher, name: str) -> Content:
    """``name`` as plain text (a topic name is never markup), its matched letters marked."""
    content = Content(name)
    score, offsets = matcher.fuzzy_search.match(matcher.query, name)
    if score:
        for offset in offsets:
            if not name[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class QuizCommands(Provider):
    """Every screen of the app, and each topic's study guide and drill."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = cast("QuizApp", self.app)
        if not app.loaded:  # everything else needs the bank and the store
            return [
                ("help: keys", app.action_show_help, "Keys of this screen and the app"),
            ]
        outline = app.bank.outline
        profile = outline.profile
        full_exam = (
            f"{profile.name}, {outline.minutes_for(profile.questions)} minutes "
            f"(time: our assumption), drawn to the blueprint"
        )
        commands: list[tuple[str, Callable[[], object], str]] = [
            ("home: dashboard", app.action_go_home, "Your standing at a glance"),
            (
                "exam: practice exam",
                app.action_open_exam,
                "Set up a timed exam drawn to the blueprint (or resume one)",
            ),
            (
                "exam: start full-length",
                app.action_start_full_exam,
                full_exam,
            ),
            ("drill: pick topics", app.action_open_drill_setup, "Set up a topic drill"),
            (
                "drill: missed questions",
                app.action_review_missed,
                "Drill every question you missed and have not fixed",
            ),
            ("drill: flagged questions", app.action_drill_flagged, "Drill your flagged questions"),
            ("guide: study guide", app.action_open_guide, "Browse the topic summaries"),
            ("stats: statistics", app.action_open_stats, "Accuracy and time per topic"),
            (
                "exam: past exams",
                app.action_open_past_exams,
                "Reopen the results and review of a finished exam",
            ),
            ("help: keys", app.action_show_help, "Keys of this screen and the app"),
        ]
        for code, topic in app.bank.outline.topics.items():
            commands.append(
                (
                    f"guide: {topic.name} ({topic.label.partition(':')[0]})",
                    partial(app.action_open_guide, code),
                    "Read the summary of this topic",
                )
            )
            commands.append(
                (
                    f"drill: {topic.name} ({topic.label.partition(':')[0]})",
                    partial(app.action_drill_topic, code),
                    "Drill 10 questions of this topic",
                )
            )
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            if name.startswith(("guide: ", "drill: ")) and name[7:8].isupper() and "." in name:
                continue  # per-topic entries only when searched for
            yield DiscoveryHit(Content(name), callback, text=name, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, highlighted(matcher, name), callback, name, escape(help_text))
