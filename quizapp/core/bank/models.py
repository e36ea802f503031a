"""Pydantic models for the outline, the questions and the study guide.

These models are the single definition of the bank format: the loader
validates against them and the JSON Schema files editors use are exported
from them (``quizapp schema``).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    field_validator,
    model_validator,
)

from quizapp.core.bank.summary import topic_heading, topic_label
from quizapp.core.controls import check_text, comparable

TOPIC_CODE = re.compile(r"[A-Z]\.[0-9]+")
QUESTION_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
"""Both matched whole (``fullmatch``): a trailing newline is not part of an id."""


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


Text = Annotated[StrictStr, AfterValidator(check_text)]
"""Text from a bank file: a YAML string (not a number, not !!binary), no control characters."""
Prose = Annotated[StrictStr, AfterValidator(check_text), AfterValidator(_not_blank)]
"""Text a candidate reads: as ``Text``, and not empty or only spaces."""


def _relative_file(value: str) -> str:
    path = PurePosixPath(value)
    if path.is_absolute() or "\\" in value or ".." in path.parts or not path.parts:
        raise ValueError(f"{value!r} must be a file name inside the bank's study_guide/ folder")
    return value


class _Strict(BaseModel):
    """Reject unknown keys so a typo in a field name is reported, not ignored."""

    # Built on first validation: a warm start unpickles the bank and never validates.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# A date as precise as the source gives it: "2018", "2018-06" or "2018-06-15".
SourceDate = Annotated[str, Field(pattern=r"^[0-9]{4}(-[0-9]{2}){0,2}$")]
TopicKind = Literal["outline-task", "study-topic"]


class Source(_Strict):
    """A document a fact of the outline comes from, and what we take from it."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    title: Prose
    where: Prose
    date: SourceDate
    """When the source was issued, or when what it states took effect."""
    checked: SourceDate
    """When we last read it."""
    says: Prose
    """What we rely on, in our own words."""

    @property
    def citation(self) -> str:
        """One line naming the source and its date: "Title, where (date)"."""
        return f"{self.title}, {self.where} ({self.date})"


class ExamProfile(_Strict):
    """One form of the real exam: its length, its scored/unscored split if published, its source."""

    id: Text
    name: Prose
    questions: Annotated[StrictInt, Field(gt=0)]
    scored: Annotated[StrictInt, Field(ge=0)] | None = None
    """Scored items; absent when the source does not publish the split."""
    unscored: Annotated[StrictInt, Field(ge=0)] | None = None
    source: Text
    """The id of the source the length comes from."""
    note: Text = ""

    @model_validator(mode="after")
    def _counts_add_up(self) -> ExamProfile:
        if (self.scored is None) != (self.unscored is None):
            raise ValueError("give both scored and unscored, or neither (split not published)")
        split = (self.scored or 0) + (self.unscored or 0)
        if self.scored is not None and split != self.questions:
            raise ValueError(
                f"scored ({self.scored}) + unscored ({self.unscored}) "
                f"must equal questions ({self.questions})"
            )
        return self


class TimeLimit(_Strict):
    """The time a practice exam gets: published by the source, or our assumption."""

    minutes_per_question: Annotated[float, Field(gt=0)]
    basis: Literal["assumption", "published"]
    note: Prose
    source: Text | None = None
    """The source id, required when the limit is published."""

    @model_validator(mode="after")
    def _published_has_source(self) -> TimeLimit:
        if self.basis == "published" and not self.source:
            raise ValueError("a published time limit needs its source")
        if self.basis == "assumption" and self.source:
            raise ValueError("an assumed time limit has no source; say so in the note")
        return self


class Weights(_Strict):
    """What the domains' ``weight`` numbers are and where they come from."""

    meaning: Prose
    total: Annotated[StrictInt, Field(gt=0)]
    source: Text


class Topic(_Strict):
    """A topic of the outline, with the study-guide file that summarises it.

    ``kind`` says whose it is: an ``outline-task`` follows a task of the published
    outline (``task`` names it as the outline does); a ``study-topic`` is our own
    study taxonomy and its code is ours, never an ABII task number.
    """

    code: Text
    name: Prose
    study_guide: Annotated[Text, AfterValidator(_relative_file)]
    kind: TopicKind
    task: Text | None = None

    @field_validator("code")
    @classmethod
    def _code_shape(cls, value: str) -> str:
        if not TOPIC_CODE.fullmatch(value):
            raise ValueError(f"topic code {value!r} must look like 'F.3'")
        return value

    @model_validator(mode="after")
    def _task_matches_kind(self) -> Topic:
        if self.kind == "outline-task" and not self.task:
            raise ValueError(f"topic {self.code}: an outline-task topic names the task it follows")
        if self.kind == "study-topic" and self.task:
            raise ValueError(f"topic {self.code}: a study topic follows no outline task")
        return self

    @property
    def label(self) -> str:
        """'study topic: service management' or 'outline task: vendor selection'."""
        return topic_label(self.name, self.kind)


class Domain(_Strict):
    """A domain of the outline; ``weight`` is its number of scored items."""

    code: Annotated[Text, Field(pattern=r"^[A-Z]$")]
    name: Prose
    weight: Annotated[StrictInt, Field(gt=0)]
    topics: Annotated[list[Topic], Field(min_length=1)]

    @model_validator(mode="after")
    def _topics_belong(self) -> Domain:
        for topic in self.topics:
            if not topic.code.startswith(self.code + "."):
                raise ValueError(f"topic {topic.code} is listed under domain {self.code}")
        return self


class Outline(_Strict):
    """The sources, exam profiles, time limit and content outline, from ``outline.yaml``."""

    sources: Annotated[list[Source], Field(min_length=1)]
    profiles: Annotated[list[ExamProfile], Field(min_length=1)]
    default_profile: Text
    time_limit: TimeLimit
    weights: Weights
    domains: Annotated[list[Domain], Field(min_length=1)]

    @model_validator(mode="after")
    def _consistent(self) -> Outline:
        source_ids = [s.id for s in self.sources]
        profile_ids = [p.id for p in self.profiles]
        for kind, ids in (("source", source_ids), ("profile", profile_ids)):
            twice = sorted({i for i in ids if ids.count(i) > 1})
            if twice:
                raise ValueError(f"{kind} {twice[0]!r} is listed twice")
        if self.default_profile not in profile_ids:
            raise ValueError(f"default_profile {self.default_profile!r} is not a profile id")
        cited = [(f"profile {p.id!r}", p.source) for p in self.profiles]
        cited.append(("weights", self.weights.source))
        if self.time_limit.source:
            cited.append(("time_limit", self.time_limit.source))
        for who, source in cited:
            if source not in source_ids:
                raise ValueError(f"{who} cites source {source!r}, which is not in sources")
        weight_sum = sum(d.weight for d in self.domains)
        if weight_sum != self.weights.total:
            raise ValueError(
                f"domain weights add up to {weight_sum}, not weights.total ({self.weights.total})"
            )
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

    def source(self, source_id: str) -> Source:
        """A source by id (every id the outline cites exists; the model checks it)."""
        return next(s for s in self.sources if s.id == source_id)

    def minutes_for(self, questions: int) -> int:
        """The time limit for an exam of ``questions`` questions, at least one minute."""
        return max(1, round(questions * self.time_limit.minutes_per_question))

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

    def topic_heading(self, topic_code: str) -> str:
        """'C Operations · study topic: service management': never our code as ABII's."""
        domain = self.domain_of(topic_code)
        return topic_heading(domain.code, domain.name, self.topics[topic_code].label)


class Choice(_Strict):
    """One answer option; ``pinned`` keeps it in place when choices are shuffled."""

    text: Prose
    correct: StrictBool = False
    pinned: StrictBool = False


LintRule = Literal[
    "longest-key",
    "hedged-key",
    "stem-echo",
    "same-distractors",
    "article-cue",
    "number-cue",
    "all-none-above",
    "negative-stem",
    "convergence",
]
"""The item-writing checks of ``quizapp validate --lint`` (see ``core/bank/lint.py``)."""


class LintWaiver(_Strict):
    """A lint flag kept on purpose, with the reason a reviewer can judge."""

    rule: LintRule
    reason: Annotated[Prose, Field(min_length=20)]


class Question(_Strict):
    """A single-best-answer question tagged with an outline topic.

    This is what any bank may hold. A user bank (``--bank DIR``, or what
    ``quizapp import`` writes) may leave out the explanation and the references;
    the bundled bank may not (``BundledQuestion``).
    """

    id: Text
    topic: Text
    stem: Prose
    choices: Annotated[list[Choice], Field(min_length=3, max_length=5)]
    explanation: Text = ""
    references: list[Prose] = Field(default_factory=list)
    difficulty: Annotated[StrictInt, Field(ge=1, le=3)]
    kind: Literal["recall", "applied"] = "applied"
    tags: list[Text] = Field(default_factory=list)
    lint_waivers: list[LintWaiver] = Field(default_factory=list)
    concept: Text | None = None
    """Questions that test the same idea share a concept (one would give the other away):
    a practice exam never draws two of them."""

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not QUESTION_ID.fullmatch(value):
            raise ValueError(f"id {value!r} must use lowercase letters, digits and '-'")
        return value

    @field_validator("concept")
    @classmethod
    def _concept_shape(cls, value: str | None) -> str | None:
        if value is not None and not QUESTION_ID.fullmatch(value):
            raise ValueError(f"concept {value!r} must use lowercase letters, digits and '-'")
        return value

    @field_validator("topic")
    @classmethod
    def _topic_shape(cls, value: str) -> str:
        if not TOPIC_CODE.fullmatch(value):
            raise ValueError(f"topic {value!r} must be an outline code such as 'F.3'")
        return value

    @model_validator(mode="after")
    def _one_correct_no_duplicates(self) -> Question:
        correct = sum(c.correct for c in self.choices)
        if correct != 1:
            raise ValueError(f"exactly one choice must be correct, found {correct}")
        # Compared as a reader sees them: NBSP, zero-width and fullwidth tricks do not count.
        texts = [comparable(c.text) for c in self.choices]
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


class BundledQuestion(Question):
    """A question of the bundled bank: it explains its answer and cites its sources."""

    explanation: Prose
    references: Annotated[list[Prose], Field(min_length=1)]


class QuestionFile(_Strict):
    """The top level of a user bank's question file."""

    questions: Annotated[list[Question], Field(min_length=1)]


class BundledQuestionFile(_Strict):
    """The top level of a ``questions/*.yaml`` file of the bundled bank."""

    questions: Annotated[list[BundledQuestion], Field(min_length=1)]


class StudyGuide(BaseModel):
    """A parsed study-guide summary: its title and its sections, in order."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    topic: str
    file: str
    title: str
    markdown: str
    sections: list[str]
