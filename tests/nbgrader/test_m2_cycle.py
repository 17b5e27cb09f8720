"""The whole nbgrader cycle of the Module 2 assignment, in a temporary course directory."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from dgtkit.frameworks import frameworks
from dgtkit.models.pillar_rating import EXERCISE_KEY, PillarRating
from dgtkit.workbook import Workbook
from tests.conftest import REPO, tool_env

pytestmark = pytest.mark.slow
ASSIGNMENT = "m2_holistic"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
COURSE_ID = "dgt-capacities"


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        ["nbgrader", *args], cwd=course, env=tool_env(), capture_output=True, text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def copy_course(parent: Path) -> Path:
    """The course's exercises folder as in git: source and config, nothing generated."""
    root = parent / "exercises"
    shutil.copytree(REPO / "exercises", root,
                    ignore=shutil.ignore_patterns("release", "submitted", "autograded",
                                                  "feedback", "exchange", "gradebook.db",
                                                  "workbook.sqlite*"))
    return root


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """A copy of the course with the assignment generated."""
    root = copy_course(tmp_path_factory.mktemp("course"))
    nbgrader(root, "generate_assignment", ASSIGNMENT, "--force")
    return root


def complete_rating() -> dict:
    rating = PillarRating()
    for number, pillar_id in enumerate(frameworks().pillar_ids):
        rating.rate(pillar_id, number % 5 + 1)
    return rating.to_dict()


def submit(course: Path, student: str, notebook: Path, ratings: dict | None) -> None:
    folder = course / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True)
    shutil.copy(notebook, folder / NOTEBOOK)
    if ratings is not None:
        Workbook(folder / "workbook.sqlite", participant=student).save(EXERCISE_KEY, ratings)


@pytest.fixture(scope="module")
def graded(course) -> Path:
    release = course / "release" / ASSIGNMENT / NOTEBOOK
    submit(course, "reference", course / "source" / ASSIGNMENT / NOTEBOOK, complete_rating())
    submit(course, "blank", release, None)
    half = complete_rating()
    half["ratings"]["skills"] = None
    submit(course, "unfinished", course / "source" / ASSIGNMENT / NOTEBOOK, half)
    nbgrader(course, "autograde", ASSIGNMENT)
    nbgrader(course, "generate_feedback", ASSIGNMENT)
    return course


def scores(course: Path, student: str) -> dict[str, tuple[float, float]]:
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID) as gradebook:
        notebook = gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, student)
        return {g.name: (g.score, g.max_score, g.needs_manual_grade) for g in notebook.grades}


def test_release_holds_no_solution_and_no_hidden_test(course):
    source = (course / "source" / ASSIGNMENT / NOTEBOOK).read_text("utf-8")
    release = (course / "release" / ASSIGNMENT / NOTEBOOK).read_text("utf-8")
    assert "BEGIN SOLUTION" in source and "BEGIN HIDDEN TESTS" in source
    for secret in ("BEGIN SOLUTION", "HIDDEN TESTS", 'answer = \\"B\\"', 'answer = \\"C\\"',
                   "fictional regency", "This is not the step that follows"):
        assert secret not in release, f"the release gives away {secret!r}"
    assert "type the letter of your choice" in release
    assert "Rubric (6 points)" in release
    assert sorted(p.name for p in (course / "release" / ASSIGNMENT).iterdir()) == [NOTEBOOK]


def test_release_fails_validation_while_the_source_passes(course):
    release = course / "release" / ASSIGNMENT / NOTEBOOK
    result = subprocess.run(["nbgrader", "validate", str(release)], cwd=course,
                            env=tool_env(), capture_output=True, text=True, timeout=300)
    assert "failed" in result.stdout.lower() or "error" in result.stdout.lower()


def test_reference_solution_gets_every_autograded_point(graded):
    result = scores(graded, "reference")
    auto = {name: v for name, v in result.items() if name != "written_answer"}
    assert auto == {"q1_check": (1.0, 1.0, False), "q2_check": (1.0, 1.0, False),
                    "ex03_check": (2.0, 2.0, False)}
    assert result["written_answer"][2] is True  # waits for the lecturer, with its rubric


def test_blank_submission_scores_zero(graded):
    result = scores(graded, "blank")
    assert all(score == 0 for score, _max, _manual in result.values())


def test_ex03_check_reads_the_workbook_not_the_widgets(graded):
    result = scores(graded, "unfinished")
    assert result["q1_check"][0] == 1.0
    assert result["ex03_check"][0] == 0.0
    autograded = json.loads(
        (graded / "autograded" / "unfinished" / ASSIGNMENT / NOTEBOOK).read_text("utf-8")
    )
    check = next(c for c in autograded["cells"]
                 if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "ex03_check")
    message = "".join(check["outputs"][0].get("evalue", ""))
    assert "Digital skills of public servants" in message  # tells the student what is missing


def test_feedback_is_written_for_every_student(graded):
    for student in ("reference", "blank", "unfinished"):
        feedback = graded / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html"
        assert feedback.is_file()
    assert "q1_check" in (graded / "feedback" / "reference" / ASSIGNMENT /
                          f"{ASSIGNMENT}.html").read_text("utf-8")


def test_autograde_keeps_the_students_workbook(graded):
    copy = graded / "autograded" / "reference" / ASSIGNMENT / "workbook.sqlite"
    assert Workbook(copy, create=False).latest_by_anyone(EXERCISE_KEY).participant == "reference"


def test_a_workbook_left_in_the_source_is_never_released(tmp_path):
    root = copy_course(tmp_path)
    Workbook(root / "source" / ASSIGNMENT / "workbook.sqlite").save(EXERCISE_KEY, {})
    result = subprocess.run(["nbgrader", "generate_assignment", ASSIGNMENT], cwd=root,
                            env=tool_env(), capture_output=True, text=True, timeout=300)
    assert "would reach every student" in result.stdout + result.stderr
    assert not (root / "release" / ASSIGNMENT / "workbook.sqlite").exists()


def test_validating_the_source_leaves_no_workbook_behind(course):
    source = course / "source" / ASSIGNMENT
    subprocess.run(["nbgrader", "validate", str(source / NOTEBOOK)], cwd=course,
                   env=tool_env(), capture_output=True, text=True, timeout=300)
    assert not (source / "workbook.sqlite").exists()
