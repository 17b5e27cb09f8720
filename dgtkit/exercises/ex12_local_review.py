"""Ex 12 (Module 6): the local SDG review."""

from __future__ import annotations

from dgtkit.exercises.base import Exercise
from dgtkit.models import local_review
from dgtkit.store import handoff
from dgtkit.widgets.local_review import LocalReviewView


class LocalSdgReview(Exercise):
    """Ex 12 (Module 6): the SDG targets the plan serves, chosen from the 169, each with how
    it is tracked and the Ex 10 actions and Ex 11 indicators tied to it, read through
    ``handoff.roadmap`` and ``handoff.indicators`` each time the form opens."""

    key = local_review.EXERCISE_KEY
    model_class = local_review.LocalReview
    view_class = LocalReviewView

    def _build_view(self):
        return self.view_class(self.model, on_change=self.save,
                               actions=handoff.roadmap(self.workbook),
                               indicators=handoff.indicators(self.workbook))
