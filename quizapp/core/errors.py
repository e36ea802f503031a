"""Errors the app reports to the user as one clear line, never as a traceback."""

from __future__ import annotations

from dataclasses import dataclass


class QuizappError(Exception):
    """Base for every error quizapp reports to the user."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in a bank file, reported as ``file:line: message``."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "message": self.message}


class BankError(QuizappError):
    """The question bank has problems; all of them are listed."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class InterchangeError(BankError):
    """A file to import (Aiken, GIFT, CSV) or a bank to export has problems; all are listed."""


class ProgressError(QuizappError):
    """The progress file cannot be used and the app must not touch it."""
