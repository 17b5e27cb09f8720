"""Ex 10 driven from Python: rows from the Ex 5 gaps, the Ex 7 milestones, one row edited at
a time; every accepted change is saved, bad input is refused by field, reopening restores."""

from datetime import date

import pytest

from dgtkit.exercises.ex10_roadmap import CapacityRoadmap
from dgtkit.models.roadmap import EXERCISE_KEY
from dgtkit.models.vision import EXERCISE_KEY as VISION_KEY
from dgtkit.store import handoff
from dgtkit.store.handoff import CapacityGap
from dgtkit.store.workbook import Workbook
from tests.helpers import freeze_clock

HOSTILE = "<script>alert(1)</script>"
GAPS = [
    CapacityGap("skills", "Digital skills of public servants", 1, 4, evidence="Staff survey"),
    CapacityGap("organization", "Organizational structure and collaboration", 2, 4),
]
VISION = {
    "statement": "By 2035, every resident can use council services online.",
    "milestones": [
        {"id": "m1", "year": 2026, "title": "Digital unit set up", "must_be_true": "x"},
        {"id": "m2", "year": 2030, "title": "Services online", "must_be_true": "x"},
    ],
}


@pytest.fixture(autouse=True)
def _today_is_june_2026(monkeypatch):
    freeze_clock(monkeypatch, date(2026, 6, 15))


@pytest.fixture
def path(tmp_path, monkeypatch):
    """A workbook in which Ex 5 found two gaps and Ex 7 has a vision with two milestones."""
    monkeypatch.setattr(handoff, "capacity_gaps", lambda workbook: list(GAPS))
    path = tmp_path / "w.sqlite"
    Workbook(path, participant="ana").save(VISION_KEY, VISION)
    return path


def open_exercise(path):
    return CapacityRoadmap(Workbook(path, participant="ana"))


def saved(path):
    return Workbook(path, participant="ana").latest(EXERCISE_KEY)


def fill(view, **values):
    for name, value in values.items():
        getattr(view, name).value = value
    view.save_row.click()


GOOD = {
    "level": "individual",
    "intervention": "A skills plan for every role",
    "owner": "Human resources unit",
    "public": "School of public administration",
    "horizon": "short",
}


def test_every_input_has_a_visible_label(path):
    view = open_exercise(path).view
    fields = [view.row_choice, view.pillar, view.gap, view.level, view.intervention,
              view.owner, view.public, view.private, view.people, view.horizon,
              view.milestone, *view.no_action.values()]  # fmt: skip
    assert all(field.description for field in fields)


def test_it_opens_with_a_row_per_ex5_gap_and_the_ex7_milestones(path):
    view = open_exercise(path).view
    assert [label for label, _ in view.row_choice.options] == [
        "Row 1: Digital skills of public servants: Staff survey "
        "(to fill in: the level, the intervention, the owner, the horizon)",
        "Row 2: Organizational structure and collaboration: lev... "
        "(to fill in: the level, the intervention, the owner, the horizon)",
        "A new row",
    ]
    # The gap in words (its evidence here), never a score phrase.
    assert view.gap.value == "Digital skills of public servants: Staff survey"
    assert view.pillar.value == "skills"
    assert "links this pillar to the Individual level" in view.level_hint.value
    assert [label for label, _ in view.milestone.options] == [
        "No milestone",
        "2026: Digital unit set up",
        "2030: Services online",
    ]
    assert "From Ex 7: vision year 2035" in view.context.value
    assert "0-12 months (June 2026 to May 2027)" in view.context.value
    assert "2026: Digital unit set up" in view.chart.value  # the alt text
    assert saved(path) is None  # nothing written until the team changes something


def test_saving_a_row_completes_it_in_the_workbook_and_the_chart(path):
    view = open_exercise(path).view
    fill(view, **GOOD, milestone="m1")
    assert "Saved at" in view.status.value
    assert "Row 1 saved." in view.row_status.value  # beside the button
    data = saved(path).data
    row = data["rows"][0]
    assert (row["level"], row["intervention"], row["horizon"]) == (
        "individual", "A skills plan for every role", "short",
    )  # fmt: skip
    assert row["partners"]["public"] == "School of public administration"
    assert [i["intervention"] for i in data["interventions"]] == ["A skills plan for every role"]
    assert view.row_choice.label == (
        "Row 1: Digital skills of public servants: Staff survey (complete)"
    )
    assert "row 1 &#x27;A skills plan for every role&#x27; (0-12 months" in view.chart.value
    assert "Individual: 1 row" in view.checklist.value


def test_a_bad_row_gets_messages_by_field_and_nothing_is_saved(path):
    view = open_exercise(path).view
    fill(view, **GOOD)
    before = saved(path)
    fill(view, gap="", level="", intervention="x" * 10_000, owner=" ", horizon="")
    assert "The gap is empty" in view.messages["gap"].value
    assert "Choose a capacity level" in view.messages["level"].value
    assert "10,000 characters" in view.messages["intervention"].value
    assert "The owner is empty" in view.messages["owner"].value
    assert "Choose a horizon" in view.messages["horizon"].value
    assert "The row was not saved: 5 fields to correct" in view.status.value
    assert saved(path).id == before.id
    assert saved(path).data["rows"][0]["intervention"] == "A skills plan for every role"


def test_a_horizon_that_starts_after_the_milestone_it_prepares_is_refused(path):
    view = open_exercise(path).view
    fill(view, **GOOD | {"horizon": "medium"}, milestone="m1")
    assert "starts in June 2027, after the milestone it prepares" in (
        view.messages["horizon"].value
    )
    assert saved(path) is None


def test_a_new_row_starts_from_the_gap_of_the_chosen_pillar_and_a_row_is_split(path):
    exercise = open_exercise(path)
    view = exercise.view
    view.row_choice.value = "__new__"
    assert view.gap.value == "" and view.remove_row.disabled
    view.pillar.value = "organization"
    assert view.gap.value.startswith("Organizational structure and collaboration: level 2")
    fill(view, level="organizational", intervention="A central digital unit",
         owner="Office of the head of the administration", horizon="medium")  # fmt: skip
    rows = saved(path).data["rows"]
    assert len(rows) == 3 and rows[2]["pillar"] == "organization"
    assert view.row_choice.value == rows[2]["id"]  # the saved row stays chosen
    view.split_row.click()
    rows = saved(path).data["rows"]
    assert len(rows) == 4 and rows[3]["gap"] == rows[2]["gap"] and rows[3]["level"] == ""
    assert view.row_choice.value == rows[3]["id"]
    view.remove_row.click()
    assert len(saved(path).data["rows"]) == 3


def test_split_and_remove_need_a_saved_row(path):
    view = open_exercise(path).view
    view.row_choice.value = "__new__"
    view.split_row.click()
    assert "Choose a saved row first" in view.status.value
    view.remove_row.click()
    assert "Choose the row to remove first" in view.status.value
    assert saved(path) is None


def test_a_level_with_no_action_is_explained_without_losing_the_row_being_typed(path):
    view = open_exercise(path).view
    view.intervention.value = "Typed, not saved yet"
    view.no_action["societal"].value = "The national programme covers it"
    assert saved(path).data["no_action"] == {"societal": "The national programme covers it"}
    assert view.intervention.value == "Typed, not saved yet"
    assert "at the levels Institutional, Organizational, Individual." in view.checklist.value
    view.no_action["institutional"].value = "x" * 10_000
    assert "too long" in view.no_action_messages["institutional"].value
    assert "institutional" not in saved(path).data["no_action"]


def test_hostile_text_is_shown_as_text(path):
    view = open_exercise(path).view
    fill(view, **GOOD | {"intervention": HOSTILE, "owner": HOSTILE, "people": HOSTILE})
    for html in (view.table.value, view.chart.value, view.checklist.value, view.context.value):
        assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in view.table.value
    assert saved(path).data["rows"][0]["intervention"] == HOSTILE


def test_reopening_restores_everything(path):
    exercise = open_exercise(path)
    fill(exercise.view, **GOOD, milestone="m1")
    exercise.view.no_action["societal"].value = "Covered nationally"
    again = open_exercise(path)
    assert again.model == exercise.model
    view = again.view
    assert view.intervention.value == "A skills plan for every role"
    assert view.milestone.value == "m1" and view.horizon.value == "short"
    assert view.no_action["societal"].value == "Covered nationally"


def test_reopening_follows_a_changed_vision_but_keeps_the_rows(path, monkeypatch):
    open_exercise(path).view.no_action["societal"].value = "Covered nationally"
    monkeypatch.setattr(handoff, "capacity_gaps", lambda workbook: [])  # Ex 5 redone
    Workbook(path, participant="ana").save(VISION_KEY, VISION | {"year": 2040})
    again = open_exercise(path)
    assert again.model.vision_year == 2040
    assert len(again.model.rows) == 2


def test_without_ex5_and_ex7_the_canvas_starts_empty_and_says_so(tmp_path):
    view = open_exercise(tmp_path / "w.sqlite").view
    assert view.row_choice.value == "__new__"
    assert "No capacity gaps came from Ex 5" in view.context.value
    assert "No vision year or milestones came from Ex 7" in view.context.value
    assert "No rows yet" in view.table.value


def test_an_unreadable_saved_canvas_is_kept_and_the_form_starts_from_the_gaps(path):
    bad = Workbook(path, participant="ana").save(EXERCISE_KEY, {"rows": "garbage"})
    exercise = open_exercise(path)
    assert f"revision {bad.id}" in exercise.view.status.value
    assert [r.pillar for r in exercise.model.rows] == ["skills", "organization"]
    assert saved(path).id == bad.id
