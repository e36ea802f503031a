"""Shuffle a question's choices, keeping pinned choices where the author put them."""

from __future__ import annotations

import random

from quizapp.core.bank.models import Question


def shuffled_order(question: Question, rng: random.Random) -> list[int]:
    """Original choice indexes in display order; pinned choices keep their index."""
    free = [i for i, c in enumerate(question.choices) if not c.pinned]
    rng.shuffle(free)
    placed = iter(free)
    return [i if c.pinned else next(placed) for i, c in enumerate(question.choices)]
