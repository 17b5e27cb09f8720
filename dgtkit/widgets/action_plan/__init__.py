"""The Day 5 action-plan app's widgets: a thin view of ``dgtkit.models.action_plan``.

``app`` composes the parts: ``editor`` (the action form), ``panels`` (government and
objectives, table controls, suggestions, history), ``html`` (table, timeline, coverage,
budget, what is missing), ``transfer`` (export and import) and ``team`` (the first screen
in a workshop room).
"""

from dgtkit.widgets.action_plan.app import ActionPlanView

__all__ = ["ActionPlanView"]
