"""The drill picker's ticks: a domain ticks its topics, "all" ticks every topic."""

from __future__ import annotations

from quizapp.core.bank.summary import BankSummary, DomainInfo, TopicInfo
from quizapp.core.sessions.topic_picker import ALL, chosen_topics, picker_lines, toggle

SUMMARY = BankSummary(
    (
        DomainInfo("A", "Alpha", 2, (TopicInfo("A.1", "One"), TopicInfo("A.2", "Two"))),
        DomainInfo("B", "Beta", 3, (TopicInfo("B.1", "Three"),)),
    ),
    {},
)


def test_a_domain_ticks_and_unticks_its_topics() -> None:
    ticked = toggle(SUMMARY, set(), "domain:A")
    assert ticked == {"domain:A", "A.1", "A.2"}
    assert toggle(SUMMARY, ticked, "domain:A") == set()


def test_a_domain_is_ticked_exactly_when_all_its_topics_are() -> None:
    assert toggle(SUMMARY, {"A.1"}, "A.2") == {"A.1", "A.2", "domain:A"}
    assert toggle(SUMMARY, {"domain:A", "A.1", "A.2"}, "A.1") == {"A.2"}


def test_all_ticks_every_topic_and_every_domain() -> None:
    everything = toggle(SUMMARY, set(), ALL)
    assert everything == {ALL, "domain:A", "domain:B", "A.1", "A.2", "B.1"}
    assert chosen_topics(everything) == {"A.1", "A.2", "B.1"}
    assert toggle(SUMMARY, everything, "B.1") == {"domain:A", "A.1", "A.2"}
    assert toggle(SUMMARY, everything, ALL) == set()


def test_preselected_topics_show_their_domain() -> None:
    assert picker_lines(SUMMARY, {"B.1"}) == {"B.1", "domain:B"}
