"""Ex 10 (Module 5): the capacity roadmap canvas."""

from __future__ import annotations

from dgtkit.exercises.base import Exercise
from dgtkit.models import roadmap
from dgtkit.store import handoff
from dgtkit.store.workbook import Revision
from dgtkit.widgets.roadmap import CapacityRoadmapView


class CapacityRoadmap(Exercise):
    """Ex 10 (Module 5): for each capacity gap, a level, an intervention, an owner, partners
    and a horizon, on a timeline marked with the milestones of the vision.

    A first start makes one draft row per capacity gap of Ex 5 (``handoff.capacity_gaps``).
    Every start takes the vision year and the milestones of Ex 7 (``handoff.vision``), when
    Ex 7 has them; otherwise the canvas keeps those it saved.
    """

    key = roadmap.EXERCISE_KEY
    model_class = roadmap.Roadmap
    view_class = CapacityRoadmapView

    def _load(self, latest: Revision | None):
        model = super()._load(latest)
        if latest is None or self.problem:  # nothing saved, or nothing readable
            model = roadmap.Roadmap.from_gaps(handoff.capacity_gaps(self.workbook))
        model.follow_vision(handoff.vision(self.workbook))
        return model
