"""Parse study-guide Markdown files into title and sections."""

from __future__ import annotations

from pathlib import Path

from quizapp.core.bank.models import StudyGuide
from quizapp.core.errors import Problem


def parse_study_guide(topic: str, path: Path, display: str) -> StudyGuide | Problem:
    """Read one summary; a missing title or unreadable file is a Problem."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return Problem(display, 1, f"cannot read study guide: {exc}")
    title = ""
    sections: list[str] = []
    for line in text.splitlines():
        if line.startswith("# ") and not title:
            title = line[2:].strip()
        elif line.startswith("## "):
            sections.append(line[3:].strip())
    if not title:
        return Problem(display, 1, "study guide has no '# Title' line")
    return StudyGuide(topic=topic, file=display, title=title, markdown=text, sections=sections)
