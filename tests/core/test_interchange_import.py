"""Importing into a user bank: files the loader reads, stable ids, re-imports, all-or-nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from quizapp.core.bank.bank import Bank
from quizapp.core.bank.interchange.importer import import_questions
from quizapp.core.bank.layout import bundled_bank_dir
from quizapp.core.bank.loader import load_bank
from quizapp.core.errors import InterchangeError, QuizappError

HEADER = "topic,stem,choice_a,choice_b,choice_c,choice_d,answer,explanation,references,difficulty\n"
ROWS = [
    "F.2,Which port does DICOM register?,80,104,2575,,B,IANA lists 104.,DICOM PS3.8 | RFC 6335,1\n",
    'F.2,"Which service retrieves\non the same association?",C-GET,C-MOVE,C-FIND,C-ECHO,A,,,\n',
    "Image compression,Which is lossless?,JPEG-LS,JPEG baseline,JPEG 2000 irreversible,,A,,,3\n",
]


@pytest.fixture(scope="module")
def bank() -> Bank:
    result = load_bank()
    assert result.bank is not None
    return result.bank


def write_csv(path: Path, *rows: str) -> Path:
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def user_bank(root: Path) -> Bank:
    """The user bank as the app loads it: beside the bundled one, with no problem."""
    result = load_bank(bundled_bank_dir(), [root])
    assert result.problems == [] and result.bank is not None
    return result.bank


def imported(root: Path) -> dict[str, str]:
    """Id -> stem of every question in the user bank ``root``."""
    bank = user_bank(root)
    return {
        qid: q.stem.strip()
        for qid, q in bank.questions.items()
        if Path(bank.sources[qid].file).resolve().is_relative_to(root.resolve())
    }


def f2_file(out: Path, text: str) -> Path:
    """A user bank ``out`` already holding a hand-written F.2 file with ``text``."""
    path = out / "questions" / "f2_dicom_services.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


FLOW_STYLE = (
    "questions: [{id: f2-mine, topic: F.2, difficulty: 2, stem: Mine?,\n"
    "  choices: [{text: a, correct: true}, {text: b}, {text: c}]}]\n"
)
"""A file whose questions are one flow-style list: nothing can be appended to it."""


def test_import_writes_one_file_per_topic_in_the_bundled_format(tmp_path: Path, bank: Bank) -> None:
    source = write_csv(tmp_path / "q.csv", *ROWS)
    out = tmp_path / "mine"
    report = import_questions(source, "csv", out, bank)
    assert len(report.added) == 3 and report.left_out == [] and report.skipped == []
    assert [p.name for p in report.files] == ["f2_dicom_services.yaml", "f3_compression.yaml"]
    for path in report.files:
        assert path.parent == out / "questions"
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0] == "# yaml-language-server: $schema=../schema/question_file.schema.json"
        assert lines[1] == "questions:" and lines[2].startswith("  - id: ")
    schema = json.loads((out / "schema" / "question_file.schema.json").read_text())
    assert schema["$defs"]["Question"]["required"] == [
        "id",
        "topic",
        "stem",
        "choices",
        "difficulty",
    ]
    questions = user_bank(out).questions
    ids = sorted(imported(out))
    assert all(re.fullmatch(r"f[23]-[0-9a-f]{10}", qid) for qid in ids)
    first = questions[report.added[0].id]
    assert first.explanation == "IANA lists 104." and first.references == [
        "DICOM PS3.8",
        "RFC 6335",
    ]
    assert first.difficulty == 1 and first.choices[1].correct
    second = questions[report.added[1].id]
    assert second.stem == "Which service retrieves\non the same association?\n"
    assert second.explanation == "" and second.references == [] and second.difficulty == 2
    assert questions[report.added[2].id].topic == "F.3"  # named by its topic's name


def test_ids_are_stable_and_unique(tmp_path: Path, bank: Bank) -> None:
    source = write_csv(tmp_path / "q.csv", *ROWS)
    one = import_questions(source, "csv", tmp_path / "one", bank)
    two = import_questions(source, "csv", tmp_path / "two", bank)
    assert [q.id for q in one.added] == [q.id for q in two.added]
    assert len({q.id for q in one.added}) == 3
    assert not {q.id for q in one.added} & set(bank.questions)


def test_importing_again_adds_only_what_is_new_and_keeps_hand_edits(
    tmp_path: Path, bank: Bank
) -> None:
    out = tmp_path / "mine"
    import_questions(write_csv(tmp_path / "q.csv", *ROWS[:2]), "csv", out, bank)
    f2 = out / "questions" / "f2_dicom_services.yaml"
    f2.write_text(f2.read_text() + "  # a note the author added\n", encoding="utf-8")
    before = imported(out)

    again = import_questions(write_csv(tmp_path / "all.csv", *ROWS), "csv", out, bank)
    assert [p.line for p in again.already] == [2, 3]
    assert "already in " in again.already[0].message and again.conflicts == []
    assert [q.topic for q in again.added] == ["F.3"]
    after = imported(out)
    assert set(before) < set(after) and len(after) == 3
    assert "# a note the author added" in f2.read_text()

    nothing = import_questions(write_csv(tmp_path / "all.csv", *ROWS), "csv", out, bank)
    assert nothing.added == [] and len(nothing.already) == 3 and nothing.files == []


def test_a_changed_answer_is_reported_not_applied(tmp_path: Path, bank: Bank) -> None:
    out = tmp_path / "mine"
    import_questions(write_csv(tmp_path / "q.csv", ROWS[0]), "csv", out, bank)
    changed = ROWS[0].replace(",B,", ",C,")
    report = import_questions(write_csv(tmp_path / "q2.csv", changed), "csv", out, bank)
    [conflict] = report.conflicts
    assert conflict.line == 2 and conflict.message.endswith(
        "with another right answer; not changed (edit that file to change it)"
    )
    assert conflict.file.endswith("q2.csv")
    assert report.added == []


def test_a_question_twice_in_one_file_is_added_once(tmp_path: Path, bank: Bank) -> None:
    report = import_questions(
        write_csv(tmp_path / "q.csv", ROWS[0], ROWS[0].upper()), "csv", tmp_path / "m", bank
    )
    assert len(report.added) == 1
    [conflict] = report.conflicts
    assert str(conflict).endswith(":3: the same question as line 2; added once")


def test_any_problem_writes_nothing_and_lists_every_problem(tmp_path: Path, bank: Bank) -> None:
    source = write_csv(
        tmp_path / "q.csv",
        ROWS[0],
        "Z.9,Unknown topic?,a,b,c,,A,,,\n",
        "F.2,Two choices?,a,b,,,A,,,\n",
        "F.2,Control\x1b[31m character?,a,b,c,,A,,,\n",
        "F.2,Same choice?,a,A,c,,A,,,\n",
    )
    out = tmp_path / "mine"
    with pytest.raises(InterchangeError) as caught:
        import_questions(source, "csv", out, bank)
    messages = [(p.line, p.message) for p in caught.value.problems]
    assert messages == [
        (3, "unknown topic 'Z.9' (not an outline code or name)"),
        (4, "a question needs 3 to 5 choices, found 2"),
        (5, "stem: control character U+001B is not allowed; remove it"),
        (6, "duplicate choice text: 'a'"),
    ]
    assert all(p.file.endswith("q.csv") for p in caught.value.problems)
    assert not out.exists()

    report = import_questions(source, "csv", out, bank, skip_bad=True)
    assert len(report.added) == 1 and len(report.left_out) == 4
    assert len(imported(out)) == 1


def test_topic_option_fills_what_the_file_leaves_out(tmp_path: Path, bank: Bank) -> None:
    source = tmp_path / "q.csv"
    source.write_text("stem,choice_a,choice_b,choice_c,answer\nQ?,a,b,c,B\n", encoding="utf-8")
    with pytest.raises(InterchangeError, match="missing column 'topic' \\(or give --topic\\)"):
        import_questions(source, "csv", tmp_path / "m", bank)
    report = import_questions(source, "csv", tmp_path / "m", bank, topic="j1")
    assert report.added[0].topic == "J.1" and report.added[0].id.startswith("j1-")
    with pytest.raises(QuizappError, match=r"unknown topic 'Z\.9' for --topic"):
        import_questions(source, "csv", tmp_path / "m", bank, topic="Z.9")


def test_aiken_needs_a_topic(tmp_path: Path, bank: Bank) -> None:
    source = tmp_path / "q.txt"
    source.write_text("Q?\nA. a\nB. b\nC. c\nANSWER: A\n", encoding="utf-8")
    with pytest.raises(QuizappError, match="Aiken files name no topic: give --topic CODE"):
        import_questions(source, "aiken", tmp_path / "m", bank)
    report = import_questions(source, "aiken", tmp_path / "m", bank, topic="Networking")
    assert report.added[0].topic == "G.1"


def test_gift_category_sets_the_topic_or_needs_the_option(tmp_path: Path, bank: Bank) -> None:
    source = tmp_path / "q.gift"
    source.write_text(
        "$CATEGORY: $course$/top/Week 3\n\nQ1 {=a ~b ~c}\n\n"
        "$CATEGORY: CIIP/G.4 Security\n\nQ2 {=a ~b ~c}\n",
        encoding="utf-8",
    )
    with pytest.raises(InterchangeError) as caught:
        import_questions(source, "gift", tmp_path / "m", bank)
    [problem] = caught.value.problems
    assert problem.line == 3 and problem.message.startswith(
        "category '$course$/top/Week 3' is not an outline topic"
    )
    report = import_questions(source, "gift", tmp_path / "m", bank, topic="A.1")
    assert [q.topic for q in report.added] == ["A.1", "G.4"]


def test_a_full_bank_or_a_file_is_not_an_output(tmp_path: Path, bank: Bank) -> None:
    source = write_csv(tmp_path / "q.csv", ROWS[0])
    with pytest.raises(QuizappError, match=r"holds an outline\.yaml"):
        import_questions(source, "csv", bundled_bank_dir(), bank)
    (tmp_path / "file").write_text("x")
    with pytest.raises(QuizappError, match="is not a directory"):
        import_questions(source, "csv", tmp_path / "file", bank)


def test_problems_already_in_the_user_bank_stop_the_import(tmp_path: Path, bank: Bank) -> None:
    out = tmp_path / "mine"
    (out / "questions").mkdir(parents=True)
    (out / "questions" / "broken.yaml").write_text("questions:\n  - id: [\n", encoding="utf-8")
    with pytest.raises(InterchangeError) as caught:
        import_questions(write_csv(tmp_path / "q.csv", ROWS[0]), "csv", out, bank)
    assert caught.value.problems[0].file.endswith("broken.yaml")


def test_a_bank_of_files_at_its_top_is_added_to_there(tmp_path: Path, bank: Bank) -> None:
    out = tmp_path / "flat"
    out.mkdir()
    (out / "mine.yaml").write_text(
        "questions:\n- id: f2-mine\n  topic: F.2\n  difficulty: 2\n  stem: Mine?\n  choices:\n"
        "  - text: a\n    correct: true\n  - text: b\n  - text: c\n",
        encoding="utf-8",
    )
    report = import_questions(write_csv(tmp_path / "q.csv", ROWS[0]), "csv", out, bank)
    [path] = report.files
    assert path == out / "f2_dicom_services.yaml"
    assert path.read_text().startswith("# yaml-language-server: $schema=schema/question_file")
    assert len(imported(out)) == 2


def test_appending_follows_the_files_own_indentation(tmp_path: Path, bank: Bank) -> None:
    out = tmp_path / "mine"
    hand = f2_file(
        out,
        "questions:\n- id: f2-mine\n  topic: F.2\n  difficulty: 2\n  stem: Mine?\n  choices:\n"
        "  - text: a\n    correct: true\n  - text: b\n  - text: c\n",
    )
    import_questions(write_csv(tmp_path / "q.csv", *ROWS[:2]), "csv", out, bank)
    assert len(imported(out)) == 3
    assert hand.read_text().startswith("questions:\n- id: f2-mine\n")


def test_a_file_that_cannot_be_added_to_is_left_alone(tmp_path: Path, bank: Bank) -> None:
    out = tmp_path / "mine"
    flow = f2_file(out, FLOW_STYLE)
    with pytest.raises(InterchangeError, match="cannot add questions here"):
        import_questions(write_csv(tmp_path / "q.csv", ROWS[0]), "csv", out, bank)
    assert flow.read_text() == FLOW_STYLE


@pytest.mark.parametrize("fmt", ["aiken", "gift", "csv"])
def test_a_file_without_questions_is_an_error(fmt: str, tmp_path: Path, bank: Bank) -> None:
    source = tmp_path / "empty.txt"
    source.write_text("\n// a GIFT comment\n\n" if fmt == "gift" else "\n  \n", encoding="utf-8")
    with pytest.raises(InterchangeError, match="no questions found"):
        import_questions(source, fmt, tmp_path / "m", bank, topic="F.2", skip_bad=True)
    assert not (tmp_path / "m").exists()


HAND_WRITTEN = (
    "questions:\n- id: f2-mine\n  topic: F.2\n  difficulty: 2\n  stem: Mine?\n  choices:\n"
    "  - text: a\n    correct: true\n  - text: b\n  - text: c"
)


def test_a_file_without_a_final_newline_is_added_to_on_a_line_of_its_own(
    tmp_path: Path, bank: Bank
) -> None:
    out = tmp_path / "mine"
    hand = f2_file(out, HAND_WRITTEN)  # no newline after the last line
    import_questions(write_csv(tmp_path / "q.csv", ROWS[0]), "csv", out, bank)
    text = hand.read_text(encoding="utf-8")
    assert text.startswith(HAND_WRITTEN + "\n\n- id: ")  # one newline added, then a blank line
    assert len(imported(out)) == 2


def test_a_file_already_ending_in_a_newline_gets_one_blank_line_before_the_new_items(
    tmp_path: Path, bank: Bank
) -> None:
    out = tmp_path / "mine"
    hand = f2_file(out, HAND_WRITTEN + "\n")
    import_questions(write_csv(tmp_path / "q.csv", ROWS[0]), "csv", out, bank)
    assert hand.read_text(encoding="utf-8").startswith(HAND_WRITTEN + "\n\n- id: ")


def test_a_file_that_cannot_be_added_to_is_named_with_what_to_do(
    tmp_path: Path, bank: Bank
) -> None:
    out = tmp_path / "mine"
    f2_file(out, FLOW_STYLE)
    with pytest.raises(InterchangeError) as raised:
        import_questions(write_csv(tmp_path / "q.csv", ROWS[0]), "csv", out, bank)
    [problem] = raised.value.problems
    assert problem.file.endswith("f2_dicom_services.yaml") and problem.line == 1
    assert problem.message == (
        "cannot add questions here: the file's 'questions:' list must come last, "
        "one question per '- ' item (move the file aside and import again)"
    )


def test_a_stale_schema_file_is_written_again_and_a_current_one_left_alone(
    tmp_path: Path, bank: Bank
) -> None:
    out = tmp_path / "mine"
    import_questions(write_csv(tmp_path / "q.csv", ROWS[0]), "csv", out, bank)
    [schema] = (out / "schema").iterdir()
    current = schema.read_text(encoding="utf-8")
    schema.write_text("{}", encoding="utf-8")
    import_questions(write_csv(tmp_path / "q2.csv", ROWS[1]), "csv", out, bank)
    assert schema.read_text(encoding="utf-8") == current
    before = schema.stat().st_ino  # a rewrite puts a new file in place
    import_questions(write_csv(tmp_path / "q3.csv", ROWS[2]), "csv", out, bank)
    assert schema.stat().st_ino == before  # not rewritten: it was already right
    schema.write_bytes(b"{\xff}")  # not even UTF-8: written again, never a crash
    row = ROWS[0].replace("does DICOM register", "is DICOM's registered one")
    import_questions(write_csv(tmp_path / "q4.csv", row), "csv", out, bank)
    assert schema.read_text(encoding="utf-8") == current


def test_written_files_indent_lists_and_keep_line_breaks_as_blocks(
    tmp_path: Path, bank: Bank
) -> None:
    """As the bundled files are written: list items indented under their key, and a text
    of several lines as a ``|`` block (never a quoted string full of ``\\n``)."""
    report = import_questions(write_csv(tmp_path / "q.csv", *ROWS[:2]), "csv", tmp_path / "m", bank)
    text = report.files[0].read_text(encoding="utf-8")
    assert "questions:\n  - id: " in text
    assert "    choices:\n      - text: '80'\n      - text: '104'\n        correct: true\n" in text
    assert "    references:\n      - DICOM PS3.8\n      - RFC 6335\n" in text
    assert "    stem: |\n      Which service retrieves\n      on the same association?\n" in text
