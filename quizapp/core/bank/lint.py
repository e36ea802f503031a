"""Item-writing checks: the technical flaws that reward test-wiseness.

The anchor is the NBME item-writing guide's list of flaws that let a test-wise
candidate find the key, or drop a distractor, without knowing the content. Each
rule looks at one question's stem and choices. A flag is fixed by rewriting the
choice or the stem, or kept on purpose with a waiver in the question's YAML:

    lint_waivers:
      - rule: longest-key
        reason: "the key names three standards; a shorter key would be vaguer"

Waivers are counted in the report so they stay rare. A waiver whose rule no
longer fires is reported too (it would hide a future flag).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, get_args

from quizapp.core.bank.bank import Bank, SourceRef
from quizapp.core.bank.models import LintRule, Question

RULES: tuple[str, ...] = get_args(LintRule)


def _vocabulary(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string."""
    return frozenset(text.split())


STALE_WAIVER = "stale-waiver"

# The key is the longest choice "by a clear margin": this much longer than the
# longest distractor, both as a ratio and in characters.
LONGEST_RATIO = 1.2
LONGEST_MIN_CHARS = 8

# Two distractors "say the same thing" when one is the other plus at most this many words.
SAME_EXTRA_WORDS = 2
FILLER = _vocabulary(
    "a an the this that these those its their his her our your of to and then also just "
    "simply first immediately directly quickly"
)
SYNONYMS = {
    "reboot": "restart",
    "rebooting": "restart",
    "restarting": "restart",
    "purchase": "buy",
    "buying": "buy",
    "erase": "delete",
    "remove": "delete",
    "removing": "delete",
    "deleting": "delete",
    "verify": "confirm",
    "check": "confirm",
    "inform": "tell",
    "notify": "tell",
}
MEANING_CHANGERS = _vocabulary(
    "not no never none without only all every any both either neither except more less "
    "most least before after over under above below first last same different"
)

# Convergence is only judged between choices of at least this many words (articles
# aside): "Knows how" against "Shows how" is a list of named levels, not a cue.
CONVERGENCE_MIN_WORDS = 3
ARTICLES = frozenset({"a", "an", "the"})

HEDGES = (
    "not necessarily",
    "usually",
    "normally",
    "generally",
    "typically",
    "often",
    "may",
    "might",
    "can",
    "could",
    "sometimes",
    "likely",
    "in most cases",
    "in general",
    "depends",
    "where possible",
)
ABSOLUTES = (
    "always",
    "never",
    "all",
    "none",
    "only",
    "must",
    "every",
    "forbids",
    "forbidden",
    "cannot",
    "guarantees",
    "completely",
    "entirely",
    "no longer",
    "any",
)
NEGATIVES = ("not", "except", "least", "false", "incorrect", "untrue")
ABOVE = re.compile(
    r"\b(?:all|none|both|neither) of the (?:above|these|choices|options|answers)\b"
    r"|\bboth [a-d] and [a-d]\b",
    re.IGNORECASE,
)
WORD = re.compile(r"[a-z0-9]+(?:['\-.][a-z0-9]+)*")

STOPWORDS = _vocabulary(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on once
    only or other our ours ourselves out over own same she should so some such than that
    the their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you
    your yours yourself yourselves one two three first second new use used using uses
    must may might shall cannot than rather instead within without whether per via etc
    """
)

# Words of the field so common in stems and choices (each in 5% or more of the bank's
# questions when the list was drawn up) that repeating one is no cue.
GENERIC = _vocabulary(
    """
    accept apply asks best call carry change check correct data date department every full
    hospital image images imaging information keep like list manager month name need next
    number open patient plan problem product project radiologist radiology reach read record
    report request required result rule send sent show since software staff start step
    system team technologist test time user vendor want work year pacs dicom study exam
    modality scanner server service viewer workstation fail local object instance series
    """
)

VOWEL_LETTER_NAMES = frozenset("AEFHILMNORSX")  # letters whose name starts with a vowel sound
CONSONANT_SOUND_VOWELS = ("uni", "use", "usu", "user", "one", "once", "eu", "ur")
VOWEL_SOUND_CONSONANTS = ("hour", "honest", "honou", "heir")


@dataclass(frozen=True)
class Flag:
    """One rule firing on one question."""

    rule: str
    message: str


def words(text: str) -> list[str]:
    found = WORD.findall(text.lower().replace("\u2019", "'"))
    return [w.removesuffix("'s").rstrip("'") for w in found]


def stem_of(word: str) -> str:
    """A light suffix-stripping stem so 'encrypted', 'encryption', 'encrypts' meet."""
    if word.endswith("ings") and len(word) >= 8:
        word = word[:-1]  # "meetings" -> "meeting", then on to "meet"
    for suffix in ("ations", "ation", "ions", "ion", "ing", "ies", "ed", "es", "s", "ly"):
        if suffix == "s" and word.endswith("ss"):
            break  # "process" is not a plural: it meets "processes" as it is
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            base = word[: -len(suffix)]
            return base + "y" if suffix == "ies" else base
    if word.endswith("s") and not word.endswith("ss") and len(word) >= 4:
        return word[:-1]  # short plurals: "uids", "aets", "vlans"
    return word


def content_stems(text: str) -> set[str]:
    """Stems of the words that carry meaning (no stopwords, no short tokens, no numbers)."""
    return {
        stem_of(w)
        for w in words(text)
        if w not in STOPWORDS and len(w) >= 3 and not w.replace(".", "").isdigit()
    }


GENERIC_STEMS = frozenset(stem_of(w) for w in GENERIC)


def _has(text: str, vocabulary: Iterable[str]) -> list[str]:
    low = " " + " ".join(words(text)) + " "
    return [term for term in vocabulary if f" {term} " in low]


def _key_and_distractors(question: Question) -> tuple[str, list[str]]:
    key = question.choices[question.correct_index].text
    return key, [c.text for i, c in enumerate(question.choices) if i != question.correct_index]


# -- the rules -----------------------------------------------------------------


def longest_key(question: Question) -> list[Flag]:
    key, distractors = _key_and_distractors(question)
    longest = max(len(d) for d in distractors)
    if len(key) >= LONGEST_RATIO * longest and len(key) - longest >= LONGEST_MIN_CHARS:
        return [
            Flag(
                "longest-key",
                f"the key is the longest choice by a clear margin ({len(key)} characters, "
                f"the longest distractor {longest})",
            )
        ]
    return []


def hedged_key(question: Question) -> list[Flag]:
    key, distractors = _key_and_distractors(question)
    hedges = _has(key, HEDGES)
    if not hedges or any(_has(d, HEDGES) for d in distractors):
        return []
    absolute = sorted({a for d in distractors for a in _has(d, ABSOLUTES)})
    if not absolute:
        return []
    return [
        Flag(
            "hedged-key",
            f"the key is the only hedged choice ({', '.join(hedges)}) among absolute "
            f"distractors ({', '.join(absolute)})",
        )
    ]


def stem_echo(question: Question) -> list[Flag]:
    key, distractors = _key_and_distractors(question)
    echoed = content_stems(key) & content_stems(question.stem) - GENERIC_STEMS
    for distractor in distractors:
        echoed -= content_stems(distractor)
    if not echoed:
        return []
    shown = [w for w in words(key) if stem_of(w) in echoed]
    unique = list(dict.fromkeys(shown))
    return [
        Flag(
            "stem-echo",
            f"the key repeats {', '.join(repr(w) for w in unique)} from the stem "
            "and no distractor does",
        )
    ]


def _filler_free(text: str) -> list[str]:
    return [SYNONYMS.get(w, stem_of(w)) for w in words(text) if w not in FILLER]


def _is_subsequence(short: Sequence[str], long: Sequence[str]) -> bool:
    remaining = iter(long)
    return all(token in remaining for token in short)


def _say_the_same(first: str, second: str) -> bool:
    """Same words in the same order once filler is gone, or one is the other plus a word or two.

    The extra words may not carry a number, a negation or a limit, which change the meaning.
    """
    a, b = _filler_free(first), _filler_free(second)
    short, long = sorted((a, b), key=len)
    if len(short) < 2 or not _is_subsequence(short, long):
        return False
    extra = list(long)
    for token in short:
        extra.remove(token)
    if len(extra) > SAME_EXTRA_WORDS:
        return False
    return not any(t in MEANING_CHANGERS or any(ch.isdigit() for ch in t) for t in extra)


def same_distractors(question: Question) -> list[Flag]:
    _, distractors = _key_and_distractors(question)
    return [
        Flag(
            "same-distractors",
            f"two distractors say the same thing: {first!r} and {second!r}",
        )
        for i, first in enumerate(distractors)
        for second in distractors[i + 1 :]
        if _say_the_same(first, second)
    ]


def _vowel_sound(word: str) -> bool:
    letters = word.strip("\"'(*`")
    if not letters:
        return False
    head = re.match(r"[A-Za-z0-9]+", letters)
    token = head.group(0) if head else letters
    if (token.isupper() and len(token) > 1) or (len(token) == 1 and token.isalpha()):
        return token[0].upper() in VOWEL_LETTER_NAMES
    if token[0].isdigit():
        return token.startswith(("8", "11", "18"))
    low = token.lower()
    if low.startswith(VOWEL_SOUND_CONSONANTS):
        return True
    if low.startswith(CONSONANT_SOUND_VOWELS):
        return False
    return low[0] in "aeiou"


def _stem_tail(stem: str) -> list[str]:
    return stem.strip().rstrip(" _.:…").split()[-2:]


def article_cue(question: Question) -> list[Flag]:
    tail = _stem_tail(question.stem)
    if not tail or tail[-1].lower() not in {"a", "an"}:
        return []
    wants_vowel = tail[-1].lower() == "an"
    key, distractors = _key_and_distractors(question)

    def agrees(text: str) -> bool:
        first = text.split()[0] if text.split() else ""
        return _vowel_sound(first) == wants_vowel

    if agrees(key) and not all(agrees(d) for d in distractors):
        return [
            Flag(
                "article-cue",
                f"the stem ends with {tail[-1]!r}, which fits the key but not every distractor",
            )
        ]
    return []


def _plural(text: str) -> bool:
    tokens = words(text)
    last = tokens[-1] if tokens else ""
    return last.endswith("s") and not last.endswith(("ss", "us", "is", "'s"))


def number_cue(question: Question) -> list[Flag]:
    tail = _stem_tail(question.stem)
    if not tail or tail[-1].lower() not in {"is", "was", "are", "were"}:
        return []
    wants_plural = tail[-1].lower() in {"are", "were"}
    key, distractors = _key_and_distractors(question)
    if _plural(key) == wants_plural and any(_plural(d) != wants_plural for d in distractors):
        return [
            Flag(
                "number-cue",
                f"the stem ends with {tail[-1]!r}: the key agrees in number, a distractor does not",
            )
        ]
    return []


def all_none_above(question: Question) -> list[Flag]:
    return [
        Flag("all-none-above", f"choice {choice.text!r} points at the other choices")
        for choice in question.choices
        if ABOVE.search(choice.text)
    ]


def _question_sentence(stem: str) -> str:
    """The last sentence of the stem: the question itself."""
    text = " ".join(stem.split())
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z*])", text)
    return parts[-1] if parts else text


NEGATIVE_PATTERNS = (
    # "Which ... is not / does not / would not ...": the main verb negated.
    r"\b(?:is|are|was|were|does|do|did|would|should|could|can|will|has|have)\s+(not)\b",
    r"\b(except)\b",
    r"\b(least)\s+(?:likely|appropriate|useful|important|helpful|correct|accurate|effective"
    r"|suitable|relevant|necessary)\b",
    r"\b(?:is|are|was|were)\s+(false|incorrect|untrue)\b",
)
SUBORDINATORS = re.compile(r"(?i)\b(?:that|if|when|whenever|because|whose|who|where|since|until)\b")


def negative_stem(question: Question) -> list[Flag]:
    sentence = _question_sentence(question.stem)
    if not re.match(r"(?i)^(?:which|what|in which|for which|of the)\b", sentence):
        return []
    found = []
    for pattern in NEGATIVE_PATTERNS:
        for match in re.finditer(pattern, sentence, re.IGNORECASE):
            if SUBORDINATORS.search(sentence[: match.start()]):
                continue  # the negation sits in a clause, not in what is asked
            word = match.group(1)
            start = match.start(1)
            emphasised = word.isupper() or sentence[max(0, start - 1) : start] == "*"
            if not emphasised:
                found.append(word)
    if not found:
        return []
    return [
        Flag(
            "negative-stem",
            f"the question asks in the negative ({', '.join(found)}) without emphasis; "
            "write it as NOT/EXCEPT or ask positively",
        )
    ]


def _word_distance(a: Sequence[str], b: Sequence[str]) -> int:
    """Word-level edit distance (insert, delete, substitute one word)."""
    previous = list(range(len(b) + 1))
    for i, word in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != other))
            )
        previous = current
    return previous[-1]


def convergence(question: Question) -> list[Flag]:
    texts = [[w for w in words(c.text) if w not in ARTICLES] for c in question.choices]
    key = question.correct_index
    near = [
        (i, j)
        for i in range(len(texts))
        for j in range(i + 1, len(texts))
        if min(len(texts[i]), len(texts[j])) >= CONVERGENCE_MIN_WORDS
        and _word_distance(texts[i], texts[j]) <= 1
    ]
    with_key = [pair for pair in near if key in pair]
    if with_key and len(with_key) == len(near):
        other = next(i for i in with_key[0] if i != key)
        return [
            Flag(
                "convergence",
                f"choice {question.choices[other].text!r} differs from the key by one word "
                "and no other pair of choices is that close",
            )
        ]
    return []


CHECKS = (
    longest_key,
    hedged_key,
    stem_echo,
    same_distractors,
    article_cue,
    number_cue,
    all_none_above,
    negative_stem,
    convergence,
)


def lint_question(question: Question) -> list[Flag]:
    """Every flag the rules raise on one question, waived or not."""
    return [flag for check in CHECKS for flag in check(question)]


# -- the bank --------------------------------------------------------------------


@dataclass(frozen=True)
class LintFinding:
    """A flag on a question of the bank, where it is, and its waiver if it has one."""

    question: str
    source: SourceRef
    rule: str
    message: str
    waiver: str | None = None

    @property
    def waived(self) -> bool:
        return self.waiver is not None

    def __str__(self) -> str:
        return f"{self.source}: [{self.rule}] question {self.question!r}: {self.message}"


@dataclass
class LintReport:
    findings: list[LintFinding] = field(default_factory=list)

    @property
    def unwaived(self) -> list[LintFinding]:
        return [f for f in self.findings if not f.waived]

    @property
    def waived(self) -> list[LintFinding]:
        return [f for f in self.findings if f.waived]

    def as_dict(self) -> dict[str, Any]:
        """``{"flags": {rule: unwaived count}, "flagged": [ids], "waived": count}``."""
        counts = {rule: 0 for rule in (*RULES, STALE_WAIVER)}
        for finding in self.unwaived:
            counts[finding.rule] += 1
        return {
            "flags": counts,
            "flagged": sorted({f.question for f in self.unwaived}),
            "waived": len(self.waived),
        }


def lint_bank(bank: Bank, only: Iterable[str] | None = None) -> LintReport:
    """Lint every question of the bank (or the ids in ``only``), applying waivers."""
    wanted = set(only) if only is not None else None
    report = LintReport()
    for qid, question in bank.questions.items():
        if wanted is not None and qid not in wanted:
            continue
        source = bank.sources[qid]
        reasons: dict[str, str] = {w.rule: w.reason for w in question.lint_waivers}
        fired: set[str] = set()
        for flag in lint_question(question):
            fired.add(flag.rule)
            report.findings.append(
                LintFinding(qid, source, flag.rule, flag.message, reasons.get(flag.rule))
            )
        for rule in sorted(set(reasons) - fired):
            report.findings.append(
                LintFinding(
                    qid,
                    source,
                    STALE_WAIVER,
                    f"waiver of {rule!r} no longer needed (the rule does not fire); remove it",
                )
            )
    report.findings.sort(key=lambda f: (f.source.file, f.source.line, f.rule))
    return report
