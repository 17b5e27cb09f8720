"""The Ex 12 form: the local SDG review. A picker over the 169 targets (a goal, then words to
search, then one target: never 169 boxes at once), the chosen targets one at a time with how
each is tracked and the Ex 10 actions and Ex 11 indicators tied to it, the checks and the
one-page dashboard."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.charts.local_review import review_alt_text, review_chart
from dgtkit.course.sdg_list import sdg_list
from dgtkit.models.checks import this_year
from dgtkit.models.indicators import indicator_guide
from dgtkit.models.local_review import DISAGGREGATIONS, LocalReview
from dgtkit.models.pages import local_review_page
from dgtkit.widgets.base import View
from dgtkit.widgets.forms import (
    LABEL_STYLE,
    WIDE,
    chart_html,
    checklist_html,
    deadline_html,
    side_by_side,
)
from dgtkit.widgets.pages import with_result_page

NONE = ""
ALL_GOALS = 0
#: The most targets the picker lists at once when searching all goals.
MOST_LISTED = 40
TEXTS = {  # field: (label, placeholder)
    "proxy": ("Local proxy", "If no global indicator fits: what you will count locally"),
    "data_source": ("Data source", "For example: the civil registry's monthly report"),
    "baseline": ("Baseline", "For example: 41%"),
    "baseline_year": ("Baseline year", "For example: 2024"),
    "target_value": ("Target value", "For example: 60% by 2030"),
    "reporter": ("Who reports it", "One unit or post"),
}


class LocalReviewView(View):
    """Builds the Ex 12 form around a LocalReview. ``actions``: the Ex 10 rows (``id``,
    ``intervention``); ``indicators``: the Ex 11 indicators (``id``, ``name``)."""

    def __init__(self, model: LocalReview, on_change: Callable[[], None],
                 actions=(), indicators=()):
        super().__init__(model, on_change)
        self.actions = list(actions)
        self.indicators = list(indicators)
        self.context = w.HTML(context_html(self.actions, self.indicators))
        self.checklist = w.HTML()
        self.dashboard = w.HTML()
        self.widget = w.VBox([
            w.HTML("<h3>Local SDG review</h3>"),
            self.context,
            *self._build_picker(),
            *self._build_editor(),
            side_by_side(self.checklist, self.dashboard),
            self.status,
        ])
        self.redraw()
        with_result_page(self, lambda: local_review_page(self.model), "local-sdg-review",
                         example="ex12")

    @property
    def action_ids(self) -> set[str]:
        return {str(a.id) for a in self.actions}

    # -- building --------------------------------------------------------------------------

    def _build_picker(self) -> list[w.Widget]:
        goals = sdg_list().goals
        self.goal = w.Dropdown(
            description="Goal", style=LABEL_STYLE, layout=WIDE,
            options=[("All 17 goals (then search)", ALL_GOALS)]
            + [(f"SDG {n} {title}", n) for n, title in goals.items()],
            value=11,
        )
        self.search = w.Text(description="Search the targets", style=LABEL_STYLE, layout=WIDE,
                             placeholder="Words of the target, for example: transport",
                             continuous_update=False)
        self.found = w.Dropdown(description="Target", style=LABEL_STYLE, layout=WIDE)
        self.add_button = w.Button(description="Add this target", button_style="primary",
                                   tooltip="Add the chosen target to your review, and save")
        self.pick_message = w.HTML()
        self.goal.observe(lambda _c: self._list_targets(), names="value")
        self.search.observe(lambda _c: self._list_targets(), names="value")
        self.add_button.on_click(self._add_clicked)
        self._list_targets()
        return [
            w.HTML("<h4>1. Choose the targets your plan serves</h4><p>Choose a goal, or "
                   "search all goals with a few words. Targets whose own deadline has passed "
                   "say so: a plan can still serve them, but should say it is late.</p>"),
            self.goal, self.search, self.found,
            w.HBox([self.add_button, self.pick_message]),
        ]

    def _build_editor(self) -> list[w.Widget]:
        self.chosen = w.Dropdown(description="Target to describe", style=LABEL_STYLE,
                                 layout=WIDE)
        self.chosen.observe(lambda _c: self.quiet or self._fill(), names="value")
        self.remove_button = w.Button(description="Remove this target",
                                      tooltip="Take the chosen target out of your review")
        self.remove_button.on_click(self._remove_clicked)
        self.target_text = w.HTML()
        self.message = w.HTML()
        self.indicator = w.Dropdown(description="Global indicator", style=LABEL_STYLE,
                                    layout=WIDE)
        self.fields: dict[str, w.Widget] = {"indicator": self.indicator}
        for name, (label, placeholder) in TEXTS.items():
            self.fields[name] = w.Text(description=label, placeholder=placeholder,
                                       style=LABEL_STYLE, layout=WIDE,
                                       continuous_update=False)
        self.fields["frequency"] = w.Combobox(
            description="How often", style=LABEL_STYLE, ensure_option=False,
            options=list(indicator_guide().frequencies), placeholder="Choose or write")
        self.breakdown = {
            key: w.Checkbox(description=label, indent=False,
                            layout=w.Layout(width="auto", margin="0 1.5em 0 0"))
            for key, label in DISAGGREGATIONS.items()
        }
        self.tied_actions = w.SelectMultiple(description="Ex 10 actions", style=LABEL_STYLE,
                                             layout=w.Layout(width="40em", height="7em"))
        self.tied_indicators = w.SelectMultiple(description="Ex 11 indicators",
                                                style=LABEL_STYLE,
                                                layout=w.Layout(width="40em", height="6em"))
        self.fields["actions"] = self.tied_actions
        self.fields["indicators"] = self.tied_indicators
        for name, field in self.fields.items():
            field.observe(self._field_handler(name), names="value")
        for box in self.breakdown.values():
            box.observe(self._breakdown_handler, names="value")
        self.editor = w.VBox([
            self.target_text, *self.fields.values(),
            w.HTML("<b>Break the data down by</b> (tick every group you will report):"),
            w.Box(list(self.breakdown.values()),
                  layout=w.Layout(display="flex", flex_flow="row wrap")),
            self.message,
        ])
        return [
            w.HTML("<h4>2. Say how you will track each target</h4><p>A global indicator of "
                   "the target where your data can measure it; otherwise a local proxy. Then "
                   "tie the target to the actions of your roadmap that serve it.</p>"),
            w.HBox([self.chosen, self.remove_button]),
            self.editor,
        ]

    # -- handlers --------------------------------------------------------------------------

    def _list_targets(self) -> None:
        goal = self.goal.value or None
        words = self.search.value
        year = this_year()
        if goal is None and not words.strip():
            options = [("Type a few words to search all goals", NONE)]
        else:
            found = sdg_list().find(goal, words)
            options = [(t.label(year), t.id) for t in found[:MOST_LISTED]]
            if not options:
                options = [("No target has these words: try other words", NONE)]
            elif len(found) > MOST_LISTED:
                options.append((f"... and {len(found) - MOST_LISTED} more: add words", NONE))
        with self.quietly():
            self.found.options = options
            self.found.value = options[0][1]

    def _add_clicked(self, _button=None) -> None:
        added = []

        def add() -> None:
            added.append(self.model.add_target(self.found.value))

        if self.apply(add, self.pick_message, redraw=False):
            self.redraw(select=added[0].target)

    def _remove_clicked(self, _button=None) -> None:
        if self.chosen.value:
            self.model.remove_target(self.chosen.value)
            self.accepted()

    def _field_handler(self, name: str):
        def write(value) -> None:
            if name in ("actions", "indicators"):
                value = list(value)
            self.model.update(self.chosen.value, **{name: value})

        handler = self.field_handler(write, self.message, redraw=self._after_edit)

        def guarded(change) -> None:
            if self.chosen.value:
                handler(change)

        return guarded

    def _breakdown_handler(self, _change) -> None:
        if self.quiet or not self.chosen.value:
            return
        ticked = [key for key, box in self.breakdown.items() if box.value]
        self.apply(lambda: self.model.update(self.chosen.value, disaggregation=ticked),
                   self.message, redraw=self._after_edit)

    def _after_edit(self) -> None:
        self._list_chosen(self.chosen.value)
        self._fill(values=False)
        self._show_results()

    # -- drawing ---------------------------------------------------------------------------

    def redraw(self, select: str | None = None) -> None:
        self._list_chosen(select or self.chosen.value)
        self._fill()
        self._show_results()

    def _list_chosen(self, keep: str) -> None:
        """The chosen targets, each with what tracks it; ``keep`` stays selected if it can."""
        chosen = [(f"{t.target}: {t.measure or 'not tracked yet'}"[:90], t.target)
                  for t in self.model.targets]
        ids = [value for _label, value in chosen]
        with self.quietly():
            self.chosen.options = chosen or [("No target yet: add one above", NONE)]
            self.chosen.value = keep if keep in ids else (ids[0] if ids else NONE)

    def _fill(self, values: bool = True) -> None:
        """Show the chosen target in the editor (``values``: also its fields' values)."""
        target_id = self.chosen.value
        self.remove_button.disabled = not target_id
        for field in [*self.fields.values(), *self.breakdown.values()]:
            field.disabled = not target_id  # the parts wait for a target (paper shows them)
        if not target_id:
            self.target_text.value = "<p><i>Add a target above: its parts come here.</i></p>"
            return
        item = self.model.get(target_id)
        official = sdg_list().target(target_id)
        self.target_text.value = (f"<p><b>Target {escape(target_id)}.</b> "
                                  f"{escape(official.text)}{deadline_html(target_id)}</p>")
        with self.quietly():
            self.indicator.options = [("None fits: a local proxy (below)", NONE)] + [
                (f"{i.id} {i.text}"[:110], i.id) for i in sdg_list().indicators_of(target_id)]
            self.tied_actions.options = [(a.intervention[:90], str(a.id)) for a in self.actions]
            self.tied_indicators.options = [(i.name[:90], str(i.id)) for i in self.indicators]
            if values:
                for name, field in self.fields.items():
                    value = getattr(item, name)
                    if name in ("actions", "indicators"):
                        known = {v for _label, v in field.options}
                        value = tuple(v for v in value if v in known)
                    elif name == "baseline_year":
                        value = str(value or "")
                    field.value = value
                for key, box in self.breakdown.items():
                    box.value = key in item.disaggregation
                self.message.value = ""
        self.fields["proxy"].disabled = bool(item.indicator)

    def _show_results(self) -> None:
        self.checklist.value = checklist_html("Checks of your review",
                                              self.model.checks(self.action_ids))
        ids = self.action_ids  # as the checklist and the grader: no roadmap, nothing served
        self.dashboard.value = chart_html(
            lambda m: review_chart(m, ids), lambda m: review_alt_text(m, ids), self.model,
            "Your local review on one page: tracked, data yet, served by an action.")


def context_html(actions, indicators) -> str:
    """What the form found of the week: the Ex 10 actions and Ex 11 indicators to tie to."""
    if not actions:
        return ("<p><i>No Ex 10 roadmap was found, so there is no action to tie a target to "
                "yet. Fill in the capacity roadmap canvas (Ex 10) first, or choose your "
                "targets now and come back.</i></p>")
    count = len(indicators)
    return (f"<p>Your roadmap (Ex 10) has {len(actions)} action"
            f"{'s' * (len(actions) != 1)} and your indicator clinic (Ex 11) {count} "
            f"indicator{'s' * (count != 1)} to tie to your targets.</p>")
