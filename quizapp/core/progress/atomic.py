"""Crash-safe file replacement: a crash leaves the old file or the new one, never a torn one."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def write_temp(path: Path, payload: bytes) -> Path:
    """Write ``payload`` to a temp file beside ``path`` and fsync it; the caller renames it."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(payload)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    os.close(fd)
    return temp


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Write to a temp file in the same directory, fsync it, then ``os.replace``."""
    os.replace(write_temp(path, payload), path)
    fsync_directory(path.parent)


def fsync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)
