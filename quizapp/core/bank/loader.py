"""Load, validate and cross-check the question bank.

Every problem is collected as ``file:line: message`` (all problems of a file
at once) instead of stopping at the first, so an author fixes a file in one pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from quizapp.core.bank.bank import Bank, SourceRef
from quizapp.core.bank.files import inside, walk_question_files
from quizapp.core.bank.layout import OUTLINE_FILE, STUDY_GUIDE_DIR, bundled_bank_dir
from quizapp.core.bank.models import BundledQuestion, Outline, Question
from quizapp.core.bank.study_guide import parse_study_guide
from quizapp.core.bank.yaml_source import YamlSourceError, line_of, read_yaml
from quizapp.core.collector import paused
from quizapp.core.errors import BankError, Problem


def display_path(path: Path) -> str:
    """A short path for messages: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _format_error(error: Any) -> str:
    loc = ".".join(str(part) for part in error["loc"])
    message = str(error["msg"]).removeprefix("Value error, ")
    if error.get("type") == "string_type" and isinstance(error.get("input"), bytes):
        message = "must be text, not binary data (!!binary)"
    return f"{loc}: {message}" if loc else message


def _validation_problems(
    exc: ValidationError, file: str, node: yaml.Node | None, prefix: str = ""
) -> list[Problem]:
    return [
        Problem(file, line_of(node, error["loc"]), prefix + _format_error(error))
        for error in exc.errors()
    ]


@dataclass
class OutlineResult:
    outline: Outline | None
    problems: list[Problem]
    topic_lines: dict[str, int] = field(default_factory=dict)


def load_outline(path: Path) -> OutlineResult:
    """Load ``outline.yaml``; return the outline or the problems that stop it."""
    file = display_path(path)
    try:
        document = read_yaml(path)
    except YamlSourceError as exc:
        return OutlineResult(None, [Problem(file, exc.line, exc.message)])
    if not isinstance(document.data, dict):
        return OutlineResult(None, [Problem(file, 1, "the outline must be a mapping")])
    try:
        outline = Outline.model_validate(document.data)
    except ValidationError as exc:
        return OutlineResult(None, _validation_problems(exc, file, document.node))
    topic_lines: dict[str, int] = {}
    for d_index, domain in enumerate(outline.domains):
        for t_index, topic in enumerate(domain.topics):
            loc = ("domains", d_index, "topics", t_index)
            topic_lines[topic.code] = line_of(document.node, loc)
    return OutlineResult(outline, [], topic_lines)


@dataclass
class LoadedQuestion:
    question: Question
    source: SourceRef


def load_question_file(
    path: Path, *, user_bank: bool = False
) -> tuple[list[LoadedQuestion], list[Problem]]:
    """Parse and validate one question file; each question is checked on its own.

    A user bank's questions may leave out the explanation and references
    (``Question``); the bundled bank's may not (``BundledQuestion``).
    """
    model = Question if user_bank else BundledQuestion
    file = display_path(path)
    try:
        document = read_yaml(path)
    except YamlSourceError as exc:
        return [], [Problem(file, exc.line, exc.message)]
    data, node = document.data, document.node
    if data is None:
        return [], [Problem(file, 1, "file is empty; expected a 'questions:' list")]
    if not isinstance(data, dict):
        kind = type(data).__name__
        return [], [Problem(file, 1, f"expected a mapping with a 'questions:' list, found {kind}")]
    problems = [
        Problem(file, line_of(node, (str(key),)), f"unknown top-level key {key!r}")
        for key in data
        if key != "questions"
    ]
    items = data.get("questions")
    if not isinstance(items, list) or not items:
        problems.append(
            Problem(file, line_of(node, ("questions",)), "'questions' must be a non-empty list")
        )
        return [], problems
    loaded: list[LoadedQuestion] = []
    for index, item in enumerate(items):
        item_line = line_of(node, ("questions", index))
        if not isinstance(item, dict):
            problems.append(Problem(file, item_line, "each question must be a mapping"))
            continue
        label = f"question {item.get('id')!r}: " if isinstance(item.get("id"), str) else ""
        try:
            question: Question = model.model_validate(item)
        except ValidationError as exc:
            for error in exc.errors():
                loc = ("questions", index, *error["loc"])
                problems.append(Problem(file, line_of(node, loc), label + _format_error(error)))
            continue
        loaded.append(LoadedQuestion(question, SourceRef(file, item_line)))
    return loaded, problems


def question_files(directory: Path) -> list[Path]:
    """The YAML files of a bank directory (its ``questions/`` folder if it has one)."""
    return walk_question_files(directory)[0]


def bank_files(directory: Path) -> tuple[list[Path], list[Problem]]:
    """A bank's question files, and a problem for every link that was refused."""
    files, refused = walk_question_files(directory)
    return files, [Problem(display_path(path), 0, reason) for path, reason in refused]


@dataclass
class LoadResult:
    """A bank (possibly partial) and every problem found while building it."""

    bank: Bank | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.bank is not None and not self.problems


def _study_guides(
    bank: Bank, root: Path, outline_result: OutlineResult, outline_file: str
) -> list[Problem]:
    problems: list[Problem] = []
    for code, topic in bank.outline.topics.items():
        path = root / STUDY_GUIDE_DIR / topic.study_guide
        if path.exists() and not inside(path, root):  # after resolving every link
            problems.append(
                Problem(
                    outline_file,
                    outline_result.topic_lines[code],  # every topic has its line
                    f"topic {code}: study guide {STUDY_GUIDE_DIR}/{topic.study_guide} "
                    "links outside the bank",
                )
            )
            continue
        if not path.is_file():
            problems.append(
                Problem(
                    outline_file,
                    outline_result.topic_lines[code],  # every topic has its line
                    f"topic {code}: study guide {STUDY_GUIDE_DIR}/{topic.study_guide} not found",
                )
            )
            continue
        parsed = parse_study_guide(code, path, display_path(path))
        if isinstance(parsed, Problem):
            problems.append(parsed)
        else:
            bank.study_guides[code] = parsed
    return problems


def _add_questions(bank: Bank, files: Iterable[tuple[Path, bool]]) -> list[Problem]:
    """Add each file's questions; the flag says whether the file belongs to a user bank."""
    problems: list[Problem] = []
    for path, user_bank in files:
        loaded, file_problems = load_question_file(path, user_bank=user_bank)
        problems.extend(file_problems)
        for item in loaded:
            question, source = item.question, item.source
            if question.topic not in bank.outline.topics:
                line = source.line
                problems.append(
                    Problem(
                        source.file,
                        line,
                        f"question {question.id!r}: unknown topic "
                        f"{question.topic!r} (not in outline.yaml)",
                    )
                )
                continue
            if question.id in bank.questions:
                first = bank.sources[question.id]
                problems.append(
                    Problem(
                        source.file,
                        source.line,
                        f"duplicate id {question.id!r} (first defined at {first})",
                    )
                )
                continue
            bank.questions[question.id] = question
            bank.sources[question.id] = source
    return problems


def concept_problems(bank: Bank) -> list[Problem]:
    """A concept names questions that give each other away: one named by a single
    question is a typo or a missing partner."""
    by_concept: dict[str, list[str]] = {}
    for question in bank.questions.values():
        if question.concept is not None:
            by_concept.setdefault(question.concept, []).append(question.id)
    problems = []
    for concept, ids in by_concept.items():
        if len(ids) == 1:
            source = bank.sources[ids[0]]
            problems.append(
                Problem(
                    source.file,
                    source.line,
                    f"question {ids[0]!r}: concept {concept!r} is named by no other question "
                    "(a concept groups questions that would give each other away)",
                )
            )
    return problems


def load_bank(
    root: Path | None = None,
    extra_banks: Sequence[Path] = (),
    only_files: Sequence[Path] | None = None,
    extra_files: Sequence[Path] = (),
    *,
    bundled_rules: bool = False,
) -> LoadResult:
    """Load the bank at ``root`` (the bundled one by default) plus extra banks and files.

    With ``only_files``, the outline and study guides of ``root`` are used but
    only the given question files are read. ``extra_files`` are read after
    every bank, as ``quizapp validate FILE`` checks a file against the bank.

    The files of ``root`` follow the bundled bank's rules; the extra banks, and
    given files outside ``root``, are user banks (no explanation or references
    needed) unless ``bundled_rules`` holds every given file to the bundled rules.
    """
    with paused():  # see core/collector.py
        return _load_bank(root, extra_banks, only_files, extra_files, bundled_rules)


def _load_bank(
    root: Path | None,
    extra_banks: Sequence[Path],
    only_files: Sequence[Path] | None,
    extra_files: Sequence[Path],
    bundled_rules: bool,
) -> LoadResult:
    root = root or bundled_bank_dir()
    outline_path = root / OUTLINE_FILE
    if not outline_path.is_file():
        return LoadResult(None, [Problem(display_path(outline_path), 1, "outline file not found")])
    outline_result = load_outline(outline_path)
    if outline_result.outline is None:
        return LoadResult(None, outline_result.problems)
    bank = Bank(outline=outline_result.outline)
    problems = _study_guides(bank, root, outline_result, display_path(outline_path))
    real_root = root.resolve()

    def user_bank(path: Path) -> bool:
        return not (bundled_rules or path.resolve().is_relative_to(real_root))

    files: list[tuple[Path, bool]]
    if only_files is None:
        found, refused = bank_files(root)
        problems.extend(refused)
        files = [(path, False) for path in found]
        for extra in extra_banks:
            if not extra.is_dir():
                problems.append(
                    Problem(display_path(extra), 0, "no such directory (a bank must be a folder)")
                )
                continue
            found, refused = bank_files(extra)
            problems.extend(refused)
            if not found and not refused:
                problems.append(Problem(display_path(extra), 0, _NO_QUESTIONS))
            files.extend((path, not bundled_rules) for path in found)
    else:
        files = [(path, user_bank(path)) for path in only_files]
    files.extend((path, user_bank(path)) for path in extra_files)
    problems.extend(_add_questions(bank, files))
    if only_files is None:  # a partner may be in a file not being checked
        problems.extend(concept_problems(bank))
    if not bank.questions and not problems:
        problems.append(Problem(display_path(root), 0, _NO_QUESTIONS))
    return LoadResult(bank, sorted(problems))


_NO_QUESTIONS = "no questions found: put question files (*.yaml) in its questions/ folder"


def load_bank_or_raise(root: Path | None = None, extra_banks: Sequence[Path] = ()) -> Bank:
    """Load the bank for the app; any problem stops it with every problem listed."""
    result = load_bank(root, extra_banks)
    if result.bank is None or result.problems:
        raise BankError(result.problems)
    return result.bank
