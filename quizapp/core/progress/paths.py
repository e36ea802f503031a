"""Where quizapp keeps the candidate's data."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DATA_DIR_ENV = "QUIZAPP_DATA_DIR"


def resolve_data_dir(explicit: Path | None = None) -> Path:
    """``--data-dir`` wins, then ``$QUIZAPP_DATA_DIR``, then the platform user-data dir."""
    if explicit is not None:
        return explicit.expanduser()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_data_dir("quizapp", appauthor=False))
