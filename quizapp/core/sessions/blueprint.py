"""Draw a practice exam to the ABII blueprint: each domain by its weight, topics spread."""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping

from quizapp.core.bank.bank import Bank
from quizapp.core.bank.models import Outline, Question


def largest_remainder(weights: Mapping[str, float], total: int) -> dict[str, int]:
    """Split ``total`` in proportion to ``weights`` so the parts add up exactly.

    Each part gets the floor of its exact share; the seats left over go to the
    largest fractional remainders (ties broken by key order, so it is stable).
    """
    weight_sum = sum(weights.values())
    if total <= 0 or weight_sum <= 0:
        return {key: 0 for key in weights}
    exact = {key: total * w / weight_sum for key, w in weights.items()}
    parts = {key: int(share) for key, share in exact.items()}
    left = total - sum(parts.values())
    order = sorted(weights, key=lambda key: (-(exact[key] - parts[key]), list(weights).index(key)))
    for key in order[:left]:
        parts[key] += 1
    return parts


def domain_quotas(outline: Outline, total: int) -> dict[str, int]:
    """Questions per domain for an exam of ``total`` questions."""
    return largest_remainder({d.code: d.weight for d in outline.domains}, total)


def _spread_over_topics(
    by_topic: dict[str, list[Question]], quota: int, rng: random.Random, concepts: set[str]
) -> list[Question]:
    """Round-robin over the topics (in a random order) so no topic is skipped or crowded.

    A question whose concept is already in ``concepts`` (drawn before) is passed
    over; each question drawn adds its concept there.
    """
    topics = [t for t, qs in by_topic.items() if qs]
    rng.shuffle(topics)
    queues = {t: list(by_topic[t]) for t in topics}
    picked: list[Question] = []
    while len(picked) < quota and any(queues.values()):
        for topic in topics:
            if len(picked) == quota:
                break
            while queues[topic]:
                question = queues[topic].pop(0)
                if question.concept is None or question.concept not in concepts:
                    if question.concept is not None:
                        concepts.add(question.concept)
                    picked.append(question)
                    break
    return picked


def draw_exam(bank: Bank, total: int, seed: int, seen: Collection[str] = ()) -> list[Question]:
    """Draw ``total`` distinct questions to the blueprint, unseen questions first.

    A domain with too few questions gives its shortfall to the others, again in
    proportion to weight, so the exam still has ``total`` questions when the
    bank can supply them. Never two questions of the same ``concept``.
    """
    rng = random.Random(seed)
    seen_set = set(seen)
    total = min(total, len(bank.questions))
    pools: dict[str, dict[str, list[Question]]] = {}
    for domain in bank.outline.domains:
        pools[domain.code] = {}
        for topic in domain.topics:
            questions = bank.questions_in_topic(topic.code)
            rng.shuffle(questions)
            questions.sort(key=lambda q: q.id in seen_set)  # unseen first, random within
            pools[domain.code][topic.code] = questions
    weights = {d.code: float(d.weight) for d in bank.outline.domains}
    chosen: dict[str, list[Question]] = {code: [] for code in weights}
    concepts: set[str] = set()
    remaining = total
    while remaining > 0:
        available = {
            code: w
            for code, w in weights.items()
            if sum(len(qs) for qs in pools[code].values()) > 0
        }
        if not available:
            break
        quotas = largest_remainder(available, remaining)
        for code, quota in quotas.items():
            picked = _spread_over_topics(pools[code], quota, rng, concepts)
            for question in picked:
                pools[code][question.topic].remove(question)
            chosen[code].extend(picked)
            remaining -= len(picked)
        for by_topic in pools.values():  # what a drawn concept rules out is gone for good
            for code, questions in by_topic.items():
                by_topic[code] = [q for q in questions if q.concept not in concepts]
    ordered: list[Question] = [q for code in weights for q in chosen[code]]
    rng.shuffle(ordered)
    return ordered
