"""Where a bank keeps its files; no YAML or pydantic needed."""

from __future__ import annotations

from pathlib import Path

OUTLINE_FILE = "outline.yaml"
QUESTIONS_DIR = "questions"
STUDY_GUIDE_DIR = "study_guide"
QUESTION_SUFFIXES = frozenset({".yaml", ".yml"})
"""Matched case-insensitively: ``.YAML`` is a question file too."""


def bundled_bank_dir() -> Path:
    """The bank shipped with the package (inside the wheel, or the repo checkout)."""
    package_dir = Path(__file__).resolve().parents[2]  # quizapp/core/bank/layout.py
    installed = package_dir / "question_bank"
    if installed.is_dir():
        return installed
    return package_dir.parent / "question_bank"


def question_folder(directory: Path) -> Path:
    """The folder holding a bank's question files: ``questions/`` if present, else the bank."""
    folder = directory / QUESTIONS_DIR
    return folder if folder.is_dir() else directory
