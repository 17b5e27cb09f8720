"""One generated course for every nbgrader test: every assignment released; a reference and a
blank submission of each, and the robustness fixtures of ``submissions``, autograded in one
parallel run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.nbgrader import submissions
from tests.nbgrader.course import ASSIGNMENTS, copy_course, nbgrader, release, run, source, submit

#: Seconds a cell may run in the test course (the course's own setting is 60).
CELL_TIMEOUT = 10
#: Seconds a submission may take in all, in the test course's parallel runs.
LIMIT = 60


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> Path:
    """A copy of the course with every assignment generated, nothing submitted."""
    course = copy_course(tmp_path_factory.mktemp("course"))
    with (course / "nbgrader_config.py").open("a") as config:
        config.write(f"\nc.Execute.timeout = {CELL_TIMEOUT}\n")
    nbgrader(course, "generate_assignment", "*", "--force")
    return course


@pytest.fixture(scope="session")
def autograde_run(generated) -> subprocess.CompletedProcess:
    """Every assignment submitted as ``reference`` (the source notebook, a workbook of
    complete answers and, for Module 7, the plan file) and ``blank`` (the release, nothing
    else); the robustness fixtures of the Module 2 assignment and the plan files of Module 7
    besides; all autograded at once by ``dgtkit.instructor.autograde``."""
    for assignment in ASSIGNMENTS:
        submit(generated, "reference", assignment, source(generated, assignment), "reference")
        submit(generated, "blank", assignment, release(generated, assignment))
    for student, make in (submissions.SUBMISSIONS | submissions.PLAN_SUBMISSIONS).items():
        make(generated, student)
    submissions.kernel_killed(generated, "kernel-killed")
    submissions.hangs(generated, "hangs")
    return run(generated, sys.executable, "-m", "dgtkit.instructor.autograde", "--limit",
               str(LIMIT),
               check=False)


@pytest.fixture(scope="session")
def graded(generated, autograde_run) -> Path:
    nbgrader(generated, "generate_feedback", "*")
    return generated
