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
    handed_in_files,
)
from dgtkit.instructor.sandboxed import SandboxedExecute, TrustCellsFromTheGradebook

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
# ...a copied cell must not stop the submission from being graded (nbgrader issue 1083), nor
# a cell pasted from another assignment, and what kind of cell each one is (a test, an
# answer) is read from the gradebook, never from the submission...
c.Autograde.sanitize_preprocessors = [
    step
    for pp in Autograde.class_traits()["sanitize_preprocessors"].default()
    for step in ([TrustCellsFromTheGradebook, pp] if pp.__name__ == "OverwriteCells"
                 else [DeduplicateIdsCleanly if pp.__name__ == "DeduplicateIds" else pp])
]
# ...and a submission is hostile: its code runs in a sandbox (bubblewrap: a throwaway user, no
# network, limits, nothing of the course in view), and never decides its own points: its
# answers leave the sandbox as plain data and a judge where no student code ran runs the
# tests, told by nbgrader whose submission it is (dgtkit/instructor/sandboxed.py). Without
# bubblewrap nothing is graded, unless the lecturer says `make autograde UNSAFE=1`
# (c.SandboxedExecute.sandbox = False). Set c.SandboxedExecute.check_own_work = False where
# student ids are not the names students work under.
c.Autograde.autograde_preprocessors = [
    SandboxedExecute if pp.__name__ == "Execute" else pp
    for pp in Autograde.class_traits()["autograde_preprocessors"].default()
]
# Output is limited in lines (nbgrader's LimitOutput) and in characters per cell.
c.SandboxedExecute.output_bytes = 200_000
# Every released notebook opens with the course's instructions to students (one header
# notebook for all assignments)...
c.IncludeHeaderFooter.header = str(here / "header.ipynb")
# ...and a workbook left in a source folder must never be released to students.
c.GenerateAssignment.preprocessors = [
    RefuseSavedAnswersInSource,
    *GenerateAssignment.class_traits()["preprocessors"].default(),
]
