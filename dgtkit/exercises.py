"""The exercises as notebooks call them: ``PillarSelfRating.show()``, ``ActionPlanApp.show()``.

Each exercise loads the participant's latest answers from the workbook, shows its form, and
saves a new revision after every accepted change. If the workbook cannot be used, the form
still works and says plainly that nothing is being saved.
"""

from __future__ import annotations

import os
from typing import Any, ClassVar

import ipywidgets as w
from IPython.display import display

from dgtkit.models import action_plan, pillar_rating
from dgtkit.widgets.action_plan import ActionPlanView
from dgtkit.widgets.common import saved_text, status_html
from dgtkit.widgets.pillar_rating import PillarRatingView
from dgtkit.workbook import Workbook, WorkbookError


class _Exercise:
    """Model + view + workbook: load the latest revision, save after every change."""

    key: ClassVar[str]

    def __init__(self, workbook: Workbook | str | None = None, participant: str | None = None):
        """``workbook``: a Workbook, the path of one, or None for the default location."""
        self.problem = ""
        try:
            if not isinstance(workbook, Workbook):
                # When nbgrader runs the notebook (validate, autograde) nobody clicks: read
                # what was saved, and never leave a new workbook behind.
                grading = bool(os.environ.get("NBGRADER_EXECUTION"))
                workbook = Workbook(workbook, participant=participant, create=not grading)
            self.workbook: Workbook | None = workbook
            latest = workbook.latest(self.key)
        except WorkbookError as error:
            self.workbook, latest, self.problem = None, None, str(error)
        self.model = self.load(latest.data if latest else None)
        self.view = self.make_view()
        if self.problem:
            self.view.status.value = status_html(self.problem, problem=True)

    @classmethod
    def show(cls, workbook: Workbook | str | None = None, participant: str | None = None) -> None:
        """Display the exercise's form (what a notebook cell calls)."""
        display(cls(workbook, participant).widget)

    @property
    def widget(self) -> w.Widget:
        return self.view.widget

    def save(self) -> None:
        if self.workbook is None:
            self.view.status.value = status_html(self.problem, problem=True)
            return
        try:
            revision = self.workbook.save(self.key, self.model.to_dict())
        except WorkbookError as error:
            self.view.status.value = status_html(str(error), problem=True)
            return
        self.view.status.value = status_html(saved_text(revision))

    def load(self, data: dict[str, Any] | None):
        raise NotImplementedError

    def make_view(self):
        raise NotImplementedError


class PillarSelfRating(_Exercise):
    """Ex 3 (Module 2): rate the team's government 1-5 on each pillar."""

    key = pillar_rating.EXERCISE_KEY

    def load(self, data):
        return pillar_rating.PillarRating.from_dict(data) if data else pillar_rating.PillarRating()

    def make_view(self):
        return PillarRatingView(self.model, on_change=self.save)


class ActionPlanApp(_Exercise):
    """Day 5 (Module 7): the team's action plan, served by Voila as a standalone app."""

    key = action_plan.EXERCISE_KEY

    def load(self, data):
        return action_plan.ActionPlan.from_dict(data) if data else action_plan.ActionPlan()

    def make_view(self):
        return ActionPlanView(self.model, on_change=self.save)

