"""What a practice exam set up from the form will be: length, time, the real draw.

The form's numbers are typed by hand: anything outside what can be run is
brought into range and the plan says what was changed and why, so the
preview never silently differs from the exam that starts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

from quizapp.core.bank.bank import Bank
from quizapp.core.sessions.blueprint import draw_exam
from quizapp.core.text import plural

MAX_MINUTES = 600


@dataclass(frozen=True)
class ExamPlan:
    questions: int
    minutes: int
    split: dict[str, int]
    """Questions per domain in outline order, as the draw takes them from this bank."""
    notes: list[str] = field(default_factory=list)
    """What was brought into range, and why."""

    @property
    def headline(self) -> str:
        return f"{plural(self.questions, 'question')} in {plural(self.minutes, 'minute')}"

    @property
    def split_text(self) -> str:
        return "  ".join(f"{code} {count}" for code, count in self.split.items())


def _number(raw: str, default: int, what: str, notes: list[str]) -> int:
    try:
        return int(raw.strip())
    except ValueError:
        notes.append(f"{raw.strip()!r} is not a whole number of {what}s: using {default}")
        return default


def plan_exam(
    bank: Bank,
    profile_id: str | None,
    questions_text: str,
    own_minutes_text: str | None = None,
    seen: Collection[str] = (),
) -> ExamPlan:
    """The exam of profile ``profile_id`` (None: a custom length typed in ``questions_text``).

    The time is the outline's (our assumption: minutes per question) unless the
    candidate sets their own (``own_minutes_text``).
    """
    outline = bank.outline
    profile = next((p for p in outline.profiles if p.id == profile_id), None)
    available = len(bank.questions)
    notes: list[str] = []
    if profile is not None:
        questions = profile.questions
    else:
        default = outline.profile.questions
        questions = _number(questions_text, default, "question", notes)
        if questions < 1:
            notes.append(f"an exam needs at least 1 question: using 1, not {questions}")
            questions = 1
    if questions > available:
        notes.append(
            f"the bank has {plural(available, 'question')}: using {available}, not {questions}"
        )
        questions = available
    if own_minutes_text is None:
        minutes = outline.minutes_for(questions)
    else:
        minutes = _number(own_minutes_text, outline.minutes_for(questions), "minute", notes)
        if minutes < 1:
            notes.append(f"the clock needs at least 1 minute: using 1, not {minutes}")
            minutes = 1
        elif minutes > MAX_MINUTES:
            notes.append(f"at most {MAX_MINUTES} minutes: using {MAX_MINUTES}, not {minutes}")
            minutes = MAX_MINUTES
    drawn = Counter(q.domain_code for q in draw_exam(bank, questions, 0, seen))
    split = {d.code: drawn.get(d.code, 0) for d in outline.domains}
    return ExamPlan(questions, minutes, split, notes)
