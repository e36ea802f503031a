"""Export the answer history or the missed questions as CSV (plain or Anki-importable)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from quizapp.core.bank.bank import Bank
from quizapp.core.progress.answers import AnswerRecord
from quizapp.core.progress.history import question_histories
from quizapp.core.text import NO_EXPLANATION, reflow

LETTERS = "ABCDE"

HISTORY_COLUMNS = [
    "answered_at",
    "question_id",
    "topic",
    "mode",
    "correct",
    "choice_shown",
    "choice_in_bank",
    "seconds",
    "confidence",
    "miss_reason",
]


def history_csv(bank: Bank, answers: Sequence[AnswerRecord]) -> str:
    """Every answer, one row each, oldest first.

    ``choice_shown`` is the letter the candidate saw (choices are shuffled; empty
    for answers recorded before quizapp kept it), ``choice_in_bank`` the option's
    place in the bank file (1 = first); both empty for an exam question left unanswered.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HISTORY_COLUMNS)
    for a in answers:
        question = bank.questions.get(a.question_id)
        writer.writerow(
            [
                a.at.isoformat(),
                a.question_id,
                question.topic if question else "",
                a.mode,
                "yes" if a.correct else "no",
                LETTERS[a.shown] if a.shown is not None and a.shown < len(LETTERS) else "",
                a.choice + 1 if a.choice >= 0 else "",
                f"{a.seconds:g}",
                a.confidence or "",
                a.miss_reason or "",
            ]
        )
    return out.getvalue()


def _html(text: str) -> str:
    """Anki renders fields as HTML: hard line breaks of the YAML joined (paragraphs and
    list items kept), markup escaped."""
    escaped = reflow(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("\n", "<br>")


def anki_csv(bank: Bank, answers: Sequence[AnswerRecord]) -> str:
    """Missed questions (not yet answered right since) as Anki notes: front, back, tags.

    The header lines tell Anki the separator, that fields are HTML, and which
    column holds the tags, so File > Import needs no settings.
    """
    histories = question_histories(answers)
    out = io.StringIO()
    out.write("#separator:Comma\n#html:true\n#tags column:3\n")
    writer = csv.writer(out, lineterminator="\n")
    for qid, history in histories.items():
        question = bank.questions.get(qid)
        if question is None or not history.missed_and_not_fixed:
            continue
        choices = "<br>".join(
            f"{letter}. {_html(c.text)}"
            for letter, c in zip("ABCDE", question.choices, strict=False)
        )
        correct = question.choices[question.correct_index]
        letter = "ABCDE"[question.correct_index]
        front = f"{_html(question.stem)}<br><br>{choices}"
        explanation = _html(question.explanation) or f"<i>{NO_EXPLANATION}</i>"
        back = f"<b>{letter}. {_html(correct.text)}</b><br><br>{explanation}"
        if question.references:  # a user bank may leave them out
            references = "<br>".join(_html(ref) for ref in question.references)
            back += f"<br><br><i>References</i><br>{references}"
        tags = f"ciip {question.topic.replace('.', '_')} {question.id}"
        writer.writerow([front, back, tags])
    return out.getvalue()
