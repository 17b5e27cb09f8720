"""What students do to a notebook (``submissions``), each graded in the shared parallel run:
a right score or a clear flag, never a crash of the run, never full marks undeserved."""

from __future__ import annotations

import pytest

from tests.nbgrader import submissions
from tests.nbgrader.course import (
    ASSIGNMENTS,
    autograded_cell,
    error_text,
    grades,
    notebook_json,
    release,
)

pytestmark = pytest.mark.slow
ASSIGNMENT = submissions.ASSIGNMENT


def autograded(graded, student: str) -> dict[str, float]:
    return {name: score for name, (score, _top, _manual) in
            grades(graded, ASSIGNMENT, student).items() if name != "written_answer"}


@pytest.mark.parametrize("student", ["reference", "blank", *submissions.SUBMISSIONS])
def test_each_submission_gets_the_score_it_deserves(graded, student):
    assert autograded(graded, student) == submissions.EXPECTED[student]


def test_no_submission_stops_the_run_and_each_is_reported(autograde_run):
    out = autograde_run.stdout
    for student in ("reference", "blank", *submissions.SUBMISSIONS, "kernel-killed", "hangs"):
        assert f"{student}/{ASSIGNMENT}:" in out, student
    graded = 2 * len(ASSIGNMENTS) + len(submissions.SUBMISSIONS) + len(
        submissions.PLAN_SUBMISSIONS) + 2
    assert f"Graded {graded}, not graded 0" in out
    assert autograde_run.returncode == 0


def test_a_submission_that_kills_its_kernel_is_flagged_and_graded_on_what_ran(
    graded, autograde_run
):
    """The kernel died in question 2's answer cell: question 1 was answered before, the
    questions after were never reached; the exercises are judged on the workbook."""
    out = autograde_run.stdout
    assert f"kernel-killed/{ASSIGNMENT}: the kernel died in cell q2_answer;" in out
    assert autograded(graded, "kernel-killed") == submissions.EXPECTED_STOPPED["kernel-killed"]


def test_a_kernel_that_ignores_the_interrupt_is_killed_flagged_and_the_rest_judged(
    graded, autograde_run
):
    assert (f"hangs/{ASSIGNMENT}: a cell ran out of time and the kernel did not stop when "
            "interrupted: killed in cell q1_answer;") in autograde_run.stdout
    assert autograded(graded, "hangs") == submissions.EXPECTED_STOPPED["hangs"]


@pytest.mark.parametrize(("student", "note"), [
    ("infinite-loop", "a cell ran out of time"),
    ("stops-kernel", "a cell tried to stop the kernel"),
    ("cells-deleted", "graded cells deleted from m2_holistic.ipynb (scored 0): "
                      "ex04_links_check, q2_check"),
    ("no-workbook", "no workbook submitted"),
    ("other-workbook", "a workbook saved by someone else"),
    ("tests-edited", "no workbook submitted"),
])  # fmt: skip
def test_what_needs_a_look_is_listed(autograde_run, student, note):
    assert f"  {student}/{ASSIGNMENT}: {note}" in autograde_run.stdout


def test_edited_tests_are_put_back_before_grading(graded):
    released = {c["metadata"]["nbgrader"]["grade_id"]: "".join(c["source"])
                for c in notebook_json(release(graded, ASSIGNMENT))["cells"]
                if c["metadata"].get("nbgrader")}
    for grade_id in ("q1_check", "ex03_check", "ex04_order_check"):
        cell = autograded_cell(graded, ASSIGNMENT, "tests-edited", grade_id)
        assert "".join(cell["source"]).startswith(released[grade_id].split("### BEGIN")[0])
        assert "AssertionError" in error_text(cell)


def test_the_student_is_told_what_is_wrong(graded):
    other = error_text(autograded_cell(graded, ASSIGNMENT, "other-workbook", "ex03_check"))
    assert "saved by 'friend', not by 'other-workbook'" in other
    missing = error_text(autograded_cell(graded, ASSIGNMENT, "no-workbook", "ex04_order_check"))
    assert "No saved answers were found" in missing
    loop = autograded_cell(graded, ASSIGNMENT, "infinite-loop", "q1_answer")
    assert "CellTimeoutError" in error_text(loop)
    stop = autograded_cell(graded, ASSIGNMENT, "stops-kernel", "q2_answer")
    assert "KernelStopRefused: os._exit() was called" in error_text(stop)
    feedback = (graded / "feedback" / "other-workbook" / ASSIGNMENT / f"{ASSIGNMENT}.html")
    assert "not by" in feedback.read_text("utf-8")


def test_widgets_are_drawn_without_anyone_clicking(graded):
    form = autograded_cell(graded, ASSIGNMENT, "widgets", "ex03_form")
    kinds = {key for output in form["outputs"] for key in output.get("data", {})}
    assert "application/vnd.jupyter.widget-view+json" in kinds
