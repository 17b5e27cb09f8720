"""Ex 7 driven from Python: the gaps from Ex 5, the vision builder's checklist, SDG targets and
milestones; every accepted change is saved, and reopening restores everything."""

from datetime import date

import pytest

from dgtkit.exercises import VisionBuilder
from dgtkit.models.situation import EXERCISE_KEY as SITUATION_KEY
from dgtkit.models.vision import EXERCISE_KEY
from dgtkit.store import handoff
from dgtkit.store.handoff import CapacityGap
from dgtkit.store.workbook import Workbook
from tests.helpers import freeze_clock

HOSTILE = "<script>alert(1)</script>"
GOOD = "By 2035, every rural resident can use any council service online in their own language."
GAPS = [
    CapacityGap("skills", "Digital skills of public servants", 1, 4, evidence="Staff survey"),
    CapacityGap("inclusion", "Digital inclusion", 2, 4),
]


@pytest.fixture(autouse=True)
def _this_year_is_2026(monkeypatch):
    """The checks count years from today: pin today, so the tests do not age."""
    freeze_clock(monkeypatch, date(2026, 6, 1))


@pytest.fixture
def gaps_from_ex5(monkeypatch):
    """Ex 5 done: its gap profile lists two gaps (whatever Ex 5's saved format)."""
    asked = []

    def capacity_gaps(workbook):
        asked.append(workbook)
        return list(GAPS)

    monkeypatch.setattr(handoff, "capacity_gaps", capacity_gaps)
    return asked


def open_exercise(path, participant="ana"):
    return VisionBuilder(Workbook(path, participant=participant))


def saved(path):
    return Workbook(path, participant="ana").latest(EXERCISE_KEY)


def add_milestone(view, year, title, must_be_true="It is in place."):
    view.milestone_year.value = year
    view.milestone_title.value = title
    view.must_be_true.value = must_be_true
    view.add_milestone.click()


def tick(view, goal, target_id, value=True):
    view.goal.value = goal
    view.target_boxes[target_id].value = value


def filled(path):
    exercise = open_exercise(path)
    view = exercise.view
    view.statement.value = GOOD
    view.beneficiaries.value = "Rural residents"
    tick(view, 16, "16.6")
    tick(view, 9, "9.c")
    for year, title in ((2027, "Broadband law"), (2030, "Services online"), (2033, "Skills")):
        add_milestone(view, year, title)
    return exercise


def test_every_input_has_a_visible_label(tmp_path):
    view = open_exercise(tmp_path / "w.sqlite").view
    fields = [
        view.focus,
        view.statement,
        view.year,
        view.beneficiaries,
        view.goal,
        view.milestone_year,
        view.milestone_title,
        view.must_be_true,
        view.milestone_to_remove,
        *view.target_boxes.values(),
    ]
    assert all(field.description for field in fields)


def test_the_gaps_from_ex5_are_shown_and_offered_as_the_focus(tmp_path, gaps_from_ex5):
    path = tmp_path / "w.sqlite"
    exercise = open_exercise(path)
    view = exercise.view
    assert gaps_from_ex5 == [exercise.workbook]
    assert "Your biggest capacity gaps from Ex 5:" in view.gaps.value
    assert "Digital skills of public servants (level 1 today, 4 wanted)" in view.gaps.value
    assert "Evidence: Staff survey" in view.gaps.value
    assert [label for label, _ in view.focus.options] == [
        "No particular gap",
        "Digital skills of public servants",
        "Digital inclusion",
    ]
    view.focus.value = "inclusion"
    data = saved(path).data
    assert data["focus"] == "inclusion"
    assert [g["pillar"] for g in data["gaps_considered"]] == ["skills", "inclusion"]


def test_the_gaps_are_read_from_the_ex5_saved_in_the_workbook(tmp_path):
    """With the real thread: the gap profile Ex 5 saved reaches the vision."""
    path = tmp_path / "w.sqlite"
    Workbook(path, participant="ana").save(
        SITUATION_KEY,
        {
            "gap_profile": {
                "gaps": [{"pillar": "skills", "name": "Digital skills", "current": 2, "target": 5}]
            }
        },
    )
    exercise = open_exercise(path)
    assert [(g.pillar, g.gap) for g in exercise.model.gaps_considered] == [("skills", 3)]


def test_without_ex5_the_vision_starts_without_gaps_and_says_so(tmp_path):
    view = open_exercise(tmp_path / "w.sqlite").view
    assert "No capacity gaps came from Ex 5" in view.gaps.value
    assert [label for label, _ in view.focus.options] == ["No particular gap"]


def test_the_saved_gaps_are_kept_when_ex5_changes_later(tmp_path, gaps_from_ex5, monkeypatch):
    path = tmp_path / "w.sqlite"
    open_exercise(path).view.statement.value = GOOD
    monkeypatch.setattr(handoff, "capacity_gaps", lambda workbook: [])  # Ex 5 redone
    again = open_exercise(path)
    assert [g.pillar for g in again.model.gaps_considered] == ["skills", "inclusion"]


def test_the_checklist_follows_the_statement(tmp_path):
    path = tmp_path / "w.sqlite"
    view = open_exercise(path).view
    assert view.statement_checklist.value.count("Not yet") == 4
    view.statement.value = GOOD
    checklist = view.statement_checklist.value
    assert "2035 is 9 years from now." in checklist
    assert "15 words, within the limit of 40." in checklist
    assert "Link at least 2 targets (0 linked so far)." in checklist
    assert saved(path).data["statement"] == GOOD
    view.statement.value = " ".join(["word"] * 45)
    assert "45 words: please cut it to 40." in view.words.value
    assert "cut 5 to reach 40" in view.statement_checklist.value
    assert saved(path).data["statement"].count("word") == 45  # saved, and flagged


def test_the_year_field_and_the_statement_must_agree(tmp_path):
    path = tmp_path / "w.sqlite"
    view = open_exercise(path).view
    view.statement.value = GOOD
    view.year.value = 2040
    assert saved(path).data["year"] == 2040
    assert "The statement says 2035 but the vision year says 2040" in (
        view.statement_checklist.value
    )
    # The year is chosen from 5 to 30 years ahead (never 0, never a typing slip like 12)...
    years = [value for _, value in view.year.options]
    assert years[1:] == list(range(2031, 2057)) and 12 not in years
    assert view.year.options[0][0] == "The year in the statement (2035)"
    view.year.value = 0  # ...or taken from the statement
    assert saved(path).data["year"] is None


def test_sdg_targets_are_ticked_per_goal_and_at_most_three(tmp_path):
    path = tmp_path / "w.sqlite"
    view = open_exercise(path).view
    assert [label for label, _ in view.goal.options][3] == "SDG 4 Quality education (1 target)"
    assert len(view.goal.options) == 17
    tick(view, 16, "16.6")
    tick(view, 16, "16.10")
    tick(view, 17, "17.9")
    assert saved(path).data["sdg_targets"] == ["16.6", "16.10", "17.9"]
    tick(view, 4, "4.4")
    assert "already linked 3 targets" in view.messages["sdg_targets"].value
    assert view.target_boxes["4.4"].value is False
    assert saved(path).data["sdg_targets"] == ["16.6", "16.10", "17.9"]
    tick(view, 16, "16.6", value=False)
    assert saved(path).data["sdg_targets"] == ["16.10", "17.9"]
    assert "Target 16.10" in view.linked.value and "Target 16.6" not in view.linked.value


def test_a_goal_without_course_targets_says_where_they_are(tmp_path):
    view = open_exercise(tmp_path / "w.sqlite").view
    view.goal.value = 1
    assert view.target_boxes == {}
    assert "listed under goals 4, 8, 9, 16, 17" in view.target_list.children[0].value


def test_milestones_are_added_in_year_order_and_drawn(tmp_path):
    path = tmp_path / "w.sqlite"
    exercise = filled(path)
    view = exercise.view
    add_milestone(view, 2026, "Team formed")
    years = [m["year"] for m in saved(path).data["milestones"]]
    assert years == [
        2026,
        2027,
        2030,
        2033,
    ]
    assert "2026: Team formed; 2027: Broadband law" in view.timeline.value  # the alt text
    # The form is ready for the next one, at a sensible year between today and the vision.
    assert view.milestone_title.value == "" and 2026 <= view.milestone_year.value <= 2035
    assert view.milestone_year.options == tuple(range(2026, 2036))
    assert exercise.model.passes()
    assert "Not yet" not in view.statement_checklist.value + view.backcasting_checklist.value


def test_a_bad_milestone_gets_messages_by_field_and_nothing_is_saved(tmp_path):
    path = tmp_path / "w.sqlite"
    view = filled(path).view
    before = saved(path)
    add_milestone(view, 2031, "", "x" * 10_000)
    assert "empty" in view.milestone_messages["title"].value
    assert "10,000 characters" in view.milestone_messages["must_be_true"].value
    # The summary stands beside the button that was pressed.
    assert "The milestone was not saved: 2 fields" in view.milestone_status.value
    assert 2040 not in view.milestone_year.options  # only years up to the vision year
    add_milestone(view, 2031, "SKILLS")
    assert "already a milestone called &#x27;Skills&#x27;" in view.milestone_messages["title"].value
    assert saved(path).id == before.id


def test_a_milestone_can_be_removed(tmp_path):
    path = tmp_path / "w.sqlite"
    exercise = filled(path)
    view = exercise.view
    assert view.milestone_to_remove.label == "A new milestone"
    view.remove_milestone.click()
    assert "Choose the milestone to remove first" in view.milestone_status.value
    view.milestone_to_remove.value = exercise.model.milestones[1].id
    view.remove_milestone.click()
    assert [m["title"] for m in saved(path).data["milestones"]] == ["Broadband law", "Skills"]
    assert "2 milestones so far: add 1 more." in view.backcasting_checklist.value


def test_hostile_text_is_shown_as_text(tmp_path):
    path = tmp_path / "w.sqlite"
    view = filled(path).view
    view.statement.value = f"By 2035, {HOSTILE}"
    view.beneficiaries.value = HOSTILE
    add_milestone(view, 2028, HOSTILE, HOSTILE)
    for html in (
        view.statement_checklist.value,
        view.milestone_table.value,
        view.timeline.value,
        view.backcasting_checklist.value,
    ):
        assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in view.milestone_table.value
    assert saved(path).data["beneficiaries"] == HOSTILE


def test_a_10000_character_statement_is_refused_and_the_saved_one_kept(tmp_path):
    path = tmp_path / "w.sqlite"
    view = filled(path).view
    view.statement.value = "x" * 10_000
    assert "too long" in view.messages["statement"].value
    assert "Problem" in view.messages["statement"].value
    assert saved(path).data["statement"] == GOOD


def test_reopening_restores_everything(tmp_path, gaps_from_ex5):
    path = tmp_path / "w.sqlite"
    exercise = filled(path)
    exercise.view.focus.value = "skills"
    exercise.view.year.value = 2035

    again = open_exercise(path)
    assert again.model == exercise.model
    assert len(gaps_from_ex5) == 1  # the gaps were read once, on the first start
    view = again.view
    assert view.statement.value == GOOD and view.year.value == 2035
    assert view.beneficiaries.value == "Rural residents"
    assert view.focus.value == "skills"
    view.goal.value = 16
    assert view.target_boxes["16.6"].value is True
    assert view.target_boxes["16.7"].value is False
    assert [label for label, _ in view.milestone_to_remove.options][1:] == [
        "2027: Broadband law",
        "2030: Services online",
        "2033: Skills",
    ]


def test_an_unreadable_saved_vision_is_kept_and_the_form_starts_from_the_gaps(
    tmp_path, gaps_from_ex5
):
    path = tmp_path / "w.sqlite"
    bad = Workbook(path, participant="ana").save(EXERCISE_KEY, {"milestones": "garbage"})
    exercise = open_exercise(path)
    assert f"revision {bad.id}" in exercise.view.status.value
    assert [g.pillar for g in exercise.model.gaps_considered] == ["skills", "inclusion"]
    assert saved(path).id == bad.id  # nothing written until the participant changes something


def test_a_milestone_is_edited_in_place(tmp_path):
    path = tmp_path / "w.sqlite"
    exercise = filled(path)
    view = exercise.view
    second = exercise.model.milestones[1]
    view.milestone_choice.value = second.id
    assert (view.milestone_year.value, view.milestone_title.value) == (2030, "Services online")
    assert view.add_milestone.description == "Save milestone"
    view.milestone_year.value = 2031
    view.milestone_title.value = "Every service online"
    view.add_milestone.click()
    milestones = saved(path).data["milestones"]
    assert [(m["year"], m["title"]) for m in milestones] == [
        (2027, "Broadband law"), (2031, "Every service online"), (2033, "Skills")]
    assert milestones[1]["id"] == second.id  # the same milestone, changed
    assert "Saved: 2031, Every service online." in view.milestone_status.value
    assert view.milestone_choice.value == "" and view.add_milestone.description == "Add milestone"


def test_the_form_asks_who_carries_the_vision_and_saves_each_answer(tmp_path):
    path = tmp_path / "w.sqlite"
    view = filled(path).view
    assert "Not yet filled" in view.ecosystem_checklist.value
    view.strategy.value = "Kenya Vision 2030"
    view.carriers["public"].value = "County ICT directorate"
    view.carriers["private"].value = "x" * 201
    assert "too long" in view.messages["carriers"].value
    view.carriers["private"].value = "Chamber of commerce"
    view.carriers["people"].value = "Ward committees"
    assert view.ecosystem_checklist.value.count("Pass") == 2
    data = saved(path).data
    assert data["strategy"] == "Kenya Vision 2030"
    assert data["carriers"] == {"public": "County ICT directorate",
                                "private": "Chamber of commerce", "people": "Ward committees"}
    assert open_exercise(path).view.carriers["people"].value == "Ward committees"
