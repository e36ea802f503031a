"""The pieces of the progress file: answers, migrations, the snapshot's syntax, due dates,
exports, where the data lives and how files are written."""

from __future__ import annotations

import csv
import io
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from quizapp.core.progress import atomic
from quizapp.core.progress.answers import AnswerRecord
from quizapp.core.progress.data import ProgressData
from quizapp.core.progress.due import DueDate, due_dates_from_json, due_questions, exam_deadline
from quizapp.core.progress.export import anki_csv, history_csv
from quizapp.core.progress.history import AnswerIndex, question_histories
from quizapp.core.progress.journal import append_line, encode_event
from quizapp.core.progress.migrations import migrate, schema_version_of
from quizapp.core.progress.paths import DATA_DIR_ENV, resolve_data_dir
from quizapp.core.progress.snapshot import SnapshotSyntaxError, render_snapshot, split_snapshot
from quizapp.core.text import NO_EXPLANATION
from tests.conftest import make_bank

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
GOOD: dict[str, Any] = {
    "id": "a",
    "question_id": "a1-q0",
    "choice": 0,
    "correct": True,
    "seconds": 2.5,
    "mode": "drill",
    "at": "2026-11-01T08:00:00+00:00",
}


# -- one answer ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([GOOD], "an answer must be a JSON object"),
        ({**GOOD, "question_id": ""}, "question_id must be a non-empty string"),
        ({**GOOD, "id": 3}, "id must be a non-empty string"),
        ({**GOOD, "choice": -2}, "choice must be an integer >= -1"),
        ({**GOOD, "correct": "yes"}, "correct must be true or false"),
        ({**GOOD, "seconds": float("inf")}, "seconds must be a number >= 0"),
        ({**GOOD, "mode": None}, "mode must be one of drill, exam, review, not None"),
        ({**GOOD, "mode": ["drill"]}, "mode must be one of drill, exam, review, not ['drill']"),
        ({**GOOD, "at": 5}, "at must be an ISO 8601 date-time string"),
        (
            {**GOOD, "confidence": "certain"},
            "confidence must be one of guess, sure, unsure, not 'certain'",
        ),
        (
            {**GOOD, "miss_reason": "tired"},
            "miss_reason must be one of did-not-know, misread, ran-out-of-time, reasoning, "
            "not 'tired'",
        ),
        ({k: v for k, v in GOOD.items() if k != "at"}, "an answer is missing 'at'"),
    ],
)
def test_a_bad_answer_says_exactly_what_is_wrong(raw: Any, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        AnswerRecord.from_json(raw)
    assert str(caught.value) == message


def test_an_answer_left_unanswered_and_every_optional_field_round_trip() -> None:
    unanswered = AnswerRecord.from_json({**GOOD, "choice": -1, "correct": False})
    assert unanswered.choice == -1
    full = {**GOOD, "confidence": "unsure", "miss_reason": "misread", "seconds": 0}
    record = AnswerRecord.from_json(full)
    assert (record.confidence, record.miss_reason, record.seconds) == ("unsure", "misread", 0.0)
    assert record.to_json() == {**full, "seconds": 0.0}
    assert AnswerRecord.from_json(GOOD).to_json() == GOOD  # nothing optional written as null
    naive = AnswerRecord.from_json({**GOOD, "at": "2026-11-01T10:00:00"})
    assert naive.at == datetime(2026, 11, 1, 10, 0, tzinfo=UTC)
    other_zone = AnswerRecord.from_json({**GOOD, "at": "2026-11-01T10:00:00+02:00"})
    assert other_zone.at == T0 and other_zone.at.utcoffset() == timedelta(hours=2)


# -- migrations ----------------------------------------------------------------------


def test_schema_1_answers_get_stable_ids_and_defaults() -> None:
    old = {
        "version": 1,
        "answers": [
            {"question": "a1-q0", "choice": 1, "correct": False, "time": "2026-01-02T03:04:05"},
            {"question": "a1-q0", "choice": 1, "correct": False, "time": "2026-01-02T03:04:05"},
            {
                "question": "b1-q0",
                "choice": 0,
                "correct": True,
                "seconds": 4,
                "mode": "exam",
                "time": "2026-01-03T03:04:05",
            },
        ],
    }
    migrated = migrate(old)
    assert migrated == migrate(old)  # the same ids every time the file is read
    first, second, third = migrated.pop("answers")
    assert migrated == {"schema_version": 3, "settings": {}, "seq": 0}
    assert first["id"] != second["id"]  # the same answer twice stays two answers
    assert first["id"].startswith("v1-") and len(first["id"]) == 3 + 16
    assert (first["seconds"], first["mode"], first["at"]) == (0, "drill", "2026-01-02T03:04:05")
    assert (third["question_id"], third["seconds"], third["mode"]) == ("b1-q0", 4, "exam")
    moved = migrate({"version": 1, "answers": [{**old["answers"][0], "question": "a1-q1"}]})
    later = migrate({"version": 1, "answers": [{**old["answers"][0], "time": "2027-01-01"}]})
    assert len({first["id"], moved["answers"][0]["id"], later["answers"][0]["id"]}) == 3
    assert migrate({"version": 1})["answers"] == []
    with pytest.raises(ValueError, match=r"^answer 1 is not an object$"):
        migrate({"version": 1, "answers": [old["answers"][0], [1]]})


def test_schema_2_drops_the_derived_totals_and_starts_the_journal_count() -> None:
    old = {"schema_version": 2, "answers": [], "question_stats": {}, "answers_chars": 9, "x": 1}
    assert migrate(old) == {"schema_version": 3, "seq": 0, "answers": [], "x": 1}


@pytest.mark.parametrize("raw", [{}, {"schema_version": "3"}, {"version": True}, {"version": 0}])
def test_a_missing_or_invalid_schema_version_is_refused(raw: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"^missing or invalid schema_version$"):
        schema_version_of(raw)


def test_a_newer_schema_is_refused_by_name() -> None:
    with pytest.raises(
        ValueError, match=r"^schema version 4 is newer than this quizapp reads \(3\)$"
    ):
        migrate({"schema_version": 4})


# -- the snapshot's syntax -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": 1', "expected '}' at char 7, found the end of the file"),
        ('{"a": 1 "b": 2}', "expected '}' at char 8, found '\"'"),
        ("{1: 2}", "expected a key at char 2"),
        ('{"a": 1} x', "extra data after the object at char 9"),
        ('{"a": [1,]}', "Expecting value: line 1 column 10 (char 9)"),
        ('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", "nesting too deep at char 6"),
        # In the answers array, read element by element, the same words:
        (
            '{"answers": [{"id": 1,}]}',
            "Expecting property name enclosed in double quotes: line 1 column 23 (char 22)",
        ),
        ('{"answers": [' + "[" * 100_000 + "]" * 100_000 + "]}", "nesting too deep at char 13"),
    ],
)
def test_a_broken_snapshot_says_where(text: str, message: str) -> None:
    with pytest.raises(SnapshotSyntaxError) as caught:
        split_snapshot(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "text",
    ["{}", " { } ", '{"answers": []}', '{"answers": [ ] , "seq": 2}', '{ "seq": 2, "answers":[]}'],
)
def test_empty_objects_and_empty_answers_read_with_any_spacing(text: str) -> None:
    top, answers = split_snapshot(text)
    assert answers in ([], None) and top in ({}, {"seq": 2})
    assert (answers == []) is ("answers" in text)


def test_compact_text_is_read_too() -> None:
    answer = encode_event(GOOD).decode().strip()
    top, answers = split_snapshot('{"seq":1,"answers":[' + answer + "," + answer + '],"x":[]}')
    assert top == {"seq": 1, "x": []} and answers == [AnswerRecord.from_json(GOOD)] * 2
    for trailing in ("{}x", '{"seq":1}x'):
        with pytest.raises(SnapshotSyntaxError, match="extra data"):
            split_snapshot(trailing)


def test_answers_and_keys_are_read_with_any_spacing() -> None:
    text = '{ "seq" : 1 ,\n "answers" : [ \n' + ",\n ".join([encode_event(GOOD).decode()] * 2)
    top, answers = split_snapshot(text + ' ] ,\n\t"flagged": [] }\n')
    assert top == {"seq": 1, "flagged": []}
    assert answers == [AnswerRecord.from_json(GOOD)] * 2


def test_the_snapshot_is_utf8_text_with_only_the_known_keys() -> None:
    data = ProgressData(settings={"theme": "nörd"})
    data.answers = [AnswerRecord.from_json({**GOOD, "question_id": "ä-1"})]
    text = render_snapshot(data).decode("utf-8")
    assert '"nörd"' in text and '"ä-1"' in text  # not \u escapes: a person reads this file
    top, answers = split_snapshot(text)
    assert list(top) == [
        "schema_version",
        "seq",
        "settings",
        "flagged",
        "cards",
        "active_exam",
        "exam_history",
    ]
    assert answers == data.answers
    assert render_snapshot(ProgressData()).endswith(b',"answers":[]}\n')


# -- due dates -------------------------------------------------------------------------


def test_due_dates_are_read_straight_from_the_stored_cards() -> None:
    dues = due_dates_from_json(
        {
            "a": {"due": "2026-11-02T08:00:00+00:00"},
            "b": {"due": "2026-11-03T08:00:00"},
            "c": {"due": "2026-11-04T10:00:00+02:00"},
        }
    )
    assert dues == {
        "a": DueDate(datetime(2026, 11, 2, 8, tzinfo=UTC)),
        "b": DueDate(datetime(2026, 11, 3, 8, tzinfo=UTC)),  # no zone: UTC
        "c": DueDate(datetime(2026, 11, 4, 8, tzinfo=UTC)),  # another zone: the same moment
    }
    assert due_dates_from_json({"a": {}}) is None and due_dates_from_json({"a": {"due": 5}}) is None


def test_a_card_due_right_now_is_due() -> None:
    cards = {
        "now": DueDate(T0),
        "later": DueDate(T0 + timedelta(seconds=1)),
        "earlier": DueDate(T0 - timedelta(days=1)),
    }
    assert due_questions(cards, T0) == ["earlier", "now"]
    assert exam_deadline(datetime(2026, 11, 20).date()) == datetime(2026, 11, 19, 6, tzinfo=UTC)


# -- exports ----------------------------------------------------------------------------


def test_the_history_export_has_one_row_per_answer_with_blanks_for_unknowns() -> None:
    bank = make_bank({"A.1": 2}, {"A": 1})
    answers = [
        AnswerRecord.from_json({**GOOD, "choice": 0, "shown": 2, "confidence": "sure"}),
        AnswerRecord.from_json({**GOOD, "id": "old", "choice": 1}),  # before 'shown' was kept
        AnswerRecord.from_json(
            {
                **GOOD,
                "id": "b",
                "question_id": "gone",
                "choice": -1,
                "correct": False,
                "miss_reason": "misread",
                "seconds": 12,
            }
        ),
    ]
    assert history_csv(bank, answers).split("\n") == [
        "answered_at,question_id,topic,mode,correct,choice_shown,choice_in_bank,seconds,"
        "confidence,miss_reason",
        "2026-11-01T08:00:00+00:00,a1-q0,A.1,drill,yes,C,1,2.5,sure,",
        "2026-11-01T08:00:00+00:00,a1-q0,A.1,drill,yes,,2,2.5,,",
        "2026-11-01T08:00:00+00:00,gone,,drill,no,,,12,,misread",
        "",
    ]


def test_anki_notes_escape_markup_reflow_lines_and_keep_paragraphs() -> None:
    bank = make_bank({"A.1": 2}, {"A": 1})
    question = bank.questions["a1-q0"]
    bank.questions["a1-q0"] = question.model_copy(
        update={
            "stem": "  Is <b> & 'x' > y?\nSecond line  ",
            "explanation": "Because\nso.\n\nSee:\n- one\n- two",
        }
    )
    wrong = AnswerRecord.from_json({**GOOD, "correct": False})
    lines = anki_csv(bank, [wrong]).split("\n")
    assert lines[:3] == ["#separator:Comma", "#html:true", "#tags column:3"]
    assert lines[3] == (
        "Is &lt;b&gt; &amp; 'x' &gt; y? Second line<br><br>A. a<br>B. b<br>C. c,"
        "<b>A. a</b><br><br>Because so.<br><br>See:<br>- one<br>- two"
        "<br><br><i>References</i><br>r,ciip A_1 a1-q0"
    )
    assert lines[4:] == [""]
    fixed = AnswerRecord.from_json({**GOOD, "id": "later", "at": "2026-11-02T08:00:00+00:00"})
    assert anki_csv(bank, [wrong, fixed]).count("\n") == 3  # answered right since: no note
    bank.questions["a1-q0"] = question.model_copy(update={"references": ["r1", "r2 & co"]})
    back = anki_csv(bank, [wrong]).split("\n")[3]
    assert back.endswith("<br><br><i>References</i><br>r1<br>r2 &amp; co,ciip A_1 a1-q0")


def test_history_shows_no_letter_for_a_place_past_the_fifth_choice() -> None:
    bank = make_bank({"A.1": 2}, {"A": 1})
    answers = [
        AnswerRecord.from_json({**GOOD, "shown": 4}),
        AnswerRecord.from_json({**GOOD, "id": "far", "shown": 5}),  # hand-edited: no letter
    ]
    rows = history_csv(bank, answers).split("\n")
    assert rows[1].split(",")[5] == "E" and rows[2].split(",")[5] == ""


def test_an_anki_note_without_references_or_explanation_has_no_empty_heading() -> None:
    """A user bank may leave both out: the back says so instead of showing blanks."""
    bank = make_bank({"A.1": 2}, {"A": 1})
    question = bank.questions["a1-q0"]
    bank.questions["a1-q0"] = question.model_copy(update={"references": [], "explanation": ""})
    wrong = AnswerRecord.from_json({**GOOD, "correct": False})
    back = next(csv.reader(io.StringIO(anki_csv(bank, [wrong]).split("\n")[3])))[1]
    assert back == f"<b>A. a</b><br><br><i>{NO_EXPLANATION}</i>"
    assert "References" not in back


# -- the answer index --------------------------------------------------------------------


def test_the_index_of_a_question_never_answered_is_empty() -> None:
    index = AnswerIndex()
    answers = [AnswerRecord.from_json(GOOD)]
    index.sync(answers)
    assert index.answers_for("other") == [] and index.answers_for("a1-q0") == answers
    assert question_histories(answers)["a1-q0"].last_seen == T0


# -- where the data lives, how files are written ------------------------------------------


def test_the_data_dir_is_the_option_then_the_environment_then_the_platform_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "opt") == tmp_path / "opt"
    assert resolve_data_dir() == tmp_path / "env"
    monkeypatch.setenv(DATA_DIR_ENV, "")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_data_dir() == tmp_path / "xdg" / "quizapp"


def test_progress_files_are_private_to_the_user(tmp_path: Path) -> None:
    written = tmp_path / "snapshot"
    atomic.atomic_write_bytes(written, b"x")
    append_line(tmp_path / "journal", b"{}\n", 0)
    for path in (written, tmp_path / "journal"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_short_write_is_carried_on_until_everything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data[:3])))
    atomic.atomic_write_bytes(tmp_path / "f", b"0123456789")
    append_line(tmp_path / "j", b"abcdefgh\n", 0)
    monkeypatch.undo()
    assert (tmp_path / "f").read_bytes() == b"0123456789"
    assert (tmp_path / "j").read_bytes() == b"abcdefgh\n"


def test_a_failed_write_leaves_no_temporary_file_and_raises_the_disk_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(fd: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", disk_full)
    with pytest.raises(OSError, match="No space left on device"):
        atomic.write_temp(tmp_path / "f", b"data")
    assert list(tmp_path.iterdir()) == []

    def cannot_unlink(self: Path, missing_ok: bool = False) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "unlink", cannot_unlink)
    with pytest.raises(OSError, match="No space left on device"):  # not the unlink's error
        atomic.write_temp(tmp_path / "g", b"data")


def test_an_exam_record_tells_each_position_answered_and_its_time(clock: Any) -> None:
    from tests.conftest import finished_exam

    record = finished_exam(clock, 1, correct=1, questions=3).model_copy(
        update={"chosen": [2, -1, 0], "seconds": [12.5, 0.0]}
    )
    assert [record.answered_at(p) for p in range(3)] == [True, False, True]
    assert [record.seconds_at(p) for p in range(3)] == [12.5, 0.0, None]  # older: no time
    assert [record.correct_at(p) for p in range(3)] == [True, False, False]


def test_usable_times_and_exam_dates_are_2000_to_2199() -> None:
    from datetime import date

    from quizapp.core.progress.answers import usable_exam_date, usable_time

    first = datetime(2000, 1, 1, tzinfo=UTC)
    assert usable_time(first) == first
    assert usable_time(datetime(2000, 1, 1)) == first  # no zone: UTC
    with pytest.raises(ValueError) as caught:
        usable_time(first - timedelta(microseconds=1))
    assert str(caught.value) == "time 1999-12-31T23:59:59.999999+00:00 is outside 2000-2199"
    with pytest.raises(ValueError, match=r"^time 2200-01-01T00:00:00\+00:00 is outside 2000-2199$"):
        usable_time(datetime(2200, 1, 1, tzinfo=UTC))
    assert usable_exam_date(date(2000, 1, 1)) == date(2000, 1, 1)
    assert usable_exam_date(date(2199, 12, 31)) == date(2199, 12, 31)
    with pytest.raises(ValueError) as caught:
        usable_exam_date(date(2200, 1, 1))
    assert str(caught.value) == "exam date 2200-01-01 is outside 2000-2199"


@pytest.mark.parametrize("shown", [-1, "1", 1.0, True])
def test_where_a_choice_was_shown_is_a_whole_number_from_zero(shown: object) -> None:
    raw = AnswerRecord("a", "q", 0, True, 1.0, "drill", datetime(2026, 1, 1, tzinfo=UTC))
    data = raw.to_json() | {"shown": shown}
    with pytest.raises(ValueError) as caught:
        AnswerRecord.from_json(data)
    assert str(caught.value) == "shown must be an integer >= 0"
    assert AnswerRecord.from_json(raw.to_json() | {"shown": 0}).shown == 0
