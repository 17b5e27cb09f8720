"""Ex 6 (Module 4): horizon scan and 2 x 2 scenarios."""

from __future__ import annotations

from dgtkit.exercises.base import Exercise
from dgtkit.models import scenarios
from dgtkit.widgets.scenarios import HorizonScanView


class HorizonScan(Exercise):
    """Ex 6 (Module 4): a horizon scan, two critical uncertainties and four futures."""

    key = scenarios.EXERCISE_KEY
    model_class = scenarios.ScenarioSet
    view_class = HorizonScanView
