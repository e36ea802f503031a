"""stats, export (round trip through a CSV reader), reset and config commands."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from quizapp import cli_stats
from quizapp.cli import main
from quizapp.core.bank.bank import Bank
from quizapp.core.bank.loader import load_bank_or_raise
from quizapp.core.progress.store import PROGRESS_FILE, ProgressStore


@pytest.fixture
def seeded(mini_bank: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The mini bank stands in for the bundled one; three answers are on file."""

    def mini(root: Path | None = None, extra_banks: Sequence[Path] = ()) -> Bank:
        return load_bank_or_raise(mini_bank, extra_banks)

    monkeypatch.setattr(cli_stats, "load_bank_or_raise", mini)
    store = ProgressStore(data_dir)
    store.record_answer("a1-one", 0, True, 10, "drill")
    store.record_answer("a2-two", 1, False, 20, "exam")
    store.annotate_answer(store.answers[-1].id, miss_reason="misread")
    store.record_answer("b1-one", 2, False, 30, "drill")
    return data_dir


def test_stats_table_and_json(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "Answered 3 (33% right); seen 3 of 6 questions" in out
    assert "A Alpha" in out
    assert "Answer 27 more questions across the domains for a projection." in out
    assert main(["stats", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["answered"] == 3 and report["correct"] == 1
    domains = {d["code"]: d for d in report["domains"]}
    assert domains["A"]["answered"] == 2 and domains["A"]["accuracy"] == 0.5
    # A: (1+1)/(2+2) = .5 at 40%; B: (0+1)/(1+2) = .333 at 60%
    assert report["readiness"]["projected"] == pytest.approx(0.4, abs=1e-4)
    assert report["readiness"]["held_back_by"] == []  # 3 answers: not enough evidence
    assert report["readiness"]["answers_needed"] == 27


def test_export_history_csv_round_trip(seeded: Path, tmp_path: Path) -> None:
    out = tmp_path / "history.csv"
    assert main(["export", "--format", "csv", "-o", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["question_id"], r["correct"], r["mode"]) for r in rows] == [
        ("a1-one", "yes", "drill"),
        ("a2-two", "no", "exam"),
        ("b1-one", "no", "drill"),
    ]
    assert rows[1]["miss_reason"] == "misread" and rows[1]["topic"] == "A.2"
    assert rows[2]["choice_in_bank"] == "3" and rows[2]["seconds"] == "30"
    assert rows[2]["choice_shown"] == ""  # recorded without the order it was shown in


def test_export_anki_missed_questions(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "anki"]) == 0
    text = capsys.readouterr().out
    header, body = text.split("#tags column:3\n")
    assert header == "#separator:Comma\n#html:true\n"
    notes = list(csv.reader(io.StringIO(body)))
    assert len(notes) == 2
    front, back, tags = next(n for n in notes if "a2-two" in n[2])
    assert "What is the answer to a2-two?" in front and "A. Option 0 of a2-two" in front
    assert back.startswith("<b>D. Option 3 of a2-two</b>")
    assert tags == "ciip A_2 a2-two"


def test_reset_keeps_a_backup(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = [a.id for a in ProgressStore(seeded).answers]
    assert len(before) == 3
    assert main(["reset"]) == 2  # no terminal, no --yes: refuses
    assert [a.id for a in ProgressStore(seeded).answers] == before
    assert main(["reset", "--yes"]) == 0
    assert not (seeded / PROGRESS_FILE).exists()
    assert not (seeded / "progress.journal").exists()
    assert ProgressStore(seeded).answers == []
    [backup] = seeded.glob("progress.backup-*.json")
    assert [a["id"] for a in json.loads(backup.read_text())["answers"]] == before


def test_config_exam_date(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "--exam-date", "2027-03-15"]) == 0
    assert "exam date: 2027-03-15" in capsys.readouterr().out
    assert ProgressStore(seeded).exam_date is not None
    assert main(["config", "--exam-date", "next week"]) == 2
    assert "is not a date" in capsys.readouterr().err
    assert main(["stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["exam_date"] == "2027-03-15"


def test_config_refuses_an_exam_date_in_the_past(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["config", "--exam-date", "2020-01-01"]) == 2
    assert "has passed" in capsys.readouterr().err
    assert ProgressStore(data_dir).exam_date is None
