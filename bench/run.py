"""quizapp benchmarks: each figure is a ratio against a baseline measured in the same run.

    python bench/run.py          # a table
    python bench/run.py --json   # the figures as JSON

Targets (issue 9): start-up <= 1.3x a minimal Textual app, bank load <= 2x a bare
YAML C-loader parse, answer latency median < 30 ms, save median < 30 ms with
50,000 answers stored, peak RSS < 150 MB with 10,000 questions and 100,000 answers.
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import json
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from quizapp.core.bank.layout import bundled_bank_dir  # noqa: E402
from quizapp.core.bank.loader import load_bank  # noqa: E402
from quizapp.core.progress.answers import PROGRESS_FILE, AnswerRecord  # noqa: E402
from quizapp.core.progress.data import ProgressData  # noqa: E402
from quizapp.core.progress.scheduling import cards_to_json, rebuild_cards  # noqa: E402
from quizapp.core.progress.snapshot import render_snapshot  # noqa: E402
from quizapp.core.progress.store import ProgressStore  # noqa: E402

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def make_answers(count: int, question_ids: list[str]) -> list[AnswerRecord]:
    return [
        AnswerRecord(
            id=f"bench-{i}",
            question_id=question_ids[i % len(question_ids)],
            choice=i % 4,
            correct=i % 3 != 0,
            seconds=42.0,
            mode="drill",
            at=T0 + timedelta(minutes=i),
        )
        for i in range(count)
    ]


def write_progress(data_dir: Path, count: int, question_ids: list[str]) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    answers = make_answers(count, question_ids)
    data = ProgressData(answers=answers, cards=cards_to_json(rebuild_cards(answers)))
    path = data_dir / PROGRESS_FILE
    path.write_bytes(render_snapshot(data))
    return path


def write_bank(root: Path, questions: int, files: int) -> Path:
    """A generated bank using the real outline and study guides."""
    bundled = bundled_bank_dir()
    (root / "questions").mkdir(parents=True)
    (root / "outline.yaml").write_text((bundled / "outline.yaml").read_text())
    (root / "study_guide").symlink_to(bundled / "study_guide")
    bank = load_bank(bundled).bank
    assert bank is not None
    topics = list(bank.outline.topics)
    per_file = questions // files
    for f in range(files):
        lines = ["questions:"]
        for n in range(per_file):
            qid = f"gen-{f}-{n}"
            lines += [
                f"  - id: {qid}",
                f"    topic: {topics[(f * per_file + n) % len(topics)]}",
                "    difficulty: 2",
                "    kind: applied",
                "    stem: |",
                f"      Generated stem number {n} of file {f}, long enough to"
                " look like a real scenario about a PACS administrator.",
                "    choices:",
                "      - text: The first option\n        correct: true",
                "      - text: The second option",
                "      - text: The third option",
                "      - text: The fourth option",
                "    explanation: |",
                "      Why the first is right and each of the others is wrong, in a few words.",
                '    references: ["DICOM PS3.4"]',
            ]
        (root / "questions" / f"file_{f:02d}.yaml").write_text("\n".join(lines) + "\n")
    return root


def time_to_ready(command: list[str], env: dict[str, str]) -> float:
    """Seconds from starting ``command`` in a terminal to its ready signal.

    The command runs on a pseudo-terminal (120x40), as a person would run it, and
    writes ``R`` to the file descriptor named by ``QUIZAPP_READY_FD`` once its screen
    is painted and takes keys. Tearing the app down afterwards is not start-up: the
    process is killed once it is ready.
    """
    main_fd, terminal_fd = pty.openpty()
    fcntl.ioctl(terminal_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    read_end, write_end = os.pipe()
    screen = bytearray()
    drain = threading.Thread(target=_drain, args=(main_fd, screen), daemon=True)
    drain.start()
    started = time.perf_counter()
    child = subprocess.Popen(
        command,
        env={**env, "TERM": "xterm-256color", "QUIZAPP_READY_FD": str(write_end)},
        pass_fds=(write_end,),
        stdin=terminal_fd,
        stdout=terminal_fd,
        stderr=terminal_fd,  # Textual draws on stderr
        start_new_session=True,
    )
    os.close(write_end)
    with os.fdopen(read_end, "rb") as ready:
        signal = ready.read(1)
    elapsed = time.perf_counter() - started
    child.kill()
    child.wait()
    os.close(terminal_fd)
    drain.join(timeout=5)
    os.close(main_fd)
    if signal != b"R":
        tail = screen[-2000:].decode(errors="replace")
        raise RuntimeError(f"{command} did not start; its terminal showed:\n{tail}")
    return elapsed


def _drain(fd: int, screen: bytearray) -> None:
    """Read the terminal's output so the app never blocks drawing its screen."""
    try:
        while chunk := os.read(fd, 65536):
            screen.extend(chunk)
    except OSError:
        pass  # the terminal was closed


MINIMAL_APP = """
import os
from textual.app import App
from textual.widgets import Footer, Header, Static
class Minimal(App):
    def compose(self):
        yield Header(); yield Static("hello"); yield Footer()
    def on_mount(self):
        self.call_after_refresh(self.ready)
    def ready(self):
        os.write(int(os.environ["QUIZAPP_READY_FD"]), b"R")
Minimal().run()
"""


def bench_startup(work: Path, repeat: int) -> dict[str, float]:
    # As an installed wheel: pip byte-compiles the package when it installs it.
    compileall.compile_dir(ROOT / "quizapp", quiet=1)
    bank = load_bank(bundled_bank_dir()).bank
    assert bank is not None
    data_dir = work / "startup-data"
    write_progress(data_dir, 50_000, list(bank.questions))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # What a person types: `quizapp` (here `python -m quizapp`, the same entry point).
    quizapp = [sys.executable, "-m", "quizapp", "--data-dir", str(data_dir)]
    minimal = [sys.executable, "-c", MINIMAL_APP]
    time_to_ready(quizapp, env)  # writes the bank cache, as any first start does
    baseline_times, our_times = [], []
    for _ in range(repeat):  # alternated, so a busy moment of the machine hits both
        baseline_times.append(time_to_ready(minimal, env))
        our_times.append(time_to_ready(quizapp, env))
    baseline = statistics.median(baseline_times)
    ours = statistics.median(our_times)
    return {"startup_s": ours, "startup_baseline_s": baseline, "startup_ratio": ours / baseline}


def bench_load(work: Path, repeat: int) -> dict[str, float]:
    root = write_bank(work / "big-bank", 10_000, 50)
    files = sorted((root / "questions").glob("*.yaml"))
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def bare() -> None:
        for path in files:
            yaml.load(path.read_text(encoding="utf-8"), Loader=loader)

    def ours() -> None:
        result = load_bank(root)
        assert result.bank is not None and not result.problems, result.problems[:3]
        assert len(result.bank.questions) == 10_000

    def best(fn: object) -> float:
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            fn()  # type: ignore[operator]
            times.append(time.perf_counter() - started)
        return min(times)

    base, full = best(bare), best(ours)
    return {"load_s": full, "load_baseline_s": base, "load_ratio": full / base}


def bench_save(work: Path) -> dict[str, object]:
    bank = load_bank(bundled_bank_dir()).bank
    assert bank is not None
    ids = list(bank.questions)
    growth = []
    median_50k = 0.0
    for count in (1_000, 10_000, 50_000, 100_000):
        data_dir = work / f"save-{count}"
        write_progress(data_dir, count, ids)
        store = ProgressStore(data_dir)
        times = []
        for i in range(15):
            started = time.perf_counter()
            store.record_answer(ids[i], 0, True, 5.0, "drill")
            times.append((time.perf_counter() - started) * 1000)
        size = sum(p.stat().st_size for p in data_dir.glob("progress.*"))
        growth.append(
            {
                "answers": count,
                "save_ms_median": round(statistics.median(times), 2),
                "file_mb": round(size / 1e6, 2),
            }
        )
        if count == 50_000:
            median_50k = statistics.median(times)
    return {"save_ms_median": median_50k, "save_growth": growth}


LATENCY = """
import asyncio, json, os, time
from pathlib import Path
from textual import events
from quizapp.core.sessions.drill import QuestionStatus
from quizapp.ui.app import QuizApp
from quizapp.ui.launch import prepare
from quizapp.ui.screens.drill import DrillScreen

async def painted(app):
    done = asyncio.Event()
    app.call_after_refresh(done.set)
    await done.wait()

async def main():
    bank, store = prepare(Path(os.environ["QUIZAPP_DATA_DIR"]))  # as `quizapp` starts
    app = QuizApp(bank, store, seed=1)
    times = []
    async with app.run_test(size=(100, 32)) as pilot:
        # A person reads the first question for seconds; by then the history thread
        # started after the first paint (about half a second) is done. Measure that state.
        while not store.answers_loaded:
            await asyncio.sleep(0.01)
        while len(times) < 200:
            app.start_drill(set(bank.outline.topics), QuestionStatus.ALL, 20)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, DrillScreen)
            for _ in range(20):
                await pilot.pause()
                verdict = screen.query_one("#verdict")
                started = time.perf_counter()
                app.post_message(events.Key("1", "1"))  # as the terminal driver delivers it
                while not verdict.display:
                    await asyncio.sleep(0)
                await painted(app)  # feedback is on screen
                times.append((time.perf_counter() - started) * 1000)
                await pilot.press("n")
            await pilot.pause()
            app.pop_screen()
            await pilot.pause()
    print(json.dumps(times))

asyncio.run(main())
"""


def bench_latency(work: Path) -> dict[str, float]:
    bank = load_bank(bundled_bank_dir()).bank
    assert bank is not None
    data_dir = work / "latency-data"
    write_progress(data_dir, 50_000, list(bank.questions))
    env = {**os.environ, "QUIZAPP_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", LATENCY], env=env, check=True, capture_output=True, text=True
    ).stdout
    times = sorted(json.loads(out.strip().splitlines()[-1]))[:200]
    return {
        "answer_ms_median": statistics.median(times),
        "answer_ms_p95": times[int(0.95 * (len(times) - 1))],
    }


MEMORY = """
import os, resource, sys
from pathlib import Path
from quizapp.core.bank.loader import load_bank
from quizapp.core.progress.store import ProgressStore
result = load_bank(Path(sys.argv[1]))
store = ProgressStore(Path(sys.argv[2]))
assert len(result.bank.questions) == 10000 and len(store.answers) == 100000
def peak_mb():
    # VmHWM is this program's own peak; ru_maxrss also counts the parent's RSS at fork
    # time (Linux keeps it across exec), which would charge the benchmark's memory to us.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(peak_mb())
"""


def bench_memory(work: Path) -> dict[str, float]:
    root = work / "big-bank"
    bank = load_bank(root).bank
    assert bank is not None
    data_dir = work / "memory-data"
    write_progress(data_dir, 100_000, list(bank.questions))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", MEMORY, str(root), str(data_dir)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {"peak_rss_mb": float(out.strip())}


BENCHES: dict[str, Callable[[Path, int], dict[str, Any]]] = {
    "load": bench_load,
    "memory": lambda work, _repeat: bench_memory(work),
    "save": lambda work, _repeat: bench_save(work),
    "startup": bench_startup,
    "latency": lambda work, _repeat: bench_latency(work),
}

TARGETS = {
    "startup_ratio": ("<=", 1.3),
    "load_ratio": ("<=", 2.0),
    "answer_ms_median": ("<", 30.0),
    "save_ms_median": ("<", 30.0),
    "peak_rss_mb": ("<", 150.0),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--repeat", type=int, default=5, help="runs per timed figure")
    parser.add_argument(
        "--only",
        choices=sorted(BENCHES),
        action="append",
        help="run only this figure (repeatable); the table needs them all",
    )
    args = parser.parse_args()
    chosen = args.only or list(BENCHES)
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-") as tmp:
        work = Path(tmp)
        figures: dict[str, Any] = {}
        for name in chosen:
            figures.update(BENCHES[name](work, args.repeat))
    if args.json or args.only:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"{'figure':<20} {'value':>10}  {'target':>8}  ok")
    for key, (op, limit) in TARGETS.items():
        value = float(figures[key])
        ok = value <= limit if op == "<=" else value < limit
        print(f"{key:<20} {value:>10.2f}  {op}{limit:>6}  {'yes' if ok else 'NO'}")
    print(
        f"\nstart-up {float(figures['startup_s']):.3f} s against "
        f"{float(figures['startup_baseline_s']):.3f} s for the minimal app; "
        f"answer latency p95 {float(figures['answer_ms_p95']):.1f} ms; "
        f"bank load {float(figures['load_s']):.2f} s against "
        f"{float(figures['load_baseline_s']):.2f} s for the bare parse"
    )
    print("\nsave time and file size as the history grows:")
    for row in figures["save_growth"]:
        print(
            f"  {row['answers']:>7} answers: {row['save_ms_median']:>7.2f} ms, "
            f"{row['file_mb']:>6.2f} MB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
