"""The progress journal: one JSON line per change, appended beside the snapshot.

Every change the candidate makes (an answer, a flag, a setting, each exam
event) is one line, written and fsynced before the change counts as saved, so
saving costs the same however long the history grows. Each line carries a
sequence number; the snapshot records the last number it has folded in, so a
line is never applied twice. A fold replaces the journal with the lines newer
than the snapshot, headed by a ``fold`` line naming the snapshot's number.

A line cut short by a crash was never acknowledged: it is ignored and cut off
before the next append.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

JOURNAL_FILE = "progress.journal"

Event = dict[str, Any]
"""One journal line as read: ``seq`` (absent in lines written before schema 3), ``op``..."""


@dataclass
class JournalRead:
    events: list[Event] = field(default_factory=list)
    raw: list[bytes] = field(default_factory=list)
    """Each event's line as it is in the file (a damaged one is kept exactly)."""
    end: int = 0
    """Byte offset just past the last complete line."""
    damaged: list[bytes] = field(default_factory=list)
    """Complete lines that are not a JSON object: kept aside, never silently dropped."""


def encode_event(event: Event) -> bytes:
    """One line of the journal, as appended."""
    return json.dumps(event, separators=(",", ":"), ensure_ascii=False).encode("utf-8") + b"\n"


def read_journal(path: Path, start: int = 0) -> JournalRead:
    """Complete lines from ``start`` on; a torn last line is left out."""
    try:
        with path.open("rb") as handle:
            handle.seek(start)
            raw = handle.read()
    except FileNotFoundError:
        return JournalRead(end=0)
    result = JournalRead(end=start)
    complete, newline, _torn = raw.rpartition(b"\n")
    if not newline:
        return result
    for line in complete.split(b"\n"):
        result.end += len(line) + 1
        if not line.strip():
            continue
        try:
            event = json.loads(line)
        except (ValueError, RecursionError):
            result.damaged.append(line)
            continue
        if isinstance(event, dict):
            result.events.append(event)
            result.raw.append(line)
        else:
            result.damaged.append(line)
    return result


def append_line(path: Path, line: bytes, valid_end: int) -> int:
    """Append one line (cutting off any torn tail first), fsync, return the new end offset."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        if os.fstat(fd).st_size != valid_end:
            os.ftruncate(fd, valid_end)
        os.lseek(fd, valid_end, os.SEEK_SET)
        view = memoryview(line)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    return valid_end + len(line)


def journal_identity(path: Path) -> tuple[int, int] | None:
    """(inode, size) of the journal, or None if there is none: a fold gives a new inode."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_size
