"""Which files a bank may be read from: its own regular files, each of a sane size.

A bank given with ``--bank`` is data from elsewhere. Links that leave the bank
directory are refused (a ``questions`` link to ``/`` would walk the whole
disk), link loops and dangling links are reported rather than skipped, and
only regular files are read (a FIFO would hang, ``/dev/zero`` never ends).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from quizapp.core.bank.layout import QUESTION_SUFFIXES, question_folder

MAX_STUDY_GUIDE_BYTES = 1024 * 1024


class UnreadableFile(Exception):
    """A file the bank names cannot be read; the message says why in a few words."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; UnreadableFile otherwise."""
    try:
        info = path.stat()
    except OSError as exc:
        raise UnreadableFile(f"cannot read file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise UnreadableFile(f"{kind}; only regular files are read")
    if info.st_size > limit:
        raise UnreadableFile(
            f"file is {info.st_size / 1e6:.1f} MB; at most {limit // (1024 * 1024)} MB is read"
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise UnreadableFile(f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise UnreadableFile(f"file grew past {limit // (1024 * 1024)} MB while being read")
    return data


def inside(path: Path, root: Path) -> bool:
    """Whether ``path``, links resolved, is ``root`` or below it."""
    return path.resolve().is_relative_to(root.resolve())


def walk_question_files(root: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The YAML files of a bank (``questions/`` if it has one) and the links refused.

    Returns the files in a stable order and (path, reason) for every link that
    leaves the bank, points nowhere or loops.
    """
    real_root = root.resolve()
    files: list[Path] = []
    refused: list[tuple[Path, str]] = []
    folder = question_folder(root)
    if folder != root and not inside(folder, real_root):
        return [], [(folder, "links outside the bank; copy the files into the bank instead")]
    seen: set[Path] = set()
    stack = [folder]
    while stack:
        directory = stack.pop()
        real = directory.resolve()
        if real in seen:
            refused.append((directory, "is a link loop (a folder that contains itself)"))
            continue
        seen.add(real)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name, reverse=True)
        except OSError as exc:
            refused.append((directory, f"cannot be listed: {exc.strerror or exc}"))
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError) as exc:
                    loop = isinstance(exc, RuntimeError) or exc.errno == errno.ELOOP
                    refused.append((path, "is a link loop" if loop else "is a broken link"))
                    continue
                if not target.is_relative_to(real_root):
                    refused.append((path, f"links outside the bank (to {target})"))
                    continue
            if entry.is_dir():
                stack.append(path)
            elif path.suffix.lower() in QUESTION_SUFFIXES:
                files.append(path)
    return sorted(files), refused
