"""Ex 8 driven from Python: rate, choose and write as a team would, then check the model and
the workbook; the pre-fill from Ex 5; bad input; reopening restores everything."""

import pytest

from dgtkit.exercises.ex05_situation import SituationAnalysisLab
from dgtkit.exercises.ex08_structure import OrganizationStructure
from dgtkit.models.structure import EXERCISE_KEY
from dgtkit.store.workbook import Workbook

HOSTILE = "<script>alert(1)</script>"
CONTEXT = {"capacity": 2, "size": 2, "diversity": 4, "leadership": 3, "sharing": 1}


@pytest.fixture
def workbook(tmp_path):
    return Workbook(tmp_path / "workbook.sqlite", participant="team-a")


def saved(workbook):
    revision = workbook.latest(EXERCISE_KEY)
    return revision.data if revision else None


def rate(view, ratings=CONTEXT):
    for factor_id, rating in ratings.items():
        view.ratings[factor_id].value = rating


def ex05_today(workbook, **levels):
    lab = SituationAnalysisLab(workbook)
    for pillar, level in levels.items():
        lab.view.assessment.today[pillar].value = level


def test_every_input_has_a_visible_label(workbook):
    view = OrganizationStructure(workbook).view
    fields = [*view.ratings.values(), view.recommendation, *view.texts.values()]
    assert all(field.description for field in fields)
    capacity = view.ratings["capacity"]
    assert capacity.description == "Digital capacity of units"
    assert capacity.options[0] == ("Not rated yet", 0)
    assert capacity.options[1][0].startswith("1 Very few")


def test_the_three_structures_of_session_5_3_are_shown(workbook):
    view = OrganizationStructure(workbook).view
    page = "".join(c.value for c in view.widget.children if hasattr(c, "value"))
    for name in ("Centralized", "Federal", "Decentralized"):
        assert f"<th scope='row'>{name}</th>" in page
    assert "This scoring is this course's own teaching model" in page


def test_capacity_is_prefilled_from_ex5_and_the_form_says_so(workbook):
    ex05_today(workbook, skills=2, organization=3)
    exercise = OrganizationStructure(workbook)
    view = exercise.view
    assert view.ratings["capacity"].value == 2
    assert "Pre-filled from your Ex 5 self-assessment" in view.prefill_notes["capacity"].value
    assert "their average is 2.5, rounded down to 2" in view.prefill_notes["capacity"].value
    assert "you rated 2 (low), which favours centralized" in view.explanations["capacity"].value
    assert view.prefill_notes["size"].value == ""
    view.ratings["size"].value = 1  # the first change saves the pre-fill with it
    data = saved(workbook)
    assert data["ratings"]["capacity"] == 2 and "capacity" in data["prefilled"]


def test_without_ex5_nothing_is_prefilled(workbook):
    view = OrganizationStructure(workbook).view
    assert view.ratings["capacity"].value == 0
    assert view.prefill_notes["capacity"].value == ""
    assert "No factor rated yet, so no fit score." in view.summary.value


def test_changing_the_prefilled_rating_drops_the_note(workbook):
    ex05_today(workbook, skills=2)
    view = OrganizationStructure(workbook).view
    view.ratings["capacity"].value = 4
    assert view.prefill_notes["capacity"].value == ""
    assert saved(workbook)["prefilled"] == {}
    assert saved(workbook)["ratings"]["capacity"] == 4


def test_a_saved_exercise_is_not_prefilled_again(workbook):
    first = OrganizationStructure(workbook)
    first.view.ratings["capacity"].value = 5
    ex05_today(workbook, skills=1, organization=1)
    again = OrganizationStructure(workbook)
    assert again.view.ratings["capacity"].value == 5
    assert again.view.prefill_notes["capacity"].value == ""


def test_rating_the_context_saves_and_shows_the_scores_with_their_arithmetic(workbook):
    exercise = OrganizationStructure(workbook)
    view = exercise.view
    rate(view)
    data = saved(workbook)
    assert data["ratings"] == CONTEXT
    assert data["scores"] == {"centralized": 9, "federal": 7, "decentralized": 3}
    assert data["best"] == ["centralized"]
    assert "Best fit: centralized, 9 of 12 points." in view.summary.value
    assert "Centralized: 4 (digital capacity of units) + 2 (size and number of units)" in (
        view.arithmetic.value
    )
    assert "<img" in view.chart.value
    assert "out of 12: Centralized 9; Federal 7; Decentralized 3." in view.chart.value  # alt


def test_unrating_a_factor_takes_its_points_away(workbook):
    view = OrganizationStructure(workbook).view
    rate(view)
    view.ratings["capacity"].value = 0
    assert saved(workbook)["ratings"]["capacity"] is None
    assert saved(workbook)["scores"] == {"centralized": 5, "federal": 5, "decentralized": 3}
    assert "1 of 5 factors not rated yet." in view.summary.value


def test_choosing_another_structure_than_the_best_fit_asks_why(workbook):
    exercise = OrganizationStructure(workbook)
    view = exercise.view
    rate(view)
    view.recommendation.value = "federal"
    assert saved(workbook)["recommendation"] == "federal"
    assert "but centralized fits best (9 points)" in view.checklist.value
    view.texts["departure_reason"].value = "Our three largest departments already have teams."
    assert saved(workbook)["departure_reason"].startswith("Our three largest")
    assert "and said why" in view.checklist.value


def test_a_decentralized_choice_asks_how_silos_are_prevented(workbook):
    view = OrganizationStructure(workbook).view
    view.recommendation.value = "decentralized"
    assert view.texts["risk"].description == "How we prevent silos"
    assert "How you will prevent silos" in view.checklist.value
    view.recommendation.value = "federal"
    assert view.texts["risk"].description == "Risk we will manage"


def test_a_complete_recommendation_passes_the_checklist(workbook):
    exercise = OrganizationStructure(workbook)
    view = exercise.view
    rate(view)
    view.recommendation.value = "centralized"
    view.texts["reasons"].value = "Four digital staff in all; silos between departments."
    view.texts["risk"].value = "A bottleneck: agree service levels with each department."
    view.texts["first_step"].value = "The mayor names the head of the digital unit."
    assert exercise.model.passes()
    assert "Not yet" not in view.checklist.value
    assert saved(workbook)["first_step"] == "The mayor names the head of the digital unit."


def test_text_too_long_is_refused_next_to_its_field_and_nothing_changes(workbook):
    exercise = OrganizationStructure(workbook)
    view = exercise.view
    view.texts["reasons"].value = "Pooled staff."
    before = workbook.latest(EXERCISE_KEY)
    view.texts["reasons"].value = "x" * 10_000
    assert "The text &#x27;Our reasons&#x27; is too long" in view.text_messages["reasons"].value
    assert workbook.latest(EXERCISE_KEY).id == before.id
    assert exercise.model.reasons == "Pooled staff."
    view.texts["reasons"].value = "Pooled staff and shared rules."
    assert view.text_messages["reasons"].value == ""


def test_hostile_text_is_saved_as_text_and_never_shown_as_html(workbook):
    exercise = OrganizationStructure(workbook)
    view = exercise.view
    for name in ("reasons", "risk", "first_step", "departure_reason"):
        view.texts[name].value = HOSTILE
    assert saved(workbook)["reasons"] == HOSTILE
    for html in (view.checklist.value, view.summary.value, view.arithmetic.value):
        assert "<script>" not in html


def test_reopening_restores_everything(workbook):
    ex05_today(workbook, skills=3, organization=3)
    first = OrganizationStructure(workbook)
    view = first.view
    rate(view, {k: v for k, v in CONTEXT.items() if k != "capacity"})
    view.recommendation.value = "federal"
    view.texts["reasons"].value = "Reasons"
    view.texts["departure_reason"].value = "Why"
    view.texts["risk"].value = "Risk"
    view.texts["first_step"].value = "Step"
    again = OrganizationStructure(workbook)
    assert again.model == first.model
    assert again.view.ratings["capacity"].value == 3
    assert "Pre-filled from your Ex 5" in again.view.prefill_notes["capacity"].value
    assert again.view.recommendation.value == "federal"
    assert {n: t.value for n, t in again.view.texts.items()} == {
        "reasons": "Reasons",
        "departure_reason": "Why",
        "risk": "Risk",
        "first_step": "Step",
    }


def test_unreadable_saved_answers_start_afresh_from_ex5_and_say_so(workbook):
    ex05_today(workbook, organization=4)
    workbook.save(EXERCISE_KEY, {"ratings": {"size": 99}})
    exercise = OrganizationStructure(workbook)
    assert "could not be read" in exercise.view.status.value
    assert exercise.model.ratings["size"] is None
    assert exercise.model.ratings["capacity"] == 4


def test_a_chart_failure_never_loses_an_answer(workbook, monkeypatch):
    def broken(_model):
        raise RuntimeError("no fonts")

    monkeypatch.setattr("dgtkit.widgets.structure.fit_chart", broken)
    view = OrganizationStructure(workbook).view
    view.ratings["size"].value = 2
    assert saved(workbook)["ratings"]["size"] == 2
    assert "The chart could not be drawn (no fonts). Your answers are saved." in view.chart.value
