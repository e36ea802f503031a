"""import(export(x)) gives back x: the whole bundled bank through GIFT and CSV, random
questions through every format, and what each format cannot carry.

GIFT carries everything but the id (ids are generated on import) and ``pinned``;
CSV also leaves out kind and tags; Aiken carries only the stem and choices on one
line each and the answer. Text is compared without surrounding whitespace.
"""

from __future__ import annotations

import functools
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from quizapp.core.bank.bank import Bank
from quizapp.core.bank.interchange.aiken import parse_aiken
from quizapp.core.bank.interchange.convert import Converted, clean_text, convert, topic_lookup
from quizapp.core.bank.interchange.csv_format import parse_csv
from quizapp.core.bank.interchange.exporter import export_questions, select_questions
from quizapp.core.bank.interchange.gift import parse_gift
from quizapp.core.bank.interchange.ids import question_key, topic_prefix
from quizapp.core.bank.interchange.importer import import_questions
from quizapp.core.bank.interchange.source import decode
from quizapp.core.bank.interchange.writer import add_questions, open_user_bank
from quizapp.core.bank.layout import bundled_bank_dir
from quizapp.core.bank.loader import load_bank, load_question_file, question_files
from quizapp.core.bank.models import Choice, Question
from quizapp.core.controls import comparable

PARSERS = {
    "gift": lambda text: parse_gift(text, "x.gift"),
    "csv": lambda text: parse_csv(text, "x.csv"),
    "aiken": lambda text: parse_aiken(text, "x.txt"),
}


@functools.cache
def bundled() -> Bank:
    result = load_bank()
    assert result.bank is not None and not result.problems
    return result.bank


@pytest.fixture
def bank() -> Bank:
    return bundled()


def content(question: Question, fmt: str) -> tuple[object, ...]:
    """What a format promises to carry of a question."""
    if fmt == "aiken":
        return (
            " ".join(question.stem.split()),
            [" ".join(c.text.split()) for c in question.choices],
            question.correct_index,
        )
    carried: tuple[object, ...] = (
        question.stem.strip(),
        [c.text.strip() for c in question.choices],
        question.correct_index,
        question.topic,
        question.explanation.strip(),
        list(question.references),
        question.difficulty,
    )
    return (*carried, question.kind, list(question.tags)) if fmt == "gift" else carried


@pytest.mark.parametrize("fmt", ["gift", "csv"])
def test_the_whole_bundled_bank_survives_a_round_trip(fmt: str, bank: Bank, tmp_path: Path) -> None:
    questions = select_questions(bank)
    exported = tmp_path / f"bank.{fmt}"
    exported.write_text(export_questions(bank, fmt, questions), encoding="utf-8")
    out = tmp_path / "user"
    report = import_questions(exported, fmt, out, bank)
    assert len(report.added) == len(questions) == len(bank.questions)
    assert report.left_out == report.skipped == report.already == report.conflicts == []

    loaded = load_bank(bundled_bank_dir(), [out])  # as `quizapp --bank DIR` reads it
    assert loaded.problems == [] and loaded.bank is not None
    back = [loaded.bank.questions[q.id] for q in report.added]
    assert [content(q, fmt) for q in back] == [content(q, fmt) for q in questions]

    # and the imported bank exports to the same text (ids aside)
    again = export_questions(loaded.bank, fmt, back)
    first = export_questions(bank, fmt, questions)
    if fmt == "gift":
        ids = re.compile(r"^// \[id:[^\]]*\]|^::[^:]*::", re.MULTILINE)
        again, first = ids.sub("", again), ids.sub("", first)
    assert again == first


def test_aiken_carries_stems_choices_and_answers(bank: Bank, tmp_path: Path) -> None:
    questions = bank.questions_in_topic("F.2")
    exported = tmp_path / "f2.txt"
    exported.write_text(export_questions(bank, "aiken", questions), encoding="utf-8")
    report = import_questions(exported, "aiken", tmp_path / "user", bank, topic="F.2")
    assert [content(q, "aiken") for q in report.added] == [content(q, "aiken") for q in questions]
    assert {q.difficulty for q in report.added} == {2}


# --- random questions ---

LINE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))
    | st.sampled_from(list("~=#{}:\\[]%|\"';,-*_ ")),
    min_size=1,
    max_size=30,
)
PROSE = st.lists(LINE_TEXT, min_size=1, max_size=3).map("\n".join)


def _tag(text: str) -> str:
    return re.sub(r"[^a-z0-9-]", "", text.lower())[:12]


@st.composite
def questions(draw: st.DrawFn, fmt: str) -> Question:
    single = fmt == "aiken"
    stem = clean_text(draw(LINE_TEXT if single else PROSE))
    texts = [clean_text(t) for t in draw(st.lists(LINE_TEXT, min_size=3, max_size=5))]
    folded = [comparable(t) for t in texts]  # as the model compares them
    assume(stem and all(texts) and len(set(folded)) == len(folded))
    correct = draw(st.integers(0, len(texts) - 1))
    explanation = clean_text(draw(st.just("") | PROSE))
    references = [" ".join(r.split()) for r in draw(st.lists(LINE_TEXT, max_size=3))]
    references = [r.replace("|", "/") for r in references if r.strip()]
    assume("references:" not in explanation.casefold())
    tags = [t for t in {_tag(t) for t in draw(st.lists(LINE_TEXT, max_size=3))} if t]
    assume(not any(t.startswith(("difficulty-", "kind-")) for t in tags))
    return Question(
        id="f2-random",
        topic=draw(st.sampled_from(["A.1", "F.2", "J.8"])),
        stem=stem,
        choices=[Choice(text=t, correct=i == correct) for i, t in enumerate(texts)],
        explanation=explanation,
        references=references,
        difficulty=draw(st.integers(1, 3)),
        kind=draw(st.sampled_from(["recall", "applied"])),
        tags=sorted(tags),
    )


ROUND_TRIP = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.parametrize("fmt", ["gift", "csv", "aiken"])
@ROUND_TRIP
@given(data=st.data())
def test_random_questions_survive_a_round_trip(fmt: str, data: st.DataObject) -> None:
    bank = bundled()
    originals = data.draw(st.lists(questions(fmt), min_size=1, max_size=3))
    text = decode(export_questions(bank, fmt, originals).encode("utf-8"), "x")
    parsed = PARSERS[fmt](text)
    assert parsed.problems == [] and parsed.skipped == []
    lookup = topic_lookup(bank.outline)
    back = [convert(d, "x", lookup, "F.2" if fmt == "aiken" else None) for d in parsed.drafts]
    assert all(isinstance(b, Converted) for b in back), back
    got = [content(b.question, fmt) for b in back if isinstance(b, Converted)]
    assert got == [content(q, fmt) for q in originals]


@ROUND_TRIP
@given(originals=st.lists(questions("gift"), min_size=1, max_size=4))
def test_random_questions_are_written_as_yaml_the_loader_reads_back(
    originals: list[Question],
) -> None:
    keys = [question_key(q) for q in originals]
    assume(len(set(keys)) == len(keys))
    placed = [
        q.model_copy(update={"id": f"{topic_prefix(q.topic)}-q{n}"})
        for n, q in enumerate(originals)
    ]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "mine"
        add_questions(open_user_bank(root), bundled().outline, placed)
        read: dict[str, Question] = {}
        for path in question_files(root):  # what `--bank` reads, file by file
            loaded, problems = load_question_file(path, user_bank=True)
            assert problems == []
            read.update((item.question.id, item.question) for item in loaded)
        back = [read[q.id] for q in placed]
    assert [content(q, "gift") for q in back] == [content(q, "gift") for q in placed]
