"""The real ``quizapp serve`` in a process of its own, for the browser-mode tests."""

from __future__ import annotations

import contextlib
import os
import re
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Served:
    """A running ``quizapp serve``: its process and the address it printed."""

    def __init__(self, process: subprocess.Popen[str], url: str) -> None:
        self.process = process
        self.url = url
        self.port = int(url.rsplit(":", 1)[1])

    def app_pids(self) -> set[int]:
        """The app processes the server runs now, one per open tab (Linux /proc)."""
        pids: set[int] = set()
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            with open(task / "children") as children:
                pids.update(int(pid) for pid in children.read().split())
        return pids

    def interrupt(self) -> float:
        """Ctrl+C as a terminal sends it (SIGINT to the process group); seconds to exit."""
        started = time.monotonic()
        os.killpg(self.process.pid, signal.SIGINT)
        self.process.wait(timeout=15)
        return time.monotonic() - started


def wait_until_gone(pids: set[int], seconds: float = 10) -> set[int]:
    """The processes of ``pids`` still alive (zombies count as gone) after ``seconds``."""
    deadline = time.monotonic() + seconds
    alive = set(pids)
    while True:
        alive = {pid for pid in alive if _alive(pid)}
        if not alive or time.monotonic() >= deadline:
            return alive
        time.sleep(0.05)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def serve_command(data_dir: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "quizapp", "serve", "--data-dir", str(data_dir), *options]


@contextmanager
def serving(data_dir: Path, *options: str) -> Iterator[Served]:
    """``quizapp serve --port 0`` until the block ends (then SIGKILL if still running)."""
    process = subprocess.Popen(
        serve_command(data_dir, "--port", "0", *options),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a shell gives it
    )
    served: Served | None = None
    try:
        line = _first_line(process, seconds=30)
        match = re.search(r"http://\S+:\d+", line)
        assert match, f"no address in {line!r}; stderr: {_rest(process)}"
        served = Served(process, match.group(0))
        yield served
    finally:
        if process.poll() is None:
            _stop(process, served.app_pids() if served else set())
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def _stop(process: subprocess.Popen[str], apps: set[int]) -> None:
    """Ctrl+C; if that fails, kill the server and the apps (each in a session of its own)."""
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        for group in (process.pid, *apps):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGKILL)
        process.wait()


def _first_line(process: subprocess.Popen[str], seconds: float) -> str:
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout=seconds):
            raise AssertionError(f"quizapp serve printed nothing in {seconds} s")
    return process.stdout.readline()


def _rest(process: subprocess.Popen[str]) -> str:
    process.kill()
    _, err = process.communicate(timeout=10)
    return err
