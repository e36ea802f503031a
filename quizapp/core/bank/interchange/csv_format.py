"""CSV, as spreadsheets write it: a header row, one question per record.

    topic,stem,choice_a,choice_b,choice_c,choice_d,choice_e,answer,explanation,references,difficulty
    F.2,Which port does DICOM register?,80,104,2575,,,B,IANA lists 104.,DICOM PS3.8 | RFC 6335,1

UTF-8 (a BOM is fine), comma or semicolon between fields (the header shows
which), quoted fields may hold line breaks. ``topic`` is a code or a name and
may be left out (the column or a cell) when ``--topic`` is given; ``choice_a``
to ``choice_c`` are needed, ``choice_d`` and ``choice_e`` may be empty;
``answer`` is the right choice's letter; ``references`` are separated by ``|``;
``difficulty`` is 1-3 (2 when empty). Column names ignore case and spaces.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator

from quizapp.core.bank.interchange.draft import Draft, Parsed
from quizapp.core.bank.models import Question
from quizapp.core.errors import InterchangeError, Problem

CHOICE_COLUMNS = ["choice_a", "choice_b", "choice_c", "choice_d", "choice_e"]
COLUMNS = [
    "topic",
    "stem",
    *CHOICE_COLUMNS,
    "answer",
    "explanation",
    "references",
    "difficulty",
]
REQUIRED = ["stem", "choice_a", "choice_b", "choice_c", "answer"]
REFERENCE_SEPARATOR = "|"
DELIMITERS = (",", ";")


def column_name(cell: str) -> str:
    """A header cell as a column name: ``Choice A`` -> ``choice_a``."""
    return re.sub(r"[\s\-]+", "_", cell.strip().casefold())


def _records(text: str, delimiter: str, file: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on; a syntax error stops the file."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            hint = "; a quoted field is never closed" if "end of data" in str(exc) else ""
            raise InterchangeError([Problem(file, start, f"CSV syntax: {exc}{hint}")]) from None
        yield start, row


def _delimiter(text: str, file: str) -> str:
    """The separator that makes the first record the most known column names."""

    def known(delimiter: str) -> int:
        try:
            for _, row in _records(text, delimiter, file):
                if any(cell.strip() for cell in row):
                    return sum(column_name(cell) in COLUMNS for cell in row)
        except InterchangeError:
            return -1
        return 0

    return max(DELIMITERS, key=known)


def _header(line: int, row: list[str], file: str, topic_given: bool) -> list[str]:
    names = [column_name(cell) for cell in row]
    while names and not names[-1]:
        names.pop()
    if not any(name in COLUMNS for name in names):
        raise InterchangeError(
            [Problem(file, line, f"the first row must name the columns: {', '.join(COLUMNS)}")]
        )
    problems: list[str] = []
    seen: set[str] = set()
    for name in names:
        if name not in COLUMNS:
            label = f"column {name!r}" if name else "a column without a name"
            problems.append(f"unknown {label} (the columns are {', '.join(COLUMNS)})")
        elif name in seen:
            problems.append(f"column {name!r} appears twice")
        seen.add(name)
    if "topic" not in names and not topic_given:
        problems.append("missing column 'topic' (or give --topic)")
    problems += [f"missing column {name!r}" for name in REQUIRED if name not in names]
    if problems:
        raise InterchangeError([Problem(file, line, message) for message in problems])
    return names


def parse_csv(text: str, file: str, topic_given: bool = False) -> Parsed:
    """Every question of a CSV file, and a problem (with its record's line) for each bad one."""
    parsed = Parsed()
    names: list[str] | None = None
    for line, row in _records(text, _delimiter(text, file), file):
        if not any(cell.strip() for cell in row):
            continue
        if names is None:
            names = _header(line, row, file, topic_given)
            continue
        extra = row[len(names) :]
        if len(row) < len(names) or any(cell.strip() for cell in extra):
            parsed.problems.append(
                Problem(
                    file,
                    line,
                    f"the record has {len(row)} field(s) but the header names {len(names)}",
                )
            )
            continue
        record = dict(zip(names, row, strict=False))
        found = _draft(line, record)
        if isinstance(found, Draft):
            parsed.drafts.append(found)
        else:
            parsed.problems.extend(Problem(file, line, message) for message in found)
    return parsed


def _draft(line: int, record: dict[str, str]) -> Draft | list[str]:
    problems: list[str] = []
    cells = [record.get(name, "") for name in CHOICE_COLUMNS]
    filled = [i for i, cell in enumerate(cells) if cell.strip()]
    count = filled[-1] + 1 if filled else 0
    for i in range(count):
        if not cells[i].strip():
            problems.append(f"{CHOICE_COLUMNS[i]} is empty but a later choice is filled")
    answer = record.get("answer", "").strip().upper()
    correct = "ABCDE".find(answer) if len(answer) == 1 else -1
    if correct < 0:
        problems.append(f"answer {answer!r} must be the right choice's letter, A to E")
    elif correct >= count or not cells[correct].strip():
        problems.append(f"answer {answer!r} names an empty choice ({CHOICE_COLUMNS[correct]})")
    difficulty_cell = record.get("difficulty", "").strip()
    difficulty = None
    if difficulty_cell:
        if difficulty_cell in {"1", "2", "3"}:
            difficulty = int(difficulty_cell)
        else:
            problems.append(f"difficulty {difficulty_cell!r} must be 1, 2 or 3")
    if problems:
        return problems
    topic = record.get("topic", "").strip()
    return Draft(
        line=line,
        stem=record.get("stem", ""),
        choices=tuple(cells[:count]),
        correct=correct,
        topic=topic or None,
        explanation=record.get("explanation", ""),
        references=tuple(record.get("references", "").split(REFERENCE_SEPARATOR)),
        difficulty=difficulty,
    )


def reference_problem(question: Question) -> str | None:
    """Why a question's references cannot be written to CSV, if they cannot."""
    for reference in question.references:
        if REFERENCE_SEPARATOR in reference:
            return f"a reference holds {REFERENCE_SEPARATOR!r}, which CSV puts between references"
    return None


def write_csv(questions: Iterable[Question]) -> str:
    """The questions as CSV (comma-separated, a header row, RFC 4180 quoting)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for question in questions:
        choices = [c.text.strip() for c in question.choices]
        choices += [""] * (len(CHOICE_COLUMNS) - len(choices))
        writer.writerow(
            [
                question.topic,
                question.stem.strip(),
                *choices,
                "ABCDE"[question.correct_index],
                question.explanation.strip(),
                f" {REFERENCE_SEPARATOR} ".join(" ".join(r.split()) for r in question.references),
                question.difficulty,
            ]
        )
    return out.getvalue()
