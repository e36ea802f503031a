"""The snapshot reader and writer: any JSON layout in, compact records out, answers last."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from quizapp.core.progress.answers import AnswerRecord
from quizapp.core.progress.data import ProgressData
from quizapp.core.progress.snapshot import (
    SnapshotSyntaxError,
    render_snapshot,
    split_snapshot,
)

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def answers(count: int) -> list[AnswerRecord]:
    return [
        AnswerRecord(
            id=f"id-{i}",
            question_id=f"q{i % 3}",
            choice=i % 4,
            correct=i % 2 == 0,
            seconds=1.5 * i,
            mode="drill",
            at=T0 + timedelta(minutes=i),
            confidence="unsure" if i == 1 else None,
        )
        for i in range(count)
    ]


def rendered(count: int = 5) -> tuple[ProgressData, str]:
    data = ProgressData(answers=answers(count), flagged=["q1"], settings={"theme": "nord"})
    return data, render_snapshot(data).decode()


def test_round_trip_keeps_every_answer_and_field() -> None:
    data, text = rendered()
    top, records = split_snapshot(text)
    assert records == data.answers
    assert top["flagged"] == ["q1"] and top["settings"] == {"theme": "nord"}
    assert list(json.loads(text))[-1] == "answers"  # written last, one per line
    assert len(text.splitlines()) == 2 + len(data.answers)


def test_the_snapshot_holds_no_derived_totals() -> None:
    _, text = rendered(7)
    top, _ = split_snapshot(text)
    assert "question_stats" not in top and "answers_chars" not in top


def test_any_json_layout_is_read() -> None:
    data, _ = rendered(3)
    raw = {"answers": [a.to_json() for a in data.answers], "schema_version": 2, "flagged": []}
    top, records = split_snapshot(json.dumps(raw, indent=4))
    assert records == data.answers and top == {"schema_version": 2, "flagged": []}


@pytest.mark.parametrize(
    "text",
    ['{"answers": [', '{"a": 1', '{"a": 1} x', "[1, 2]", '{"a" 1}', "", '{"answers": [1,]}'],
)
def test_broken_json_raises_a_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        split_snapshot(text)


def test_a_bad_answer_is_named_by_position() -> None:
    _, text = rendered(3)
    broken = text.replace('"id":"id-1"', '"id":""', 1)
    with pytest.raises(ValueError, match="answer 2: id must be a non-empty string"):
        split_snapshot(broken)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("choice", -2, "choice"),
        ("choice", True, "choice"),
        ("correct", 1, "correct"),
        ("seconds", -1, "seconds"),
        ("seconds", "3", "seconds"),
        ("mode", "cram", "mode"),
        ("at", "yesterday", "yesterday"),
        ("at", 5, "at must be"),
        ("confidence", "maybe", "confidence"),
    ],
)
def test_answer_fields_are_checked(field: str, value: object, message: str) -> None:
    raw = answers(1)[0].to_json() | {field: value}
    with pytest.raises(ValueError, match=message):
        AnswerRecord.from_json(raw)


def test_missing_field_and_naive_time() -> None:
    raw = answers(1)[0].to_json()
    with pytest.raises(ValueError, match="missing 'mode'"):
        AnswerRecord.from_json({k: v for k, v in raw.items() if k != "mode"})
    naive = AnswerRecord.from_json(raw | {"at": "2026-11-01T08:00:00"})
    assert naive.at == T0  # read as UTC, so it sorts with the others


def test_broken_syntax_error_says_where() -> None:
    with pytest.raises(SnapshotSyntaxError, match="char"):
        split_snapshot('{"a": 1 "b": 2}')
