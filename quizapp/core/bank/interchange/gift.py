"""GIFT, Moodle's richer text format: read its multiple-choice questions, write any question.

    // [id:f2-x] [tag:difficulty-2]
    $CATEGORY: CIIP/F.2 DICOM services

    ::f2-x::[markdown]Which service retrieves on the requester's own association?{
        =C-GET#The images come back on the same association.
        ~C-MOVE
        ~C-FIND
        ####C-MOVE opens a new association.\\n\\nReferences\\:\\n- DICOM PS3.4 Annex C
    }

Read: ``=`` marks the right choice and ``~`` a wrong one (``~%100%`` right,
``~%0%`` wrong), ``#`` a choice's feedback and ``####`` the general feedback
(together the explanation; a closing "References:" list becomes the
references), ``::title::`` (read, not kept: ids are generated), a ``[markdown]``,
``[plain]``, ``[moodle]`` or ``[html]`` text format (HTML becomes text),
``$CATEGORY:`` (a topic code or name, or a path ending in one, sets the topic),
``//`` comments with Moodle's ``[tag:...]`` (``difficulty-N`` and ``kind-...``
set those fields, other tags are kept), and the missing-word form (``_____``
where the answers stood). Questions are separated by blank lines. Other
question types (true/false, short answer, numerical, matching, essay,
descriptions, multiple-answer) are skipped and named by line.

The characters ``~ = # { } :`` and ``\\`` are written with a backslash before them
(``\\~``) and a line break as ``\\n``, both ways, so any text survives a round trip.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

from quizapp.core.bank.interchange.draft import Draft, Parsed
from quizapp.core.bank.interchange.gift_text import FORMAT_PREFIX, Text, escape, formatted
from quizapp.core.bank.models import Question
from quizapp.core.errors import Problem

_WEIGHT = re.compile(r"^\s*%(-?\d+(?:\.\d+)?)%")
_TAG = re.compile(r"\[tag:([^\]\n]*)\]")
_DIFFICULTY_TAG = re.compile(r"^difficulty-([1-3])$")
_KIND_TAG = re.compile(r"^kind-(recall|applied)$")
CATEGORY = "$CATEGORY:"
CATEGORY_ROOT = "CIIP"
REFERENCES = "References:"


def split_references(feedback: str) -> tuple[str, list[str]]:
    """A closing ``References:`` list of ``- `` lines taken off the feedback."""
    lines = feedback.split("\n")
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].strip().casefold() == REFERENCES.casefold():
            rest = [line.strip() for line in lines[index + 1 :] if line.strip()]
            if rest and all(line.startswith(("- ", "* ")) for line in rest):
                return "\n".join(lines[:index]).strip(), [line[2:].strip() for line in rest]
            break
    return feedback, []


def _blocks(text: str) -> Iterator[list[tuple[int, str]]]:
    """Runs of non-blank lines with their numbers (a blank line ends a question)."""
    block: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            block.append((number, line))
        elif block:
            yield block
            block = []
    if block:
        yield block


class _Reject(Exception):
    """A question that is not imported: an error, or (``skip``) a type quizapp does not hold."""

    def __init__(self, line: int, message: str, skip: bool = False) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.skip = skip


def parse_gift(text: str, file: str) -> Parsed:
    """Every multiple-choice question of a GIFT file; problems and skipped types by line."""
    parsed = Parsed()
    category: str | None = None
    for block in _blocks(text):
        tags: list[str] = []
        body: list[tuple[int, str]] = []
        for number, line in block:
            if line.strip().startswith("//"):
                tags.extend(tag.strip() for tag in _TAG.findall(line))
            else:
                body.append((number, line))
        if body and body[0][1].strip().startswith(CATEGORY):
            category = body[0][1].strip()[len(CATEGORY) :].strip() or None
            body = body[1:]
        if not body:
            continue
        try:
            parsed.drafts.append(_question(body, category, tags))
        except _Reject as reject:
            found = Problem(file, reject.line, reject.message)
            (parsed.skipped if reject.skip else parsed.problems).append(found)
    return parsed


def _braces(body: Text, first_line: int) -> tuple[int, int]:
    """The positions of the answers' ``{`` and ``}``; unbalanced braces are rejected."""
    opens, closes = body.every("{"), body.every("}")
    if not opens and not closes:
        raise _Reject(first_line, "skipped: a description (no answers), not a question", skip=True)
    if not opens or (closes and closes[0] < opens[0]):
        raise _Reject(body.line(closes[0]), "unbalanced braces: '}' without a '{' before it")
    start = opens[0]
    after = [i for i in closes if i > start]
    if not after:
        raise _Reject(body.line(start), "unbalanced braces: this '{' is never closed")
    end = after[0]
    extra = sorted(i for i in (*opens[1:], *closes) if i != end)
    if extra:
        ch = body.chars[extra[0]]
        raise _Reject(
            body.line(extra[0]),
            f"unbalanced braces: an extra '{ch}' (write \\{ch} for the character itself)",
        )
    return start, end


def _question(lines: list[tuple[int, str]], category: str | None, tags: list[str]) -> Draft:
    text = Text.read(lines)
    first_line = lines[0][0]
    position = len(text.chars) - len(text.chars.lstrip())
    if text.meaning(position, "::"):
        end = text.find("::", position + 2)
        if end < 0:
            raise _Reject(text.line(position), "the title's '::' is never closed")
        position = end + 2
    body = text[position:]
    start, end = _braces(body, first_line)
    head, answers, tail = body.chars[:start], body[start + 1 : end], body.chars[end + 1 :]
    stem, fmt = formatted(head + ("_____" + tail if tail.strip() else ""))
    feedback_at = answers.rfind("####")
    general = ""
    if feedback_at >= 0:
        general = formatted(answers.chars[feedback_at + 4 :], fmt)[0]
        answers = answers[:feedback_at]
    _check_type(answers, body.line(start))
    choices, correct, choice_feedback = _choices(answers, body.line(start), fmt)
    explanation, references = split_references(general.strip())
    notes = [f"{choices[i]}: {note}" for i, note in choice_feedback]
    explanation = "\n\n".join(part for part in [explanation, "\n".join(notes)] if part)
    difficulty, kind, kept = _read_tags(tags)
    return Draft(
        line=first_line,
        stem=stem,
        choices=tuple(choices),
        correct=correct,
        category=category,
        explanation=explanation,
        references=tuple(references),
        difficulty=difficulty,
        kind=kind,
        tags=tuple(kept),
    )


def _check_type(answers: Text, line: int) -> None:
    """Reject (skip) every question type but multiple choice, as Moodle tells them apart."""
    text = answers.chars.strip()
    first = len(answers.chars) - len(answers.chars.lstrip())
    if not text:
        kind = "an essay question"
    elif answers.meaning(first, "#"):
        kind = "a numerical question"
    elif answers.find("~") >= 0:
        return
    elif answers.find("=") >= 0 and "->" in text:
        kind = "a matching question"
    elif answers.split("#")[0].chars.strip() in {"T", "TRUE", "F", "FALSE"}:
        kind = "a true/false question"
    else:
        kind = "a short-answer question"
    raise _Reject(
        line,
        f"skipped: {kind} (quizapp imports multiple-choice questions with one right answer)",
        skip=True,
    )


def _choices(answers: Text, line: int, fmt: str) -> tuple[list[str], int, list[tuple[int, str]]]:
    """The choices' texts, the right one's index, and each choice's feedback."""
    markers = sorted(answers.every("~") + answers.every("="))
    before = answers.chars[: markers[0]] if markers else answers.chars
    if before.strip():
        first = len(before) - len(before.lstrip())
        raise _Reject(
            answers.line(first),
            "text before the first choice; start every choice with '=' (right) or '~' (wrong)",
        )
    texts: list[str] = []
    right: list[int] = []
    partial = False
    feedback: list[tuple[int, str]] = []
    for index, at in enumerate(markers):
        following = markers[index + 1] if index + 1 < len(markers) else len(answers)
        content = answers[at + 1 : following]
        if answers.chars[at] == "=":
            right.append(index)
        elif weight := _WEIGHT.match(content.chars):
            content = content[weight.end() :]
            value = float(weight.group(1))
            if value == 100:
                right.append(index)
            elif value > 0:
                partial = True
        choice, note = content.split("#")
        texts.append(formatted(choice.chars, fmt)[0])
        if note is not None and note.chars.strip():
            feedback.append((index, formatted(note.chars, fmt)[0].strip()))
        if not texts[-1].strip():
            raise _Reject(answers.line(at), f"choice {index + 1} has no text")
    if partial:
        raise _Reject(
            line,
            "skipped: a multiple-answer question (partial-credit weights such as ~%50%)",
            skip=True,
        )
    if not right:
        raise _Reject(line, "no right answer: mark the right choice with '='")
    if len(right) > 1:
        raise _Reject(
            answers.line(markers[right[1]]),
            "a second right answer ('='); a question has exactly one",
        )
    return texts, right[0], feedback


def _read_tags(tags: Sequence[str]) -> tuple[int | None, str | None, list[str]]:
    difficulty: int | None = None
    kind: str | None = None
    kept: list[str] = []
    for tag in tags:
        if match := _DIFFICULTY_TAG.match(tag):
            difficulty = int(match.group(1))
        elif match := _KIND_TAG.match(tag):
            kind = match.group(1)
        elif tag and tag not in kept:
            kept.append(tag)
    return difficulty, kind, kept


def _guarded(text: str) -> str:
    """Escaped text that GIFT will not read as a weight (``%50%``) or a ``[format]``."""
    guard = "[markdown]" if text.startswith("%") or FORMAT_PREFIX.match(text) else ""
    return guard + escape(text)


def _general_feedback(question: Question) -> str:
    parts = [question.explanation.strip()] if question.explanation.strip() else []
    if question.references:
        refs = "\n".join(f"- {' '.join(r.split())}" for r in question.references)
        parts.append(f"{REFERENCES}\n{refs}")
    return "\n\n".join(parts)


def _tag_comment(question: Question) -> str:
    tags = [f"difficulty-{question.difficulty}", f"kind-{question.kind}", *question.tags]
    shown = [f"[tag:{t}]" for t in tags if t.strip() == t and t and not set(t) & set("]\n")]
    return "// " + " ".join([f"[id:{question.id}]", *shown])


def category_line(topic: str, name: str) -> str:
    """A Moodle category for a topic (``/`` in a name is written ``//``)."""
    return f"{CATEGORY} {CATEGORY_ROOT}/{topic} {name.replace('/', '//')}"


def write_gift(questions: Iterable[Question], topic_names: Mapping[str, str]) -> str:
    """The questions as GIFT, one ``$CATEGORY`` per topic, ready for Moodle's import."""
    out = [
        "// Questions exported by quizapp. In Moodle: Question bank > Import > GIFT format.\n"
        "// The [tag:] comments carry each question's difficulty, kind and tags.\n"
    ]
    topic = None
    for question in questions:
        if question.topic != topic:
            topic = question.topic
            out.append(category_line(topic, topic_names.get(topic, "")).rstrip() + "\n")
        lines = [
            _tag_comment(question),
            f"::{escape(question.id)}::[markdown]{escape(question.stem.strip())}{{",
        ]
        for choice in question.choices:
            marker = "=" if choice.correct else "~"
            lines.append(f"\t{marker}{_guarded(choice.text.strip())}")
        feedback = _general_feedback(question)
        if feedback:
            lines.append(f"\t####{_guarded(feedback)}")
        lines.append("}")
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)
