"""Loader: valid banks load; every error kind is reported with its file and line."""

from __future__ import annotations

from pathlib import Path

from quizapp.core.bank.loader import bundled_bank_dir, load_bank, load_question_file
from tests.conftest import outline_line, question_yaml, write_questions


def problems_of(path: Path) -> list[tuple[int, str]]:
    _, problems = load_question_file(path)
    return [(p.line, p.message) for p in problems]


def test_mini_bank_loads(mini_bank: Path) -> None:
    result = load_bank(mini_bank)
    assert result.problems == []
    assert result.bank is not None
    assert sorted(result.bank.questions) == [
        "a1-one",
        "a1-two",
        "a2-one",
        "a2-two",
        "b1-one",
        "b1-two",
    ]
    assert result.bank.sources["a1-two"].line == 14
    assert result.bank.study_guides["A.1"].title == "A.1 First topic"
    assert result.bank.study_guides["A.1"].sections == [
        "What the exam covers",
        "Key facts and terms",
    ]


def test_two_correct_choices_names_the_question_line(tmp_path: Path) -> None:
    bad = question_yaml("a1-bad", correct=0).replace(
        "Option 1 of a1-bad", "Option 1 of a1-bad\n        correct: true"
    )
    path = write_questions(tmp_path / "q.yaml", question_yaml("a1-ok"), bad)
    assert problems_of(path) == [
        (14, "question 'a1-bad': exactly one choice must be correct, found 2")
    ]


def test_no_correct_choice(tmp_path: Path) -> None:
    item = question_yaml("a1-none").replace("\n        correct: true", "")
    path = write_questions(tmp_path / "q.yaml", item)
    assert problems_of(path) == [
        (2, "question 'a1-none': exactly one choice must be correct, found 0")
    ]


def test_duplicate_choice_text(tmp_path: Path) -> None:
    item = question_yaml("a1-dup").replace("Option 3 of a1-dup", "option 2 OF a1-dup")
    path = write_questions(tmp_path / "q.yaml", item)
    [(line, message)] = problems_of(path)
    assert line == 2 and "duplicate choice text" in message


def test_missing_field_points_at_the_question(tmp_path: Path) -> None:
    item = question_yaml("a1-noexp").replace(
        "    explanation: Because option 0 is right and the others are wrong.\n", ""
    )
    path = write_questions(tmp_path / "q.yaml", question_yaml("a1-first"), item)
    assert problems_of(path) == [(14, "question 'a1-noexp': explanation: Field required")]


def test_wrong_type_points_at_the_field(tmp_path: Path) -> None:
    item = question_yaml("a1-diff").replace("difficulty: 2", "difficulty: hard")
    path = write_questions(tmp_path / "q.yaml", item)
    [(line, message)] = problems_of(path)
    assert line == 4
    assert message.startswith("question 'a1-diff': difficulty:")


def test_too_few_choices(tmp_path: Path) -> None:
    path = write_questions(tmp_path / "q.yaml", question_yaml("a1-two-choices", n=2))
    [(line, message)] = problems_of(path)
    assert line == 7 and "choices" in message


def test_unknown_key_is_reported(tmp_path: Path) -> None:
    item = question_yaml("a1-typo").replace("difficulty: 2", "dificulty: 2")
    path = write_questions(tmp_path / "q.yaml", item)
    messages = [m for _, m in problems_of(path)]
    assert any("dificulty: Extra inputs are not permitted" in m for m in messages)
    assert any("difficulty: Field required" in m for m in messages)


def test_all_problems_of_a_file_at_once(tmp_path: Path) -> None:
    one = question_yaml("a1-x").replace("difficulty: 2", "difficulty: 9")
    two = question_yaml("a1-y").replace("\n        correct: true", "")
    path = write_questions(tmp_path / "q.yaml", one, two)
    assert [line for line, _ in problems_of(path)] == [4, 14]


def test_yaml_syntax_error_has_its_line(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text("questions:\n  - id: a\n    stem: [unclosed\n    topic: A.1\n")
    [(line, message)] = problems_of(path)
    assert message.startswith("YAML syntax")
    assert line in (3, 4, 5)


def test_tab_indentation(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text("questions:\n\t- id: a\n")
    assert problems_of(path) == [(2, "tab used for indentation; indent with spaces")]


def test_empty_and_list_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    assert problems_of(empty) == [(1, "file is empty; expected a 'questions:' list")]
    listed = tmp_path / "list.yaml"
    listed.write_text("- id: a\n")
    assert problems_of(listed) == [(1, "expected a mapping with a 'questions:' list, found list")]


def test_python_tags_are_refused_not_executed(tmp_path: Path) -> None:
    path = tmp_path / "evil.yaml"
    marker = tmp_path / "pwned"
    path.write_text("questions: !!python/object/apply:os.system ['touch " + str(marker) + "']\n")
    [(line, message)] = problems_of(path)
    assert line == 1 and "YAML" in message
    assert not marker.exists()


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    [(_, message)] = problems_of(path)
    assert "alias bomb" in message


def test_non_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"questions:\n  - id: a\n    stem: caf\xe9\n")
    assert problems_of(path) == [(3, "not valid UTF-8 (byte 0xe9); save the file as UTF-8")]


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + ("questions:\n" + question_yaml("a1-bom")).encode())
    loaded, problems = load_question_file(path)
    assert problems == [] and loaded[0].question.id == "a1-bom"


def test_unknown_topic_and_duplicate_ids_across_files(mini_bank: Path) -> None:
    write_questions(
        mini_bank / "questions" / "c.yaml",
        question_yaml("a1-one", "A.1"),
        question_yaml("z9-x", "Z.9"),
    )
    result = load_bank(mini_bank)
    messages = [str(p) for p in result.problems]
    assert len(messages) == 2
    assert messages[0].endswith(
        "c.yaml:2: duplicate id 'a1-one' (first defined at "
        + messages[0].split("(first defined at ")[1]
    )
    assert "a.yaml:2)" in messages[0]
    assert "c.yaml:14: question 'z9-x': unknown topic 'Z.9'" in messages[1]


def test_extra_bank_merges_and_clashes_name_both_places(mini_bank: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    write_questions(extra / "mine.yaml", question_yaml("b1-extra", "B.1"))
    result = load_bank(mini_bank, [extra])
    assert result.problems == [] and result.bank is not None
    assert "b1-extra" in result.bank.questions
    write_questions(extra / "clash.yaml", question_yaml("b1-one", "B.1"))
    result = load_bank(mini_bank, [extra])
    [problem] = result.problems
    assert problem.file.endswith("clash.yaml") and problem.line == 2
    assert "b.yaml:2" in problem.message


def test_missing_study_guide_names_outline_line(mini_bank: Path) -> None:
    (mini_bank / "study_guide" / "a2.md").unlink()
    result = load_bank(mini_bank)
    [problem] = result.problems
    assert problem.file.endswith("outline.yaml") and problem.line == outline_line("a2.md")
    assert "study guide study_guide/a2.md not found" in problem.message


def test_bad_outline_is_reported(mini_bank: Path) -> None:
    outline = mini_bank / "outline.yaml"
    outline.write_text(outline.read_text().replace("weight: 3", "weight: -3"))
    result = load_bank(mini_bank)
    assert result.bank is None
    [problem] = result.problems
    assert problem.line == outline_line("weight: 3") and "weight" in problem.message


def test_bundled_bank_outline_is_valid() -> None:
    result = load_bank(bundled_bank_dir())
    assert result.bank is not None
    outline = result.bank.outline
    assert [d.code for d in outline.domains] == list("ABCDEFGHIJ")
    assert outline.total_weight == outline.weights.total == 130
    assert outline.profile.name == "current: 160 questions"
    assert outline.profile.questions == 160 and outline.profile.scored is None
    assert outline.minutes_for(160) == 160 and outline.time_limit.basis == "assumption"
    [old] = [p for p in outline.profiles if p is not outline.profile]
    assert (old.questions, old.scored, old.unscored) == (150, 130, 20)
    assert outline.source(old.source).date == "2018-06"
    kinds = {code: t.kind for code, t in outline.topics.items()}
    assert [c for c, k in kinds.items() if k == "outline-task"] == [
        "A.1",
        "A.2",
        "A.3",
        "B.1",
        "B.5",
        "B.2",
        "B.3",
    ]
    assert "A.4" not in kinds  # financial analysis sits under B's feasibility task (B.5)
    assert outline.topics["B.5"].task == "Project Feasibility"


def without_explanation(qid: str, topic: str) -> str:
    """A question as a user bank may write it: no explanation, no references."""
    text = question_yaml(qid, topic)
    return (
        "\n".join(
            line
            for line in text.splitlines()
            if not line.lstrip().startswith(("explanation:", "references:"))
        )
        + "\n"
    )


def test_a_user_bank_may_leave_out_explanation_and_references(
    mini_bank: Path, tmp_path: Path
) -> None:
    extra = tmp_path / "extra"
    write_questions(extra / "questions" / "mine.yaml", without_explanation("b1-mine", "B.1"))
    result = load_bank(mini_bank, [extra])
    assert result.problems == [] and result.bank is not None
    question = result.bank.questions["b1-mine"]
    assert question.explanation == "" and question.references == []


def test_the_bundled_rules_still_require_them(mini_bank: Path) -> None:
    write_questions(mini_bank / "questions" / "c.yaml", without_explanation("b1-bare", "B.1"))
    messages = sorted(p.message for p in load_bank(mini_bank).problems)
    assert messages == [
        "question 'b1-bare': explanation: Field required",
        "question 'b1-bare': references: Field required",
    ]


def test_validating_files_applies_the_rules_of_their_bank(mini_bank: Path, tmp_path: Path) -> None:
    inside = write_questions(
        mini_bank / "questions" / "c.yaml", without_explanation("b1-in", "B.1")
    )
    outside = write_questions(tmp_path / "user" / "d.yaml", without_explanation("b1-out", "B.1"))
    result = load_bank(mini_bank, only_files=[inside, outside])
    assert {p.file.rsplit("/", 1)[-1] for p in result.problems} == {"c.yaml"}
    assert result.bank is not None and "b1-out" in result.bank.questions


def test_non_utf8_after_a_bom_names_the_byte_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bom-latin1.yaml"
    path.write_bytes(b"\xef\xbb\xbfquestions:\n  - id: a\n    stem: caf\xe9\n")
    assert problems_of(path) == [(3, "not valid UTF-8 (byte 0xe9); save the file as UTF-8")]


def test_binary_data_in_a_text_field_is_named_as_such(mini_bank: Path) -> None:
    """``!!binary`` gives bytes, which no text field takes: the message says what it is."""
    (mini_bank / "questions" / "bin.yaml").write_text(
        "questions:\n"
        "  - id: a1-bin\n"
        "    topic: A.1\n"
        "    difficulty: 2\n"
        "    stem: !!binary G1syShtbSA==\n"
        "    choices:\n"
        "      - text: a\n"
        "        correct: true\n"
        "      - text: b\n"
        "      - text: c\n"
        "    explanation: Because.\n"
        "    references: [r]\n",
        encoding="utf-8",
    )
    messages = [p.message for p in load_bank(mini_bank).problems]
    assert any(m.endswith("stem: must be text, not binary data (!!binary)") for m in messages)
