"""nbgrader configuration of the course. Run nbgrader commands from this folder."""

import os
from pathlib import Path

from nbgrader.converters.generate_assignment import GenerateAssignment

from dgtkit.nbgrader_hooks import WORKBOOK_FILES, RefuseSavedAnswersInSource

c = get_config()  # noqa: F821 (provided by nbgrader when it reads this file)
here = Path(__file__).resolve().parent

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
c.ExecutePreprocessor.timeout = 60

# What a student sees in place of a solution. Knowledge checks take one letter.
c.ClearSolutions.code_stub = {
    "python": 'answer = ""  # type the letter of your choice between the quotes'
}
c.ClearSolutions.text_stub = "Write your answer here."

# A student's saved exercise answers (workbook.sqlite) are part of the submission: autograding
# must never replace them with a copy from the source folder...
c.Autograde.exclude_overwriting = {
    folder.name: list(WORKBOOK_FILES) for folder in (here / "source").iterdir() if folder.is_dir()
}
# ...and a workbook left in a source folder must never be released to students.
c.GenerateAssignment.preprocessors = [
    RefuseSavedAnswersInSource,
    *GenerateAssignment.class_traits()["preprocessors"].default(),
]
