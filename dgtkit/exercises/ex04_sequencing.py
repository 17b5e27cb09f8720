"""Ex 4 (Module 2): process sequencing."""

from __future__ import annotations

from dgtkit.exercises.base import Exercise
from dgtkit.models import sequencing
from dgtkit.widgets.sequencing import ProcessSequencingView


class ProcessSequencing(Exercise):
    """Ex 4 (Module 2): put the steps of the DGT process in order and explain each link."""

    key = sequencing.EXERCISE_KEY
    model_class = sequencing.ProcessSequence
    view_class = ProcessSequencingView
