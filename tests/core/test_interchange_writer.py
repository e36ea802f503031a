"""How a question is written into a user bank's YAML: the bundled files' layout, so a
person can read and edit what an import wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.core.bank.interchange.writer import (
    INDENT,
    UserBank,
    add_questions,
    open_user_bank,
    question_data,
    render_items,
)
from quizapp.core.bank.loader import load_bank, load_question_file
from quizapp.core.bank.models import Outline, Question
from quizapp.core.errors import QuizappError


def question(**changes: object) -> Question:
    data: dict[str, object] = {
        "id": "f2-write",
        "topic": "F.2",
        "difficulty": 2,
        "stem": "Which port?",
        "choices": [{"text": "104", "correct": True}, {"text": "80"}, {"text": "None of these"}],
        "explanation": "Port 104.",
    }
    data.update(changes)
    return Question.model_validate(data)


def test_a_pinned_choice_is_written_pinned_and_others_leave_the_key_out() -> None:
    pinned = question(
        choices=[
            {"text": "104", "correct": True},
            {"text": "80"},
            {"text": "None of these", "pinned": True},
        ]
    )
    assert question_data(pinned)["choices"] == [
        {"text": "104", "correct": True},
        {"text": "80"},
        {"text": "None of these", "pinned": True},
    ]


def test_text_of_several_lines_ends_with_one_newline_as_a_block_does() -> None:
    assert question_data(question(stem="Line one\nline two"))["stem"] == "Line one\nline two\n"
    assert question_data(question(stem="One line"))["stem"] == "One line"
    # Text that ends with its newline already keeps exactly that one.
    assert question_data(question(stem="Line one\nline two\n"))["stem"] == "Line one\nline two\n"


def test_items_are_written_as_list_items_in_the_bundled_layout() -> None:
    text = render_items([question(stem="Café ¿ünïcode?")])
    assert text.startswith("  - id: f2-write\n    topic: F.2\n")  # an item, not a new list
    assert "    stem: Café ¿ünïcode?\n" in text  # as written, not \\u escapes
    assert "    choices:\n      - text: '104'\n        correct: true\n" in text


def test_long_text_is_folded_near_one_hundred_columns() -> None:
    words = " ".join(["word"] * 40)  # 199 characters
    lines = render_items([question(explanation=words)]).split("\n")
    folded = [line for line in lines if line.strip().startswith("word")]
    assert len(folded) >= 2
    # PyYAML breaks at the first space past the width: lines end near 100, none at 80
    assert 95 <= max(len(line) for line in lines) <= 110


def test_items_follow_the_indentation_of_the_file_they_are_added_to() -> None:
    at_top = render_items([question()], indent=0).split("\n")
    deeper = render_items([question()], indent=INDENT + 2).split("\n")
    usual = render_items([question()]).split("\n")
    assert at_top[0] == "- id: f2-write" and deeper[0] == "    - id: f2-write"
    for line, top, deep in zip(usual, at_top, deeper, strict=True):
        if line:
            assert top == line[INDENT:] and deep == "  " + line
        else:
            assert top == deep == ""  # blank lines stay blank
    assert "" in usual  # a blank line between parts is kept as is


def test_items_shift_by_a_single_column_too() -> None:
    usual = render_items([question()]).split("\n")
    odd = render_items([question()], indent=INDENT + 1).split("\n")
    assert odd == [" " + line if line else line for line in usual]


# --- adding to the files of a user bank ---


@pytest.fixture
def outline(mini_bank: Path) -> Outline:
    bank = load_bank(mini_bank).bank
    assert bank is not None
    return bank.outline


def a1(qid: str, stem: str = "Which port?") -> Question:
    return question(id=qid, topic="A.1", stem=stem)


def first_import(user: Path, outline: Outline) -> Path:
    """A user bank holding one question of A.1: its one file."""
    add_questions(open_user_bank(user), outline, [a1("a1-first")])
    [path] = (user / "questions").iterdir()
    return path


def test_a_file_saved_with_a_byte_order_mark_is_added_to_without_one(
    tmp_path: Path, outline: Outline
) -> None:
    user = tmp_path / "mine"
    path = first_import(user, outline)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # as a Windows editor saves it
    add_questions(open_user_bank(user), outline, [a1("a1-second", "Which other port?")])
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")
    loaded, problems = load_question_file(path, user_bank=True)
    assert not problems and [q.question.id for q in loaded] == ["a1-first", "a1-second"]


def test_a_file_that_cannot_be_read_stops_the_import_and_names_the_file(
    tmp_path: Path, outline: Outline
) -> None:
    user = tmp_path / "mine"
    path = first_import(user, outline)
    bank = open_user_bank(user)
    path.write_bytes(b"questions:\n  - \xff\n")  # spoiled after it was opened
    with pytest.raises(QuizappError) as raised:
        add_questions(bank, outline, [a1("a1-second", "Which other port?")])
    message = str(raised.value)
    assert message.startswith("cannot read ") and message.split(":")[0].endswith(path.name)
    assert "can't decode byte 0xff" in message
    assert path.read_bytes() == b"questions:\n  - \xff\n"  # nothing written


def test_a_user_bank_opened_before_it_exists_is_created_with_its_schema(
    tmp_path: Path, outline: Outline
) -> None:
    bank = UserBank(tmp_path / "new", tmp_path / "new" / "questions", [], {})
    [written] = add_questions(bank, outline, [a1("a1-first")])
    assert written == tmp_path / "new" / "questions" / "a1.yaml"
    assert (tmp_path / "new" / "schema" / "question_file.schema.json").is_file()
