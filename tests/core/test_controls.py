"""Control characters from files: named where they are, shown as U+FFFD, and how choices compare."""

from __future__ import annotations

import pytest

from quizapp.core.controls import check_text, comparable, control_character, printable
from quizapp.core.errors import Problem


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("plain text\twith a tab\nand a newline", None),
        ("\x1b[2J", (0, "U+001B (ESC)")),
        ("ring\x07", (4, "U+0007 (BEL)")),
        ("a\x00", (1, "U+0000 (NUL)")),
        ("a\x7f", (1, "U+007F (DEL)")),
        ("a\x9b", (1, "U+009B (CSI)")),
        ("a\rb", (1, "U+000D (CR)")),
        ("a\x01", (1, "U+0001")),  # no common name
        ("abc\u202e", (3, "U+202E")),  # a bidirectional override
    ],
)
def test_the_first_control_character_is_named(text: str, found: tuple[int, str] | None) -> None:
    assert control_character(text) == found


def test_check_text_says_which_character_and_on_which_line() -> None:
    assert check_text("fine\ntext") == "fine\ntext"
    with pytest.raises(ValueError) as caught:
        check_text("ring\x07")
    assert str(caught.value) == "contains the control character U+0007 (BEL); remove it"
    with pytest.raises(ValueError) as caught:
        check_text("one\ntwo\x1b[0m\nthree")
    assert str(caught.value) == (
        "contains the control character U+001B (ESC) on its line 2; remove it"
    )
    with pytest.raises(ValueError) as caught:
        check_text("\x01one\ntwo")
    assert str(caught.value) == "contains the control character U+0001 on its line 1; remove it"
    with pytest.raises(ValueError) as caught:
        check_text("\nsecond\x07")  # a text that starts with its line break
    assert str(caught.value) == (
        "contains the control character U+0007 (BEL) on its line 2; remove it"
    )


def test_printable_replaces_each_control_character_but_tab_and_newline() -> None:
    assert printable("a\x1b[31mb\tc\n\u202ed") == "a\ufffd[31mb\tc\n\ufffdd"


def test_choices_compare_as_a_reader_sees_them() -> None:
    assert comparable("\uff26ull\u00a0 width\u200b  Text ") == "full width text"
    assert comparable("DICOM  C-STORE") == comparable("dicom c-store")


def test_a_problem_is_shown_with_its_line_unless_it_is_about_a_whole_path() -> None:
    assert str(Problem("q.yaml", 3, "bad")) == "q.yaml:3: bad"
    assert str(Problem("bank", 0, "missing")) == "bank: missing"
    assert str(Problem("q.yaml", 1, "a \x1b title")) == "q.yaml:1: a \ufffd title"
