"""Ex 1 (Module 1): digitize, digitalize or transform?"""

from __future__ import annotations

from dgtkit.exercises.base import Exercise
from dgtkit.models import classification
from dgtkit.widgets.classification import ServiceClassificationView


class ServiceClassification(Exercise):
    """Ex 1 (Module 1): sort twelve local-service examples into the three steps."""

    key = classification.EXERCISE_KEY
    model_class = classification.ServiceClassification
    view_class = ServiceClassificationView
