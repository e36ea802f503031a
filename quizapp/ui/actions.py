"""App actions that need the bank and the progress store, dimmed until both are open."""

from __future__ import annotations

DATA_ACTIONS = frozenset(
    {
        "open_exam",
        "start_full_exam",
        "open_drill_setup",
        "review_weak",
        "set_exam_date",
        "review_missed",
        "drill_flagged",
        "drill_topic",
        "open_guide",
        "open_stats",
        "open_past_exams",
    }
)
