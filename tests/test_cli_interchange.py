"""`quizapp import` and `quizapp export --bank-questions`: one line per problem, a user bank
the app loads, the README's examples, and clear errors for wrong arguments."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.bank.layout import bundled_bank_dir

README = Path(__file__).resolve().parents[1] / "README.md"
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<message>\S.*)$")


def line_numbers(lines: list[str]) -> list[str]:
    """The line number of each ``file:line: message`` line (each must be one)."""
    numbers = []
    for line in lines:
        match = LINE.match(line)
        assert match, line
        numbers.append(match["line"])
    return numbers


def readme_example(fmt: str) -> str:
    """The README's example file of a format (the code block after ``<!-- example: fmt -->``)."""
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"<!-- example: {fmt} -->\n```text\n(.*?)```", text, re.DOTALL)
    assert match, f"README.md has no example for {fmt}"
    return match.group(1)


@pytest.mark.parametrize("fmt", ["aiken", "gift", "csv"])
def test_the_readme_examples_import(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / f"example.{fmt}"
    source.write_text(readme_example(fmt), encoding="utf-8")
    out = tmp_path / "mine"
    topic = ["--topic", "F.2"] if fmt == "aiken" else []
    assert main(["import", str(source), "--format", fmt, "--out", str(out), *topic]) == 0
    captured = capsys.readouterr()
    assert "imported" in captured.out and captured.err == ""
    assert main(["validate", str(out)]) == 0
    assert main(["--bank", str(out), "validate"]) == 0
    assert "OK: " in capsys.readouterr().out


def test_import_then_export_only_the_user_bank(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "q.csv"
    source.write_text(readme_example("csv"), encoding="utf-8")
    out = tmp_path / "mine"
    assert main(["import", str(source), "--format", "csv", "--out", str(out)]) == 0
    exported = tmp_path / "mine.gift"
    assert (
        main(["export", "--format", "gift", "--bank-questions", str(out), "-o", str(exported)]) == 0
    )
    text = exported.read_text(encoding="utf-8")
    assert text.count("::f2-") == 2 and "$CATEGORY: CIIP/F.2 DICOM services" in text
    capsys.readouterr()
    again = [
        "--bank",
        str(out.resolve()),
        "export",
        "--format",
        "aiken",
        "--bank-questions",
        str(out),
    ]
    assert main(again) == 0  # the same bank named twice is loaded once
    assert capsys.readouterr().out.count("ANSWER: ") == 2
    assert main(["--bank", str(out), "export", "--format", "csv", "--bank-questions"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].startswith("topic,stem,choice_a")


def test_export_chooses_topics_and_formats(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "aiken", "--topic", "F.2", "Image compression"]) == 0
    aiken = capsys.readouterr().out
    assert aiken.count("ANSWER: ") > 10
    assert main(["export", "--format", "csv", "--bank-questions", "--topic", "F.3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("topic,stem,") and lines[1].startswith("F.3,")


def test_problems_are_listed_by_line_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad.gift"
    source.write_text(
        "Good {=a ~b ~c}\n\nTwo right {=a =b ~c}\n\nOpen {=a ~b ~c\n\nTrue?{TRUE}\n",
        encoding="utf-8",
    )
    out = tmp_path / "mine"
    args = ["import", str(source), "--format", "gift", "--out", str(out), "--topic", "F.2"]
    assert main(args) == 1
    err = capsys.readouterr().err.splitlines()
    assert line_numbers(err[:-1]) == ["3", "5"]
    assert err[-1].startswith("quizapp: 2 problem(s); nothing written to ")
    assert not out.exists()

    assert main([*args, "--skip-bad"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("imported 1 question(s) into ")
    assert line_numbers(captured.err.splitlines()[:-1]) == ["3", "5", "7"]
    assert "skipped: a true/false question" in captured.err


def test_wrong_arguments_give_one_usage_line(capsys: pytest.CaptureFixture[str]) -> None:
    cases = [
        (["export", "--format", "anki", "--bank-questions"], "anki is for missed questions"),
        (["export", "--topic", "F.2"], "--topic chooses bank questions: add --bank-questions"),
        (["import", "x.csv", "--format", "csv"], "the following arguments are required: --out"),
        (["import", "x.csv", "--format", "xml", "--out", "d"], "invalid choice: 'xml'"),
        (["export", "--format", "moodle"], "invalid choice: 'moodle'"),
    ]
    for argv, message in cases:
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2
        err = capsys.readouterr().err
        assert err.startswith("usage: quizapp") and message in err and "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--format", "gift", "--bank-questions"],
        ["export", "--format", "csv"],  # the history keeps the same rule
    ],
)
def test_an_unwritable_output_is_one_line(
    argv: list[str], tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for target in (tmp_path / "missing" / "out.txt", tmp_path):
        assert main([*argv, "-o", str(target)]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith(f"quizapp: cannot write {target}: ")


def test_one_line_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "q.txt"
    source.write_text("Q?\nA. a\nB. b\nC. c\nANSWER: A\n", encoding="utf-8")
    cases = [
        (
            ["import", str(tmp_path / "none.csv"), "--format", "csv", "--out", str(tmp_path / "o")],
            "quizapp: cannot read ",
        ),
        (
            ["import", str(source), "--format", "aiken", "--out", str(tmp_path / "o")],
            "quizapp: Aiken files name no topic: give --topic CODE",
        ),
        (
            [
                "import",
                str(source),
                "--format",
                "aiken",
                "--out",
                str(tmp_path / "o"),
                "--topic",
                "Q.7",
            ],
            "quizapp: unknown topic 'Q.7' for --topic",
        ),
        (
            [
                "import",
                str(source),
                "--format",
                "aiken",
                "--out",
                str(bundled_bank_dir()),
                "--topic",
                "F.2",
            ],
            "holds an outline.yaml",
        ),
        (["export", "--format", "gift", "--topic", "Q.7"], "quizapp: unknown topic 'Q.7'"),
    ]
    for argv, message in cases:
        assert main(argv) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and message in err[0], (argv, err)


def test_the_real_command_imports_without_a_traceback(tmp_path: Path) -> None:
    source = tmp_path / "bad.csv"
    source.write_bytes(b"stem,choice_a,choice_b,choice_c,answer\ncaf\xe9,a,b,c,A\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "quizapp",
            "import",
            str(source),
            "--format",
            "csv",
            "--out",
            str(tmp_path / "o"),
            "--topic",
            "F.2",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].endswith(
        "bad.csv:2: not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    )
