"""``quizapp export --bank-questions``: the bank's questions as Aiken, GIFT or CSV text."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from quizapp.core.bank.bank import Bank
from quizapp.core.bank.interchange.aiken import write_aiken
from quizapp.core.bank.interchange.convert import resolve_topic, topic_lookup
from quizapp.core.bank.interchange.csv_format import reference_problem, write_csv
from quizapp.core.bank.interchange.gift import write_gift
from quizapp.core.bank.models import Question
from quizapp.core.errors import InterchangeError, Problem, QuizappError


def select_questions(
    bank: Bank, topics: Sequence[str] = (), only_bank: Path | None = None
) -> list[Question]:
    """The questions to export, in outline order: of the given topics (codes or names),
    and only those from files under ``only_bank`` when it is given."""
    lookup = topic_lookup(bank.outline)
    wanted: set[str] = set()
    for topic in topics:
        code = resolve_topic(topic, lookup)
        if code is None:
            raise QuizappError(f"unknown topic {topic!r} (a code such as F.2, or its name)")
        wanted.add(code)
    under = only_bank.resolve() if only_bank is not None else None
    chosen = []
    for code in bank.outline.topics:
        if wanted and code not in wanted:
            continue
        for question in bank.questions_in_topic(code):
            source = Path(bank.sources[question.id].file).resolve()
            if under is None or source.is_relative_to(under):
                chosen.append(question)
    if not chosen:
        where = f" in {only_bank}" if only_bank is not None else ""
        which = f" of topic(s) {', '.join(sorted(wanted))}" if wanted else ""
        raise QuizappError(f"no questions{which}{where} to export")
    return chosen


def export_questions(bank: Bank, fmt: str, questions: Sequence[Question]) -> str:
    """The questions in ``fmt`` (aiken, gift or csv); what a format cannot hold is an error."""
    if fmt == "aiken":
        return write_aiken(questions)
    if fmt == "gift":
        return write_gift(questions, {code: t.name for code, t in bank.outline.topics.items()})
    if fmt == "csv":
        problems = []
        for question in questions:
            why = reference_problem(question)
            if why is not None:
                source = bank.sources[question.id]
                problems.append(
                    Problem(source.file, source.line, f"question {question.id!r}: {why}")
                )
        if problems:
            raise InterchangeError(problems)
        return write_csv(questions)
    raise QuizappError(f"unknown format {fmt!r} (choose from aiken, gift, csv)")
