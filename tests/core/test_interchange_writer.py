"""How a question is written into a user bank's YAML: the bundled files' layout, so a
person can read and edit what an import wrote."""

from __future__ import annotations

from quizapp.core.bank.interchange.writer import INDENT, question_data, render_items
from quizapp.core.bank.models import Question


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
