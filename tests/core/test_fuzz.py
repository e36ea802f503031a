"""Random YAML and JSON never make an exception escape, other than the project's own."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.core.bank.loader import load_question_file
from quizapp.core.progress.store import PROGRESS_FILE, ProgressStore
from tests.conftest import FakeClock

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=30,
)

question_like = st.fixed_dictionaries(
    {},
    optional={
        "id": st.text(max_size=12) | st.integers(),
        "topic": st.sampled_from(["A.1", "Z.9", "x"]) | st.integers(),
        "stem": st.text(max_size=30) | st.none(),
        "choices": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "text": st.text(max_size=10),
                    "correct": st.booleans() | st.text(max_size=3),
                },
            ),
            max_size=6,
        ),
        "explanation": st.text(max_size=20),
        "references": st.lists(st.text(max_size=10), max_size=2) | st.text(max_size=5),
        "difficulty": st.integers(-2, 5) | st.text(max_size=3),
    },
)

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(text=st.text(max_size=200))
def test_random_text_as_yaml(tmp_path: Path, text: str) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(text, encoding="utf-8")
    loaded, problems = load_question_file(path)
    assert all(p.line >= 1 for p in problems)
    assert loaded or problems


@FUZZ
@given(items=st.lists(question_like | json_values, min_size=0, max_size=4))
def test_random_question_structures(tmp_path: Path, items: list[object]) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(json.dumps({"questions": items}), encoding="utf-8")  # JSON is YAML
    loaded, problems = load_question_file(path)
    assert len(loaded) + len(problems) >= 1
    for problem in problems:
        assert problem.file.endswith("q.yaml") and problem.line >= 1


@FUZZ
@given(value=json_values | st.binary(max_size=50))
def test_random_progress_files(tmp_path: Path, value: object) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir(exist_ok=True)
    for old in data_dir.iterdir():
        old.unlink()
    payload = value if isinstance(value, bytes) else json.dumps(value).encode()
    (data_dir / PROGRESS_FILE).write_bytes(payload)
    try:
        store = ProgressStore(data_dir, FakeClock())
    except Exception as exc:  # only the project's own error may escape
        from quizapp.core.errors import QuizappError

        assert isinstance(exc, QuizappError)
        assert (data_dir / PROGRESS_FILE).read_bytes() == payload
        return
    kept = [p.read_bytes() for p in data_dir.glob("progress.corrupt-*")]
    if store.notice:
        assert kept == [payload]
    else:
        assert (data_dir / PROGRESS_FILE).read_bytes() == payload
