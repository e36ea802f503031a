"""The core must stay free of Textual and Rich so it is testable and reusable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import quizapp.core

CORE = Path(quizapp.core.__file__).parent


def test_no_core_module_imports_textual_or_rich() -> None:
    modules = sorted(
        "quizapp.core." + ".".join(p.relative_to(CORE).with_suffix("").parts)
        for p in CORE.rglob("*.py")
        if p.stem != "__init__"
    )
    assert len(modules) > 5
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'rich'})\n"
        + "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
