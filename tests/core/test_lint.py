"""The item-writing linter: each rule with a flawed and a sound example, waivers, the report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from quizapp.cli import main
from quizapp.core.bank.lint import RULES, lint_bank, lint_question
from quizapp.core.bank.loader import load_bank
from quizapp.core.bank.models import Question
from tests.conftest import write_questions


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


def rules(question: Question) -> set[str]:
    return {flag.rule for flag in lint_question(question)}


STEM = "A technologist reports that a study did not arrive at the archive. What is the cause?"


def test_longest_key() -> None:
    bad = make(
        STEM,
        "The modality sent to an AE title that the archive does not have in its list of peers",
        "The network cable is unplugged",
        "The archive disk is full now",
        "The study has no accession",
    )
    good = make(
        STEM,
        "The archive does not know the modality's AE title",
        "The network cable of the scanner is unplugged",
        "The archive's disk volume is completely full",
        "The study was sent without an accession number",
    )
    assert "longest-key" in rules(bad)
    assert "longest-key" not in rules(good)


def test_hedged_key_among_absolutes() -> None:
    bad = make(
        "What does a failed GSDF check on a reading display mean for reading?",
        "It may need recalibration before further diagnostic reading",
        "It must always be replaced at once",
        "It is never to be used for any purpose again",
        "Every display in the room must be taken out of service",
    )
    good = make(
        "What does a failed GSDF check on a reading display mean for reading?",
        "It needs recalibration before further diagnostic reading",
        "It has to be replaced by a new display at once",
        "It is retired from every clinical use",
        "Its whole room is taken out of service",
    )
    assert rules(bad) >= {"hedged-key"}
    assert "hedged-key" not in rules(good)
    hedged_everywhere = make(
        "What does a failed GSDF check on a reading display mean for reading?",
        "It may need recalibration before further diagnostic reading",
        "It may need replacement, though never at once",
        "It can usually stay in use for every study",
    )
    assert "hedged-key" not in rules(hedged_everywhere)


def test_stem_echo() -> None:
    bad = make(
        "Next year's capital budget is committed but the operating budget has room. "
        "Which option can proceed now?",
        "A subscription paid as an operating expense",
        "A perpetual licence bought outright",
        "A new server cluster on the capital plan",
        "A donated workstation from another site",
    )
    good = make(
        "Next year's capital budget is committed but the operating budget has room. "
        "Which option can proceed now?",
        "A subscription paid monthly from the current year's funds",
        "A perpetual licence bought outright from the funds",
        "A new server cluster bought with a one-off payment",
        "A donated workstation transferred from another site",
    )
    assert "stem-echo" in rules(bad)
    assert "stem-echo" not in rules(good)
    # A word every distractor shares is no cue, nor is a word common to the whole field.
    shared = make(
        "Which budget pays for an operating expense?",
        "The operating budget of the department",
        "The operating reserve of the parent company",
        "The capital budget of the hospital",
    )
    assert "stem-echo" not in rules(shared)


def test_same_distractors() -> None:
    bad = make(
        STEM,
        "The archive does not know the modality's AE title",
        "Restart the archive server",
        "Reboot the archive server immediately",
        "Ask the vendor for a new licence key",
    )
    good = make(
        STEM,
        "The archive does not know the modality's AE title",
        "Restart the archive server",
        "Restart the modality's network card",
        "Ask the vendor for a new licence key",
    )
    assert "same-distractors" in rules(bad)
    assert "same-distractors" not in rules(good)
    numbers = make(STEM, "About 24 hours", "About 16 hours", "About 48 hours")
    assert "same-distractors" not in rules(numbers)


def test_article_cue() -> None:
    bad = make(
        "A list of what a device supports in DICOM is an",
        "integration statement",
        "service contract",
        "conformance table",
        "release note",
    )
    good = make(
        "A list of what a device supports in DICOM is called a:",
        "conformance statement",
        "service contract",
        "release note",
        "user manual",
    )
    assert "article-cue" in rules(bad)
    assert "article-cue" not in rules(good)
    # Acronyms are read letter by letter: "an MLLP", "an SMTP", "an FTP", but "a TCP".
    carried = "HL7 v2 over a network is carried in an"
    assert "article-cue" in rules(make(carried, "MLLP frame", "TCP header", "FTP site"))
    assert "article-cue" not in rules(make(carried, "MLLP frame", "SMTP relay", "FTP site"))


def test_number_cue() -> None:
    bad = make(
        "The parts of a DICOM tag that identify an attribute are",
        "group and element numbers",
        "the value representation",
        "a module identifier",
    )
    good = make(
        "The parts of a DICOM tag that identify an attribute are",
        "group and element numbers",
        "value representations and lengths",
        "module and IOD identifiers",
    )
    assert "number-cue" in rules(bad)
    assert "number-cue" not in rules(good)


def test_all_or_none_of_the_above() -> None:
    bad = make(STEM, "All of the above", "A wrong AE title", "A full disk", "A bad cable")
    good = make(STEM, "A wrong AE title", "A full disk", "A bad cable", "A firewall rule")
    assert "all-none-above" in rules(bad)
    assert "all-none-above" not in rules(good)
    assert "all-none-above" in rules(make(STEM, "A", "None of these", "Both A and B"))


def test_negative_stem_needs_emphasis() -> None:
    choices = ("Storage commitment", "C-ECHO", "Modality worklist", "MPPS")
    bad = make("Which of these services is not a DIMSE-C service?", *choices)
    emphasised = make("Which of these services is **not** a DIMSE-C service?", *choices)
    capitals = make("Which of these services is NOT a DIMSE-C service?", *choices)
    clause = make("Which service would show that images are not reaching the archive?", *choices)
    assert "negative-stem" in rules(bad)
    assert "negative-stem" not in rules(emphasised) | rules(capitals) | rules(clause)
    assert "negative-stem" in rules(make("Which step is least likely to help?", *choices))
    assert "negative-stem" not in rules(make("Which rollout carries the least risk?", *choices))


def test_convergence() -> None:
    bad = make(
        "The first-line desk passes a ticket to the PACS team. What is this step called?",
        "Functional escalation of the incident",
        "Hierarchic escalation of the incident",
        "Conversion into a problem record",
        "Closure with a workaround noted",
    )
    good = make(
        "The first-line desk passes a ticket to the PACS team. What is this step called?",
        "Functional escalation of the incident",
        "Hierarchic escalation of the incident",
        "Major escalation of the incident",
        "Closure of the incident",
    )
    assert "convergence" in rules(bad)
    assert "convergence" not in rules(good)


def test_every_rule_has_a_test_above() -> None:
    tested = {
        "longest-key",
        "hedged-key",
        "stem-echo",
        "same-distractors",
        "article-cue",
        "number-cue",
        "all-none-above",
        "negative-stem",
        "convergence",
    }
    assert set(RULES) == tested


def test_a_waiver_needs_a_known_rule_and_a_reason() -> None:
    with pytest.raises(ValidationError):
        make(STEM, "A", "B", "C", lint_waivers=[{"rule": "longest-key", "reason": "because"}])
    with pytest.raises(ValidationError):
        make(STEM, "A", "B", "C", lint_waivers=[{"rule": "made-up", "reason": "x" * 30}])


FLAWED = """\
  - id: a1-flawed
    topic: A.1
    difficulty: 2
    stem: Which of these services is not a DIMSE-C service?
    choices:
      - text: Storage commitment
        correct: true
      - text: C-ECHO
      - text: All of the above
    explanation: Because option 0 is right and the others are wrong.
    references: [DICOM PS3.7]
"""


def test_waivers_are_counted_and_stale_ones_reported(mini_bank: Path) -> None:
    path = write_questions(mini_bank / "questions" / "c.yaml", FLAWED)
    report = lint_bank(load_bank(mini_bank).bank)  # type: ignore[arg-type]
    assert report.as_dict() == {
        "flags": {**dict.fromkeys(RULES, 0), "stale-waiver": 0}
        | {"negative-stem": 1, "all-none-above": 1},
        "flagged": ["a1-flawed"],
        "waived": 0,
    }
    waived = FLAWED + (
        "    lint_waivers:\n"
        "      - {rule: negative-stem, reason: the negative is the point of this example}\n"
        "      - {rule: all-none-above, reason: the choice is the point of this example}\n"
        "      - {rule: longest-key, reason: a waiver that no longer waives anything}\n"
    )
    path.write_text("questions:\n" + waived, encoding="utf-8")
    report = lint_bank(load_bank(mini_bank).bank)  # type: ignore[arg-type]
    summary = report.as_dict()
    assert summary["waived"] == 2
    assert summary["flags"]["stale-waiver"] == 1 and summary["flagged"] == ["a1-flawed"]
    [stale] = [f for f in report.findings if f.rule == "stale-waiver"]
    assert stale.message == (
        "waiver of 'longest-key' no longer needed (the rule does not fire); remove it"
    )


def test_validate_lint_reports_file_and_line(
    mini_bank: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--lint", str(mini_bank)]) == 0
    assert "lint: 0 flag(s) on 0 question(s); 0 waived" in capsys.readouterr().out
    write_questions(mini_bank / "questions" / "c.yaml", FLAWED)
    assert main(["validate", str(mini_bank)]) == 0  # without --lint, flags do not fail
    capsys.readouterr()
    assert main(["validate", "--lint", str(mini_bank)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert any(
        line.endswith(
            "c.yaml:2: [negative-stem] question 'a1-flawed': the question asks in the "
            "negative (not) without emphasis; write it as NOT/EXCEPT or ask positively"
        )
        for line in lines
    )
    assert "lint: 2 flag(s) on 1 question(s); 0 waived" in captured.err


def test_validate_json_always_has_lint(mini_bank: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_questions(mini_bank / "questions" / "c.yaml", FLAWED)
    assert main(["validate", "--json", str(mini_bank)]) == 0
    lint = json.loads(capsys.readouterr().out)["lint"]
    assert set(lint) == {"flags", "flagged", "waived"}
    assert lint["flags"]["all-none-above"] == 1 and lint["flagged"] == ["a1-flawed"]


def test_the_report_counts_every_unwaived_flag_of_a_rule(mini_bank: Path) -> None:
    second = FLAWED.replace("id: a1-flawed", "id: a1-flawed-too")
    write_questions(mini_bank / "questions" / "c.yaml", FLAWED, second)
    report = lint_bank(load_bank(mini_bank).bank)  # type: ignore[arg-type]
    summary = report.as_dict()
    assert summary["flags"]["negative-stem"] == 2 and summary["flags"]["all-none-above"] == 2
    assert summary["flagged"] == ["a1-flawed", "a1-flawed-too"]


@pytest.mark.parametrize(
    ("word", "vowel"),
    [
        ("apple", True),
        ('"apple', True),  # quotes and brackets around the word are not read
        ("(`apple", True),
        ("user", False),  # a vowel with a consonant sound
        ("hour", True),  # a consonant with a vowel sound
        ("hour-long", True),
        ("xylophone", False),
        ("X-ray", True),  # a single letter is read by its name: "ex"
        ("u", False),  # "you"
        ("u-turn", False),  # a letter before a hyphen is read by its name
        ("MD", True),  # an acronym is read letter by letter: "em-dee"
        ("MRI-based", True),
        ("DICOM", False),  # "a DICOM router"
        ("PACS", False),
        ("8-bit", True),  # numbers read "eight", "eleven", "eighteen"
        ("80", True),
        ("11-point", True),
        ("18th", True),
        ("1", False),
        ("-", False),  # no letter to read
        ('"', False),
        ("", False),
    ],
)
def test_the_sound_a_word_starts_with(word: str, vowel: bool) -> None:
    from quizapp.core.bank.lint import _vowel_sound

    assert _vowel_sound(word) is vowel


@pytest.mark.parametrize(
    ("text", "plural"),
    [
        ("the logs", True),
        ("the access", False),
        ("the status", False),
        ("the analysis", False),
        ("the router", False),
        ("", False),
        ("—", False),
    ],
)
def test_a_choice_ends_with_a_plural_noun(text: str, plural: bool) -> None:
    from quizapp.core.bank.lint import _plural

    assert _plural(text) is plural


def test_words_read_a_typographic_apostrophe_as_an_apostrophe() -> None:
    from quizapp.core.bank.lint import words

    assert words("The system\u2019s logs") == ["the", "system", "logs"]
    assert words("The system's X-ray") == ["the", "system", "x-ray"]


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("", "", 0),
        ("x", "", 1),
        ("", "x y", 2),
        ("a b c", "a b c", 0),
        ("a b c", "a c", 1),  # a word deleted
        ("a c", "a b c", 1),  # a word inserted
        ("a b c", "a x c", 1),  # a word changed
        ("a b", "b a", 2),
        ("a b c d", "b c d e", 2),
        ("one two three", "four five", 3),
    ],
)
def test_word_distance_counts_words_inserted_deleted_or_changed(
    a: str, b: str, distance: int
) -> None:
    from quizapp.core.bank.lint import _word_distance

    assert _word_distance(a.split(), b.split()) == distance


def test_only_the_questions_asked_for_are_linted(mini_bank: Path) -> None:
    write_questions(mini_bank / "questions" / "c.yaml", FLAWED)
    bank = load_bank(mini_bank).bank
    assert bank is not None
    everything = lint_bank(bank)
    assert {f.question for f in everything.findings} == {"a1-flawed"}
    assert lint_bank(bank, only=["a1-flawed"]).findings == everything.findings
    assert lint_bank(bank, only=["a1-one"]).findings == []  # a clean question alone
    assert lint_bank(bank, only=[]).findings == []
