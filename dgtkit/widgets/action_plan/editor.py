"""The action form: every part of an action, each with its message beside it.

It adds a new action or saves changes to one being edited; what was typed stays in the form
until it is accepted, so a refusal never costs the team its text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import ipywidgets as w

from dgtkit.models import dates
from dgtkit.models.action_plan import (
    BUDGET_SOURCES,
    CAPACITY_LEVELS,
    DIRECTIONS,
    PARTNER_KINDS,
    PRIORITIES,
    Action,
    ActionErrors,
    ActionPlan,
    Indicator,
    Partners,
    new_action,
)
from dgtkit.models.plan_prefill import IndicatorChoice
from dgtkit.widgets.common import message_html, status_line

STYLE = {"description_width": "10em"}
WIDE = w.Layout(width="38em")
NARROW = w.Layout(width="22em")
NONE = ""


#: The form's parts: (its first field, its heading).
SECTIONS = (
    ("title", "What will be done, and why"),
    ("objective", "Where it belongs"),
    ("lead", "Who, and when"),
    ("budget", "Money"),
    ("from_ex11", "How you will know it worked"),
    ("sdg_targets", "SDG targets, risks and priority"),
)


def _options(choices: dict[str, str], empty: str) -> list[tuple[str, str]]:
    return [(empty, NONE)] + [(name, key) for key, name in choices.items()]


def sdg_options(plan: ActionPlan, ids) -> list[tuple[str, str]]:
    """The SDG targets an action can choose, in the official order: ``ids`` (the course's
    short list, and those an action brings) and the plan's own (Ex 12's, or the vision's),
    each with its wording and, where its own deadline has passed, that in words."""
    from dgtkit.course.sdg_list import sdg_list
    from dgtkit.models.checks import this_year

    official = sdg_list()
    wanted = {*ids, *plan.vision.sdg_targets,
              *(t for action in plan.actions for t in action.sdg_targets)}
    year = this_year()
    return [(target.label(year, 80), target.id) for target in official.targets
            if target.id in wanted]


def _number_text(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


class ActionEditor:
    """Builds the action form; ``on_saved(action, is_new)`` runs once an action is accepted."""

    def __init__(self, plan: ActionPlan, on_saved: Callable[[Action, bool], None],
                 indicators: list[IndicatorChoice] | None = None):
        from dgtkit.course.frameworks import frameworks
        from dgtkit.course.sdgs import sdgs

        self.plan = plan
        self._on_saved = on_saved
        self.editing: str | None = None  # the id of the action being edited
        self.loaded: Action | None = None  # that action as it was loaded into the form
        self.origin = ""
        self.indicator_choices = {c.id: c for c in indicators or []}
        text = dict(style=STYLE, layout=WIDE)
        self.title = w.Text(description="Action", placeholder="What will be done? Start with "
                            "a verb.", **text)
        self.description = w.Textarea(description="Description", placeholder="What will "
                                      "change, and how?", style=STYLE,
                                      layout=w.Layout(width="38em", height="4.5em"))
        self.problem = w.Text(description="Problem it solves", placeholder="In one sentence, "
                              "as in your Ex 5 gap profile", **text)
        self.evidence = w.Textarea(description="Evidence", placeholder="What shows the "
                                   "problem: a figure, a report, a complaint", style=STYLE,
                                   layout=w.Layout(width="38em", height="3.5em"))
        self.objective = w.Dropdown(description="Objective", style=STYLE, layout=WIDE)
        self.capacity_level = w.Dropdown(description="Capacity level", style=STYLE,
                                         options=_options(CAPACITY_LEVELS, "(choose)"),
                                         layout=NARROW)
        self.pillar = w.Dropdown(description="Pillar", style=STYLE, layout=WIDE,
                                 options=_options({p.id: p.name for p in frameworks().pillars},
                                                  "(choose)"))
        self.lead = w.Text(description="Lead", placeholder="One person or unit responsible",
                           **text)
        self.partners = {
            kind: w.Text(description=f"Partners: {kind}",
                         placeholder=f"{name} taking part", **text)
            for kind, name in PARTNER_KINDS.items()
        }
        self.start = w.DatePicker(description="Start", style=STYLE)
        self.end = w.DatePicker(description="End", style=STYLE)
        self.budget = w.Text(description="Budget estimate", placeholder="e.g. 120,000",
                             style=STYLE, layout=NARROW)
        self.budget_source = w.Dropdown(description="Budget source", style=STYLE,
                                        options=_options(BUDGET_SOURCES, "(choose)"),
                                        layout=NARROW)
        self.from_ex11 = w.Dropdown(description="Indicator from Ex 11", style=STYLE,
                                    layout=WIDE)
        self.indicator = w.Text(description="Indicator", placeholder="What you will measure",
                                **text)
        self.unit = w.Text(description="Unit", placeholder="%, days, services...",
                           style=STYLE, layout=NARROW)
        self.baseline = w.Text(description="Baseline", placeholder="Value today",
                               style=STYLE, layout=NARROW)
        self.target = w.Text(description="Target", placeholder="Value to reach",
                             style=STYLE, layout=NARROW)
        self.direction = w.Dropdown(description="Should go", style=STYLE, layout=NARROW,
                                    options=_options(DIRECTIONS, "(either way)"))
        self.baseline_date = w.DatePicker(description="Baseline date", style=STYLE)
        self.target_date = w.DatePicker(description="Target date", style=STYLE)
        self.data_source = w.Text(description="Data source", placeholder="Where the value "
                                  "comes from", **text)
        self.frequency = w.Text(description="How often measured", placeholder="Monthly, "
                                "quarterly, once a year...", style=STYLE, layout=NARROW)
        self.reporter = w.Text(description="Who reports", placeholder="One unit or post",
                               **text)
        self.sdg_targets = w.SelectMultiple(
            description="SDG targets", style=STYLE, layout=w.Layout(width="38em", height="8em"),
            options=sdg_options(plan, [t.id for t in sdgs().targets]),
        )
        self.risks = w.Textarea(description="Risks", placeholder="What could stop it?",
                                style=STYLE, layout=w.Layout(width="38em", height="3.5em"))
        self.mitigation = w.Textarea(description="Mitigation", placeholder="How you will "
                                     "reduce the risk", style=STYLE,
                                     layout=w.Layout(width="38em", height="3.5em"))
        self.priority = w.Dropdown(description="Priority", style=STYLE, layout=NARROW,
                                   options=_options(PRIORITIES, "(choose)"))
        self.priority_reason = w.Text(description="Why this priority", **text)
        self.fields: dict[str, w.Widget] = {
            "title": self.title, "description": self.description, "problem": self.problem,
            "evidence": self.evidence, "objective": self.objective,
            "capacity_level": self.capacity_level, "pillar": self.pillar, "lead": self.lead,
            **{f"partners_{k}": v for k, v in self.partners.items()},
            "start": self.start, "end": self.end, "budget": self.budget,
            "budget_source": self.budget_source, "from_ex11": self.from_ex11,
            "indicator": self.indicator, "unit": self.unit, "baseline": self.baseline,
            "target": self.target, "direction": self.direction,
            "baseline_date": self.baseline_date, "target_date": self.target_date,
            "data_source": self.data_source, "frequency": self.frequency,
            "indicator_owner": self.reporter, "sdg_targets": self.sdg_targets, "risks": self.risks,
            "mitigation": self.mitigation, "priority": self.priority,
            "priority_reason": self.priority_reason,
        }
        for name, widget in self.fields.items():  # the page keeps what is typed here
            if isinstance(widget, w.Text | w.Textarea):  # until it is added (dgt-room.js)
                widget.add_class("dgt-draft")
                widget.add_class(f"dgt-draft-{name}")
        self.messages = {name: w.HTML() for name in self.fields}
        self.heading = w.HTML("<h3>Add an action</h3>")
        self.save_button = w.Button(description="Add action", button_style="primary",
                                    tooltip="Add this action to the plan and save it")
        self.save_button.on_click(self._save_clicked)
        self.cancel_button = w.Button(description="Cancel editing",
                                      layout=w.Layout(display="none"))
        self.cancel_button.on_click(lambda _b: self.clear())
        self.status = status_line()
        self.from_ex11.observe(self._indicator_chosen, names="value")
        self.readouts = {name: w.HTML() for name, field in self.fields.items()
                         if isinstance(field, w.DatePicker)}
        for name in self.readouts:
            self.fields[name].observe(lambda _c, n=name: self._readout(n), names="value")
        rows = {name: w.HBox([field, *([self.readouts[name]] if name in self.readouts else []),
                              self.messages[name]])
                for name, field in self.fields.items()}
        if not self.indicator_choices:
            rows["from_ex11"].layout.display = "none"
        parts = []
        for first, heading in SECTIONS:
            parts.append(w.HTML(f'<h4 style="margin:0.8em 0 0.2em">{heading}</h4>'))
            start = list(rows).index(first)
            following = [n for n, _ in SECTIONS if list(rows).index(n) > start]
            end = list(rows).index(following[0]) if following else len(rows)
            parts += list(rows.values())[start:end]
        self.widget = w.VBox([self.heading, *parts,
                              w.HBox([self.save_button, self.cancel_button, self.status])])
        self.refresh_choices()
        self._shown = self._values()  # what the form showed last: typing since is unsaved

    def _readout(self, name: str) -> None:
        """The date as the course writes it ("15 January 2027"), beside the browser's picker,
        which writes it in the browser's own way."""
        value = self.fields[name].value
        self.readouts[name].value = (f'<span style="color:#333;margin-left:0.5em">'
                                     f"{dates.day(value)}</span>" if value else "")

    # -- choices that follow the plan ------------------------------------------------------

    def refresh_choices(self) -> None:
        current = self.objective.value
        options = [("(no objective yet: add them in 'Government and objectives')"
                    if not self.plan.objectives else "(choose)", NONE)]
        options += [(o.title[:90], o.id) for o in self.plan.objectives]
        self.objective.options = options
        ids = {value for _, value in options}
        self.objective.value = current if current in ids else NONE
        keep = self.from_ex11.value
        options = [("(none: write it below)", NONE)] + [
            (c.label, c.id) for c in self.indicator_choices.values()
        ]
        if tuple(self.from_ex11.options) != tuple(options):
            self.from_ex11.options = options
        self.from_ex11.value = keep if keep in self.indicator_choices else NONE

    def _indicator_chosen(self, change) -> None:
        choice = self.indicator_choices.get(change["new"])
        if choice is None:
            return
        self.indicator.value = choice.name
        self.unit.value = choice.unit
        self.baseline.value = _number_text(choice.baseline)
        self.target.value = _number_text(choice.target)
        self.direction.value = choice.direction
        self.baseline_date.value = choice.baseline_date
        self.target_date.value = choice.target_date
        self.data_source.value = choice.data_source
        self.frequency.value = choice.frequency
        self.reporter.value = choice.owner

    def _linked_choice(self, indicator: dict) -> str:
        """The Ex 11 indicator an action's indicator came from: by its reference, else by
        its name ("" if none)."""
        ref = indicator.get("ref", "")
        if ref in self.indicator_choices:
            return ref
        name = (indicator.get("name") or "").casefold()
        return next((c.id for c in self.indicator_choices.values()
                     if name and c.name.casefold() == name), NONE)

    # -- filling and reading ---------------------------------------------------------------

    def load(self, action: Action | None = None, values: dict | None = None,
             editing: bool = False) -> None:
        """Show an action (to edit it), or suggested ``values`` (to complete and add)."""
        self.clear()
        if action is not None:
            values = action.to_dict()
            values["partners"] = action.partners.to_dict()
            values["indicator"] = action.indicator.to_dict()
        values = dict(values or {})
        self.title.value = values.get("title", "")
        self.description.value = values.get("description", "")
        self.problem.value = values.get("problem", "")
        self.evidence.value = values.get("evidence", "")
        objective = values.get("objective", "")
        self.objective.value = objective if self.plan.objective(objective) else NONE
        for name in ("capacity_level", "pillar", "budget_source", "priority"):
            value = values.get(name, "")
            widget = self.fields[name]
            widget.value = value if value in {v for _, v in widget.options} else NONE
        self.lead.value = values.get("lead", "")
        partners = values.get("partners") or {}
        for kind, widget in self.partners.items():
            widget.value = partners.get(kind, "")
        self.start.value = _as_date(values.get("start"))
        self.end.value = _as_date(values.get("end"))
        budget = values.get("budget")
        self.budget.value = "" if budget is None else f"{budget:,.2f}".removesuffix(".00")
        indicator = values.get("indicator") or {}
        if isinstance(indicator, Indicator):
            indicator = indicator.to_dict()
        self.from_ex11.value = self._linked_choice(indicator)
        self.indicator.value = indicator.get("name", "")
        self.unit.value = indicator.get("unit", "")
        self.baseline.value = _number_text(indicator.get("baseline"))
        self.target.value = _number_text(indicator.get("target"))
        self.direction.value = indicator.get("direction", "") or NONE
        self.baseline_date.value = _as_date(indicator.get("baseline_date"))
        self.target_date.value = _as_date(indicator.get("target_date"))
        self.data_source.value = indicator.get("data_source", "") or ""
        self.frequency.value = indicator.get("frequency", "") or ""
        self.reporter.value = indicator.get("owner", "") or ""
        wanted = tuple(values.get("sdg_targets", ()))
        known = {t for _, t in self.sdg_targets.options}
        if not set(wanted) <= known:  # a target of Ex 12 or of an imported plan: offer it
            self.sdg_targets.options = sdg_options(
                self.plan, [*known, *wanted])
            known = {t for _, t in self.sdg_targets.options}
        self.sdg_targets.value = tuple(t for t in wanted if t in known)
        self.risks.value = values.get("risks", "")
        self.mitigation.value = values.get("mitigation", "")
        self.priority_reason.value = values.get("priority_reason", "")
        self.origin = values.get("origin", "")
        self._shown = self._values()
        if editing and action is not None:
            self.editing = action.id
            self.loaded = action
            self.heading.value = "<h3>Edit the action</h3>"
            self.save_button.description = "Save changes"
            self.cancel_button.layout.display = None
        else:
            self.cancel_button.layout.display = None if values else "none"
            self.cancel_button.description = "Clear the form"

    def clear(self) -> None:
        for widget in self.fields.values():
            if isinstance(widget, w.DatePicker):
                widget.value = None
            elif isinstance(widget, w.SelectMultiple):
                widget.value = ()
            elif isinstance(widget, w.Dropdown):
                widget.value = NONE
            else:
                widget.value = ""
        for message in self.messages.values():
            message.value = ""
        self.editing = None
        self.loaded = None
        self.origin = ""
        self.heading.value = "<h3>Add an action</h3>"
        self.save_button.description = "Add action"
        self.cancel_button.layout.display = "none"
        self.cancel_button.description = "Cancel editing"
        self._shown = self._values()

    def _values(self) -> dict:
        return {name: widget.value for name, widget in self.fields.items()}

    def holds_unsaved(self) -> bool:
        """Whether the form holds typing not yet added to the plan (or saved to its action)."""
        return self._values() != self._shown

    def keep_unsaved(self) -> None:
        """Say that the form's unsaved typing stays until it is added or cleared."""
        if self.editing is None:
            self.cancel_button.description = "Clear the form"
        self.cancel_button.layout.display = None
        self.show_problem(
            "The form holds an action you have not saved yet. Press "
            f"'{self.save_button.description}' to keep it, or "
            f"'{self.cancel_button.description}' to drop it, then choose again.")

    def _read(self) -> Action:
        chosen = self.indicator_choices.get(self.from_ex11.value)
        same = chosen is not None and chosen.name.casefold() == self.indicator.value.strip(
        ).casefold()
        return new_action(
            self.title.value, self.lead.value, self.start.value, self.end.value,
            description=self.description.value, problem=self.problem.value,
            evidence=self.evidence.value, objective=self.objective.value,
            capacity_level=self.capacity_level.value, pillar=self.pillar.value,
            partners={k: v.value for k, v in self.partners.items()},
            budget=self.budget.value, budget_source=self.budget_source.value,
            indicator={"name": self.indicator.value, "unit": self.unit.value,
                       "baseline": self.baseline.value, "target": self.target.value,
                       "direction": self.direction.value,
                       "baseline_date": self.baseline_date.value,
                       "target_date": self.target_date.value,
                       "data_source": self.data_source.value,
                       "frequency": self.frequency.value, "owner": self.reporter.value,
                       "ref": chosen.id if same else ""},
            sdg_targets=self.sdg_targets.value, risks=self.risks.value,
            mitigation=self.mitigation.value, priority=self.priority.value,
            priority_reason=self.priority_reason.value, origin=self.origin,
            objectives=[o.id for o in self.plan.objectives],
        )

    def _save_clicked(self, _button=None) -> None:
        for message in self.messages.values():
            message.value = ""
        try:
            action = self._read()
        except ActionErrors as errors:
            for name, text in errors.by_field.items():
                self.messages.get(name, self.messages["title"]).value = message_html(text)
            count = len(errors.by_field)
            verb = "saved" if self.editing else "added"
            self.status.value = message_html(
                f"The action was not {verb}: {count} field{'s' if count > 1 else ''} to "
                "correct (see the messages next to them)."
            )
            return
        is_new = self.editing is None or self.plan.action(self.editing) is None
        if not is_new:
            action = replace(action, id=self.editing)
        self.status.value = ""
        self._on_saved(action, is_new)
        self.clear()

    def show_problem(self, text: str) -> None:
        self.status.value = message_html(text)


def _as_date(value):
    from datetime import date

    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


__all__ = ["ActionEditor", "Indicator", "Partners"]
