"""Where an export's text goes: standard output, or a file (one line if it cannot be written)."""

from __future__ import annotations

import sys
from pathlib import Path

from quizapp.core.errors import QuizappError


def write_output(text: str, output: Path | None) -> None:
    """Write ``text`` to ``output`` as UTF-8 bytes as given, or to standard output (None, -)."""
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    try:
        output.write_bytes(text.encode("utf-8"))
    except OSError as exc:
        raise QuizappError(f"cannot write {output}: {exc.strerror or exc}") from None
    print(f"wrote {output}", file=sys.stderr)
