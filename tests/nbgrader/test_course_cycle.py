"""The whole nbgrader cycle of every assignment, in a temporary course directory: generate,
release, autograde a reference and a blank submission, feedback, gradebook, export."""

from __future__ import annotations

import csv
import re
import subprocess
import sys

import pytest
from nbgrader.api import Gradebook

from dgtkit.store.workbook import Workbook
from tests.helpers import tool_env
from tests.nbgrader.course import (
    ASSIGNMENTS,
    COURSE_ID,
    WRITTEN,
    copy_course,
    grades,
    nbgrader,
    notebook_json,
    release,
    run,
    source,
)
from tests.nbgrader.submissions import right_letter, wrong_letter

pytestmark = pytest.mark.slow


def cells(path):
    return notebook_json(path)["cells"]


def meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def text(cell) -> str:
    return "".join(cell["source"])


def test_there_is_one_assignment_per_module():
    assert [a[:3] for a in ASSIGNMENTS] == [f"m{n}_" for n in range(1, 8)]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_each_assignment_says_its_time_and_points_and_they_add_up(generated, assignment):
    intro = text(cells(source(generated, assignment))[0])
    minutes = int(re.search(r"About (\d+) minutes", intro).group(1))
    assert 45 <= minutes <= 90
    total = int(re.search(r"(\d+) points\.", intro).group(1))
    parts = [int(n) for n in re.findall(r"^\| [A-Z] \| [^|]+ \| (\d+) \|", intro, flags=re.M)]
    assert sum(parts) == total
    graded_points = [meta(c)["points"] for c in cells(source(generated, assignment))
                     if meta(c).get("grade")]
    assert sum(graded_points) == total


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_release_holds_no_solution_no_hidden_test_and_no_workbook(generated, assignment):
    src, rel = source(generated, assignment), release(generated, assignment)
    released = rel.read_text("utf-8")
    for secret in ("BEGIN SOLUTION", "HIDDEN TESTS", "A model answer"):
        assert secret in src.read_text("utf-8")
        assert secret not in released, f"the release gives away {secret!r}"
    for cell in cells(src):
        body = text(cell)
        for region in re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", body, re.S):
            for line in filter(None, (x.strip() for x in region.splitlines())):
                assert line not in released, f"the release gives away {line!r}"
        for region in re.findall(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", body,
                                 re.S):
            for hint in re.findall(r'"([^"]{30,})"', region):
                assert hint not in released, f"the release gives away the hint {hint!r}"
    assert sorted(p.name for p in rel.parent.iterdir()) == [rel.name]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_release_opens_with_the_header_and_keeps_every_rubric(generated, assignment):
    released = cells(release(generated, assignment))
    header = cells(generated / "header.ipynb")
    assert [text(c) for c in released[: len(header)]] == [text(c) for c in header]
    rubric = next(text(c) for c in released if meta(c).get("grade_id") == "written_rubric")
    assert re.search(r"\*\*Rubric \(\d+ points\)\*\*", rubric)
    written = next(c for c in released if meta(c).get("grade_id") == WRITTEN)
    assert text(written) == "Write your answer here."
    for cell in released:  # every answer cell gives the student a line to complete
        if meta(cell).get("solution") and cell["cell_type"] == "code":
            assert re.search(r'= (""|\.\.\.)', text(cell)), text(cell)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_reference_gets_every_autograded_point_and_waits_for_the_lecturer(
    graded, assignment
):
    result = grades(graded, assignment, "reference")
    auto = {name: v for name, v in result.items() if name != WRITTEN}
    assert auto and all(score == top and not manual for score, top, manual in auto.values()), (
        auto
    )
    assert result[WRITTEN][2] is True  # the written answer waits for the lecturer


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_an_unchanged_release_scores_zero(graded, assignment):
    result = grades(graded, assignment, "blank")
    assert all(score == 0 for score, _top, _manual in result.values()), result
    assert not any(manual for _s, _t, manual in result.values())


def test_the_gradebook_knows_every_assignment_with_its_points(graded):
    with Gradebook(f"sqlite:///{graded / 'gradebook.db'}", COURSE_ID) as gradebook:
        assert sorted(a.name for a in gradebook.assignments) == ASSIGNMENTS
        for assignment in ASSIGNMENTS:
            points = sum(meta(c)["points"] for c in cells(source(graded, assignment))
                         if meta(c).get("grade"))
            assert gradebook.find_assignment(assignment).max_score == points
            submission = gradebook.find_submission(assignment, "reference")
            written = next(g for g in submission.notebooks[0].grades if g.name == WRITTEN)
            assert submission.score == submission.max_score - written.max_score


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_feedback_is_written_for_every_student(graded, assignment):
    for student in ("reference", "blank"):
        page = graded / "feedback" / student / assignment / f"{assignment}.html"
        assert page.is_file()
    page = (graded / "feedback" / "blank" / assignment / f"{assignment}.html").read_text()
    assert any(words in page for words in ("No saved answers were found", "Type one letter",
                                           "No action plan was found to grade"))


def test_autograding_keeps_each_students_own_workbook(graded):
    for assignment in ASSIGNMENTS:
        copy = graded / "autograded" / "reference" / assignment / "workbook.sqlite"
        assert Workbook(copy, create=False).participants() == ["reference"]
        assert not (graded / "autograded" / "blank" / assignment / "workbook.sqlite").exists()


def test_grades_are_exported_to_csv(graded, tmp_path):
    target = tmp_path / "grades.csv"
    nbgrader(graded, "export", "--to", str(target))
    rows = {(r["assignment"], r["student_id"]): r for r in csv.DictReader(target.open())}
    for assignment in ASSIGNMENTS:
        assert float(rows[(assignment, "blank")]["raw_score"]) == 0
        reference = grades(graded, assignment, "reference")
        autograded = sum(top for name, (_s, top, _m) in reference.items() if name != WRITTEN)
        assert float(rows[(assignment, "reference")]["raw_score"]) == autograded
        assert float(rows[(assignment, "reference")]["max_score"]) == sum(
            top for _s, top, _m in reference.values())


def test_every_source_validates_and_every_unanswered_release_fails(generated):
    result = run(generated, sys.executable, "-m", "dgtkit.instructor.validate", check=False)
    for assignment in ASSIGNMENTS:
        assert f"{assignment}: source passes: yes" in result.stdout, result.stdout
        assert f"{assignment}: release fails when unanswered: yes" in result.stdout
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    assert not list((generated / "source").glob("*/workbook.sqlite*"))


def test_validation_can_fail_both_ways(tmp_path):
    course = copy_course(tmp_path)
    notebook = source(course, "m2_holistic")
    body = notebook.read_text("utf-8")
    reference = notebook_json(notebook)
    first, second = right_letter(reference, 1), right_letter(reference, 2)
    # A question whose solution the check rejects, and a check that passes on anything (a
    # hollow "assert True"): validate must report both.
    wrong = f'answer_1 = \\"{wrong_letter(reference, 1)}\\"'
    body = body.replace(f'answer_1 = \\"{first}\\"', wrong, 1)
    body = body.replace("check_choice(answer_2)", "pass  # check_choice(answer_2)")
    body = body.replace(f'assert answer_2.strip().upper() == \\"{second}\\"', "assert True")
    notebook.write_text(body, "utf-8")
    nbgrader(course, "generate_assignment", "m2_holistic")
    result = run(course, sys.executable, "-m", "dgtkit.instructor.validate", "m2_holistic",
                 check=False)
    assert result.returncode == 1
    assert "m2_holistic: source passes: NO" in result.stdout
    assert "m2_holistic: release fails when unanswered: NO" in result.stdout
    assert "q2_check" not in result.stdout and "Checks question 2" in result.stdout


def test_a_workbook_left_in_the_source_is_never_released(tmp_path):
    course = copy_course(tmp_path)
    Workbook(course / "source" / "m2_holistic" / "workbook.sqlite").save("ex03_pillar_rating", {})
    result = subprocess.run(["nbgrader", "generate_assignment", "m2_holistic"], cwd=course,
                            env=tool_env(), capture_output=True, text=True, timeout=300)
    assert "would reach every student" in result.stdout + result.stderr
    assert not (course / "release" / "m2_holistic" / "workbook.sqlite").exists()


def test_validating_a_source_in_place_leaves_no_workbook_behind(generated):
    notebook = source(generated, "m2_holistic")
    nbgrader(generated, "validate", str(notebook), check=False)
    assert not list(notebook.parent.glob("workbook.sqlite*"))
