"""Ex 8 (Module 5): the organization structure debate."""

from __future__ import annotations

from dgtkit.exercises.base import Exercise
from dgtkit.models import structure
from dgtkit.store import handoff
from dgtkit.store.workbook import Revision
from dgtkit.widgets.structure import OrganizationStructureView


class OrganizationStructure(Exercise):
    """Ex 8 (Module 5): centralized, federal or decentralized? Rate the context, see the fit
    scores, recommend a structure with reasons, a risk to manage and a first step.

    A first start rates "digital capacity of units" from the team's Ex 5 self-assessment
    (today's level of the skills and organization pillars, ``handoff.levels_today``), and
    says so."""

    key = structure.EXERCISE_KEY
    model_class = structure.OrganizationStructure
    view_class = OrganizationStructureView

    def _load(self, latest: Revision | None):
        model = super()._load(latest)
        if latest is None or self.problem:  # nothing saved, or nothing readable
            model.prefill(handoff.levels_today(self.workbook))
        return model
