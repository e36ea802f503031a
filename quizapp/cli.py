"""Command line: ``quizapp`` opens the TUI; subcommands check and report."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from quizapp import __version__
from quizapp.core.bank.layout import OUTLINE_FILE, bundled_bank_dir
from quizapp.core.errors import QuizappError
from quizapp.core.progress.paths import resolve_data_dir

# Each command imports what it needs when it runs: plain `quizapp` starts the TUI,
# and loading YAML, pydantic and the report code first would only delay it.
STATS_COMMANDS = ("stats", "export", "reset", "config")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quizapp",
        description="Practise for the ABII CIIP exam: timed exams, topic drills, spaced review.",
    )
    parser.add_argument("--version", action="version", version=f"quizapp {__version__}")
    parser.add_argument(
        "--bank",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="an extra question bank directory merged with the bundled one (repeatable)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="where progress is stored (default: $QUIZAPP_DATA_DIR or the user data dir)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    validate = commands.add_parser(
        "validate", help="check the question bank and report problems as file:line: message"
    )
    validate.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="question files or directories to check (default: the bundled bank)",
    )
    validate.add_argument("--json", action="store_true", help="print a coverage report as JSON")
    validate.add_argument(
        "--lint",
        action="store_true",
        help="also check item writing (cues that reward test-wiseness); unwaived flags fail",
    )
    schema = commands.add_parser("schema", help="write the JSON Schema files editors use")
    schema.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="directory to write to (default: the bundled bank's schema/ folder)",
    )
    add_commands(commands)
    return parser


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The progress commands; their handlers are in cli_stats."""
    stats = commands.add_parser(
        "stats", help="print accuracy per domain and the readiness estimate"
    )
    stats.add_argument("--json", action="store_true", help="print the figures as JSON")
    export = commands.add_parser("export", help="export the answer history or missed questions")
    export.add_argument(
        "--format",
        choices=["csv", "anki"],
        default="csv",
        help="csv: every answer; anki: missed questions as Anki notes",
    )
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of standard output"
    )
    reset = commands.add_parser("reset", help="erase all progress (a backup is kept)")
    reset.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    config = commands.add_parser("config", help="show or change settings")
    config.add_argument(
        "--exam-date", metavar="YYYY-MM-DD", help="the day of your exam ('none' to clear)"
    )


def _validate(args: argparse.Namespace) -> int:
    from quizapp.core.bank.coverage import coverage_report
    from quizapp.core.bank.lint import LintReport, lint_bank
    from quizapp.core.bank.loader import display_path, load_bank, question_files

    paths: list[Path] = args.paths
    missing = [p for p in paths if not p.exists()]
    if missing:
        for path in missing:
            print(f"{path}: no such file or directory", file=sys.stderr)
        return 2
    roots = [p for p in paths if p.is_dir() and (p / OUTLINE_FILE).is_file()]
    if len(roots) == 1 and len(paths) == 1:
        result = load_bank(roots[0], args.bank)
    elif paths:
        files: list[Path] = []
        for path in paths:
            files.extend(question_files(path) if path.is_dir() else [path])
        result = load_bank(bundled_bank_dir(), only_files=files)
        wanted = {display_path(f) for f in files}
        result.problems = [p for p in result.problems if p.file in wanted]
    else:
        result = load_bank(bundled_bank_dir(), args.bank)
    lint = lint_bank(result.bank) if result.bank is not None else LintReport()
    if args.json:
        print(json.dumps(coverage_report(result, lint), indent=2))
    else:
        for problem in result.problems:
            print(problem)
        if args.lint:
            for finding in lint.unwaived:
                print(finding)
        count = len(result.bank.questions) if result.bank else 0
        if result.problems:
            print(f"{len(result.problems)} problem(s); {count} valid question(s)", file=sys.stderr)
        else:
            print(f"OK: {count} question(s), no problems")
        if args.lint:
            flagged = len({f.question for f in lint.unwaived})
            print(
                f"lint: {len(lint.unwaived)} flag(s) on {flagged} question(s); "
                f"{len(lint.waived)} waived",
                file=sys.stderr if lint.unwaived else sys.stdout,
            )
    failed = bool(result.problems) or result.bank is None
    return 1 if failed or (args.lint and lint.unwaived) else 0


def _schema(args: argparse.Namespace) -> int:
    from quizapp.core.bank.schema import write_schemas

    out: Path = args.out or bundled_bank_dir() / "schema"
    for path in write_schemas(out):
        print(path)
    return 0


def _run_tui(args: argparse.Namespace) -> int:
    from quizapp.ui.launch import run_app

    return run_app(data_dir=resolve_data_dir(args.data_dir), extra_banks=args.bank)


def _handler(command: str | None) -> Callable[[argparse.Namespace], int]:
    if command in STATS_COMMANDS:
        from quizapp.cli_stats import HANDLERS

        return HANDLERS[command]
    handlers: dict[str | None, Callable[[argparse.Namespace], int]] = {
        "validate": _validate,
        "schema": _schema,
        None: _run_tui,
    }
    return handlers[command]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``quizapp`` console script; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return _handler(args.command)(args)
    except QuizappError as exc:
        print(f"quizapp: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
