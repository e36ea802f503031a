"""Small text helpers shared by screens (presentation only, no rules)."""

from __future__ import annotations

from quizapp.core.text import (
    NO_EXPLANATION,
    SPARK_LEVELS,
    bar,
    clock_text,
    percent,
    seconds,
    spark_bars,
)

__all__ = [
    "NO_EXPLANATION",
    "SPARK_LEVELS",
    "bar",
    "clock_text",
    "percent",
    "seconds",
    "spark_bars",
]
