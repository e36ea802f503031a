"""Export the bank models as JSON Schema so editors validate YAML as it is typed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from quizapp.core.bank.models import BundledQuestionFile, Outline, QuestionFile

QUESTION_SCHEMA_FILE = "question_file.schema.json"

SCHEMAS: dict[str, type[BaseModel]] = {
    "outline.schema.json": Outline,
    QUESTION_SCHEMA_FILE: BundledQuestionFile,
}


def _document(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def schema_documents() -> dict[str, dict[str, Any]]:
    """Each schema file name of the bundled bank with the JSON Schema of its model."""
    return {name: _document(model) for name, model in SCHEMAS.items()}


def user_question_schema() -> str:
    """The schema of a user bank's question file (explanation and references optional)."""
    return render(_document(QuestionFile))


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schema_documents().items():
        path = directory / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written
