"""Each item-writing rule at its edges, and the exact words of its flag."""

from __future__ import annotations

from typing import Any

import pytest

from quizapp.core.bank.lint import content_stems, lint_question, stem_of
from quizapp.core.bank.models import Question


def make(stem: str, key: str, *distractors: str, **extra: Any) -> Question:
    choices = [{"text": key, "correct": True}] + [{"text": d} for d in distractors]
    return Question.model_validate(
        {
            "id": "x1-example",
            "topic": "A.1",
            "stem": stem,
            "choices": choices,
            "explanation": "Why the key is right and each distractor wrong.",
            "references": ["Some primary source"],
            "difficulty": 2,
            **extra,
        }
    )


def flags(question: Question, rule: str) -> list[str]:
    return [flag.message for flag in lint_question(question) if flag.rule == rule]


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("meetings", "meet"),
        ("configurations", "configur"),
        ("configuration", "configur"),
        ("connections", "connect"),
        ("connection", "connect"),
        ("encrypting", "encrypt"),
        ("testing", "test"),  # four letters left: stripped
        ("ruling", "ruling"),  # three letters left: kept
        ("policies", "policy"),
        ("encrypted", "encrypt"),
        ("matches", "match"),
        ("encrypts", "encrypt"),
        ("quickly", "quick"),
        ("uids", "uid"),  # a short plural
        ("pass", "pass"),
        ("process", "process"),  # a word ending in "ss" is not a plural
        ("processes", "process"),
        ("class", "class"),
        ("classes", "class"),
        ("bus", "bus"),
    ],
)
def test_stem_of(word: str, stem: str) -> None:
    assert stem_of(word) == stem


def test_content_stems_leave_out_stopwords_short_words_and_numbers() -> None:
    text = "The PACS and 1.5 TB of RAM on one server v2 2024"
    assert content_stems(text) == {"pac", "ram", "server"}


# -- longest key ---------------------------------------------------------------------


def test_longest_key_needs_both_the_ratio_and_the_margin() -> None:
    d40, d35, d50 = "d" * 40, "e" * 35, "f" * 50
    flagged = make("Which one?", "k" * 48, d40, "x", "y")  # 1.2 times and 8 more: flagged
    assert flags(flagged, "longest-key") == [
        "the key is the longest choice by a clear margin (48 characters, the longest distractor 40)"
    ]
    assert flags(make("Which one?", "k" * 42, d35, "x", "y"), "longest-key") == []  # 7 more
    assert flags(make("Which one?", "k" * 58, d50, "x", "y"), "longest-key") == []  # 1.16x


# -- hedged key ---------------------------------------------------------------------------


def test_hedged_key_names_the_hedges_and_the_absolutes() -> None:
    question = make(
        "What does the archive do with a duplicate study?",
        "usually keeps both copies where it may",
        "always rejects the second copy",
        "never accepts anything more",
        "overwrites every earlier copy",
    )
    assert flags(question, "hedged-key") == [
        "the key is the only hedged choice (usually, may) among absolute "
        "distractors (always, every, never)"
    ]


def test_a_hedge_is_found_at_either_end_of_the_key() -> None:
    first = make("What happens?", "Usually the copy stays", "It always fails", "x y", "z w")
    last = make("What happens?", "The copy stays, usually", "It always fails", "x y", "z w")
    assert flags(first, "hedged-key") and flags(last, "hedged-key")


# -- stem echo ------------------------------------------------------------------------------


def test_stem_echo_names_the_words_the_key_repeats() -> None:
    question = make(
        "Which protocol moves studies between the archive and the modality?",
        "The archive protocol for studies",
        "A network printer",
        "The billing export",
    )
    assert flags(question, "stem-echo") == [
        "the key repeats 'archive', 'protocol' from the stem and no distractor does"
    ]


# -- distractors that say the same ----------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Restart the server", "Reboot the server", True),  # two words, synonyms
        ("Restart the server", "Restart the server gently now", True),  # two words more
        ("Restart the server", "Restart the server gently now twice", False),  # three more
        ("Restart the server", "Gently restart the server", True),  # the longer sorts first
        ("Restart the server", "Restart the server never", False),  # a meaning changer
        ("Restart the server", "Restart the server 3", False),  # a number
        ("Restart", "Reboot", False),  # one word is too little to judge
    ],
)
def test_distractors_that_say_the_same(first: str, second: str, same: bool) -> None:
    question = make("What is the first step here?", "Check the cable", first, second)
    expected = [f"two distractors say the same thing: {first!r} and {second!r}"]
    assert flags(question, "same-distractors") == (expected if same else [])


# -- article and number cues --------------------------------------------------------------


def test_article_cue_words() -> None:
    question = make("The archive needs an", "index", "server", "cable")
    assert flags(question, "article-cue") == [
        "the stem ends with 'an', which fits the key but not every distractor"
    ]
    assert flags(make("The archive needs a", "server", "index", "cable"), "article-cue") == [
        "the stem ends with 'a', which fits the key but not every distractor"
    ]


@pytest.mark.parametrize(
    ("stem", "key", "other", "word"),
    [
        ("The cause of the failure is", "a cable", "the cables", "is"),
        ("The cause of the failure was", "a cable", "the cables", "was"),
        ("The causes of the failure are", "the cables", "a cable", "are"),
        ("The causes of the failure were", "the cables", "a cable", "were"),
    ],
)
def test_number_cue_words(stem: str, key: str, other: str, word: str) -> None:
    question = make(stem, key, other, "the plugs" if word in ("is", "was") else "a plug")
    assert flags(question, "number-cue") == [
        f"the stem ends with {word!r}: the key agrees in number, a distractor does not"
    ]


def test_number_cue_only_after_a_verb_and_cues_never_fail_on_a_one_word_stem() -> None:
    question = make("Which of these caused it?", "a cable", "the cables", "the plugs")
    assert flags(question, "number-cue") == []
    for stem in ("Explain", "An", "Is"):
        lint_question(make(stem, "a cable", "the cables", "an index"))


# -- all or none of the above ---------------------------------------------------------------


def test_all_none_above_names_the_choice() -> None:
    question = make("Which apply?", "Both A and B", "x", "All of the above")
    assert flags(question, "all-none-above") == [
        "choice 'Both A and B' points at the other choices",
        "choice 'All of the above' points at the other choices",
    ]


# -- negative stems -------------------------------------------------------------------------


def test_the_question_is_the_last_sentence_of_the_stem() -> None:
    question = make("A study failed. Which step is not needed?", "a", "b", "c")
    assert flags(question, "negative-stem") == [
        "the question asks in the negative (not) without emphasis; "
        "write it as NOT/EXCEPT or ask positively"
    ]


@pytest.mark.parametrize(
    ("stem", "found"),
    [
        ("Which setting is Not supported?", ["Not"]),
        ("Which setting is *not* supported?", []),  # emphasised
        ("Which setting is **not** supported?", []),
        ("Which setting is NOT supported?", []),
        ("Which of these apply *except* one?", []),
        ("Which step is not needed, except the first?", ["not", "except"]),
    ],
)
def test_negative_stem_edges(stem: str, found: list[str]) -> None:
    expected = (
        [
            f"the question asks in the negative ({', '.join(found)}) without emphasis; "
            "write it as NOT/EXCEPT or ask positively"
        ]
        if found
        else []
    )
    assert flags(make(stem, "a", "b", "c"), "negative-stem") == expected


# -- convergence ----------------------------------------------------------------------------


def test_convergence_names_the_choice_next_to_the_key() -> None:
    question = make(
        "What should the technologist do?",
        "Resend the study to the archive",
        "Resend the study to the printer",
        "Delete the local copy first",
        "Call the vendor support line",
    )
    assert flags(question, "convergence") == [
        "choice 'Resend the study to the printer' differs from the key by one word "
        "and no other pair of choices is that close"
    ]


def test_convergence_needs_three_words_and_one_word_of_difference() -> None:
    three = make("What then?", "Resend the study now", "Resend the study later", "x", "y")
    assert flags(three, "convergence")
    two_apart = make(
        "What then?", "Resend the study now", "Resend the image later", "Call the vendor", "y"
    )
    assert flags(two_apart, "convergence") == []
    short = make("What then?", "Knows how", "Shows how", "Does", "x")
    assert flags(short, "convergence") == []


def test_the_stem_ends_before_blanks_and_punctuation() -> None:
    blank = make("The cause of the failure is ___.", "a cable", "the cables", "the plugs")
    assert flags(blank, "number-cue")
    colon = make("The cause is:", "a cable", "the cables", "the plugs")
    assert flags(colon, "number-cue")
    two_words = make("Cause is", "a cable", "the cables", "the plugs")
    assert flags(two_words, "number-cue")
    # the stem ends with X, not with an article: no article cue
    assert flags(make("Which modality uses an X", "image", "scan", "film"), "article-cue") == []
