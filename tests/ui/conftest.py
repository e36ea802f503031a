"""App fixtures: the mini bank, a temp progress file, a fake clock and a fixed seed."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from quizapp.core.bank.loader import bundled_bank_dir, load_bank
from quizapp.core.progress.store import ProgressStore
from quizapp.ui.app import QuizApp, StudyData
from tests.conftest import FakeClock

AppFactory = Callable[[], QuizApp]


async def until_loaded(pilot: Pilot[Any], seconds: float = 10) -> None:
    """Wait (on the test's side, never the app's) until the worker has opened the data."""
    app = pilot.app
    assert isinstance(app, QuizApp)
    deadline = asyncio.get_running_loop().time() + seconds
    while not app.loaded:
        assert asyncio.get_running_loop().time() < deadline, "the data never opened"
        await pilot.pause(0.01)
    await pilot.pause()


class OpenedQuizApp(QuizApp):
    """The app as a test of a screen wants it: ``run_test`` returns once the data is open."""

    @asynccontextmanager
    async def run_test(self, *args: Any, **kwargs: Any) -> AsyncIterator[Pilot[None]]:  # type: ignore[override]
        async with super().run_test(*args, **kwargs) as pilot:
            await until_loaded(pilot)
            yield pilot


def opener_for(bank_root: Path, data_dir: Path, clock: FakeClock) -> Callable[[], StudyData]:
    """What the worker runs: load the bank, open the store (on the worker's thread)."""

    def open_data() -> StudyData:
        result = load_bank(bank_root)
        assert result.bank is not None and not result.problems
        return StudyData(result.bank, ProgressStore(data_dir, clock))

    return open_data


@pytest.fixture
def make_app(mini_bank: Path, data_dir: Path, clock: FakeClock) -> AppFactory:
    """Build a fresh app on the same data dir, as a restart would."""

    def factory() -> QuizApp:
        return OpenedQuizApp(opener_for(mini_bank, data_dir, clock), clock=clock, seed=42)

    return factory


@pytest.fixture
def make_long_app(long_bank: Path, data_dir: Path, clock: FakeClock) -> AppFactory:
    """The same on the bank of 30 long, hard-wrapped questions (``long_bank``)."""

    def factory() -> QuizApp:
        return OpenedQuizApp(opener_for(long_bank, data_dir, clock), clock=clock, seed=42)

    return factory


@pytest.fixture
def make_concept_app(concept_bank: Path, data_dir: Path, clock: FakeClock) -> AppFactory:
    """The long bank where two questions of different domains test one concept."""

    def factory() -> QuizApp:
        return OpenedQuizApp(opener_for(concept_bank, data_dir, clock), clock=clock, seed=42)

    return factory


@pytest.fixture
def make_real_app(data_dir: Path, clock: FakeClock) -> AppFactory:
    """The app on the bundled bank: real names and stems, for layouts at real sizes."""

    def factory() -> QuizApp:
        return OpenedQuizApp(opener_for(bundled_bank_dir(), data_dir, clock), clock=clock, seed=7)

    return factory


@pytest.fixture
def progress(data_dir: Path, clock: FakeClock) -> ProgressStore:
    """Progress written before the app starts (a second instance, as the CLI would be)."""
    return ProgressStore(data_dir, clock)


def after_load(
    run_before: Callable[[Pilot[Any]], Any] | None = None,
) -> Callable[[Pilot[Any]], Any]:
    """For ``snap_compare``: wait until the data is open, then run ``run_before``."""

    async def run(pilot: Pilot[Any]) -> None:
        await until_loaded(pilot)
        if run_before is not None:
            result = run_before(pilot)
            if asyncio.iscoroutine(result):
                await result

    return run
