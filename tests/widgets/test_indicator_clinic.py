"""Ex 11 driven from Python: drafts from the Ex 10 interventions, one indicator edited at a
time with its SMART check, the team's confirmation, values measured and the progress chart;
every accepted change is saved, bad input is refused by field, reopening restores."""

from datetime import date

import pytest

from dgtkit.exercises.ex11_indicators import IndicatorClinic
from dgtkit.models.indicators import EXERCISE_KEY
from dgtkit.store import handoff
from dgtkit.store.workbook import Workbook
from tests.helpers import freeze_clock
from tests.roadmap_rows import DATA, SKILLS

HOSTILE = "<script>alert(1)</script>"
GOOD = {
    "name": "Staff with a role-based skills plan",
    "definition": "Staff with a written digital-skills plan for their role, divided by all staff",
    "unit": "Percentage",
    "baseline": "10",
    "baseline_date": date(2026, 6, 1),
    "target": "60",
    "target_date": date(2028, 6, 1),
    "data_source": "Human resources records",
    "frequency": "Every six months",
}


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    freeze_clock(monkeypatch, date(2026, 6, 15))


@pytest.fixture
def path(tmp_path, monkeypatch):
    """A workbook whose Ex 10 roadmap has two interventions."""
    monkeypatch.setattr(handoff, "roadmap", lambda workbook: [SKILLS, DATA])
    return tmp_path / "w.sqlite"


def open_exercise(path):
    return IndicatorClinic(Workbook(path, participant="ana"))


def saved(path):
    return Workbook(path, participant="ana").latest(EXERCISE_KEY)


def fill(view, **values):
    for name, value in values.items():
        getattr(view, name).value = value
    view.save.click()


def confirmed(path):
    exercise = open_exercise(path)
    fill(exercise.view, **GOOD)
    exercise.view.confirmed_by.value = "Ana, head of human resources"
    exercise.view.confirm.click()
    return exercise


def test_every_input_has_a_visible_label(path):
    view = open_exercise(path).view
    fields = [view.indicator_choice, view.intervention, view.name, view.definition, view.unit,
              view.baseline, view.baseline_date, view.target, view.target_date,
              view.data_source, view.frequency, view.owner, view.confirmed_by,
              view.actual_date, view.actual_value, view.actual_to_remove]  # fmt: skip
    assert all(field.description for field in fields)


def test_it_opens_with_a_draft_per_ex10_intervention(path):
    view = open_exercise(path).view
    assert [label for label, _ in view.indicator_choice.options] == [
        "1. Draft, no name yet for: A skills plan for every role",
        "2. Draft, no name yet for: A data-sharing agreement",
        "A new indicator",
    ]
    assert view.intervention.value == "row-skills"
    assert view.intervention.label == "Row 1: A skills plan for every role"
    assert view.owner.value == "Human resources unit"
    assert view.name.value == ""
    assert "A skills plan for every role (Individual, 0-12 months" in view.context.value
    assert "No name yet" in view.smart_checklist.value
    assert "Specific" in view.table.value and "Not yet" in view.table.value
    assert saved(path) is None  # nothing written until the team changes something


def test_a_saved_indicator_is_checked_confirmed_and_passes(path):
    exercise = open_exercise(path)
    view = exercise.view
    fill(view, **GOOD)
    data = saved(path).data
    assert data["indicators"][0]["name"] == GOOD["name"]
    assert data["indicators"][0]["target"] == 60.0
    assert view.target.value == "60%"  # shown in its unit
    assert "can be reached with your resources. Ask your team" in view.smart_checklist.value
    view.confirmed_by.value = "Ana, head of human resources"
    view.confirm.click()
    assert saved(path).data["indicators"][0]["confirmed_by"] == "Ana, head of human resources"
    assert "Not yet" not in view.smart_checklist.value
    assert saved(path).data["summaries"][0]["passes"] is True


def test_a_failing_test_gives_its_reason(path):
    view = open_exercise(path).view
    fill(view, **GOOD | {"name": "Better services", "unit": "", "target_date": date(2026, 1, 1)})
    checklist = view.smart_checklist.value
    assert "vague word &#x27;Better&#x27;" in checklist
    assert "Missing: a unit." in checklist
    assert "The target date (1 January 2026) has passed" in checklist


def test_bad_input_gets_messages_by_field_and_nothing_is_saved(path):
    view = open_exercise(path).view
    fill(view, **GOOD)
    before = saved(path)
    fill(view, name="", definition="x" * 10_000, baseline="ten", target="120")
    assert "The name is empty" in view.messages["name"].value
    assert "10,000 characters" in view.messages["definition"].value
    assert "must be a number" in view.messages["baseline"].value
    assert "between 0 and 100" in view.messages["target"].value
    assert "The indicator was not saved: 4 fields to correct" in view.status.value
    assert saved(path).id == before.id
    assert saved(path).data["indicators"][0]["name"] == GOOD["name"]


def test_a_confirmation_needs_a_saved_target_and_a_name(path):
    view = open_exercise(path).view
    view.confirmed_by.value = "Ana"
    view.confirm.click()
    assert "Save a baseline, a target and a target date first" in view.confirm_message.value
    fill(view, **GOOD)
    view.confirmed_by.value = " "
    view.confirm.click()
    assert "empty" in view.confirm_message.value
    assert saved(path).data["indicators"][0]["confirmed_by"] == ""
    view.indicator_choice.value = "__new__"
    view.confirm.click()
    assert "Save the indicator first" in view.confirm_message.value


def test_values_measured_draw_the_progress_chart(path):
    view = confirmed(path).view
    for day, value in ((date(2026, 6, 10), "18"), (date(2026, 3, 1), "12%")):
        view.actual_date.value = day
        view.actual_value.value = value
        view.add_actual.click()
    actuals = saved(path).data["indicators"][0]["actuals"]
    assert [(a["date"], a["value"]) for a in actuals] == [
        ("2026-03-01", 12.0),
        ("2026-06-10", 18.0),
    ]
    assert view.actual_value.value == "" and view.actual_date.value is None
    assert "Values measured: 12% on 1 March 2026; 18% on 10 June 2026." in view.progress.value
    assert "covers 16% of the way" in view.progress.value
    view.actual_date.value = date(2027, 1, 1)
    view.actual_value.value = "20"
    view.add_actual.click()
    assert "in the future" in view.actual_messages["actual_date"].value
    assert len(saved(path).data["indicators"][0]["actuals"]) == 2
    view.actual_to_remove.value = actuals[0]["id"]
    view.remove_actual.click()
    assert [a["value"] for a in saved(path).data["indicators"][0]["actuals"]] == [18.0]


def test_a_new_indicator_can_be_added_and_one_removed(path):
    exercise = open_exercise(path)
    view = exercise.view
    view.indicator_choice.value = "__new__"
    assert view.name.value == "" and view.remove.disabled
    fill(view, **GOOD | {"name": "Data-sharing agreement in force", "unit": "Yes or no",
                         "baseline": "No", "target": "Yes"}, intervention="row-data")  # fmt: skip
    indicators = saved(path).data["indicators"]
    assert len(indicators) == 3 and indicators[2]["target"] == 1.0
    assert view.indicator_choice.value == indicators[2]["id"]
    assert view.target.value == "Yes"
    view.indicator_choice.value = indicators[0]["id"]
    view.remove.click()
    assert [i["intervention"] for i in saved(path).data["indicators"]] == ["row-data", "row-data"]


def test_the_clinic_checklist_counts_passing_indicators_and_levels(path):
    view = confirmed(path).view
    assert "Passing all five tests: 1 of 1 named indicator. The clinic asks for 5." in (
        view.set_checklist.value
    )
    assert "Levels measured: Individual." in view.set_checklist.value


def test_hostile_text_is_shown_as_text(path):
    view = open_exercise(path).view
    fill(view, **GOOD | {"name": HOSTILE, "definition": HOSTILE, "data_source": HOSTILE})
    view.confirmed_by.value = HOSTILE
    view.confirm.click()
    for html in (view.table.value, view.smart_checklist.value, view.progress.value,
                 view.set_checklist.value):  # fmt: skip
        assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in view.table.value
    assert saved(path).data["indicators"][0]["name"] == HOSTILE


def test_reopening_restores_everything(path):
    exercise = confirmed(path)
    exercise.view.actual_date.value = date(2026, 6, 10)
    exercise.view.actual_value.value = "18"
    exercise.view.add_actual.click()
    again = open_exercise(path)
    assert again.model == exercise.model
    view = again.view
    assert view.name.value == GOOD["name"] and view.unit.value == "Percentage"
    assert view.baseline_date.value == date(2026, 6, 1) and view.target.value == "60%"
    assert view.confirmed_by.value == "Ana, head of human resources"
    assert "Not yet" not in view.smart_checklist.value
    assert "18% on 10 June 2026" in view.progress.value


def test_without_ex10_the_clinic_starts_empty_and_says_so(tmp_path):
    view = open_exercise(tmp_path / "w.sqlite").view
    assert view.indicator_choice.value == "__new__"
    assert "No interventions came from Ex 10" in view.context.value
    assert "No indicators yet" in view.table.value


def test_an_unreadable_saved_clinic_is_kept_and_the_form_starts_from_the_roadmap(path):
    bad = Workbook(path, participant="ana").save(EXERCISE_KEY, {"indicators": "garbage"})
    exercise = open_exercise(path)
    assert f"revision {bad.id}" in exercise.view.status.value
    assert [i.intervention for i in exercise.model.indicators] == ["row-skills", "row-data"]
    assert saved(path).id == bad.id


def test_the_form_speaks_plainly_writes_dates_as_the_course_does_and_answers_beside_save(
        path):
    view = confirmed(path).view
    table = view.widget.children[2].value  # the five tests, as the form explains them
    assert "Doran" not in table and "Sister toolkit" not in table and "A: Achievable" in table
    assert "Doran" not in view.smart_checklist.value
    # The browser's date picker writes dates its own way; the form says it as people do.
    assert "1 June 2026" in view.readouts["baseline_date"].value
    assert "1 June 2028" in view.readouts["target_date"].value
    assert "Indicator 1 saved." in view.save_status.value
    view.name.value = ""
    view.save.click()
    assert "The indicator was not saved" in view.save_status.value


def test_one_person_confirming_every_target_is_flagged(path):
    exercise = confirmed(path)
    view = exercise.view
    view.indicator_choice.value = exercise.model.indicators[1].id
    fill(view, **GOOD | {"name": "Departments sharing their address data",
                         "intervention": "row-data"})
    view.confirmed_by.value = "Ana, head of human resources"
    view.confirm.click()
    assert "Ana, head of human resources confirmed all 2 targets" in view.set_checklist.value
    view.confirmed_by.value = "Budi, head of the legal office"
    view.confirm.click()
    assert "2 targets confirmed by 2 people" in view.set_checklist.value
