"""Parse study-guide Markdown files into title and sections."""

from __future__ import annotations

from pathlib import Path

from quizapp.core.bank.files import MAX_STUDY_GUIDE_BYTES, UnreadableFile, read_regular_file
from quizapp.core.bank.models import StudyGuide
from quizapp.core.controls import check_text
from quizapp.core.errors import Problem


def parse_study_guide(topic: str, path: Path, display: str) -> StudyGuide | Problem:
    """Read one summary; a missing title, a control character or an unreadable file is a Problem."""
    try:
        raw = read_regular_file(path, MAX_STUDY_GUIDE_BYTES)
    except UnreadableFile as exc:
        return Problem(display, 1, f"cannot read study guide: {exc}")
    try:
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        bad_line = raw.count(b"\n", 0, exc.start) + 1
        return Problem(display, bad_line, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})")
    title = ""
    sections: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            check_text(line)
        except ValueError as exc:
            return Problem(display, number, f"study guide {exc}")
        if line.startswith("# ") and not title:
            title = line[2:].strip()
        elif line.startswith("## "):
            sections.append(line[3:].strip())
    if not title:
        return Problem(display, 1, "study guide has no '# Title' line")
    return StudyGuide(topic=topic, file=display, title=title, markdown=text, sections=sections)
