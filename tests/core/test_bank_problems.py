"""Every problem of a bank with its file, line and message; study guides; the coverage report;
the bank's small look-ups; where the bundled bank is found."""

from __future__ import annotations

import os
from datetime import UTC
from pathlib import Path

import pytest

from quizapp.core.bank import layout
from quizapp.core.bank.coverage import coverage_report
from quizapp.core.bank.files import UnreadableFile, read_regular_file, walk_question_files
from quizapp.core.bank.loader import (
    load_bank,
    load_bank_or_raise,
    load_outline,
    load_question_file,
    question_files,
)
from quizapp.core.bank.schema import render, schema_documents, write_schemas
from quizapp.core.bank.study_guide import parse_study_guide
from quizapp.core.clock import utc_now
from quizapp.core.errors import BankError, Problem
from tests.conftest import MINI_OUTLINE, outline_line, question_yaml, write_questions


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Problems name files relative to the working directory: work in the temp dir."""
    monkeypatch.chdir(tmp_path)


def item(qid: str, topic: str = "A.1") -> str:
    return question_yaml(qid, topic)


# -- one question file -------------------------------------------------------------------


def test_each_item_is_checked_on_its_own_and_unknown_keys_are_named(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(
        "questions:\n  - 5\n  - id: 7\n    topic: A.1\n"
        + item("a1-ok").replace("  - ", "  - ", 1)
        + "extra: 1\nmore: 2\n"
    )
    loaded, problems = load_question_file(path)
    assert [(q.question.id, q.source.file, q.source.line) for q in loaded] == [
        ("a1-ok", "q.yaml", 5)
    ]
    assert problems == [
        Problem("q.yaml", 17, "unknown top-level key 'extra'"),
        Problem("q.yaml", 18, "unknown top-level key 'more'"),
        Problem("q.yaml", 2, "each question must be a mapping"),
        Problem("q.yaml", 3, "id: Input should be a valid string"),  # no id: no 'question ...'
        Problem("q.yaml", 3, "stem: Field required"),
        Problem("q.yaml", 3, "choices: Field required"),
        Problem("q.yaml", 3, "explanation: Field required"),
        Problem("q.yaml", 3, "references: Field required"),
        Problem("q.yaml", 3, "difficulty: Field required"),
    ]


def test_the_questions_key_must_hold_a_list(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text("x: 1\nquestions: 5\n")
    assert load_question_file(path) == (
        [],
        [
            Problem("q.yaml", 1, "unknown top-level key 'x'"),
            Problem("q.yaml", 2, "'questions' must be a non-empty list"),
        ],
    )
    path.write_text("questions: []\n")
    assert load_question_file(path)[1] == [
        Problem("q.yaml", 1, "'questions' must be a non-empty list")
    ]


def test_a_nested_error_names_its_path(tmp_path: Path) -> None:
    bad = item("a1-bad").replace("      - text: Option 2 of a1-bad", "      - text: ''")
    path = write_questions(tmp_path / "q.yaml", bad)
    assert load_question_file(path)[1] == [
        Problem(
            "q.yaml",
            10,
            "question 'a1-bad': choices.2.text: must not be blank",
        )
    ]


# -- the outline -------------------------------------------------------------------------------


def test_an_outline_that_cannot_be_used_says_why(tmp_path: Path) -> None:
    path = tmp_path / "outline.yaml"
    path.write_text("- 1\n")
    result = load_outline(path)
    assert (result.outline, result.problems) == (
        None,
        [Problem("outline.yaml", 1, "the outline must be a mapping")],
    )
    path.write_text("a: 1\nb: [\n")
    assert load_outline(path).problems == [
        Problem("outline.yaml", 3, "YAML syntax: did not find expected node content")
    ]
    start, end = MINI_OUTLINE.index("profiles:"), MINI_OUTLINE.index("default_profile:")
    path.write_text(MINI_OUTLINE[:start] + "profiles: []\n" + MINI_OUTLINE[end:])
    assert load_outline(path).problems == [
        Problem(
            "outline.yaml",
            outline_line("profiles:"),
            "profiles: List should have at least 1 item after validation, not 0",
        )
    ]


def test_a_good_outline_has_no_problems_and_knows_its_topic_lines(mini_bank: Path) -> None:
    result = load_outline(mini_bank / "outline.yaml")
    assert result.outline is not None and result.problems == []
    assert result.topic_lines == {
        "A.1": outline_line("code: A.1"),
        "A.2": outline_line("code: A.2"),
        "B.1": outline_line("code: B.1"),
    }
    assert len(set(result.topic_lines.values())) == 3


# -- a whole bank --------------------------------------------------------------------------


def test_a_bank_without_an_outline(tmp_path: Path) -> None:
    assert load_bank(tmp_path / "nowhere").problems == [
        Problem(os.path.join("nowhere", "outline.yaml"), 1, "outline file not found")
    ]
    assert load_bank(tmp_path / "nowhere").bank is None


def test_study_guides_missing_or_without_a_title_are_named(mini_bank: Path) -> None:
    (mini_bank / "study_guide" / "a2.md").unlink()
    (mini_bank / "study_guide" / "b1.md").write_text("No title here\n## A section\n")
    result = load_bank(mini_bank)
    assert result.bank is not None
    assert result.problems == [
        Problem(
            "bank/outline.yaml",
            outline_line("code: A.2"),
            "topic A.2: study guide study_guide/a2.md not found",
        ),
        Problem("bank/study_guide/b1.md", 1, "study guide has no '# Title' line"),
    ]
    assert sorted(result.bank.study_guides) == ["A.1"]
    assert not result.ok


def test_extra_banks_that_are_not_directories_are_named_and_the_rest_still_read(
    mini_bank: Path, tmp_path: Path
) -> None:
    (tmp_path / "not-a-dir").write_text("x")
    extra = tmp_path / "extra"
    write_questions(extra / "more.yaml", item("a1-extra"))
    result = load_bank(mini_bank, [tmp_path / "not-a-dir", tmp_path / "missing", extra])
    assert result.problems == [
        Problem("missing", 0, "no such directory (a bank must be a folder)"),
        Problem("not-a-dir", 0, "no such directory (a bank must be a folder)"),
    ]
    assert result.bank is not None and "a1-extra" in result.bank.questions


def test_a_stray_topic_does_not_stop_the_questions_after_it(mini_bank: Path) -> None:
    write_questions(
        mini_bank / "questions" / "c.yaml", item("z9-stray", "Z.9"), item("a1-after", "A.1")
    )
    result = load_bank(mini_bank)
    assert result.bank is not None and "a1-after" in result.bank.questions
    assert result.problems == [
        Problem(
            "bank/questions/c.yaml",
            2,
            "question 'z9-stray': unknown topic 'Z.9' (not in outline.yaml)",
        )
    ]


def test_only_yaml_files_are_question_files(tmp_path: Path) -> None:
    folder = tmp_path / "questions"
    (folder / "sub.yaml").mkdir(parents=True)  # a directory named like a file
    for name in ("a.yaml", "b.yml", "notes.txt"):
        (folder / name).write_text("x")
    assert [p.name for p in question_files(tmp_path)] == ["a.yaml", "b.yml"]


def test_loading_for_the_app_raises_every_problem_and_takes_the_extra_banks(
    mini_bank: Path, tmp_path: Path
) -> None:
    extra = tmp_path / "extra"
    write_questions(extra / "more.yaml", item("a1-extra"))
    assert "a1-extra" in load_bank_or_raise(mini_bank, [extra]).questions
    (mini_bank / "study_guide" / "a2.md").unlink()  # a bank with a problem but still a bank
    with pytest.raises(BankError) as caught:
        load_bank_or_raise(mini_bank)
    assert caught.value.problems == [
        Problem(
            "bank/outline.yaml",
            outline_line("code: A.2"),
            "topic A.2: study guide study_guide/a2.md not found",
        )
    ]
    with pytest.raises(BankError) as caught:
        load_bank_or_raise(tmp_path / "nowhere")
    assert str(caught.value) == "nowhere/outline.yaml:1: outline file not found"


# -- study guides ------------------------------------------------------------------------------


def test_a_study_guide_has_the_first_title_and_every_section(tmp_path: Path) -> None:
    path = tmp_path / "g.md"
    path.write_bytes("\ufeff# The title\nIntro\n## One\ntext\n# Not a title\n## Two \n".encode())
    guide = parse_study_guide("A.1", path, "g.md")
    assert not isinstance(guide, Problem)
    assert (guide.topic, guide.file, guide.title, guide.sections) == (
        "A.1",
        "g.md",
        "The title",
        ["One", "Two"],
    )


def test_a_study_guide_that_cannot_be_read_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "g.md"
    path.write_bytes(b"# caf\xe9\n")
    assert parse_study_guide("A.1", path, "g.md") == Problem(
        "g.md", 1, "not valid UTF-8 (byte 0xe9)"
    )
    path.write_bytes(b"# Title\n\nok\n\xff\n")
    assert parse_study_guide("A.1", path, "g.md") == Problem(
        "g.md", 4, "not valid UTF-8 (byte 0xff)"
    )
    path.write_bytes(b"\n# Title\n\xff\n")  # a newline as the very first byte counts too
    assert parse_study_guide("A.1", path, "g.md") == Problem(
        "g.md", 3, "not valid UTF-8 (byte 0xff)"
    )
    folder = tmp_path / "folder.md"
    folder.mkdir()
    assert parse_study_guide("A.1", folder, "folder.md") == Problem(
        "folder.md", 1, "cannot read study guide: a directory; only regular files are read"
    )


# -- the coverage report -------------------------------------------------------------------------

NO_LINT_FLAGS = {
    "flagged": [],
    "flags": {
        "all-none-above": 0,
        "article-cue": 0,
        "convergence": 0,
        "hedged-key": 0,
        "longest-key": 0,
        "negative-stem": 0,
        "number-cue": 0,
        "same-distractors": 0,
        "stale-waiver": 0,
        "stem-echo": 0,
    },
    "waived": 0,
}


def test_the_coverage_report_of_a_bank(mini_bank: Path) -> None:
    (mini_bank / "study_guide" / "a2.md").unlink()
    write_questions(
        mini_bank / "questions" / "b.yaml",
        question_yaml("b1-one", "B.1", 0),
        question_yaml("b1-two", "B.1", 0).replace("difficulty: 2", "difficulty: 3"),
    )
    (mini_bank / "questions" / "a.yaml").unlink()
    write_questions(mini_bank / "questions" / "a.yaml", question_yaml("a1-one", "A.1", 2))
    report = coverage_report(load_bank(mini_bank))
    assert report == {
        "questions": 3,
        "by_domain": {"A": 1, "B": 2},
        "by_topic": {"A.1": 1, "A.2": 0, "B.1": 2},
        "topics_without_questions": ["A.2"],
        "topics_without_study_guide": ["A.2"],
        "answer_positions": {"1": 2, "3": 1},
        "by_kind": {"applied": 3},
        "by_difficulty": {"2": 2, "3": 1},
        "profiles": [
            {
                "id": "mini",
                "name": "mini: 5 questions",
                "questions": 5,
                "minutes": 5,
                "minutes_basis": "assumption",
                "scored": None,
                "unscored": None,
                "source": "Mini board, exam page, example.org (2024-03)",
                "source_date": "2024-03",
                "default": True,
            },
            {
                "id": "mini-split",
                "name": "mini split: 6 questions (5 scored + 1 pilot)",
                "questions": 6,
                "minutes": 6,
                "minutes_basis": "assumption",
                "scored": 5,
                "unscored": 1,
                "source": "Mini board, exam page, example.org (2024-03)",
                "source_date": "2024-03",
                "default": False,
            },
        ],
        "lint": NO_LINT_FLAGS,
        "problems": [
            {
                "file": "bank/outline.yaml",
                "line": outline_line("code: A.2"),
                "message": "topic A.2: study guide study_guide/a2.md not found",
            }
        ],
    }


def test_the_coverage_report_without_a_bank(tmp_path: Path) -> None:
    assert coverage_report(load_bank(tmp_path / "nowhere")) == {
        "questions": 0,
        "by_domain": {},
        "by_topic": {},
        "topics_without_questions": [],
        "topics_without_study_guide": [],
        "answer_positions": {},
        "by_kind": {},
        "by_difficulty": {},
        "profiles": [],
        "lint": NO_LINT_FLAGS,
        "problems": [
            {"file": "nowhere/outline.yaml", "line": 1, "message": "outline file not found"}
        ],
    }


# -- look-ups, errors, the clock, where the bank is ------------------------------------------------


def test_the_bank_looks_up_domains_questions_and_guides(mini_bank: Path) -> None:
    bank = load_bank_or_raise(mini_bank)
    assert bank.domain("B").name == "Beta" and bank.outline.domain_of("A.2").code == "A"
    assert bank.outline.domain_of("B.1").code == "B"
    assert sorted(q.id for q in bank.questions_in_domain("A")) == [
        "a1-one",
        "a1-two",
        "a2-one",
        "a2-two",
    ]
    guide = bank.study_guide_for(bank.questions["a2-one"])
    assert guide is not None and guide.title == "A.2 Second topic"


def test_a_bank_error_lists_every_problem_in_order() -> None:
    problems = [Problem("b.yaml", 3, "late"), Problem("a.yaml", 9, "x"), Problem("a.yaml", 2, "y")]
    error = BankError(problems)
    assert error.problems == sorted(problems)
    assert str(error) == "a.yaml:2: y\na.yaml:9: x\nb.yaml:3: late"
    assert Problem("a.yaml", 2, "y").as_dict() == {"file": "a.yaml", "line": 2, "message": "y"}


def test_the_clock_is_in_utc() -> None:
    assert utc_now().tzinfo is UTC


def test_the_bundled_bank_is_found_installed_or_in_a_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site" / "quizapp"
    monkeypatch.setattr(layout, "__file__", str(package / "core" / "bank" / "layout.py"))
    assert layout.bundled_bank_dir() == tmp_path / "site" / "question_bank"  # a checkout
    (package / "question_bank").mkdir(parents=True)
    (tmp_path / "site" / "question_bank").mkdir()
    assert layout.bundled_bank_dir() == package / "question_bank"  # installed: inside


def test_the_schema_files_are_written_where_asked(tmp_path: Path) -> None:
    target = tmp_path / "new" / "schema"
    for _ in range(2):  # writing again over the same files is fine
        written = write_schemas(target)
        assert written == [target / name for name in schema_documents()]
    for name, schema in schema_documents().items():
        assert (target / name).read_text(encoding="utf-8") == render(schema)


def test_a_study_guide_saved_with_windows_line_endings_reads_as_one_saved_with_unix_ones(
    tmp_path: Path,
) -> None:
    path = tmp_path / "g.md"
    path.write_bytes(b"# The title\r\nIntro\r\n## One\r\ntext\r\n")
    guide = parse_study_guide("A.1", path, "g.md")
    assert not isinstance(guide, Problem)
    assert guide.markdown == "# The title\nIntro\n## One\ntext\n"
    assert (guide.title, guide.sections) == ("The title", ["One"])


# -- where question files are found --------------------------------------------------------------


def test_a_questions_folder_linked_outside_the_bank_is_refused_with_what_to_do(
    mini_bank: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    (mini_bank / "questions").rename(elsewhere)
    (mini_bank / "questions").symlink_to(elsewhere)
    assert walk_question_files(mini_bank) == (
        [],
        [(mini_bank / "questions", "links outside the bank; copy the files into the bank instead")],
    )


def test_a_folder_reached_twice_is_read_once_under_its_first_name(mini_bank: Path) -> None:
    """A link to a folder of the bank is refused, not read again; the walk goes on after it."""
    questions = mini_bank / "questions"
    (questions / "m").mkdir()
    (questions / "m" / "more.yaml").write_text(question_yaml("a1-more", "A.1"), encoding="utf-8")
    (questions / "z").symlink_to(questions / "m")  # the same folder again, named after it
    (questions / "k").symlink_to(questions)  # a loop, met before the rest is walked
    (questions / "n").mkdir()
    (questions / "n" / "last.yaml").write_text(question_yaml("a1-last", "A.1"), encoding="utf-8")
    files, refused = walk_question_files(mini_bank)
    assert [p.relative_to(questions).as_posix() for p in files] == [
        "a.yaml",
        "b.yaml",
        "m/more.yaml",
        "n/last.yaml",
    ]
    assert sorted((p.name, reason) for p, reason in refused) == [
        ("k", "is a link loop (a folder that contains itself)"),
        ("z", "is a link loop (a folder that contains itself)"),
    ]


def test_an_extra_bank_without_questions_is_named_without_a_line(
    mini_bank: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    (empty / "questions").mkdir(parents=True)
    result = load_bank(mini_bank, extra_banks=[empty])
    assert result.problems == [
        Problem(
            "empty",
            0,
            "no questions found: put question files (*.yaml) in its questions/ folder",
        )
    ]


def test_links_that_loop_dangle_or_leave_the_bank_are_each_named_and_the_walk_goes_on(
    mini_bank: Path, tmp_path: Path
) -> None:
    questions = mini_bank / "questions"
    outside = tmp_path / "outside.yaml"
    outside.write_text("questions: []\n", encoding="utf-8")
    (questions / "c1.yaml").symlink_to(questions / "c2.yaml")  # c1 -> c2 -> c1
    (questions / "c2.yaml").symlink_to(questions / "c1.yaml")
    (questions / "d.yaml").symlink_to(questions / "gone.yaml")
    (questions / "e.yaml").symlink_to(outside)
    (questions / "f").mkdir()  # walked after every refusal above
    (questions / "f" / "f.yaml").write_text(question_yaml("a1-f", "A.1"), encoding="utf-8")
    files, refused = walk_question_files(mini_bank)
    assert [p.relative_to(questions).as_posix() for p in files] == ["a.yaml", "b.yaml", "f/f.yaml"]
    assert sorted((p.name, reason) for p, reason in refused) == [
        ("c1.yaml", "is a link loop"),
        ("c2.yaml", "is a link loop"),
        ("d.yaml", "is a broken link"),
        ("e.yaml", f"links outside the bank (to {outside.resolve()})"),
    ]


def test_a_folder_that_cannot_be_listed_is_named_and_the_walk_goes_on(
    mini_bank: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    questions = mini_bank / "questions"
    for name in ("locked", "open"):
        (questions / name).mkdir()
        (questions / name / f"{name}.yaml").write_text(
            question_yaml(f"a1-{name}", "A.1"), encoding="utf-8"
        )
    scandir = os.scandir

    def refusing(path: Path) -> object:
        if Path(path).name == "locked":  # as for another user's folder
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    files, refused = walk_question_files(mini_bank)
    assert [p.relative_to(questions).as_posix() for p in files] == [
        "a.yaml",
        "b.yaml",
        "open/open.yaml",
    ]
    assert refused == [(questions / "locked", "cannot be listed: Permission denied")]


# -- reading one file ----------------------------------------------------------------------------


def test_only_a_regular_file_within_the_limit_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_bytes(b"x" * 100)
    assert read_regular_file(path, 100) == b"x" * 100  # exactly at the limit: all of it
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)  # reading it would wait forever
    with pytest.raises(UnreadableFile) as raised:
        read_regular_file(fifo, 100)
    assert str(raised.value) == "not a regular file; only regular files are read"
    with pytest.raises(UnreadableFile) as raised:
        read_regular_file(tmp_path / "missing.yaml", 100)
    assert str(raised.value) == "cannot read file: No such file or directory"


def test_a_file_over_the_limit_is_refused_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 1_050_000)
    with pytest.raises(UnreadableFile) as raised:
        read_regular_file(path, 1024 * 1024)
    assert str(raised.value) == "file is 1.1 MB; at most 1 MB is read"


def test_a_file_that_cannot_be_opened_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "q.yaml"
    path.write_bytes(b"questions: []\n")

    def denied(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")  # root reads anything: simulated

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(UnreadableFile) as raised:
        read_regular_file(path, 100)
    assert str(raised.value) == "cannot read file: Permission denied"


def test_a_file_that_grows_past_the_limit_while_it_is_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "q.yaml"
    limit = 1024 * 1024
    path.write_bytes(b"x" * (limit + 10))  # appended to after it was measured
    stat = Path.stat

    def measured_small(self: Path, **kwargs: bool) -> os.stat_result:
        info = stat(self, **kwargs)
        return os.stat_result((info.st_mode, *info[1:6], 10, *info[7:10]))

    monkeypatch.setattr(Path, "stat", measured_small)
    with pytest.raises(UnreadableFile) as raised:
        read_regular_file(path, limit)
    assert str(raised.value) == "file grew past 1 MB while being read"
