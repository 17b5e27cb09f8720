"""The training evaluation: the form's data, ratings, answers, commitments and the chart."""

import re
from datetime import date, timedelta

import pytest
import yaml

from dgtkit.charts.evaluation import ratings_alt_text, ratings_chart
from dgtkit.models.checks import FormErrors
from dgtkit.models.evaluation import (
    TrainingEvaluation,
    evaluation_form,
    new_commitment,
    parse_form,
)
from dgtkit.models.text import FieldError
from tests.conftest import REPO

PAGE = (REPO / "book/m7-wrap-up/7-2-evaluation.md").read_text("utf-8")
BIB_KEYS = set(
    re.findall(r"^@\w+\{([^,]+),", (REPO / "book/references.bib").read_text("utf-8"), flags=re.M)
)
TODAY = date(2026, 3, 6)  # a single-digit day: no "06 March"


def commitment(what="Present our action plan to the head of department", days=28, **parts):
    return new_commitment(
        what,
        TODAY + timedelta(days=days),
        parts.get("how_known", ""),
        parts.get("who_knows", ""),
        today=TODAY,
    )


# -- the form's data ----------------------------------------------------------------------------


def test_the_form_matches_session_7_2():
    form = evaluation_form()
    assert (form.lowest, form.highest) == (1, 5)
    assert [q.short for q in form.ratings] == [
        "Relevance to my work",
        "Clarity",
        "Pace",
        "Exercises",
        "Facilitation",
    ]
    assert (
        "what was most useful for your work, what was unclear, and what the course should "
        "change" in PAGE
    )
    assert [q.id for q in form.texts] == ["most_useful", "unclear", "to_change"]
    table = re.findall(
        r"^\| (What I will do|By when|How I will know it is done|Who will know "
        r"about it) \| (.+) \|$",
        PAGE,
        flags=re.M,
    )
    assert [example for _label, example in table] == [p.example for p in form.parts]
    assert "one to three personal commitments" in PAGE and (form.least, form.most) == (1, 3)
    assert form.follow_up.lower() in PAGE.lower()


def test_every_source_is_a_reference_or_the_courses_own():
    form = evaluation_form()
    assert set(form.citations) <= BIB_KEYS | {"course"}
    assert {level["name"] for level in form.levels.values()} == {"Reaction", "Behaviour"}


def test_a_broken_form_is_refused():
    raw = yaml.safe_load((REPO / "dgtkit/course/evaluation.yaml").read_text("utf-8"))
    raw["reaction"]["source"] = "a-blog"
    with pytest.raises(ValueError, match="a-blog"):
        parse_form(raw)
    raw = yaml.safe_load((REPO / "dgtkit/course/evaluation.yaml").read_text("utf-8"))
    raw["commitments"]["parts"].pop()
    with pytest.raises(ValueError, match="parts"):
        parse_form(raw)


# -- ratings and answers ------------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, 6, True, "4", 3.5])
def test_a_rating_is_a_whole_number_from_1_to_5(value):
    with pytest.raises(FieldError, match="whole number from 1 to 5") as error:
        TrainingEvaluation().rate("pace", value)
    assert error.value.field == "pace"


def test_ratings_and_answers_are_kept():
    evaluation = TrainingEvaluation()
    evaluation.rate("relevance", 5)
    evaluation.rate("relevance", None)
    evaluation.rate("pace", 2)
    evaluation.write("unclear", "  The   logframe ")
    assert evaluation.ratings["pace"] == 2 and evaluation.ratings["relevance"] is None
    assert evaluation.texts["unclear"] == "The logframe"
    with pytest.raises(FieldError, match="too long"):
        evaluation.write("to_change", "x" * 10_000)
    with pytest.raises(FieldError, match="not in the survey"):
        evaluation.rate("lunch", 5)
    with pytest.raises(FieldError, match="not in the survey"):
        evaluation.write("lunch", "good")


# -- commitments --------------------------------------------------------------------------------


def test_a_commitment_needs_a_what_and_a_date_after_today():
    with pytest.raises(FormErrors) as errors:
        new_commitment("  ", None, "", "", today=TODAY)
    assert errors.value.by_field == {
        "what": "What I will do is empty. Please fill it in.",
        "by_when": "Choose the date by when you will have done it.",
    }
    for when in (TODAY, TODAY - timedelta(days=3)):
        with pytest.raises(FormErrors) as errors:
            new_commitment("Brief my director", when, "", "", today=TODAY)
        assert "Choose a date after today (6 March 2026)" in errors.value.by_field["by_when"]
    with pytest.raises(FormErrors) as errors:
        new_commitment("Brief my director", TODAY + timedelta(days=400), "", "", today=TODAY)
    assert "within a year" in errors.value.by_field["by_when"]
    with pytest.raises(FormErrors) as errors:
        new_commitment("Brief my director", "next week", "x" * 10_000, "", today=TODAY)
    assert set(errors.value.by_field) == {"by_when", "how_known"}
    assert new_commitment("Brief", "2026-03-07", "", "", today=TODAY).by_when == date(2026, 3, 7)


def test_one_to_three_different_commitments():
    evaluation = TrainingEvaluation(today=TODAY)
    assert not {c.id: c for c in evaluation.checks()}["commitments"].passed
    for n in range(3):
        evaluation.add_commitment(commitment(f"Commitment {n}"))
    with pytest.raises(FormErrors, match="3 commitments already"):
        evaluation.add_commitment(commitment("A fourth"))
    evaluation.remove_commitment(evaluation.commitments[0].id)
    with pytest.raises(FormErrors, match="made this commitment already"):
        evaluation.add_commitment(commitment("commitment 1"))
    checks = {c.id: c for c in evaluation.checks()}
    assert checks["commitments"].passed and checks["commitments"].reason == "2 commitments so far."
    assert checks["ratings"].reason.startswith("Still to rate: Relevance to my work, Clarity")


# -- saving -------------------------------------------------------------------------------------


def filled() -> TrainingEvaluation:
    evaluation = TrainingEvaluation(today=TODAY)
    evaluation.rate("exercises", 5)
    evaluation.write("most_useful", "The skills-gap matrix")
    evaluation.add_commitment(commitment(who_knows="My team member from planning"))
    return evaluation


def test_round_trip():
    evaluation = filled()
    data = evaluation.to_dict()
    assert data["commitments"][0]["by_when"] == "2026-04-03"
    assert TrainingEvaluation.from_dict(data) == evaluation


def test_a_commitment_whose_date_has_passed_is_still_loaded():
    data = filled().to_dict()
    data["commitments"][0]["by_when"] = "2020-01-31"
    assert TrainingEvaluation.from_dict(data).commitments[0].by_when == date(2020, 1, 31)


def test_loading_is_tolerant_of_missing_and_outdated_parts():
    assert TrainingEvaluation.from_dict({}) == TrainingEvaluation()
    data = {
        "ratings": {"pace": 9, "lunch": 5, "clarity": 3},
        "texts": {"old": "x"},
        "commitments": [
            {"what": "", "by_when": "2026-05-01"},
            {"what": "Brief", "by_when": "2026-05-01"},
        ],
    }
    model = TrainingEvaluation.from_dict(data)
    assert model.ratings["clarity"] == 3 and model.ratings["pace"] is None
    assert [c.what for c in model.commitments] == ["Brief"]


@pytest.mark.parametrize(
    "garbage",
    [
        [],
        "x",
        {"commitments": "Brief"},
        {"commitments": ["Brief"]},
        {"commitments": [{"what": "Brief"}]},
        {"ratings": ["pace"]},
    ],
)
def test_garbage_is_refused(garbage):
    with pytest.raises((TypeError, ValueError, KeyError)):
        TrainingEvaluation.from_dict(garbage)


# -- the chart ----------------------------------------------------------------------------------


def test_the_chart_prints_each_rating_and_says_what_is_not_rated():
    evaluation = filled()
    evaluation.rate("pace", 2)
    axes = ratings_chart(evaluation).axes[0]
    texts = [t.get_text() for t in axes.texts]
    assert "5 of 5" in texts and "2 of 5" in texts and texts.count("not rated yet") == 3
    labels = [t.get_text() for t in axes.get_yticklabels()]
    assert "Relevance to my work\n(1 = Not useful, 5 = Very useful)" in labels
    alt = ratings_alt_text(evaluation)
    assert "Pace 2 of 5" in alt and "Exercises 5 of 5" in alt and "Clarity not rated yet" in alt
