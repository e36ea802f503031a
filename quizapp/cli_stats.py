"""Non-interactive commands on the progress file: stats, export, reset, config."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from quizapp.cli_output import write_output
from quizapp.core.analytics.plan import exam_date_problem, study_plan
from quizapp.core.analytics.readiness import project
from quizapp.core.analytics.scores import compute_scores
from quizapp.core.bank.bank import Bank
from quizapp.core.bank.loader import load_bank_or_raise
from quizapp.core.clock import utc_now
from quizapp.core.progress.answers import PROGRESS_FILE
from quizapp.core.progress.export import anki_csv, history_csv
from quizapp.core.progress.journal import JOURNAL_FILE
from quizapp.core.progress.paths import resolve_data_dir
from quizapp.core.progress.store import ProgressStore
from quizapp.core.text import plural


def _waiting() -> None:
    print("quizapp: another quizapp is saving; waiting for it...", file=sys.stderr)


def _open(args: argparse.Namespace) -> tuple[Bank, ProgressStore]:
    bank = load_bank_or_raise(extra_banks=args.bank)
    store = ProgressStore(resolve_data_dir(args.data_dir), on_wait=_waiting)
    if store.notice:
        print(f"quizapp: {store.notice}", file=sys.stderr)
    return bank, store


def stats_report(bank: Bank, store: ProgressStore, today: date) -> dict[str, Any]:
    summary = bank.summary()
    scores = compute_scores(summary, store.answers)
    projection = project(summary, store.answers, scores)
    readiness = projection.readiness
    plan = study_plan(store.due_dates, store.exam_date, today)
    total = bank.outline.total_weight
    return {
        "answered": scores.overall.answered,
        "correct": scores.overall.correct,
        "seen_questions": len(scores.seen_questions),
        "bank_questions": len(bank.questions),
        "domains": [
            {
                "code": d.code,
                "name": d.name,
                "weight": round(d.weight / total, 4),
                "answered": scores.by_domain[d.code].answered,
                "correct": scores.by_domain[d.code].correct,
                "accuracy": scores.by_domain[d.code].accuracy,
            }
            for d in bank.outline.domains
        ],
        "readiness": {
            "projected": round(readiness.projected, 4),
            "low": round(readiness.low, 4),
            "high": round(readiness.high, 4),
            "held_back_by": [d.code for d in projection.held_back],
            "answers_needed": projection.needed,
            "summary": projection.text,
        },
        "exam_date": store.exam_date.isoformat() if store.exam_date else None,
        "days_left": plan.days_left if plan else None,
        "reviews_per_day": plan.per_day if plan else None,
    }


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def run_stats(args: argparse.Namespace) -> int:
    bank, store = _open(args)
    report = stats_report(bank, store, utc_now().date())
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    accuracy = report["correct"] / report["answered"] if report["answered"] else None
    print(
        f"Answered {report['answered']} ({_pct(accuracy)} right); "
        f"seen {report['seen_questions']} of {report['bank_questions']} questions"
    )
    print()
    print(f"{'Domain':<34} {'Weight':>6} {'Answered':>8} {'Accuracy':>8}")
    for d in report["domains"]:
        print(
            f"{d['code'] + ' ' + d['name']:<34} {d['weight']:>6.0%} {d['answered']:>8} "
            f"{_pct(d['accuracy']):>8}"
        )
    r = report["readiness"]
    print()
    sentence = r["summary"]
    print(f"{sentence[:1].upper()}{sentence[1:]}.")
    print("  Estimate: sum over domains of exam weight x accuracy (with a small-sample prior).")
    if report["exam_date"]:
        print(
            f"Exam on {report['exam_date']}: {plural(report['days_left'], 'day')} left, "
            f"about {plural(report['reviews_per_day'], 'review')} a day to clear the backlog."
        )
    return 0


def run_export(args: argparse.Namespace) -> int:
    bank, store = _open(args)
    text = (
        anki_csv(bank, store.answers) if args.format == "anki" else history_csv(bank, store.answers)
    )
    write_output(text, args.output)
    return 0


def run_reset(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(args.data_dir)
    path = data_dir / PROGRESS_FILE
    journal = data_dir / JOURNAL_FILE
    if not path.exists() and not journal.exists():
        print(f"Nothing to reset: no progress in {data_dir}.")
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            print(
                "quizapp: reset needs confirmation; run it in a terminal or pass --yes",
                file=sys.stderr,
            )
            return 2
        reply = input(f"Erase all progress in {path}? A backup is kept. Type 'reset': ")
        if reply.strip() != "reset":
            print("Nothing changed.")
            return 1
    ProgressStore(
        data_dir, on_wait=_waiting
    ).compact()  # the journal's changes go into the backup too
    backup = data_dir / f"progress.backup-{utc_now():%Y%m%d-%H%M%S}.json"
    shutil.copy2(path, backup)
    path.unlink()
    journal.unlink(missing_ok=True)
    print(f"Progress erased; the backup is {backup}")
    return 0


def run_config(args: argparse.Namespace) -> int:
    store = ProgressStore(resolve_data_dir(args.data_dir), on_wait=_waiting)
    if args.exam_date is not None:
        if args.exam_date in {"", "none"}:
            store.set_exam_date(None)
        else:
            try:
                chosen = date.fromisoformat(args.exam_date)
            except ValueError:
                print(
                    f"quizapp: exam date {args.exam_date!r} is not a date like 2027-03-15",
                    file=sys.stderr,
                )
                return 2
            problem = exam_date_problem(chosen, utc_now().date())
            if problem is not None:
                print(f"quizapp: exam date {problem}", file=sys.stderr)
                return 2
            store.set_exam_date(chosen)
    shown = store.exam_date.isoformat() if store.exam_date else "not set"
    print(f"exam date: {shown}")
    print(f"data dir: {store.data_dir}")
    return 0


HANDLERS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    "stats": run_stats,
    "export": run_export,
    "reset": run_reset,
    "config": run_config,
}
