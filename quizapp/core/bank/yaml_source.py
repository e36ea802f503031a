"""Safe YAML parsing that keeps line numbers, so every problem names its line.

Parsing uses the C safe loader when PyYAML has it (never the unsafe loaders),
keeps the composed node tree for line look-ups and refuses documents that
would expand into huge trees (alias bombs) or that are too large to be a bank file.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from quizapp.core.bank.files import UnreadableFile, read_regular_file

SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64


class YamlSourceError(Exception):
    """A file could not be parsed; ``line`` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(f"{line}: {message}")


@dataclass(frozen=True)
class YamlDocument:
    """The parsed data and the node tree it came from."""

    data: Any
    node: yaml.Node | None


def _decode(raw: bytes) -> str:
    bom = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        return raw[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        start = bom + exc.start  # the error's offset counts from after the BOM
        line = raw.count(b"\n", 0, start) + 1
        raise YamlSourceError(
            line, f"not valid UTF-8 (byte 0x{raw[start]:02x}); save the file as UTF-8"
        ) from None


def _check_shape(root: yaml.Node) -> None:
    """Refuse alias bombs, duplicate keys and absurd nesting before anything is constructed.

    Only collections are pushed on the stack; scalars are counted in bulk, which
    keeps this walk a small fraction of the parse.
    """
    count = 1
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    sequence, mapping, scalar = yaml.SequenceNode, yaml.MappingNode, yaml.ScalarNode
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise YamlSourceError(
                node.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep"
            )
        children: list[yaml.Node]
        if type(node) is sequence:
            children = node.value
        elif type(node) is mapping:
            children = []
            seen: set[str] = set()
            for key, value in node.value:
                if type(key) is scalar:
                    if key.value in seen:
                        raise YamlSourceError(
                            key.start_mark.line + 1, f"duplicate key {key.value!r}"
                        )
                    seen.add(key.value)
                children.append(key)
                children.append(value)
        else:
            continue
        count += len(children)
        if count > MAX_NODES:
            raise YamlSourceError(
                root.start_mark.line + 1,
                f"document expands to more than {MAX_NODES} values (alias bomb?)",
            )
        stack.extend((child, depth + 1) for child in children if type(child) is not scalar)


def parse_yaml(text: str) -> YamlDocument:
    """Parse one YAML document from text, keeping its node tree."""
    if "\t" in text:
        for number, line in enumerate(text.splitlines(), start=1):
            stripped = line.lstrip(" ")
            if stripped.startswith("\t"):
                raise YamlSourceError(number, "tab used for indentation; indent with spaces")
    try:
        loader = SafeLoader(text)  # the pure-Python loader checks every character here
    except yaml.reader.ReaderError as exc:
        raise _not_allowed(text, exc) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(None, None)
        _check_shape(node)
        data = loader.construct_document(node)
    except YamlSourceError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        mark_line = int(mark.line) + 1 if mark is not None else 1
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlSourceError(mark_line, f"YAML syntax: {problem}") from None
    except yaml.reader.ReaderError as exc:  # libyaml's loader checks them while parsing
        raise _not_allowed(text, exc) from None
    except yaml.YAMLError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else "invalid YAML"
        raise YamlSourceError(1, f"YAML: {first_line}") from None
    except RecursionError:
        raise YamlSourceError(1, "document is nested too deeply") from None
    finally:
        loader.dispose()
    return YamlDocument(data, node)


def _not_allowed(text: str, error: yaml.reader.ReaderError) -> YamlSourceError:
    """A character YAML does not accept, on its line (both loaders give its code point)."""
    bad_line = text.count("\n", 0, error.position) + 1
    return YamlSourceError(
        bad_line, f"character U+{error.character:04X} is not allowed in YAML; remove it"
    )


def read_yaml(path: Path) -> YamlDocument:
    """Read and parse a YAML file, refusing huge and non-UTF-8 files."""
    try:
        raw = read_regular_file(path, MAX_FILE_BYTES)
    except UnreadableFile as exc:
        message = str(exc)
        if message.startswith("file is "):
            message += " (split it)"
        raise YamlSourceError(1, message) from None
    return parse_yaml(_decode(raw))


def line_of(node: yaml.Node | None, loc: Sequence[int | str]) -> int:
    """The 1-based line of the value at ``loc`` (a pydantic error location).

    Walks as far down the path as the document goes and returns the line of
    the deepest node reached, so a missing field points at its parent.
    """
    if node is None:
        return 1
    current: yaml.Node = node
    for part in loc:
        child: yaml.Node | None = None
        if isinstance(current, yaml.MappingNode) and isinstance(part, str):
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode) and key.value == part:
                    child = value
                    break
        elif (
            isinstance(current, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(current.value)
        ):
            child = current.value[part]
        if child is None:
            break
        current = child
    return int(current.start_mark.line) + 1
