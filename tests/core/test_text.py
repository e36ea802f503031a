"""The text rules screens rely on: ellipses, reflow, plurals, tables and rows that fit."""

from __future__ import annotations

import pytest

from quizapp.core.sessions.exam import typed_position
from quizapp.core.text import (
    Column,
    cell_len,
    fit_columns,
    fit_count,
    fit_table,
    grid_columns,
    hanging_wrap,
    list_line,
    plural,
    reflow,
    truncate,
)


def test_truncate_cuts_to_the_width_with_an_ellipsis() -> None:
    stem = "A radiology department replaces its logging\nlibrary. The service engineer"
    assert truncate(stem, 30) == "A radiology department replac…"
    assert cell_len(truncate(stem, 30)) == 30
    assert truncate("short one", 30) == "short one"
    assert truncate("exactly ten", 11) == "exactly ten"
    assert truncate("anything", 0) == ""
    assert truncate("ab", 1) == "…"


def test_truncate_counts_wide_characters_as_two_cells() -> None:
    cut = truncate("日本語のテキストです", 9)
    assert cell_len(cut) <= 9 and cut.endswith("…")


def test_truncate_never_leaves_a_space_before_the_ellipsis() -> None:
    assert truncate("one two three", 5) == "one…"


def test_list_line_keeps_the_prefix_and_cuts_the_text() -> None:
    line = list_line("✘   1. A.2  ", "A long stem " * 20, 40)
    assert line.startswith("✘   1. A.2  A long stem") and cell_len(line) == 40
    assert line.endswith("…")


def test_reflow_joins_hard_breaks_and_keeps_paragraphs_and_lists() -> None:
    text = (
        "The archive rejects the studies because the\n"
        "called AE title changed, and any\n"
        "resale\n"
        "value is irrelevant.\n"
        "\n"
        "Check these in order:\n"
        "- the AE title and port\n"
        "  configured on the modality\n"
        "- the archive's peers\n"
        "1. first\n"
        "2) second\n"
    )
    assert reflow(text) == (
        "The archive rejects the studies because the called AE title changed, and any "
        "resale value is irrelevant.\n"
        "\n"
        "Check these in order:\n"
        "- the AE title and port configured on the modality\n"
        "- the archive's peers\n"
        "1. first\n"
        "2) second"
    )


def test_reflow_of_one_line_is_the_line() -> None:
    assert reflow("  Just one line.  \n") == "Just one line."
    assert reflow("a\n\n\n\nb") == "a\n\nb"


def test_hanging_wrap_indents_continuation_lines_under_the_text() -> None:
    lines = hanging_wrap("1  A.  ", "word " * 20, 30)
    assert lines[0].startswith("1  A.  word")
    assert all(line.startswith(" " * 7) and line[7] != " " for line in lines[1:])
    assert all(cell_len(line) <= 30 for line in lines)
    assert hanging_wrap("1  A.  ", "short", 30) == ["1  A.  short"]


@pytest.mark.parametrize(
    ("count", "word", "expected"),
    [
        (0, "answer", "0 answers"),
        (1, "answer", "1 answer"),
        (2, "review", "2 reviews"),
        (1, "day", "1 day"),
        (3, "day", "3 days"),
        (2, "question", "2 questions"),
    ],
)
def test_plural(count: int, word: str, expected: str) -> None:
    assert plural(count, word) == expected


COLUMNS = [
    Column("Domain", align="<", flex=True, min_width=12),
    Column("Weight", drop=2, short="Wt"),
    Column("Answered", drop=1, short="Ans"),
    Column("Accuracy", short="Acc"),
    Column("Bank", drop=3),
]
ROWS = [
    ["J Medical Imaging Informatics", "13%", "0", "-", "74"],
    ["E Training and Education", "5%", "120", "81%", "27"],
]


@pytest.mark.parametrize("width", [100, 60, 50, 40, 30, 24])
def test_fit_table_keeps_every_line_within_the_width(width: int) -> None:
    lines = fit_table(COLUMNS, ROWS, width)
    assert all(cell_len(line) <= width for line in lines), lines
    assert lines[0].startswith("Domain")


def test_fit_table_gives_way_in_order_titles_then_flex_then_columns() -> None:
    wide = fit_table(COLUMNS, ROWS, 100)
    assert wide[0].split() == ["Domain", "Weight", "Answered", "Accuracy", "Bank"]
    assert wide[1].startswith("J Medical Imaging Informatics")
    short = fit_table(COLUMNS, ROWS, 50)
    assert short[0].split() == ["Domain", "Wt", "Ans", "Acc", "Bank"]
    titles = [[c.title for c in fit_columns(COLUMNS, ROWS, w)] for w in (34, 30, 24, 20)]
    assert titles == [  # Bank, then Weight, then Answered dropped
        ["Domain", "Wt", "Ans", "Acc", "Bank"],
        ["Domain", "Wt", "Ans", "Acc"],
        ["Domain", "Ans", "Acc"],
        ["Domain", "Acc"],
    ]
    cut = fit_table(COLUMNS, ROWS, 30)
    assert "…" in cut[1]


def test_fit_count_leaves_room_for_the_more_marker() -> None:
    assert fit_count([5, 5, 5], 15, 4) == 3  # all fit: no marker needed
    assert fit_count([5, 5, 5], 14, 4) == 2
    assert fit_count([5, 5, 5], 8, 4) == 0


def test_grid_columns() -> None:
    assert grid_columns(80, 8) == 10
    assert grid_columns(72, 8) == 9
    assert grid_columns(30, 8) == 3
    assert grid_columns(3, 8) == 1
    assert grid_columns(200, 8) == 10


def test_typed_position() -> None:
    assert typed_position("12", 30) == 11
    assert typed_position("1", 30) == 0
    assert typed_position("30", 30) == 29
    assert typed_position("31", 30) is None
    assert typed_position("0", 30) is None
    assert typed_position("", 30) is None


def test_exam_comparison_is_in_points() -> None:
    from datetime import UTC, datetime

    from quizapp.core.analytics.exam_report import ExamReport
    from quizapp.core.progress.exam_records import ExamRecord

    at = datetime(2026, 1, 1, tzinfo=UTC)
    record = ExamRecord(
        id="e",
        started_at=at,
        finished_at=at,
        questions=3,
        correct=2,
        time_limit_seconds=60,
        time_used_seconds=60,
        by_domain={},
        question_ids=["a", "b", "c"],
        chosen=[0, 0, -1],
    )

    def report(previous: float | None) -> ExamReport:
        return ExamReport(record, [], 20, 20, previous, previous, 2)

    assert report(None).comparison_text == "your first practice exam"
    assert report(0.0).comparison_text.startswith("exam #2: +67 points on the previous one")
    assert "-1 point on" in report(0.6767).comparison_text
    assert "the same score as the previous one" in report(2 / 3).comparison_text
    assert report(None).unanswered_text == (
        "1 unanswered: counted wrong in this score, as on the real exam, but not in your "
        "topic accuracy or review schedule"
    )


def test_slowest_questions_of_an_exam() -> None:
    from datetime import UTC, datetime

    from quizapp.core.analytics.exam_report import ExamReport
    from quizapp.core.progress.exam_records import ExamRecord

    at = datetime(2026, 1, 1, tzinfo=UTC)
    record = ExamRecord(
        id="e",
        started_at=at,
        finished_at=at,
        questions=4,
        correct=0,
        time_limit_seconds=600,
        time_used_seconds=160,
        by_domain={},
        question_ids=["a", "b", "c", "d"],
        chosen=[0, 0, 0, 0],
        seconds=[20.0, 95.0, 40.0, 5.0],
    )
    report = ExamReport(record, [], 40, 150, None, None, 1)
    assert report.slowest() == [(1, 95.0), (2, 40.0), (0, 20.0)]
    assert report.slowest_text == "Slowest: #2 1m 35s, #3 40s, #1 20s"
    older = ExamReport(record.model_copy(update={"seconds": []}), [], 40, 150, None, None, 1)
    assert older.slowest_text is None
    # a question never looked at (0 s) is not among the slowest; half a second is
    quick = ExamReport(
        record.model_copy(update={"seconds": [0.0, 0.5, 3.0, 0.0]}), [], 40, 150, None, None, 1
    )
    assert quick.slowest() == [(2, 3.0), (1, 0.5)]


def test_pad_keeps_the_indent_of_a_cut_value() -> None:
    from quizapp.core.text import pad

    assert pad("  A.1 Needs assessment", 12) == "  A.1 Needs…"
    assert pad("A Procurement", 10, ">") == "A Procure…"
    assert pad("ok", 5, ">") == "   ok"


def test_cell_len_counts_wide_and_fullwidth_characters_as_two_and_combining_as_none() -> None:
    assert cell_len("ab") == 2
    assert cell_len("漢字") == 4  # East Asian wide
    assert cell_len("\uff21\uff22") == 4  # fullwidth
    assert cell_len("e\u0301x") == 2  # a combining accent takes no cell; what follows does
    assert cell_len("") == 0


def test_plural_takes_the_given_form_then_the_irregular_ones() -> None:
    assert plural(2, "child", "children") == "2 children"
    assert plural(1, "child", "children") == "1 child"
    assert plural(2, "was") == "2 were"
    assert plural(3, "this") == "3 these"
    assert plural(0, "is") == "0 are"


def test_reflow_keeps_every_line_whatever_breaks_them() -> None:
    assert reflow("one\r\rtwo\rthree") == "one two three"


def test_hanging_wrap_edges() -> None:
    assert hanging_wrap("Q: ", "", 40) == ["Q: "]  # nothing to wrap: the prefix alone
    # at least eight cells of text per line, however narrow the width
    assert hanging_wrap("", "aaaa bbbb", 4) == ["aaaa", "bbbb"]
    # a word longer than the line is broken, never left to overflow; no line is lost
    assert hanging_wrap("> ", "a" * 25, 12) == ["> aaaaaaaaaa", "  aaaaaaaaaa", "  aaaaa"]
    assert hanging_wrap("1. ", "one two three four five six", 11) == [
        "1. one two",
        "   three",
        "   four",
        "   five six",
    ]


def test_pad_aligns_left_by_default_and_keeps_a_value_that_fits_as_it_is() -> None:
    from quizapp.core.text import pad

    assert pad("ab", 4) == "ab  "
    assert pad("a  b", 4) == "a  b"  # exactly the width: not reflowed
    assert pad("a  b", 6, ">") == "  a  b"


def test_grid_columns_of_one_cell_wide_cells() -> None:
    assert grid_columns(5, 1) == 5
    assert grid_columns(5, 0) == 5  # a width of 0 is counted as 1


def test_fit_columns_fit_exactly_and_the_flex_column_takes_the_room_left() -> None:
    columns = [Column("Name", align="<", flex=True, min_width=10), Column("N")]
    rows = [["x" * 30, "abc"]]
    assert [f.width for f in fit_columns(columns, rows, 35)] == [30, 3]  # exactly fits
    assert [f.width for f in fit_columns(columns, rows, 20)] == [15, 3]  # spare to the flex
    assert [f.width for f in fit_columns(columns, rows, 15)] == [10, 3]  # down to its minimum
    # too narrow even then: columns never dropped are kept, each at least one cell
    assert [(f.index, f.width) for f in fit_columns(columns, rows, 5)] == [(0, 10), (1, 3)]
    assert [f.width for f in fit_columns([Column("#")], [["1"], ["2"]], 1)] == [1]


def test_fit_columns_one_column_needs_no_gap() -> None:
    columns = [Column("Name", align="<", flex=True, min_width=4)]
    assert [f.width for f in fit_columns(columns, [["abcdefgh"]], 8)] == [8]


def test_fit_columns_use_full_titles_and_keep_every_column_while_they_fit_exactly() -> None:
    columns = [Column("Domain", align="<"), Column("Answered", short="Ans", drop=1)]
    rows = [["A", "12"]]
    fitted = fit_columns(columns, rows, 16)  # 6 + 2 + 8
    assert [(f.index, f.title) for f in fitted] == [(0, "Domain"), (1, "Answered")]
    fitted = fit_columns(columns, rows, 11)  # 6 + 2 + 3 with the short title
    assert [(f.index, f.title) for f in fitted] == [(0, "Domain"), (1, "Ans")]


def test_fit_columns_of_a_table_without_rows_size_each_column_to_its_title() -> None:
    columns = [Column("", drop=1), Column("ab")]
    assert [(f.index, f.width) for f in fit_columns(columns, [], 4)] == [(0, 1), (1, 2)]


def test_fit_table_aligns_titles_and_values_and_keeps_the_gap() -> None:
    columns = [Column("Qs"), Column("Name", align="<")]
    rows = [["12", "Alpha"], ["3", "B"]]
    assert fit_table(columns, rows, 40) == ["Qs  Name", "12  Alpha", " 3  B"]
    assert fit_table(columns, rows, 40, gap=3) == ["Qs   Name", "12   Alpha", " 3   B"]
    assert fit_table([Column("N")], [["12345"]], 40) == ["    N", "12345"]  # title aligned too
    numbers = [Column("Answered"), Column("N")]
    assert fit_table(numbers, [["1", "2"]], 40) == ["Answered  N", "       1  2"]
    # the gap is counted when the columns are fitted: 8 + 3 + 1 is too wide for 11
    narrow = [Column("Answered"), Column("N", drop=1)]
    assert fit_table(narrow, [["1", "2"]], 11, gap=3) == ["Answered", "       1"]


def test_format_row_pads_each_kept_column_to_its_width() -> None:
    from quizapp.core.text import FittedColumn, format_row

    columns = [Column("N"), Column("Name", align="<"), Column("X")]
    fitted = [FittedColumn(0, 3, "N"), FittedColumn(1, 6, "Name")]
    assert format_row(["7", "Bob", "gone"], columns, fitted) == "  7  Bob"
    assert format_row(["7", "Bob", "gone"], columns, fitted, gap=1) == "  7 Bob"
