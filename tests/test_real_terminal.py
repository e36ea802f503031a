"""The real ``quizapp`` command on a pseudo-terminal: a saved theme, a key pressed at once."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

from quizapp.core.progress.store import ProgressStore
from quizapp.ui.launch import READY_FD
from tests.conftest import FakeClock


def start_on_a_terminal(data_dir: Path) -> tuple[subprocess.Popen[bytes], int, bytearray, int]:
    """``python -m quizapp`` on a 100x30 terminal; returns (process, terminal, screen, ready fd)."""
    main_fd, terminal_fd = pty.openpty()
    fcntl.ioctl(terminal_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    read_end, write_end = os.pipe()
    screen = bytearray()

    def drain() -> None:
        try:
            while chunk := os.read(main_fd, 65536):
                screen.extend(chunk)
        except OSError:
            pass  # the terminal was closed

    threading.Thread(target=drain, daemon=True).start()
    process = subprocess.Popen(
        [sys.executable, "-m", "quizapp", "--data-dir", str(data_dir)],
        env={**os.environ, "TERM": "xterm-256color", READY_FD: str(write_end)},
        pass_fds=(write_end,),
        stdin=terminal_fd,
        stdout=terminal_fd,
        stderr=terminal_fd,
        start_new_session=True,
    )
    os.close(write_end)
    os.close(terminal_fd)
    return process, main_fd, screen, read_end


ESCAPE = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def wait_for(screen: bytearray, text: bytes, start: int, seconds: float = 20) -> bool:
    """Whether ``text`` is drawn after offset ``start`` (colours and cursor moves removed)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in ESCAPE.sub(b"", bytes(screen[start:])):
            return True
        time.sleep(0.05)
    return False


def test_a_key_pressed_the_moment_home_is_painted_is_served(
    data_dir: Path, clock: FakeClock
) -> None:
    """With a theme saved (which once hung every start), keys work from the first paint."""
    store = ProgressStore(data_dir, clock)
    store.record_answer("a1-needs-assessment-stakeholders", 0, True, 3, "drill")
    store.set_setting("theme", "nord")
    runs = []
    for _ in range(2):
        process, terminal, screen, ready = start_on_a_terminal(data_dir)
        try:
            with os.fdopen(ready, "rb") as signal:
                assert signal.read(1) == b"R", screen[-2000:].decode(errors="replace")
            painted = len(screen)
            os.write(terminal, b"d")  # at once: the bank and the store may not be open yet
            runs.append(wait_for(screen, b"Tick at least one topic", painted))  # drill setup
            os.write(terminal, b"\x1b")
            time.sleep(0.3)
            os.write(terminal, b"q")
            assert process.wait(timeout=20) == 0
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            os.close(terminal)
    assert runs == [True, True]
    assert ProgressStore(data_dir, clock).setting("theme") == "nord"


HOSTILE = {
    "title": "\x1b]0;PWNED\x07",
    "clipboard": "\x1b]52;c;aGVsbG8=\x1b\\",
    "wipe": "\x1b[?1049l\x1b[2J",
    "link": "\x1b]8;;https://evil.example\x1b\\",
    "c1": "\x9b2J",
}


def test_a_bank_full_of_escape_sequences_never_reaches_the_terminal(
    tmp_path: Path, data_dir: Path
) -> None:
    def quoted(text: str) -> str:
        return json.dumps(text)  # a JSON string is a YAML double-quoted string

    bank = tmp_path / "hostile" / "questions"
    bank.mkdir(parents=True)
    (bank / "x.yaml").write_text(
        "questions:\n"
        "  - id: f2-hostile\n"
        "    topic: F.2\n"
        "    difficulty: 2\n"
        f"    stem: {quoted('Stem ' + HOSTILE['title'] + HOSTILE['c1'])}\n"
        "    choices:\n"
        f"      - text: {quoted('One ' + HOSTILE['clipboard'])}\n"
        "        correct: true\n"
        f"      - text: {quoted('Two ' + HOSTILE['link'])}\n"
        "      - text: Three\n"
        f"    explanation: {quoted('Why ' + HOSTILE['wipe'])}\n"
        "    references: [DICOM PS3.4]\n"
        f"    tags: [{quoted(HOSTILE['title'])}]\n",
        encoding="utf-8",
    )
    main_fd, terminal_fd = pty.openpty()
    fcntl.ioctl(terminal_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    screen = bytearray()

    def drain() -> None:
        try:
            while chunk := os.read(main_fd, 65536):
                screen.extend(chunk)
        except OSError:
            pass  # the terminal was closed

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "quizapp",
            "--data-dir",
            str(data_dir),
            "--bank",
            str(tmp_path / "hostile"),
        ],
        env={**os.environ, "TERM": "xterm-256color"},
        stdin=terminal_fd,
        stdout=terminal_fd,
        stderr=terminal_fd,
        start_new_session=True,
    )
    os.close(terminal_fd)
    try:
        assert process.wait(timeout=30) == 1  # the bank is refused, with its problems listed
    finally:
        if process.poll() is None:
            process.kill()
    reader.join(timeout=5)
    os.close(main_fd)
    output = bytes(screen)
    assert b"U+001B (ESC)" in output  # the problems were shown, escaped
    for name, sequence in HOSTILE.items():
        assert sequence.encode("utf-8") not in output, name
    assert b"PWNED\x07" not in output and b"evil.example\x1b" not in output
