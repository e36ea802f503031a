"""What the topic-drill picker ticks: every domain, a domain's topics, single topics.

The picker shows one line for all domains, one per domain and one per topic.
Ticking a line ticks everything under it; a domain (and the "all" line) is
ticked exactly when every topic under it is, so what the screen shows always
says which topics the drill will draw from.
"""

from __future__ import annotations

from collections.abc import Collection

from quizapp.core.bank.summary import BankSummary

ALL = "all"
DOMAIN_PREFIX = "domain:"


def domain_value(code: str) -> str:
    return DOMAIN_PREFIX + code


def _topics_under(summary: BankSummary, value: str) -> set[str]:
    if value == ALL:
        return set(summary.topics)
    if value.startswith(DOMAIN_PREFIX):
        code = value.removeprefix(DOMAIN_PREFIX)
        return {t.code for d in summary.domains if d.code == code for t in d.topics}
    return {value} if value in summary.topics else set()


def chosen_topics(selected: Collection[str]) -> set[str]:
    """The topic codes among the ticked lines (domains and "all" are only shorthands)."""
    return {v for v in selected if v != ALL and not v.startswith(DOMAIN_PREFIX)}


def picker_lines(summary: BankSummary, topics: Collection[str]) -> set[str]:
    """Every line that shows ticked when exactly ``topics`` are chosen."""
    chosen = set(topics) & set(summary.topics)
    lines = set(chosen)
    for domain in summary.domains:
        if domain.topics and all(t.code in chosen for t in domain.topics):
            lines.add(domain_value(domain.code))
    if summary.topics and chosen == set(summary.topics):
        lines.add(ALL)
    return lines


def toggle(summary: BankSummary, selected: Collection[str], value: str) -> set[str]:
    """The ticked lines after the candidate toggles ``value`` (with ``selected`` before it)."""
    topics = chosen_topics(selected)
    under = _topics_under(summary, value)
    topics = topics - under if value in selected else topics | under
    return picker_lines(summary, topics)
