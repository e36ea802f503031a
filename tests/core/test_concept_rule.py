"""Concepts: an exam never draws two questions of one; validate reports a lone concept."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.core.bank.loader import bundled_bank_dir, load_bank
from quizapp.core.sessions.blueprint import draw_exam


def test_the_bundled_bank_pairs_the_server_side_rendering_questions() -> None:
    result = load_bank(bundled_bank_dir())
    assert result.bank is not None and not result.problems
    questions = result.bank.questions
    assert questions["h1-server-side-rendering-remote"].concept == "server-side-rendering"
    assert questions["g6-server-side-rendering-advanced-vis"].concept == "server-side-rendering"


@pytest.mark.parametrize("seed", range(20))
def test_no_exam_draws_two_questions_of_one_concept(concept_bank: Path, seed: int) -> None:
    result = load_bank(concept_bank)
    assert result.bank is not None and not result.problems
    drawn = draw_exam(result.bank, 30, seed)
    ids = [q.id for q in drawn]
    assert len(ids) == len(set(ids)) == 29
    assert len({"a1-q00", "b1-q00"} & set(ids)) == 1


def test_validate_reports_a_concept_named_once(concept_bank: Path) -> None:
    path = concept_bank / "questions" / "b1.yaml"
    path.write_text(path.read_text().replace("concept: shared-idea", "concept: shared-ideas"))
    result = load_bank(concept_bank)
    messages = [p.message for p in result.problems]
    assert any("concept 'shared-idea' is named by no other question" in m for m in messages)
    assert any("concept 'shared-ideas' is named by no other question" in m for m in messages)
    [lone] = [p for p in result.problems if "'shared-ideas'" in p.message]
    line = path.read_text().splitlines().index("  - id: b1-q00") + 1
    assert (Path(lone.file).name, lone.line) == ("b1.yaml", line)
    assert lone.message.endswith(
        "is named by no other question (a concept groups questions that would give each other away)"
    )


def test_a_concept_is_a_slug(concept_bank: Path) -> None:
    path = concept_bank / "questions" / "a1.yaml"
    path.write_text(path.read_text().replace("concept: shared-idea", "concept: Shared Idea"))
    messages = [p.message for p in load_bank(concept_bank).problems]
    assert any("concept 'Shared Idea' must use lowercase letters" in m for m in messages)


def test_a_concept_name_is_matched_whole() -> None:
    """A valid start is not enough: 'ssr!' or a trailing newline is not a concept name."""
    import pytest
    from pydantic import ValidationError

    from quizapp.core.bank.models import Choice, Question

    def question(concept: str) -> Question:
        return Question(
            id="a1-x",
            topic="A.1",
            stem="Which one?",
            choices=[Choice(text="This", correct=True), Choice(text="That"), Choice(text="Other")],
            difficulty=2,
            concept=concept,
        )

    assert question("server-side-rendering").concept == "server-side-rendering"
    for bad in ("ssr!", "ssr\n", "ssr x"):
        with pytest.raises(ValidationError, match="concept"):
            question(bad)
