"""The real ``quizapp serve`` in a process of its own, and a browser tab on it (tests, bench)."""

from __future__ import annotations

import contextlib
import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, Playwright, Route

from quizapp.ui.serve import is_loopback


class Served:
    """A running ``quizapp serve``: its process and the address it printed."""

    def __init__(self, process: subprocess.Popen[str], url: str) -> None:
        self.process = process
        self.url = url
        self.port = int(url.rsplit(":", 1)[1])

    def app_pids(self) -> set[int]:
        """The app processes the server runs now, one per open tab (Linux /proc)."""
        pids: set[int] = set()
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            with open(task / "children") as children:
                pids.update(int(pid) for pid in children.read().split())
        return pids

    def interrupt(self) -> float:
        """Ctrl+C as a terminal sends it (SIGINT to the process group); seconds to exit."""
        started = time.monotonic()
        os.killpg(self.process.pid, signal.SIGINT)
        self.process.wait(timeout=15)
        return time.monotonic() - started


def wait_until_gone(pids: set[int], seconds: float = 10) -> set[int]:
    """The processes of ``pids`` still alive (zombies count as gone) after ``seconds``."""
    deadline = time.monotonic() + seconds
    alive = set(pids)
    while True:
        alive = {pid for pid in alive if _alive(pid)}
        if not alive or time.monotonic() >= deadline:
            return alive
        time.sleep(0.05)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def serve_command(data_dir: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "quizapp", "serve", "--data-dir", str(data_dir), *options]


@contextmanager
def serving(data_dir: Path, *options: str) -> Iterator[Served]:
    """``quizapp serve --port 0`` until the block ends (then SIGKILL if still running)."""
    process = subprocess.Popen(
        serve_command(data_dir, "--port", "0", *options),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a shell gives it
    )
    served: Served | None = None
    try:
        line = _first_line(process, seconds=30)
        match = re.search(r"http://\S+:\d+", line)
        assert match, f"no address in {line!r}; stderr: {_rest(process)}"
        served = Served(process, match.group(0))
        yield served
    finally:
        if process.poll() is None:
            _stop(process, served.app_pids() if served else set())
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def _stop(process: subprocess.Popen[str], apps: set[int]) -> None:
    """Ctrl+C; if that fails, kill the server and the apps (each in a session of its own)."""
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        for group in (process.pid, *apps):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGKILL)
        process.wait()


def _first_line(process: subprocess.Popen[str], seconds: float) -> str:
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout=seconds):
            raise AssertionError(f"quizapp serve printed nothing in {seconds} s")
    return process.stdout.readline()


def _rest(process: subprocess.Popen[str]) -> str:
    process.kill()
    _, err = process.communicate(timeout=10)
    return err


# -- a browser tab on it (Debian's chromium through Playwright) ------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
"""Debian's chromium; Playwright's own browser download cannot be reached from here."""

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# textual-serve's page draws the terminal (xterm.js) on a canvas: the DOM holds no text.
# xterm.js's Terminal assigns ``this._addonManager`` in its constructor; a setter on
# Object.prototype sees that assignment, keeps the Terminal and stores the value as usual.
TERMINAL_ROWS = """
Object.defineProperty(Object.prototype, "_addonManager", {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, "_addonManager", {
      value, writable: true, configurable: true, enumerable: true,
    });
    window.__terminal = this;
  },
});
window.__rows = () => {
  const terminal = window.__terminal;
  if (!terminal) return [];
  const buffer = terminal.buffer.active;
  const rows = [];
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows;
};
"""

SHOWS_TEXT = "text => window.__rows && window.__rows().join('\\n').includes(text)"
"""A predicate for ``page.wait_for_function(SHOWS_TEXT, arg=text)``."""


def launch_chromium(playwright: Playwright) -> Browser:
    assert CHROMIUM is not None, "no chromium executable on PATH (apt-get install chromium)"
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def new_tab(browser: Browser, block_outside: bool = True) -> tuple[Page, list[str]]:
    """A blank tab with the terminal reader; returns it and the list of requests blocked.

    With ``block_outside``, only this machine is reached: textual-serve's own page links a
    web font from the internet (quizapp's does not), and the terminal connects only once
    the page has loaded.
    """
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    blocked: list[str] = []

    def only_this_machine(route: Route) -> None:
        if is_loopback(urlsplit(route.request.url).hostname or ""):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    if block_outside:
        page.route("**/*", only_this_machine)
    page.add_init_script(TERMINAL_ROWS)
    return page, blocked


def open_tab(browser: Browser, url: str) -> tuple[Page, list[str]]:
    """A new tab on ``url`` (see ``new_tab``)."""
    page, blocked = new_tab(browser)
    page.goto(url)
    return page, blocked
