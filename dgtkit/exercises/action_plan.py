"""Day 5 (Module 7): the action-plan app Voila serves."""

from __future__ import annotations

from dgtkit.exercises.base import Exercise
from dgtkit.models import action_plan
from dgtkit.widgets.action_plan import ActionPlanView


class ActionPlanApp(Exercise):
    """Day 5 (Module 7): the team's action plan, served by Voila as a standalone app."""

    key = action_plan.EXERCISE_KEY
    model_class = action_plan.ActionPlan
    view_class = ActionPlanView
