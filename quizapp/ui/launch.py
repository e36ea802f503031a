"""Start the TUI: the app paints its home screen and opens the bank and the store itself."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from quizapp.ui.app import QuizApp, StudyData


def open_study_data(
    data_dir: Path,
    extra_banks: Sequence[Path] = (),
    on_wait: Callable[[], None] | None = None,
) -> StudyData:
    """Load and validate the bank, then read the progress files (the app's worker calls this).

    Raises BankError or ProgressError with the reason; ``on_wait`` is called once
    if another quizapp holds the progress lock meanwhile.
    """
    from quizapp.core.bank.loader import load_bank_or_raise
    from quizapp.core.progress.store import ProgressStore

    bank = load_bank_or_raise(extra_banks=extra_banks)
    return StudyData(bank, ProgressStore(data_dir, on_wait=on_wait))


def run_app(data_dir: Path, extra_banks: Sequence[Path] = ()) -> int:
    """Run the TUI; bank and progress problems end it with the reason."""

    def waiting() -> None:  # on the worker thread
        app.call_from_thread(
            app.notify, "Another quizapp is saving your progress; waiting for it...", timeout=10
        )

    app = QuizApp(partial(open_study_data, data_dir, tuple(extra_banks), waiting), on_ready=started)
    app.run()
    return app.return_code or 0


READY_FD = "QUIZAPP_READY_FD"
"""For benchmarks and scripted runs: a file descriptor to write ``R`` to once the
home screen is painted and takes keys (see ``bench/run.py``)."""


def started() -> None:
    """The home screen is painted: tell a benchmark or script waiting for it."""
    ready_fd = os.environ.get(READY_FD)
    if ready_fd and ready_fd.isdigit():
        with contextlib.suppress(OSError):  # nobody listens any more: the app runs on
            os.write(int(ready_fd), b"R")
