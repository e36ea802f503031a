"""The outline carries its provenance: sources, profiles, time basis, weights, topic kinds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from quizapp.cli import main
from quizapp.core.bank.loader import bundled_bank_dir, load_bank
from quizapp.core.bank.models import Outline
from quizapp.core.bank.summary import topic_label
from tests.conftest import MINI_OUTLINE


def mini() -> dict[str, Any]:
    data = yaml.safe_load(MINI_OUTLINE)
    assert isinstance(data, dict)
    return data


def error_of(data: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as caught:
        Outline.model_validate(data)
    return str(caught.value)


def test_the_mini_outline_is_valid() -> None:
    outline = Outline.model_validate(mini())
    assert outline.profile.id == "mini" and outline.profile.scored is None
    assert outline.source("mini-board").citation == "Mini board, exam page, example.org (2024-03)"


def test_an_outline_task_names_its_task_and_a_study_topic_has_none() -> None:
    data = mini()
    del data["domains"][0]["topics"][0]["task"]
    assert "names the task it follows" in error_of(data)
    data = mini()
    data["domains"][1]["topics"][0]["task"] = "B.1 Something"
    assert "follows no outline task" in error_of(data)
    data = mini()
    data["domains"][1]["topics"][0]["kind"] = "abii-task"
    assert "kind" in error_of(data)


def test_profiles_and_weights_cite_a_listed_source() -> None:
    data = mini()
    data["profiles"][0]["source"] = "a-prep-site"
    assert "cites source 'a-prep-site', which is not in sources" in error_of(data)
    data = mini()
    data["weights"]["source"] = "nowhere"
    assert "weights cites source 'nowhere'" in error_of(data)
    data = mini()
    data["sources"][0]["date"] = "March 2020"
    assert "date" in error_of(data)


def test_a_split_is_given_whole_or_not_at_all() -> None:
    data = mini()
    data["profiles"][0]["scored"] = 4
    assert "give both scored and unscored, or neither" in error_of(data)
    data = mini()
    data["profiles"][1]["unscored"] = 2
    assert "must equal questions" in error_of(data)


def test_weights_add_up_to_their_total() -> None:
    data = mini()
    data["weights"]["total"] = 130
    assert "domain weights add up to 5, not weights.total (130)" in error_of(data)


def test_the_time_limit_says_whether_it_is_published_or_assumed() -> None:
    data = mini()
    data["time_limit"]["basis"] = "published"
    assert "a published time limit needs its source" in error_of(data)
    data["time_limit"]["source"] = "mini-board"
    Outline.model_validate(data)
    data = mini()
    data["time_limit"]["source"] = "mini-board"
    assert "an assumed time limit has no source" in error_of(data)


def test_bundled_profiles_and_provenance() -> None:
    result = load_bank(bundled_bank_dir())
    assert result.bank is not None
    outline = result.bank.outline
    current = outline.profile
    assert (current.name, current.questions) == ("current: 160 questions", 160)
    assert outline.source(current.source).title == "ABII, About the Exam"
    assert outline.source(current.source).date == "2020-03"
    assert outline.source(outline.weights.source).date == "2018-06"
    assert outline.time_limit.basis == "assumption"
    assert "our assumption" in outline.time_limit.note


def test_labels_never_show_our_codes_as_abii_tasks() -> None:
    result = load_bank(bundled_bank_dir())
    assert result.bank is not None
    outline = result.bank.outline
    assert outline.topic_heading("C.3") == "C Operations · study topic: service management"
    assert outline.topic_heading("F.2") == "F Image Management · study topic: DICOM services"
    assert outline.topic_heading("A.2") == "A Procurement · outline task: vendor selection"
    assert result.bank.topic_heading("C.3") == outline.topic_heading("C.3")  # the bank's too
    for code in outline.topics:
        assert code not in outline.topic_heading(code)
    assert topic_label("HL7 v2 messaging", "study-topic") == "study topic: HL7 v2 messaging"


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Service management", "study topic: service management"),
        ("Networking", "study topic: networking"),  # one word: no space after it
        ("An overview", "study topic: an overview"),
        ("Image DICOM services", "study topic: image DICOM services"),
        ("IPv6 addressing", "study topic: IPv6 addressing"),  # not a capitalised word
        ("A", "study topic: A"),
    ],
)
def test_a_topic_label_lowers_only_a_capitalised_first_word(name: str, label: str) -> None:
    assert topic_label(name, "study-topic") == label


def test_validate_json_reports_the_profiles(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--json"]) == 0
    profiles = json.loads(capsys.readouterr().out)["profiles"]
    assert [(p["name"], p["questions"], p["minutes"], p["default"]) for p in profiles] == [
        ("current: 160 questions", 160, 160, True),
        ("2018 outline: 150 questions (130 scored + 20 pilot)", 150, 150, False),
    ]
    assert profiles[0]["source"].startswith("ABII, About the Exam")
    assert profiles[1]["source"].startswith("ABII CIIP Test Content Outline")
    assert all(p["minutes_basis"] == "assumption" for p in profiles)


def test_validate_json_profiles_of_a_given_bank(
    mini_bank: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--json", str(mini_bank)]) == 0
    [default] = [p for p in json.loads(capsys.readouterr().out)["profiles"] if p["default"]]
    assert default == {
        "id": "mini",
        "name": "mini: 5 questions",
        "questions": 5,
        "minutes": 5,
        "minutes_basis": "assumption",
        "scored": None,
        "unscored": None,
        "source": "Mini board, exam page, example.org (2024-03)",
        "source_date": "2024-03",
        "default": True,
    }
