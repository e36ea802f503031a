"""The JSON Schema files in the repo match the models, and every bank file points at them."""

from __future__ import annotations

from quizapp.core.bank.loader import bundled_bank_dir
from quizapp.core.bank.schema import render, schema_documents


def test_committed_schemas_are_current() -> None:
    folder = bundled_bank_dir() / "schema"
    for name, schema in schema_documents().items():
        committed = (folder / name).read_text(encoding="utf-8")
        assert committed == render(schema), f"run `quizapp schema` to refresh {name}"


def test_every_bank_file_declares_its_schema() -> None:
    root = bundled_bank_dir()
    first = (root / "outline.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema/outline.schema.json"
    for path in sorted((root / "questions").glob("*.yaml")):
        first = path.read_text().splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/question_file.schema.json", path
