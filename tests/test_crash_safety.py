"""SIGKILL at random points: files always parse, acknowledged changes survive, exams resume."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from quizapp.core.progress.store import ProgressStore
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
from quizapp.core.progress.store import ProgressStore
from quizapp.core.clock import utc_now
bank = load_bank(Path(sys.argv[2])).bank
store = ProgressStore(Path(sys.argv[1]))
state = new_exam(bank, 6, 6, 1, utc_now)
store.start_exam(state)
session = ExamSession(bank, state, utc_now)
print("ack -1", flush=True)
step = 0
while True:
    session.goto(step % session.count)
    store.exam_event("move", session.checkpoint())
    session.answer(step % 4)
    store.exam_event("answer", session.checkpoint())
    if step % 3 == 0:
        session.toggle_flag()
        store.exam_event("flag", session.checkpoint())
    print(f"ack {step}", flush=True)
    if step % 5 == 4:
        store.record_answer("b1-one", 0, True, 1.0, "drill")
        store.plan_fold().run()  # a fold in the middle: a kill may land inside it
    step += 1
"""


def expected_exam(last: int) -> tuple[dict[int, int], list[int], int]:
    """Answers, flags and position after step ``last`` of EXAM (-1: just started)."""
    answers: dict[int, int] = {}
    flagged: list[int] = []
    current = 0
    for step in range(last + 1):
        current = step % 6
        answers[current] = step % 4
        if step % 3 == 0:
            if current in flagged:
                flagged.remove(current)
            else:
                flagged.append(current)
    return answers, sorted(flagged), current


def run_and_kill(script: str, args: list[str], delay: float) -> int:
    """Start a writer, let it run, SIGKILL it; return the last acknowledged step (-2: none)."""
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
    return acks[-1] if acks else -2


def test_kill_during_answers_loses_nothing_acknowledged(tmp_path: Path) -> None:
    rng = random.Random(7)
    data_dir = tmp_path / "data"
    acknowledged: set[str] = set()
    for _ in range(8):
        before = {a.question_id for a in ProgressStore(data_dir).answers}
        last = run_and_kill(WRITER, [str(data_dir)], rng.uniform(0.4, 1.2))
        on_disk = {a["question_id"] for a in answers_on_disk(data_dir)}  # every line parses
        acknowledged |= before
        acknowledged |= {f"a1-{i}" for i in range(last + 1)}
        assert acknowledged <= on_disk
        assert ProgressStore(data_dir).notice is None
        assert list(data_dir.glob("progress.corrupt-*")) == []


def test_kill_during_exam_events_and_folds_resumes_where_it_was(
    tmp_path: Path, mini_bank: Path
) -> None:
    """Each run starts an exam and is killed at a random moment, folds included."""
    rng = random.Random(3)
    for run in range(8):
        data_dir = tmp_path / f"data-{run}"
        last = run_and_kill(EXAM, [str(data_dir), str(mini_bank)], rng.uniform(0.6, 1.6))
        store = ProgressStore(data_dir)
        assert store.notice is None
        assert list(data_dir.glob("progress.*damaged*")) == []
        if last == -2:
            continue  # killed before the exam was saved
        state = store.active_exam
        assert state is not None and len(state.question_ids) == 6
        resumed = (dict(state.answers), sorted(state.flagged), state.current)
        # The acknowledged step, or a later change written just before the kill.
        candidates = [expected_exam(last)]
        answers, flagged, _ = expected_exam(last)
        nxt = last + 1
        candidates.append((answers, flagged, nxt % 6))  # moved
        candidates.append(({**answers, nxt % 6: nxt % 4}, flagged, nxt % 6))  # answered
        candidates.append(expected_exam(nxt))  # flagged
        assert resumed in candidates, (last, resumed)
        drills = [a for a in store.answers if a.mode == "drill"]
        # The answer recorded after ack 4, 9, ... is acknowledged by the next ack.
        assert len(drills) >= max(0, last) // 5
        assert len({a.id for a in store.answers}) == len(store.answers)


TWO_WRITERS = """
import sys
from pathlib import Path
from quizapp.core.sessions.exam import ExamSession, new_exam
from quizapp.core.bank.loader import load_bank
from quizapp.core.progress.store import ProgressStore
from quizapp.core.clock import utc_now
store = ProgressStore(Path(sys.argv[1]))
if sys.argv[2] == "answers":
    for i in range(60):
        store.record_answer(f"answer-{i}", 0, i % 2 == 0, 1.0, "drill")
        store.set_flag(f"answer-{i}", True)
else:
    bank = load_bank(Path(sys.argv[3])).bank
    state = new_exam(bank, 6, 6, 1, utc_now)
    store.start_exam(state)
    session = ExamSession(bank, state, utc_now)
    for step in range(60):
        session.goto(step % 6)
        session.answer(step % 4)
        store.exam_event("answer", session.checkpoint())
        if step % 20 == 19:
            store.plan_fold().run()
    print(sorted(session.state.answers.items()))
"""


def test_two_processes_writing_answers_and_exam_events_lose_nothing(
    tmp_path: Path, mini_bank: Path
) -> None:
    data_dir = tmp_path / "shared"
    ProgressStore(data_dir)  # the directory exists before both start
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", TWO_WRITERS, str(data_dir), role, str(mini_bank)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for role in ("answers", "exam")
    ]
    outs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    store = ProgressStore(data_dir)
    ids = [a.question_id for a in store.answers]
    assert sorted(ids) == sorted(f"answer-{i}" for i in range(60))  # none lost, none doubled
    assert sorted(store.flagged) == sorted(f"answer-{i}" for i in range(60))
    assert store.active_exam is not None
    assert str(sorted(store.active_exam.answers.items())) == outs[1].strip()
