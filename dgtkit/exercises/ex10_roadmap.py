"""Ex 10 (Module 5): the capacity roadmap canvas."""

from __future__ import annotations

from dgtkit.exercises.base import Exercise
from dgtkit.models import roadmap, vision
from dgtkit.store import handoff
from dgtkit.store.workbook import Revision, WorkbookError
from dgtkit.widgets.roadmap import CapacityRoadmapView

UNREADABLE = (WorkbookError, KeyError, TypeError, ValueError, AttributeError)


class CapacityRoadmap(Exercise):
    """Ex 10 (Module 5): for each capacity gap, a level, an intervention, an owner, partners
    and a horizon, on a timeline marked with the milestones of the vision.

    A first start makes one draft row per capacity gap of Ex 5
    (``dgtkit.store.handoff.capacity_gaps``). Every start takes the vision year and the
    milestones of Ex 7, when Ex 7 has them; otherwise the canvas keeps those it saved.
    """

    key = roadmap.EXERCISE_KEY
    model_class = roadmap.Roadmap
    view_class = CapacityRoadmapView

    def _load(self, latest: Revision | None):
        model = super()._load(latest)
        if latest is None or self.problem:  # nothing saved, or nothing readable
            model = roadmap.Roadmap.from_gaps(self._capacity_gaps())
        model.follow_vision(self._vision())
        return model

    def _capacity_gaps(self) -> list:
        try:
            return handoff.capacity_gaps(self.workbook)
        except UNREADABLE:
            return []  # an unreadable Ex 5 must not stop Ex 10: the canvas starts empty

    def _vision(self) -> vision.Vision | None:
        try:
            return vision.Vision.from_dict(handoff.latest(self.workbook, vision.EXERCISE_KEY))
        except UNREADABLE:
            return None  # an unreadable Ex 7: the canvas keeps what it saved
