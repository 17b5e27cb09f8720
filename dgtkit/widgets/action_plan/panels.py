"""The smaller parts of the app: the government and its objectives, the table's controls,
the suggestions from the week, and the history of saved versions."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.models import dates
from dgtkit.models.action_plan import (
    LEVELS_OF_GOVERNMENT,
    PRIORITIES,
    ActionErrors,
    ActionPlan,
    VisionLink,
    new_objective,
)
from dgtkit.models.plan_prefill import Suggestion
from dgtkit.models.plan_tables import SORTS
from dgtkit.models.text import FieldError
from dgtkit.widgets.base import Quiet
from dgtkit.widgets.common import message_html

STYLE = {"description_width": "10em"}
WIDE = w.Layout(width="38em")
NONE = ""


class GovernmentPanel(Quiet):
    """Who the plan is for, and its objectives, each linked to the vision or a milestone."""

    def __init__(self, plan: ActionPlan, on_change: Callable[[], None],
                 week_vision: VisionLink | None = None):
        self.plan = plan
        self._on_change = on_change
        self._week_vision = week_vision or VisionLink()
        self.team = w.Text(description="Team", style=STYLE, layout=WIDE,
                           continuous_update=False)
        self.country = w.Text(description="Country", style=STYLE, layout=WIDE,
                              continuous_update=False)
        self.government = w.Text(description="City, region or agency", style=STYLE,
                                 layout=WIDE, continuous_update=False)
        self.level = w.Dropdown(description="Level of government", style=STYLE,
                                options=[("(choose)", NONE)]
                                + [(v, k) for k, v in LEVELS_OF_GOVERNMENT.items()])
        self.currency = w.Text(description="Currency", style=STYLE, continuous_update=False,
                               layout=w.Layout(width="18em"))
        self.fields = {"team": self.team, "country": self.country,
                       "government": self.government, "level": self.level,
                       "currency": self.currency}
        self.messages = {name: w.HTML() for name in self.fields}
        for widget in self.fields.values():
            widget.observe(self._described, names="value")
        self.vision = w.HTML()
        self.take_vision = w.Button(
            description="Take the vision from Ex 7 again", layout=w.Layout(width="auto"),
            tooltip="Your vision in Ex 7 has changed since this plan copied it")
        self.take_vision.on_click(self._take_vision)
        self.objective_title = w.Text(description="New objective", style=STYLE, layout=WIDE,
                                      placeholder="A change that brings the vision closer")
        self.objective_title.add_class("dgt-draft")  # kept by the page until it is added
        self.objective_title.add_class("dgt-draft-objective")
        self.objective_link = w.Dropdown(description="It serves", style=STYLE, layout=WIDE)
        self.objective_message = w.HTML()
        self.add_objective = w.Button(description="Add objective", button_style="primary")
        self.add_objective.on_click(self._add_objective)
        self.objectives = w.HTML()
        self.choose_objective = w.Dropdown(description="Objective", style=STYLE, layout=WIDE)
        self.remove_objective = w.Button(description="Remove objective",
                                         tooltip="Its actions stay, without an objective")
        self.remove_objective.on_click(self._remove_objective)
        self.widget = w.VBox([
            w.HTML("<h3>The government</h3>"),
            *[w.HBox([f, self.messages[n]]) for n, f in self.fields.items()],
            w.HTML("<h3>The vision (Ex 7)</h3>"), self.vision, self.take_vision,
            w.HTML("<h3>Objectives</h3><p>Two to four changes that bring the vision closer. "
                   "Each action of the plan serves one of them.</p>"),
            w.HBox([self.objective_title, self.objective_message]), self.objective_link,
            self.add_objective, self.objectives,
            w.HBox([self.choose_objective, self.remove_objective]),
        ])
        self.redraw()

    def redraw(self) -> None:
        with self.quietly():
            for name, widget in self.fields.items():
                widget.value = getattr(self.plan, name)
        vision = self.plan.vision
        if vision.is_empty:
            self.vision.value = ("<p><i>No vision from Ex 7 in this workbook. Objectives can "
                                 "still be written.</i></p>")
        else:
            targets = ", ".join(vision.sdg_targets)
            milestones = "".join(f"<li>{m.year}: {escape(m.title)}</li>"
                                 for m in vision.milestones)
            self.vision.value = (
                f"<blockquote>{escape(vision.statement)}</blockquote>"
                + (f"<p>SDG targets: {escape(targets)}</p>" if targets else "")
                + (f"<p>Milestones:</p><ul>{milestones}</ul>" if milestones else "")
            )
        newer = not self._week_vision.is_empty and self._week_vision != vision
        self.take_vision.layout.display = None if newer else "none"
        if newer:
            self.vision.value += ("<p>Your vision in Ex 7 is not the one this plan copied. "
                                  "Take it again to use the new one.</p>")
        links = [("(not linked yet)", NONE)]
        if vision.statement:
            links.append((vision.link_label("vision"), "vision"))
        links += [(f"Milestone {m.year}: {m.title}"[:90], m.id) for m in vision.milestones
                  if m.id]
        keep = self.objective_link.value
        self.objective_link.options = links
        self.objective_link.value = keep if keep in {v for _, v in links} else NONE
        if self.plan.objectives:
            items = "".join(
                f"<li>{escape(o.title)}"
                + (f" <i>(serves: {escape(vision.link_label(o.link))})</i>"
                   if vision.link_label(o.link) else " <i>(not linked to the vision)</i>")
                + f" - {sum(1 for a in self.plan.actions if a.objective == o.id)} action(s)"
                "</li>"
                for o in self.plan.objectives
            )
            self.objectives.value = f'<ol class="dgt-objectives">{items}</ol>'
        else:
            self.objectives.value = "<p><i>No objectives yet.</i></p>"
        self.choose_objective.options = [(o.title[:90], o.id) for o in self.plan.objectives]
        self.remove_objective.disabled = not self.plan.objectives

    def _take_vision(self, _button=None) -> None:
        """The plan serves the vision as Ex 7 holds it now; objectives linked to a milestone
        that is gone show as not linked."""
        self.plan.vision = self._week_vision
        self._on_change()

    def _described(self, change) -> None:
        if self.quiet:
            return
        name = next(n for n, wdg in self.fields.items() if wdg is change["owner"])
        self.messages[name].value = ""
        try:
            self.plan.describe(**{name: change["new"]})
        except ActionErrors as errors:
            self.messages[name].value = message_html(errors.by_field.get(name, str(errors)))
            return
        self._on_change()

    def _add_objective(self, _button=None) -> None:
        self.objective_message.value = ""
        try:
            objective = new_objective(self.objective_title.value, self.objective_link.value,
                                      self.plan.objectives)
            self.plan.add_objective(objective)
        except FieldError as error:
            self.objective_message.value = message_html(error.message)
            return
        self.objective_title.value = ""
        self.objective_link.value = NONE
        self._on_change()

    def _remove_objective(self, _button=None) -> None:
        if self.choose_objective.value:
            self.plan.remove_objective(self.choose_objective.value)
            self._on_change()


class TableControls(Quiet):
    """Sort, filter, and pick an action to edit or delete (with undo)."""

    def __init__(self, plan: ActionPlan, on_view: Callable[[], None],
                 on_edit: Callable[[str], None], on_delete: Callable[[str], None],
                 on_undo: Callable[[], None]):
        self.plan = plan
        self.sort = w.Dropdown(description="Sort by", options=[(v, k) for k, v in SORTS.items()],
                               layout=w.Layout(width="18em"))
        self.text = w.Text(description="Find", placeholder="words in any field",
                           layout=w.Layout(width="18em"))
        self.objective = w.Dropdown(description="Objective", layout=w.Layout(width="22em"))
        self.priority = w.Dropdown(description="Priority", layout=w.Layout(width="14em"),
                                   options=[("(all)", NONE)]
                                   + [(v, k) for k, v in PRIORITIES.items()])
        self._on_view = on_view
        for widget in (self.sort, self.text, self.objective, self.priority):
            widget.observe(self._changed, names="value")
        self.choose = w.Dropdown(description="Choose an action", style=STYLE,
                                 layout=w.Layout(width="38em"))
        self.edit = w.Button(description="Edit", tooltip="Load the action into the form above")
        self.delete = w.Button(description="Delete", button_style="danger")
        self.undo = w.Button(description="Undo delete", disabled=True)
        self.edit.on_click(lambda _b: self.choose.value and on_edit(self.choose.value))
        self.delete.on_click(lambda _b: self.choose.value and on_delete(self.choose.value))
        self.undo.on_click(lambda _b: on_undo())
        self.widget = w.VBox([
            w.HBox([self.sort, self.text]), w.HBox([self.objective, self.priority]),
        ])
        self.row_actions = w.HBox([self.choose, self.edit, self.delete, self.undo])
        self.refresh()

    def _changed(self, _change) -> None:
        if not self.quiet:  # the controls changed by the plan: the caller redraws the table
            self._on_view()

    def refresh(self) -> None:
        """Follow the plan's objectives and actions (the caller redraws the table)."""
        with self.quietly():
            keep = self.objective.value
            options = [("(all)", NONE)] + [(o.title[:60], o.id) for o in self.plan.objectives]
            self.objective.options = options
            self.objective.value = keep if keep in {v for _, v in options} else NONE
            keep = self.choose.value
            choices = [(f"{i}. {a.title[:80]}", a.id)
                       for i, a in enumerate(self.plan.actions, 1)]
            self.choose.options = choices
            ids = [v for _, v in choices]
            self.choose.value = keep if keep in ids else (ids[-1] if ids else None)
        for button in (self.edit, self.delete):
            button.disabled = not choices
        self.undo.disabled = not self.plan.can_undo

    def selection(self) -> dict:
        return {"sort": self.sort.value, "text": self.text.value,
                "objective": self.objective.value, "priority": self.priority.value}


class SuggestionsPanel:
    """The week's work as suggestions: accept, edit first, or drop each one."""

    def __init__(self, on_accept: Callable[[Suggestion], None],
                 on_edit: Callable[[Suggestion], None], on_drop: Callable[[Suggestion], None],
                 on_restore: Callable[[], None]):
        self.suggestions: list[Suggestion] = []
        self.choose = w.Select(description="Suggestion", style=STYLE,
                               layout=w.Layout(width="46em", height="10em"))
        self.details = w.HTML()
        self.accept = w.Button(description="Accept", button_style="primary",
                               tooltip="Add it to the plan as it is")
        self.edit = w.Button(description="Edit first",
                             tooltip="Load it into the action form to complete it")
        self.drop = w.Button(description="Drop", tooltip="Do not offer it again")
        self.restore = w.Button(description="Offer dropped ones again")
        self.message = w.HTML()
        self.accept.on_click(lambda _b: self._chosen(on_accept))
        self.edit.on_click(lambda _b: self._chosen(on_edit))
        self.drop.on_click(lambda _b: self._chosen(on_drop))
        self.restore.on_click(lambda _b: on_restore())
        self.choose.observe(lambda _c: self._describe(), names="value")
        self.widget = w.VBox([
            w.HTML("<h3>From the week's work</h3><p>Objectives from your Ex 7 milestones, and "
                   "actions from your Ex 5 gaps and your Ex 10 roadmap (with the Ex 11 "
                   "indicator that measures them). Accept one as it is, edit it first, or "
                   "drop it.</p>"),
            self.choose, self.details, w.HBox([self.accept, self.edit, self.drop]),
            self.message, self.restore,
        ])

    def show(self, suggestions: list[Suggestion], dropped: int) -> None:
        self.suggestions = suggestions
        keep = self.choose.value
        self.choose.options = [(s.label[:110], s.id) for s in suggestions]
        ids = [s.id for s in suggestions]
        self.choose.value = keep if keep in ids else (ids[0] if ids else None)
        for button in (self.accept, self.edit, self.drop):
            button.disabled = not suggestions
        self.restore.layout.display = None if dropped else "none"
        self._describe()

    def _describe(self) -> None:
        chosen = self._current()
        if chosen is None:
            self.details.value = ("<p><i>No suggestions left: everything from the week is "
                                  "in the plan or was dropped.</i></p>"
                                  if not self.suggestions else "")
            return
        kind = "an objective" if chosen.kind == "objective" else "an action"
        self.details.value = (f"<p><b>{escape(chosen.title)}</b> ({kind}, from "
                              f"{escape(chosen.source)}). {escape(chosen.details)}</p>")

    def _current(self) -> Suggestion | None:
        return next((s for s in self.suggestions if s.id == self.choose.value), None)

    def _chosen(self, handler) -> None:
        chosen = self._current()
        if chosen is not None:
            self.message.value = ""
            handler(chosen)


class HistoryPanel:
    """The saved versions of the plan; going back saves the chosen one as the newest."""

    def __init__(self, on_restore: Callable[[int], None]):
        self.choose = w.Dropdown(description="Saved version", style=STYLE,
                                 layout=w.Layout(width="38em"))
        self.restore = w.Button(description="Go back to this version",
                                tooltip="The current version stays in the history too")
        self.restore.on_click(lambda _b: self.choose.value and on_restore(self.choose.value))
        self.message = w.HTML()
        self.widget = w.VBox([
            w.HTML("<h3>History</h3><p>Every change is saved as a new version. Going back "
                   "to an earlier one saves it again as the newest: nothing is lost.</p>"),
            w.HBox([self.choose, self.restore]), self.message,
        ])

    def show(self, revisions: list) -> None:
        options = []
        for revision in reversed(revisions[-60:]):
            data = revision.data if isinstance(revision.data, dict) else {}
            actions = data.get("actions") if isinstance(data.get("actions"), list) else []
            options.append((f"{dates.moment(revision.saved_at)}: "
                            f"{len(actions)} action(s) (version {revision.id})", revision.id))
        self.choose.options = options
        self.restore.disabled = len(options) < 2
