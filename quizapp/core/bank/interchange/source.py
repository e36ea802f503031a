"""Read a file to import as text: UTF-8 (a BOM is fine), any line ending, a size limit."""

from __future__ import annotations

import codecs
from pathlib import Path

from quizapp.core.errors import InterchangeError, Problem, QuizappError

MAX_INPUT_BYTES = 20 * 1024 * 1024


def decode(raw: bytes, file: str) -> str:
    """The text of ``raw`` with every line ending made ``\\n``; non-UTF-8 names its line."""
    raw = raw.removeprefix(codecs.BOM_UTF8)  # offsets in an error then count from the file's start
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        byte = raw[exc.start]
        raise InterchangeError(
            [Problem(file, line, f"not valid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8")]
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source(path: Path, file: str) -> str:
    """Read and decode the file to import; one clear error if it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InterchangeError(
                [
                    Problem(
                        file,
                        1,
                        f"file is {size / 1e6:.1f} MB; split it into files of at most "
                        f"{MAX_INPUT_BYTES // (1024 * 1024)} MB",
                    )
                ]
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise QuizappError(f"cannot read {file}: {exc.strerror or exc}") from None
    return decode(raw, file)
