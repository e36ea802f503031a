"""A question as a format reads it: text and the line it came from, nothing checked yet."""

from __future__ import annotations

from dataclasses import dataclass, field

from quizapp.core.errors import Problem


@dataclass(frozen=True)
class Draft:
    """One question read from a file, before it has an id or a checked topic.

    ``topic`` is what a CSV row names (a code or a name; it must be a topic);
    ``category`` is a GIFT ``$CATEGORY`` (it sets the topic only if it names one).
    Either may be absent, and ``--topic`` fills the gap.
    """

    line: int
    stem: str
    choices: tuple[str, ...]
    correct: int
    topic: str | None = None
    category: str | None = None
    explanation: str = ""
    references: tuple[str, ...] = ()
    difficulty: int | None = None
    kind: str | None = None
    tags: tuple[str, ...] = ()


@dataclass
class Parsed:
    """What a reader found: the questions, the problems, and what it skipped on purpose.

    ``problems`` are questions that cannot be imported as written (an error);
    ``skipped`` are questions of a type quizapp does not hold, such as a GIFT
    true/false question (a notice, not an error).
    """

    drafts: list[Draft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
