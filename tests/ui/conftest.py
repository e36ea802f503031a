"""App fixtures: the mini bank, a temp progress file, a fake clock and a fixed seed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from quizapp.core.bank.loader import load_bank
from quizapp.core.progress.store import ProgressStore
from quizapp.ui.app import QuizApp
from tests.conftest import FakeClock

AppFactory = Callable[[], QuizApp]


@pytest.fixture
def make_app(mini_bank: Path, data_dir: Path, clock: FakeClock) -> AppFactory:
    """Build a fresh app on the same data dir, as a restart would."""

    def factory() -> QuizApp:
        result = load_bank(mini_bank)
        assert result.bank is not None and not result.problems
        return QuizApp(result.bank, ProgressStore(data_dir, clock), clock=clock, seed=42)

    return factory
