"""The tables and numbers the screens show, built without a terminal: columns, rows, keys."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from quizapp.core.analytics.dashboard import Dashboard, DomainRow, standing_lines
from quizapp.core.analytics.exam_report import DomainLine, ExamReport
from quizapp.core.analytics.readiness import project
from quizapp.core.analytics.scores import Score, Scores, compute_scores
from quizapp.core.analytics.tables import (
    drill_topics,
    exam_domains,
    exam_history,
    home_domains,
    topic_scores,
)
from quizapp.core.progress.answers import AnswerRecord
from quizapp.core.progress.exam_records import DomainResult, ExamRecord
from quizapp.core.text import Column, bar, clock_text, percent, seconds, spark_bars
from tests.conftest import make_bank

T0 = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)

# -- numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, "-"), (0.0, "0%"), (0.123, "12%"), (0.5, "50%"), (0.996, "100%"), (1.0, "100%")],
)
def test_percent_is_a_whole_percentage_or_a_dash(value: float | None, expected: str) -> None:
    assert percent(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "-"),
        (0.0, "0s"),
        (4.4, "4s"),
        (59.0, "59s"),
        (59.4, "59s"),
        (60.0, "1m 00s"),
        (61.0, "1m 01s"),
        (125.6, "2m 06s"),
        (3599.0, "59m 59s"),
        (3720.0, "62m 00s"),
    ],
)
def test_seconds_are_seconds_under_a_minute_then_minutes_and_seconds(
    value: float | None, expected: str
) -> None:
    assert seconds(value) == expected


@pytest.mark.parametrize("value", [59.5, 59.6, 59.99])
def test_seconds_that_round_to_a_minute_are_written_as_a_minute(value: float) -> None:
    assert seconds(value) == "1m 00s"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-5.0, "0:00"),  # time is up: never a negative clock
        (0.0, "0:00"),
        (0.0005, "0:00"),
        (0.5, "0:01"),  # a second started is a second left
        (59.0, "0:59"),
        (59.001, "1:00"),
        (60.0, "1:00"),
        (61.0, "1:01"),
        (599.5, "10:00"),
        (3599.0, "59:59"),
        (3600.0, "1:00:00"),
        (3661.0, "1:01:01"),
        (7325.0, "2:02:05"),
    ],
)
def test_clock_text_rounds_the_time_left_up_to_the_second(value: float, expected: str) -> None:
    assert clock_text(value) == expected


@pytest.mark.parametrize(
    ("fraction", "width", "expected"),
    [
        (0.0, 4, "░░░░"),
        (0.5, 4, "██░░"),
        (0.6, 5, "███░░"),
        (1.0, 4, "████"),
        (1.5, 4, "████"),  # clamped
        (-0.5, 4, "░░░░"),
        (0.25, 8, "██░░░░░░"),
    ],
)
def test_bar_is_filled_in_proportion_and_always_its_width(
    fraction: float, width: int, expected: str
) -> None:
    assert bar(fraction, width) == expected


def test_bar_is_twenty_cells_by_default() -> None:
    assert bar(0.5) == "█" * 10 + "░" * 10


def test_spark_bars_place_each_value_on_the_fixed_scale() -> None:
    assert spark_bars([0, 100], 0, 100) == "▁█"
    assert spark_bars([50], 0, 100) == "▅"  # 3.5 of 7 levels rounds to the 5th
    assert spark_bars([70, 71, 70], 0, 100) == "▆▆▆"  # a 1-point wobble stays flat
    assert spark_bars([14.3, 28.6, 42.9, 57.2, 71.5, 85.8], 0, 100) == "▂▃▄▅▆▇"
    assert spark_bars([-20, 150], 0, 100) == "▁█"  # clamped to the scale
    assert spark_bars([60, 70], 50, 100) == "▂▄"  # the scale starts at low
    assert spark_bars([], 0, 100) == ""


def test_spark_bars_on_a_scale_of_one() -> None:
    assert spark_bars([0.0, 0.5, 1.0], 0, 1) == "▁▅█"


def test_spark_bars_of_an_empty_scale_are_the_lowest_level() -> None:
    assert spark_bars([5, 50], 50, 50) == "▁▁"
    assert spark_bars([5, 50], 60, 50) == "▁▁"


# -- tables ----------------------------------------------------------------------------


def test_home_domains_table() -> None:
    board = Dashboard(
        total_questions=10,
        seen_questions=3,
        answered=4,
        correct=3,
        domains=[
            DomainRow("A", "Domain A", 0.25, 4, 3, 7),
            DomainRow("B", "Domain B", 0.755, 0, 0, 3),
        ],
        weakest=[],
        missed_to_review=1,
        flagged=0,
        scores=Scores(Score(), {}, {}, set()),
    )
    table = home_domains(board)
    assert table.columns == [
        Column("Domain", align="<", flex=True, min_width=12),
        Column("Weight", drop=2, short="Wt"),
        Column("Answered", drop=1, short="Ans"),
        Column("Accuracy", short="Acc"),
        Column("Bank", drop=3),
    ]
    assert table.rows == [
        ["A Domain A", "25%", "4", "75%", "7"],
        ["B Domain B", "76%", "0", "-", "3"],
    ]
    assert table.keys == ["A", "B"]
    assert table.strong == frozenset()


def test_topic_scores_table_lists_each_domain_in_bold_then_its_topics() -> None:
    bank = make_bank({"A.1": 2, "A.2": 1, "B.1": 1}, {"A": 1, "B": 1})
    answers = [
        AnswerRecord("1", "a1-q0", 0, True, 30.0, "drill", T0),
        AnswerRecord("2", "a1-q1", 1, False, 90.0, "drill", T0 + timedelta(days=2)),
    ]
    table = topic_scores(bank.summary(), compute_scores(bank.summary(), answers))
    assert table.columns == [
        Column("Domain / topic", align="<", flex=True, min_width=14),
        Column("Answered", short="Ans"),
        Column("Accuracy", short="Acc"),
        Column("Time/q", drop=2),
        Column("Last seen", drop=1, short="Seen"),
    ]
    assert table.rows == [
        ["A Domain A", "1/2", "50%", "1m 00s", "2026-11-03"],
        ["  Topic A.1", "1/2", "50%", "1m 00s", "2026-11-03"],
        ["  Topic A.2", "0/0", "-", "-", "-"],
        ["B Domain B", "0/0", "-", "-", "-"],
        ["  Topic B.1", "0/0", "-", "-", "-"],
    ]
    assert table.keys == ["A", "A.1", "A.2", "B", "B.1"]
    assert table.strong == frozenset({"A", "B"})


def record(n: int, correct: int, by_domain: dict[str, DomainResult]) -> ExamRecord:
    finished = T0 + timedelta(days=n, minutes=n)
    return ExamRecord(
        id=f"exam-{n}",
        started_at=finished - timedelta(minutes=10),
        finished_at=finished,
        questions=4,
        correct=correct,
        time_limit_seconds=600,
        time_used_seconds=125 + n,
        by_domain=by_domain,
        question_ids=["q1", "q2", "q3", "q4"],
        chosen=[0, 0, 0, -1],
        correct_positions=list(range(correct)),
    )


def test_exam_history_table_is_newest_first() -> None:
    first = record(
        1, 1, {"B": DomainResult(correct=0, total=1), "A": DomainResult(correct=1, total=3)}
    )
    second = record(2, 3, {})
    table = exam_history([first, second])
    assert table.columns == [
        Column("Date", align="<"),
        Column("Questions", short="Qs", drop=2),
        Column("Score"),
        Column("Time used", short="Time", drop=3),
        Column("Domains", align="<", flex=True, min_width=10, drop=1),
    ]
    assert table.rows == [
        ["2026-11-03 09:32", "4", "75% (3)", "2m 07s", ""],
        ["2026-11-02 09:31", "4", "25% (1)", "2m 06s", "A:1/3 B:0/1"],
    ]
    assert table.keys == ["exam-2", "exam-1"]


def test_exam_domains_table_shows_a_bar_of_each_domain_score() -> None:
    report = ExamReport(
        record=record(1, 2, {}),
        domains=[DomainLine("A", "Domain A", 0.4, 3, 4), DomainLine("B", "Domain B", 0.6, 0, 0)],
        seconds_per_question=30.0,
        pace_seconds=60.0,
        previous_score=None,
        best_previous=None,
        attempt=1,
    )
    table = exam_domains(report)
    assert table.columns == [
        Column("Domain", align="<", flex=True, min_width=10),
        Column("", align="<", drop=2),
        Column("Right", short="Rt"),
        Column("Score"),
        Column("Weight", drop=1, short="Wt"),
    ]
    assert table.rows == [
        ["A Domain A", "█████████░░░", "3/4", "75%", "40%"],
        ["B Domain B", "░" * 12, "0/0", "0%", "60%"],
    ]
    assert table.keys == ["A", "B"]
    assert exam_domains(report, bar_width=4).rows[0][1] == "███░"


def test_drill_topics_table_names_each_topic_when_it_can() -> None:
    table = drill_topics([("A.1", 4, 3), ("Z.9", 0, 0)], {"A.1": "Imaging"})
    assert table.columns == [
        Column("Topic", align="<", flex=True, min_width=12),
        Column("Answered", short="Ans", drop=1),
        Column("Correct", short="Right"),
        Column("Accuracy", short="Acc"),
    ]
    assert table.rows == [["A.1 Imaging", "4", "3", "75%"], ["Z.9", "0", "0", "-"]]
    assert table.keys == ["A.1", "Z.9"]


# -- the two lines at the top of home --------------------------------------------------


def board(answered: int, correct: int, missed: int, flagged: int) -> Dashboard:
    return Dashboard(
        total_questions=120,
        seen_questions=answered,
        answered=answered,
        correct=correct,
        domains=[],
        weakest=[],
        missed_to_review=missed,
        flagged=flagged,
        scores=Scores(Score(), {}, {}, set()),
    )


BANK = make_bank({"A.1": 2}, {"A": 1})
NO_PROJECTION = project(BANK.summary(), [])
WAIT = NO_PROJECTION.text  # "answer N more questions across the domains for a projection"


def test_standing_lines_before_any_answer() -> None:
    lines = standing_lines(board(0, 0, 0, 0), 0, NO_PROJECTION, "plan")
    assert lines == [
        "No answers yet: d starts a drill, e an exam  ·  seen 0 of 120 questions",
        f"0 reviews due now  ·  {WAIT}  ·  plan",
    ]


def test_standing_lines_with_answers_missed_and_flagged_questions() -> None:
    lines = standing_lines(board(3, 2, 1, 2), 1, NO_PROJECTION, "study A.1")
    assert lines == [
        "Accuracy 67% over 3 answers  ·  seen 3 of 120 questions  ·  "
        "1 missed question to review  ·  2 flagged",
        f"1 review due now  ·  {WAIT}  ·  study A.1",
    ]
    lines = standing_lines(board(1, 1, 0, 0), 2, NO_PROJECTION, "p")
    assert lines[0] == (
        "Accuracy 100% over 1 answer  ·  seen 1 of 120 questions  ·  "
        "nothing missed waiting for review"
    )
    assert standing_lines(board(4, 0, 3, 0), 0, NO_PROJECTION, "p")[0].endswith(
        "3 missed questions to review"
    )
