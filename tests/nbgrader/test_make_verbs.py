"""The make verbs of the graded course, as the instructor guide runs them, on a copy of the
course: generate, validate, autograde, feedback and grades."""

from __future__ import annotations

import csv
import subprocess

import pytest

from tests.helpers import REPO, tool_env
from tests.nbgrader.course import copy_course, source, submit

pytestmark = pytest.mark.slow


def make(verb: str, course, *extra: str) -> str:
    result = subprocess.run(["make", "--no-print-directory", "-C", str(REPO), verb,
                             f"COURSE={course}", *extra],
                            env=tool_env(), capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def test_from_the_source_to_exported_grades_with_make(tmp_path):
    course = copy_course(tmp_path)
    make("assignments", course)
    assert (course / "release" / "m1_introduction" / "m1_introduction.ipynb").is_file()
    submit(course, "alice", "m1_introduction", source(course, "m1_introduction"), "alice")
    out = make("autograde", course, "WORKERS=2")
    assert "alice/m1_introduction: 7 of 12 points so far" in out
    assert "Item statistics (" in out  # autograde ends with the item report
    assert "m1_introduction    q1_check" in make("items", course)
    assert all((course / f"item_statistics.{kind}").is_file() for kind in ("csv", "html"))
    make("feedback", course)
    assert (course / "feedback" / "alice" / "m1_introduction" / "m1_introduction.html").is_file()
    assert "Grades exported to" in make("grades", course)
    rows = list(csv.DictReader((course / "grades.csv").open()))
    alice = {r["assignment"]: float(r["raw_score"]) for r in rows if r["student_id"] == "alice"}
    assert alice["m1_introduction"] == 7.0
