"""The YAML reader: every refusal with its line and message, its limits at their edges."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from quizapp.core.bank import yaml_source
from quizapp.core.bank.yaml_source import YamlSourceError, line_of, parse_yaml, read_yaml

REFUSED = {
    "syntax": ("a: [1, 2\nb: 3\n", 2, "YAML syntax: did not find expected ',' or ']'"),
    "indent": ("a:\n  b: 1\n c: 2\n", 3, "YAML syntax: did not find expected key"),
    "control-char": (
        "a: 1\n\nb: \x07\nc: 2\n",
        3,
        "character U+0007 is not allowed in YAML; remove it",
    ),
    "control-char-first": ("\x07\n\n", 1, "character U+0007 is not allowed in YAML; remove it"),
    "newline-first": ("\n\x07\n", 2, "character U+0007 is not allowed in YAML; remove it"),
    "tab": ("a:\n\tb: 1\n", 2, "tab used for indentation; indent with spaces"),
    "tab-after-spaces": ("a:\n  \tb: 1\n", 2, "tab used for indentation; indent with spaces"),
    "duplicate-key": ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a'"),
    "two-documents": ("a: 1\n---\nb: 2\n", 2, "YAML syntax: but found another document"),
}


@pytest.mark.parametrize(("text", "line", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_every_refusal_names_its_line(text: str, line: int, message: str) -> None:
    with pytest.raises(YamlSourceError) as caught:
        parse_yaml(text)
    assert (caught.value.line, caught.value.message) == (line, message)
    assert str(caught.value) == f"{line}: {message}"


@pytest.mark.parametrize(
    ("text", "line"),
    [("a: 1\n\nb: \x07\n", 3), ("\x07\n", 1), ("\n\x07\n", 2)],
    ids=["middle", "first", "after-newline"],
)
def test_a_pyyaml_without_libyaml_names_the_character_and_its_line_too(
    text: str, line: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its loader checks every character before parsing, as it is built (not a traceback)."""
    monkeypatch.setattr(yaml_source, "SafeLoader", yaml.SafeLoader)
    with pytest.raises(YamlSourceError) as caught:
        parse_yaml(text)
    assert (caught.value.line, caught.value.message) == (
        line,
        "character U+0007 is not allowed in YAML; remove it",
    )


def test_tabs_inside_values_and_after_other_characters_are_fine() -> None:
    assert parse_yaml("a: 'x\ty'\nX\ty: 2\n").data == {"a": "x\ty", "X\ty": 2}
    assert parse_yaml("").data is None and parse_yaml("").node is None


class FailingLoader:
    """A loader whose parse fails with the given error."""

    error: BaseException = yaml.YAMLError()

    def __init__(self, text: str) -> None:
        pass

    def get_single_node(self) -> Any:
        raise self.error

    def dispose(self) -> None:
        pass


@pytest.mark.parametrize(
    ("error", "line", "message"),
    [
        (yaml.MarkedYAMLError(problem="bad thing"), 1, "YAML syntax: bad thing"),
        (yaml.MarkedYAMLError(context="while doing"), 1, "YAML syntax: while doing"),
        (yaml.MarkedYAMLError(), 1, "YAML syntax: invalid YAML"),
        (yaml.YAMLError("first line\nsecond line"), 1, "YAML: first line"),
        (yaml.YAMLError("  "), 1, "YAML: invalid YAML"),
        (RecursionError(), 1, "document is nested too deeply"),
    ],
    ids=["problem", "context", "neither", "plain", "plain-empty", "recursion"],
)
def test_errors_without_a_position_are_put_on_the_first_line(
    error: BaseException, line: int, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(FailingLoader, "error", error)
    monkeypatch.setattr(yaml_source, "SafeLoader", FailingLoader)
    with pytest.raises(YamlSourceError) as caught:
        parse_yaml("a: 1")
    assert (caught.value.line, caught.value.message) == (line, message)


def nested(depth: int) -> str:
    """``depth`` levels of collections (mappings and lists by turns) around one scalar."""
    text = "x"
    for level in range(depth):
        text = f"{{k: {text}}}" if level % 2 else f"[{text}]"
    return text


def test_nesting_is_refused_one_level_past_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_source, "MAX_DEPTH", 6)
    assert parse_yaml(nested(6)).data is not None
    with pytest.raises(YamlSourceError) as caught:
        parse_yaml("\n" + nested(7))
    assert (caught.value.line, caught.value.message) == (2, "nested more than 6 levels deep")
    with pytest.raises(YamlSourceError, match="nested more than 6 levels deep"):
        parse_yaml("? " + nested(7) + "\n: value\n")  # a key is checked like a value


def test_values_are_counted_up_to_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_source, "MAX_NODES", 9)  # the document, 3 keys, 3 values, 2 items
    assert parse_yaml("a: 1\nb: 2\nc: [x, y]\n").data == {"a": 1, "b": 2, "c": ["x", "y"]}
    with pytest.raises(YamlSourceError) as caught:
        parse_yaml("\na: 1\nb: 2\nc: [x, y, z]\n")
    assert (caught.value.line, caught.value.message) == (
        2,
        "document expands to more than 9 values (alias bomb?)",
    )
    with pytest.raises(YamlSourceError, match="more than 9 values"):
        parse_yaml("? [a, b, c, d, e, f, g]\n: 1\n")  # keys count too


def test_a_file_at_the_size_limit_is_read_and_one_past_it_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yaml_source, "MAX_FILE_BYTES", 2 * 1024 * 1024)
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (2 * 1024 * 1024 - 1) + b"\n")
    assert read_yaml(path).data is None
    path.write_bytes(b"#" * (3 * 1024 * 1024) + b"\n")
    with pytest.raises(YamlSourceError) as caught:
        read_yaml(path)
    assert (caught.value.line, caught.value.message) == (
        1,
        "file is 3.1 MB; at most 2 MB is read (split it)",
    )


def test_files_that_cannot_be_read_or_decoded_are_named(tmp_path: Path) -> None:
    with pytest.raises(YamlSourceError) as caught:
        read_yaml(tmp_path)
    assert (caught.value.line, caught.value.message) == (
        1,
        "a directory; only regular files are read",
    )
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"\na: 1\nb: caf\xe9\n")
    with pytest.raises(YamlSourceError) as caught:
        read_yaml(path)
    assert (caught.value.line, caught.value.message) == (
        3,
        "not valid UTF-8 (byte 0xe9); save the file as UTF-8",
    )
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")  # a byte-order mark is fine
    assert read_yaml(path).data == {"a": 1}


def test_line_of_walks_as_far_as_the_document_goes() -> None:
    node = parse_yaml("top:\n  list:\n    - first\n    - second: 2\nother: 1\n").node
    assert line_of(None, ("anything",)) == 1
    assert line_of(node, ()) == 1
    assert line_of(node, ("top", "list", 1, "second")) == 4
    assert line_of(node, ("top", "list", 0)) == 3
    assert line_of(node, ("top", "list", 2)) == 3  # past the end: the list itself
    assert line_of(node, ("top", "list", -1)) == 3
    assert line_of(node, ("top", "list", "0")) == 3  # a list is indexed by numbers only
    assert line_of(node, ("top", 0)) == 2  # a mapping by names only
    assert line_of(node, ("other",)) == 5 and line_of(node, ("missing", "x")) == 1
