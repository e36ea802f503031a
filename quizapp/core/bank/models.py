"""Pydantic models for the outline, the questions and the study guide.

These models are the single definition of the bank format: the loader
validates against them and the JSON Schema files editors use are exported
from them (``quizapp schema``).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

TOPIC_CODE = re.compile(r"^[A-Z]\.[0-9]+$")
QUESTION_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class _Strict(BaseModel):
    """Reject unknown keys so a typo in a field name is reported, not ignored."""

    # Built on first validation: a warm start unpickles the bank and never validates.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ExamProfile(_Strict):
    """One form of the real exam: its length and its scored/unscored split."""

    id: str
    name: str
    questions: Annotated[int, Field(gt=0)]
    minutes: Annotated[int, Field(gt=0)]
    scored: Annotated[int, Field(ge=0)]
    unscored: Annotated[int, Field(ge=0)]

    @model_validator(mode="after")
    def _counts_add_up(self) -> ExamProfile:
        if self.scored + self.unscored != self.questions:
            raise ValueError(
                f"scored ({self.scored}) + unscored ({self.unscored}) "
                f"must equal questions ({self.questions})"
            )
        return self


class PracticeExam(_Strict):
    """The default length of a practice exam (no pilot items in practice)."""

    questions: Annotated[int, Field(gt=0)]
    minutes: Annotated[int, Field(gt=0)]


class Topic(_Strict):
    """A topic of the outline, with the study-guide file that summarises it."""

    code: str
    name: str
    study_guide: str

    @field_validator("code")
    @classmethod
    def _code_shape(cls, value: str) -> str:
        if not TOPIC_CODE.match(value):
            raise ValueError(f"topic code {value!r} must look like 'F.3'")
        return value


class Domain(_Strict):
    """A domain of the outline; ``weight`` is its number of scored items."""

    code: Annotated[str, Field(pattern=r"^[A-Z]$")]
    name: str
    weight: Annotated[int, Field(gt=0)]
    topics: Annotated[list[Topic], Field(min_length=1)]

    @model_validator(mode="after")
    def _topics_belong(self) -> Domain:
        for topic in self.topics:
            if not topic.code.startswith(self.code + "."):
                raise ValueError(f"topic {topic.code} is listed under domain {self.code}")
        return self


class Outline(_Strict):
    """The exam profiles and the content outline, loaded from ``outline.yaml``."""

    profiles: Annotated[list[ExamProfile], Field(min_length=1)]
    default_profile: str
    practice_exam: PracticeExam
    domains: Annotated[list[Domain], Field(min_length=1)]

    @model_validator(mode="after")
    def _consistent(self) -> Outline:
        if self.default_profile not in {p.id for p in self.profiles}:
            raise ValueError(f"default_profile {self.default_profile!r} is not a profile id")
        seen: set[str] = set()
        for domain in self.domains:
            if domain.code in seen:
                raise ValueError(f"domain {domain.code} is listed twice")
            seen.add(domain.code)
            for topic in domain.topics:
                if topic.code in seen:
                    raise ValueError(f"topic {topic.code} is listed twice")
                seen.add(topic.code)
        return self

    @property
    def profile(self) -> ExamProfile:
        """The default exam profile."""
        return next(p for p in self.profiles if p.id == self.default_profile)

    @property
    def topics(self) -> dict[str, Topic]:
        """Every topic by code, in outline order."""
        return {t.code: t for d in self.domains for t in d.topics}

    @property
    def total_weight(self) -> int:
        return sum(d.weight for d in self.domains)

    def domain_of(self, topic_code: str) -> Domain:
        """The domain a topic belongs to."""
        return next(d for d in self.domains if any(t.code == topic_code for t in d.topics))


class Choice(_Strict):
    """One answer option; ``pinned`` keeps it in place when choices are shuffled."""

    text: Annotated[str, Field(min_length=1)]
    correct: bool = False
    pinned: bool = False


class Question(_Strict):
    """A single-best-answer question tagged with an outline topic."""

    id: str
    topic: str
    stem: Annotated[str, Field(min_length=1)]
    choices: Annotated[list[Choice], Field(min_length=3, max_length=5)]
    explanation: Annotated[str, Field(min_length=1)]
    references: Annotated[list[str], Field(min_length=1)]
    difficulty: Annotated[int, Field(ge=1, le=3)]
    kind: Literal["recall", "applied"] = "applied"
    tags: list[str] = Field(default_factory=list)
    concept: str | None = None
    """Questions that test the same idea share a concept (one would give the other away):
    a practice exam never draws two of them."""

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not QUESTION_ID.match(value):
            raise ValueError(f"id {value!r} must use lowercase letters, digits and '-'")
        return value

    @field_validator("concept")
    @classmethod
    def _concept_shape(cls, value: str | None) -> str | None:
        if value is not None and not QUESTION_ID.match(value):
            raise ValueError(f"concept {value!r} must use lowercase letters, digits and '-'")
        return value

    @field_validator("topic")
    @classmethod
    def _topic_shape(cls, value: str) -> str:
        if not TOPIC_CODE.match(value):
            raise ValueError(f"topic {value!r} must be an outline code such as 'F.3'")
        return value

    @model_validator(mode="after")
    def _one_correct_no_duplicates(self) -> Question:
        correct = sum(c.correct for c in self.choices)
        if correct != 1:
            raise ValueError(f"exactly one choice must be correct, found {correct}")
        texts = [" ".join(c.text.lower().split()) for c in self.choices]
        duplicates = sorted({t for t in texts if texts.count(t) > 1})
        if duplicates:
            raise ValueError(f"duplicate choice text: {duplicates[0]!r}")
        return self

    @property
    def correct_index(self) -> int:
        """Index of the correct choice as written in the file."""
        return next(i for i, c in enumerate(self.choices) if c.correct)

    @property
    def domain_code(self) -> str:
        return self.topic.split(".", 1)[0]


class QuestionFile(_Strict):
    """The top level of a ``questions/*.yaml`` file."""

    questions: Annotated[list[Question], Field(min_length=1)]


class StudyGuide(BaseModel):
    """A parsed study-guide summary: its title and its sections, in order."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    topic: str
    file: str
    title: str
    markdown: str
    sections: list[str]
