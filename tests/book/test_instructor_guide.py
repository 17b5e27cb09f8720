"""The instructor guide says what the course does: its table of assignments matches the
notebooks, and every command it gives exists as it is written."""

from __future__ import annotations

import json
import re

import yaml

from tests.conftest import REPO

GUIDE = (REPO / "book" / "instructor-guide.md").read_text("utf-8")
SOURCE = REPO / "exercises" / "source"


def intro(assignment: str) -> str:
    notebook = json.loads((SOURCE / assignment / f"{assignment}.ipynb").read_text("utf-8"))
    return "".join(notebook["cells"][0]["source"])


def test_the_guide_is_in_the_part_for_facilitators_and_schools():
    toc = yaml.safe_load((REPO / "_toc.yml").read_text("utf-8"))
    part = next(p for p in toc["parts"] if p["caption"] == "For facilitators and schools")
    assert "book/instructor-guide" in [c["file"] for c in part["chapters"]]


def test_the_table_of_assignments_matches_the_notebooks():
    rows = re.findall(r"^\| `(m\d_\w+)` \| [^|]+ \| (\d+) \| (\d+) \|", GUIDE, flags=re.M)
    assert [name for name, _m, _p in rows] == sorted(p.name for p in SOURCE.iterdir()
                                                     if p.is_dir())
    for name, minutes, points in rows:
        text = intro(name)
        assert f"About {minutes} minutes. {points} points." in text, name


def test_every_make_verb_in_the_guide_exists():
    makefile = (REPO / "Makefile").read_text("utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.M))
    verbs = set(re.findall(r"`make ([a-z]+)", GUIDE)) | set(
        re.findall(r"^\s*make ([a-z]+)\s*$", GUIDE, flags=re.M))
    assert {"assignments", "validate", "autograde", "formgrader", "feedback", "grades"} <= verbs
    assert verbs <= targets


def test_every_nbgrader_command_in_the_guide_is_one_nbgrader_has():
    from nbgrader.apps.nbgraderapp import NbGraderApp

    commands = set(re.findall(r"[/`]nbgrader ([a-z_]+)", GUIDE))
    assert {"generate_assignment", "release_assignment", "release_feedback", "collect"} \
        <= commands
    assert commands <= set(NbGraderApp.subcommands)


def test_the_settings_the_guide_names_are_those_of_the_course():
    config = (REPO / "exercises" / "nbgrader_config.py").read_text("utf-8")
    for setting in re.findall(r"^\| `(c\.[A-Za-z.]+)` \|", GUIDE, flags=re.M):
        assert setting in config or setting in (
            "c.SandboxedExecute.sandbox", "c.SandboxedExecute.check_own_work"), setting
    assert "c.Execute.timeout = 60" in config


def test_the_outcome_matrix_names_only_sessions_exercises_and_graded_items_that_exist():
    """Every outcome has a session, an exercise and a graded item, and each id is the
    course's: a session of week.yaml, a built exercise of week.yaml, a graded cell (with
    points) of an nbgrader source notebook. The guide renders the table from the same file."""
    from dgtkit.course.outcomes import outcomes
    from dgtkit.course.week import week
    from dgtkit.site.render import outcome_matrix

    w = week()
    sessions = {s.id for m in w.modules for s in m.sessions}
    exercises = {e.id for e in w.exercises if e.notebook}
    graded = set()
    for folder in SOURCE.iterdir():
        if folder.is_dir():
            notebook = json.loads((folder / f"{folder.name}.ipynb").read_text("utf-8"))
            graded |= {f"{folder.name}:{c['metadata']['nbgrader']['grade_id']}"
                       for c in notebook["cells"]
                       if c["metadata"].get("nbgrader", {}).get("points")}
    found = outcomes()
    assert [o.number for o in found] == list(range(1, 8))
    for outcome in found:
        assert outcome.taught and outcome.practised and outcome.assessed, outcome.number
        assert set(outcome.taught) <= sessions, (outcome.number, set(outcome.taught) - sessions)
        assert set(outcome.practised) <= exercises, (outcome.number, outcome.practised)
        assert set(outcome.assessed) <= graded, (outcome.number, set(outcome.assessed) - graded)
    assert "```{outcome-matrix}" in GUIDE
    table = outcome_matrix(w, found)
    assert table.count("\n| **") == 7 and "`m6_monitoring:ex12_check`" in table
