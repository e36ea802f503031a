"""Drafts into ``Question`` models: the topic resolved, the text cleaned, the shape checked."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import ValidationError

from quizapp.core.bank.interchange.draft import Draft
from quizapp.core.bank.models import Outline, Question
from quizapp.core.errors import Problem

DEFAULT_DIFFICULTY = 2
LETTERS = "ABCDE"
PLACEHOLDER_ID = "pending"  # replaced by ``ids.new_id`` once the question is known to be new

_LINE_BREAKS = str.maketrans({"\u2028": "\n", "\u2029": "\n"})
_CATEGORY_SPLIT = re.compile(r"(?<!/)/(?!/)")


def choice_label(index: int) -> str:
    """A choice's letter (A-E), or its number past the fifth."""
    return LETTERS[index] if index < len(LETTERS) else str(index + 1)


def topic_lookup(outline: Outline) -> dict[str, str]:
    """Every way a file may name a topic (``F.2``, ``f2``, its name, or code and name), folded,
    to its code."""
    lookup: dict[str, str] = {}
    for code, topic in outline.topics.items():
        for label in (code, code.replace(".", ""), topic.name, f"{code} {topic.name}"):
            lookup[_fold(label)] = code
    return lookup


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def resolve_topic(value: str, lookup: Mapping[str, str]) -> str | None:
    """The code of the topic ``value`` names, or None."""
    return lookup.get(_fold(value))


def resolve_category(category: str, lookup: Mapping[str, str]) -> str | None:
    """The topic a GIFT category names: the whole path or its last part (``$course$/CIIP/F.2``)."""
    parts = [p.replace("//", "/") for p in _CATEGORY_SPLIT.split(category)]
    return resolve_topic(category, lookup) or resolve_topic(parts[-1], lookup)


def clean_text(text: str) -> str:
    """One newline convention, no trailing spaces on a line, nothing around the text."""
    lines = text.translate(_LINE_BREAKS).split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def control_character(text: str) -> str | None:
    """The first control character in ``text`` (tabs and newlines are fine), as U+XXXX."""
    for ch in text:
        if ch not in "\t\n" and unicodedata.category(ch) == "Cc":
            return f"U+{ord(ch):04X}"
    return None


@dataclass(frozen=True)
class Converted:
    """A checked question (its id still ``PLACEHOLDER_ID``) and the line it came from."""

    question: Question
    line: int


def _topic(
    draft: Draft, lookup: Mapping[str, str], default_topic: str | None
) -> tuple[str | None, str | None]:
    """The topic code, or None and why not."""
    if draft.topic is not None and draft.topic.strip():
        code = resolve_topic(draft.topic, lookup)
        if code is None:
            return None, f"unknown topic {draft.topic.strip()!r} (not an outline code or name)"
        return code, None
    if draft.category is not None:
        code = resolve_category(draft.category, lookup)
        if code is not None:
            return code, None
    if default_topic is not None:
        return default_topic, None
    if draft.category is not None:
        return None, (
            f"category {draft.category!r} is not an outline topic; "
            "name a topic in $CATEGORY or give --topic"
        )
    return None, "no topic: name one in the file or give --topic"


def convert(
    draft: Draft, file: str, lookup: Mapping[str, str], default_topic: str | None
) -> Converted | list[Problem]:
    """The question a draft describes, or every problem that stops it."""
    problems: list[Problem] = []

    def problem(message: str) -> None:
        problems.append(Problem(file, draft.line, message))

    topic, why = _topic(draft, lookup, default_topic)
    if why is not None:
        problem(why)
    stem = clean_text(draft.stem)
    choices = [clean_text(c) for c in draft.choices]
    explanation = clean_text(draft.explanation)
    references = [" ".join(r.split()) for r in draft.references if r.strip()]
    fields = {"stem": stem, "explanation": explanation}
    fields.update({f"choice {choice_label(i)}": c for i, c in enumerate(choices)})
    fields.update({f"reference {n}": r for n, r in enumerate(references, start=1)})
    for name, text in fields.items():
        bad = control_character(text)
        if bad is not None:
            problem(f"{name}: control character {bad} is not allowed; remove it")
    if not stem:
        problem("the question has no text")
    if not 3 <= len(choices) <= 5:
        problem(f"a question needs 3 to 5 choices, found {len(choices)}")
    for index, choice in enumerate(choices):
        if not choice:
            problem(f"choice {choice_label(index)} is empty")
    if problems or topic is None:
        return problems
    data: dict[str, object] = {
        "id": PLACEHOLDER_ID,
        "topic": topic,
        "difficulty": DEFAULT_DIFFICULTY if draft.difficulty is None else draft.difficulty,
        "stem": stem,
        "choices": [
            {"text": text, "correct": True} if i == draft.correct else {"text": text}
            for i, text in enumerate(choices)
        ],
        "explanation": explanation,
        "references": references,
        "tags": list(draft.tags),
    }
    if draft.kind is not None:
        data["kind"] = draft.kind
    try:
        return Converted(Question.model_validate(data), draft.line)
    except ValidationError as exc:
        return [Problem(file, draft.line, _message(error)) for error in exc.errors()]


def _message(error: Mapping[str, object]) -> str:
    loc = error.get("loc", ())
    where = ".".join(str(part) for part in loc) if isinstance(loc, tuple) else ""
    message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message
