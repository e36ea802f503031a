"""Charts as lines of text: accuracy per domain and the readiness estimate over time.

A column chart on a fixed 0-100% scale: each point is a column, its top cell an
eighth-block so heights read finely; a y axis with 0%, 50% and 100%, and the
oldest point on the left. Points without enough evidence are left blank.
"""

from __future__ import annotations

from collections.abc import Sequence

from quizapp.core.analytics.readiness import MIN_ANSWERS, MIN_PER_DOMAIN, estimate_readiness
from quizapp.core.analytics.scores import Score, Scores
from quizapp.core.bank.summary import BankSummary, domain_of_topic
from quizapp.core.progress.answers import AnswerRecord

EIGHTHS = " ▁▂▃▄▅▆▇█"
AXIS_WIDTH = 5
"""``100%`` and the axis line."""


def column_chart(
    values: Sequence[float | None], width: int, height: int, low: float = 0.0, high: float = 1.0
) -> list[str]:
    """``height`` rows of plot plus the x axis, each line at most ``width`` cells.

    Each value gets columns of equal width (1-3); when there are more values than
    columns, the latest ones are kept.
    """
    room = max(1, width - AXIS_WIDTH)
    shown = list(values)[-room:]
    column = max(1, min(3, room // max(1, len(shown))))
    span = high - low
    levels = height * 8

    def eighths(value: float) -> int:
        share = (min(max(value, low), high) - low) / span if span else 0.0
        return round(share * levels)

    heights = [None if v is None else eighths(v) for v in shown]
    rows = []
    for row in range(height):
        floor = (height - 1 - row) * 8  # eighths below this row
        label = {0: f"{high:.0%}", height - 1: f"{low:.0%}"}.get(row, "")
        if height >= 5 and row == height // 2:
            label = f"{(low + high) / 2:.0%}"
        cells = []
        for h in heights:
            if h is None:
                cells.append(" " * column)
                continue
            fill = min(8, max(0, h - floor))
            cells.append(EIGHTHS[fill] * column)
        rows.append(f"{label:>4}▕" + "".join(cells))
    rows.append(" " * 4 + "└" + "─" * (len(heights) * column))
    return [line.rstrip() for line in rows]


def readiness_over_time(
    summary: BankSummary, answers: Sequence[AnswerRecord], points: int = 24
) -> list[float | None]:
    """The projected score after each of up to ``points`` equal slices of the answers
    (oldest first); None where there was not yet enough evidence for a projection."""
    counted = sorted(
        (a for a in answers if not a.skipped and a.question_id in summary.topic_of),
        key=lambda a: a.at,
    )
    if not counted:
        return []
    by_domain = {d.code: Score() for d in summary.domains}
    slices = min(points, len(counted))
    marks = {round((i + 1) * len(counted) / slices) for i in range(slices)}
    series: list[float | None] = []
    for n, answer in enumerate(counted, 1):
        score = by_domain[domain_of_topic(summary.topic_of[answer.question_id])]
        score.answered += 1
        score.correct += int(answer.correct)
        if n in marks:
            enough = n >= MIN_ANSWERS and all(
                s.answered >= MIN_PER_DOMAIN for s in by_domain.values()
            )
            scores = Scores(Score(), by_domain, {}, set())
            series.append(estimate_readiness(summary, (), scores).projected if enough else None)
    return series
