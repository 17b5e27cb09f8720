"""Day 5 (Module 7): the action-plan app Voila serves.

On a JupyterHub or in JupyterLab the plan belongs to the user. Served by Voila on its own
(``make app``: one server for the whole room), the app first asks for a team code, and the
code selects the team's plan in the workbook, so teams never see each other's plans. The
workbook is read when the team connects, never before, so preheated kernels are safe.
"""

from __future__ import annotations

import os

import ipywidgets as w
from IPython.display import display

from dgtkit.exercises.base import Exercise
from dgtkit.models import action_plan, plan_prefill
from dgtkit.store import handoff
from dgtkit.store.workbook import Workbook, WorkbookError
from dgtkit.widgets.action_plan import ActionPlanView
from dgtkit.widgets.common import message_html, saved_text, status_html

VISION_KEY = "ex07_vision"  # dgtkit.models.vision.EXERCISE_KEY
#: The exercises whose work the plan starts from (Ex 5, Ex 7, Ex 10, Ex 11).
WEEK_KEYS = (handoff.SITUATION_KEY, VISION_KEY, handoff.ROADMAP_KEY, handoff.INDICATORS_KEY)


def room_mode() -> bool:
    """Whether to ask for a team code: served by Voila on its own, not on a JupyterHub.

    ``DGTKIT_TEAM_CODES=1`` (or ``0``) decides it explicitly."""
    chosen = os.environ.get("DGTKIT_TEAM_CODES", "").strip()
    if chosen:
        return chosen not in ("0", "no", "false")
    if os.environ.get("JUPYTERHUB_USER", "").strip():
        return False
    return "VOILA_PREHEAT" in os.environ or "VOILA_BASE_URL" in os.environ


class ActionPlanApp(Exercise):
    """Day 5 (Module 7): the team's action plan, served by Voila as a standalone app."""

    key = action_plan.EXERCISE_KEY
    model_class = action_plan.ActionPlan
    view_class = ActionPlanView

    def __init__(self, workbook: Workbook | str | None = None, participant: str | None = None,
                 ask_team: bool | None = None):
        self._workbook_arg = workbook
        self._revision_id: int | None = None
        self.workbook: Workbook | None = None
        self.model = None
        self.view = None
        self.problem = ""
        self.root = w.VBox()
        if ask_team is None:
            ask_team = participant is None and room_mode()
        if ask_team:
            from dgtkit.widgets.action_plan.team import TeamScreen

            self.team_screen = TeamScreen(self.open_team)
            self.root.children = [self.team_screen.widget]
        else:
            self._open(participant)

    @classmethod
    def show(cls, workbook: Workbook | str | None = None, participant: str | None = None) -> None:
        display(cls(workbook, participant).widget)

    @property
    def widget(self) -> w.Widget:
        return self.root

    # -- opening a plan --------------------------------------------------------------------

    def open_team(self, code: str) -> None:
        """Open the plan of team ``code`` (re-reading the workbook now)."""
        self._open(code)
        if self.workbook is not None and not self.problem:
            text = f"This is the plan of team '{code}'."
            if self._revision_id is None:
                text = (f"Team '{code}' has no plan yet: this starts it. If your team has "
                        "one already, reload the page and check the code.")
            self.view.status.value = status_html(text)

    def _open(self, participant: str | None) -> None:
        self.problem = ""
        workbook = self._workbook_arg
        try:
            if isinstance(workbook, Workbook):
                if participant:
                    workbook = Workbook(workbook.path, participant=participant)
            else:
                grading = bool(os.environ.get("NBGRADER_EXECUTION"))
                workbook = Workbook(workbook, participant=participant, create=not grading)
            self.workbook = workbook
            latest = workbook.latest(self.key)
        except WorkbookError as error:
            self.workbook, latest, self.problem = None, None, str(error)
        self.model = self._load(latest)
        self._revision_id = latest.id if latest else None
        vision, suggestions, indicators = self._week()
        if self.model.vision.is_empty:
            self.model.vision = vision
        if not self.model.team and participant:
            self.model.team = participant[: action_plan.TEAM_LIMIT]
        self.view = ActionPlanView(
            self.model, on_change=self.save, suggestions=suggestions, indicators=indicators,
            history=self._history, restore=self._restore, week_vision=vision,
        )
        if self.workbook is None:
            self.view.status.value = status_html(self.problem, problem=True)
        elif self.problem:
            self.view.status.value = message_html(self.problem)
        self.root.children = [self.view.widget]

    def _week_workbook(self) -> Workbook | None:
        """Where the team's earlier exercises are: under its own name, else (a team that did
        them in JupyterLab on the computer serving the app) under this computer's user."""
        if self.workbook is None:
            return None
        try:
            if any(self.workbook.latest(key) for key in WEEK_KEYS):
                return self.workbook
            own = Workbook(self.workbook.path, create=False)
            if own.participant != self.workbook.participant and any(
                    own.latest(key) for key in WEEK_KEYS):
                return own
        except WorkbookError:
            pass
        return self.workbook

    def _week(self):
        """The vision, suggestions and Ex 11 indicators from the team's earlier exercises."""
        vision = action_plan.VisionLink()
        week = self._week_workbook()
        saved = handoff.latest(week, VISION_KEY)
        if saved:
            try:
                from dgtkit.models.vision import Vision

                vision = plan_prefill.vision_link(Vision.from_dict(saved))
            except (KeyError, TypeError, ValueError, AttributeError):
                pass  # an unreadable Ex 7 must not stop the plan
        indicators = self._read(handoff.indicators, week)
        choices = plan_prefill.indicator_choices(indicators) if indicators else []
        suggestions = plan_prefill.from_vision(vision)
        suggestions += plan_prefill.from_gaps(self._read(handoff.capacity_gaps, week), vision)
        suggestions += plan_prefill.from_roadmap(
            self._read(handoff.roadmap, week), choices, vision)
        return vision, suggestions, choices

    @staticmethod
    def _read(reader, workbook: Workbook | None) -> list:
        if workbook is None:
            return []
        try:
            return list(reader(workbook))
        except (WorkbookError, KeyError, TypeError, ValueError, AttributeError):
            return []

    # -- saving, history -------------------------------------------------------------------

    def save(self) -> None:
        if self.workbook is None:
            self.view.status.value = status_html(self.problem, problem=True)
            return
        try:
            current = self.workbook.latest(self.key)
            revision = self.workbook.save(self.key, self.model.to_dict())
        except WorkbookError as error:
            self.view.status.value = status_html(str(error), problem=True)
            return
        note = ""
        if current is not None and current.id != self._revision_id:
            note = (f" Another window of your team also saved the plan (at "
                    f"{current.saved_at.astimezone():%H:%M:%S}); this window's version is "
                    "now the current one, and the other is in the history.")
        self._revision_id = revision.id
        self.view.status.value = status_html(saved_text(revision) + note)

    def _history(self) -> list:
        if self.workbook is None:
            return []
        try:
            return self.workbook.history(self.key)
        except WorkbookError:
            return []

    def _restore(self, revision_id: int):
        """Make revision ``revision_id`` current again; its plan, or None if unreadable."""
        if self.workbook is None:
            return None
        try:
            chosen = next((r for r in self.workbook.history(self.key) if r.id == revision_id),
                          None)
            if chosen is None:
                return None
            plan = action_plan.ActionPlan.from_dict(chosen.data)
            revision = self.workbook.restore(revision_id)
        except (WorkbookError, KeyError, TypeError, ValueError, AttributeError):
            return None
        self._revision_id = revision.id
        self.view.status.value = status_html(saved_text(revision))
        return plan
