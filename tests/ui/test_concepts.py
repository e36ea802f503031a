"""An exam never draws two questions of the same concept: one would give the other away."""

from __future__ import annotations

from quizapp.ui.screens.exam import ExamScreen
from tests.ui.conftest import AppFactory


async def test_an_exam_of_the_whole_bank_leaves_one_of_a_concept_out(
    make_concept_app: AppFactory,
) -> None:
    app = make_concept_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.bank.questions["a1-q00"].concept == "shared-idea"
        app.start_exam(30, 30, replace_screen=False)
        await pilot.pause()
        exam = app.screen
        assert isinstance(exam, ExamScreen)
        ids = set(exam.session.state.question_ids)
        assert len({"a1-q00", "b1-q00"} & ids) == 1
        assert exam.session.count == 29  # the bank can supply no more
