"""nbgrader configuration of the course. Run nbgrader commands from this folder."""

import os
import sys
from pathlib import Path

from nbgrader.converters.autograde import Autograde
from nbgrader.converters.generate_assignment import GenerateAssignment

from dgtkit.instructor.nbgrader_hooks import (
    KERNEL_GUARD,
    WORKBOOK_FILES,
    DeduplicateIdsCleanly,
    RefuseSavedAnswersInSource,
    StudentForTheKernel,
    handed_in_files,
)

c = get_config()  # noqa: F821 (provided by nbgrader when it reads this file)
here = Path(__file__).resolve().parent

# nbgrader runs the `alembic` command when it creates the gradebook: find it beside the Python
# that runs nbgrader, so that ../.venv/bin/nbgrader works without activating the venv.
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"

c.CourseDirectory.course_id = "dgt-capacities"
c.CourseDirectory.root = str(here)

# The exchange through which assignments are released and collected. On the course hub
# (deploy/) the hub names its shared exchange; on one machine it is a folder here.
if os.environ.get("DGT_EXCHANGE_ROOT"):
    c.Exchange.root = os.environ["DGT_EXCHANGE_ROOT"]
else:
    exchange = here / "exchange"
    exchange.mkdir(exist_ok=True)
    c.Exchange.root = str(exchange)

# A cell that runs longer than this is stopped (an infinite loop, say); the rest is graded.
c.Execute.timeout = 60
# Code that would stop the kernel (os._exit, exit()) fails its own cell instead of ending
# the run; every other cell is still graded (dgtkit/instructor/kernel_guard.py).
c.Execute.extra_arguments = [KERNEL_GUARD]

# What a student sees in place of a solution. Each answer cell of the course already holds
# the line the student completes (answer_1 = "", egdi = ...) above its solution, so the
# solution itself is simply removed.
c.ClearSolutions.code_stub = {"python": ""}
c.ClearSolutions.text_stub = "Write your answer here."

# A student's saved exercise answers (workbook.sqlite) and Module 7's plan file are part of
# the submission: autograding must never replace them with a copy from the source folder...
c.Autograde.exclude_overwriting = {
    folder.name: sorted({*WORKBOOK_FILES, *handed_in_files(folder)})
    for folder in (here / "source").iterdir() if folder.is_dir()
}
# ...a copied cell must not stop the submission from being graded (nbgrader issue 1083)...
c.Autograde.sanitize_preprocessors = [
    DeduplicateIdsCleanly if pp.__name__ == "DeduplicateIds" else pp
    for pp in Autograde.class_traits()["sanitize_preprocessors"].default()
]
# ...the answers must be the student's own: the kernel that grades a submission is told whose
# it is (set c.StudentForTheKernel.enabled = False where student ids are not login names)...
c.Autograde.autograde_preprocessors = [
    StudentForTheKernel,
    *Autograde.class_traits()["autograde_preprocessors"].default(),
]
# Every released notebook opens with the course's instructions to students (one header
# notebook for all assignments)...
c.IncludeHeaderFooter.header = str(here / "header.ipynb")
# ...and a workbook left in a source folder must never be released to students.
c.GenerateAssignment.preprocessors = [
    RefuseSavedAnswersInSource,
    *GenerateAssignment.class_traits()["preprocessors"].default(),
]
