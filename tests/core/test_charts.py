"""Text charts: fixed 0-100% scale, eighth-block tops, blanks for missing points."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from quizapp.core.analytics.charts import column_chart, readiness_over_time
from quizapp.core.bank.summary import BankSummary, DomainInfo, TopicInfo
from quizapp.core.progress.answers import AnswerRecord
from quizapp.core.text import cell_len


def test_column_chart_rows_axis_and_heights() -> None:
    # 0 draws nothing, 0.5 the lower half, 1.0 the whole height, None a gap, 0.3 a bit
    assert column_chart([0.0, 0.5, 1.0, None, 0.3], width=40, height=4) == [
        "100%▕      ███",
        "    ▕      ███",
        "    ▕   ██████   ▂▂▂",
        "  0%▕   ██████   ███",
        "    └───────────────",
    ]
    assert all(cell_len(line) <= 20 for line in column_chart([0.5] * 30, 20, 4))


def test_column_chart_keeps_the_latest_points_when_narrow() -> None:
    lines = column_chart([0.0] * 50 + [1.0], width=15, height=2)
    assert lines[0].endswith("█")
    assert all(cell_len(line) <= 15 for line in lines)


def test_column_chart_middle_label_and_eighths() -> None:
    lines = column_chart([0.56], width=10, height=5)
    assert lines[2].startswith(" 50%▕")
    assert any(ch in "".join(lines) for ch in "▁▂▃▄▅▆▇")


def test_readiness_over_time_waits_for_evidence() -> None:
    summary = BankSummary(
        (
            DomainInfo("A", "Alpha", 1, (TopicInfo("A.1", "One"),)),
            DomainInfo("B", "Beta", 1, (TopicInfo("B.1", "Two"),)),
        ),
        {"a": "A.1", "b": "B.1"},
    )
    start = datetime(2026, 1, 1, tzinfo=UTC)
    answers = [
        AnswerRecord(f"{n}", "ab"[n % 2], 0, True, 5.0, "drill", start + timedelta(minutes=n))
        for n in range(60)
    ]
    series = readiness_over_time(summary, answers, points=6)
    assert len(series) == 6
    assert series[:2] == [None, None]  # 10 and 20 answers: not enough yet
    assert all(v is not None and v > 0.9 for v in series[2:])
    assert readiness_over_time(summary, []) == []


def test_column_chart_columns_share_the_room_and_are_whole_cells() -> None:
    # two points in three cells: one cell each (never a cell and a half)
    assert column_chart([0.5, 1.0], width=8, height=2) == ["100%▕ █", "  0%▕██", "    └──"]
    # one point gets up to three cells
    assert column_chart([1.0], width=8, height=2) == ["100%▕███", "  0%▕███", "    └───"]
    # no room beside the axis: the latest point alone, one cell wide
    assert column_chart([0.0, 1.0], width=5, height=2) == ["100%▕█", "  0%▕█", "    └─"]


def test_column_chart_on_a_scale_that_does_not_start_at_zero() -> None:
    lines = column_chart([0.6, 0.9], width=20, height=2, low=0.5, high=1.0)
    assert lines == ["100%▕   ▅▅▅", " 50%▕▃▃▃███", "    └──────"]


def test_column_chart_of_an_empty_scale_draws_nothing() -> None:
    assert column_chart([0.3, 0.9], width=10, height=2, low=0.5, high=0.5) == [
        " 50%▕",
        " 50%▕",
        "    └────",
    ]


SUMMARY = BankSummary(
    (
        DomainInfo("A", "Alpha", 1, (TopicInfo("A.1", "One"),)),
        DomainInfo("B", "Beta", 1, (TopicInfo("B.1", "Two"),)),
    ),
    {"a": "A.1", "b": "B.1"},
)
START = datetime(2026, 1, 1, tzinfo=UTC)


def answered(qid: str, n: int, choice: int = 0) -> AnswerRecord:
    return AnswerRecord(f"{n}", qid, choice, choice == 0, 5.0, "drill", START + timedelta(hours=n))


def test_readiness_over_time_counts_three_answers_a_domain_as_enough() -> None:
    answers = [answered("a", n) for n in range(27)] + [answered("b", n) for n in range(27, 30)]
    answers.append(answered("gone", 40))  # no longer in the bank
    answers.append(answered("b", 41, choice=-1))  # left unanswered
    [value] = readiness_over_time(SUMMARY, answers, points=1)
    assert value == pytest.approx(0.5 * 28 / 29 + 0.5 * 4 / 5)
    assert readiness_over_time(SUMMARY, answers[:29], points=1) == [None]  # 29 answers


def test_readiness_over_time_has_a_point_per_slice_twenty_four_by_default() -> None:
    answers = [answered("ab"[n % 2], n) for n in range(30)]
    assert len(readiness_over_time(SUMMARY, answers)) == 24
    assert len(readiness_over_time(SUMMARY, answers[:6], points=6)) == 6
    series = readiness_over_time(SUMMARY, answers, points=30)
    assert series[:29] == [None] * 29 and series[29] is not None  # the 30th answer
