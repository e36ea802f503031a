"""Aiken, Moodle's simplest text format: a question, lettered choices, ``ANSWER: X``.

    Which port does DICOM register with IANA?
    A. 80
    B. 104
    C. 2575
    ANSWER: B

A question is the lines before its first choice (Moodle wants one line; more are
joined), choices are ``A.`` or ``A)``, and ``ANSWER:`` ends it; blank lines
separate questions. Aiken has no topic, explanation, references or difficulty:
``--topic`` gives the topic and the difficulty is 2. Written Aiken puts each
stem and choice on one line (line breaks become spaces).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from quizapp.core.bank.interchange.draft import Draft, Parsed
from quizapp.core.bank.models import Question
from quizapp.core.errors import Problem

CHOICE = re.compile(r"^([A-Z])[.)][ \t]+(.*)$")
ANSWER = re.compile(r"^ANSWER[ \t]*:[ \t]*(.*)$", re.IGNORECASE)


@dataclass
class _Question:
    line: int
    stem: list[str]
    letters: list[str] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)
    bad: bool = False  # a problem was reported inside it: it is not imported


def parse_aiken(text: str, file: str) -> Parsed:
    """Every question of an Aiken file, and a problem (with its line) for each bad one."""
    parsed = Parsed()
    current: _Question | None = None
    blank_before = False

    def problem(line: int, message: str) -> None:
        parsed.problems.append(Problem(file, line, message))

    def unfinished(question: _Question) -> None:
        if question.choices:
            problem(question.line, "the question has no 'ANSWER: X' line after its choices")
        else:
            problem(question.line, "the question has no choices ('A. ...', 'B. ...')")

    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            blank_before = True
            continue
        choice, answer = CHOICE.match(line), ANSWER.match(line)
        if current is None:
            if answer:
                problem(number, "'ANSWER:' without a question before it")
            else:  # the first line of a question is its stem, even if it looks like a choice
                current = _Question(number, [line])
        elif answer:
            _finish(current, answer.group(1).strip(), number, parsed, file)
            current = None
        elif choice:
            letter = choice.group(1)
            if letter in current.letters:
                problem(number, f"choice {letter} appears twice")
                current.bad = True
            else:
                current.letters.append(letter)
                current.choices.append(choice.group(2))
        elif current.choices or blank_before:
            unfinished(current)  # a new question began before this one ended
            current = _Question(number, [line])
        else:
            current.stem.append(line)
        blank_before = False
    if current is not None:
        unfinished(current)
    return parsed


def _finish(question: _Question, answer: str, line: int, parsed: Parsed, file: str) -> None:
    if not question.choices:
        parsed.problems.append(Problem(file, line, "'ANSWER:' before any choice"))
        return
    if question.bad:
        return
    letter = answer.upper()
    if letter not in question.letters:
        shown = answer or "nothing"
        parsed.problems.append(
            Problem(
                file,
                line,
                f"the answer {shown!r} names no choice "
                f"(the choices are {', '.join(question.letters)})",
            )
        )
        return
    parsed.drafts.append(
        Draft(
            line=question.line,
            stem="\n".join(question.stem),
            choices=tuple(question.choices),
            correct=question.letters.index(letter),
        )
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def write_aiken(questions: Iterable[Question]) -> str:
    """The questions as Aiken, a blank line between them."""
    blocks = []
    for question in questions:
        lines = [_one_line(question.stem)]
        lines += [f"{'ABCDE'[i]}. {_one_line(c.text)}" for i, c in enumerate(question.choices)]
        lines.append(f"ANSWER: {'ABCDE'[question.correct_index]}")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)
