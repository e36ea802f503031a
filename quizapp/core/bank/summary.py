"""What the statistics need from the bank, in plain data: the outline and each question's topic.

Scores, weak topics, readiness and the home screen never look at question text;
taking this summary (``Bank.summary``) instead of the bank keeps them small and
easy to test with a hand-made outline.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TopicInfo:
    code: str
    name: str


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
