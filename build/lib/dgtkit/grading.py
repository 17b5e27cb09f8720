"""What the autograder tests of the nbgrader assignments call.

Autograding re-executes a notebook with nobody clicking, so the tests never read widget state:
they read what the student saved in ``workbook.sqlite`` beside the notebook. Every failure is
an AssertionError whose message tells the student what to do, without giving the answer.
"""

from __future__ import annotations

from pathlib import Path

from dgtkit.models.pillar_rating import EXERCISE_KEY as PILLAR_RATING_KEY
from dgtkit.models.pillar_rating import PillarRating
from dgtkit.workbook import Revision, Workbook, WorkbookError

#: The workbook an assignment's exercises write to: beside the notebook, whatever
#: $DGTKIT_WORKBOOK says, so that nbgrader submits and grades it with the notebook.
ASSIGNMENT_WORKBOOK = "workbook.sqlite"


def check_choice(answer: object, letters: str = "ABCD") -> None:
    """The visible test of a multiple-choice question: one of the letters, nothing else."""
    choices = ", ".join(letters[:-1]) + f" or {letters[-1]}"
    assert isinstance(answer, str) and answer.strip().upper() in set(letters), (
        f"Type one letter, {choices}, between the quotes, for example: answer = \"{letters[0]}\""
    )


def saved_answer(exercise_key: str, path: str | Path = ASSIGNMENT_WORKBOOK) -> Revision:
    """The newest saved revision of an exercise in the workbook beside the notebook."""
    try:
        workbook = Workbook(path, create=False)
    except WorkbookError as error:
        raise AssertionError(
            f"No saved answers were found. {error} Do the exercise in this notebook: your "
            "answers are saved as you go into workbook.sqlite, which is submitted with it."
        ) from None
    revision = workbook.latest_by_anyone(exercise_key)
    assert revision is not None, (
        "The exercise in this notebook has not been saved yet. Fill in its form above; every "
        "change is saved at once. Then submit the assignment again."
    )
    return revision


def saved_pillar_rating(path: str | Path = ASSIGNMENT_WORKBOOK) -> PillarRating:
    """The student's saved Ex 3 pillar self-rating."""
    return PillarRating.from_dict(saved_answer(PILLAR_RATING_KEY, path).data)


def check_pillar_rating_complete(path: str | Path = ASSIGNMENT_WORKBOOK) -> PillarRating:
    """Every pillar rated: the autograded check of Ex 3."""
    rating = saved_pillar_rating(path)
    names = [rating.framework.pillar(pid).name for pid in rating.missing]
    assert rating.is_complete, (
        f"{len(names)} pillar(s) not rated yet: {'; '.join(names)}. "
        "Choose a level for each of them in the form above."
    )
    return rating
