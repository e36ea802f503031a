"""Turning an imported draft into a question: every problem worded as the importer shows it,
and the text read the same whatever the file's line endings."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.core.bank.interchange.convert import (
    choice_label,
    clean_text,
    control_character,
    convert,
)
from quizapp.core.bank.interchange.draft import Draft
from quizapp.core.bank.interchange.source import InterchangeError, decode
from quizapp.core.bank.interchange.writer import open_user_bank
from quizapp.core.errors import Problem, QuizappError

LOOKUP = {"f.2": "F.2"}


def draft(**changes: object) -> Draft:
    fields: dict[str, object] = {
        "line": 7,
        "stem": "Which port?",
        "choices": ("104", "80", "443"),
        "correct": 0,
        "topic": "F.2",
    }
    fields.update(changes)
    return Draft(**fields)  # type: ignore[arg-type]


def problems_of(result: object) -> list[str]:
    assert isinstance(result, list)
    return [p.message for p in result if isinstance(p, Problem)]


def test_choices_are_lettered_a_to_e_then_numbered() -> None:
    assert [choice_label(i) for i in range(7)] == ["A", "B", "C", "D", "E", "6", "7"]


def test_a_question_without_a_topic_says_how_to_give_one() -> None:
    assert problems_of(convert(draft(topic=None), "q.csv", LOOKUP, None)) == [
        "no topic: name one in the file or give --topic"
    ]
    assert problems_of(convert(draft(topic=None, category="Misc"), "q.gift", LOOKUP, None)) == [
        "category 'Misc' is not an outline topic; name a topic in $CATEGORY or give --topic"
    ]


def test_each_field_with_a_control_character_is_named() -> None:
    result = convert(
        draft(explanation="Because\x07.", references=("PS3.8", "PS3.\x1b4")), "q.csv", LOOKUP, None
    )
    assert problems_of(result) == [
        "explanation: control character U+0007 is not allowed; remove it",
        "reference 2: control character U+001B is not allowed; remove it",
    ]
    assert control_character("tab\tand\nnewline") is None


def test_an_empty_stem_too_many_choices_and_an_empty_choice_are_each_said() -> None:
    result = convert(draft(stem="  ", choices=("a", "", "c", "d", "e", "f")), "q.csv", LOOKUP, None)
    assert problems_of(result) == [
        "the question has no text",
        "a question needs 3 to 5 choices, found 6",
        "choice B is empty",
    ]
    five = convert(draft(choices=("a", "b", "c", "d", "e")), "q.csv", LOOKUP, None)
    assert not isinstance(five, list)


def test_every_line_ending_is_read_as_a_newline() -> None:
    assert decode(b"a\r\nb\rc\nd", "q.txt") == "a\nb\nc\nd"


def test_a_byte_that_is_not_utf8_is_placed_on_its_line_counting_from_the_first() -> None:
    with pytest.raises(InterchangeError) as raised:
        decode(b"\nok\n\xff", "q.txt")
    assert [(p.line, p.message) for p in raised.value.problems] == [
        (3, "not valid UTF-8 (byte 0xff); save the file as UTF-8")
    ]


def test_text_is_trimmed_at_the_ends_of_lines_and_of_the_whole_only() -> None:
    assert clean_text("  first  \n    indented  \u2028last \n\n") == "first\n    indented\nlast"


def test_a_full_bank_is_refused_as_an_import_target_with_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "outline.yaml").write_text("domains: []\n", encoding="utf-8")
    with pytest.raises(QuizappError) as raised:
        open_user_bank(tmp_path)
    assert str(raised.value) == (
        f"{tmp_path} holds an outline.yaml: import writes a user bank (used with --bank DIR), "
        "not a full bank; choose another --out"
    )


def test_a_user_bank_that_does_not_exist_yet_is_empty(tmp_path: Path) -> None:
    bank = open_user_bank(tmp_path / "new")
    assert bank.questions == [] and bank.counts == {}
    assert bank.folder == tmp_path / "new" / "questions"
