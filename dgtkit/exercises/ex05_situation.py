"""Ex 5 (Module 3): the situation-analysis lab."""

from __future__ import annotations

from dgtkit.exercises.base import Exercise
from dgtkit.models import situation
from dgtkit.store import handoff
from dgtkit.store.workbook import Revision
from dgtkit.widgets.situation import SituationAnalysisView


class SituationAnalysisLab(Exercise):
    """Ex 5 (Module 3): self-assessment, benchmark, SWOT/PESTEL, stakeholders, gap profile.

    A first visit starts from the team's Ex 3 rating and the government it named there."""

    key = situation.EXERCISE_KEY
    model_class = situation.SituationAnalysis
    view_class = SituationAnalysisView

    def _load(self, latest: Revision | None):
        model = super()._load(latest)
        if latest is None:
            model.assessment.prefill(handoff.pillar_ratings(self.workbook),
                                     handoff.pillar_evidence(self.workbook))
            model.government = handoff.government(self.workbook)[: situation.GOVERNMENT_LIMIT]
        return model
