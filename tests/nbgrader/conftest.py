"""One generated course for every nbgrader test: each assignment released, a reference and a
blank submission of each autograded, and the robustness fixtures of ``test_robustness``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.nbgrader.course import ASSIGNMENTS, copy_course, nbgrader, release, source, submit


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> Path:
    """A copy of the course with every assignment generated, nothing submitted."""
    course = copy_course(tmp_path_factory.mktemp("course"))
    nbgrader(course, "generate_assignment", "*", "--force")
    return course


@pytest.fixture(scope="session")
def graded(generated) -> Path:
    """Every assignment submitted twice and autograded: ``reference`` (the source notebook and
    a workbook of complete answers) and ``blank`` (the release, no workbook)."""
    for assignment in ASSIGNMENTS:
        submit(generated, "reference", assignment, source(generated, assignment), "reference")
        submit(generated, "blank", assignment, release(generated, assignment))
    nbgrader(generated, "autograde", "*")
    nbgrader(generated, "generate_feedback", "*")
    return generated
