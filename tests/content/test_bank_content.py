"""The bundled bank meets the content targets: counts, spread, balance, guides, originality.

Targets are four full exams' worth per domain (4 x the domain's scored items),
at least three questions per topic, the correct answer in no position more than
30% of a domain's questions, at most a third recall questions, explanations of
40-150 words, study guides of 250-600 words, and no near-duplicate stems.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

import pytest

from quizapp.core.bank.bank import Bank
from quizapp.core.bank.loader import bundled_bank_dir, load_bank

EXAMS_WORTH = 4
TOPIC_FLOOR = 3
MAX_POSITION_SHARE = 0.30
MAX_RECALL_SHARE = 1 / 3
NEAR_DUPLICATE = 0.5  # Jaccard similarity of word trigrams


def _load() -> Bank:
    result = load_bank(bundled_bank_dir())
    assert result.problems == [], "\n".join(str(p) for p in result.problems)
    assert result.bank is not None
    return result.bank


BANK = _load()
DOMAINS = [d.code for d in BANK.outline.domains]


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


@pytest.mark.parametrize("code", DOMAINS)
def test_domain_meets_its_target(code: str) -> None:
    domain = BANK.domain(code)
    count = len(BANK.questions_in_domain(code))
    assert count >= EXAMS_WORTH * domain.weight, f"{code}: {count} questions"


@pytest.mark.parametrize("code", DOMAINS)
def test_every_topic_has_the_floor(code: str) -> None:
    for topic in BANK.domain(code).topics:
        count = len(BANK.questions_in_topic(topic.code))
        assert count >= TOPIC_FLOOR, f"{topic.code} has {count} questions"


@pytest.mark.parametrize("code", DOMAINS)
def test_correct_positions_are_balanced(code: str) -> None:
    questions = BANK.questions_in_domain(code)
    positions = Counter(q.correct_index for q in questions)
    worst, count = positions.most_common(1)[0]
    assert count / len(questions) <= MAX_POSITION_SHARE, (
        f"{code}: position {worst + 1} holds {count} of {len(questions)} answers"
    )


@pytest.mark.parametrize("code", DOMAINS)
def test_recall_is_at_most_a_third_and_difficulty_spread(code: str) -> None:
    questions = BANK.questions_in_domain(code)
    recall = sum(q.kind == "recall" for q in questions)
    assert recall / len(questions) <= MAX_RECALL_SHARE
    assert {q.difficulty for q in questions} == {1, 2, 3}


def test_every_topic_has_a_study_guide_of_the_right_size() -> None:
    for code, topic in BANK.outline.topics.items():
        guide = BANK.study_guides.get(code)
        assert guide is not None, f"{code} has no study guide"
        count = len(guide.markdown.split())
        assert 250 <= count <= 600, f"{topic.study_guide}: {count} words"
        assert {"Key facts and terms", "Common pitfalls", "Primary sources"} <= set(
            guide.sections
        ), topic.study_guide


def test_explanations_teach_in_40_to_150_words() -> None:
    for question in BANK.questions.values():
        count = len(question.explanation.split())
        assert 40 <= count <= 150, f"{question.id}: explanation of {count} words"


def test_no_all_of_the_above_and_references_given() -> None:
    for question in BANK.questions.values():
        for choice in question.choices:
            assert "all of the above" not in choice.text.lower(), question.id
            assert "none of the above" not in choice.text.lower(), question.id
        assert all(len(ref) > 5 for ref in question.references), question.id


def test_no_two_stems_are_near_duplicates() -> None:
    def trigrams(text: str) -> set[tuple[str, ...]]:
        tokens = words(text)
        return set(zip(tokens, tokens[1:], tokens[2:], strict=False))

    shingles = {qid: trigrams(q.stem) for qid, q in BANK.questions.items()}
    clashes = []
    for (a, sa), (b, sb) in itertools.combinations(shingles.items(), 2):
        if sa and sb:
            similarity = len(sa & sb) / len(sa | sb)
            if similarity >= NEAR_DUPLICATE:
                clashes.append(f"{a} ~ {b} ({similarity:.2f})")
    assert clashes == []


def test_question_files_are_named_after_their_topic() -> None:
    for qid, source in BANK.sources.items():
        topic = BANK.outline.topics[BANK.questions[qid].topic]
        assert source.file.endswith(topic.study_guide.removesuffix(".md") + ".yaml"), qid


def test_the_bank_passes_the_item_writing_linter() -> None:
    from quizapp.core.bank.lint import lint_bank

    report = lint_bank(BANK)
    assert [str(f) for f in report.unwaived] == []
    assert len(report.waived) <= 0.05 * len(BANK.questions)


def test_every_addressable_question_states_the_2025_proposal_the_same_way() -> None:
    """The HIPAA 'addressable' category may go: every question that relies on it says so."""
    addressable = re.compile(r"\baddressable\b(?! by)", re.IGNORECASE)
    for question in BANK.questions.values():
        text = " ".join([question.stem, question.explanation, *(c.text for c in question.choices)])
        if addressable.search(text):
            assert "January 2025" in question.explanation, question.id
