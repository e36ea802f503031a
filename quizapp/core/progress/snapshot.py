"""Read and write the progress snapshot without holding the whole JSON tree in memory.

``json.loads`` on a history of 100,000 answers builds 100,000 dicts before any
is turned into a compact record, which more than doubles peak memory. Here the
top-level object is walked key by key and the ``answers`` array element by
element, each element becoming an ``AnswerRecord`` at once. Any valid JSON
layout is accepted; the writer puts ``answers`` last, one record per line, so a
person can read the file.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from quizapp.core.progress.answers import AnswerRecord

if TYPE_CHECKING:
    from quizapp.core.progress.data import ProgressData

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_SEPARATOR = re.compile(r"[ \t\n\r]*,[ \t\n\r]*")
"""Between two elements of an array: a comma, with any whitespace on either side."""
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
    """Parse the answers array starting at ``pos`` ('['), converting each element as it comes.

    A history of 100,000 answers goes through this loop at every start: the
    decoder and the separator are one call each per element.
    """
    pos = _expect(text, pos, "[")
    items: list[AnswerRecord] = []
    pos = _skip(text, pos)
    if text.startswith("]", pos):
        return items, pos + 1
    decode, separator, record = _DECODER.raw_decode, _SEPARATOR.match, AnswerRecord.from_json
    try:
        while True:
            raw, pos = decode(text, pos)
            items.append(record(raw))
            found = separator(text, pos)
            if found is None:
                return items, _expect(text, pos, "]")
            pos = found.end()
    except json.JSONDecodeError as exc:
        raise SnapshotSyntaxError(str(exc)) from None
    except RecursionError:
        raise SnapshotSyntaxError(f"nesting too deep at char {pos}") from None
    except ValueError as exc:
        raise ValueError(f"answer {len(items) + 1}: {exc}") from None


def split_snapshot(text: str) -> tuple[dict[str, Any], list[AnswerRecord] | None]:
    """The top-level keys except ``answers``, and the answers as records.

    Answers are None when the file has none; ValueError when the text is not a
    JSON object or an answer is not of the current shape (an older schema: the
    caller then reads the file as plain JSON and migrates it).
    """
    pos = _expect(text, 0, "{")
    top: dict[str, Any] = {}
    answers: list[AnswerRecord] | None = None
    pos = _skip(text, pos)
    if text.startswith("}", pos):
        pos += 1
    else:
        while True:
            key, pos = _value(text, _skip(text, pos))
            if not isinstance(key, str):
                raise SnapshotSyntaxError(f"expected a key at char {pos}")
            pos = _skip(text, _expect(text, pos, ":"))
            if key == "answers" and text.startswith("[", pos):
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
    return top, answers


def render_snapshot(data: ProgressData) -> bytes:
    """The file's bytes: every other field first, then the answers, one per line."""
    head = data.model_dump_json(exclude={"answers"})
    dumps = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode
    lines = ",\n".join(dumps(answer.to_json()) for answer in data.answers)
    array = "[\n" + lines + "\n]" if data.answers else "[]"
    return f'{head[:-1]},"answers":{array}}}\n'.encode()
