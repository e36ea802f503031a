"""The tables the screens show, as columns and rows of text that fit any width.

Each builder returns the columns (with how they give way when the terminal is
narrow) and the rows; ``quizapp.core.text.fit_table`` or ``fit_columns`` then
cut them to the width the screen has, so every row stays on one line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizapp.core.analytics.dashboard import Dashboard
from quizapp.core.analytics.exam_report import ExamReport
from quizapp.core.analytics.scores import Score, Scores
from quizapp.core.bank.summary import BankSummary
from quizapp.core.text import Column, bar, percent, seconds

if TYPE_CHECKING:  # pydantic is not needed to draw the home screen
    from quizapp.core.progress.exam_records import ExamRecord


@dataclass(frozen=True)
class Table:
    columns: list[Column]
    rows: list[list[str]]
    keys: list[str]
    """One key per row (a domain or topic code, an exam id)."""
    strong: frozenset[str] = frozenset()
    """Keys of rows shown in bold (domains among topics)."""


def home_domains(board: Dashboard) -> Table:
    """Home: each domain's weight on the exam, answers, accuracy and questions in the bank."""
    columns = [
        Column("Domain", align="<", flex=True, min_width=12),
        Column("Weight", drop=2, short="Wt"),
        Column("Answered", drop=1, short="Ans"),
        Column("Accuracy", short="Acc"),
        Column("Bank", drop=3),
    ]
    rows = [
        [
            f"{d.code} {d.name}",
            f"{d.weight_share:.0%}",
            str(d.answered),
            percent(d.accuracy),
            str(d.bank_questions),
        ]
        for d in board.domains
    ]
    return Table(columns, rows, [d.code for d in board.domains])


def topic_scores(summary: BankSummary, scores: Scores) -> Table:
    """Statistics: every domain (strong) and its topics with answers, accuracy, time, last seen."""
    columns = [
        Column("Domain / topic", align="<", flex=True, min_width=14),
        Column("Answered", short="Ans"),
        Column("Accuracy", short="Acc"),
        Column("Time/q", drop=2),
        Column("Last seen", drop=1, short="Seen"),
    ]

    def cells(label: str, score: Score) -> list[str]:
        last = score.last_seen.strftime("%Y-%m-%d") if score.last_seen else "-"
        return [
            label,
            f"{score.correct}/{score.answered}",
            percent(score.accuracy),
            seconds(score.seconds_per_question),
            last,
        ]

    rows: list[list[str]] = []
    keys: list[str] = []
    for domain in summary.domains:
        rows.append(cells(f"{domain.code} {domain.name}", scores.by_domain[domain.code]))
        keys.append(domain.code)
        for topic in domain.topics:
            rows.append(cells(f"  {topic.name}", scores.by_topic[topic.code]))
            keys.append(topic.code)
    return Table(columns, rows, keys, frozenset(d.code for d in summary.domains))


def exam_history(history: Sequence[ExamRecord]) -> Table:
    """Statistics: every finished exam, newest first."""
    columns = [
        Column("Date", align="<"),
        Column("Questions", short="Qs", drop=2),
        Column("Score"),
        Column("Time used", short="Time", drop=3),
        Column("Domains", align="<", flex=True, min_width=10, drop=1),
    ]
    rows = []
    for record in reversed(history):
        domains = " ".join(
            f"{code}:{r.correct}/{r.total}" for code, r in sorted(record.by_domain.items())
        )
        rows.append(
            [
                f"{record.finished_at:%Y-%m-%d %H:%M}",
                str(record.questions),
                f"{percent(record.score)} ({record.correct})",
                seconds(record.time_used_seconds),
                domains,
            ]
        )
    return Table(columns, rows, [r.id for r in reversed(history)])


def exam_domains(report: ExamReport, bar_width: int = 12) -> Table:
    """Exam results: each domain's score against its weight on the exam."""
    columns = [
        Column("Domain", align="<", flex=True, min_width=10),
        Column("", align="<", drop=2),
        Column("Right", short="Rt"),
        Column("Score"),
        Column("Weight", drop=1, short="Wt"),
    ]
    rows = [
        [
            f"{d.code} {d.name}",
            bar(d.accuracy, bar_width),
            f"{d.correct}/{d.total}",
            percent(d.accuracy),
            f"{d.weight_share:.0%}",
        ]
        for d in report.domains
    ]
    return Table(columns, rows, [d.code for d in report.domains])


def drill_topics(lines: Sequence[tuple[str, int, int]], names: Mapping[str, str]) -> Table:
    """Drill summary: (topic, answered, correct) per topic with the topic's name."""
    columns = [
        Column("Topic", align="<", flex=True, min_width=12),
        Column("Answered", short="Ans", drop=1),
        Column("Correct", short="Right"),
        Column("Accuracy", short="Acc"),
    ]
    rows = [
        [
            f"{topic} {names.get(topic, '')}".strip(),
            str(answered),
            str(correct),
            percent(correct / answered if answered else None),
        ]
        for topic, answered, correct in lines
    ]
    return Table(columns, rows, [line[0] for line in lines])
