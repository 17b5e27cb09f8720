"""A submission is hostile (``cheats``): every cheat graded in one parallel run beside honest
classmates earns no point it does not deserve, is flagged, changes nothing outside its own
folder, leaves no process behind, and leaves the classmates' grades as a run without the
cheaters gives them. Real nbgrader, real kernels, real bubblewrap."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

from tests.helpers import tool_env
from tests.nbgrader import cheats
from tests.nbgrader.conftest import CELL_TIMEOUT, LIMIT
from tests.nbgrader.course import autograded_cell, copy_course, error_text, grades, nbgrader

pytestmark = pytest.mark.slow
ASSIGNMENT = cheats.ASSIGNMENT
#: What the lecturer's own tools write in their home (Jupyter's one-time migration mark).
LECTURERS_OWN = (".jupyter/migrated",)


def digest(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Each file under ``folder`` (links not followed) → a hash of its bytes."""
    found = {}
    if not folder.exists():
        return found
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if any(relative == s or relative.startswith(s + "/") for s in skip):
            continue
        if path.is_symlink():
            found[relative] = "link to " + os.readlink(path)
        elif path.is_file():
            found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def generated_course(parent: Path) -> Path:
    course = copy_course(parent)
    with (course / "nbgrader_config.py").open("a") as config:
        config.write(f"\nc.Execute.timeout = {CELL_TIMEOUT}\n")
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    return course


def autograde(course: Path, home: Path, *extra: str) -> subprocess.CompletedProcess:
    """``dgtkit.instructor.autograde`` as the lecturer runs it, with ``home`` as their home."""
    home.mkdir(exist_ok=True)
    env = tool_env(HOME=str(home))
    for name in ("IPYTHONDIR", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "MPLCONFIGDIR"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "dgtkit.instructor.autograde", "--limit",
                           str(LIMIT), *extra], cwd=course, env=env, capture_output=True,
                          text=True, timeout=1800)


def marked_processes() -> list[str]:
    found = []
    for process in psutil.process_iter(["pid", "cmdline"]):
        with_marker = any(cheats.MARKER in part for part in process.info["cmdline"] or [])
        if with_marker:
            found.append(f"{process.info['pid']}: {' '.join(process.info['cmdline'])[:80]}")
    return found


@pytest.fixture(scope="module")
def honest_only(tmp_path_factory) -> Path:
    """The honest classmates graded on their own: the grades they deserve."""
    course = generated_course(tmp_path_factory.mktemp("honest"))
    cheats.make_all(course, cheaters=False)
    result = autograde(course, tmp_path_factory.mktemp("honest-home"))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return course


@pytest.fixture(scope="module")
def cheated(tmp_path_factory) -> dict:
    """Every cheat and the honest classmates, graded in one run; what was there before."""
    course = generated_course(tmp_path_factory.mktemp("cheated"))
    cheats.make_all(course)
    home = tmp_path_factory.mktemp("lecturer-home")
    (home / ".ipython").mkdir()
    (home / ".bashrc").write_text("# the lecturer's\n")
    students = [*cheats.HONEST, *cheats.CHEATS, *cheats.REFUSED]
    before = {
        "course": digest(course, skip=("autograded", "gradebook.db", "autograde.log",
                                       "similarity", "similarity.csv",
                                       "item_statistics.csv", "item_statistics.html")),
        "home": digest(home, skip=LECTURERS_OWN),
    }
    result = autograde(course, home)
    after = {
        "course": digest(course, skip=("autograded", "gradebook.db", "autograde.log",
                                       "similarity", "similarity.csv",
                                       "item_statistics.csv", "item_statistics.html")),
        "home": digest(home, skip=LECTURERS_OWN),
        "processes": marked_processes(),
    }
    # What could still change later: a process left behind would keep rewriting.
    rows = cheats.gradebook_rows(course, cheats.HONEST)
    return {"course": course, "result": result, "before": before, "after": after,
            "students": students, "rows": rows, "home": home}


def autograded(course: Path, student: str) -> dict[str, float]:
    return {name: score for name, (score, _top, _manual) in
            grades(course, ASSIGNMENT, student).items() if name != "written_answer"}


@pytest.mark.parametrize("student", sorted(cheats.EXPECTED))
def test_no_cheat_earns_a_point_it_does_not_deserve(cheated, student):
    assert autograded(cheated["course"], student) == cheats.EXPECTED[student]


@pytest.mark.parametrize(("student", "note"), sorted(cheats.FLAGS.items()))
def test_each_cheat_is_flagged_for_the_lecturer(cheated, student, note):
    out = cheated["result"].stdout
    assert f"  {student}/{ASSIGNMENT}: {note}" in out, out[-4000:]


def test_every_cheater_is_reported_and_the_run_finishes(cheated):
    out = cheated["result"].stdout
    for student in cheated["students"]:
        assert f"{student}/{ASSIGNMENT}" in out, student
    graded = len(cheats.HONEST) + len(cheats.CHEATS)
    assert f"Graded {graded}, not graded {len(cheats.REFUSED)}" in out, out[-3000:]


def test_honest_classmates_are_graded_as_without_the_cheaters(cheated, honest_only):
    alone = cheats.gradebook_rows(honest_only, cheats.HONEST)
    assert alone and cheated["rows"] == alone
    for student in cheats.HONEST:
        assert autograded(cheated["course"], student) == cheats.EXPECTED["cheat-forks"]


def test_nothing_outside_the_cheaters_folders_changed(cheated):
    assert cheated["after"]["course"] == cheated["before"]["course"]
    assert cheated["after"]["home"] == cheated["before"]["home"]
    assert not Path("/tmp/dgt-cheat-config-ran").exists()


def test_no_process_a_submission_started_outlives_the_run(cheated):
    assert cheated["after"]["processes"] == []


def test_a_process_left_behind_could_not_rewrite_the_gradebook(cheated):
    rows = cheats.gradebook_rows(cheated["course"], [*cheats.HONEST, "cheat-outlives-kernel"])
    assert rows and all(manual is None for _auto, manual, _needs in rows.values())
    assert cheats.gradebook_rows(cheated["course"], cheats.HONEST) == cheated["rows"]


def test_feedback_shows_no_classmates_answers_and_no_other_hidden_tests(cheated):
    course = cheated["course"]
    nbgrader(course, "generate_feedback", ASSIGNMENT, "--student", "cheat-leaks-feedback")
    for text in (cheats.feedback_text(course, "cheat-leaks-feedback"),
                 cheats.autograded_text(course, "cheat-leaks-feedback")):
        assert text
        for student in cheats.HONEST:
            assert student.upper() not in text  # each honest written answer's code word
    cell = autograded_cell(course, ASSIGNMENT, "cheat-leaks-feedback", "q1_answer")
    printed = "".join("".join(o.get("text", "")) for o in cell["outputs"])
    assert "HIDDEN TESTS" not in printed and "A model answer" not in printed


def test_a_link_handed_in_is_never_followed(cheated):
    course = cheated["course"]
    student = "cheat-links-gradebook"
    assert "holds what the grader must never read" in cheated["result"].stdout
    assert not (course / "autograded" / student).exists()
    nbgrader(course, "generate_feedback", ASSIGNMENT, check=False)
    assert not (course / "feedback" / student).exists()


def test_files_handed_in_beside_the_notebook_are_never_imported(cheated):
    folder = cheated["course"] / "autograded" / "cheat-shadows-the-course" / ASSIGNMENT
    assert not (folder / "dgtkit").exists() and not (folder / "helper.py").exists()
    submitted = cheated["course"] / "submitted" / "cheat-shadows-the-course" / ASSIGNMENT
    assert (submitted / "dgtkit" / "__init__.py").is_file()  # kept for the lecturer to see


def test_an_answer_that_is_not_plain_data_is_not_an_answer(cheated):
    cell = autograded_cell(cheated["course"], ASSIGNMENT, "cheat-equals-anything", "q1_check")
    assert "Type one letter" in error_text(cell)


def test_output_is_limited_in_bytes_and_the_disk_in_size(cheated):
    course = cheated["course"]
    notebook = (course / "autograded" / "cheat-floods-output" / ASSIGNMENT
                / f"{ASSIGNMENT}.ipynb")
    assert notebook.stat().st_size < 2_000_000
    cell = autograded_cell(course, ASSIGNMENT, "cheat-floods-output", "q1_answer")
    assert "Output truncated" in "".join("".join(o.get("text", "")) for o in cell["outputs"])
    filler = course / "autograded" / "cheat-fills-disk" / ASSIGNMENT
    assert sum(p.stat().st_size for p in filler.rglob("*") if p.is_file()) < 20_000_000
    cell = autograded_cell(course, ASSIGNMENT, "cheat-fills-disk", "q1_answer")
    assert "The disk is full" in "".join("".join(o.get("text", "")) for o in cell["outputs"])


@pytest.mark.parametrize(("student", "other", "part"), cheats.SIMILAR)
def test_copies_are_listed_in_the_similarity_report(cheated, student, other, part):
    report = (cheated["course"] / "similarity.csv").read_text("utf-8")
    assert any(line.startswith(f"{ASSIGNMENT},{part},") and student in line and other in line
               for line in report.splitlines()), report
    assert "Similar answers" in cheated["result"].stdout


def test_honest_classmates_are_not_listed_as_similar(cheated):
    report = (cheated["course"] / "similarity.csv").read_text("utf-8")
    pairs = [line for line in report.splitlines()
             if cheats.HONEST[0] in line and cheats.HONEST[1] in line]
    assert pairs == [] or all("workbook" in line for line in pairs)


def test_without_bubblewrap_nothing_is_graded_unless_the_lecturer_says_so(tmp_path):
    course = generated_course(tmp_path / "course")
    cheats.honest(course, "alice")
    home = tmp_path / "home"
    bare = tmp_path / "bin"  # a PATH without bwrap, with the course's Python
    bare.mkdir()
    for tool in ("nbgrader", "alembic", "python", "python3"):
        if (Path(sys.executable).parent / tool).exists():
            (bare / tool).symlink_to(Path(sys.executable).parent / tool)
    env = tool_env(HOME=str(home), PATH=str(bare))
    home.mkdir()
    result = subprocess.run([sys.executable, "-m", "dgtkit.instructor.autograde"], cwd=course,
                            env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 2
    assert "Nothing was graded: bubblewrap (the bwrap command) is not installed" in result.stdout
    assert not (course / "autograded").exists()
    result = subprocess.run([sys.executable, "-m", "dgtkit.instructor.autograde",
                             "--no-sandbox"], cwd=course, env=env, capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "WARNING: grading WITHOUT a sandbox" in result.stdout
    assert "graded WITHOUT a sandbox (UNSAFE" in result.stdout
    assert autograded(course, "alice") == cheats.EXPECTED["cheat-forks"]
    shutil.rmtree(course / "autograded")
