"""A bank is data from elsewhere: what it may name, link to and contain, and how big it is."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.bank.loader import load_bank
from quizapp.core.errors import Problem
from tests.conftest import question_yaml, write_questions

CORPUS = Path(__file__).parent / "corpus" / "bad_bank"


def outline_with_guide(root: Path, guide: str) -> None:
    text = (root / "outline.yaml").read_text()
    (root / "outline.yaml").write_text(text.replace("study_guide: a1.md", f"study_guide: {guide}"))


@pytest.mark.parametrize(
    ("stem", "fragment"),
    [
        ("48_stem_osc0_title", ":5: question 'f2-x': stem: contains the control character U+001B"),
        ("52_stem_c1_csi", "U+009B (CSI)"),
        ("53_stem_del", "U+007F (DEL)"),
        ("54_stem_binary_tag", "stem: must be text, not binary data (!!binary)"),
        ("57_stem_bidi_override", "U+202E"),
        ("58_id_trailing_newline", "id 'f2-x\\n' must use lowercase letters"),
        ("59_topic_trailing_newline", "must be an outline code"),
        ("60_correct_yes_string", "correct: Input should be a valid boolean"),
        ("61_correct_one", "correct: Input should be a valid boolean"),
        ("63_difficulty_text_float", "difficulty: Input should be a valid integer"),
        ("64_difficulty_float", "difficulty: Input should be a valid integer"),
        ("65_stem_only_spaces", "stem: must not be blank"),
        ("67_duplicate_choice_nbsp", "duplicate choice text: 'the first option'"),
        ("68_duplicate_choice_zero_width", "duplicate choice text: 'the first option'"),
        ("69_duplicate_choice_fullwidth", "duplicate choice text: 'the first option'"),
        ("74_choice_nul", "U+0000 (NUL)"),
    ],
)
def test_hostile_and_loose_text_is_named(
    stem: str, fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(CORPUS / f"{stem}.yaml")]) == 1
    out = capsys.readouterr().out
    assert fragment in out, out
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out


@pytest.mark.parametrize(
    "guide", ["../../../../etc/passwd", "/etc/passwd", "/proc/self/environ", "..\\\\x.md"]
)
def test_study_guide_paths_stay_inside_the_bank(mini_bank: Path, guide: str) -> None:
    outline_with_guide(mini_bank, guide)
    result = load_bank(mini_bank)
    assert result.bank is None
    [problem] = result.problems
    assert problem.file.endswith("outline.yaml") and problem.line > 1
    assert "must be a file name inside the bank's study_guide/ folder" in problem.message


def test_a_study_guide_folder_linked_outside_the_bank_is_refused(
    mini_bank: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    (mini_bank / "study_guide").rename(elsewhere)
    (mini_bank / "study_guide").symlink_to(elsewhere)
    problems = [str(p) for p in load_bank(mini_bank).problems]
    assert len(problems) == 3 and all("links outside the bank" in p for p in problems)


def test_a_study_guide_linked_outside_the_bank_is_refused(mini_bank: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret\n")
    (mini_bank / "study_guide" / "a1.md").unlink()
    (mini_bank / "study_guide" / "a1.md").symlink_to(secret)
    [problem] = [p for p in load_bank(mini_bank).problems if "links outside" in p.message]
    assert problem.message == "topic A.1: study guide study_guide/a1.md links outside the bank"
    outline = (mini_bank / "outline.yaml").read_text().splitlines()
    assert problem.file.endswith("outline.yaml") and "A.1" in outline[problem.line - 1]


def test_a_study_guide_with_an_escape_names_its_line(mini_bank: Path) -> None:
    (mini_bank / "study_guide" / "a1.md").write_text("# Title\n\nfine\nbad \x1b]0;x\x07 line\n")
    [problem] = load_bank(mini_bank).problems
    assert problem.file.endswith("a1.md") and problem.line == 4
    assert "U+001B (ESC)" in problem.message


def test_a_huge_study_guide_is_refused_without_reading_it(mini_bank: Path) -> None:
    guide = mini_bank / "study_guide" / "a1.md"
    with guide.open("r+b") as handle:
        handle.truncate(3 * 1024**3)  # sparse: 3 GiB on paper, nothing on disk
    started = time.perf_counter()
    [problem] = load_bank(mini_bank).problems
    assert "file is 3221.2 MB; at most 1 MB is read" in problem.message
    assert time.perf_counter() - started < 2


def test_a_questions_link_to_the_root_is_refused_at_once(mini_bank: Path) -> None:
    questions = mini_bank / "questions"
    for path in questions.iterdir():
        path.unlink()
    questions.rmdir()
    questions.symlink_to("/")
    started = time.perf_counter()
    result = load_bank(mini_bank)
    assert time.perf_counter() - started < 2
    assert any("links outside the bank" in str(p) for p in result.problems)


def test_link_loops_and_dangling_links_are_reported(mini_bank: Path) -> None:
    questions = mini_bank / "questions"
    (questions / "loop").symlink_to(questions)
    (questions / "gone.yaml").symlink_to(questions / "missing.yaml")
    problems = [str(p) for p in load_bank(mini_bank).problems]
    assert any(
        p.endswith("questions/loop: is a link loop (a folder that contains itself)")
        for p in problems
    ), problems
    assert any(p.endswith("gone.yaml: is a broken link") for p in problems), problems


def test_upper_case_and_yml_suffixes_are_question_files(mini_bank: Path) -> None:
    write_questions(mini_bank / "questions" / "more.YAML", question_yaml("a1-three", "A.1"))
    write_questions(mini_bank / "questions" / "other.yml", question_yaml("a1-four", "A.1"))
    result = load_bank(mini_bank)
    assert result.ok and {"a1-three", "a1-four"} <= set(result.bank.questions)  # type: ignore[union-attr]


def test_a_bank_without_questions_is_a_problem(
    mini_bank: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in (mini_bank / "questions").iterdir():
        path.unlink()
    assert main(["validate", str(mini_bank)]) == 1
    out = capsys.readouterr().out
    assert "no questions found" in out and ":0:" not in out and ":1:" not in out


def test_validate_dir_reports_ids_the_bundled_bank_already_has(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine"
    write_questions(
        mine / "questions" / "x.yaml", question_yaml("f2-presentation-context-contents", "F.2")
    )
    assert main(["validate", str(mine)]) == 1
    assert (
        "duplicate id 'f2-presentation-context-contents' (first defined at"
        in capsys.readouterr().out
    )


def test_an_empty_extra_bank_and_a_missing_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--bank", str(tmp_path / "nowhere"), "validate"]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'nowhere'}: no such directory" in out
    assert ":1:" not in out


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_only_regular_files_are_read(kind: str, tmp_path: Path) -> None:
    if kind == "fifo":
        target = tmp_path / "pipe.yaml"
        os.mkfifo(target)
    else:
        target = Path("/dev/zero")
    result = subprocess.run(
        [sys.executable, "-m", "quizapp", "validate", str(target)],
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )
    assert result.returncode == 1
    assert f"{target}:1: not a regular file; only regular files are read" in result.stdout
    assert "Traceback" not in result.stderr


def test_problems_never_print_control_characters() -> None:
    problem = Problem("x\x1b]0;t\x07.yaml", 2, "bad \x9b thing")
    assert str(problem) == "x\ufffd]0;t\ufffd.yaml:2: bad \ufffd thing"
    assert str(Problem("dir", 0, "no such directory")) == "dir: no such directory"
