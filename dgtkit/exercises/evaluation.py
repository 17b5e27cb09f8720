"""The evaluation of the training (Module 7, session 7.2; Kirkpatrick levels 1 and 3)."""

from __future__ import annotations

from dgtkit.exercises.base import Exercise
from dgtkit.models import evaluation
from dgtkit.widgets.evaluation import EvaluationView


class TrainingEvaluation(Exercise):
    """The final reaction survey and one to three commitments for the follow-up."""

    key = evaluation.EXERCISE_KEY
    model_class = evaluation.TrainingEvaluation
    view_class = EvaluationView
