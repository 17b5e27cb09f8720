"""Day 5 (Module 7): the action-plan app Voila serves.

On a JupyterHub or in JupyterLab the plan belongs to the user (on the hub, the hub's user is
the team). Served by Voila on its own (``make app``: one server for the whole room), the app
first asks for a team code, one of the codes the facilitator issued (``make codes N=12``,
``dgtkit.store.team_codes``), and the code selects the team's plan in the workbook, so teams
never see each other's plans. In a room nothing saved under the computer's own user is read.
The workbook is read when the team connects, never before, so preheated kernels are safe.
"""

from __future__ import annotations

import contextlib
import os

import ipywidgets as w

from dgtkit.exercises.base import Exercise
from dgtkit.models import UNREADABLE, action_plan, plan_prefill
from dgtkit.store import handoff
from dgtkit.store.team_codes import CodesError, codes_path, read_codes
from dgtkit.store.workbook import Revision, Workbook, WorkbookError
from dgtkit.widgets.action_plan import ActionPlanView
from dgtkit.widgets.common import saved_text, status_html
from dgtkit.widgets.together import Liveness


def room_mode() -> bool:
    """Whether to ask for a team code: served by Voila on its own, not on a JupyterHub.

    ``DGTKIT_TEAM_CODES=1`` (or ``0``) decides it explicitly, except on a hub: there each
    participant is a user, and the hub's identity is the team's."""
    if os.environ.get("JUPYTERHUB_USER", "").strip():
        return False
    chosen = os.environ.get("DGTKIT_TEAM_CODES", "").strip()
    if chosen:
        return chosen not in ("0", "no", "false")
    return "VOILA_PREHEAT" in os.environ or "VOILA_BASE_URL" in os.environ


class ActionPlanApp(Exercise):
    """Day 5 (Module 7): the team's action plan, served by Voila as a standalone app."""

    key = action_plan.EXERCISE_KEY
    model_class = action_plan.ActionPlan
    view_class = ActionPlanView

    def __init__(self, workbook: Workbook | str | None = None, participant: str | None = None,
                 ask_team: bool | None = None):
        self.root = w.VBox()
        self.liveness = Liveness()
        if ask_team is None:
            ask_team = participant is None and room_mode()
        self.in_room = ask_team
        if ask_team:  # the plan is opened once the team has typed its code
            from dgtkit.widgets.action_plan.team import TeamScreen

            self._workbook_arg, self.workbook, self.model, self.view = workbook, None, None, None
            self.team_screen = TeamScreen(self.open_team)
            self.root.children = [self.liveness.widget, self.team_screen.widget]
        else:
            super().__init__(workbook, participant)

    @property
    def widget(self) -> w.Widget:
        return self.root

    # -- opening a plan --------------------------------------------------------------------

    def issued_codes(self) -> list[str]:
        """The codes the facilitator issued for this room (CodesError: none, or unusable)."""
        arg = self._workbook_arg
        path = arg.path if isinstance(arg, Workbook) else arg
        return read_codes(codes_path(path))

    def open_team(self, code: str) -> bool:
        """Open the plan of team ``code`` (normalized), re-reading the workbook now; False
        (and the team screen says why) if the code was not issued for this room."""
        try:
            issued = self.issued_codes()
        except CodesError as error:
            self.team_screen.problem(str(error))
            return False
        if code not in issued:
            self.team_screen.problem(
                f"'{code}' is not one of this room's team codes. Check the code on your "
                "team's card (three words, like 'apple-river-stone'), or ask the facilitator.")
            return False
        self.open(code)
        if self.workbook is not None and not self.problem:
            text = f"This is the plan of team '{code}'."
            if self.revision_id is None:
                text = (f"Team '{code}' has no plan yet: this starts it. If your team has "
                        "one already, reload the page and check the code.")
            self.view.status.value = status_html(text + self._week_note())
        return True

    def open(self, participant: str | None = None) -> None:
        self._participant = participant
        super().open(participant)
        self.root.children = [self.liveness.widget, self.frame]
        # whose typing the page keeps: the team's code, or the user's name on a hub
        self.liveness.opened(self.workbook.participant if self.workbook else "")
        if self.workbook is not None and not self.problem and self.revision_id is None:
            note = self._week_note().strip()
            if note:
                self.view.status.value = status_html(note)

    def _week_note(self) -> str:
        """What the status line says of the week's work waiting in the first tab."""
        waiting = len(plan_prefill.pending(self.model, self._suggestions))
        if not waiting:
            return ""
        return (f" Your week's work is waiting under 'From the week': {waiting} "
                f"suggestion{'s' * (waiting != 1)} to add.")

    def _load(self, latest: Revision | None):
        model = super()._load(latest)
        self._week_vision, self._suggestions, self._indicators = self._week()
        if model.vision.is_empty:
            model.vision = self._week_vision
        if not model.team and self._participant:
            model.team = self._participant[: action_plan.TEAM_LIMIT]
        self._describe_from_week(model)
        return model

    def _describe_from_week(self, model) -> None:
        """The government, country and level the week named, where the plan has none yet
        (the currency then follows the country)."""
        week = self._government
        values = {name: value for name, value in (("government", week.name),
                                                   ("country", week.country),
                                                   ("level", week.level))
                  if value and not getattr(model, name)}
        if values:
            with contextlib.suppress(action_plan.ActionErrors):
                model.describe(**values)

    def _build_view(self):
        return ActionPlanView(
            self.model, on_change=self.save, suggestions=self._suggestions,
            indicators=self._indicators, history=self._history, restore=self._restore,
            week_vision=self._week_vision,
        )

    def _week_workbook(self) -> Workbook | None:
        """Where the team's earlier exercises are: under its own name. Outside a workshop
        room (a participant named by a notebook) also under this computer's user, where the
        week was done in JupyterLab; in a room never, so no team sees another's work."""
        if self.workbook is None:
            return None
        if self.in_room or any(handoff.saved(self.workbook, key) for key in handoff.WEEK_KEYS):
            return self.workbook
        try:
            own = Workbook(self.workbook.path, create=False)
        except WorkbookError:
            return self.workbook
        if own.participant != self.workbook.participant and any(
                handoff.saved(own, key) for key in handoff.WEEK_KEYS):
            return own
        return self.workbook

    def _week(self):
        """The vision, suggestions and Ex 11 indicators from the team's earlier exercises:
        objectives (Ex 7), actions (Ex 10, the Ex 5 gaps no row covers, Ex 8, Ex 9) and the
        plan's context (Ex 5's gaps, benchmark, SWOT and stakeholders; Ex 2 and Ex 6 risks;
        Ex 8's structure)."""
        workbook = self._week_workbook()
        week = handoff.week(workbook)
        self._government = week.government
        vision = plan_prefill.vision_link(week.vision, week.ex12)
        indicators = handoff.indicators(workbook)
        choices = plan_prefill.indicator_choices(indicators) if indicators else []
        interventions = handoff.roadmap(workbook)
        covered = {i.pillar for i in interventions if i.pillar}
        suggestions = plan_prefill.from_vision(vision)
        suggestions += plan_prefill.from_roadmap(interventions, choices, vision, week.gaps,
                                                 week.ex12)
        suggestions += plan_prefill.from_gaps(week.gaps, vision, covered, week.ex12)
        suggestions += plan_prefill.from_structure(week.ex08)
        suggestions += plan_prefill.from_skills(week.ex09)
        suggestions += plan_prefill.from_situation(week.gaps, week.situation)
        suggestions += plan_prefill.from_risks(week.ex02)
        suggestions += plan_prefill.from_scenarios(week.ex06)
        return vision, suggestions, choices

    # -- saving, history -------------------------------------------------------------------

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
        except (WorkbookError, *UNREADABLE):
            return None
        self.revision_id, self._base = revision.id, revision.data
        self.view.status.value = status_html(saved_text(revision), saved=True)
        return plan
