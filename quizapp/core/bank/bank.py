"""The loaded question bank: outline, questions, study guides and where each came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from quizapp.core.bank.models import Domain, Outline, Question, StudyGuide, Topic
from quizapp.core.bank.summary import BankSummary, DomainInfo, TopicInfo


@dataclass(frozen=True)
class SourceRef:
    """Where a question was written: its file and the line of its first key."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Bank:
    """Everything the app knows about the exam content, validated and cross-checked."""

    outline: Outline
    questions: dict[str, Question] = field(default_factory=dict)
    sources: dict[str, SourceRef] = field(default_factory=dict)
    study_guides: dict[str, StudyGuide] = field(default_factory=dict)

    def topic(self, code: str) -> Topic:
        return self.outline.topics[code]

    def topic_heading(self, code: str) -> str:
        """'C Operations · study topic: service management' (see ``Outline.topic_heading``)."""
        return self.outline.topic_heading(code)

    def domain(self, code: str) -> Domain:
        return next(d for d in self.outline.domains if d.code == code)

    def questions_in_topic(self, code: str) -> list[Question]:
        return [q for q in self.questions.values() if q.topic == code]

    def questions_in_domain(self, code: str) -> list[Question]:
        return [q for q in self.questions.values() if q.domain_code == code]

    def study_guide_for(self, question: Question) -> StudyGuide | None:
        """The study-guide summary of a question's topic, if the bank has one."""
        return self.study_guides.get(question.topic)

    def summary(self) -> BankSummary:
        """The outline and each question's topic as plain data (what statistics need)."""
        outline = self.outline
        domains = tuple(
            DomainInfo(
                d.code,
                d.name,
                d.weight,
                tuple(TopicInfo(t.code, t.name, outline.topic_heading(t.code)) for t in d.topics),
            )
            for d in outline.domains
        )
        return BankSummary(domains, {qid: q.topic for qid, q in self.questions.items()})
