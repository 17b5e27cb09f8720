"""The action-plan app: the week's work first (what each exercise produced, ready to add), then
the action form and table, the government and objectives, the timeline, coverage and budget,
what is missing, the history, and export and import. A thin view: every rule lives in the
models."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.models import plan_prefill
from dgtkit.models.action_plan import (
    Action,
    ActionErrors,
    ActionPlan,
    ContextItem,
    VisionLink,
    new_action,
    new_objective,
)
from dgtkit.models.plan_checks import summary
from dgtkit.models.plan_prefill import IndicatorChoice, Suggestion
from dgtkit.models.plan_tables import sort_and_filter
from dgtkit.models.text import FieldError
from dgtkit.store.merge import Conflict, merge
from dgtkit.widgets.action_plan.editor import ActionEditor
from dgtkit.widgets.action_plan.html import (
    actions_table_html,
    budget_html,
    coverage_html,
    missing_html,
    timeline_html,
)
from dgtkit.widgets.action_plan.panels import (
    GovernmentPanel,
    HistoryPanel,
    SuggestionsPanel,
    TableControls,
)
from dgtkit.widgets.action_plan.transfer import TransferPanel
from dgtkit.widgets.base import View
from dgtkit.widgets.common import example_box, message_html

TABS = ["From the week", "Actions", "Government and objectives", "Timeline",
        "Coverage and budget", "What is missing", "History", "Export and import"]
ACTIONS, GOVERNMENT, WEEK = TABS.index("Actions"), TABS.index("Government and objectives"), 0


class ActionPlanView(View):
    """Builds the app around an ActionPlan; calls ``on_change`` after every accepted change.

    ``suggestions``, ``indicators`` and ``week_vision`` come from the week's exercises;
    ``restore(id)`` makes an earlier revision current and returns its plan; ``history()``
    lists the revisions.
    """

    def __init__(self, model: ActionPlan, on_change: Callable[[], None],
                 suggestions: list[Suggestion] | None = None,
                 indicators: list[IndicatorChoice] | None = None,
                 history: Callable[[], list] | None = None,
                 restore: Callable[[int], ActionPlan | None] | None = None,
                 week_vision: VisionLink | None = None):
        super().__init__(model, on_change)
        self.suggestions = suggestions or []
        self.pending_conflicts: list[Conflict] = []  # found while merging an edited action
        self._history = history
        self._restore = restore
        self.title = w.HTML()
        self.summary = w.HTML()
        self.editor = ActionEditor(model, self._action_saved, indicators)
        self.controls = TableControls(model, self._redraw_table, self._edit, self._delete,
                                      self._undo)
        self.table = w.HTML()
        self.table_message = w.HTML()
        self.government = GovernmentPanel(model, self.accepted, week_vision)
        self.suggestions_panel = SuggestionsPanel(self._accept, self._edit_suggestion,
                                                  self._drop, self._offer_dropped,
                                                  self._accept_all, self._remove_context)
        self.timeline = w.HTML()
        self.coverage = w.HTML()
        self.budget = w.HTML()
        self.missing = w.HTML()
        self.history = HistoryPanel(self._go_back)
        self.transfer = TransferPanel(model, self._imported)
        actions_tab = w.VBox([
            example_box("action_plan"),
            self.editor.widget,
            w.HTML("<h3>Your action plan</h3>"), self.controls.widget, self.table,
            self.controls.row_actions, self.table_message,
        ])
        self.tabs = w.Tab(children=[
            self.suggestions_panel.widget,
            actions_tab,
            self.government.widget,
            w.VBox([w.HTML("<h3>Timeline</h3>"), self.timeline]),
            w.VBox([w.HTML("<h3>Coverage: pillars and capacity levels</h3><p>What your plan "
                           "leaves out shows as a dash.</p>"), self.coverage,
                    w.HTML("<h3>Budget</h3>"), self.budget]),
            w.VBox([w.HTML("<h3>What is still missing</h3>"), self.missing]),
            self.history.widget,
            self.transfer.widget,
        ])
        self.tabs.titles = TABS
        self.tabs.observe(self._tab_chosen, names="selected_index")
        self.widget = w.VBox([self.title, self.summary, self.status, self.tabs])
        self.redraw()
        if not plan_prefill.pending(model, self.suggestions):  # nothing waiting: the form
            self.tabs.selected_index = ACTIONS

    # -- drawing ---------------------------------------------------------------------------

    def redraw(self) -> None:
        plan = self.model
        self.title.value = f"<h2>Action plan: {escape(plan.name)}</h2>"
        self.summary.value = f"<p>{escape(summary(plan))}</p>"
        self.editor.refresh_choices()
        self.controls.refresh()
        self._redraw_table()
        self.government.redraw()
        self.suggestions_panel.show(plan_prefill.pending(plan, self.suggestions),
                                    dropped=len(plan.dropped), plan=plan,
                                    everything=self.suggestions)
        self.timeline.value = timeline_html(plan)
        self.coverage.value = coverage_html(plan)
        self.budget.value = budget_html(plan)
        self.missing.value = missing_html(plan)
        if self.tabs.selected_index == TABS.index("History"):
            self._show_history()

    def _tab_chosen(self, change) -> None:
        if change["new"] == TABS.index("History"):
            self._show_history()

    def _show_history(self) -> None:
        """The revisions are read only when the History tab is open (a plan saved often has
        many)."""
        if self._history is not None:
            self.history.show(self._history())

    def _redraw_table(self) -> None:
        shown = sort_and_filter(self.model, **self.controls.selection())
        self.table.value = actions_table_html(self.model, shown)

    # -- actions ---------------------------------------------------------------------------

    def _action_saved(self, action: Action, is_new: bool) -> None:
        loaded = self.editor.loaded
        try:
            if is_new:
                self.model.add(action)
            else:
                self.model.update(self._merge_edit(loaded, action))
        except FieldError as error:
            self.editor.show_problem(error.message)
            return
        self.table_message.value = ""
        self.accepted()

    def _merge_edit(self, loaded: Action | None, edited: Action) -> Action:
        """The edited action, with what another window changed in it since it was loaded
        into the form (merged per field); a field both changed keeps this form's value and
        is asked about (``pending_conflicts``, which the exercise saves)."""
        current = self.model.action(edited.id)
        if loaded is None or current is None or current == loaded:
            return edited
        result = merge(loaded.to_dict(), edited.to_dict(), current.to_dict())
        try:
            merged = Action.from_dict(result.data)
        except (ActionErrors, FieldError, KeyError, TypeError, ValueError):
            return edited
        place = ("actions", f"#{edited.id}")
        self.pending_conflicts += [
            Conflict((*place, *c.path), f"the action '{edited.title[:60]}': "
                     + c.where.replace("_", " "), c.base, c.mine, c.theirs)
            for c in result.conflicts]
        return merged

    def _form_is_free(self) -> bool:
        """False (and the form says why) while it holds typing not yet saved: loading another
        action into it would lose that typing."""
        if self.editor.holds_unsaved():
            self.editor.keep_unsaved()
            self.tabs.selected_index = ACTIONS
            return False
        return True

    def _edit(self, action_id: str) -> None:
        action = self.model.action(action_id)
        if action is not None and self._form_is_free():
            self.editor.load(action, editing=True)
            self.tabs.selected_index = ACTIONS

    def _delete(self, action_id: str) -> None:
        removed = self.model.remove(action_id)
        if self.editor.editing == action_id:
            self.editor.clear()
        self.accepted()
        self.table_message.value = (f"<p>Deleted '{escape(removed.title)}'. Undo delete "
                                    "puts it back.</p>")

    def _undo(self) -> None:
        action = self.model.undo_remove()
        if action is not None:
            self.accepted()
            self.table_message.value = f"<p>'{escape(action.title)}' is back in the plan.</p>"

    # -- suggestions -----------------------------------------------------------------------

    def _add(self, suggestion: Suggestion) -> str:
        """Add ``suggestion`` to the model (nothing saved yet); returns what it became, or
        raises ActionErrors / FieldError."""
        if suggestion.kind == "objective":
            self.model.add_objective(new_objective(
                suggestion.values["title"], suggestion.values.get("link", ""),
                self.model.objectives))
            return "objective"
        if suggestion.kind == "context":
            self.model.add_context(ContextItem.from_dict(suggestion.values))
            return "item"
        values = plan_prefill.action_values(self.model, suggestion)
        self.model.add(new_action(**values, objectives=[o.id for o in self.model.objectives]))
        return "action"

    def _accept(self, suggestion: Suggestion) -> None:
        panel = self.suggestions_panel
        try:
            what = self._add(suggestion)
        except (ActionErrors, FieldError) as error:
            if suggestion.kind != "action":
                panel.message.value = message_html(getattr(error, "message", str(error)))
                return
            if self._form_is_free():
                self.editor.load(values=plan_prefill.action_values(self.model, suggestion))
                self.tabs.selected_index = ACTIONS
                self.editor.show_problem(f"The suggestion needs completing before it can be "
                                         f"added: {error}")
            return
        self.accepted()
        where = {"objective": "the tab 'Government and objectives'",
                 "action": "the tab 'Actions'",
                 "item": "the Word document's background, risks and partners"}[what]
        panel.message.value = (f"<p role='status'>Added '{escape(suggestion.title)}' to the "
                               f"plan: see {where}.</p>")

    def _accept_all(self) -> None:
        """Everything ready: objectives first (so that actions find the objective of their
        milestone), then complete actions, then the context; one save."""
        order = {"objective": 0, "action": 1, "context": 2}
        waiting = sorted(plan_prefill.pending(self.model, self.suggestions),
                         key=lambda s: order[s.kind])
        added, left = {"objective": 0, "action": 0, "context": 0}, 0
        for suggestion in waiting:
            if not suggestion.is_complete:
                left += 1
                continue
            try:
                self._add(suggestion)
            except (ActionErrors, FieldError):
                left += 1
                continue
            added[suggestion.kind] += 1
        panel = self.suggestions_panel
        if not any(added.values()):
            panel.all_message.value = message_html("Nothing could be added as it is: complete "
                                                   "the suggestions one at a time below.")
            return
        self.accepted()
        said = (f"Added {added['objective']} objective(s), {added['action']} action(s) and "
                f"{added['context']} item(s) of background, risks and partners.")
        if left:
            said += (f" {left} suggestion(s) need completing first (a lead or dates): add "
                     "them one at a time below.")
        panel.all_message.value = f"<p role='status'>{escape(said)}</p>"

    def _remove_context(self, item_id: str) -> None:
        self.model.remove_context(item_id)
        self.accepted()

    def _edit_suggestion(self, suggestion: Suggestion) -> None:
        if suggestion.kind == "objective":
            self.government.objective_title.value = suggestion.values["title"]
            link = suggestion.values.get("link", "")
            if link in {v for _, v in self.government.objective_link.options}:
                self.government.objective_link.value = link
            self.tabs.selected_index = GOVERNMENT
            return
        if suggestion.kind == "context":
            self._accept(suggestion)
            return
        if self._form_is_free():
            self.editor.load(values=plan_prefill.action_values(self.model, suggestion))
            self.tabs.selected_index = ACTIONS

    def _drop(self, suggestion: Suggestion) -> None:
        self.model.drop_suggestion(suggestion.id)
        self.accepted()

    def _offer_dropped(self) -> None:
        self.model.dropped.clear()
        self.accepted()

    # -- versions and files ----------------------------------------------------------------

    def _replace_plan(self, plan: ActionPlan) -> None:
        self.model.take(plan)
        self.editor.clear()

    def _go_back(self, revision_id: int) -> None:
        if self._restore is None:
            return
        plan = self._restore(revision_id)
        if plan is None:
            self.history.message.value = message_html(
                f"Version {revision_id} could not be read; the plan is unchanged.")
            return
        self._replace_plan(plan)
        self.redraw()
        self._show_history()
        self.history.message.value = (f"<p>The plan is back to version {revision_id}, saved "
                                      "again as the newest.</p>")

    def _imported(self, plan: ActionPlan, name: str) -> None:
        self._replace_plan(plan)
        self.accepted()
        self.transfer.done(f"Imported {name}: {len(plan.objectives)} objective(s) and "
                           f"{len(plan.actions)} action(s). The plan before the import is in "
                           "the history.")
