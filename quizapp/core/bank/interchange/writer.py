"""A user bank directory: one YAML file per topic in the bundled format, added to in place.

``DIR/questions/<topic file>.yaml`` (the bundled bank's names, such as
``f2_dicom_services.yaml``), each starting with the schema line, and
``DIR/schema/question_file.schema.json`` for editors. New questions are appended
to a topic's file so hand edits and comments stay; every file is read back with
the loader before anything is replaced, and all files are replaced together.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from quizapp.core.bank.layout import OUTLINE_FILE, QUESTIONS_DIR
from quizapp.core.bank.loader import (
    LoadedQuestion,
    display_path,
    load_question_file,
    question_files,
)
from quizapp.core.bank.models import Choice, Outline, Question
from quizapp.core.bank.schema import QUESTION_SCHEMA_FILE, user_question_schema
from quizapp.core.bank.yaml_source import YamlSourceError, parse_yaml
from quizapp.core.errors import InterchangeError, Problem, QuizappError

SCHEMA_DIR = "schema"
INDENT = 2  # where the bundled files put a question's "-"


class _Dumper(yaml.SafeDumper):
    """Block style as the bundled files write it: list items indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


class _Flow(list[str]):
    """A list written on one line (``tags: [a, b]``)."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # A literal block for text with line breaks; the emitter falls back to quotes
    # whenever a block cannot hold the text exactly.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Flow, _represent_flow)


def _block(text: str) -> str:
    """Prose with line breaks ends with one, as a bundled ``|`` block does."""
    return text + "\n" if "\n" in text and not text.endswith("\n") else text


def _choice_data(choice: Choice) -> dict[str, Any]:
    data: dict[str, Any] = {"text": choice.text}
    if choice.correct:
        data["correct"] = True
    if choice.pinned:
        data["pinned"] = True
    return data


def question_data(question: Question) -> dict[str, Any]:
    """A question as the bundled files write it: their key order, optional keys left out."""
    data: dict[str, Any] = {
        "id": question.id,
        "topic": question.topic,
        "difficulty": question.difficulty,
    }
    if "kind" in question.model_fields_set:
        data["kind"] = question.kind
    data["stem"] = _block(question.stem)
    data["choices"] = [_choice_data(c) for c in question.choices]
    if question.explanation:
        data["explanation"] = _block(question.explanation)
    if question.references:
        data["references"] = list(question.references)
    if question.tags:
        data["tags"] = _Flow(question.tags)
    return data


def render_items(questions: Sequence[Question], indent: int = INDENT) -> str:
    """The questions as items of a ``questions:`` list, a blank line between them."""
    items = []
    for question in questions:
        dumped = yaml.dump(
            {"questions": [question_data(question)]},
            Dumper=_Dumper,
            sort_keys=False,
            allow_unicode=True,
            width=100,
            indent=2,
        )
        items.append(dumped.split("\n", 1)[1])
    text = "\n".join(items)
    if indent == INDENT:
        return text
    shift = indent - INDENT
    return "\n".join(
        (" " * shift + line if shift > 0 else line[-shift:]) if line else line
        for line in text.split("\n")
    )


@dataclass
class UserBank:
    """A user bank directory as found: where questions go and what it holds already."""

    root: Path
    folder: Path
    questions: list[LoadedQuestion]
    counts: dict[str, int]  # questions per existing file (by display path)


def open_user_bank(root: Path) -> UserBank:
    """Read a user bank directory (it need not exist yet); its problems stop an import."""
    if (root / OUTLINE_FILE).exists():
        raise QuizappError(
            f"{root} holds an {OUTLINE_FILE}: import writes a user bank (used with --bank DIR), "
            "not a full bank; choose another --out"
        )
    if root.exists() and not root.is_dir():
        raise QuizappError(f"{root} is not a directory")
    existing = question_files(root)  # none where there is no directory yet
    # New files go in questions/, unless the bank keeps its files at its top (as
    # --bank also reads it): files there would no longer be read beside a questions/.
    flat = existing and not (root / QUESTIONS_DIR).is_dir()
    folder = root if flat else root / QUESTIONS_DIR
    questions: list[LoadedQuestion] = []
    counts: dict[str, int] = {}
    problems: list[Problem] = []
    for path in existing:
        loaded, found = load_question_file(path, user_bank=True)
        questions.extend(loaded)
        counts[display_path(path)] = len(loaded)
        problems.extend(found)
    if problems:
        raise InterchangeError(problems)
    return UserBank(root, folder, questions, counts)


def topic_file(outline: Outline, topic: str) -> str:
    """The file a topic's questions go in, named as in the bundled bank."""
    return Path(outline.topics[topic].study_guide).stem + ".yaml"


def schema_line(bank: UserBank) -> str:
    target = os.path.relpath(bank.root / SCHEMA_DIR / QUESTION_SCHEMA_FILE, bank.folder)
    return f"# yaml-language-server: $schema={Path(target).as_posix()}\n"


def _list_indent(text: str) -> int:
    """The column of the ``-`` of an existing file's questions."""
    try:
        node = parse_yaml(text).node
    except YamlSourceError:
        return INDENT
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "questions" and isinstance(value, yaml.SequenceNode) and value.value:
                return max(0, int(value.value[0].start_mark.column) - 2)
    return INDENT


def _reads_back(text: str, expected: Sequence[Question], old: int) -> bool:
    """True if ``text`` holds ``old`` questions and then exactly ``expected``."""
    try:
        data = parse_yaml(text).data
        items = data["questions"]
        loaded = [Question.model_validate(item) for item in items[old:]]
    except (YamlSourceError, ValidationError, KeyError, TypeError):
        return False
    wanted = [Question.model_validate(question_data(q)) for q in expected]
    return loaded == wanted  # equal lists: nothing after them either


def add_questions(bank: UserBank, outline: Outline, questions: Sequence[Question]) -> list[Path]:
    """Append the questions to their topics' files; every file is written or none."""
    by_file: dict[Path, list[Question]] = {}
    for question in questions:
        by_file.setdefault(bank.folder / topic_file(outline, question.topic), []).append(question)
    texts: dict[Path, str] = {}
    problems: list[Problem] = []
    for path, new in by_file.items():
        file = display_path(path)
        old = bank.counts.get(file, 0)
        if path.exists():
            try:
                current = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeError) as exc:
                raise QuizappError(f"cannot read {file}: {exc}") from None
            separator = "" if current.endswith("\n") else "\n"
            text = current + separator + "\n" + render_items(new, _list_indent(current))
        else:
            text = schema_line(bank) + "questions:\n" + render_items(new)
        if not _reads_back(text, new, old):
            problems.append(
                Problem(
                    file,
                    1,
                    "cannot add questions here: the file's 'questions:' list must come last, "
                    "one question per '- ' item (move the file aside and import again)",
                )
            )
        texts[path] = text
    if problems:
        raise InterchangeError(problems)
    schema = bank.root / SCHEMA_DIR / QUESTION_SCHEMA_FILE
    schema_text = user_question_schema()
    if not schema.exists() or schema.read_bytes() != schema_text.encode("utf-8"):
        texts[schema] = schema_text
    replace_all(texts)
    return sorted(by_file)


def _temp(path: Path, payload: bytes) -> Path:
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    return temp


def replace_all(texts: dict[Path, str]) -> None:
    """Write every file to a temporary file first, then put them all in place."""
    temps: list[tuple[Path, Path]] = []
    try:
        for path, text in texts.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            temps.append((_temp(path, text.encode("utf-8")), path))
    except OSError as exc:
        for temp, _ in temps:
            with contextlib.suppress(OSError):
                temp.unlink()
        where = exc.filename or next(iter(texts))
        raise QuizappError(f"cannot write {where}: {exc.strerror or exc}") from None
    for temp, path in temps:
        os.replace(temp, path)
