"""Ex 2 (Module 1): the benefit-risk matrix."""

from __future__ import annotations

from dgtkit.exercises.base import Exercise
from dgtkit.models import benefit_risk
from dgtkit.widgets.benefit_risk import BenefitRiskView


class BenefitRiskMatrix(Exercise):
    """Ex 2 (Module 1): benefits and risks for the team's government, rated for likelihood
    and impact, each risk with a mitigation and an owner."""

    key = benefit_risk.EXERCISE_KEY
    model_class = benefit_risk.BenefitRiskMatrix
    view_class = BenefitRiskView
