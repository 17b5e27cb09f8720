"""Ex 11 model: drafts from the Ex 10 interventions, values in their unit, the five SMART
tests with their reasons, the team's confirmation, values measured, what the action plan
reads, and saving."""

import json
from datetime import date

import pytest

from dgtkit.models.checks import FormErrors
from dgtkit.models.indicators import (
    EXERCISE_KEY,
    IndicatorSet,
    format_value,
    indicator_guide,
    parse_value,
)
from dgtkit.models.text import FieldError
from tests.helpers import freeze_clock
from tests.roadmap_rows import DATA, SKILLS

TODAY = date(2026, 6, 15)
GOOD = {
    "intervention": "row-skills",
    "name": "Staff with a role-based skills plan",
    "definition": "Staff with a written digital-skills plan for their role, divided by all staff",
    "unit": "Percentage",
    "baseline": "10",
    "baseline_date": date(2026, 6, 1),
    "target": "60%",
    "target_date": date(2028, 6, 1),
    "data_source": "Human resources records",
    "frequency": "Every six months",
    "owner": "Human resources unit",
}


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    freeze_clock(monkeypatch, TODAY)


def clinic() -> IndicatorSet:
    return IndicatorSet.from_interventions([SKILLS, DATA])


def results(model, indicator) -> dict:
    return {c.id: (c.passed, c.reason) for c in model.smart(indicator)}


def saved_good(model, **changes):
    return model.save_indicator(model.indicators[0].id, **(GOOD | changes))


def test_the_key_and_the_five_criteria_of_session_6_3():
    assert EXERCISE_KEY == "ex11_indicators"
    guide = indicator_guide()
    assert [c.letter for c in guide.criteria] == list("SMART")
    assert [c.doran for c in guide.criteria] == [
        "Specific", "Measurable", "Assignable", "Realistic", "Time-related",
    ]  # fmt: skip
    assert (
        guide.criteria[4].question == "Is there a date for the baseline and a date for the target?"
    )
    assert guide.set_size == 5


def test_a_new_clinic_has_one_draft_per_intervention_with_its_owner():
    model = clinic()
    assert [(i.intervention, i.name, i.owner) for i in model.indicators] == [
        ("row-skills", "", "Human resources unit"),
        ("row-data", "", "Legal office"),
    ]
    assert all(i.is_draft for i in model.indicators)
    assert model.summaries() == []  # drafts are not indicators yet


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [("41", "Percentage", 41.0), (" 41.5 % ", "percent", 41.5), ("yes", "Yes or no", 1.0),
     ("No", "yes/no", 0.0), ("1500", "Number", 1500.0), ("", "Number", None), (3, "Days", 3.0)],
)  # fmt: skip
def test_values_are_read_in_their_unit(text, unit, value):
    assert parse_value("baseline", text, unit, "The baseline") == value


@pytest.mark.parametrize(
    ("text", "unit", "words"),
    [("1,500", "Number", "must be a number"), ("about ten", "Number", "must be a number"),
     ("120", "Percentage", "between 0 and 100"), ("maybe", "Yes or no", "write Yes or No"),
     ("nan", "Number", "not a number the form can use"), ("9" * 50, "Number", "too long"),
     (True, "Number", "must be a number")],
)  # fmt: skip
def test_bad_values_are_refused_with_a_reason(text, unit, words):
    with pytest.raises(FieldError, match=words):
        parse_value("baseline", text, unit, "The baseline")


def test_values_are_shown_in_their_unit():
    assert format_value(41.0, "Percentage") == "41%"
    assert format_value(41.5, "Number") == "41.5"
    assert format_value(1.0, "Yes or no") == "Yes"
    assert format_value(None, "Number") == ""


def test_a_draft_fails_each_test_and_says_why():
    model = clinic()
    found = results(model, model.indicators[0])
    assert found["specific"] == (
        False,
        "No name yet. Write what is counted, for example: "
        "'Online completion rate of business-permit applications'.",
    )
    assert found["measurable"][1].startswith(
        "Missing: a definition, a unit, a data source, a baseline value, a target value."
    )
    assert "cannot judge a target that is not there yet" in found["achievable"][1]
    assert found["relevant"] == (
        True,
        "It measures row 1 of your roadmap, 'A skills plan for every role' "
        "(gap: Digital skills: today 1, target 4 (gap 3)).",
    )
    assert found["time_bound"] == (
        False,
        "Missing: the baseline date and the target date. Pick them in the form.",
    )


def test_a_complete_confirmed_indicator_passes_all_five():
    model = clinic()
    indicator = saved_good(model)
    assert results(model, indicator)["achievable"] == (
        False,
        "The form cannot judge whether going from 10% to 60% by June 2028 can be reached "
        "with your resources. Ask your team, then record who confirmed.",
    )
    indicator = model.confirm(indicator.id, "Ana, head of human resources")
    assert model.passes(indicator)
    assert results(model, indicator)["achievable"][1] == (
        "Owner: Human resources unit. Confirmed by Ana, head of human resources: "
        "going from 10% to 60% by June 2028 can be reached."
    )
    assert results(model, indicator)["time_bound"][1] == (
        "Baseline 1 June 2026; target 1 June 2028."
    )


@pytest.mark.parametrize(
    ("name", "words"),
    [("Better online services", "vague word 'Better'"),
     ("More and improved services", "vague words 'More', 'improved'"),
     ("Take-up", "The name has 1 word.")],
)  # fmt: skip
def test_a_vague_or_short_name_is_not_specific(name, words):
    model = clinic()
    passed, reason = results(model, saved_good(model, name=name))["specific"]
    assert not passed and words in reason and "the rule:" in reason


def test_measurable_needs_a_unit_and_values():
    model = clinic()
    indicator = saved_good(model, unit="", target="")
    passed, reason = results(model, indicator)["measurable"]
    assert not passed and reason.startswith("Missing: a unit, a target value.")


def test_a_changed_target_needs_a_new_confirmation_and_saving_keeps_it():
    model = clinic()
    indicator = model.confirm(saved_good(model).id, "Ana")
    # same ambition: still confirmed
    indicator = saved_good(model, definition="Staff with a written plan for their role, "
                                             "divided by all staff")
    assert indicator.confirmed_by == "Ana" and model.passes(indicator)
    indicator = saved_good(model, target="90")
    passed, reason = results(model, indicator)["achievable"]
    assert not passed and "changed after Ana confirmed it" in reason


def test_a_confirmation_needs_a_name_and_a_target():
    model = clinic()
    with pytest.raises(FieldError, match="Save a baseline, a target and a target date first"):
        model.confirm(model.indicators[0].id, "Ana")
    with pytest.raises(FieldError, match="empty"):
        model.confirm(saved_good(model).id, " ")


def test_nobody_owns_it_fails_achievable():
    model = clinic()
    passed, reason = results(model, saved_good(model, owner=""))["achievable"]
    assert not passed and reason.startswith("Nobody owns it yet")


def test_relevant_needs_a_link_to_the_roadmap_and_some_progress():
    model = clinic()
    assert (
        "not linked to your roadmap"
        in results(model, saved_good(model, intervention=""))["relevant"][1]
    )
    flat = saved_good(model, target="10")
    assert results(model, flat)["relevant"] == (
        False,
        "The target equals the baseline (10%): the indicator would show no progress.",
    )
    model.interventions = [DATA]  # Ex 10 redone without the skills row
    assert "no longer on your roadmap" in results(model, flat)["relevant"][1]


@pytest.mark.parametrize(
    ("changes", "words"),
    [({"target_date": date(2026, 1, 1)}, "The target date (1 January 2026) has passed"),
     ({"baseline_date": date(2028, 6, 1)}, "must come after the baseline date"),
     ({"baseline_date": None}, "Missing: the baseline date.")],
)  # fmt: skip
def test_time_bound_needs_two_dates_in_order_and_a_future_target(changes, words):
    model = clinic()
    passed, reason = results(model, saved_good(model, **changes))["time_bound"]
    assert not passed and words in reason


def test_the_form_refuses_bad_parts_by_field_and_keeps_the_old_indicator():
    model = clinic()
    before = list(model.indicators)
    with pytest.raises(FormErrors) as caught:
        saved_good(model, name="", definition="x" * 10_000, baseline="ten", target_date="soon",
                   intervention="gone")  # fmt: skip
    assert set(caught.value.by_field) == {
        "name", "definition", "baseline", "target_date", "intervention",
    }  # fmt: skip
    assert caught.value.by_field["name"] == "The name is empty. Please fill it in."
    assert model.indicators == before


def test_values_measured_are_kept_in_date_order_and_checked():
    model = clinic()
    indicator = saved_good(model)
    model.add_actual(indicator.id, date(2026, 6, 10), "12")
    model.add_actual(indicator.id, date(2026, 3, 1), "9")
    assert [a.value for a in model.indicator(indicator.id).actuals] == [9.0, 12.0]
    with pytest.raises(FormErrors) as caught:
        model.add_actual(indicator.id, date(2027, 1, 1), "150")
    assert caught.value.by_field == {
        "actual_value": "The value measured is a percentage, so it lies between 0 and 100."
    }
    with pytest.raises(FormErrors) as caught:
        model.add_actual(indicator.id, date(2027, 1, 1), "20")
    assert "in the future" in caught.value.by_field["actual_date"]
    with pytest.raises(FormErrors) as caught:
        model.add_actual(indicator.id, None, "")
    assert set(caught.value.by_field) == {"actual_date"}
    first = model.indicator(indicator.id).actuals[0]
    model.remove_actual(indicator.id, first.id)
    assert [a.value for a in model.indicator(indicator.id).actuals] == [12.0]


def test_the_set_asks_for_five_passing_indicators_over_two_levels():
    model = clinic()
    model.confirm(saved_good(model).id, "Ana")
    count, levels = model.set_checks()
    assert not count.passed and "1 of 1 named indicator" in count.reason
    assert not levels.passed and levels.reason == "Levels measured: Individual."
    model.save_indicator(model.indicators[1].id, **(GOOD | {"intervention": "row-data"}))
    assert model.set_checks()[1].passed


def test_summaries_give_the_action_plan_what_it_needs():
    model = clinic()
    indicator = model.confirm(saved_good(model).id, "Ana")
    model.add_actual(indicator.id, date(2026, 6, 10), "12")
    [summary] = model.summaries()
    assert (summary.name, summary.baseline_text, summary.target_text) == (
        "Staff with a role-based skills plan", "10%", "60%",
    )  # fmt: skip
    assert summary.intervention == "A skills plan for every role"
    assert summary.level == "individual" and summary.passes
    assert summary.smart == dict.fromkeys(
        ["specific", "measurable", "achievable", "relevant", "time_bound"], True
    )
    assert summary.latest_actual.value == 12.0


def test_saving_and_loading_keep_everything():
    model = clinic()
    indicator = model.confirm(saved_good(model).id, "Ana")
    model.add_actual(indicator.id, date(2026, 6, 10), "12")
    yes_no = model.save_indicator(
        None, name="Data-sharing agreement in force", unit="Yes or no", baseline="No",
        target="Yes", intervention="row-data",
    )  # fmt: skip
    data = json.loads(json.dumps(model.to_dict()))
    again = IndicatorSet.from_dict(data)
    assert again == model
    assert again.passes(again.indicator(indicator.id))  # the confirmation survives
    assert again.indicator(yes_no.id).target == 1.0
    assert data["summaries"][0]["target_date"] == "2028-06-01"


def test_missing_parts_load_as_empty():
    model = IndicatorSet.from_dict({})
    assert model.indicators == [] and model.interventions == []


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"indicators": [{"name": "no id"}]},
        {"indicators": [{"id": "a", "baseline": "lots"}]},
        {"indicators": [{"id": "a", "unit": "Percentage", "target": 300}]},
        {"indicators": [{"id": "a", "target_date": "someday"}]},
        {"indicators": [{"id": "a", "name": "x" * 10_000}]},
        {"indicators": [{"id": "a", "actuals": [{"id": "b", "date": "2026-13-01", "value": 1}]}]},
        {"interventions": [{"id": "x"}]},
    ],
)
def test_garbage_raises(data):
    with pytest.raises((TypeError, ValueError, KeyError, AttributeError)):
        IndicatorSet.from_dict(data)
