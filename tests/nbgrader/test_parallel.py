"""``dgtkit.instructor.autograde`` gives the scores of serial ``nbgrader autograde`` on the same
submissions, shows its progress, skips what is graded, and stops a submission past its limit."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from tests.nbgrader import submissions
from tests.nbgrader.course import (
    COURSE_ID,
    copy_course,
    nbgrader,
    release,
    run,
    source,
    submit,
)

pytestmark = pytest.mark.slow
ASSIGNMENT = submissions.ASSIGNMENT
#: A few different submissions, graded both ways.
STUDENTS = ("tests-edited", "cells-moved", "other-workbook", "cells-deleted")


@pytest.fixture(scope="module")
def twins(tmp_path_factory) -> tuple[Path, Path]:
    """Two identical courses with the same submissions, nothing graded yet."""
    made = copy_course(tmp_path_factory.mktemp("made"))
    nbgrader(made, "generate_assignment", "*", "--force")
    submit(made, "reference", ASSIGNMENT, source(made, ASSIGNMENT), "reference")
    submit(made, "blank", "m3_situation", release(made, "m3_situation"))
    submit(made, "reference", "m3_situation", source(made, "m3_situation"), "reference")
    for student in STUDENTS:
        submissions.SUBMISSIONS[student](made, student)
    serial = tmp_path_factory.mktemp("serial") / "exercises"
    parallel = tmp_path_factory.mktemp("parallel") / "exercises"
    shutil.copytree(made, serial)
    shutil.copytree(made, parallel)
    return serial, parallel


def every_grade(course: Path) -> dict[tuple, tuple]:
    found = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID) as gradebook:
        for assignment in gradebook.assignments:
            for submission in assignment.submissions:
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        key = (assignment.name, submission.student.id, grade.name)
                        found[key] = (grade.score, grade.max_score, grade.needs_manual_grade)
    return found


def test_parallel_scores_are_those_of_serial_nbgrader(twins):
    serial, parallel = twins
    nbgrader(serial, "autograde", "*")
    result = run(parallel, sys.executable, "-m", "dgtkit.instructor.autograde", "--workers", "2")
    assert "Autograding 7 submissions with 2 workers." in result.stdout
    one, other = every_grade(serial), every_grade(parallel)
    assert len(one) == 5 * 7 + 2 * 8  # five Module 2 submissions, two of Module 3
    assert one == other
    assert any(score for score, _top, _manual in one.values())  # not all zero by accident


def test_progress_is_shown_and_graded_work_is_skipped_unless_forced(twins):
    _serial, parallel = twins
    result = run(parallel, sys.executable, "-m", "dgtkit.instructor.autograde", ASSIGNMENT)
    assert "already graded (use --force to grade again)" in result.stdout
    assert "Graded 0, not graded 0, already graded 5" in result.stdout
    result = run(parallel, sys.executable, "-m", "dgtkit.instructor.autograde", ASSIGNMENT,
                 "--force", "--student", "reference")
    bars = re.findall(r"^\[([#.]{30})\] (\d+)/1 graded", result.stdout, flags=re.M)
    assert bars[-1] == ("#" * 30, "1")
    assert f"reference/{ASSIGNMENT}: 7 of 13 points so far" in result.stdout
    assert "Graded 1, not graded 0" in result.stdout


def test_a_submission_past_its_limit_is_stopped_and_the_rest_graded(tmp_path):
    course = copy_course(tmp_path)
    nbgrader(course, "generate_assignment", ASSIGNMENT)
    submissions.infinite_loop(course, "loops")  # its cell runs 60 s before it is interrupted
    submissions.reference(course, "fine")
    result = run(course, sys.executable, "-m", "dgtkit.instructor.autograde", "--limit", "20",
                 check=False)
    assert result.returncode == 1
    assert f"loops/{ASSIGNMENT}: NOT GRADED after 1 tries: stopped after 20 s" in result.stdout
    assert f"fine/{ASSIGNMENT}: 7 of 13 points so far" in result.stdout
    assert not (course / "autograded" / "loops" / ASSIGNMENT).exists()
    assert "Graded 1, not graded 1" in result.stdout


def test_nothing_to_grade_is_said_plainly(tmp_path):
    course = copy_course(tmp_path)
    result = run(course, sys.executable, "-m", "dgtkit.instructor.autograde")
    assert "Nothing to grade" in result.stdout

