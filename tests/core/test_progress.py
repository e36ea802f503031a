"""Progress store: atomic writes, migration, corrupt files, two instances."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizapp.core.errors import ProgressError
from quizapp.core.progress import atomic
from quizapp.core.progress.answers import SCHEMA_VERSION
from quizapp.core.progress.store import PROGRESS_FILE, ProgressStore
from tests.conftest import FakeClock, answers_on_disk


def read_file(data_dir: Path) -> dict[str, object]:
    return json.loads((data_dir / PROGRESS_FILE).read_text())


def test_answer_is_on_disk_when_recorded(data_dir: Path, clock: FakeClock) -> None:
    store = ProgressStore(data_dir, clock)
    store.record_answer("a1-one", 2, False, 12.345, "drill")
    [answer] = answers_on_disk(data_dir)
    assert answer["question_id"] == "a1-one"
    assert answer["choice"] == 2 and answer["correct"] is False
    assert answer["seconds"] == 12.35 and answer["mode"] == "drill"
    assert answer["at"].startswith("2026-11-24T09:00:00")


def test_reopen_keeps_answers_and_settings(data_dir: Path, clock: FakeClock) -> None:
    store = ProgressStore(data_dir, clock)
    store.record_answer("a1-one", 0, True, 3, "exam")
    store.set_setting("theme", "nord")
    again = ProgressStore(data_dir, clock)
    assert [a.question_id for a in again.answers] == ["a1-one"]
    assert again.setting("theme") == "nord"
    assert again.notice is None


def test_failed_write_leaves_previous_file(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore(data_dir, clock)
    store.record_answer("a1-one", 0, True, 3, "drill")
    store.compact()
    store.record_answer("a1-three", 2, True, 3, "drill")

    def files() -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in data_dir.glob("progress.*") if p.suffix != ".lock"}

    before = files()

    def disk_full(fd: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "write", disk_full)
    with pytest.raises(ProgressError, match="No space left on device") as excinfo:
        store.record_answer("a1-two", 1, False, 3, "drill")
    monkeypatch.undo()
    assert files() == before
    assert [p.name for p in data_dir.iterdir() if p.name.endswith(".tmp")] == []
    assert "not saved" in str(excinfo.value)
    assert [a.question_id for a in store.answers] == ["a1-one", "a1-three"]  # memory = disk
    store.record_answer("a1-two", 1, False, 3, "drill")  # the disk has room again
    assert len(answers_on_disk(data_dir)) == 3


def test_second_corrupt_file_gets_its_own_name(data_dir: Path, clock: FakeClock) -> None:
    data_dir.mkdir(parents=True)
    for content in (b"one", b"two"):
        (data_dir / PROGRESS_FILE).write_bytes(content)
        ProgressStore(data_dir, clock)
    names = sorted(p.name for p in data_dir.glob("progress.corrupt-*"))
    assert names == [
        "progress.corrupt-20261124-090000-2.json",
        "progress.corrupt-20261124-090000.json",
    ]


def test_migrates_schema_1(data_dir: Path, clock: FakeClock) -> None:
    data_dir.mkdir(parents=True)
    old = {
        "version": 1,
        "answers": [
            {
                "question": "a1-one",
                "choice": 1,
                "correct": False,
                "seconds": 4.0,
                "mode": "drill",
                "time": "2026-01-02T03:04:05+00:00",
            },
            {
                "question": "b1-one",
                "choice": 0,
                "correct": True,
                "seconds": 2.5,
                "mode": "exam",
                "time": "2026-01-02T03:05:00+00:00",
            },
        ],
    }
    (data_dir / PROGRESS_FILE).write_text(json.dumps(old))
    store = ProgressStore(data_dir, clock)
    assert store.notice is None
    assert [(a.question_id, a.correct, a.mode) for a in store.answers] == [
        ("a1-one", False, "drill"),
        ("b1-one", True, "exam"),
    ]
    assert len({a.id for a in store.answers}) == 2
    store.record_answer("a2-one", 0, True, 1, "drill")
    store.compact()
    assert read_file(data_dir)["schema_version"] == SCHEMA_VERSION
    assert [a.question_id for a in ProgressStore(data_dir, clock).answers] == [
        "a1-one",
        "b1-one",
        "a2-one",
    ]


def test_two_instances_lose_nothing(data_dir: Path, clock: FakeClock) -> None:
    first = ProgressStore(data_dir, clock)
    second = ProgressStore(data_dir, clock)
    for i in range(5):
        first.record_answer(f"a1-{i}", 0, True, 1, "drill")
        second.record_answer(f"b1-{i}", 1, False, 1, "exam")
    second.set_setting("theme", "gruvbox")
    first.set_setting("exam_date", "2027-01-15")
    ids = sorted(str(a["question_id"]) for a in answers_on_disk(data_dir))
    assert ids == sorted([f"a1-{i}" for i in range(5)] + [f"b1-{i}" for i in range(5)])
    third = ProgressStore(data_dir, clock)
    assert third.setting("theme") == "gruvbox"
    assert third.setting("exam_date") == "2027-01-15"


def test_two_processes_recording_at_once_lose_nothing(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from quizapp.core.progress.store import ProgressStore\n"
        "store = ProgressStore(Path(sys.argv[1]))\n"
        "for i in range(40):\n"
        "    store.record_answer(f'{sys.argv[2]}-{i}', 0, i % 2 == 0, 1.0, 'drill')\n"
    )
    data_dir = tmp_path / "shared"
    procs = [
        subprocess.Popen([sys.executable, "-c", script, str(data_dir), name])
        for name in ("first", "second")
    ]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    ids = sorted(str(a["question_id"]) for a in answers_on_disk(data_dir))
    assert ids == sorted([f"first-{i}" for i in range(40)] + [f"second-{i}" for i in range(40)])


def test_answers_go_to_the_journal_and_fold_into_the_snapshot(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quizapp.core.progress import store as progress
    from quizapp.core.progress.journal import JOURNAL_FILE

    monkeypatch.setattr(progress, "FOLD_LINES", 5)
    store = ProgressStore(data_dir, clock)
    store.set_setting("theme", "nord")
    for i in range(4):
        store.record_answer(f"a1-{i}", 0, True, 1, "drill")
    assert not (data_dir / PROGRESS_FILE).exists()  # every change only appended
    assert len((data_dir / JOURNAL_FILE).read_bytes().splitlines()) == 5
    reopened = ProgressStore(data_dir, clock)
    assert reopened.fold_due
    reopened.plan_fold().run()
    assert json.loads((data_dir / JOURNAL_FILE).read_bytes()) == {"seq": 5, "op": "fold"}
    assert len(read_file(data_dir)["answers"]) == 4  # type: ignore[arg-type]
    assert read_file(data_dir)["seq"] == 5
    again = ProgressStore(data_dir, clock)
    assert [a.question_id for a in again.answers] == [f"a1-{i}" for i in range(4)]
    assert set(again.cards_json) == {f"a1-{i}" for i in range(4)}
    assert again.setting("theme") == "nord" and not again.fold_due


def test_torn_journal_line_is_ignored_and_cut_off(data_dir: Path, clock: FakeClock) -> None:
    from quizapp.core.progress.journal import JOURNAL_FILE

    store = ProgressStore(data_dir, clock)
    store.record_answer("a1-one", 0, True, 1, "drill")
    journal = data_dir / JOURNAL_FILE
    with journal.open("ab") as handle:
        handle.write(b'{"answer": {"id": "torn", "question_')  # a crash mid-append
    reopened = ProgressStore(data_dir, clock)
    assert [a.question_id for a in reopened.answers] == ["a1-one"]
    assert reopened.notice is None
    reopened.record_answer("a1-two", 1, False, 1, "drill")
    lines = journal.read_bytes().splitlines()
    assert len(lines) == 2 and all(json.loads(line) for line in lines)
    assert [a.question_id for a in ProgressStore(data_dir, clock).answers] == ["a1-one", "a1-two"]


def test_damaged_journal_line_is_skipped_with_a_notice(data_dir: Path, clock: FakeClock) -> None:
    from quizapp.core.progress.journal import JOURNAL_FILE

    store = ProgressStore(data_dir, clock)
    store.record_answer("a1-one", 0, True, 1, "drill")
    journal = data_dir / JOURNAL_FILE
    journal.write_bytes(b"garbage line\n" + journal.read_bytes())
    reopened = ProgressStore(data_dir, clock)
    assert [a.question_id for a in reopened.answers] == ["a1-one"]
    assert reopened.notice is not None and "1 damaged line(s)" in reopened.notice
