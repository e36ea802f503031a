"""Load the bank and the progress file, then run the app; errors become one clear line."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.core.bank.cache import load_bank_cached, read_cached_summary
from quizapp.core.errors import BankError
from quizapp.core.progress.head import read_progress_head

if TYPE_CHECKING:
    from quizapp.core.bank.bank import Bank
    from quizapp.core.progress.store import ProgressStore
    from quizapp.ui.app import QuickStart

CACHE_DIR = "cache"
"""Under the data directory: the validated bank, so a warm start skips YAML and validation."""


def quick_start(data_dir: Path, extra_banks: Sequence[Path] = ()) -> QuickStart | None:
    """A start that paints the home screen before pydantic is imported, when it can be.

    It can when the bank cache is fresh and the progress file's head reads cleanly;
    otherwise (first start, edited bank, damaged or old file, an exam in progress)
    None, and the caller opens everything first with ``prepare``.
    """
    cached = read_cached_summary(data_dir / CACHE_DIR, extra_banks=extra_banks)
    if cached is None:
        return None
    view = read_progress_head(data_dir)
    if view is None:
        return None

    from quizapp.ui.app import QuickStart  # Textual: only once this start is sure

    def load() -> tuple[Bank, ProgressStore]:
        bank = cached.bank() or load_bank_cached(data_dir / CACHE_DIR, extra_banks=extra_banks)
        return bank, open_store(data_dir)

    return QuickStart(cached.summary, view, load)


def open_store(data_dir: Path) -> ProgressStore:
    """The progress store, its long history left to be read after the first paint."""
    from quizapp.core.progress.store import ProgressStore

    store = ProgressStore(data_dir, lazy=True)  # the history is read after the first paint
    # The bank and the history live as long as the app: keep the collector from
    # rescanning them on every collection (snappier keys with a long history).
    gc.freeze()
    return store


def prepare(data_dir: Path, extra_banks: Sequence[Path] = ()) -> tuple[Bank, ProgressStore]:
    """Load what the app works on; raises BankError or ProgressError with the reason."""
    bank = load_bank_cached(data_dir / CACHE_DIR, extra_banks=extra_banks)
    return bank, open_store(data_dir)


def run_app(data_dir: Path, extra_banks: Sequence[Path] = ()) -> int:
    """Start the TUI; bank problems are listed and the app does not start."""
    start = quick_start(data_dir, extra_banks)
    if start is not None:
        from quizapp.ui.app import QuizApp

        app = QuizApp(quick_start=start, on_ready=started)
        app.run()
        return app.return_code or 0
    try:
        bank, store = prepare(data_dir, extra_banks)
    except BankError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(
            f"quizapp: the question bank has {len(exc.problems)} problem(s); "
            "fix them (see `quizapp validate`) and start again",
            file=sys.stderr,
        )
        return 1
    if store.notice:
        print(f"quizapp: {store.notice}", file=sys.stderr)

    from quizapp.ui.app import QuizApp

    QuizApp(bank=bank, store=store, on_ready=started).run()
    return 0


READY_FD = "QUIZAPP_READY_FD"
"""For benchmarks and scripted runs: a file descriptor to write ``R`` to once the
home screen is painted and takes keys (see ``bench/run.py``)."""


def started() -> None:
    """The app is up: keep what start-up built out of every collection, collect again."""
    gc.freeze()
    gc.enable()
    ready_fd = os.environ.get(READY_FD)
    if ready_fd and ready_fd.isdigit():
        with contextlib.suppress(OSError):  # nobody listens any more: the app runs on
            os.write(int(ready_fd), b"R")
