"""Text helpers the screens share."""

from __future__ import annotations

from quizapp.ui.formatting import SPARK_LEVELS, spark_bars


def test_spark_bars_use_a_fixed_scale() -> None:
    assert spark_bars([0, 50, 100], low=0, high=100) == "▁▅█"
    # a flat run of 70s stays flat, and a one-point wobble does not become a cliff
    assert spark_bars([70, 71, 70], low=0, high=100) == "▆▆▆"


def test_spark_bars_clamp_out_of_range_values_and_survive_an_empty_scale() -> None:
    assert spark_bars([-5, 120], low=0, high=100) == SPARK_LEVELS[0] + SPARK_LEVELS[-1]
    assert spark_bars([3, 4], low=5, high=5) == SPARK_LEVELS[0] * 2
    assert spark_bars([], low=0, high=100) == ""
