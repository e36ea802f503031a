"""Command line: validate, --json report, --version, usage errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quizapp import __version__
from quizapp.cli import main
from tests.conftest import outline_line, question_yaml, write_questions


def test_validate_clean_bank(mini_bank: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(mini_bank)]) == 0
    assert "OK: 6 question(s)" in capsys.readouterr().out


def test_validate_reports_file_and_line(
    mini_bank: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = question_yaml("a1-bad").replace("difficulty: 2", "difficulty: 7")
    write_questions(mini_bank / "questions" / "c.yaml", bad)
    assert main(["validate", str(mini_bank)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert out[0].endswith(
        "c.yaml:4: question 'a1-bad': difficulty: Input should be less than or equal to 3"
    )


def test_validate_json_report(mini_bank: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (mini_bank / "study_guide" / "b1.md").unlink()
    assert main(["validate", "--json", str(mini_bank)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["questions"] == 6
    assert report["by_domain"] == {"A": 4, "B": 2}
    assert report["by_topic"] == {"A.1": 2, "A.2": 2, "B.1": 2}
    assert report["topics_without_questions"] == []
    assert report["topics_without_study_guide"] == ["B.1"]
    assert report["answer_positions"] == {"1": 2, "2": 2, "3": 1, "4": 1}
    [problem] = report["problems"]
    assert problem["line"] == outline_line("b1.md") and problem["file"].endswith("outline.yaml")


def test_validate_single_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write_questions(tmp_path / "f2_x.yaml", question_yaml("f2-good", "F.2"))
    assert main(["validate", str(good)]) == 0
    bad = write_questions(tmp_path / "f2_y.yaml", question_yaml("f2-bad", "Q.2"))
    assert main(["validate", str(bad)]) == 1
    assert "unknown topic 'Q.2'" in capsys.readouterr().out


def test_validate_missing_path(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "/nonexistent/bank"]) == 2
    assert "no such file or directory" in capsys.readouterr().err


def test_extra_bank_option(
    mini_bank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = tmp_path / "extra"
    write_questions(extra / "x.yaml", question_yaml("a1-extra", "A.1"))
    assert main(["--bank", str(extra), "validate", str(mini_bank)]) == 0
    assert "OK: 7 question(s)" in capsys.readouterr().out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"quizapp {__version__}"


def test_wrong_arguments_give_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: quizapp") and "invalid choice: 'frobnicate'" in err


def test_python_dash_m_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "quizapp", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout.strip() == f"quizapp {__version__}"
