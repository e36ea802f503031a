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


def test_pad_keeps_the_indent_of_a_cut_value() -> None:
    from quizapp.core.text import pad

    assert pad("  A.1 Needs assessment", 12) == "  A.1 Needs…"
    assert pad("A Procurement", 10, ">") == "A Procure…"
    assert pad("ok", 5, ">") == "   ok"
