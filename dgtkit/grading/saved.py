"""The answers a student saved in the workbook beside the notebook, and whose they are.

Autograding re-executes a notebook with nobody clicking, so the checks never read widget
state: they read what the student saved in ``workbook.sqlite``, which is submitted with it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from dgtkit.models import UNREADABLE
from dgtkit.models.checks import Check
from dgtkit.store.workbook import (
    DEFAULT_FILENAME,
    NBGRADER_EXECUTION,
    Revision,
    Workbook,
    WorkbookError,
)

__all__ = ["ASSIGNMENT_WORKBOOK", "GRADED_STUDENT", "NBGRADER_EXECUTION", "assert_checks",
           "check_own_work", "name_list", "saved_answer", "saved_model"]

#: The workbook an assignment's exercises write to: beside the notebook, whatever
#: $DGTKIT_WORKBOOK says, so that nbgrader submits and grades it with the notebook.
ASSIGNMENT_WORKBOOK = DEFAULT_FILENAME
#: The student whose submission is being autograded, set by the judge
#: (``dgtkit.instructor.judge``) from what nbgrader tells the trusted side, in a process where
#: no student code runs; unset when nobody is to be checked. The student's kernel never has it.
GRADED_STUDENT = "DGT_GRADED_STUDENT"


def saved_answer(exercise_key: str, path: str | Path = ASSIGNMENT_WORKBOOK) -> Revision:
    """The newest saved revision of an exercise in the workbook beside the notebook."""
    try:
        workbook = Workbook(path, create=False)
        revision = workbook.latest_by_anyone(exercise_key)
    except WorkbookError as error:
        raise AssertionError(
            f"No saved answers were found. {error} Do the exercise in this notebook: your "
            "answers are saved as you go into workbook.sqlite, which is submitted with it."
        ) from None
    assert revision is not None, (
        "The exercise in this notebook has not been saved yet. Fill in its form above; every "
        "change is saved at once. Then submit the assignment again."
    )
    return revision


def check_own_work(*exercise_keys: str, path: str | Path = ASSIGNMENT_WORKBOOK) -> None:
    """The hidden part of every exercise check: while a submission is autograded, the answers
    graded must have been saved by the student whose submission it is. A workbook copied
    from someone else earns no points. (Outside autograding there is no one to compare with.)
    """
    student = os.environ.get(GRADED_STUDENT, "").strip()
    if not student or os.environ.get(NBGRADER_EXECUTION) != "autograde":
        return
    for key in exercise_keys:
        revision = saved_answer(key, path)
        assert revision.participant == student, (
            f"These answers were saved by {revision.participant!r}, not by {student!r}, whose "
            "submission this is. Only your own saved work earns points: do the exercise "
            "yourself, then submit the workbook.sqlite it saved into."
        )


def saved_model(exercise_key: str, model_class, path: str | Path, what: str):
    revision = saved_answer(exercise_key, path)
    try:
        return model_class.from_dict(revision.data)
    except UNREADABLE:
        raise AssertionError(
            f"Your saved {what} (revision {revision.id}) could not be read. Open the form "
            "above again: it starts from your last readable answers. Save them again."
        ) from None


def assert_checks(checks: Iterable[Check], what: str) -> None:
    """Every check passed, or one message listing each that did not, with its reason."""
    failed = [check for check in checks if not check.passed]
    assert not failed, (
        f"{what}: {len(failed)} check{'s' * (len(failed) != 1)} not passed yet.\n"
        + "\n".join(f"- {check.label}: {check.reason}" for check in failed)
        + "\nThe form above shows the same checklist. Complete it; it is saved at once."
    )


def name_list(items: list[str], most: int = 5) -> str:
    shown = "; ".join(items[:most])
    return shown + (f"; and {len(items) - most} more" if len(items) > most else "")
