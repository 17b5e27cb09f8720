"""Ex 9 driven from Python: set values, click, then check the model and the workbook."""

import pytest

from dgtkit.exercises.ex09_skills import SkillsGapMatrix
from dgtkit.models.skills import EXERCISE_KEY
from dgtkit.store.workbook import Workbook
from dgtkit.widgets.skills import NOT_SET


@pytest.fixture
def workbook(tmp_path):
    return Workbook(tmp_path / "workbook.sqlite", participant="team-a")


def saved(workbook):
    return workbook.latest(EXERCISE_KEY).data


def add_roles(view, *names):
    for name in names:
        view.role_name.value = name
        view.add_role.click()


def test_pick_a_role_then_rate_choose_a_measure_and_name_who_delivers(workbook):
    view = SkillsGapMatrix(workbook).view
    add_roles(view, "Head of department", "Front-office staff")
    assert view.role_name.value == "" and view.role.label == "Front-office staff"
    view.today["helping-residents"].value = 0
    assert "Set both levels" in view.gap["helping-residents"].value
    assert view.measure["helping-residents"].disabled
    view.needed["helping-residents"].value = 2
    assert not view.measure["helping-residents"].disabled
    view.measure["helping-residents"].value = "training-by-position"
    view.provider["helping-residents"].value = "The HR unit with the school of government"
    assert "Many staff need the same basic skill" in view.gap["helping-residents"].value
    assert "Front-office staff" not in view.heatmap.value  # drawn when its tab is opened
    view.tabs.selected_index = 2
    assert saved(workbook)["gaps"] == [
        {
            "role": view.role.value,
            "role_name": "Front-office staff",
            "competency": "helping-residents",
            "competency_name": "Helping residents online",
            "today": 0,
            "needed": 2,
            "gap": 2,
            "measure": "training-by-position",
            "measure_name": "Training guides tailored to each position",
            "provider": "The HR unit with the school of government",
        }
    ]
    assert "Front-office staff: Digital leadership not rated" in view.heatmap.value
    assert "Training guides tailored to each position" in view.summary.value


def test_each_role_shows_its_own_levels(workbook):
    view = SkillsGapMatrix(workbook).view
    add_roles(view, "Head of department", "IT officer")
    head, it = (r.id for r in view.model.roles)
    view.role.value = head
    view.today["leadership"].value = 1
    view.role.value = it
    assert view.today["leadership"].value == NOT_SET
    view.today["leadership"].value = 2
    view.role.value = head
    assert view.today["leadership"].value == 1
    cells = {(c["role"], c["today"]) for c in saved(workbook)["cells"]}
    assert cells == {(head, 1), (it, 2)}


def test_reopening_restores_roles_columns_levels_and_measures(workbook):
    view = SkillsGapMatrix(workbook).view
    add_roles(view, "Data officer")
    view.competency_to_remove.value = "projects"
    view.remove_competency.click()
    view.own_competency.value = "Records management"
    view.add_own.click()
    own = view.model.competencies[-1].id
    view.today[own].value = 0
    view.needed[own].value = 1
    view.measure[own].value = "certification"
    again = SkillsGapMatrix(workbook)
    assert again.model == view.model
    assert again.view.role.label == "Data officer"
    assert again.view.today[own].value == 0 and again.view.measure[own].value == "certification"
    assert "projects" not in again.view.today
    assert "<b>Records management</b> (your own)" in again.view.columns.value


def test_bad_input_gets_a_message_next_to_the_field_and_the_saved_revision_is_unchanged(workbook):
    view = SkillsGapMatrix(workbook).view
    add_roles(view, "IT officer")
    before = workbook.latest(EXERCISE_KEY).id
    view.role_name.value = "   "
    view.add_role.click()
    assert "Problem" in view.role_message.value and "empty" in view.role_message.value
    view.role_name.value = "x" * 10_000
    view.add_role.click()
    assert "too long" in view.role_message.value
    view.own_competency.value = "basic CYBERSECURITY"
    view.add_own.click()
    assert "already in the matrix" in view.competency_message.value
    view.provider["data"].value = "Someone"  # no gap in this cell yet: nothing to deliver
    assert "no gap" in view.messages["data"].value
    view.remove_role.click()
    assert "Choose the role to remove first" in view.role_message.value
    assert workbook.latest(EXERCISE_KEY).id == before
    assert [r.name for r in view.model.roles] == ["IT officer"]


def test_typed_names_are_escaped_in_every_html_part(workbook):
    view = SkillsGapMatrix(workbook).view
    add_roles(view, "<script>alert(1)</script>")
    view.own_competency.value = "<b>bold</b>"
    view.competency_to_remove.value = "data"
    view.remove_competency.click()
    view.add_own.click()
    own = view.model.competencies[-1].id
    view.today[own].value = 0
    view.needed[own].value = 2
    view.provider[own].value = "<img src=x onerror=alert(1)>"
    view.tabs.selected_index = 2
    for html in (view.columns.value, view.summary.value, view.heatmap.value):
        assert "<script>" not in html and "<b>bold</b>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in view.summary.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in view.summary.value


def test_removing_a_role_takes_it_out_of_the_matrix_and_the_dropdowns(workbook):
    view = SkillsGapMatrix(workbook).view
    add_roles(view, "Head of department", "IT officer")
    view.role_to_remove.value = view.model.roles[0].id
    view.tabs.selected_index = 2  # the heat map and checklist redraw while in view
    view.remove_role.click()
    assert [r["name"] for r in saved(workbook)["roles"]] == ["IT officer"]
    assert view.role.label == "IT officer"
    assert [label for label, _ in view.role_to_remove.options] == ["Choose a role", "IT officer"]
    assert "1 role so far" in view.checklist.value


def test_a_chart_that_fails_loses_no_answer(workbook, monkeypatch):
    view = SkillsGapMatrix(workbook).view
    add_roles(view, "IT officer")

    def broken(_model):
        raise RuntimeError("no fonts")

    monkeypatch.setattr("dgtkit.widgets.skills.gap_heatmap", broken)
    view.tabs.selected_index = 2
    view.today["data"].value = 1
    assert "could not be drawn (no fonts)" in view.heatmap.value
    assert saved(workbook)["cells"][0]["today"] == 1
