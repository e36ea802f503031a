"""The projection: shown only with enough evidence, and the same words on home, in the
statistics and from `quizapp stats`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from textual.widgets import Static

from quizapp import cli_stats
from quizapp.cli import main
from quizapp.core.bank.bank import Bank
from quizapp.core.bank.loader import load_bank_or_raise
from quizapp.core.progress.store import ProgressStore
from quizapp.ui.screens.stats import StatsScreen
from tests.ui.conftest import AppFactory


def standing(app: object) -> str:
    return str(app.screen.query_one("#home-standing", Static).content)  # type: ignore[attr-defined]


async def test_no_projection_from_no_answers(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = standing(app)
        assert "projected" not in text.lower()
        assert "held back" not in text
        assert "answer 30 more questions across the domains for a projection" in text
        assert "(s)" not in text
        assert "Accuracy -" not in text


async def test_a_few_answers_still_say_what_is_needed(
    make_app: AppFactory, progress: ProgressStore
) -> None:
    for n in range(5):
        progress.record_answer("a1-one", 0, n % 2 == 0, 10, "drill")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = standing(app)
        assert "answer 25 more questions" in text
        assert "Accuracy 60% over 5 answers" in text


async def test_home_statistics_and_cli_name_the_same_domains(
    make_app: AppFactory,
    progress: ProgressStore,
    mini_bank: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # enough evidence: 40 answers over both domains, B weaker
    for n in range(20):
        progress.record_answer("a1-one", 0, n % 4 != 0, 10, "drill")
        progress.record_answer("b1-one", 0, n % 2 == 0, 10, "drill")
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        home = standing(app)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        stats = str(app.screen.query_one("#stats-readiness", Static).content)

    def mini(root: Path | None = None, extra_banks: Sequence[Path] = ()) -> Bank:
        return load_bank_or_raise(mini_bank, extra_banks)

    monkeypatch.setattr(cli_stats, "load_bank_or_raise", mini)
    assert main(["stats"]) == 0
    cli = capsys.readouterr().out
    sentence = "held back most by B, A"
    assert sentence in home
    assert sentence in cli
    assert "held back most by B Beta" in stats or sentence in stats
