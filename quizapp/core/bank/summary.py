"""What the statistics need from the bank, in plain data: the outline and each question's topic.

Scores, weak topics, readiness and the home screen never look at question text;
taking this summary (``Bank.summary``) instead of the bank keeps them small and
easy to test with a hand-made outline.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

KIND_NAMES = {"outline-task": "outline task", "study-topic": "study topic"}


def _lower_first(name: str) -> str:
    """'Service management' -> 'service management'; 'DICOM services' stays as it is."""
    first, _, rest = name.partition(" ")
    if len(first) > 1 and first[1:].islower() and first[0].isupper():
        first = first[0].lower() + first[1:]
    return f"{first} {rest}" if rest else first


def topic_label(name: str, kind: str) -> str:
    """'study topic: service management': the topic's name with whose topic it is.

    Our topic codes are never shown as if they were ABII task numbers; the label
    says whether a topic follows a task of the published outline or is our own.
    """
    return f"{KIND_NAMES.get(kind, kind)}: {_lower_first(name)}"


def topic_heading(domain_code: str, domain_name: str, label: str) -> str:
    """'C Operations · study topic: service management'."""
    return f"{domain_code} {domain_name} · {label}"


@dataclass(frozen=True, slots=True)
class TopicInfo:
    code: str
    name: str
    heading: str = ""
    """The topic as the UI names it: domain, then 'study topic: ...' or 'outline task: ...'."""


@dataclass(frozen=True, slots=True)
class DomainInfo:
    code: str
    name: str
    weight: int
    """Scored items of the real exam in this domain."""
    topics: tuple[TopicInfo, ...]


@dataclass(frozen=True)
class BankSummary:
    """The outline's domains and topics, and the topic of every question in the bank."""

    domains: tuple[DomainInfo, ...]
    topic_of: Mapping[str, str]
    """Question id -> topic code, for every question in the bank."""

    @property
    def topics(self) -> dict[str, TopicInfo]:
        """Every topic by code, in outline order."""
        return {t.code: t for d in self.domains for t in d.topics}

    @property
    def total_weight(self) -> int:
        return sum(d.weight for d in self.domains)

    @property
    def question_count(self) -> int:
        return len(self.topic_of)

    def questions_per_domain(self) -> dict[str, int]:
        """How many questions the bank has in each domain (0 for an empty one)."""
        counts = {d.code: 0 for d in self.domains}
        for topic in self.topic_of.values():
            domain = domain_of_topic(topic)
            if domain in counts:
                counts[domain] += 1
        return counts


def domain_of_topic(topic_code: str) -> str:
    """'F.3' -> 'F': a topic code starts with its domain's letter."""
    return topic_code.split(".", 1)[0]
