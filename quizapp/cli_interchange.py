"""``quizapp import`` and ``quizapp export --bank-questions``: questions in and out of
Aiken, GIFT and CSV (the formats are in ``core.bank.interchange``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quizapp.cli_output import write_output
from quizapp.core.bank.interchange.exporter import export_questions, select_questions
from quizapp.core.bank.interchange.importer import import_questions
from quizapp.core.bank.loader import display_path, load_bank_or_raise
from quizapp.core.errors import InterchangeError, Problem


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def run_import(args: argparse.Namespace) -> int:
    bank = load_bank_or_raise(extra_banks=args.bank)
    out: Path = args.out
    try:
        report = import_questions(
            args.file, args.format, out, bank, topic=args.topic, skip_bad=args.skip_bad
        )
    except InterchangeError as exc:
        _print_problems(exc.problems)
        print(
            f"quizapp: {len(exc.problems)} problem(s); nothing written to {out} "
            "(fix them, or pass --skip-bad to import the rest)",
            file=sys.stderr,
        )
        return 1
    _print_problems(sorted(report.skipped + report.conflicts + report.left_out))
    files = ", ".join(display_path(path) for path in report.files)
    print(f"imported {len(report.added)} question(s) into {out}" + (f" ({files})" if files else ""))
    notes = []
    if report.already:
        notes.append(f"{len(report.already)} already there")
    if report.conflicts:
        notes.append(f"{len(report.conflicts)} repeated (above)")
    if report.skipped:
        notes.append(f"{len(report.skipped)} of a type quizapp does not hold (above)")
    if report.left_out:
        notes.append(f"{len(report.left_out)} with problems (above)")
    if notes:
        print(f"not imported: {'; '.join(notes)}", file=sys.stderr)
    if report.added:
        print(f"use it with: quizapp --bank {out}")
    return 0


def run_bank_export(args: argparse.Namespace) -> int:
    only = Path(args.bank_questions) if args.bank_questions else None
    loaded = {path.resolve() for path in args.bank}
    extra = [*args.bank, *([only] if only is not None and only.resolve() not in loaded else [])]
    bank = load_bank_or_raise(extra_banks=extra)
    questions = select_questions(bank, args.topic, only)
    try:
        text = export_questions(bank, args.format, questions)
    except InterchangeError as exc:
        _print_problems(exc.problems)
        print(
            f"quizapp: {len(exc.problems)} question(s) cannot be written as {args.format}",
            file=sys.stderr,
        )
        return 1
    write_output(text, args.output)
    return 0
