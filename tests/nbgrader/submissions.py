"""What students do to a notebook, as fixture submissions of the Module 2 assignment.

Each function takes the course and a student id and writes a submission into ``submitted/``;
``EXPECTED`` says what each should score. Between them they cover the robustness promises of
the graded course; ``test_robustness`` checks them.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

from tests.nbgrader.course import notebook_json, release, source, submit

ASSIGNMENT = "m2_holistic"
#: The autograded cells of the assignment and their points.
POINTS = {"q1_check": 1, "q2_check": 1, "q3_check": 1, "ex03_check": 2,
          "ex04_order_check": 1, "ex04_links_check": 1}
FULL = dict(POINTS)
ZERO = dict.fromkeys(POINTS, 0)
EXERCISES = ("ex03_check", "ex04_order_check", "ex04_links_check")


def _cells(notebook: dict) -> list[dict]:
    return notebook["cells"]


def _id(cell: dict) -> str:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")


def _find(notebook: dict, grade_id: str) -> dict:
    return next(c for c in _cells(notebook) if _id(c) == grade_id)


def _set(cell: dict, text: str) -> None:
    cell["source"] = text


def _reference(course: Path) -> dict:
    """The source notebook: every answer right (what a diligent student would submit)."""
    return notebook_json(source(course, ASSIGNMENT))


def unchanged(course: Path, student: str) -> None:
    """The release as fetched, submitted without a change and without a workbook."""
    submit(course, student, ASSIGNMENT, release(course, ASSIGNMENT))


def reference(course: Path, student: str) -> None:
    submit(course, student, ASSIGNMENT, source(course, ASSIGNMENT), workbook_by=student)


def tests_edited(course: Path, student: str) -> None:
    """Wrong or missing answers, with the test cells edited or replaced to pass anyway."""
    notebook = _reference(course)
    _set(_find(notebook, "q1_answer"), 'answer_1 = "D"')
    _set(_find(notebook, "q1_check"), "pass  # the test is gone")
    _set(_find(notebook, "ex03_check"), 'print("All 8 pillars are rated.")')
    _set(_find(notebook, "ex04_order_check"), "assert True")
    submit(course, student, ASSIGNMENT, notebook)  # and no workbook at all


def grade_cells_deleted(course: Path, student: str) -> None:
    """Right answers, but two graded cells deleted."""
    notebook = _reference(course)
    notebook["cells"] = [c for c in _cells(notebook)
                         if _id(c) not in ("q2_check", "ex04_links_check")]
    submit(course, student, ASSIGNMENT, notebook, workbook_by=student)


def cells_duplicated_split_reordered(course: Path, student: str) -> None:
    """Right answers, with cells copied, split in two and moved about."""
    notebook = _reference(course)
    cells = _cells(notebook)
    # Question 2's block (text, answer, check) moved before question 1's.
    blocks = {gid: next(i for i, c in enumerate(cells) if _id(c) == gid)
              for gid in ("q1_text", "q2_text")}
    q2 = cells[blocks["q2_text"]: blocks["q2_text"] + 3]
    del cells[blocks["q2_text"]: blocks["q2_text"] + 3]
    cells[blocks["q1_text"]: blocks["q1_text"]] = q2
    # Question 3's answer split in two cells; the second keeps no nbgrader metadata.
    answer = _find(notebook, "q3_answer")
    second = copy.deepcopy(answer)
    second["metadata"] = {}
    second["id"] = "split-second-half"
    _set(answer, 'answer_3 = ""')
    _set(second, 'answer_3 = "B"')
    cells.insert(cells.index(answer) + 1, second)
    # The Ex 3 form and its check duplicated, ids and all.
    form, check = _find(notebook, "ex03_form"), _find(notebook, "ex03_check")
    at = cells.index(check) + 1
    for offset, cell in enumerate((form, check)):
        twin = copy.deepcopy(cell)
        twin["id"] = f"twin-{offset}"
        cells.insert(at + offset, twin)
    submit(course, student, ASSIGNMENT, notebook, workbook_by=student)


def infinite_loop(course: Path, student: str) -> None:
    """An answer cell that never ends, before its answer: that answer is lost, nothing else."""
    notebook = _reference(course)
    _set(_find(notebook, "q1_answer"), 'while True:\n    pass\nanswer_1 = "B"')
    submit(course, student, ASSIGNMENT, notebook, workbook_by=student)


def stops_the_kernel(course: Path, student: str) -> None:
    """Answer cells that call sys.exit, os._exit and exit() after giving their answer."""
    notebook = _reference(course)
    _set(_find(notebook, "q1_answer"), 'answer_1 = "B"\nimport sys\n\nsys.exit(0)')
    _set(_find(notebook, "q2_answer"), 'answer_2 = "C"\nimport os\n\nos._exit(0)')
    _set(_find(notebook, "q3_answer"), 'answer_3 = "B"\nexit()')
    submit(course, student, ASSIGNMENT, notebook, workbook_by=student)


def widgets_nobody_clicks(course: Path, student: str) -> None:
    """A notebook saved with its forms drawn (widget outputs and state), an extra button,
    and a cell that asks for typed input: grading clicks nothing and types nothing."""
    notebook = _reference(course)
    view = {"output_type": "display_data", "metadata": {}, "data": {
        "text/plain": "VBox(children=(...))",
        "application/vnd.jupyter.widget-view+json": {
            "version_major": 2, "version_minor": 0, "model_id": "0123456789abcdef"}}}
    for grade_id in ("ex03_form", "ex04_form"):
        _find(notebook, grade_id)["outputs"] = [view]
        _find(notebook, grade_id)["execution_count"] = 3
    notebook["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {
        "version_major": 2, "version_minor": 0, "state": {}}}
    extra = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
             "id": "extra-widgets", "source":
             "import ipywidgets as w\n\nbutton = w.Button(description='Click me')\n"
             "display(button)\nname = input('Your name: ')"}
    cells = _cells(notebook)
    cells.insert(cells.index(_find(notebook, "ex03_form")), extra)
    submit(course, student, ASSIGNMENT, notebook, workbook_by=student)


def no_workbook(course: Path, student: str) -> None:
    """Right answers, but the workbook was not submitted."""
    submit(course, student, ASSIGNMENT, source(course, ASSIGNMENT))


def someone_elses_workbook(course: Path, student: str) -> None:
    """Right answers, with a workbook that another student saved."""
    submit(course, student, ASSIGNMENT, source(course, ASSIGNMENT), workbook_by="friend")


#: Student id → how the submission is made. Each is graded and checked on its own. The
#: unchanged release and the reference solution are the ``blank`` and ``reference``
#: submissions every assignment gets (``conftest.graded``).
SUBMISSIONS = {
    "tests-edited": tests_edited,
    "cells-deleted": grade_cells_deleted,
    "cells-moved": cells_duplicated_split_reordered,
    "infinite-loop": infinite_loop,
    "stops-kernel": stops_the_kernel,
    "widgets": widgets_nobody_clicks,
    "no-workbook": no_workbook,
    "other-workbook": someone_elses_workbook,
}


#: Student id → the autograded scores the submission deserves (the written answer aside).
EXPECTED = {"reference": FULL, "blank": ZERO} | {
    "tests-edited": {**ZERO, "q2_check": 1, "q3_check": 1},
    "cells-deleted": {**FULL, "q2_check": 0, "ex04_links_check": 0},
    "cells-moved": FULL,
    "infinite-loop": {**FULL, "q1_check": 0},
    "stops-kernel": FULL,
    "widgets": FULL,
    "no-workbook": {**FULL, **dict.fromkeys(EXERCISES, 0)},
    "other-workbook": {**FULL, **dict.fromkeys(EXERCISES, 0)},
}


def kernel_killed(course: Path, student: str) -> None:
    """A cell that kills its own kernel by a signal: it cannot be graded, only reported."""
    notebook = _reference(course)
    _set(_find(notebook, "q2_answer"),
         'answer_2 = "C"\nimport os, signal\n\nos.kill(os.getpid(), signal.SIGKILL)')
    submit(course, student, ASSIGNMENT, notebook, workbook_by=student)


def hangs(course: Path, student: str) -> None:
    """A cell that ignores the interrupt and never ends: every later cell would time out."""
    notebook = _reference(course)
    _set(_find(notebook, "q1_answer"),
         "import signal\n\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass")
    submit(course, student, ASSIGNMENT, notebook, workbook_by=student)


def write_notebook(path: Path, notebook: dict) -> None:
    path.write_text(json.dumps(notebook), "utf-8")
