"""An answered question shown again: lettered in the order shown, the answer and key marked."""

from __future__ import annotations

from quizapp.core.bank.models import Choice, Question
from quizapp.core.sessions.answered import review_markdown, shown_choices

QUESTION = Question(
    id="q-one",
    topic="A.1",
    stem="First line of the stem\ncontinues here.",
    choices=[
        Choice(text="Zero"),
        Choice(text="One", correct=True),
        Choice(text="Two *starred*"),
        Choice(text="Three"),
    ],
    explanation="Because\nof reasons.\n\n- a list item",
    references=["Ref 1"],
    difficulty=1,
)


def test_shown_choices_follow_the_display_order() -> None:
    shown = shown_choices(QUESTION, [3, 1, 0, 2], chosen_original=0)
    assert [(c.letter, c.text) for c in shown] == [
        ("A", "Three"),
        ("B", "One"),
        ("C", "Zero"),
        ("D", "Two *starred*"),
    ]
    assert [c.letter for c in shown if c.correct] == ["B"]
    assert [c.letter for c in shown if c.chosen] == ["C"]


def test_shown_choices_without_an_order_are_in_the_bank_order() -> None:
    assert [c.text for c in shown_choices(QUESTION, None, None)] == [
        "Zero",
        "One",
        "Two *starred*",
        "Three",
    ]


def test_review_markdown_says_what_was_answered_and_how_long_it_took() -> None:
    text = review_markdown(QUESTION, [3, 1, 0, 2], 0, 42)
    assert text.startswith("First line of the stem continues here.")
    assert "- **C.** Zero  (*your answer*)" in text
    assert "- **B.** One  (✔ **the answer**)" in text
    assert "- **D.** Two \\*starred\\*" in text  # bank text is not read as formatting
    assert "You answered **C**; the answer is **B**. 42s on this question." in text
    assert "Because of reasons.\n\n- a list item" in text
    unanswered = review_markdown(QUESTION, None, None)
    assert "You left it unanswered; the answer is **B**." in unanswered
    assert "bank's order" in unanswered


def test_review_markdown_in_full() -> None:
    question = QUESTION.model_copy(
        update={"stem": "An X-ray [study] <b>", "references": ["Ref 1", "Ref #2"]}
    )
    assert review_markdown(question, [3, 1, 0, 2], 1, 61).split("\n") == [
        "An X-ray \\[study\\] \\<b\\>",
        "",
        "- **A.** Three",
        "- **B.** One  (✔ **the answer**, *your answer*)",
        "- **C.** Zero",
        "- **D.** Two \\*starred\\*",
        "",
        "You answered **B**; the answer is **B**. 1m 01s on this question.",
        "",
        "### Explanation",
        "",
        "Because of reasons.",
        "",
        "- a list item",
        "",
        "### References",
        "",
        "- Ref 1",
        "- Ref \\#2",
    ]
    unordered = review_markdown(question.model_copy(update={"references": []}), None, None)
    assert unordered.split("\n")[7:] == [
        "You left it unanswered; the answer is **B**. (Choices in the bank's order.)",
        "",
        "### Explanation",
        "",
        "Because of reasons.",
        "",
        "- a list item",
    ]
