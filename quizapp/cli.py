"""Command line: ``quizapp`` opens the TUI; subcommands check and report."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from quizapp import __version__
from quizapp.core.bank.layout import OUTLINE_FILE, bundled_bank_dir
from quizapp.core.errors import QuizappError
from quizapp.core.progress.paths import resolve_data_dir

# Each command imports what it needs when it runs: plain `quizapp` starts the TUI,
# and loading YAML, pydantic and the report code first would only delay it.
STATS_COMMANDS = ("stats", "export", "reset", "config")
HISTORY_FORMATS = ("csv", "anki")
BANK_FORMATS = ("aiken", "gift", "csv")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quizapp",
        description="Practise for the ABII CIIP exam: timed exams, topic drills, spaced review.",
    )
    parser.add_argument("--version", action="version", version=f"quizapp {__version__}")
    add_data_options(parser)
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
        "--bundled",
        action="store_true",
        help="check the given files by the bundled bank's rules (explanation and references "
        "required); files outside it are otherwise checked as a user bank",
    )
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
    add_import_command(commands)
    add_serve_command(commands)
    return parser


def add_import_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``quizapp import``: a file of questions into a user bank (cli_interchange runs it)."""
    imports = commands.add_parser(
        "import",
        help="turn an Aiken, GIFT or CSV file of questions into a user bank (--bank DIR)",
        description="Convert FILE into a user bank directory: one YAML file per topic in "
        "DIR/questions. Ids are generated from the content; questions already in DIR are "
        "not added again. Any problem is reported as file:line: message and nothing is "
        "written, unless --skip-bad.",
    )
    imports.add_argument("file", type=Path, metavar="FILE", help="the file to import")
    imports.add_argument("--format", required=True, choices=BANK_FORMATS, help="the file's format")
    imports.add_argument(
        "--out", required=True, type=Path, metavar="DIR", help="the user bank to write or add to"
    )
    imports.add_argument(
        "--topic",
        metavar="CODE",
        help="the topic (code or name) of questions the file gives none (required for aiken)",
    )
    imports.add_argument(
        "--skip-bad",
        action="store_true",
        help="write the good questions and list the bad ones instead of writing nothing",
    )


def add_data_options(parser: argparse.ArgumentParser, dest_prefix: str = "") -> None:
    """``--bank`` and ``--data-dir``: before any command, and after ``serve`` (prefixed)."""
    parser.add_argument(
        "--bank",
        dest=f"{dest_prefix}bank",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="an extra question bank directory merged with the bundled one (repeatable)",
    )
    parser.add_argument(
        "--data-dir",
        dest=f"{dest_prefix}data_dir",
        type=Path,
        metavar="DIR",
        help="where progress is stored (default: $QUIZAPP_DATA_DIR or the user data dir)",
    )


def port_number(text: str) -> int:
    """``--port``: 0 (any free port) to 65535."""
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0-65535)")
    return int(text)


def add_serve_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``quizapp serve``: the app in a web browser; its handler is in ui/serve.py."""
    serve = commands.add_parser(
        "serve", help="run quizapp in your web browser (one app per tab, shared progress)"
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only)",
    )
    serve.add_argument(
        "--port",
        type=port_number,
        default=8000,
        help="port to listen on (default: 8000; 0 picks a free one)",
    )
    serve.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a --host other machines can reach: anyone who reaches it uses your progress",
    )
    add_data_options(serve, dest_prefix="serve_")  # `quizapp serve --data-dir DIR` too


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The progress commands; their handlers are in cli_stats."""
    stats = commands.add_parser(
        "stats", help="print accuracy per domain and the readiness estimate"
    )
    stats.add_argument("--json", action="store_true", help="print the figures as JSON")
    export = commands.add_parser(
        "export",
        help="export the answer history, missed questions, or the bank's questions",
        description="Without --bank-questions: csv is every answer you gave, anki the "
        "questions you missed as Anki notes. With --bank-questions: the bank's questions "
        "as aiken, gift (Moodle) or csv (aiken and gift always export bank questions).",
    )
    export.add_argument(
        "--format",
        choices=sorted({*HISTORY_FORMATS, *BANK_FORMATS}),
        default="csv",
        help="csv (history, or questions with --bank-questions), anki, aiken, gift",
    )
    export.add_argument(
        "--bank-questions",
        nargs="?",
        const="",
        metavar="DIR",
        help="export questions instead of your history: the bundled bank and any --bank, "
        "or only the user bank DIR",
    )
    export.add_argument(
        "--topic",
        action="extend",
        nargs="+",
        default=[],
        metavar="CODE",
        help="with --bank-questions: only these topics (codes or names)",
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
    from quizapp.core.bank.loader import display_path, load_bank

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
        # Checked as `quizapp --bank` would load them: after the bundled bank, so an id
        # that collides with a bundled question is reported here, not at start-up.
        dirs = [p for p in paths if p.is_dir()]
        files = [p for p in paths if not p.is_dir()]
        result = load_bank(
            bundled_bank_dir(),
            [*args.bank, *dirs],
            extra_files=files,
            bundled_rules=args.bundled,
        )
        given = [display_path(p) for p in paths]
        result.problems = [
            p for p in result.problems if any(_within(p.file, path) for path in given)
        ]
        if result.bank is not None:  # report on the given questions, not the bundled ones
            bank = result.bank
            keep = {
                qid
                for qid, source in bank.sources.items()
                if any(_within(source.file, path) for path in given)
            }
            result.bank = replace(
                bank,
                questions={q: bank.questions[q] for q in bank.questions if q in keep},
                sources={q: bank.sources[q] for q in bank.sources if q in keep},
            )
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


def _within(file: str, given: str) -> bool:
    """Whether a problem's file is the path given on the command line or inside it."""
    return file == given or file.startswith(given.rstrip("/") + "/")


def _schema(args: argparse.Namespace) -> int:
    from quizapp.core.bank.schema import write_schemas

    out: Path = args.out or bundled_bank_dir() / "schema"
    for path in write_schemas(out):
        print(path)
    return 0


def _run_tui(args: argparse.Namespace) -> int:
    from quizapp.ui.launch import run_app

    return run_app(data_dir=resolve_data_dir(args.data_dir), extra_banks=args.bank)


def exports_bank(args: argparse.Namespace) -> bool:
    """True if ``export`` is to write bank questions rather than the answer history."""
    return args.bank_questions is not None or args.format not in HISTORY_FORMATS


def check_export(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Combinations argparse cannot check: one usage line each, never a traceback."""
    if args.command != "export":
        return
    if args.bank_questions is not None and args.format == "anki":
        parser.error("--bank-questions exports aiken, gift or csv; anki is for missed questions")
    if args.topic and not exports_bank(args):
        parser.error("--topic chooses bank questions: add --bank-questions")


def _serve(args: argparse.Namespace) -> int:
    from quizapp.ui.serve import serve

    return serve(
        resolve_data_dir(args.serve_data_dir or args.data_dir),
        [*args.bank, *args.serve_bank],
        host=args.host,
        port=args.port,
        allow_remote=args.allow_remote,
    )


def _handler(args: argparse.Namespace) -> Callable[[argparse.Namespace], int]:
    command: str | None = args.command
    if command == "import" or (command == "export" and exports_bank(args)):
        from quizapp.cli_interchange import run_bank_export, run_import

        return run_import if command == "import" else run_bank_export
    if command in STATS_COMMANDS:
        from quizapp.cli_stats import HANDLERS

        return HANDLERS[command]
    handlers: dict[str | None, Callable[[argparse.Namespace], int]] = {
        "validate": _validate,
        "schema": _schema,
        "serve": _serve,
        None: _run_tui,
    }
    return handlers[command]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``quizapp`` console script; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    check_export(parser, args)
    try:
        return _handler(args)(args)
    except QuizappError as exc:
        print(f"quizapp: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
