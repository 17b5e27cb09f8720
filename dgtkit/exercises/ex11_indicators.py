"""Ex 11 (Module 6): the SMART indicator clinic."""

from __future__ import annotations

from dgtkit.exercises.base import Exercise
from dgtkit.models import indicators
from dgtkit.store import handoff
from dgtkit.store.workbook import Revision
from dgtkit.widgets.indicators import IndicatorClinicView


class IndicatorClinic(Exercise):
    """Ex 11 (Module 6): indicators for the roadmap, each checked against SMART, with the
    values measured on a progress chart.

    A first start makes one draft indicator per intervention of Ex 10 (``handoff.roadmap``).
    Every start takes the interventions of Ex 10 when it has any; otherwise the clinic keeps
    those it saved.
    """

    key = indicators.EXERCISE_KEY
    model_class = indicators.IndicatorSet
    view_class = IndicatorClinicView

    def _load(self, latest: Revision | None):
        model = super()._load(latest)
        interventions = handoff.roadmap(self.workbook)
        if latest is None or self.problem:  # nothing saved, or nothing readable
            model = indicators.IndicatorSet.from_interventions(interventions)
        model.follow_roadmap(interventions)
        return model
