"""Shared fixtures: a small bank on disk, a fake clock, a temp data dir."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

# The same examples on every run: a failure found once is found again, never by luck.
settings.register_profile("deterministic", derandomize=True, database=None)
settings.load_profile("deterministic")

if TYPE_CHECKING:
    from quizapp.core.bank.bank import Bank
    from quizapp.core.progress.exam_records import ExamRecord, ExamState

MINI_OUTLINE = """\
sources:
  - id: mini-board
    title: Mini board, exam page
    where: example.org
    date: "2024-03"
    checked: "2026-12"
    says: Six questions, five scored and one pilot.
profiles:
  - id: mini
    name: "mini: 5 questions"
    questions: 5
    source: mini-board
  - id: mini-split
    name: "mini split: 6 questions (5 scored + 1 pilot)"
    questions: 6
    scored: 5
    unscored: 1
    source: mini-board
default_profile: mini
time_limit:
  minutes_per_question: 1
  basis: assumption
  note: The board publishes no time limit; one minute per question is our assumption.
weights:
  meaning: scored items per domain
  total: 5
  source: mini-board
domains:
  - code: A
    name: Alpha
    weight: 2
    topics:
      - {code: A.1, name: First topic, study_guide: a1.md, kind: outline-task, task: A.1 First}
      - {code: A.2, name: Second topic, study_guide: a2.md, kind: study-topic}
  - code: B
    name: Beta
    weight: 3
    topics:
      - {code: B.1, name: Third topic, study_guide: b1.md, kind: study-topic}
"""


def outline_line(fragment: str) -> int:
    """The 1-based line of MINI_OUTLINE holding ``fragment`` (for file:line assertions)."""
    return next(i for i, line in enumerate(MINI_OUTLINE.splitlines(), 1) if fragment in line)


def question_yaml(qid: str, topic: str = "A.1", correct: int = 0, n: int = 4) -> str:
    """One valid question as YAML list item text."""
    choices = "\n".join(
        f"      - text: Option {i} of {qid}" + ("\n        correct: true" if i == correct else "")
        for i in range(n)
    )
    return (
        f"  - id: {qid}\n"
        f"    topic: {topic}\n"
        f"    difficulty: 2\n"
        f"    stem: What is the answer to {qid}?\n"
        f"    choices:\n{choices}\n"
        f"    explanation: Because option {correct} is right and the others are wrong.\n"
        f"    references: [DICOM PS3.4]\n"
    )


def write_questions(path: Path, *items: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("questions:\n" + "".join(items), encoding="utf-8")
    return path


@pytest.fixture
def mini_bank(tmp_path: Path) -> Path:
    """A valid three-topic bank with two questions per topic."""
    root = tmp_path / "bank"
    (root / "study_guide").mkdir(parents=True)
    (root / "outline.yaml").write_text(MINI_OUTLINE, encoding="utf-8")
    for name, title in [
        ("a1", "A.1 First topic"),
        ("a2", "A.2 Second topic"),
        ("b1", "B.1 Third topic"),
    ]:
        (root / "study_guide" / f"{name}.md").write_text(
            textwrap.dedent(f"""\
                # {title}

                ## What the exam covers
                Things about {name}.

                ## Key facts and terms
                - fact one
                """),
            encoding="utf-8",
        )
    write_questions(
        root / "questions" / "a.yaml",
        question_yaml("a1-one", "A.1", 0),
        question_yaml("a1-two", "A.1", 1),
        question_yaml("a2-one", "A.2", 2),
        question_yaml("a2-two", "A.2", 3),
    )
    write_questions(
        root / "questions" / "b.yaml",
        question_yaml("b1-one", "B.1", 0),
        question_yaml("b1-two", "B.1", 1),
    )
    return root


LONG_STEM = (
    "A radiology department replaces its logging\n"
    "library. The service engineer reports that after the upgrade the archive keeps\n"
    "rejecting studies from one modality. What should the team check first ({qid})?"
)
LONG_EXPLANATION = (
    "The archive rejects the studies because the\n"
    "called AE title changed with the upgrade, and any\n"
    "resale\n"
    "value of the array is irrelevant.\n"
    "\n"
    "Check these in order:\n"
    "- the AE title and port\n"
    "  configured on the modality\n"
    "- the archive's list of known peers\n"
)


def long_question_yaml(qid: str, topic: str, correct: int, concept: str | None = None) -> str:
    """A question with the hard line breaks and long text of the real bank."""
    stem = LONG_STEM.format(qid=qid).replace("\n", "\n      ")
    explanation = LONG_EXPLANATION.rstrip("\n").replace("\n", "\n      ")
    choices = "\n".join(
        f"      - text: Option {i} of {qid}, a choice long enough to wrap on a narrow terminal "
        f"because it keeps going with more detail about the configuration"
        + ("\n        correct: true" if i == correct else "")
        for i in range(4)
    )
    return (
        f"  - id: {qid}\n"
        f"    topic: {topic}\n"
        f"    difficulty: 2\n"
        + (f"    concept: {concept}\n" if concept else "")
        + f"    stem: |\n      {stem}\n"
        f"    choices:\n{choices}\n"
        f"    explanation: |\n      {explanation}\n"
        f"    references: [DICOM PS3.4, IHE RAD TF-2]\n"
    )


@pytest.fixture
def long_bank(mini_bank: Path) -> Path:
    """The mini outline with 30 questions of real length (hard-wrapped YAML text)."""
    (mini_bank / "questions" / "a.yaml").unlink()
    (mini_bank / "questions" / "b.yaml").unlink()
    for topic, name in [("A.1", "a1"), ("A.2", "a2"), ("B.1", "b1")]:
        items = []
        for n in range(10):
            qid = f"{name}-q{n:02d}"
            items.append(long_question_yaml(qid, topic, n % 4))
        write_questions(mini_bank / "questions" / f"{name}.yaml", *items)
    return mini_bank


@pytest.fixture
def concept_bank(long_bank: Path) -> Path:
    """The long bank with a1-q00 (domain A) and b1-q00 (domain B) testing one idea."""
    for name, qid in (("a1", "a1-q00"), ("b1", "b1-q00")):
        path = long_bank / "questions" / f"{name}.yaml"
        text = path.read_text(encoding="utf-8")
        text = text.replace(f"  - id: {qid}\n", f"  - id: {qid}\n    concept: shared-idea\n")
        path.write_text(text, encoding="utf-8")
    return long_bank


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 24, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temporary data dir; QUIZAPP_DATA_DIR points at it so nothing touches the real one."""
    path = tmp_path / "data"
    monkeypatch.setenv("QUIZAPP_DATA_DIR", str(path))
    yield path


def answers_on_disk(data_dir: Path) -> list[dict[str, object]]:
    """Every answer stored on disk: the snapshot's, then the journal's (each line must parse)."""
    import json

    from quizapp.core.progress.journal import JOURNAL_FILE
    from quizapp.core.progress.store import PROGRESS_FILE

    answers: list[dict[str, object]] = []
    snapshot = data_dir / PROGRESS_FILE
    if snapshot.exists():
        answers.extend(json.loads(snapshot.read_text())["answers"])
    journal = data_dir / JOURNAL_FILE
    if journal.exists():
        complete = journal.read_bytes().rpartition(b"\n")[0]
        for line in complete.split(b"\n"):
            if not line.strip():
                continue
            event = json.loads(line)
            if "answer" in event:
                answers.append(event["answer"])
            elif event.get("event") == "submit":  # a finished exam: one answer per question
                record = event["record"]
                answers.extend(
                    {"id": f"{record['id']}-{n}", "question_id": qid}
                    for n, qid in enumerate(record["question_ids"])
                )
    seen: set[object] = set()
    unique = []
    for answer in answers:
        if answer["id"] not in seen:
            seen.add(answer["id"])
            unique.append(answer)
    return unique


def modules_imported_by(code: str, names: Sequence[str]) -> list[str]:
    """Run ``code`` in a fresh interpreter; which of the modules ``names`` it imported."""
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {tuple(names)!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return result.stdout.split()


def finished_exam(clock: FakeClock, n: int, correct: int, questions: int = 4) -> ExamRecord:
    """The n-th finished exam of four mini-bank questions, ``n`` days after the clock's now."""
    from quizapp.core.progress.exam_records import ExamRecord

    finished = clock() + timedelta(days=n)
    return ExamRecord(
        id=f"exam-{n}",
        started_at=finished - timedelta(minutes=10),
        finished_at=finished,
        questions=questions,
        correct=correct,
        time_limit_seconds=600,
        time_used_seconds=600,
        by_domain={},
        question_ids=["a1-one", "a1-two", "a2-one", "b1-one"][:questions],
        chosen=[0] * questions,
        correct_positions=list(range(correct)),
    )


def exam_in_progress(clock: FakeClock) -> ExamState:
    """A one-question exam just started, as the store keeps it for resuming."""
    from quizapp.core.progress.exam_records import ExamState

    return ExamState(
        id="open",
        started_at=clock(),
        time_limit_seconds=600,
        question_ids=["a1-one"],
        orders=[[0, 1, 2, 3]],
    )


def make_bank(per_topic: dict[str, int], weights: dict[str, int]) -> Bank:
    """Domains with the given weights; topics ``X.n`` with the given number of questions."""
    from quizapp.core.bank.bank import Bank
    from quizapp.core.bank.models import Choice, Domain, Outline, Question, Topic

    domains = []
    for code, weight in weights.items():
        topics = [
            Topic(code=topic, name=f"Topic {topic}", study_guide=f"{topic}.md", kind="study-topic")
            for topic in per_topic
            if topic.startswith(code + ".")
        ]
        domains.append(Domain(code=code, name=f"Domain {code}", weight=weight, topics=topics))
    outline = Outline.model_validate(
        {
            "sources": [
                {
                    "id": "s",
                    "title": "A source",
                    "where": "example.org",
                    "date": "2026",
                    "checked": "2026",
                    "says": "What the test outline needs.",
                }
            ],
            "profiles": [{"id": "p", "name": "P", "questions": 2, "source": "s"}],
            "default_profile": "p",
            "time_limit": {
                "minutes_per_question": 1,
                "basis": "assumption",
                "note": "One minute per question.",
            },
            "weights": {"meaning": "scored items", "total": sum(weights.values()), "source": "s"},
            "domains": domains,
        }
    )
    bank = Bank(outline=outline)
    for topic, count in per_topic.items():
        for n in range(count):
            qid = f"{topic.replace('.', '').lower()}-q{n}"
            bank.questions[qid] = Question(
                id=qid,
                topic=topic,
                stem="s",
                explanation="e",
                references=["r"],
                difficulty=1,
                choices=[Choice(text="a", correct=True), Choice(text="b"), Choice(text="c")],
            )
    return bank
