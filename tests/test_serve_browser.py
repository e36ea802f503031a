"""``quizapp serve`` in a real browser: Debian's chromium, driven by Playwright.

The page's terminal (xterm.js, bundled in textual-serve's textual.js) is read through
the page: an init script keeps a reference to the Terminal as it is built, and
``window.__rows()`` returns its text rows (tests/serving.py). Every request to a host
other than this machine is blocked (and none is made), and each wait is for concrete
text with a timeout, never a sleep.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from quizapp.core.progress.store import ProgressStore
from tests.conftest import answers_on_disk
from tests.serving import (
    CHROMIUM,
    SHOWS_TEXT,
    launch_chromium,
    open_tab,
    serving,
    wait_until_gone,
)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium executable on PATH (Debian: apt-get install chromium)"
)

WAIT_S = 30


@pytest.fixture
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


def screen_text(page: Page) -> str:
    rows: list[str] = page.evaluate("window.__rows()")
    return "\n".join(rows)


def wait_for_text(page: Page, text: str) -> None:
    """Wait until the terminal shows ``text``; on a timeout, fail showing the screen."""
    try:
        page.wait_for_function(SHOWS_TEXT, arg=text, timeout=WAIT_S * 1000)
    except Exception:
        pytest.fail(f"{text!r} not shown in {WAIT_S} s; the screen:\n{screen_text(page)}")


def press(page: Page, *keys: str) -> None:
    page.focus(".xterm-helper-textarea")
    for key in keys:
        page.keyboard.press(key)


def start_drill(page: Page) -> None:
    """Home, then ``d``: tick the first domain (under "All domains") and start a drill of ten."""
    wait_for_text(page, "Practice exam")
    press(page, "d")
    wait_for_text(page, "Tick at least one topic")
    press(page, "ArrowDown")
    press(page, " ")
    wait_for_text(page, "questions match")
    press(page, "Control+s")
    wait_for_text(page, "Question 1 of 10")


def test_a_drill_answer_is_stored_and_the_palette_opens(browser: Browser, data_dir: Path) -> None:
    with serving(data_dir) as served:
        page, _ = open_tab(browser, served.url)
        start_drill(page)
        press(page, "1")
        wait_for_text(page, "How sure were you?")
        [answer] = answers_on_disk(data_dir)
        assert answer["mode"] == "drill"
        assert str(answer["question_id"]).startswith("a")  # the first domain, A
        press(page, "Control+p")
        wait_for_text(page, "exam: start full-length")


def test_two_tabs_answering_at_once_lose_nothing(browser: Browser, data_dir: Path) -> None:
    rounds = 5
    with serving(data_dir) as served:
        tabs = [open_tab(browser, served.url)[0] for _ in range(2)]
        for tab in tabs:
            start_drill(tab)
        for n in range(1, rounds + 1):
            for tab in tabs:  # both keys sent before either answer is on screen
                press(tab, "1")
            for tab in tabs:
                wait_for_text(tab, "How sure were you?")
                press(tab, "n")
            for tab in tabs:
                wait_for_text(tab, f"Question {n + 1} of 10")
    stored = answers_on_disk(data_dir)
    assert len(stored) == 2 * rounds
    assert len(ProgressStore(data_dir).answers) == 2 * rounds


def wait_for_the_clock_to_run(page: Page) -> None:
    """The exam clock, read once, shows another time within the wait."""
    match = re.search(r"⏱ \d+:\d\d:\d\d", screen_text(page))
    assert match, screen_text(page)
    page.wait_for_function(
        "shown => !window.__rows().join('\\n').includes(shown)",
        arg=match.group(0),
        timeout=WAIT_S * 1000,
    )


def test_an_exam_left_by_closing_the_tab_is_offered_again(browser: Browser, data_dir: Path) -> None:
    """Closing the tab is like killing the app: the next tab offers to resume the exam."""
    with serving(data_dir) as served:
        page, _ = open_tab(browser, served.url)
        wait_for_text(page, "Practice exam")
        press(page, "e")
        wait_for_text(page, "current: 160 questions")
        press(page, "Control+s")
        wait_for_text(page, "Question 1 of 160")
        press(page, "2")
        wait_for_text(page, "1 answered")
        wait_for_the_clock_to_run(page)
        apps = served.app_pids()
        page.close()
        assert wait_until_gone(apps) == set()

        again, _ = open_tab(browser, served.url)
        wait_for_text(again, "You have an exam in progress")
        wait_for_text(again, "Question 1 of 160, 1 answered")
        press(again, "r")
        wait_for_text(again, "Question 1 of 160  ·  1 answered")
        wait_for_the_clock_to_run(again)


def test_two_tabs_share_progress_and_ctrl_c_ends_them(browser: Browser, data_dir: Path) -> None:
    """Answer in one tab, see it in another; Ctrl+C ends the server and both apps."""
    store = ProgressStore(data_dir)
    store.record_answer("a1-define-current-state-before-rfp", 0, False, 5, "drill")
    with serving(data_dir) as served:
        first, blocked = open_tab(browser, served.url)
        wait_for_text(first, "over 1 answer ")
        press(first, "r")  # review weak areas: the miss comes back
        wait_for_text(first, "Why this question")
        press(first, "1")
        wait_for_text(first, "How sure were you?")  # the feedback: the answer is stored
        assert len(answers_on_disk(data_dir)) == 2

        second, _ = open_tab(browser, served.url)
        wait_for_text(second, "over 2 answers")
        apps = served.app_pids()
        assert len(apps) == 2

        assert served.interrupt() < 5
        assert served.process.returncode == 0
        assert wait_until_gone(apps, seconds=0) == set()
        for page in (first, second):  # textual.js shows its "Session ended." dialog
            page.wait_for_selector("body.-closed", state="attached", timeout=WAIT_S * 1000)
    assert blocked == []  # the page asks nothing of the internet, not even a font
    assert len(answers_on_disk(data_dir)) == 2
