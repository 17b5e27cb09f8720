"""What students do to a notebook, as fixture submissions of the Module 2 assignment, and
what they hand in for Module 7, whose assignment is the plan file the action-plan app exports.

Each function takes the course and a student id and writes a submission into ``submitted/``;
``EXPECTED`` (and ``PLAN_EXPECTED`` for Module 7) says what each should score. Between them
they cover the robustness promises of the graded course; ``test_robustness`` and
``test_plan_submissions`` check them.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import replace
from pathlib import Path

from dgtkit.instructor import sample_answers
from dgtkit.models import action_plan
from dgtkit.planfile import export, filename
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


def right_letter(notebook: dict, number: int) -> str:
    """The letter the solution gives for knowledge question ``number``, read from the source
    notebook, so that the fixtures follow the questions when they are rewritten."""
    cell = "".join(_find(notebook, f"q{number}_answer")["source"])
    return re.search(r'### BEGIN SOLUTION\s+answer_\d+ = "([A-D])"', cell).group(1)


def wrong_letter(notebook: dict, number: int) -> str:
    return next(letter for letter in "ABCD" if letter != right_letter(notebook, number))


def unchanged(course: Path, student: str) -> None:
    """The release as fetched, submitted without a change and without a workbook."""
    submit(course, student, ASSIGNMENT, release(course, ASSIGNMENT))


def reference(course: Path, student: str) -> None:
    submit(course, student, ASSIGNMENT, source(course, ASSIGNMENT), workbook_by=student)


def tests_edited(course: Path, student: str) -> None:
    """Wrong or missing answers, with the test cells edited or replaced to pass anyway."""
    notebook = _reference(course)
    _set(_find(notebook, "q1_answer"), f'answer_1 = "{wrong_letter(notebook, 1)}"')
    _set(_find(notebook, "q1_check"), "pass  # the test is gone")
    _set(_find(notebook, "ex03_check"), 'print("All 8 pillars are rated.")')
    _set(_find(notebook, "ex04_order_check"), "assert True")  # nbgrader must restore it
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
    right = right_letter(notebook, 3)
    second = copy.deepcopy(answer)
    second["metadata"] = {}
    second["id"] = "split-second-half"
    _set(answer, 'answer_3 = ""')
    _set(second, f'answer_3 = "{right}"')
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
    right = right_letter(notebook, 1)
    _set(_find(notebook, "q1_answer"), f'while True:\n    pass\nanswer_1 = "{right}"')
    submit(course, student, ASSIGNMENT, notebook, workbook_by=student)


def stops_the_kernel(course: Path, student: str) -> None:
    """Answer cells that call sys.exit, os._exit and exit() after giving their answer."""
    notebook = _reference(course)
    first, second, third = (right_letter(notebook, n) for n in (1, 2, 3))
    _set(_find(notebook, "q1_answer"), f'answer_1 = "{first}"\nimport sys\n\nsys.exit(0)')
    _set(_find(notebook, "q2_answer"), f'answer_2 = "{second}"\nimport os\n\nos._exit(0)')
    _set(_find(notebook, "q3_answer"), f'answer_3 = "{third}"\nexit()')
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
    _set(_find(notebook, "q2_answer"), f'answer_2 = "{right_letter(notebook, 2)}"\n'
         "import os, signal\n\nos.kill(os.getpid(), signal.SIGKILL)")
    submit(course, student, ASSIGNMENT, notebook, workbook_by=student)


def hangs(course: Path, student: str) -> None:
    """A cell that ignores the interrupt and never ends: every later cell would time out."""
    notebook = _reference(course)
    _set(_find(notebook, "q1_answer"),
         "import signal\n\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass")
    submit(course, student, ASSIGNMENT, notebook, workbook_by=student)


#: What the two submissions whose kernel stops deserve: the answers given before it stopped,
#: and the exercises, which are judged on the workbook handed in.
EXPECTED_STOPPED = {
    "kernel-killed": {**FULL, "q2_check": 0, "q3_check": 0},
    "hangs": {**FULL, "q1_check": 0, "q2_check": 0, "q3_check": 0},
}


def write_notebook(path: Path, notebook: dict) -> None:
    path.write_text(json.dumps(notebook), "utf-8")


# -- Module 7: the plan file ---------------------------------------------------------------------

PLAN_ASSIGNMENT = "m7_action_plan"
PLAN_POINTS = {"plan_complete_check": 1, "plan_consistent_check": 5}
PLAN_FULL = dict(PLAN_POINTS)
PLAN_ZERO = dict.fromkeys(PLAN_POINTS, 0)
#: The exercises before the plan, as the notebook's first cell brings them beside it.
EARLIER = [key for key in sample_answers.ANSWERS if key != action_plan.EXERCISE_KEY]


def _plan_submission(course: Path, student: str) -> Path:
    """The source notebook, and a workbook of the student's earlier work but no plan."""
    folder = submit(course, student, PLAN_ASSIGNMENT, source(course, PLAN_ASSIGNMENT))
    sample_answers.write_workbook(folder / "workbook.sqlite", student, EARLIER)
    return folder


def plan_file_only(course: Path, student: str) -> None:
    """The plan exported from the app in the room: the file, and no plan in the workbook."""
    sample_answers.write_plan_file(_plan_submission(course, student))


def plan_form_only(course: Path, student: str) -> None:
    """The plan built in the notebook's form, without the file."""
    submit(course, student, PLAN_ASSIGNMENT, source(course, PLAN_ASSIGNMENT),
           workbook_by=student, plan_file=False)


def plan_file_corrupt(course: Path, student: str) -> None:
    """A plan file cut short (a download that broke off), and a plan in the workbook too."""
    folder = submit(course, student, PLAN_ASSIGNMENT, source(course, PLAN_ASSIGNMENT),
                    workbook_by=student, plan_file=False)
    whole = export(sample_answers.action_plan_model(), "json")
    (folder / "action-plan-deli-serdang-regency.json").write_bytes(whole[: len(whole) // 2])


def plan_file_foreign(course: Path, student: str) -> None:
    """A JSON file named as a plan, but another program's."""
    folder = _plan_submission(course, student)
    (folder / "action-plan-team-blue.json").write_text(
        json.dumps({"format": "another-planning-tool", "tasks": ["Train staff"]}), "utf-8")


def plan_files_two(course: Path, student: str) -> None:
    """The plan downloaded twice: the browser named the second copy '... (1).json'."""
    folder = _plan_submission(course, student)
    first = sample_answers.write_plan_file(folder)
    (folder / f"{first.stem} (1).json").write_bytes(first.read_bytes())


def plan_with_gaps(course: Path, student: str) -> None:
    """A plan file whose first action has no budget, no source of money and no indicator."""
    folder = _plan_submission(course, student)
    plan = sample_answers.action_plan_model()
    first = plan.actions[0]
    plan.actions[0] = replace(first, budget=None, budget_source="",
                              indicator=action_plan.Indicator())
    (folder / filename(plan, "json")).write_bytes(export(plan, "json"))


def plan_sdg_unserved(course: Path, student: str) -> None:
    """A plan file whose SDG target 11.2 (from its local review) no action serves."""
    folder = _plan_submission(course, student)
    plan = sample_answers.action_plan_model()
    plan.vision = replace(plan.vision, sdg_targets=(*plan.vision.sdg_targets, "11.2"))
    (folder / filename(plan, "json")).write_bytes(export(plan, "json"))


#: Student id → how the Module 7 submission is made (graded in the same run).
PLAN_SUBMISSIONS = {
    "plan-file-only": plan_file_only,
    "plan-form-only": plan_form_only,
    "plan-corrupt": plan_file_corrupt,
    "plan-foreign": plan_file_foreign,
    "plan-two-files": plan_files_two,
    "plan-gaps": plan_with_gaps,
    "plan-sdg-unserved": plan_sdg_unserved,
}

#: Student id → the autograded scores of Module 7 (the pitch aside).
PLAN_EXPECTED = {
    "reference": PLAN_FULL,
    "blank": PLAN_ZERO,
    "plan-file-only": PLAN_FULL,
    "plan-form-only": PLAN_FULL,
    "plan-corrupt": PLAN_ZERO,
    "plan-foreign": PLAN_ZERO,
    "plan-two-files": PLAN_ZERO,
    "plan-gaps": {**PLAN_FULL, "plan_complete_check": 0},
    "plan-sdg-unserved": {**PLAN_FULL, "plan_consistent_check": 0},
}
