"""Module 7 hands in the plan file the action-plan app exports (``submissions.PLAN_*``), each
graded in the shared parallel run: the file is graded, else the plan the form saved; a file
that cannot be read, another program's file or two plan files earn nothing for the plan, with
a message that says what to do, and never stop the run."""

from __future__ import annotations

import pytest

from tests.nbgrader import submissions
from tests.nbgrader.course import autograded_cell, error_text, grades

pytestmark = pytest.mark.slow
ASSIGNMENT = submissions.PLAN_ASSIGNMENT
STUDENTS = ["reference", "blank", *submissions.PLAN_SUBMISSIONS]
PLAN_FILE = "action-plan-deli-serdang-regency.json"


def autograded(graded, student: str) -> dict[str, float]:
    return {name: score for name, (score, _top, _manual) in
            grades(graded, ASSIGNMENT, student).items() if name != "written_answer"}


def printed(cell: dict) -> str:
    return "".join("".join(o.get("text", "")) for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream")


def check_cell(graded, student: str, grade_id: str = "plan_complete_check") -> dict:
    return autograded_cell(graded, ASSIGNMENT, student, grade_id)


@pytest.mark.parametrize("student", STUDENTS)
def test_each_plan_submission_gets_the_score_it_deserves(graded, student):
    assert autograded(graded, student) == submissions.PLAN_EXPECTED[student]


def test_every_plan_submission_is_graded_and_none_stops_the_run(autograde_run):
    for student in STUDENTS:
        assert f"{student}/{ASSIGNMENT}:" in autograde_run.stdout, student
        assert f"{student}/{ASSIGNMENT}: NOT GRADED" not in autograde_run.stdout


@pytest.mark.parametrize("student", ["reference", "plan-file-only"])
def test_the_plan_file_is_the_plan_graded(graded, student):
    for grade_id in ("plan_complete_check", "plan_consistent_check"):
        out = printed(check_cell(graded, student, grade_id))
        assert f"Graded: the plan in the file {PLAN_FILE}, exported on" in out
    folder = graded / "autograded" / student / ASSIGNMENT
    submitted = graded / "submitted" / student / ASSIGNMENT
    assert (folder / PLAN_FILE).read_bytes() == (submitted / PLAN_FILE).read_bytes()


def test_without_a_file_the_plan_the_form_saved_is_graded(graded):
    out = printed(check_cell(graded, "plan-form-only"))
    assert "Graded: the plan the form saved in workbook.sqlite on" in out
    assert "because there is no plan file (.json) beside this notebook" in out


@pytest.mark.parametrize("student", STUDENTS)
def test_the_cell_that_saves_the_forms_plan_writes_nothing_while_graded(graded, student):
    out = printed(check_cell(graded, student, "plan_file"))
    assert "Nothing was written: while the assignment is graded" in out
    submitted = graded / "submitted" / student / ASSIGNMENT
    autograded_folder = graded / "autograded" / student / ASSIGNMENT
    assert sorted(p.name for p in autograded_folder.glob("*.json")) == sorted(
        p.name for p in submitted.glob("*.json"))


@pytest.mark.parametrize(("student", "words"), [
    ("blank", ["No action plan was found to grade",
               "Export your plan as JSON from the action-plan app"]),
    ("plan-corrupt", [f"The plan file {PLAN_FILE} cannot be graded.", "not readable JSON",
                      "Export your plan again as JSON"]),
    ("plan-foreign", ["The plan file action-plan-team-blue.json cannot be graded.",
                      "not an action plan exported by this app"]),
    ("plan-two-files", ["There are 2 action-plan files beside this notebook", PLAN_FILE,
                        "action-plan-deli-serdang-regency (1).json",
                        "keep the file you want graded, delete the others"]),
    ("plan-gaps", ["Your plan is not complete yet. Still missing:",
                   "- Sign a data-sharing rule between departments: Estimate its budget. Say "
                   "where the money comes from. Give it an indicator with a baseline and a "
                   "target."]),
])  # fmt: skip
def test_the_student_is_told_what_is_wrong_with_the_plan(graded, student, words):
    message = error_text(check_cell(graded, student))
    for text in words:
        assert text in message, (text, message)


@pytest.mark.parametrize(("student", "note"), [
    ("blank", "no action plan handed in (no points for the plan)"),
    ("plan-corrupt", "a plan file that could not be read (no points for the plan)"),
    ("plan-foreign", "a plan file that could not be read (no points for the plan)"),
    ("plan-two-files", "more than one plan file (no points for the plan)"),
])  # fmt: skip
def test_what_needs_a_look_is_listed(autograde_run, student, note):
    assert f"  {student}/{ASSIGNMENT}: {note}" in autograde_run.stdout


def test_a_plan_target_that_no_action_serves_costs_the_consistency_points(graded):
    message = error_text(check_cell(graded, "plan-sdg-unserved", "plan_consistent_check"))
    assert "The SDG targets of your plan:" in message
    assert "No action serves the plan's SDG target 11.2." in message
