"""Export the bank models as JSON Schema so editors validate YAML as it is typed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from quizapp.core.bank.models import Outline, QuestionFile

SCHEMAS: dict[str, type[Outline] | type[QuestionFile]] = {
    "outline.schema.json": Outline,
    "question_file.schema.json": QuestionFile,
}


def schema_documents() -> dict[str, dict[str, Any]]:
    """Each schema file name with the JSON Schema of its model."""
    documents: dict[str, dict[str, Any]] = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        documents[name] = schema
    return documents


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
