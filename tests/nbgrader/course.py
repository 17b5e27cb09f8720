"""A temporary copy of the course directory, and the submissions the nbgrader tests grade."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from nbgrader.api import Gradebook

from dgtkit.instructor.sample_answers import write_submission, write_workbook
from tests.helpers import REPO, tool_env

COURSE_ID = "dgt-capacities"
ASSIGNMENTS = sorted(p.name for p in (REPO / "exercises" / "source").iterdir() if p.is_dir())
WRITTEN = "written_answer"


def run(course: Path, *args: str, check: bool = True, timeout: float = 900
        ) -> subprocess.CompletedProcess:
    """A command in the course directory, with the venv's tools first on the PATH."""
    result = subprocess.run(list(args), cwd=course, env=tool_env(), capture_output=True,
                            text=True, timeout=timeout)
    if check:
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def nbgrader(course: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return run(course, "nbgrader", *args, **kwargs)


def copy_course(parent: Path) -> Path:
    """The course's exercises folder as in git: source, header and config, nothing generated."""
    root = parent / "exercises"
    shutil.copytree(REPO / "exercises", root,
                    ignore=shutil.ignore_patterns("release", "submitted", "autograded",
                                                  "feedback", "exchange", "gradebook.db*",
                                                  "workbook.sqlite*", "*.csv"))
    return root


def source(course: Path, assignment: str) -> Path:
    return course / "source" / assignment / f"{assignment}.ipynb"


def release(course: Path, assignment: str) -> Path:
    return course / "release" / assignment / f"{assignment}.ipynb"


def submit(course: Path, student: str, assignment: str, notebook: Path | dict,
           workbook_by: str | None = None, plan_file: bool = True) -> Path:
    """Put a submission in ``submitted/``: a notebook (a file, or a notebook as a dict), and
    what a student hands in with it (``sample_answers.write_submission``): a workbook of
    sample answers saved by ``workbook_by`` (none if None) and, for Module 7 unless not
    ``plan_file``, the plan file the app exports."""
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{assignment}.ipynb"
    if isinstance(notebook, dict):
        target.write_text(json.dumps(notebook), "utf-8")
    else:
        shutil.copy(notebook, target)
    if workbook_by is not None and plan_file:
        write_submission(folder, workbook_by, assignment)
    elif workbook_by is not None:
        write_workbook(folder / "workbook.sqlite", workbook_by)
    return folder


def grades(course: Path, assignment: str, student: str) -> dict[str, tuple]:
    """grade id → (score, max score, needs manual grade), from the gradebook."""
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID) as gradebook:
        notebook = gradebook.find_submission_notebook(assignment, assignment, student)
        return {g.name: (g.score, g.max_score, g.needs_manual_grade) for g in notebook.grades}


def autograded_cell(course: Path, assignment: str, student: str, grade_id: str) -> dict:
    path = course / "autograded" / student / assignment / f"{assignment}.ipynb"
    cells = json.loads(path.read_text("utf-8"))["cells"]
    return next(c for c in cells
                if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id)


def error_text(cell: dict) -> str:
    """The error a graded cell showed, as plain text."""
    text = " ".join(o.get("ename", "") + ": " + o.get("evalue", "")
                    for o in cell.get("outputs", []) if o.get("output_type") == "error")
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def notebook_json(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))
