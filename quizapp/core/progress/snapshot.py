"""Read and write the progress snapshot without holding the whole JSON tree in memory.

``json.loads`` on a history of 100,000 answers builds 100,000 dicts before any
is turned into a compact record, which more than doubles peak memory. Here the
top-level object is walked key by key and the ``answers`` array element by
element, each element becoming an ``AnswerRecord`` at once. Any valid JSON
layout is accepted; the writer puts ``answers`` last, one record per line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from quizapp.core.progress.answers import AnswerRecord
from quizapp.core.progress.history import QuestionHistory

if TYPE_CHECKING:
    from quizapp.core.progress.data import ProgressData

SUMMARY_KEY = "question_stats"
"""Per-question totals written before the answers, so start-up need not read them."""
ANSWERS_CHARS_KEY = "answers_chars"
"""The length of the answers array's text, so a reader can step over it."""

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class SnapshotSyntaxError(ValueError):
    """The text is not a JSON object of the expected shape; the message says where."""


def _skip(text: str, pos: int) -> int:
    match = _WHITESPACE.match(text, pos)
    return match.end() if match else pos


def _value(text: str, pos: int) -> tuple[Any, int]:
    try:
        return _DECODER.raw_decode(text, pos)
    except json.JSONDecodeError as exc:
        raise SnapshotSyntaxError(str(exc)) from None
    except RecursionError:
        raise SnapshotSyntaxError(f"nesting too deep at char {pos}") from None


def _expect(text: str, pos: int, char: str) -> int:
    pos = _skip(text, pos)
    if pos >= len(text) or text[pos] != char:
        found = repr(text[pos]) if pos < len(text) else "the end of the file"
        raise SnapshotSyntaxError(f"expected {char!r} at char {pos}, found {found}")
    return pos + 1


def answer_from_json(raw: object, number: int) -> AnswerRecord:
    """The ``number``-th answer (from 1) as a record; the ValueError says which one is bad."""
    try:
        return AnswerRecord.from_json(raw)
    except ValueError as exc:
        raise ValueError(f"answer {number}: {exc}") from None


def _array(text: str, pos: int) -> tuple[list[AnswerRecord], int]:
    """Parse the answers array starting at ``pos`` ('['), converting each element as it comes."""
    pos = _expect(text, pos, "[")
    items: list[AnswerRecord] = []
    pos = _skip(text, pos)
    if text.startswith("]", pos):
        return items, pos + 1
    while True:
        raw, pos = _value(text, _skip(text, pos))
        items.append(answer_from_json(raw, len(items) + 1))
        pos = _skip(text, pos)
        if text.startswith(",", pos):
            pos += 1
            continue
        return items, _expect(text, pos, "]")


def parse_answers(text: str, start: int) -> tuple[list[AnswerRecord], int]:
    """The answers array at ``start`` as records, and the offset just after it."""
    return _array(text, start)


def split_snapshot(
    text: str, defer_answers: bool = False, head_only: bool = False
) -> tuple[dict[str, Any], list[AnswerRecord] | None, int | None]:
    """The top-level keys except ``answers``, the answers as records, and a deferred start.

    Answers are None when the file has none or they are not of the current
    shape (an older schema): the caller then takes the careful path. With
    ``defer_answers``, a file that says how long its answers array is has that
    array stepped over: its offset is returned, to be read by ``parse_answers``.
    With ``head_only``, the walk stops at ``answers`` and returns the keys before
    it, so ``text`` may be only the start of the file.
    """
    pos = _expect(text, 0, "{")
    top: dict[str, Any] = {}
    answers: list[AnswerRecord] | None = None
    deferred: int | None = None
    pos = _skip(text, pos)
    if text.startswith("}", pos):
        pos += 1
    else:
        while True:
            key, pos = _value(text, _skip(text, pos))
            if not isinstance(key, str):
                raise SnapshotSyntaxError(f"expected a key at char {pos}")
            pos = _expect(text, pos, ":")
            if key == "answers" and head_only:
                return top, None, None
            pos = _skip(text, pos)
            span = _span(text, pos, top.get(ANSWERS_CHARS_KEY))
            if key == "answers" and defer_answers and span is not None:
                deferred, pos = pos, pos + span
            elif key == "answers" and text.startswith("[", pos):
                answers, pos = _array(text, pos)
            else:
                top[key], pos = _value(text, pos)
            pos = _skip(text, pos)
            if text.startswith(",", pos):
                pos += 1
                continue
            pos = _expect(text, pos, "}")
            break
    if _skip(text, pos) != len(text):
        raise SnapshotSyntaxError(f"extra data after the object at char {_skip(text, pos)}")
    return top, answers, deferred


def top_before_answers(text: str) -> dict[str, Any]:
    """The top-level keys written before ``answers`` (all of them, in our layout).

    ``text`` may be only the start of the file: the answers and whatever follows
    them are never looked at. SnapshotSyntaxError if the keys before them are cut
    short or malformed (read more of the file, or take the careful path).
    """
    return split_snapshot(text, head_only=True)[0]


def _span(text: str, pos: int, span: object) -> int | None:
    """``span`` if that many characters from ``pos`` plausibly cover exactly one array."""
    if (
        isinstance(span, int)
        and span >= 2
        and text.startswith("[", pos)
        and text.startswith("]", pos + span - 1)
    ):
        return span
    return None


def _answer_lines(answers: Iterable[AnswerRecord]) -> str:
    dumps = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode
    return ",\n".join(dumps(answer.to_json()) for answer in answers)


def summary_to_json(histories: Mapping[str, QuestionHistory]) -> dict[str, list[Any]]:
    return {
        qid: [
            h.attempts,
            h.wrong,
            h.last_correct,
            h.last_seen.isoformat() if h.last_seen else None,
            round(h.seconds, 2),
        ]
        for qid, h in histories.items()
    }


def summary_from_json(raw: object) -> dict[str, QuestionHistory] | None:
    """The per-question totals as written by ``summary_to_json``; None if unusable."""
    if not isinstance(raw, dict):
        return None
    histories: dict[str, QuestionHistory] = {}
    try:
        for qid, (attempts, wrong, last_correct, last_seen, seconds) in raw.items():
            histories[qid] = QuestionHistory(
                attempts=int(attempts),
                wrong=int(wrong),
                last_correct=None if last_correct is None else bool(last_correct),
                last_seen=datetime.fromisoformat(last_seen) if last_seen else None,
                seconds=float(seconds),
            )
    except (TypeError, ValueError):
        return None
    return histories


def render_snapshot(data: ProgressData, histories: Mapping[str, QuestionHistory]) -> bytes:
    """The file's bytes: every other field, the per-question totals, then the answers.

    ``histories`` must be the totals of ``data.answers``.
    """
    head = data.model_dump_json(exclude={"answers"})
    array = "[\n" + _answer_lines(data.answers) + "\n]" if data.answers else "[]"
    summary = json.dumps(summary_to_json(histories), separators=(",", ":"), ensure_ascii=False)
    return (
        f'{head[:-1]},"{SUMMARY_KEY}":{summary},"{ANSWERS_CHARS_KEY}":{len(array)},'
        f'"answers":{array}}}\n'
    ).encode()
