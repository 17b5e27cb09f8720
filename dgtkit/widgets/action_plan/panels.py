"""The smaller parts of the app: the government and its objectives, the table's controls,
the suggestions from the week, and the history of saved versions."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.models import dates
from dgtkit.models.action_plan import (
    CONTEXT_SECTIONS,
    LEVELS_OF_GOVERNMENT,
    PRIORITIES,
    ActionErrors,
    ActionPlan,
    VisionLink,
    new_objective,
)
from dgtkit.models.plan_prefill import Suggestion
from dgtkit.models.plan_tables import SORTS, group_versions
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
        self.government = w.Text(description="Government", style=STYLE,
                                 placeholder="The county, city, region, ministry or agency",
                                 layout=WIDE, continuous_update=False)
        self.level = w.Dropdown(description="Level of government", style=STYLE, layout=WIDE,
                                options=[("(choose)", NONE)]
                                + [(v, k) for k, v in LEVELS_OF_GOVERNMENT.items()])
        self.currency = w.Text(description="Currency", style=STYLE, continuous_update=False,
                               placeholder="Follows the country, e.g. KES",
                               layout=w.Layout(width="24em"))
        self.approver = w.Text(description="Approved by", style=STYLE, layout=WIDE,
                               continuous_update=False,
                               placeholder="The post that approves the plan")
        self.background = w.Textarea(
            description="Background", style=STYLE, continuous_update=False,
            layout=w.Layout(width="38em", height="6em"),
            placeholder="Why this plan is needed now, in two or three sentences. The gaps, "
                        "benchmark and SWOT you carry over from the week follow it.")
        self.review = w.Textarea(
            description="How progress is reviewed", style=STYLE, continuous_update=False,
            layout=w.Layout(width="38em", height="4.5em"),
            placeholder="Who reviews progress, how often, and when the plan is checked again "
                        "(for example, three to six months after the workshop)")
        self.fields = {"team": self.team, "country": self.country,
                       "government": self.government, "level": self.level,
                       "currency": self.currency, "approver": self.approver,
                       "background": self.background, "review": self.review}
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
            w.HTML("<h3>The government</h3><p>Filled in from your Ex 3 and Ex 5 where you "
                   "named them; the currency follows the country.</p>"),
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
    """The week's work, offered first: what each exercise produced, everything ready added in
    one click, or each suggestion accepted, edited first or dropped; and what the plan has
    carried over from the week, which can be taken out again."""

    def __init__(self, on_accept: Callable[[Suggestion], None],
                 on_edit: Callable[[Suggestion], None], on_drop: Callable[[Suggestion], None],
                 on_restore: Callable[[], None],
                 on_accept_all: Callable[[], None] | None = None,
                 on_remove_context: Callable[[str], None] | None = None):
        self.suggestions: list[Suggestion] = []
        self.overview = w.HTML()
        self.accept_all = w.Button(description="Add everything ready to the plan",
                                   button_style="primary", layout=w.Layout(width="auto"),
                                   tooltip="Objectives, complete actions, and the background, "
                                           "risks and partners from the week")
        self.accept_all.on_click(lambda _b: on_accept_all and on_accept_all())
        self.all_message = w.HTML()
        self.choose = w.Select(description="Suggestion", style=STYLE,
                               layout=w.Layout(width="46em", height="12em"))
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
        self.carried = w.HTML()
        self.carried_choice = w.Dropdown(description="Carried over", style=STYLE,
                                         layout=WIDE)
        self.remove_carried = w.Button(description="Take it out of the plan",
                                       layout=w.Layout(width="auto"))
        self.remove_carried.on_click(
            lambda _b: self.carried_choice.value and on_remove_context
            and on_remove_context(self.carried_choice.value))
        self.widget = w.VBox([
            w.HTML("<h3>Start from your week</h3><p>Your exercises of the week have already "
                   "written much of this plan. Add what is ready in one click, then "
                   "complete the rest in the other tabs.</p>"),
            self.overview, w.HBox([self.accept_all, self.all_message]),
            w.HTML("<h4>Or one at a time</h4><p>Objectives come from your Ex 7 milestones; "
                   "actions from your Ex 10 roadmap (with the problem and evidence of Ex 5 "
                   "and the Ex 11 indicator that measures them), from Ex 5 gaps no roadmap "
                   "row covers, from Ex 8 and from Ex 9; background, risks and partners from "
                   "Ex 5, Ex 2, Ex 6 and Ex 8. Accept one as it is, edit it first, or drop "
                   "it.</p>"),
            self.choose, self.details,
            w.HBox([self.accept, self.edit, self.drop, self.message]),
            self.restore,
            w.HTML("<h4>Carried over from the week</h4>"), self.carried,
            w.HBox([self.carried_choice, self.remove_carried]),
        ])

    def show(self, suggestions: list[Suggestion], dropped: int,
             plan: ActionPlan | None = None, everything: list[Suggestion] | None = None
             ) -> None:
        """``suggestions``: those still to add; ``everything``: all the week offered."""
        self.suggestions = suggestions
        keep = self.choose.value
        kinds = {"objective": "Objective", "action": "Action", "context": "Background"}
        options = []
        for suggestion in suggestions:
            kind = kinds[suggestion.kind]
            if suggestion.kind == "context":
                kind = CONTEXT_SECTIONS[suggestion.values["section"]].split(" (")[0]
            options.append((f"{kind} \u00b7 {suggestion.label}"[:120], suggestion.id))
        self.choose.options = options
        ids = [s.id for s in suggestions]
        self.choose.value = keep if keep in ids else (ids[0] if ids else None)
        for button in (self.accept, self.edit, self.drop):
            button.disabled = not suggestions
        self.accept_all.disabled = not any(s.is_complete for s in suggestions)
        self.restore.layout.display = None if dropped else "none"
        self.overview.value = overview_html(everything or suggestions, suggestions)
        self._describe()
        if plan is not None:
            self._show_carried(plan)

    def _show_carried(self, plan: ActionPlan) -> None:
        items = plan.context
        if not items:
            self.carried.value = ("<p><i>Nothing yet. The gaps, benchmark findings, SWOT, "
                                  "stakeholders and risks you add go into the Word "
                                  "document's background, risks and partners.</i></p>")
        else:
            groups = []
            for section, name in CONTEXT_SECTIONS.items():
                chosen = [i for i in items if i.section == section]
                if chosen:
                    listed = "".join(f"<li>{escape(i.title)}</li>" for i in chosen)
                    groups.append(f"<li><b>{escape(name)}</b> ({len(chosen)})<ul>{listed}"
                                  "</ul></li>")
            self.carried.value = f'<ul class="dgt-carried">{"".join(groups)}</ul>'
        keep = self.carried_choice.value
        self.carried_choice.options = [(i.title[:90], i.id) for i in items]
        ids = [i.id for i in items]
        self.carried_choice.value = keep if keep in ids else (ids[0] if ids else None)
        self.remove_carried.disabled = not items

    def _describe(self) -> None:
        chosen = self._current()
        if chosen is None:
            self.details.value = ("<p><i>No suggestions left: everything from the week is "
                                  "in the plan or was dropped.</i></p>"
                                  if not self.suggestions else "")
            return
        kind = {"objective": "an objective", "action": "an action",
                "context": "for the document's background, risks or partners"}[chosen.kind]
        ready = "" if chosen.is_complete else " It needs completing before it can be added."
        self.details.value = (f"<p><b>{escape(chosen.title)}</b> ({kind}, from "
                              f"{escape(chosen.source)}). {escape(chosen.details)}"
                              f"{escape(ready)}</p>")

    def _current(self) -> Suggestion | None:
        return next((s for s in self.suggestions if s.id == self.choose.value), None)

    def _chosen(self, handler) -> None:
        chosen = self._current()
        if chosen is not None:
            self.message.value = ""
            handler(chosen)


def overview_html(everything: list[Suggestion], waiting: list[Suggestion]) -> str:
    """What the week produced, by exercise: how much each offers and how much is waiting."""
    if not everything:
        return ("<p><i>No work from the week was found in this workbook (Ex 5, Ex 7, Ex 10 "
                "and Ex 11 are the main sources). You can write the plan from the start in "
                "the other tabs.</i></p>")
    counts: dict[str, list[int]] = {}
    open_ids = {s.id for s in waiting}
    for suggestion in everything:
        row = counts.setdefault(suggestion.source, [0, 0])
        row[0] += 1
        row[1] += suggestion.id in open_ids
    rows = "".join(
        f"<tr><td>{escape(source)}</td><td>{total}</td><td>{total - left}</td></tr>"
        for source, (total, left) in counts.items()
    )
    return (
        '<table class="dgt-week-overview" style="border-collapse:collapse">'
        "<caption>What your week produced for the plan</caption><thead><tr>"
        '<th scope="col">From</th><th scope="col">Offered</th>'
        '<th scope="col">Already in the plan or dropped</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


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
            w.HTML("<h3>History</h3><p>Every change is saved as a new version. Saves made "
                   "one after another while the actions stay the same show as one entry. "
                   "Going back to an earlier one saves it again as the newest: nothing is "
                   "lost.</p>"),
            w.HBox([self.choose, self.restore]), self.message,
        ])

    def show(self, revisions: list) -> None:
        """The versions in groups (``plan_tables.group_versions``): saves one after another
        with the same actions and objectives show as one entry, its newest version."""
        options = []
        for group in group_versions(revisions)[:60]:
            when = dates.moment(group.last_at)
            if group.count > 1:
                when = (f"{dates.moment(group.first_at)} to {group.last_at.astimezone():%H:%M}"
                        f" ({group.count} saves)")
            options.append((f"{when}: {group.actions} action{'s' * (group.actions != 1)}, "
                            f"{group.objectives} objective{'s' * (group.objectives != 1)} "
                            f"(version {group.newest})", group.newest))
        self.choose.options = options
        self.restore.disabled = len(options) < 2
