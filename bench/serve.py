"""Browser mode's start-up against the terminal's, measured in the same run.

    python bench/serve.py              # {"serve_ratio": ..., "serve_s": ..., "terminal_s": ...}
    python bench/serve.py --repeat 9

serve_s: from starting ``quizapp serve`` to the home screen readable in a browser tab
(headless chromium and the tab already open, as a person's browser is; the terminal's
rows are read through the page, see tests/serving.py). terminal_s: from starting ``quizapp``
on a pseudo-terminal to its ready signal (``QUIZAPP_READY_FD``), the way bench/run.py's
``time_to_ready`` measures start-up. Medians, the two alternated. Target (issue 17):
serve_ratio <= 3. Needs chromium (Debian: apt-get install chromium) and Playwright.

``python bench/run.py`` runs it too (the ``serve`` group) when chromium and Playwright
are installed, and reports ``serve_ratio`` with the other figures.
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import json
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from tests.serving import SHOWS_TEXT, launch_chromium, new_tab, serving  # noqa: E402

HOME_TEXT = "Practice exam"
"""On the home screen from its first paint (the menu), before the bank is open."""


def terminal_start(data_dir: Path) -> float:
    """Seconds from starting ``quizapp`` on a 120x40 pseudo-terminal to its ready signal."""
    main_fd, terminal_fd = pty.openpty()
    fcntl.ioctl(terminal_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    read_end, write_end = os.pipe()
    drain = threading.Thread(target=_drain, args=(main_fd,), daemon=True)
    drain.start()
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "quizapp", "--data-dir", str(data_dir)],
        env={**os.environ, "TERM": "xterm-256color", "QUIZAPP_READY_FD": str(write_end)},
        pass_fds=(write_end,),
        stdin=terminal_fd,
        stdout=terminal_fd,
        stderr=terminal_fd,
        start_new_session=True,
    )
    os.close(write_end)
    with os.fdopen(read_end, "rb") as ready:
        signal = ready.read(1)
    elapsed = time.perf_counter() - started
    child.kill()
    child.wait()
    os.close(terminal_fd)
    drain.join(timeout=5)
    os.close(main_fd)
    if signal != b"R":
        raise RuntimeError("quizapp did not start on the pseudo-terminal")
    return elapsed


def _drain(fd: int) -> None:
    """Read the terminal's output so the app never blocks drawing its screen."""
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass  # the terminal was closed


def serve_start(browser: Browser, data_dir: Path) -> float:
    """Seconds from starting ``quizapp serve`` to the home screen readable in a tab.

    The tab is open before (a person's browser is); its requests are not intercepted,
    as nothing on quizapp's page comes from outside (tests/test_serve_browser.py).
    """
    page, _ = new_tab(browser, block_outside=False)
    started = time.perf_counter()
    with serving(data_dir) as served:
        page.goto(served.url)
        page.wait_for_function(SHOWS_TEXT, arg=HOME_TEXT, timeout=60_000)
        elapsed = time.perf_counter() - started
    page.close()
    return elapsed


def measure(work: Path, repeat: int) -> dict[str, float]:
    """``serve_ratio`` and its two medians, the terminal and the browser alternated."""
    # As an installed wheel: pip byte-compiles the package when it installs it.
    compileall.compile_dir(ROOT / "quizapp", quiet=1)
    data_dir = work / "serve-data"
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            terminal_start(data_dir)  # the first start creates the data dir (untimed)
            serve_start(browser, data_dir)
            terminal, served = [], []
            for _ in range(repeat):  # alternated: a busy moment hits both
                terminal.append(terminal_start(data_dir))
                served.append(serve_start(browser, data_dir))
        finally:
            browser.close()
    serve_s, terminal_s = statistics.median(served), statistics.median(terminal)
    figures = {"serve_ratio": serve_s / terminal_s, "serve_s": serve_s, "terminal_s": terminal_s}
    return {key: round(value, 3) for key, value in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        print(json.dumps(measure(Path(work), args.repeat)))


if __name__ == "__main__":
    main()
