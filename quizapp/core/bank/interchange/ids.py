"""Content keys and ids: the same question always gets the same key and, free, the same id."""

from __future__ import annotations

import hashlib
from collections.abc import Container, Sequence

from quizapp.core.bank.models import Question

SHORT = 10  # hex digits of the key in an id; more only if that id is taken


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def content_key(stem: str, choices: Sequence[str]) -> str:
    """A hash of the stem and the choices, blind to case, spacing and choice order.

    Two files holding the same question give it the same key, so importing a
    file again skips what is already there.
    """
    payload = "\x1e".join([_normal(stem), *sorted(_normal(c) for c in choices)])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def question_key(question: Question) -> str:
    """The content key of a question."""
    return content_key(question.stem, [c.text for c in question.choices])


def topic_prefix(topic: str) -> str:
    """The id prefix of a topic, as the bundled bank writes it: ``F.2`` -> ``f2``."""
    return topic.replace(".", "").lower()


def new_id(topic: str, key: str, taken: Container[str]) -> str:
    """``<topic>-<key>``, the key as short as leaves the id unused (10 hex digits as a rule)."""
    prefix = topic_prefix(topic)
    for length in range(SHORT, len(key) + 1):
        candidate = f"{prefix}-{key[:length]}"
        if candidate not in taken:
            return candidate
    number = 2
    while f"{prefix}-{key}-{number}" in taken:
        number += 1
    return f"{prefix}-{key}-{number}"
