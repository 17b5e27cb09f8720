"""Ex 2 driven from Python: type and click as a team would, then check the model and the
workbook; bad input is refused next to its field; reopening restores everything."""

import pytest

from dgtkit.exercises.ex02_benefit_risk import BenefitRiskMatrix
from dgtkit.models.benefit_risk import EXERCISE_KEY
from dgtkit.store.workbook import Workbook

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture
def workbook(tmp_path):
    return Workbook(tmp_path / "workbook.sqlite", participant="team-a")


def saved(workbook):
    revision = workbook.latest(EXERCISE_KEY)
    return revision.data if revision else None


def add(view, kind, category, title, likelihood, impact, mitigation="", owner=""):
    view.kind.value = kind
    view.category.value = category
    view.title.value = title
    view.likelihood.value, view.impact.value = likelihood, impact
    view.mitigation.value, view.owner.value = mitigation, owner
    view.save_item.click()


def filled(workbook) -> BenefitRiskMatrix:
    exercise = BenefitRiskMatrix(workbook)
    view = exercise.view
    view.government.value = "District of Deli"
    add(view, "benefit", "inclusion", "Permits from home", 4, 3)
    add(view, "benefit", "participation", "Open budget", 3, 3)
    add(view, "benefit", "trust", "Faster answers", 4, 4)
    add(view, "risk", "offline", "Older residents left out", 4, 5, "Keep the counter", "Social")
    add(view, "risk", "personal_data", "Data leak", 2, 5, "Privacy rules", "")
    add(view, "risk", "silos", "Silos", 5, 3, "Data-sharing rules", "Planning office")
    return exercise


def test_every_input_has_a_visible_label(workbook):
    view = BenefitRiskMatrix(workbook).view
    fields = [view.government, view.item_choice, *view.fields.values()]
    assert all(field.description for field in fields)
    assert view.likelihood.options[0] == ("Choose a rating", 0)
    assert view.likelihood.options[5] == ("5 almost certain", 5)
    assert view.impact.options[1] == ("1 very small", 1)


def test_the_category_picker_offers_what_sessions_1_3_and_1_4_teach(workbook):
    view = BenefitRiskMatrix(workbook).view
    assert ("Inclusion", "inclusion") in view.category.options
    assert view.mitigation.disabled and view.owner.disabled  # a benefit has neither
    view.kind.value = "risk"
    assert ("Inside government: silo mentality", "silos") in view.category.options
    assert ("Inclusion", "inclusion") not in view.category.options
    assert not view.mitigation.disabled and not view.owner.disabled
    view.category.value = "offline"
    assert "Keep a counter or phone channel" in view.hint.value
    assert "this course's own suggestion" in view.hint.value


def test_adding_items_saves_them_and_the_summary_says_what_is_missing(workbook):
    exercise = filled(workbook)
    view = exercise.view
    data = saved(workbook)
    assert data["government"] == "District of Deli"
    assert [i["title"] for i in data["items"]] == [
        "Permits from home",
        "Open budget",
        "Faster answers",
        "Older residents left out",
        "Data leak",
        "Silos",
    ]
    assert data["items"][3] | {"id": "x"} == {
        "id": "x",
        "kind": "risk",
        "category": "offline",
        "title": "Older residents left out",
        "likelihood": 4,
        "impact": 5,
        "mitigation": "Keep the counter",
        "owner": "Social",
    }
    assert exercise.model.summary() == "3 benefits, 3 risks, 1 risk still needs an owner."
    assert "3 benefits, 3 risks, 1 risk still needs an owner." in view.summary.value
    assert "R2 &#x27;Data leak&#x27; still needs an owner." in view.summary.value
    assert "Saved at" in view.status.value
    assert view.title.value == "" and view.save_item.description == "Add item"


def test_a_risk_without_owner_is_saved_and_told_so_next_to_the_field(workbook):
    view = BenefitRiskMatrix(workbook).view
    add(view, "risk", "silos", "Silos", 3, 3)
    assert saved(workbook)["items"][0]["title"] == "Silos"
    assert "R1 is saved, but still needs an owner." in view.messages["owner"].value
    assert "R1 is saved, but still needs a mitigation." in view.messages["mitigation"].value
    assert "Still to do:" in view.messages["owner"].value  # words, not colour alone


def test_fewer_than_three_of_each_is_said_in_the_checklist(workbook):
    view = BenefitRiskMatrix(workbook).view
    add(view, "benefit", "trust", "Faster answers", 4, 4)
    assert "1 benefit (3 asked), 0 risks (3 asked)." in view.summary.value
    assert "You have listed 1 benefit: add 2 more." in view.checklist.value
    assert "Not yet" in view.checklist.value


def test_the_chart_and_its_legend_table_show_every_item(workbook):
    view = filled(workbook).view
    assert "<img" in view.chart.value
    assert "B1 Permits from home (likelihood 4, impact 3)" in view.chart.value  # the alt text
    assert "<th scope='row'>R3</th>" in view.table.value
    assert "Planning office" in view.table.value
    assert "Likelihood \u00d7 impact" in view.table.value


def test_editing_an_item_changes_it_in_place(workbook):
    exercise = filled(workbook)
    view = exercise.view
    leak = exercise.model.risks[1]
    view.item_choice.value = leak.id
    assert view.title.value == "Data leak" and view.kind.value == "risk"
    assert view.category.value == "personal_data" and view.mitigation.value == "Privacy rules"
    assert view.save_item.description == "Save changes" and not view.remove_item.disabled
    view.owner.value = "Data protection officer"
    view.save_item.click()
    item = saved(workbook)["items"][4]
    assert (item["id"], item["owner"]) == (leak.id, "Data protection officer")
    assert exercise.model.summary() == (
        "3 benefits, 3 risks, every risk has a mitigation and an owner."
    )
    assert exercise.model.passes()


def test_removing_an_item_takes_it_out_of_the_workbook(workbook):
    exercise = filled(workbook)
    view = exercise.view
    view.item_choice.value = exercise.model.benefits[0].id
    view.remove_item.click()
    titles = [i["title"] for i in saved(workbook)["items"]]
    assert "Permits from home" not in titles and len(titles) == 5
    assert view.item_choice.value == "" and view.remove_item.disabled
    assert "You have listed 2 benefits: add 1 more." in view.checklist.value


@pytest.mark.parametrize(
    ("title", "field", "message"),
    [
        ("", "title", "The title is empty. Please fill it in."),
        ("x" * 10_000, "title", "The title is too long (10,000 characters)."),
    ],
)
def test_bad_input_is_refused_next_to_its_field_and_nothing_changes(
    workbook, title, field, message
):
    exercise = filled(workbook)
    before = workbook.latest(EXERCISE_KEY)
    add(exercise.view, "benefit", "trust", title, 3, 3)
    assert message in exercise.view.messages[field].value
    assert "was not saved" in exercise.view.status.value
    assert workbook.latest(EXERCISE_KEY).id == before.id
    assert len(exercise.model.items) == 6


def test_a_missing_category_and_rating_are_each_named(workbook):
    view = BenefitRiskMatrix(workbook).view
    view.title.value = "Open data"
    view.save_item.click()
    assert "Choose a category of benefits" in view.messages["category"].value
    assert "Rate the likelihood from 1" in view.messages["likelihood"].value
    assert "Rate the impact from 1" in view.messages["impact"].value
    assert saved(workbook) is None


def test_hostile_text_is_saved_as_text_and_shown_escaped(workbook):
    exercise = BenefitRiskMatrix(workbook)
    view = exercise.view
    view.government.value = HOSTILE
    add(view, "risk", "silos", HOSTILE, 3, 3, HOSTILE, HOSTILE)
    assert saved(workbook)["items"][0]["title"] == HOSTILE
    for html in (view.table.value, view.summary.value, view.chart.value):
        assert "<script>" not in html
    assert "&lt;script&gt;" in view.table.value


def test_a_government_name_too_long_is_refused_and_not_saved(workbook):
    exercise = filled(workbook)
    exercise.view.government.value = "x" * 10_000
    assert "too long" in exercise.view.government_message.value
    assert saved(workbook)["government"] == "District of Deli"


def test_reopening_restores_everything(workbook):
    first = filled(workbook)
    again = BenefitRiskMatrix(workbook)
    assert again.model == first.model
    view = again.view
    assert view.government.value == "District of Deli"
    assert [label for label, _ in view.item_choice.options][1:] == [
        "B1. Permits from home",
        "B2. Open budget",
        "B3. Faster answers",
        "R1. Older residents left out",
        "R2. Data leak",
        "R3. Silos",
    ]
    assert "R2 &#x27;Data leak&#x27; still needs an owner." in view.summary.value


def test_unreadable_saved_answers_start_empty_and_say_so(workbook):
    workbook.save(EXERCISE_KEY, {"items": "garbage"})
    exercise = BenefitRiskMatrix(workbook)
    assert exercise.model.items == []
    assert "could not be read" in exercise.view.status.value


def test_a_chart_failure_never_loses_an_answer(workbook, monkeypatch):
    def broken(_model):
        raise RuntimeError("no fonts")

    monkeypatch.setattr("dgtkit.widgets.benefit_risk.matrix_chart", broken)
    view = BenefitRiskMatrix(workbook).view
    add(view, "benefit", "trust", "Faster answers", 4, 4)
    assert saved(workbook)["items"][0]["title"] == "Faster answers"
    assert "The chart could not be drawn (no fonts). Your answers are saved." in view.chart.value
