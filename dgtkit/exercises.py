"""The exercises as notebooks call them: ``PillarSelfRating.show()``, ``ActionPlanApp.show()``.

Each exercise loads the participant's latest answers from the workbook, shows its form, and
saves a new revision after every accepted change. If the workbook cannot be used, the form
still works and says plainly that nothing is being saved.
"""

from __future__ import annotations

import os
from typing import ClassVar

import ipywidgets as w
from IPython.display import display

from dgtkit import thread
from dgtkit.models import action_plan, pillar_rating, scenarios, situation, vision
from dgtkit.widgets.action_plan import ActionPlanView
from dgtkit.widgets.common import message_html, saved_text, status_html
from dgtkit.widgets.pillar_rating import PillarRatingView
from dgtkit.widgets.scenarios import HorizonScanView
from dgtkit.widgets.situation import SituationAnalysisView
from dgtkit.widgets.vision import VisionView
from dgtkit.workbook import Revision, Workbook, WorkbookError


class _Exercise:
    """Model + view + workbook: load the latest revision, save after every change."""

    key: ClassVar[str]
    model_class: ClassVar[type]  # a model with from_dict/to_dict and an empty default
    view_class: ClassVar[type]  # a view built as view_class(model, on_change=...)

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
        self.model = self._load(latest)
        self.view = self.view_class(self.model, on_change=self.save)
        if self.workbook is None:
            self.view.status.value = status_html(self.problem, problem=True)
        elif self.problem:
            self.view.status.value = message_html(self.problem)

    def _load(self, latest: Revision | None):
        if latest is None:
            return self.model_class()
        try:
            return self.model_class.from_dict(latest.data)
        except (KeyError, TypeError, ValueError, AttributeError):
            # Nothing is lost: the revision stays in the workbook, under the newer ones.
            self.problem = (
                f"Your last saved answers (revision {latest.id}) could not be read, so the "
                "form starts empty. They are still in the workbook: a facilitator can "
                "restore them."
            )
            return self.model_class()

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


class PillarSelfRating(_Exercise):
    """Ex 3 (Module 2): rate the team's government 1-5 on each pillar."""

    key = pillar_rating.EXERCISE_KEY
    model_class = pillar_rating.PillarRating
    view_class = PillarRatingView


class SituationAnalysisLab(_Exercise):
    """Ex 5 (Module 3): self-assessment, benchmark, SWOT/PESTEL, stakeholders, gap profile."""

    key = situation.EXERCISE_KEY
    model_class = situation.SituationAnalysis
    view_class = SituationAnalysisView

    def _load(self, latest: Revision | None):
        model = super()._load(latest)
        if latest is None:  # first visit: start from the team's Ex 3 rating
            model.assessment.prefill(thread.pillar_ratings(self.workbook))
            ex03 = thread.latest(self.workbook, pillar_rating.EXERCISE_KEY)
            model.government = str(ex03.get("government", ""))[: situation.GOVERNMENT_LIMIT]
        return model


class ActionPlanApp(_Exercise):
    """Day 5 (Module 7): the team's action plan, served by Voila as a standalone app."""

    key = action_plan.EXERCISE_KEY
    model_class = action_plan.ActionPlan
    view_class = ActionPlanView


class HorizonScan(_Exercise):
    """Ex 6 (Module 4): a horizon scan, two critical uncertainties and four futures."""

    key = scenarios.EXERCISE_KEY
    model_class = scenarios.ScenarioSet
    view_class = HorizonScanView


class VisionBuilder(_Exercise):
    """Ex 7 (Module 4): a vision statement, its checks, and milestones back to today.

    A first start reads the capacity gaps of Ex 5 (``dgtkit.thread.capacity_gaps``) into the
    vision; later starts show the gaps the vision was built on, as saved.
    """

    key = vision.EXERCISE_KEY
    model_class = vision.Vision
    view_class = VisionView

    def _load(self, latest: Revision | None):
        model = super()._load(latest)
        if latest is None or self.problem:  # nothing saved, or nothing readable
            model = vision.Vision.from_gaps(self._capacity_gaps())
        return model

    def _capacity_gaps(self) -> list:
        try:
            return thread.capacity_gaps(self.workbook)
        except (WorkbookError, KeyError, TypeError, ValueError, AttributeError):
            return []  # an unreadable Ex 5 must not stop Ex 7: the vision starts without gaps
