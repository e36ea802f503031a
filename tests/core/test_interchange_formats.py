"""Aiken, GIFT and CSV readers and writers: what each reads, and each malformed case by line."""

from __future__ import annotations

import pytest

from quizapp.core.bank.interchange.aiken import parse_aiken, write_aiken
from quizapp.core.bank.interchange.csv_format import parse_csv, write_csv
from quizapp.core.bank.interchange.draft import Parsed
from quizapp.core.bank.interchange.gift import parse_gift, split_references, write_gift
from quizapp.core.bank.interchange.gift_text import escape
from quizapp.core.bank.interchange.source import decode
from quizapp.core.bank.models import Choice, Question
from quizapp.core.errors import InterchangeError


def problems(parsed: Parsed) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in parsed.problems]


def question(**changes: object) -> Question:
    data: dict[str, object] = {
        "id": "f2-x",
        "topic": "F.2",
        "stem": "Which port?",
        "choices": [Choice(text="80"), Choice(text="104", correct=True), Choice(text="2575")],
        "explanation": "IANA lists 104.",
        "references": ["DICOM PS3.8"],
        "difficulty": 1,
    }
    data.update(changes)
    return Question.model_validate(data)


# --- Aiken ---

AIKEN = """\
Which port does DICOM register with IANA?
A. 80
B) 104
C. 2575
ANSWER: B

A stem on
two lines?
A. one
B. two
C. three
answer: c
"""


def test_aiken_reads_questions_choices_and_answer() -> None:
    parsed = parse_aiken(AIKEN, "q.txt")
    assert parsed.problems == []
    first, second = parsed.drafts
    assert (first.line, first.stem, first.choices, first.correct) == (
        1,
        "Which port does DICOM register with IANA?",
        ("80", "104", "2575"),
        1,
    )
    assert (second.line, second.stem, second.correct) == (7, "A stem on\ntwo lines?", 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Q?\nA. a\nB. b\nC. c\n", [(1, "the question has no 'ANSWER: X' line after its choices")]),
        (
            "Q?\nA. a\nB. b\nC. c\n\nNext?\nA. x\nB. y\nC. z\nANSWER: A\n",
            [(1, "the question has no 'ANSWER: X' line after its choices")],
        ),
        (
            "Q?\nA. a\nB. b\nC. c\nANSWER: E\n",
            [(5, "the answer 'E' names no choice (the choices are A, B, C)")],
        ),
        (
            "Q?\nA. a\nB. b\nC. c\nANSWER:\n",
            [(5, "the answer 'nothing' names no choice (the choices are A, B, C)")],
        ),
        ("Q?\nA. a\nA. b\nC. c\nANSWER: A\n", [(3, "choice A appears twice")]),
        ("Q?\n\nANSWER: A\n", [(3, "'ANSWER:' before any choice")]),
        ("ANSWER: A\n", [(1, "'ANSWER:' without a question before it")]),
        (
            "Q?\n\nNext?\nA. a\nB. b\nC. c\nANSWER: A\n",
            [(1, "the question has no choices ('A. ...', 'B. ...')")],
        ),
    ],
)
def test_aiken_problems_name_their_line(text: str, expected: list[tuple[int, str]]) -> None:
    parsed = parse_aiken(text, "q.txt")
    assert problems(parsed) == expected


def test_aiken_writes_one_line_per_stem_and_choice() -> None:
    text = write_aiken([question(stem="Which\nport?")])
    assert text == "Which port?\nA. 80\nB. 104\nC. 2575\nANSWER: B\n"
    [draft] = parse_aiken(text, "q.txt").drafts
    assert draft.choices == ("80", "104", "2575") and draft.correct == 1


# --- GIFT ---


def test_gift_escapes_every_special_character_both_ways() -> None:
    text = "a~b=c#d{e}f:g\\h\nnext line \\n stays"
    assert escape(text) == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\nnext line \\\\n stays"
    gift = f"::t::{escape(text)}{{={escape('right #1')} ~{escape('{wrong}')} ~{escape('a:b')}}}"
    [draft] = parse_gift(gift, "q.gift").drafts
    assert draft.stem == text
    assert draft.choices == ("right #1", "{wrong}", "a:b")


GIFT = """\
$CATEGORY: $course$/top/F.2

// [tag:difficulty-3] [tag:kind-recall] [tag:dicom]
::Q1::[markdown]Which service retrieves on the requester's own association?{
    =C-GET#The images come back on the same association.
    ~C-MOVE#It opens a new association.
    ~C-FIND
    ####C-GET is the answer.\\n\\nReferences\\:\\n- DICOM PS3.4 Annex C
}

Grant is {~buried =entombed ~living} in Grant's tomb.

[html]<p>Which is <b>right</b>?</p>{~<p>A &amp; B</p> ~C ~%0%D ~%100%E}

Q {=a =b ~c}
"""


def test_gift_reads_titles_categories_feedback_tags_and_formats() -> None:
    parsed = parse_gift(GIFT, "q.gift")
    first, missing_word, html = parsed.drafts
    assert first.line == 4 and first.category == "$course$/top/F.2"
    assert missing_word.category == first.category
    assert first.stem == "Which service retrieves on the requester's own association?"
    assert first.choices == ("C-GET", "C-MOVE", "C-FIND") and first.correct == 0
    assert first.explanation == (
        "C-GET is the answer.\n\n"
        "C-GET: The images come back on the same association.\n"
        "C-MOVE: It opens a new association."
    )
    assert first.references == ("DICOM PS3.4 Annex C",)
    assert (first.difficulty, first.kind, first.tags) == (3, "recall", ("dicom",))
    assert missing_word.stem == "Grant is _____ in Grant's tomb." and missing_word.correct == 1
    assert html.stem == "Which is right?"
    assert html.choices == ("A & B", "C", "D", "E") and html.correct == 3
    assert problems(parsed) == [(15, "a second right answer ('='); a question has exactly one")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Q {=a =b ~c}\n", (1, "a second right answer ('='); a question has exactly one")),
        ("Q {\n=a\n~b\n=c\n}\n", (4, "a second right answer ('='); a question has exactly one")),
        ("Q {~a ~b ~c}\n", (1, "no right answer: mark the right choice with '='")),
        ("Q {\n=a\n~b\n~c\n", (1, "unbalanced braces: this '{' is never closed")),
        ("Q } {=a ~b ~c}\n", (1, "unbalanced braces: '}' without a '{' before it")),
        (
            "Q\n{=a ~b {~c}\n",
            (2, "unbalanced braces: an extra '{' (write \\{ for the character itself)"),
        ),
        (
            "Q {=a ~b ~c} }\n",
            (1, "unbalanced braces: an extra '}' (write \\} for the character itself)"),
        ),
        ("::Q {=a ~b ~c}\n", (1, "the title's '::' is never closed")),
        (
            "Q {stray =a ~b ~c}\n",
            (1, "text before the first choice; start every choice with '=' (right) or '~' (wrong)"),
        ),
        ("Q {=a ~ ~c}\n", (1, "choice 2 has no text")),
    ],
)
def test_gift_problems_name_their_line(text: str, expected: tuple[int, str]) -> None:
    parsed = parse_gift(text, "q.gift")
    assert parsed.drafts == [] and problems(parsed) == [expected]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Grant is buried in Grant's tomb.{FALSE}", "a true/false question"),
        ("Who is buried there?{=no one =nobody}", "a short-answer question"),
        ("When was Grant born?{#1822:5}", "a numerical question"),
        ("Match them.{=Canada -> Ottawa =Italy -> Rome}", "a matching question"),
        ("Write an essay.{}", "an essay question"),
        ("Pick two.{~%50%a ~%50%b ~%-100%c}", "a multiple-answer question"),
        ("Just some text.", "a description"),
    ],
)
def test_gift_other_question_types_are_skipped_by_line(text: str, kind: str) -> None:
    parsed = parse_gift(f"// a comment\n\n{text}\n", "q.gift")
    assert parsed.drafts == [] and parsed.problems == []
    [skipped] = parsed.skipped
    assert skipped.line == 3 and skipped.message.startswith(f"skipped: {kind}")


def test_gift_writes_what_it_reads() -> None:
    source = question(
        stem="A *stem* with {braces}, a = sign, ~tilde, #hash and a: colon\non two lines",
        explanation="Because \\ backslash.\n\nSecond paragraph.",
        references=["DICOM PS3.4: C-MOVE", "RFC 6335 #1"],
        tags=["dicom", "ports"],
        difficulty=3,
        kind="recall",
    )
    text = write_gift([source], {"F.2": "DICOM services"})
    assert "$CATEGORY: CIIP/F.2 DICOM services\n" in text
    assert "// [id:f2-x] [tag:difficulty-3] [tag:kind-recall] [tag:dicom] [tag:ports]" in text
    [draft] = parse_gift(text, "q.gift").drafts
    assert draft.stem == source.stem
    assert draft.choices == ("80", "104", "2575") and draft.correct == 1
    assert draft.explanation == source.explanation
    assert draft.references == tuple(source.references)
    assert (draft.difficulty, draft.kind, draft.tags) == (3, "recall", ("dicom", "ports"))
    assert draft.category == "CIIP/F.2 DICOM services"


def test_gift_guards_text_that_looks_like_a_weight_or_a_format() -> None:
    choices = [Choice(text="%50% of it", correct=True), Choice(text="[html]<b>"), Choice(text="x")]
    [draft] = parse_gift(write_gift([question(choices=choices)], {}), "q.gift").drafts
    assert draft.choices == ("%50% of it", "[html]<b>", "x") and draft.correct == 0


def test_references_are_a_closing_list() -> None:
    assert split_references("Why.\n\nReferences:\n- One\n- Two") == ("Why.", ["One", "Two"])
    assert split_references("References: are cited below") == ("References: are cited below", [])
    assert split_references("Why.\nReferences:\nnot a list") == (
        "Why.\nReferences:\nnot a list",
        [],
    )


# --- CSV ---

CSV = (
    "\ufefftopic;Stem;Choice A;choice_b;choice_c;choice_d;answer;"
    "explanation;references;difficulty\n"
    'F.2;"Which port,\nreally?";80;104;2575;;b;IANA lists 104.;DICOM PS3.8 | RFC 6335;1\n'
    "DICOM services;Which service?;C-GET;C-MOVE;C-FIND;C-ECHO;A;;;\n"
)


def test_csv_reads_spreadsheet_exports() -> None:
    parsed = parse_csv(decode(CSV.encode("utf-8"), "q.csv"), "q.csv")
    assert parsed.problems == []
    first, second = parsed.drafts
    assert (first.line, first.topic, first.stem) == (2, "F.2", "Which port,\nreally?")
    assert first.choices == ("80", "104", "2575") and first.correct == 1
    assert first.references == ("DICOM PS3.8 ", " RFC 6335") and first.difficulty == 1
    assert (second.line, second.topic, second.difficulty) == (4, "DICOM services", None)
    assert second.choices == ("C-GET", "C-MOVE", "C-FIND", "C-ECHO")


def test_csv_reads_windows_line_endings() -> None:
    text = decode(b'stem,choice_a,choice_b,choice_c,answer\r\n"a\r\nb",x,y,z,C\r\n', "q.csv")
    [draft] = parse_csv(text, "q.csv", topic_given=True).drafts
    assert draft.stem == "a\nb" and draft.line == 2


HEADER = "topic,stem,choice_a,choice_b,choice_c,choice_d,answer,difficulty\n"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("F.2,Q,a,b\n", "the record has 4 field(s) but the header names 8"),
        ("F.2,Q,a,b,c,d,A,2,extra\n", "the record has 9 field(s) but the header names 8"),
        ("F.2,Q,a,b,c,,D,2\n", "answer 'D' names an empty choice (choice_d)"),
        ("F.2,Q,a,b,c,d,7,2\n", "answer '7' must be the right choice's letter, A to E"),
        ("F.2,Q,a,,c,d,A,2\n", "choice_b is empty but a later choice is filled"),
        ("F.2,Q,a,b,c,d,A,hard\n", "difficulty 'hard' must be 1, 2 or 3"),
    ],
)
def test_csv_problems_name_the_record_line(row: str, expected: str) -> None:
    parsed = parse_csv(HEADER + "F.2,Good,a,b,c,d,A,2\n" + row, "q.csv")
    assert len(parsed.drafts) == 1 and problems(parsed) == [(3, expected)]


def test_csv_header_problems_stop_the_file() -> None:
    with pytest.raises(InterchangeError) as caught:
        parse_csv("stem,choice_a,choice_b,answer,explaination\n", "q.csv")
    assert [str(p) for p in caught.value.problems] == [
        "q.csv:1: missing column 'choice_c'",
        "q.csv:1: missing column 'topic' (or give --topic)",
        "q.csv:1: unknown column 'explaination' (the columns are topic, stem, choice_a, "
        "choice_b, choice_c, choice_d, choice_e, answer, explanation, references, difficulty)",
    ]
    with pytest.raises(InterchangeError, match="the first row must name the columns"):
        parse_csv("What is it?,a,b,c,A\n", "q.csv")


def test_csv_unclosed_quote_names_its_record() -> None:
    with pytest.raises(InterchangeError) as caught:
        parse_csv(HEADER + 'F.2,"never closed,a,b,c,d,A,2\nF.2,Q,a,b,c,d,A,2\n', "q.csv")
    [problem] = caught.value.problems
    assert problem.line == 2 and problem.message.endswith("; a quoted field is never closed")


def test_non_utf8_names_its_line() -> None:
    with pytest.raises(InterchangeError) as caught:
        decode(b"\xef\xbb\xbfstem\nok\ncaf\xe9\n", "q.csv")
    assert [str(p) for p in caught.value.problems] == [
        "q.csv:3: not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    ]


def test_csv_writes_what_it_reads() -> None:
    source = question(
        stem='A "quoted", multi-line\nstem; with a semicolon', references=["A", "B C"]
    )
    [draft] = parse_csv(write_csv([source]), "q.csv").drafts
    assert draft.stem == source.stem and draft.topic == "F.2"
    assert draft.choices == ("80", "104", "2575") and draft.correct == 1
    assert [r.strip() for r in draft.references] == ["A", "B C"]


def test_escaped_hashes_next_to_the_general_feedback_marker() -> None:
    text = write_gift([question(explanation="#", references=[])], {})
    assert "\t####\\#\n" in text
    [draft] = parse_gift(text, "q.gift").drafts
    assert draft.explanation == "#" and draft.choices == ("80", "104", "2575")
