"""Interchange rules stated one by one: what export selects, what a reader reports, and how."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.core.bank.bank import Bank
from quizapp.core.bank.interchange.aiken import parse_aiken
from quizapp.core.bank.interchange.convert import convert, resolve_category
from quizapp.core.bank.interchange.csv_format import parse_csv, write_csv
from quizapp.core.bank.interchange.draft import Draft
from quizapp.core.bank.interchange.exporter import select_questions
from quizapp.core.bank.interchange.importer import import_questions
from quizapp.core.bank.layout import bundled_bank_dir
from quizapp.core.bank.loader import load_bank
from quizapp.core.bank.models import Choice, Question
from quizapp.core.errors import Problem, QuizappError


@pytest.fixture(scope="module")
def bank() -> Bank:
    result = load_bank()
    assert result.bank is not None
    return result.bank


# -- export: which questions ---------------------------------------------------------


def test_export_takes_every_question_in_outline_order(bank: Bank) -> None:
    chosen = select_questions(bank)
    assert len(chosen) == len(bank.questions)
    order = list(bank.outline.topics)
    positions = [order.index(q.topic) for q in chosen]
    assert positions == sorted(positions)


def test_export_takes_the_topics_named_by_code_or_name(bank: Bank) -> None:
    f2 = bank.questions_in_topic("F.2")
    assert select_questions(bank, ["F.2"]) == f2
    name = bank.outline.topics["F.2"].name
    assert select_questions(bank, [name.upper()]) == f2
    both = select_questions(bank, ["F.2", "A.1"])
    assert both == bank.questions_in_topic("A.1") + f2  # outline order, not the order asked


def test_export_of_an_unknown_topic_says_which(bank: Bank) -> None:
    with pytest.raises(QuizappError) as caught:
        select_questions(bank, ["F.2", "Z.9"])
    assert str(caught.value) == "unknown topic 'Z.9' (a code such as F.2, or its name)"


HEADER = "topic,stem,choice_a,choice_b,choice_c,answer\n"


def user_bank(tmp_path: Path, bank: Bank) -> tuple[Bank, Path]:
    source = tmp_path / "q.csv"
    source.write_text(HEADER + "F.2,Which port?,80,104,2575,B\n", encoding="utf-8")
    mine = tmp_path / "mine"
    import_questions(source, "csv", mine, bank)
    result = load_bank(bundled_bank_dir(), [mine])
    assert result.problems == [] and result.bank is not None
    return result.bank, mine


def test_export_of_a_user_bank_takes_only_its_questions(tmp_path: Path, bank: Bank) -> None:
    both, mine = user_bank(tmp_path, bank)
    [only] = select_questions(both, only_bank=mine)
    assert only.stem == "Which port?"
    assert select_questions(both, ["F.2"], mine) == [only]
    assert len(select_questions(both)) == len(bank.questions) + 1


def test_export_of_nothing_says_what_was_asked(tmp_path: Path, bank: Bank) -> None:
    both, mine = user_bank(tmp_path, bank)
    with pytest.raises(QuizappError) as caught:
        select_questions(both, ["A.2", "A.1"], mine)
    assert str(caught.value) == f"no questions of topic(s) A.1, A.2 in {mine} to export"
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(QuizappError) as caught:
        select_questions(both, (), empty)
    assert str(caught.value) == f"no questions in {empty} to export"


# -- Aiken: problems carry the file; a bad question is not imported -------------------


def test_aiken_problems_name_the_file() -> None:
    parsed = parse_aiken("Q?\n\nANSWER: A\n\nQ2?\nA. a\nB. b\nANSWER: Z\n", "mine.txt")
    assert [str(p) for p in parsed.problems] == [
        "mine.txt:3: 'ANSWER:' before any choice",
        "mine.txt:8: the answer 'Z' names no choice (the choices are A, B)",
    ]


def test_an_aiken_question_with_a_choice_twice_is_not_imported() -> None:
    parsed = parse_aiken("Q?\nA. a\nA. b\nC. c\nANSWER: A\n", "q.txt")
    assert parsed.drafts == [] and len(parsed.problems) == 1


def test_an_aiken_question_after_an_unfinished_one_starts_on_its_own_line() -> None:
    parsed = parse_aiken("Q?\nA. a\nB. b\n\nNext?\nA. x\nB. y\nC. z\nANSWER: A\n", "q.txt")
    [draft] = parsed.drafts
    assert (draft.line, draft.stem) == (5, "Next?")


# -- CSV -------------------------------------------------------------------------------


def test_csv_without_optional_columns_has_no_explanation_or_references() -> None:
    [draft] = parse_csv(HEADER + "F.2,Q,a,b,c,A\n", "q.csv").drafts
    assert draft.explanation == ""
    assert [r for r in draft.references if r.strip()] == []


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "F.2,Q,,,,A\n",
            ["answer 'A' names an empty choice (choice_a)"],
        ),
        ("F.2,Q,a,b,c,AB\n", ["answer 'AB' must be the right choice's letter, A to E"]),
        ("F.2,Q,a,b,c,\n", ["answer '' must be the right choice's letter, A to E"]),
        (
            "F.2,Q,a,,c,B\n",
            [
                "choice_b is empty but a later choice is filled",
                "answer 'B' names an empty choice (choice_b)",
            ],
        ),
    ],
)
def test_csv_answer_problems(row: str, expected: list[str]) -> None:
    parsed = parse_csv(HEADER + row, "q.csv")
    assert parsed.drafts == [] and [p.message for p in parsed.problems] == expected


def test_csv_writes_the_answer_as_a_capital_letter() -> None:
    question = Question(
        id="f2-x",
        topic="F.2",
        stem="Which port?",
        choices=[Choice(text="80"), Choice(text="104", correct=True), Choice(text="2575")],
        explanation="",
        references=[],
        difficulty=1,
    )
    assert write_csv([question]).splitlines()[1].startswith("F.2,Which port?,80,104,2575,,,B,")


# -- what the model refuses, with where ------------------------------------------------


def test_a_draft_the_model_refuses_names_the_field() -> None:
    draft = Draft(line=4, stem="Q?", choices=("a", "b\u202ec", "c"), correct=1)
    [problem] = convert(draft, "f.csv", {}, "F.2")  # type: ignore[misc]
    assert str(problem) == (
        "f.csv:4: choices.1.text: contains the control character U+202E; remove it"
    )
    draft = Draft(line=4, stem="Q?", choices=("a", "b", "c"), correct=1, difficulty=9)
    [problem] = convert(draft, "f.csv", {}, "F.2")  # type: ignore[misc]
    assert problem.message == "difficulty: Input should be less than or equal to 3"
    draft = Draft(line=4, stem="Q?", choices=("a", "b", "c"), correct=-1)
    [problem] = convert(draft, "f.csv", {}, "F.2")  # type: ignore[misc]
    assert problem.message == "exactly one choice must be correct, found 0"  # no field


def test_a_category_names_a_topic_by_its_last_part() -> None:
    lookup = {"f.2": "F.2", "import/export": "F.9"}
    assert resolve_category("$course$/CIIP/F.2", lookup) == "F.2"
    assert resolve_category("$course$/Imaging/Import//export", lookup) == "F.9"
    assert resolve_category("$course$/F.2/Other", lookup) is None


# -- GIFT as written ---------------------------------------------------------------------


def gift_question(**changes: object) -> Question:
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


def test_gift_file_says_what_it_is_and_names_each_topic_once() -> None:
    from quizapp.core.bank.interchange.gift import write_gift

    text = write_gift([gift_question(), gift_question(id="f2-y")], {})
    assert text.startswith(
        "// Questions exported by quizapp. In Moodle: Question bank > Import > GIFT format.\n"
        "// The [tag:] comments carry each question's difficulty, kind and tags.\n"
    )
    assert text.count("$CATEGORY:") == 1
    assert "\n$CATEGORY: CIIP/F.2\n" in text  # a topic without a name: no trailing space
    named = write_gift([gift_question()], {"F.2": "Import/export"})
    assert "\n$CATEGORY: CIIP/F.2 Import//export\n" in named


def test_gift_guards_a_choice_that_looks_like_a_weight_with_a_format() -> None:
    from quizapp.core.bank.interchange.gift import write_gift

    choices = [Choice(text="%50% of it", correct=True), Choice(text="[html]<b>"), Choice(text="x")]
    text = write_gift([gift_question(choices=choices)], {})
    assert "\t=[markdown]%50% of it\n\t~[markdown][html]<b>\n\t~x\n" in text


def test_gift_feedback_without_explanation_is_the_references_alone() -> None:
    from quizapp.core.bank.interchange.gift import write_gift

    text = write_gift([gift_question(explanation="", references=["R 1"])], {})
    assert "\t####References\\:\\n- R 1\n" in text


def test_gift_tags_are_written_only_when_gift_can_hold_them() -> None:
    from quizapp.core.bank.interchange.gift import write_gift

    question = gift_question(tags=["X-ray", "a]b", "two\nlines", " padded", "ok"])
    text = write_gift([question], {})
    assert "// [id:f2-x] [tag:difficulty-1] [tag:kind-applied] [tag:X-ray] [tag:ok]\n" in text


def test_html_from_moodle_keeps_line_breaks_and_paragraphs() -> None:
    from quizapp.core.bank.interchange.gift_text import html_to_text

    markup = "a<br>b<BR />c<p>x</p><p>y</p>\n\n\n\n\nz"
    assert html_to_text(markup) == "a\nb\ncx\n\ny\n\nz"


def test_written_tags_are_a_flow_list_like_the_bundled_files() -> None:
    from quizapp.core.bank.interchange.writer import render_items

    text = render_items([gift_question(tags=["dicom", "ports"])])
    assert "\n    tags: [dicom, ports]\n" in text


def test_appending_follows_a_file_indented_by_four(tmp_path: Path, bank: Bank) -> None:
    out = tmp_path / "mine"
    (out / "questions").mkdir(parents=True)
    hand = out / "questions" / "f2_dicom_services.yaml"
    hand.write_text(
        "questions:\n    - id: f2-mine\n      topic: F.2\n      difficulty: 2\n"
        "      stem: Mine?\n      choices:\n        - text: a\n          correct: true\n"
        "        - text: b\n        - text: c\n",
        encoding="utf-8",
    )
    source = tmp_path / "q.csv"
    source.write_text(HEADER + "F.2,Which port?,80,104,2575,B\n", encoding="utf-8")
    import_questions(source, "csv", out, bank)
    assert "\n    - id: f2-" in hand.read_text().split("f2-mine", 1)[1]
    assert "\n  - id:" not in hand.read_text()


# -- GIFT as read ------------------------------------------------------------------------

KINDS = [
    ("{#4}", "a numerical question"),
    ("{ #4 }", "a numerical question"),
    ("{T}", "a true/false question"),
    ("{TRUE}", "a true/false question"),
    ("{F}", "a true/false question"),
    ("{FALSE}", "a true/false question"),
    ("{T#yes it is}", "a true/false question"),
    ("{=a -> 1 =b -> 2 =c -> 3}", "a matching question"),
    ("{=four}", "a short-answer question"),
    ("{}", "an essay question"),
    ("{####only feedback}", "an essay question"),
    ("{=a ~%1%b ~c}", "a multiple-answer question (partial-credit weights such as ~%50%)"),
]


@pytest.mark.parametrize(("answers", "kind"), KINDS)
def test_gift_questions_of_other_kinds_are_skipped_by_kind(answers: str, kind: str) -> None:
    from quizapp.core.bank.interchange.gift import parse_gift

    parsed = parse_gift(f"::q:: The question? {answers}\n", "q.gift")
    assert parsed.drafts == [] and parsed.problems == []
    [skipped] = parsed.skipped
    suffix = "" if "partial" in kind else " (quizapp imports multiple-choice questions with "
    assert skipped.message.startswith(f"skipped: {kind}{suffix}")


def test_gift_text_before_the_first_choice_names_its_line() -> None:
    from quizapp.core.bank.interchange.gift import parse_gift

    parsed = parse_gift("::b:: Q {\noops\n=a\n~b\n~c\n}\n", "q.gift")
    assert [(p.line, p.message) for p in parsed.problems] == [
        (2, "text before the first choice; start every choice with '=' (right) or '~' (wrong)")
    ]


def test_gift_choice_feedback_is_read_in_the_question_format() -> None:
    from quizapp.core.bank.interchange.gift import parse_gift

    [draft] = parse_gift("::h:: [html]Q {=<b>a</b>#<i>good</i> ~b#no ~c}\n", "q.gift").drafts
    assert draft.choices == ("a", "b", "c")
    assert draft.explanation == "a: good\nb: no"


def test_gift_tags_are_kept_once_and_references_may_use_stars() -> None:
    from quizapp.core.bank.interchange.gift import parse_gift, split_references

    [draft] = parse_gift("// [tag:x] [tag:x] [tag:y]\n::g:: Q {=a ~b ~c}\n", "q.gift").drafts
    assert draft.tags == ("x", "y")
    assert split_references("Why.\n\nReferences:\n* one\n* two") == ("Why.", ["one", "two"])


def test_gift_text_splits_at_the_first_meaningful_mark() -> None:
    from quizapp.core.bank.interchange.gift_text import Text

    text = Text.read([(1, "a#b#c")])
    head, tail = text.split("#")
    assert head.chars == "a" and tail is not None and tail.chars == "b#c"
    head, tail = Text.read([(1, "#x")]).split("#")
    assert head.chars == "" and tail is not None and tail.chars == "x"
    head, tail = Text.read([(1, "no mark")]).split("#")
    assert head.chars == "no mark" and tail is None
    assert Text.read([(1, "a#b#c")]).rfind("#") == 3
    assert Text.read([(1, "a\\#b#c")]).find("#") == 3  # the escaped one (1) is text


def test_gift_titles_and_general_feedback() -> None:
    from quizapp.core.bank.interchange.gift import parse_gift

    def draft(text: str) -> tuple[str, tuple[str, ...], str]:
        [found] = parse_gift(text + "\n", "q.gift").drafts
        return found.stem, found.choices, found.explanation

    assert draft("::::Q? {=a ~b ~c}") == ("Q?", ("a", "b", "c"), "")  # an empty title
    assert draft("  ::T::Q? {=a ~b ~c}") == ("Q?", ("a", "b", "c"), "")
    assert draft("::T::[html]Q? {=a ~b ~c ####<b>why</b>}")[2] == "why"  # in the format
    assert draft("::T::Q? {=a ~b ~c ####first ####second}")[2].startswith("second")


def test_gift_text_keeps_the_line_of_every_character() -> None:
    from quizapp.core.bank.interchange.gift_text import Text

    assert Text.read([(3, "a"), (5, "b")]).lines == [3, 5, 5]  # the break is on the next line
    assert Text.read([(3, "a\\#")]).lines == [3, 3]  # an escaped character too
    text = Text.read([(3, "ab"), (4, "c")])
    assert [text.line(i) for i in (0, 2, 3, 99)] == [3, 4, 4, 4]  # past the end: the last
    assert Text.read([]).line(0) == 1
    assert Text.read([(1, "a~~b")]).every("~") == [1, 2]


def test_gift_text_finds_the_last_meaningful_mark_before_escaped_ones() -> None:
    from quizapp.core.bank.interchange.gift_text import Text

    assert Text.read([(1, "#a#b\\#c")]).rfind("#") == 2
    assert Text.read([(1, "#ab\\#")]).rfind("#") == 0
    assert Text.read([(1, "\\##")]).find("#") == 1  # right after an escaped one


def test_export_of_a_topic_without_questions_says_so() -> None:
    from tests.conftest import make_bank

    bank = make_bank({"A.1": 1, "A.2": 0}, {"A": 1})
    with pytest.raises(QuizappError) as caught:
        select_questions(bank, ["A.2"])
    assert str(caught.value) == "no questions of topic(s) A.2 to export"


# -- ids ---------------------------------------------------------------------------------


def test_a_new_id_takes_the_shortest_free_key_then_a_number() -> None:
    from quizapp.core.bank.interchange.ids import new_id

    key = "0123456789abcdef"
    assert new_id("F.2", key, set()) == "f2-0123456789"
    assert new_id("F.2", key, {"f2-0123456789"}) == "f2-0123456789a"
    every_length = {f"f2-{key[:n]}" for n in range(10, 17)}
    assert new_id("F.2", key, every_length) == f"f2-{key}-2"
    assert new_id("F.2", key, every_length | {f"f2-{key}-2"}) == f"f2-{key}-3"
    assert new_id("F.2", key, every_length | {f"f2-{key}-2", f"f2-{key}-3"}) == f"f2-{key}-4"


# -- CSV: separators, headers and records --------------------------------------------------


def test_csv_separator_is_the_one_that_names_the_most_columns() -> None:
    semicolons = "topic;stem;choice_a;choice_b;choice_c;answer\nF.2;Q;a;b;c;A\n"
    [draft] = parse_csv(semicolons, "q.csv").drafts
    assert draft.choices == ("a", "b", "c")
    # a separator under which the file is not even CSV loses to one under which it is
    broken = 'topic,stem,choice_a,choice_b,choice_c,answer\nF.2,"Q;x",a,b,c,A\n'
    [draft] = parse_csv(broken, "q.csv").drafts
    assert draft.stem == "Q;x"


def test_csv_header_problems_are_each_named_with_the_file() -> None:
    from quizapp.core.errors import InterchangeError

    with pytest.raises(InterchangeError) as caught:
        parse_csv("topic,stem,,choice_a,choice_b,choice_c,answer,stem,x\n", "mine.csv")
    assert [str(p) for p in caught.value.problems] == [
        "mine.csv:1: column 'stem' appears twice",
        "mine.csv:1: unknown a column without a name (the columns are topic, stem, choice_a, "
        "choice_b, choice_c, choice_d, choice_e, answer, explanation, references, difficulty)",
        "mine.csv:1: unknown column 'x' (the columns are topic, stem, choice_a, "
        "choice_b, choice_c, choice_d, choice_e, answer, explanation, references, difficulty)",
    ]
    with pytest.raises(InterchangeError) as caught:
        parse_csv("what,is,this\n", "mine.csv")
    assert [str(p) for p in caught.value.problems] == [
        "mine.csv:1: the first row must name the columns: topic, stem, choice_a, choice_b, "
        "choice_c, choice_d, choice_e, answer, explanation, references, difficulty"
    ]


def test_csv_records_after_a_blank_or_short_one_are_still_read() -> None:
    text = HEADER + "\nF.2,Short\n" + "F.2,Q,a,b,c,A\n"
    parsed = parse_csv(text, "mine.csv")
    assert [str(p) for p in parsed.problems] == [
        "mine.csv:3: the record has 2 field(s) but the header names 6"
    ]
    assert [d.line for d in parsed.drafts] == [4]
    bad = parse_csv(HEADER + "F.2,Q,a,b,c,Z\n", "mine.csv").problems
    assert [p.file for p in bad] == ["mine.csv"]


def test_csv_line_breaks_inside_quotes_are_kept_and_syntax_errors_named() -> None:
    from quizapp.core.errors import InterchangeError

    [draft] = parse_csv(HEADER + 'F.2,"one\r\ntwo",a,b,c,A\r\n', "q.csv").drafts
    assert draft.stem == "one\r\ntwo"
    with pytest.raises(InterchangeError) as caught:
        parse_csv(HEADER + 'F.2,"a"b,a,b,c,A\n', "mine.csv")
    assert [str(p) for p in caught.value.problems] == [
        "mine.csv:2: CSV syntax: ',' expected after '\"'"
    ]


def test_csv_a_separator_that_breaks_the_first_row_is_not_chosen() -> None:
    from quizapp.core.errors import InterchangeError

    # with "," the first row is not CSV; with ";" it is, though it names no column
    with pytest.raises(InterchangeError, match="the first row must name the columns"):
        parse_csv('"x";y\n', "mine.csv")


def test_csv_empty_fields_after_the_last_column_are_allowed() -> None:
    [draft] = parse_csv(HEADER + "F.2,Q,a,b,c,A,,\n", "q.csv").drafts
    assert draft.choices == ("a", "b", "c") and draft.correct == 0


# -- export formats ------------------------------------------------------------------------


def test_export_to_csv_names_each_question_whose_references_it_cannot_hold(bank: Bank) -> None:
    from quizapp.core.bank.interchange.exporter import export_questions
    from quizapp.core.errors import InterchangeError

    first, second, third = bank.questions_in_topic("F.2")[:3]
    piped = [q.model_copy(update={"references": ["a | b"]}) for q in (first, second)]
    with pytest.raises(InterchangeError) as caught:
        export_questions(bank, "csv", [piped[0], third, piped[1]])
    expected = [
        Problem(
            bank.sources[q.id].file,
            bank.sources[q.id].line,
            f"question {q.id!r}: a reference holds '|', which CSV puts between references",
        )
        for q in (first, second)
    ]
    assert caught.value.problems == sorted(expected)
    with pytest.raises(QuizappError) as unknown:
        export_questions(bank, "xml", [third])
    assert str(unknown.value) == "unknown format 'xml' (choose from aiken, gift, csv)"


def test_a_gift_file_without_a_category_gives_none() -> None:
    from quizapp.core.bank.interchange.gift import parse_gift

    [draft] = parse_gift("::q:: Q {=a ~b ~c}\n", "q.gift").drafts
    assert draft.category is None


# -- reading the file to import ---------------------------------------------------------


def test_a_file_to_import_over_the_limit_is_refused_with_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quizapp.core.bank.interchange import source
    from quizapp.core.errors import InterchangeError

    monkeypatch.setattr(source, "MAX_INPUT_BYTES", 1024 * 1024)
    exact = tmp_path / "exact.csv"
    exact.write_bytes(b"a" * (1024 * 1024))
    assert len(source.read_source(exact, "exact.csv")) == 1024 * 1024  # at the limit: read
    big = tmp_path / "big.csv"
    big.write_bytes(b"a" * 1_050_000)
    with pytest.raises(InterchangeError) as caught:
        source.read_source(big, "big.csv")
    assert [str(p) for p in caught.value.problems] == [
        "big.csv:1: file is 1.1 MB; split it into files of at most 1 MB"
    ]


def test_a_file_to_import_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    from quizapp.core.bank.interchange.source import read_source

    with pytest.raises(QuizappError) as caught:
        read_source(tmp_path, "folder")
    assert str(caught.value) == "cannot read folder: Is a directory"


def test_import_arguments_are_checked_with_a_clear_message(tmp_path: Path, bank: Bank) -> None:
    from quizapp.core.bank.interchange.importer import read_questions

    source = tmp_path / "q.txt"
    source.write_text("Q?\nA. a\nB. b\nC. c\nANSWER: A\n", encoding="utf-8")
    with pytest.raises(QuizappError) as caught:
        read_questions(source, "aiken", bank)
    assert str(caught.value) == "Aiken files name no topic: give --topic CODE"
    with pytest.raises(QuizappError) as caught:
        read_questions(source, "xml", bank, "F.2")
    assert str(caught.value) == "unknown format 'xml' (choose from aiken, gift, csv)"


def test_a_file_of_questions_quizapp_does_not_hold_is_skipped_not_refused(
    tmp_path: Path, bank: Bank
) -> None:
    from quizapp.core.errors import InterchangeError

    source = tmp_path / "q.gift"
    source.write_text("::t:: The sky is blue. {T}\n", encoding="utf-8")
    report = import_questions(source, "gift", tmp_path / "mine", bank, topic="F.2")
    assert [p.line for p in report.skipped] == [1] and report.added == []
    empty = tmp_path / "empty.gift"
    empty.write_text("// only a comment\n", encoding="utf-8")
    with pytest.raises(InterchangeError) as caught:
        import_questions(empty, "gift", tmp_path / "mine", bank, topic="F.2")
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (1, "no questions found (is this a gift file?)")
    ]


def test_importing_again_names_the_file_of_each_question_already_there(
    tmp_path: Path, bank: Bank
) -> None:
    source = tmp_path / "q.csv"
    source.write_text(HEADER + "F.2,Which port?,80,104,2575,B\n", encoding="utf-8")
    import_questions(source, "csv", tmp_path / "mine", bank)
    mine = load_bank(bundled_bank_dir(), [tmp_path / "mine"]).bank
    assert mine is not None
    again = import_questions(source, "csv", tmp_path / "mine", mine)
    assert [(Path(p.file).name, p.line) for p in again.already] == [("q.csv", 2)]


def test_a_category_line_may_head_the_question_block() -> None:
    from quizapp.core.bank.interchange.gift import parse_gift

    [draft] = parse_gift("$CATEGORY: CIIP/F.2\n::q:: Q {=a ~b ~c}\n", "q.gift").drafts
    assert (draft.category, draft.stem) == ("CIIP/F.2", "Q")


def test_a_new_id_tries_every_length_of_the_key_first() -> None:
    from quizapp.core.bank.interchange.ids import new_id

    key = "0123456789abcdef"
    taken = {f"f2-{key[:n]}" for n in range(10, 15)}
    assert new_id("F.2", key, taken) == f"f2-{key[:15]}"


def test_gift_text_past_its_end_is_on_its_last_line() -> None:
    from quizapp.core.bank.interchange.gift_text import Text

    assert Text.read([(3, "a"), (4, "")]).line(99) == 4


def test_written_bank_files_are_not_executable(tmp_path: Path, bank: Bank) -> None:
    import stat

    source = tmp_path / "q.csv"
    source.write_text(HEADER + "F.2,Which port?,80,104,2575,B\n", encoding="utf-8")
    report = import_questions(source, "csv", tmp_path / "mine", bank)
    for path in report.files:
        assert path.stat().st_mode & (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH) == 0


def test_a_bank_file_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    from quizapp.core.bank.interchange.writer import replace_all

    blocker = tmp_path / "questions"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    first = tmp_path / "first.yaml"
    with pytest.raises(QuizappError) as caught:
        replace_all({first: "questions: []\n", blocker / "f2.yaml": "questions: []\n"})
    assert str(caught.value) in (
        f"cannot write {blocker}: File exists",
        f"cannot write {blocker}: Not a directory",
    )
    assert not first.exists() and list(tmp_path.glob(".first.yaml.*")) == []


def test_the_content_key_is_stable_from_version_to_version() -> None:
    import hashlib

    from quizapp.core.bank.interchange.ids import content_key

    expected = hashlib.sha256("which  port?".replace("  ", " ").encode()).hexdigest()
    assert content_key("Which \n port?", []) == expected
    payload = "which port?\x1e104\x1e80 tcp"
    assert (
        content_key("Which port?", ["80  TCP", "104"])
        == hashlib.sha256(payload.encode()).hexdigest()
    )
