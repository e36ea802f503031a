"""The candidate's progress in memory, and the one place a change is applied to it.

A change is an event: the same dict is appended to the journal and applied
here, both when the candidate makes it and when the journal is read back at
start-up or taken in from another instance. Applying an event either changes
the state completely or raises ``ValueError`` and changes nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError

from quizapp.core.controls import check_text
from quizapp.core.progress.answers import (
    CONFIDENCES,
    MISS_REASONS,
    AnswerRecord,
    check_exam_date_setting,
    exam_date_setting,
)
from quizapp.core.progress.data import ProgressData
from quizapp.core.progress.exam_records import ExamRecord, ExamState
from quizapp.core.progress.history import AnswerIndex
from quizapp.core.progress.journal import Event
from quizapp.core.progress.scheduling import (
    card_from_json,
    card_to_json,
    cards_to_json,
    rebuild_cards,
    review,
)

EXAM_EVENTS = frozenset(
    {"start", "answer", "change", "flag", "strike", "move", "clock", "pause", "resume", "leave"}
)
"""Exam events that change the exam in progress (``submit`` and ``abandon`` end it)."""
_DICT_FIELDS = ("answers", "struck", "seconds_on")
"""Fields of ``ExamState`` an exam event patches key by key."""


class ProgressState:
    """``ProgressData`` plus its per-question index, changed only by ``apply``."""

    def __init__(self, data: ProgressData) -> None:
        self.data = data
        self.index = AnswerIndex()
        self.known_ids = {answer.id for answer in data.answers}
        if len(self.known_ids) < len(data.answers):  # an id stored twice counts once
            first: dict[str, AnswerRecord] = {}
            for answer in data.answers:
                first.setdefault(answer.id, answer)
            data.answers = list(first.values())
        # A stored card that cannot be read is dropped: it is rebuilt from the answers.
        data.cards = {
            qid: raw for qid, raw in data.cards.items() if card_from_json(raw) is not None
        }
        self.index.sync(data.answers)

    @property
    def exam_date(self) -> date | None:
        return exam_date_setting(self.data.settings)

    # -- applying events -------------------------------------------------------

    def apply(self, event: Event) -> None:
        """Apply one event (as appended to the journal); ValueError if it is malformed."""
        op = event.get("op", "answer" if "answer" in event else None)
        handler = _HANDLERS.get(op) if isinstance(op, str) else None
        if handler is None:
            raise ValueError(f"unknown change {op!r}")
        try:
            handler(self, event)
        except (KeyError, TypeError, ValidationError) as exc:
            raise ValueError(f"malformed {op} change: {exc}".splitlines()[0]) from None

    def _answer(self, event: Event) -> None:
        self.add_answer(AnswerRecord.from_json(event["answer"]))

    def add_answer(self, answer: AnswerRecord) -> bool:
        """Append an answer (once per id) and move its question's card on; False if known."""
        if answer.id in self.known_ids:
            return False
        self.known_ids.add(answer.id)
        self.data.answers.append(answer)
        self.index.sync(self.data.answers)
        if answer.skipped:
            return True  # nothing was chosen: nothing to schedule
        qid = answer.question_id
        card = card_from_json(self.data.cards.get(qid))
        if card is not None and (card.last_review is None or card.last_review <= answer.at):
            updated = review(card, answer, self.index.histories[qid].wrong > 0, self.exam_date)
        else:  # no usable card, or an answer older than the card: replay in time order
            updated = rebuild_cards(self.index.answers_for(qid), self.exam_date)[qid]
        self.data.cards[qid] = card_to_json(updated)
        return True

    def _note(self, event: Event) -> None:
        answer_id = event["id"]
        confidence, miss_reason = event.get("confidence"), event.get("miss_reason")
        if confidence is not None and confidence not in CONFIDENCES:
            raise ValueError(f"confidence {confidence!r}")
        if miss_reason is not None and miss_reason not in MISS_REASONS:
            raise ValueError(f"miss reason {miss_reason!r}")
        for position in range(len(self.data.answers) - 1, -1, -1):
            answer = self.data.answers[position]
            if answer.id == answer_id:
                update: dict[str, Any] = {}
                if confidence is not None:
                    update["confidence"] = confidence
                if miss_reason is not None:
                    update["miss_reason"] = miss_reason
                self.data.answers[position] = answer._replace(**update)
                qid = answer.question_id
                cards = rebuild_cards(self.index.answers_for(qid), self.exam_date)
                self.data.cards[qid] = card_to_json(cards[qid])
                return

    def _flag(self, event: Event) -> None:
        question_id, flagged = event["question_id"], event["flagged"]
        if not isinstance(question_id, str) or not isinstance(flagged, bool):
            raise ValueError("a flag needs a question id and true or false")
        check_text(question_id)
        if flagged and question_id not in self.data.flagged:
            self.data.flagged.append(question_id)
        elif not flagged and question_id in self.data.flagged:
            self.data.flagged.remove(question_id)

    def _setting(self, event: Event) -> None:
        key, value = event["key"], event["value"]
        if not isinstance(key, str):
            raise ValueError("a setting needs a name")
        if key == "exam_date":
            check_exam_date_setting(value)
        before = self.exam_date
        self.data.settings[key] = value
        if key == "exam_date" and self.exam_date != before:
            # Every missed question's next review is capped to the day before the exam.
            self.data.cards = cards_to_json(rebuild_cards(self.data.answers, self.exam_date))

    def _exam(self, event: Event) -> None:
        kind = event["event"]
        if kind == "submit":
            self._submit(ExamRecord.model_validate(event["record"]), event.get("seconds_on", {}))
        elif kind == "abandon":
            active = self.data.active_exam
            if active is not None and active.id == event["exam_id"]:
                self.data.active_exam = None
        elif kind == "start":
            self.data.active_exam = ExamState.model_validate(event["state"])
        elif kind in EXAM_EVENTS:
            active = self.data.active_exam
            if active is None or active.id != event["exam_id"]:
                return  # an event of an exam already ended (another instance ended it)
            self.data.active_exam = patched_exam(active, event["set"])
        else:
            raise ValueError(f"unknown exam event {kind!r}")

    def _submit(self, record: ExamRecord, seconds_on: Any) -> None:
        if not isinstance(seconds_on, dict):
            raise ValueError("seconds_on must be an object")
        answers = exam_answers(record, {int(k): float(v) for k, v in seconds_on.items()})
        active = self.data.active_exam
        if active is not None and active.id == record.id:
            self.data.active_exam = None
        if any(r.id == record.id for r in self.data.exam_history):
            return
        self.data.exam_history.append(record)
        for answer in answers:
            self.add_answer(answer)

    def _fold(self, event: Event) -> None:
        """The head of a folded journal: nothing to apply (the snapshot has it)."""


_HANDLERS = {
    "answer": ProgressState._answer,
    "note": ProgressState._note,
    "flag": ProgressState._flag,
    "setting": ProgressState._setting,
    "exam": ProgressState._exam,
    "fold": ProgressState._fold,
}


def exam_answers(record: ExamRecord, seconds_on: dict[int, float]) -> list[AnswerRecord]:
    """A finished exam's questions as answers (left unanswered: choice -1, wrong, and
    ``skipped``: kept in the log, left out of accuracy and scheduling)."""
    return [
        AnswerRecord(
            id=f"{record.id}-{position}",
            question_id=question_id,
            choice=record.chosen[position],
            correct=record.correct_at(position),
            seconds=round(seconds_on.get(position, 0.0), 2),
            mode="exam",
            at=record.finished_at,
            shown=_shown_at(record, position),
        )
        for position, question_id in enumerate(record.question_ids)
    ]


def _shown_at(record: ExamRecord, position: int) -> int | None:
    """Where the chosen option was shown, when the record keeps the order."""
    order, chosen = record.order_at(position), record.chosen[position]
    return order.index(chosen) if order is not None and chosen in order else None


# -- exam patches: what changed between two saves of the exam in progress --------


def exam_patch(before: ExamState, after: ExamState) -> dict[str, Any]:
    """The fields of ``after`` that differ from ``before``; per key for the dict fields.

    A removed key of a dict field is written as null. Applying the patch to
    ``before`` (``patched_exam``) gives ``after``; applying it twice changes nothing.
    """
    old, new = before.model_dump(mode="json"), after.model_dump(mode="json")
    patch: dict[str, Any] = {}
    for key, value in new.items():
        if key in _DICT_FIELDS:
            was = old.get(key) or {}
            changed = {k: v for k, v in value.items() if was.get(k) != v}
            changed.update({k: None for k in was if k not in value})
            if changed:
                patch[key] = changed
        elif old.get(key) != value:
            patch[key] = value
    return patch


def patched_exam(state: ExamState, patch: Any) -> ExamState:
    """``state`` with ``patch`` (from ``exam_patch``) applied; ValidationError if it misfits."""
    if not isinstance(patch, dict):
        raise ValueError("an exam change must be an object")
    raw = state.model_dump(mode="json")
    for key, value in patch.items():
        if key in _DICT_FIELDS and isinstance(value, dict):
            merged = dict(raw.get(key) or {})
            for k, v in value.items():
                if v is None:
                    merged.pop(k, None)
                else:
                    merged[k] = v
            raw[key] = merged
        elif key != "id":
            raw[key] = value
    return ExamState.model_validate(raw)
