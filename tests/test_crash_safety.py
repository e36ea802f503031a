"""SIGKILL at random points: the file always parses, acknowledged answers survive, exams resume."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from quizapp.core.bank.loader import load_bank
from quizapp.core.progress.store import PROGRESS_FILE, ProgressStore, utc_now
from quizapp.core.sessions.exam import ExamSession
from tests.conftest import answers_on_disk

WRITER = """
import sys
from pathlib import Path
from quizapp.core.progress.store import ProgressStore
store = ProgressStore(Path(sys.argv[1]))
i = 0
while True:
    store.record_answer(f"a1-{i}", i % 4, i % 3 == 0, 1.5, "drill")
    print(f"ack {i}", flush=True)
    i += 1
"""

EXAM = """
import sys
from pathlib import Path
from quizapp.core.sessions.exam import ExamSession, new_exam
from quizapp.core.bank.loader import load_bank
from quizapp.core.progress.store import ProgressStore, utc_now
bank = load_bank(Path(sys.argv[2])).bank
store = ProgressStore(Path(sys.argv[1]))
state = store.active_exam or new_exam(bank, 6, 6, 1, utc_now)
session = ExamSession(bank, state, utc_now)
step = 0
while True:
    session.goto(step % session.count)
    session.answer(step % 4)
    if step % 3 == 0:
        session.toggle_flag()
    store.save_active_exam(session.checkpoint())
    print(f"ack {step}", flush=True)
    step += 1
"""


def run_and_kill(script: str, args: list[str], delay: float) -> int:
    """Start a writer, let it run, SIGKILL it; return the last acknowledged step (-1: none)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=30)
    assert "Traceback" not in err, err
    acks = [int(line.split()[1]) for line in out.splitlines() if line.startswith("ack ")]
    return acks[-1] if acks else -1


def test_kill_during_answers_loses_nothing_acknowledged(tmp_path: Path) -> None:
    rng = random.Random(7)
    data_dir = tmp_path / "data"
    acknowledged: set[str] = set()
    for _ in range(8):
        before = (
            {a.question_id for a in ProgressStore(data_dir).answers}
            if (data_dir / PROGRESS_FILE).exists()
            else set()
        )
        last = run_and_kill(WRITER, [str(data_dir)], rng.uniform(0.4, 1.2))
        on_disk = {a["question_id"] for a in answers_on_disk(data_dir)}  # every line parses
        acknowledged |= before
        acknowledged |= {f"a1-{i}" for i in range(last + 1)}
        assert acknowledged <= on_disk
        assert ProgressStore(data_dir).notice is None
        assert list(data_dir.glob("progress.corrupt-*")) == []


def test_kill_during_exam_resumes(tmp_path: Path, mini_bank: Path) -> None:
    rng = random.Random(3)
    data_dir = tmp_path / "data"
    bank = load_bank(mini_bank).bank
    assert bank is not None
    for _ in range(5):
        last = run_and_kill(EXAM, [str(data_dir), str(mini_bank)], rng.uniform(0.5, 1.2))
        store = ProgressStore(data_dir)
        assert store.notice is None
        if last < 0:
            continue
        state = store.active_exam
        assert state is not None
        session = ExamSession(bank, state, utc_now)
        assert session.count == 6
        assert len(state.answers) >= min(6, last + 1)
