"""Ex 7 (Module 4): vision statement and backcasting."""

from __future__ import annotations

from dgtkit.exercises.base import Exercise
from dgtkit.models import vision
from dgtkit.store import handoff
from dgtkit.store.workbook import Revision
from dgtkit.widgets.vision import VisionView


class VisionBuilder(Exercise):
    """Ex 7 (Module 4): a vision statement, its checks, and milestones back to today.

    A first start reads the capacity gaps of Ex 5 (``handoff.capacity_gaps``) into the vision;
    later starts show the gaps the vision was built on, as saved.
    """

    key = vision.EXERCISE_KEY
    model_class = vision.Vision
    view_class = VisionView

    def _load(self, latest: Revision | None):
        model = super()._load(latest)
        if latest is None or self.problem:  # nothing saved, or nothing readable
            model = vision.Vision.from_gaps(handoff.capacity_gaps(self.workbook))
        return model
