"""Every malformed bank file gives one-line `file:line: message` errors, exit 1, fast, safely."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quizapp.cli import main

CORPUS = Path(__file__).parent / "corpus" / "bad_bank"
FILES = sorted(CORPUS.glob("*.yaml"))
LINE = re.compile(r"^(?P<file>.+\.yaml):(?P<line>\d+): (?P<message>\S.*)$")


def test_corpus_is_large_enough() -> None:
    assert len(FILES) >= 72  # 47 before the hardening round, 29 added with it


# What only the bundled bank must have: a user bank may leave it out.
BUNDLED_ONLY = {"14_missing_explanation", "15_missing_references", "34_references_empty"}


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_each_bad_file_is_reported(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The corpus is of bundled-bank files: checked by the bundled rules (``--bundled``)."""
    started = time.perf_counter()
    assert main(["validate", "--bundled", str(path)]) == 1
    elapsed = time.perf_counter() - started
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    assert lines, f"no problem reported for {path.name}"
    for line in lines:
        match = LINE.match(line)
        assert match, line
        assert match["file"].endswith(path.name)
        assert int(match["line"]) >= 1
    assert "Traceback" not in out + err
    assert elapsed < 5.0  # a pathological file (alias bomb, deep nesting) is refused, not parsed


@pytest.mark.parametrize("stem", sorted(BUNDLED_ONLY))
def test_a_user_bank_may_leave_out_what_only_the_bundled_bank_needs(
    stem: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(CORPUS / f"{stem}.yaml")]) == 0
    assert "OK: 1 question(s)" in capsys.readouterr().out


def test_python_tags_execute_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    evil = tmp_path / "evil.yaml"
    evil.write_text(f"questions: !!python/object/apply:os.system ['touch {marker}']\n")
    assert main(["validate", str(evil)]) == 1
    assert not marker.exists()


def test_fifty_megabyte_file_is_refused_quickly(tmp_path: Path) -> None:
    big = tmp_path / "huge.yaml"
    with big.open("w") as handle:
        handle.write("questions:\n")
        line = "  - id: f2-x\n" * 1000
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(line)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "quizapp", "validate", str(big)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "huge.yaml:1: file is 52.4 MB" in result.stdout
    assert "Traceback" not in result.stderr
    assert time.perf_counter() - started < 5  # includes interpreter start-up


def test_specific_messages(capsys: pytest.CaptureFixture[str]) -> None:
    expected = {
        "03_tab_indent": ":2: tab used for indentation",
        "21_two_correct": ":2: question 'f2-x': exactly one choice must be correct, found 2",
        "22_no_correct": ":2: question 'f2-x': exactly one choice must be correct, found 0",
        "19_unknown_topic": ":2: question 'f2-x': unknown topic 'Z.9'",
        "32_duplicate_ids_one_file": ":14: duplicate id 'f2-dup' (first defined at ",
        "39_alias_bomb": ":1: document expands to more than",
        "41_duplicate_key": ":5: duplicate key 'difficulty'",
        "45_latin1": ":5: not valid UTF-8 (byte 0xe9)",
        "04_empty": ":1: file is empty",
        "06_list_top_level": ":1: expected a mapping with a 'questions:' list, found list",
    }
    for stem, fragment in expected.items():
        main(["validate", "--bundled", str(CORPUS / f"{stem}.yaml")])
        out = capsys.readouterr().out
        assert fragment in out, (stem, out)
