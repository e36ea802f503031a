"""Upgrade progress files written by older versions of quizapp.

Schema 1 (the pre-release development builds) kept answers under ``answers``
with the keys ``question``, ``choice``, ``correct``, ``seconds``, ``mode`` and
``time`` and had no answer ids or settings. Schema 2 gives each answer a
stable id (so two instances can merge their files) and adds ``settings``.
Schema 3 keeps every change in the journal and records in ``seq`` the last
journal line the snapshot holds; the per-question totals and the answers'
length that schema 2 wrote for its quick start are derived data and dropped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from quizapp.core.progress.answers import SCHEMA_VERSION

Raw = dict[str, Any]


def _v1_to_v2(data: Raw) -> Raw:
    answers = []
    for index, old in enumerate(data.get("answers", [])):
        if not isinstance(old, dict):
            raise ValueError(f"answer {index} is not an object")
        seed = f"{old.get('question')}|{old.get('time')}|{index}"
        answers.append(
            {
                "id": "v1-" + hashlib.sha1(seed.encode()).hexdigest()[:16],
                "question_id": old.get("question"),
                "choice": old.get("choice"),
                "correct": old.get("correct"),
                "seconds": old.get("seconds", 0),
                "mode": old.get("mode", "drill"),
                "at": old.get("time"),
            }
        )
    return {"schema_version": 2, "answers": answers, "settings": {}}


def _v2_to_v3(data: Raw) -> Raw:
    data = {k: v for k, v in data.items() if k not in ("question_stats", "answers_chars")}
    data["schema_version"] = 3
    data["seq"] = 0
    return data


MIGRATIONS: dict[int, Callable[[Raw], Raw]] = {1: _v1_to_v2, 2: _v2_to_v3}


class FutureSchemaError(ValueError):
    """The file was written by a newer quizapp."""


def schema_version_of(data: Raw) -> int:
    version = data.get("schema_version", data.get("version"))
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError("missing or invalid schema_version")
    return version


def migrate(data: Raw) -> Raw:
    """Bring raw file data up to ``SCHEMA_VERSION``, one step at a time."""
    version = schema_version_of(data)
    if version > SCHEMA_VERSION:
        raise FutureSchemaError(
            f"schema version {version} is newer than this quizapp reads ({SCHEMA_VERSION})"
        )
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version = schema_version_of(data)
    return data
