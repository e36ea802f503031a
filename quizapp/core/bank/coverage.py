"""The coverage report behind ``quizapp validate --json``."""

from __future__ import annotations

from collections import Counter
from typing import Any

from quizapp.core.bank.lint import LintReport, lint_bank
from quizapp.core.bank.loader import LoadResult
from quizapp.core.bank.models import Outline


def profile_report(outline: Outline) -> list[dict[str, Any]]:
    """Each exam profile: its length, the time we give it and where its length comes from."""
    rows: list[dict[str, Any]] = []
    for profile in outline.profiles:
        source = outline.source(profile.source)
        rows.append(
            {
                "id": profile.id,
                "name": profile.name,
                "questions": profile.questions,
                "minutes": outline.minutes_for(profile.questions),
                "minutes_basis": outline.time_limit.basis,
                "scored": profile.scored,
                "unscored": profile.unscored,
                "source": source.citation,
                "source_date": source.date,
                "default": profile.id == outline.default_profile,
            }
        )
    return rows


def coverage_report(result: LoadResult, lint: LintReport | None = None) -> dict[str, Any]:
    """Counts by domain, topic, correct position and kind, the profiles, the item-writing
    flags (``lint``) and every problem."""
    problems = [p.as_dict() for p in result.problems]
    bank = result.bank
    if bank is None:
        return {
            "lint": LintReport().as_dict(),
            "questions": 0,
            "profiles": [],
            "by_domain": {},
            "by_topic": {},
            "topics_without_questions": [],
            "topics_without_study_guide": [],
            "answer_positions": {},
            "by_kind": {},
            "by_difficulty": {},
            "problems": problems,
        }
    questions = list(bank.questions.values())
    by_topic = {code: 0 for code in bank.outline.topics}
    by_domain = {d.code: 0 for d in bank.outline.domains}
    for question in questions:
        by_topic[question.topic] += 1
        by_domain[question.domain_code] += 1
    positions = Counter(q.correct_index + 1 for q in questions)
    return {
        "questions": len(questions),
        "profiles": profile_report(bank.outline),
        "lint": (lint or lint_bank(bank)).as_dict(),
        "by_domain": by_domain,
        "by_topic": by_topic,
        "topics_without_questions": [code for code, n in by_topic.items() if n == 0],
        "topics_without_study_guide": [
            code for code in bank.outline.topics if code not in bank.study_guides
        ],
        "answer_positions": {str(k): positions[k] for k in sorted(positions)},
        "by_kind": dict(sorted(Counter(q.kind for q in questions).items())),
        "by_difficulty": {
            str(k): v for k, v in sorted(Counter(q.difficulty for q in questions).items())
        },
        "problems": problems,
    }
