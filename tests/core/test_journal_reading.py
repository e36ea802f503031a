"""Reading the journal line by line: torn tails, blank lines, lines that are not changes."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from quizapp.core.progress.answers import AnswerRecord
from quizapp.core.progress.data import ProgressData
from quizapp.core.progress.journal import (
    JOURNAL_FILE,
    append_line,
    encode_event,
    journal_identity,
    read_journal,
)
from quizapp.core.progress.scheduling import card_from_json, rebuild_cards
from quizapp.core.progress.state import ProgressState
from quizapp.core.progress.store import ProgressStore
from tests.conftest import FakeClock, exam_in_progress, finished_exam

AT = "2026-11-24T09:00:00+00:00"


def answer_json(answer_id: str = "a", question_id: str = "a1-one") -> dict[str, Any]:
    return {
        "id": answer_id,
        "question_id": question_id,
        "choice": 0,
        "correct": True,
        "seconds": 2.0,
        "mode": "drill",
        "at": AT,
    }


# -- read_journal and append_line ---------------------------------------------


def test_lines_that_are_json_but_not_objects_are_damaged(tmp_path: Path) -> None:
    path = tmp_path / JOURNAL_FILE
    others = [b"[]", b"[1, 2]", b"1", b'"text"', b"null", b"true", b"not json", b"[" * 5000]
    path.write_bytes(b'{"seq":1,"op":"fold"}\n' + b"\n".join(others) + b'\n{"seq":2}\n')
    read = read_journal(path)
    assert read.events == [{"seq": 1, "op": "fold"}, {"seq": 2}]
    assert read.damaged == others
    assert read.end == path.stat().st_size


def test_blank_lines_are_neither_changes_nor_damaged_but_are_read_past(tmp_path: Path) -> None:
    path = tmp_path / JOURNAL_FILE
    content = b'\n{"seq":1}\n   \n\t\n{"seq":2}\n\n'
    path.write_bytes(content)
    read = read_journal(path)
    assert read.events == [{"seq": 1}, {"seq": 2}]
    assert read.damaged == [] and read.end == len(content)


def test_a_torn_last_line_is_left_out_and_the_end_stops_before_it(tmp_path: Path) -> None:
    path = tmp_path / JOURNAL_FILE
    whole = b'{"seq":1}\n{"seq":2}\n'
    path.write_bytes(whole + b'{"seq":3,"op":"ans')
    read = read_journal(path)
    assert read.events == [{"seq": 1}, {"seq": 2}] and read.damaged == []
    assert read.end == len(whole)
    path.write_bytes(b'{"seq":1,"op":"fo')  # nothing complete at all
    assert read_journal(path).events == [] and read_journal(path).end == 0


def test_reading_from_an_offset_reads_only_what_follows(tmp_path: Path) -> None:
    path = tmp_path / JOURNAL_FILE
    first = b'{"seq":1}\n'
    path.write_bytes(first + b'{"seq":2}\n{"seq":3}\n')
    read = read_journal(path, len(first))
    assert read.events == [{"seq": 2}, {"seq": 3}]
    assert read.end == path.stat().st_size
    at_end = read_journal(path, read.end)
    assert at_end.events == [] and at_end.end == read.end


def test_a_missing_journal_reads_as_empty(tmp_path: Path) -> None:
    read = read_journal(tmp_path / JOURNAL_FILE, 123)
    assert (read.events, read.damaged, read.end) == ([], [], 0)
    assert journal_identity(tmp_path / JOURNAL_FILE) is None


def test_append_returns_the_new_end_and_cuts_a_torn_tail_longer_than_the_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / JOURNAL_FILE
    first = encode_event({"seq": 1, "op": "flag"})
    assert append_line(path, first, 0) == len(first) == path.stat().st_size
    torn = b'{"seq":2,"op":"answer","answer":{"id":"torn","question_id":"a1-one","choi'
    with path.open("ab") as handle:
        handle.write(torn)
    short = encode_event({"seq": 2})
    assert len(short) < len(torn)  # without the cut, the torn bytes would stay behind it
    end = append_line(path, short, len(first))
    assert end == len(first) + len(short) == path.stat().st_size
    assert path.read_bytes() == first + short
    identity = journal_identity(path)
    assert identity is not None and identity[1] == end


def test_encode_event_is_one_compact_utf8_line() -> None:
    line = encode_event({"seq": 1, "key": "thème", "nested": {"a": [1, 2]}})
    assert line == '{"seq":1,"key":"thème","nested":{"a":[1,2]}}\n'.encode()
    assert line.count(b"\n") == 1


# -- the store reading a journal ------------------------------------------------


def test_a_torn_tail_longer_than_the_next_line_is_cut_off(data_dir: Path, clock: FakeClock) -> None:
    store = ProgressStore(data_dir, clock)
    store.set_flag("a1-one", True)
    journal = data_dir / JOURNAL_FILE
    kept = journal.read_bytes()
    torn = b'{"seq":2,"op":"answer","answer":{"id":"torn","question_id":"a1-one","choice":0,'
    journal.write_bytes(kept + torn)
    reopened = ProgressStore(data_dir, clock)
    assert reopened.notice is None and reopened.flagged == ["a1-one"]
    reopened.set_flag("b1", True)  # a line shorter than the torn one
    assert len(encode_event({"seq": 2, "op": "flag", "question_id": "b1", "flagged": True})) < len(
        torn
    )
    lines = journal.read_bytes().split(b"\n")
    assert lines[-1] == b"" and [json.loads(line)["seq"] for line in lines[:-1]] == [1, 2]
    assert ProgressStore(data_dir, clock).flagged == ["a1-one", "b1"]


def test_blank_lines_in_the_journal_are_not_reported_as_damaged(
    data_dir: Path, clock: FakeClock
) -> None:
    store = ProgressStore(data_dir, clock)
    store.set_flag("a1-one", True)
    journal = data_dir / JOURNAL_FILE
    journal.write_bytes(b"\n  \n" + journal.read_bytes() + b"\n")
    reopened = ProgressStore(data_dir, clock)
    assert reopened.notice is None and reopened.flagged == ["a1-one"]
    assert list(data_dir.glob("progress.journal.damaged-*")) == []
    reopened.set_flag("a1-two", True)
    assert ProgressStore(data_dir, clock).flagged == ["a1-one", "a1-two"]


BAD_CHANGES: dict[str, tuple[dict[str, Any], str]] = {
    "unknown-op": ({"op": "teleport"}, "unknown change 'teleport'"),
    "op-not-text": ({"op": 5}, "unknown change 5"),
    "op-unhashable": ({"op": ["answer"]}, "unknown change ['answer']"),
    "no-op": ({"seq": 9}, "unknown change None"),
    "answer-not-object": ({"op": "answer", "answer": []}, "an answer must be a JSON object"),
    "answer-missing": ({"op": "answer"}, "malformed answer change: 'answer'"),
    "answer-bad-field": (
        {"op": "answer", "answer": {**answer_json(), "choice": "x"}},
        "choice must be an integer >= -1",
    ),
    "flag-not-bool": (
        {"op": "flag", "question_id": "a1-one", "flagged": "yes"},
        "a flag needs a question id and true or false",
    ),
    "flag-no-id": (
        {"op": "flag", "question_id": 3, "flagged": True},
        "a flag needs a question id and true or false",
    ),
    "note-bad-confidence": (
        {"op": "note", "id": "a", "confidence": "certain"},
        "confidence 'certain'",
    ),
    "note-bad-reason": ({"op": "note", "id": "a", "miss_reason": "tired"}, "miss reason 'tired'"),
    "setting-no-name": ({"op": "setting", "key": 1, "value": "x"}, "a setting needs a name"),
    "setting-missing-value": (
        {"op": "setting", "key": "theme"},
        "malformed setting change: 'value'",
    ),
    "exam-unknown-event": (
        {"op": "exam", "event": "teleport", "exam_id": "open"},
        "unknown exam event 'teleport'",
    ),
    "exam-event-not-text": (
        {"op": "exam", "event": ["start"], "exam_id": "open"},
        "malformed exam change: unhashable type: 'list'",
    ),
    "exam-bad-state": (
        {"op": "exam", "event": "start", "state": []},
        "malformed exam change: 1 validation error for ExamState",
    ),
    "exam-patch-not-object": (
        {"op": "exam", "event": "move", "exam_id": "open", "set": []},
        "an exam change must be an object",
    ),
    "exam-patch-invalid": (
        {"op": "exam", "event": "move", "exam_id": "open", "set": {"elapsed_seconds": -5}},
        "malformed exam change: 1 validation error for ExamState",
    ),
    "submit-bad-record": (
        {"op": "exam", "event": "submit", "record": {"id": "x"}},
        "malformed exam change: 9 validation errors for ExamRecord",
    ),
    "submit-seconds-not-object": (
        {"op": "exam", "event": "submit", "seconds_on": []},
        "seconds_on must be an object",
    ),
    "submit-seconds-not-numbers": (
        {"op": "exam", "event": "submit", "seconds_on": {"x": 1}},
        "invalid literal for int() with base 10: 'x'",
    ),
}


def state_with_an_open_exam_and_an_answer() -> ProgressState:
    clock = FakeClock()
    data = ProgressData(active_exam=exam_in_progress(clock))
    data.answers = [AnswerRecord.from_json(answer_json())]
    return ProgressState(data)


@pytest.mark.parametrize(("change", "message"), BAD_CHANGES.values(), ids=BAD_CHANGES.keys())
def test_a_malformed_change_raises_value_error_and_changes_nothing(
    change: dict[str, Any], message: str
) -> None:
    clock = FakeClock()
    if "submit" in change.values() and "record" not in change:
        change = {**change, "record": finished_exam(clock, 0, 1).model_dump(mode="json")}
    state = state_with_an_open_exam_and_an_answer()
    before = (copy.deepcopy(state.data.model_dump()), list(state.data.answers))
    with pytest.raises(ValueError) as caught:
        state.apply(change)
    assert str(caught.value) == message
    assert (state.data.model_dump(), state.data.answers) == before


@pytest.mark.parametrize("change", [c for c, _ in BAD_CHANGES.values()], ids=BAD_CHANGES.keys())
def test_a_malformed_change_in_the_journal_is_set_aside(
    data_dir: Path, clock: FakeClock, change: dict[str, Any]
) -> None:
    store = ProgressStore(data_dir, clock)
    store.start_exam(exam_in_progress(clock))
    store.set_flag("a1-one", True)
    journal = data_dir / JOURNAL_FILE
    journal.write_bytes(journal.read_bytes() + encode_event({"seq": 3, **change}))
    reopened = ProgressStore(data_dir, clock)
    assert reopened.notice is not None and "1 damaged line(s)" in reopened.notice
    assert reopened.flagged == ["a1-one"] and reopened.active_exam == exam_in_progress(clock)
    [aside] = data_dir.glob("progress.journal.damaged-*")
    assert json.loads(aside.read_bytes()) == {"seq": 3, **change}


@pytest.mark.parametrize("seq", [-1, "3", 2.5, True, None], ids=repr)
def test_a_line_numbered_badly_is_set_aside(data_dir: Path, clock: FakeClock, seq: Any) -> None:
    store = ProgressStore(data_dir, clock)
    store.set_flag("a1-one", True)
    journal = data_dir / JOURNAL_FILE
    line = {"seq": seq, "op": "flag", "question_id": "a1-two", "flagged": True}
    journal.write_bytes(journal.read_bytes() + encode_event(line))
    reopened = ProgressStore(data_dir, clock)
    if seq is None:  # a line of the previous release, which had no numbers: applied
        assert reopened.notice is None and reopened.flagged == ["a1-one", "a1-two"]
    else:
        assert reopened.notice is not None and reopened.flagged == ["a1-one"]


@pytest.mark.parametrize("card", [None, [1, 2], "due", {"due": "never"}], ids=repr)
def test_the_card_in_a_line_of_the_previous_release_is_never_taken(
    data_dir: Path, clock: FakeClock, card: Any
) -> None:
    """Schema 2 journal lines carried the card; the card is computed from the answers."""
    data_dir.mkdir(parents=True)
    line = {"answer": answer_json("old", "a1-one"), "card": card}
    (data_dir / JOURNAL_FILE).write_bytes(encode_event(line))
    store = ProgressStore(data_dir, clock)
    assert store.notice is None and [a.id for a in store.answers] == ["old"]
    expected = rebuild_cards(store.answers)["a1-one"]
    assert card_from_json(store.cards_json["a1-one"]) == expected


def test_the_same_answer_in_two_lines_counts_once(data_dir: Path, clock: FakeClock) -> None:
    data_dir.mkdir(parents=True)
    line = encode_event({"op": "answer", "answer": answer_json("same")})
    (data_dir / JOURNAL_FILE).write_bytes(line + line)
    store = ProgressStore(data_dir, clock)
    assert [a.id for a in store.answers] == ["same"] and store.histories["a1-one"].attempts == 1


def test_a_change_applied_is_the_line_appended(data_dir: Path, clock: FakeClock) -> None:
    store = ProgressStore(data_dir, clock)
    recorded = store.record_answer("a1-one", 2, False, 4.5, "review")
    [line] = [json.loads(x) for x in (data_dir / JOURNAL_FILE).read_bytes().splitlines()]
    assert line == {"seq": 1, "op": "answer", "answer": recorded.to_json()}
    assert recorded.at == datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
