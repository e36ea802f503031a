"""Export after studying: the CSV gives the letter the candidate saw and the bank's
position; Anki notes read as paragraphs and carry the references."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import pytest

from quizapp import cli_stats
from quizapp.cli import main
from quizapp.core.bank.bank import Bank
from quizapp.core.bank.loader import load_bank_or_raise
from quizapp.ui.screens.drill import DrillScreen
from tests.ui.conftest import AppFactory


@pytest.fixture
def long_bank_for_cli(long_bank: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    def bank(root: Path | None = None, extra_banks: Sequence[Path] = ()) -> Bank:
        return load_bank_or_raise(long_bank, extra_banks)

    monkeypatch.setattr(cli_stats, "load_bank_or_raise", bank)
    return long_bank


async def test_export_after_a_drill(
    make_long_app: AppFactory,
    long_bank_for_cli: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    app = make_long_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_drill_topic("A.1")
        await pilot.pause()
        drill = app.screen
        assert isinstance(drill, DrillScreen)
        presented = drill.session.current
        # a wrong choice shown at a different place than in the bank
        display = next(
            d for d in range(4) if presented.order[d] != d and d != presented.correct_display_index
        )
        await pilot.press("abcd"[display])
        await pilot.pause()
    assert main(["export", "--format", "csv"]) == 0
    [row] = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert row["choice_shown"] == "ABCD"[display]
    assert row["choice_in_bank"] == str(presented.order[display] + 1)

    assert main(["export", "--format", "anki"]) == 0
    body = capsys.readouterr().out.split("#tags column:3\n")[1]
    [(front, back, _tags)] = list(csv.reader(io.StringIO(body)))
    assert "replaces its logging library. The service engineer" in front
    assert "changed with the upgrade, and any resale value of the array" in back
    assert "Check these in order:<br>- the AE title and port configured on the modality" in back
    assert "DICOM PS3.4" in back and "IHE RAD TF-2" in back
