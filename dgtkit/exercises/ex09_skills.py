"""Ex 9 (Module 5): the skills-gap matrix."""

from __future__ import annotations

from dgtkit.exercises.base import Exercise
from dgtkit.models import skills
from dgtkit.widgets.skills import SkillsMatrixView


class SkillsGapMatrix(Exercise):
    """Ex 9 (session 5.4): roles by digital competencies, the gaps, and a measure for each."""

    key = skills.EXERCISE_KEY
    model_class = skills.SkillsMatrix
    view_class = SkillsMatrixView
