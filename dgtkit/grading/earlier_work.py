"""Earlier assignments' work brought beside this one, so that its forms start from it."""

from __future__ import annotations

import os
from pathlib import Path

from dgtkit.grading.saved import ASSIGNMENT_WORKBOOK
from dgtkit.store.workbook import NBGRADER_EXECUTION, Workbook, WorkbookError


def bring_forward(earlier: dict[str, str], path: str | Path = ASSIGNMENT_WORKBOOK) -> list[str]:
    """Copy earlier exercises into this assignment's workbook, so that its forms start from them.

    ``earlier`` maps a workbook key to the assignment folder that saved it, for example
    ``{"ex10_roadmap": "m5_strategy"}``: the fetched assignments sit side by side, so that
    workbook is ``../m5_strategy/workbook.sqlite``. Only what this workbook does not hold yet is
    copied, and only the student's own revisions. Prints what was done; returns the keys copied.
    While nbgrader runs the notebook (validate, autograde) nothing is copied: grading reads
    only what was submitted.
    """
    if os.environ.get(NBGRADER_EXECUTION):
        return []
    here = Path(path)
    copied, missing = [], []
    try:
        workbook = Workbook(here)
    except WorkbookError as error:
        print(f"Your earlier work could not be brought here: {error}")
        return []
    for key, assignment in earlier.items():
        if workbook.latest(key) is not None:
            continue
        source = here.resolve().parent.parent / assignment / here.name
        try:
            revision = Workbook(source, participant=workbook.participant,
                                create=False).latest(key)
        except WorkbookError:
            revision = None
        if revision is None:
            missing.append(f"{key} (from {assignment})")
            continue
        workbook.save(key, revision.data)
        copied.append(key)
        print(f"Brought {key} from {assignment}, as you saved it there.")
    if missing:
        print("Not found, so the forms below start without it: " + "; ".join(missing) + ".")
    if not copied and not missing:
        print("This workbook already holds your earlier work.")
    return copied
