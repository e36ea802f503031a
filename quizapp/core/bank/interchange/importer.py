"""``quizapp import``: read a file, check every question, add the new ones to a user bank."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.core.bank.bank import Bank
from quizapp.core.bank.interchange.aiken import parse_aiken
from quizapp.core.bank.interchange.convert import (
    Converted,
    convert,
    resolve_topic,
    topic_lookup,
)
from quizapp.core.bank.interchange.csv_format import parse_csv
from quizapp.core.bank.interchange.draft import Parsed
from quizapp.core.bank.interchange.gift import parse_gift
from quizapp.core.bank.interchange.ids import new_id, question_key
from quizapp.core.bank.interchange.source import read_source
from quizapp.core.bank.interchange.writer import add_questions, open_user_bank
from quizapp.core.bank.loader import display_path
from quizapp.core.bank.models import Question
from quizapp.core.errors import InterchangeError, Problem, QuizappError

Reader = Callable[[str, str, bool], Parsed]

READERS: dict[str, Reader] = {
    "aiken": lambda text, file, _topic_given: parse_aiken(text, file),
    "gift": lambda text, file, _topic_given: parse_gift(text, file),
    "csv": parse_csv,
}


@dataclass
class ImportReport:
    """What an import did: the questions added and the files they went to, and why others not."""

    added: list[Question] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    already: list[Problem] = field(default_factory=list)  # in the user bank as they are
    conflicts: list[Problem] = field(default_factory=list)  # there, but another answer; or twice
    skipped: list[Problem] = field(default_factory=list)  # types quizapp does not hold
    left_out: list[Problem] = field(default_factory=list)  # problems, with skip_bad


def default_topic(bank: Bank, topic: str | None) -> str | None:
    """The topic ``--topic`` names (a code or a name), checked against the outline."""
    if topic is None:
        return None
    code = resolve_topic(topic, topic_lookup(bank.outline))
    if code is None:
        raise QuizappError(f"unknown topic {topic!r} for --topic (a code such as F.2, or its name)")
    return code


def read_questions(
    path: Path, fmt: str, bank: Bank, topic: str | None = None
) -> tuple[Parsed, list[Converted], list[Problem]]:
    """Parse and check a file: what it holds, the questions, and every problem."""
    file = display_path(path)
    code = default_topic(bank, topic)
    if fmt == "aiken" and code is None:
        raise QuizappError("Aiken files name no topic: give --topic CODE")
    if fmt not in READERS:
        raise QuizappError(f"unknown format {fmt!r} (choose from {', '.join(READERS)})")
    parsed = READERS[fmt](read_source(path, file), file, code is not None)
    problems = list(parsed.problems)
    converted: list[Converted] = []
    lookup = topic_lookup(bank.outline)
    for draft in parsed.drafts:
        result = convert(draft, file, lookup, code)
        if isinstance(result, Converted):
            converted.append(result)
        else:
            problems.extend(result)
    if not (parsed.drafts or parsed.problems or parsed.skipped):
        raise InterchangeError([Problem(file, 1, f"no questions found (is this a {fmt} file?)")])
    return parsed, converted, sorted(problems)


def _same_answer(one: Question, other: Question) -> bool:
    def right(question: Question) -> str:
        return " ".join(question.choices[question.correct_index].text.casefold().split())

    return right(one) == right(other)


def import_questions(
    path: Path,
    fmt: str,
    out: Path,
    bank: Bank,
    topic: str | None = None,
    skip_bad: bool = False,
) -> ImportReport:
    """Import a file into the user bank ``out``; nothing is written if any question is bad.

    ``bank`` is what the user bank will be loaded with (the bundled bank and any
    ``--bank``): its outline checks topics and its ids are never reused. With
    ``skip_bad`` the good questions are written and the bad ones reported.
    A question already in ``out`` (the same stem and choices) is not added again.
    """
    user = open_user_bank(out)
    parsed, converted, problems = read_questions(path, fmt, bank, topic)
    if problems and not skip_bad:
        raise InterchangeError(problems)
    file = display_path(path)
    report = ImportReport(skipped=parsed.skipped, left_out=problems)
    there = {question_key(q.question): q for q in user.questions}
    first_line: dict[str, int] = {}
    taken = set(bank.questions) | {q.question.id for q in user.questions}
    for item in converted:
        question = item.question
        key = question_key(question)
        if key in there:
            found = there[key]
            if _same_answer(question, found.question):
                report.already.append(Problem(file, item.line, f"already in {found.source}"))
            else:
                report.conflicts.append(
                    Problem(
                        file,
                        item.line,
                        f"already in {found.source} with another right answer; not changed "
                        "(edit that file to change it)",
                    )
                )
        elif key in first_line:
            report.conflicts.append(
                Problem(file, item.line, f"the same question as line {first_line[key]}; added once")
            )
        else:
            first_line[key] = item.line
            qid = new_id(question.topic, key, taken)
            taken.add(qid)
            report.added.append(question.model_copy(update={"id": qid}))
    if report.added:
        report.files = add_questions(user, bank.outline, report.added)
    return report
