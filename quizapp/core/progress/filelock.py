"""An exclusive lock between quizapp processes that share a data directory.

Waiting is bounded: a lock held by a process that hangs must not hang every
other quizapp with no word. The caller is told once that we wait
(``on_wait``), and after ``timeout`` seconds a ProgressError says what to do.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from quizapp.core.errors import ProgressError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

POLL_SECONDS = 0.05


@contextmanager
def exclusive_lock(
    path: Path, timeout: float = 10.0, on_wait: Callable[[], None] | None = None
) -> Iterator[None]:
    """Hold an OS-level lock on ``path`` (created if needed) for the block.

    The OS drops the lock when the process dies, so a killed instance never
    leaves a stale lock behind.
    """
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except IsADirectoryError:
        raise ProgressError(f"{path} is a directory; move it away or use --data-dir") from None
    except OSError as exc:
        raise ProgressError(
            f"cannot write in {path.parent} ({exc.strerror or exc}); choose a folder you can "
            "write to with --data-dir"
        ) from None
    try:
        _acquire(fd, path, timeout, on_wait)
        yield
    finally:
        os.close(fd)


def _acquire(fd: int, path: Path, timeout: float, on_wait: Callable[[], None] | None) -> None:
    if fcntl is None:  # pragma: no cover - Windows
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
        return
    deadline = time.monotonic() + timeout
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        if not told and on_wait is not None:
            on_wait()
            told = True
        if time.monotonic() >= deadline:
            raise ProgressError(
                f"another quizapp has been using {path.parent} for {timeout:.0f} s "
                f"(it holds {path.name}); close it and try again, or use --data-dir"
            )
        time.sleep(POLL_SECONDS)
