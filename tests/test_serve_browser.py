"""``quizapp serve`` in a real browser: Debian's chromium, driven by Playwright.

The page's terminal (xterm.js, bundled in textual-serve's textual.js) is read through
the page: an init script keeps a reference to the Terminal as it is built, and
``window.__rows()`` returns its text rows. Every request to a host other than this
machine is blocked (the page asks for a web font), and each wait is for concrete text
with a timeout, never a sleep.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

from quizapp.core.progress.store import ProgressStore
from quizapp.ui.serve import is_loopback
from tests.conftest import answers_on_disk
from tests.serving import serving, wait_until_gone

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium executable on PATH (Debian: apt-get install chromium)"
)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# xterm.js's Terminal assigns ``this._addonManager`` in its constructor: a setter on
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

WAIT_S = 30


@pytest.fixture
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_tab(browser: Browser, url: str) -> tuple[Page, list[str]]:
    """A new tab on ``url`` with the terminal reader; returns it and the blocked requests."""
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    blocked: list[str] = []

    def only_this_machine(route: Route) -> None:
        if is_loopback(urlsplit(route.request.url).hostname or ""):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_machine)
    page.add_init_script(TERMINAL_ROWS)
    page.goto(url)
    return page, blocked


def screen_text(page: Page) -> str:
    rows: list[str] = page.evaluate("window.__rows()")
    return "\n".join(rows)


def wait_for_text(page: Page, text: str) -> None:
    """Wait until the terminal shows ``text``; on a timeout, fail showing the screen."""
    try:
        page.wait_for_function(
            "text => window.__rows && window.__rows().join('\\n').includes(text)",
            arg=text,
            timeout=WAIT_S * 1000,
        )
    except Exception:
        pytest.fail(f"{text!r} not shown in {WAIT_S} s; the screen:\n{screen_text(page)}")


def press(page: Page, *keys: str) -> None:
    page.focus(".xterm-helper-textarea")
    for key in keys:
        page.keyboard.press(key)


def test_two_tabs_share_progress_and_ctrl_c_ends_them(browser: Browser, data_dir: Path) -> None:
    """Answer in one tab, see it in another; Ctrl+C ends the server and both apps."""
    store = ProgressStore(data_dir)
    store.record_answer("a1-define-current-state-before-rfp", 0, False, 5, "drill")
    with serving(data_dir) as served:
        first, blocked = open_tab(browser, served.url)
        wait_for_text(first, "over 1 answer(s)")
        press(first, "r")  # review weak areas: the miss comes back
        wait_for_text(first, "Why this question")
        press(first, "1")
        wait_for_text(first, "How sure were you?")  # the feedback: the answer is stored
        assert len(answers_on_disk(data_dir)) == 2

        second, _ = open_tab(browser, served.url)
        wait_for_text(second, "over 2 answer(s)")
        apps = served.app_pids()
        assert len(apps) == 2

        assert served.interrupt() < 5
        assert served.process.returncode == 0
        assert wait_until_gone(apps, seconds=0) == set()
        for page in (first, second):  # textual.js shows its "Session ended." dialog
            page.wait_for_selector("body.-closed", state="attached", timeout=WAIT_S * 1000)
    assert blocked and all("fonts.googleapis.com" in url for url in blocked)
    assert len(answers_on_disk(data_dir)) == 2
