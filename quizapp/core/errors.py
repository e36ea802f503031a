"""Errors the app reports to the user as one clear line, never as a traceback."""

from __future__ import annotations

from dataclasses import dataclass

from quizapp.core.controls import printable


class QuizappError(Exception):
    """Base for every error quizapp reports to the user."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in a bank file, reported as ``file:line: message``.

    ``line`` 0 is a problem of a whole path (a missing directory): ``path: message``.
    """

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line > 0 else self.file
        return printable(f"{where}: {self.message}")

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
