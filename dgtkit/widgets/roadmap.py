"""The Ex 10 form: the capacity roadmap canvas. What came from Ex 5 and Ex 7, the rules of the
canvas, the canvas as a table, a form to edit one row at a time, the roadmap chart and the
checklist of session 5.1's rules."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.charts.roadmap import roadmap_alt_text, roadmap_chart
from dgtkit.models import dates
from dgtkit.models.checks import FormErrors
from dgtkit.models.pages import roadmap_page
from dgtkit.models.roadmap import FIELD_NAMES, Roadmap, RoadmapRow, canvas_guide
from dgtkit.models.text import FieldError
from dgtkit.widgets.base import View
from dgtkit.widgets.common import message_html
from dgtkit.widgets.forms import (
    LABEL_STYLE,
    WIDE,
    chart_html,
    checklist_html,
    clear,
    example_box,
    show_errors,
    side_by_side,
)
from dgtkit.widgets.pages import with_result_page

NEW = "__new__"  # the "new row" choice of the row picker
NONE = ""
FIELDS = ("pillar", "gap", "level", "intervention", "owner", "public", "private", "people")
FIELDS += ("horizon", "milestone")


def hint(text: str) -> w.HTML:
    return w.HTML(f'<span style="color:#333">{escape(text)}</span>')


class CapacityRoadmapView(View):
    """Builds the Ex 10 form around a Roadmap; calls ``on_change`` after each accepted edit."""

    def __init__(self, model: Roadmap, on_change: Callable[[], None]):
        super().__init__(model, on_change)
        self._drawn = ""  # what the chart showed when it was last drawn
        self.context = w.HTML()
        self.table = w.HTML()
        self.chart = w.HTML()
        self.checklist = w.HTML()
        editor = self._build_editor()
        self.widget = w.VBox(
            [
                w.HTML("<h3>Capacity roadmap canvas</h3>"),
                self.context,
                example_box("ex10"),
                side_by_side(w.VBox(editor),
                             w.VBox([w.HTML("<h4>Your roadmap</h4>"), self.chart,
                                     self.checklist]),
                             "32em", "28em"),
                self.table,
                w.HTML(rules_html()),
                *self._build_no_action(),
                self.status,
            ]
        )
        self.redraw(select=model.rows[0].id if model.rows else NEW)
        with_result_page(
            self, lambda: roadmap_page(self.model), "capacity-roadmap",
        )

    # -- building ----------------------------------------------------------------------------

    def _build_editor(self) -> list[w.Widget]:
        model, guide = self.model, canvas_guide()
        example = guide.example
        self.row_choice = w.Dropdown(description="Row to edit", style=LABEL_STYLE, layout=WIDE)
        self.row_choice.observe(lambda _c: self.quiet or self._show_row(), names="value")
        self.pillar = w.Dropdown(
            description="Pillar of the gap",
            style=LABEL_STYLE,
            layout=WIDE,
            options=[("No pillar", NONE)] + [(p.name, p.id) for p in model.framework.pillars],
        )
        self.pillar.observe(self._pillar_chosen, names="value")
        self.gap = w.Text(
            description="Gap", style=LABEL_STYLE, layout=WIDE, placeholder=example["gap"]
        )
        self.level = w.Dropdown(
            description="Capacity level",
            style=LABEL_STYLE,
            layout=WIDE,
            options=[("Choose a level", NONE)]
            + [(c.name, c.id) for c in model.framework.capacity_levels],
        )
        self.level.observe(lambda _c: self._show_level_hint(), names="value")
        self.level_hint = w.HTML()
        self.intervention = w.Textarea(
            description="Intervention",
            style=LABEL_STYLE,
            layout=w.Layout(width="40em", height="4em"),
            placeholder=example["intervention"],
        )
        self.owner = w.Text(
            description="Owner (one unit or post)",
            style=LABEL_STYLE,
            layout=WIDE,
            placeholder=example["owner"],
        )
        self.partner_fields = {}
        partner_rows = []
        for kind in guide.partner_kinds:
            field = w.Text(description=kind.label, style=LABEL_STYLE, layout=WIDE)
            self.partner_fields[kind.id] = field
            partner_rows.append((kind.id, field, kind.hint))
        self.public = self.partner_fields["public"]
        self.private = self.partner_fields["private"]
        self.people = self.partner_fields["people"]
        self.horizon = w.Dropdown(
            description="Horizon",
            style=LABEL_STYLE,
            layout=WIDE,
            options=[("Choose a horizon", NONE)]
            + [(model.horizon_text(h.id), h.id) for h in guide.horizons],
        )
        self.milestone = w.Dropdown(
            description="Prepares milestone", style=LABEL_STYLE, layout=WIDE
        )
        self.messages = {name: w.HTML() for name in FIELDS}
        self.save_row = w.Button(
            description="Save row", button_style="primary", tooltip="Save this row of the canvas"
        )
        self.save_row.on_click(self._save_clicked)
        self.row_status = w.HTML()
        self.split_row = w.Button(
            description="Add a row for the same gap",
            layout=w.Layout(width="auto"),
            tooltip="One gap, one level: a gap with causes at two levels gets two rows",
        )
        self.split_row.on_click(self._split_clicked)
        self.remove_row = w.Button(description="Remove row", tooltip="Take this row off the canvas")
        self.remove_row.on_click(self._remove_clicked)
        fields = [
            self._labelled("pillar"),
            self._labelled("gap"),
            self._labelled("level"),
            self.level_hint,
            self._labelled("intervention"),
            self._labelled("owner"),
            w.HTML(
                "<p><b>Partners</b>: who helps, as in a Public-Private-People Partnership "
                "(session 5.5). Leave a box empty if there is none.</p>"
            ),
        ]
        for name, field, text in partner_rows:
            fields.append(w.HBox([field, self.messages[name]]))
            fields.append(w.HBox([w.HTML(layout=w.Layout(width="11em")), hint(text)]))
        fields += [self._labelled("horizon"), self._labelled("milestone")]
        return [
            w.HTML(
                "<h4>Edit the canvas, one row at a time</h4><p>Choose a row (or a new row), "
                "fill in its columns, then press <b>Save row</b>. Rows from your Ex 5 gaps "
                "start with the gap in your words (its problem, or its evidence). The chart "
                "beside the form shows the roadmap; the whole canvas is under it.</p>"
            ),
            self.row_choice,
            *fields,
            w.HBox([self.save_row, self.split_row, self.remove_row]),
            self.row_status,
        ]

    def _labelled(self, name: str) -> w.HBox:
        return w.HBox([getattr(self, name), self.messages[name]])

    def _build_no_action(self) -> list[w.Widget]:
        self.no_action = {}
        self.no_action_messages = {}
        rows = []
        for level in self.model.framework.capacity_levels:
            field = w.Text(
                value=self.model.no_action.get(level.id, ""),
                description=f"{level.name}: why",
                style=LABEL_STYLE,
                layout=WIDE,
                continuous_update=False,
                placeholder="Only if this level needs no action now",
            )
            self.no_action[level.id] = field
            self.no_action_messages[level.id] = w.HTML()
            field.observe(self._no_action_changed(level.id), names="value")
            rows.append(w.HBox([field, self.no_action_messages[level.id]]))
        return [
            w.HTML(
                "<h4>A level with no row?</h4><p>Cover all four levels, or write why a level "
                "needs no action now.</p>"
            ),
            *rows,
        ]

    # -- handlers ----------------------------------------------------------------------------

    def _selected(self) -> str | None:
        value = self.row_choice.value
        return None if value in (None, NEW) else value

    def _form_values(self) -> dict:
        return {name: getattr(self, name).value for name in FIELDS}

    def _save_clicked(self, _button=None) -> None:
        clear(self.messages)
        self.row_status.value = ""
        try:
            row = self.model.save_row(self._selected(), **self._form_values())
        except FormErrors as errors:
            show_errors(self.messages, errors.by_field, self.row_status, "The row")
            self.status.value = self.row_status.value
            return
        except FieldError as error:
            self.status.value = self.row_status.value = message_html(error.message)
            return
        self.accepted(lambda: self.redraw(select=row.id))
        self.row_status.value = (f'<span role="status" style="color:#1b5e20">Row '
                                 f"{self.model.number_of(row.id)} saved.</span>")

    def _split_clicked(self, _button=None) -> None:
        row_id = self._selected()
        if row_id is None:
            self.status.value = message_html("Choose a saved row first, then add a row for it.")
            return
        try:
            draft = self.model.split_row(row_id)
        except FieldError as error:
            self.status.value = message_html(error.message)
            return
        self.accepted(lambda: self.redraw(select=draft.id))

    def _remove_clicked(self, _button=None) -> None:
        row_id = self._selected()
        if row_id is None:
            self.status.value = message_html("Choose the row to remove first.")
            return
        self.model.remove_row(row_id)
        first = self.model.rows[0].id if self.model.rows else NEW
        self.accepted(lambda: self.redraw(select=first))

    def _no_action_changed(self, level_id: str):
        return self.field_handler(
            lambda text: self.model.explain_no_action(level_id, text),
            self.no_action_messages[level_id],
        )

    def _pillar_chosen(self, change) -> None:
        """A new row with no gap yet starts from the Ex 5 gap of the chosen pillar."""
        if self.quiet:
            return
        if self._selected() is None and not self.gap.value.strip() and change["new"]:
            gap = next((g for g in self.model.gaps_considered if g.pillar == change["new"]), None)
            self.gap.value = gap.statement if gap else ""
        self._show_level_hint()

    # -- drawing -----------------------------------------------------------------------------

    def redraw(self, select: str | None = None) -> None:
        """Redraw from the model; with ``select``, show that row in the form (else the form
        keeps what the team is typing)."""
        model = self.model
        self.context.value = context_html(model)
        self.table.value = canvas_html(model)
        rows = tuple((row_label(model, row), row.id) for row in model.rows) + (("A new row", NEW),)
        milestones = (("No milestone", NONE),) + tuple((m.label, m.id) for m in model.milestones)
        keep = self.row_choice.value if select is None else select
        with self.quietly():
            if tuple(self.row_choice.options) != rows:
                self.row_choice.options = rows
            self.row_choice.value = keep if keep in {v for _, v in rows} else NEW
            if tuple(self.milestone.options) != milestones:
                chosen = self.milestone.value
                self.milestone.options = milestones
                self.milestone.value = chosen if chosen in {v for _, v in milestones} else NONE
        if select is not None:
            self._show_row()
        shown = repr(model.to_dict())
        if shown != self._drawn:  # drawing is slow: only when the roadmap changed
            self._drawn = shown
            self.chart.value = chart_html(
                roadmap_chart,
                roadmap_alt_text,
                model,
                caption="One lane per capacity level; the numbers are the rows of the canvas.",
            )
        self.checklist.value = checklist_html("Checklist for the canvas",
                                              model.checks() + model.judgment_checks())

    def _show_row(self) -> None:
        """Fill the form with the chosen row (empty for a new row)."""
        row_id = self._selected()
        row = self.model.row(row_id) if row_id else RoadmapRow(gap="")
        milestones = {v for _, v in self.milestone.options}
        values = row.to_dict() | row.partners
        with self.quietly():
            for name in FIELDS:
                value = values.get(name) or NONE
                if name == "milestone" and value not in milestones:
                    value = NONE  # a milestone dropped from Ex 7 since
                getattr(self, name).value = value
        clear(self.messages)
        self.split_row.disabled = self.remove_row.disabled = row_id is None
        self._show_level_hint()

    def _show_level_hint(self) -> None:
        model = self.model
        words = []
        suggested = model.suggested_level(self.pillar.value or None)
        if suggested:
            words.append(
                f"Session 5.1 links this pillar to the {model.level_name(suggested)} level."
            )
        elif self.pillar.value:
            words.append("This pillar cuts across the levels: choose the level of this gap.")
        for level in model.framework.capacity_levels:
            if level.id == self.level.value:
                words.append(f"{level.name}: {level.about}")
        self.level_hint.value = (
            f'<p style="margin:0 0 0 11.5em;color:#333">{escape(" ".join(words))}</p>'
            if words
            else ""
        )


def rules_html() -> str:
    items = "".join(f"<li>{escape(text)}</li>" for text in canvas_guide().rules.values())
    return f"<p><b>Four rules make the canvas useful</b> (session 5.1):</p><ol>{items}</ol>"


def context_html(model: Roadmap) -> str:
    """What came from Ex 5 and Ex 7, and when the horizons run; every text escaped."""
    if model.gaps_considered:
        gaps = "".join(f"<li>{escape(g.label)}</li>" for g in model.gaps_considered)
        gaps = f"<p>Your capacity gaps from Ex 5 (each started as a row):</p><ol>{gaps}</ol>"
    else:
        gaps = (
            "<p><i>No capacity gaps came from Ex 5 (it is not done yet, or found no gap). "
            "Add a row for each gap your team sees.</i></p>"
        )
    if model.vision_year or model.milestones:
        year = f"vision year {model.vision_year}" if model.vision_year else "no vision year yet"
        listed = "; ".join(escape(m.label) for m in model.milestones) or "no milestones yet"
        vision = f"<p>From Ex 7: {year}; milestones: {listed}.</p>"
    else:
        vision = (
            "<p><i>No vision year or milestones came from Ex 7 yet. The chart shows them once "
            "Ex 7 has them.</i></p>"
        )
    horizons = "; ".join(escape(model.horizon_text(h.id)) for h in canvas_guide().horizons)
    start = dates.month(model.started)
    when = f"<p>The horizons count from {start}, when your team started the canvas: {horizons}.</p>"
    return gaps + vision + when


def row_label(model: Roadmap, row: RoadmapRow) -> str:
    number = model.number_of(row.id)
    missing = row.missing()
    state = (
        "complete" if not missing else "to fill in: " + ", ".join(FIELD_NAMES[m] for m in missing)
    )
    gap = row.gap if len(row.gap) <= 50 else row.gap[:47] + "..."
    return f"Row {number}: {gap} ({state})"


def canvas_html(model: Roadmap) -> str:
    """The canvas as an accessible table, in the columns of session 5.1; every text escaped."""
    if not model.rows:
        return "<p><i>No rows yet. Add one below for each capacity gap.</i></p>"
    guide = canvas_guide()
    body = []
    for number, row in enumerate(model.rows, start=1):
        partners = "<br>".join(
            f"{escape(kind.label.split()[0])}: {escape(row.partners[kind.id])}"
            for kind in guide.partner_kinds
            if row.partners[kind.id]
        )
        milestone = model.milestone(row.milestone)
        missing = row.missing()
        state = (
            "Complete"
            if not missing
            else "To fill in: " + ", ".join(FIELD_NAMES[m] for m in missing)
        )
        cells = [
            str(number),
            escape(row.gap),
            escape(model.level_name(row.level)) if row.level else "",
            escape(row.intervention),
            escape(row.owner),
            partners,
            escape(guide.horizon(row.horizon).label) if row.horizon else "",
            escape(milestone.label) if milestone else "",
            escape(state),
        ]
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    heads = ("Row", "Gap", "Level", "Intervention", "Owner", "Partners", "Horizon")
    heads += ("Milestone (Ex 7)", "State")
    head = "".join(f'<th scope="col">{h}</th>' for h in heads)
    return (
        '<table class="dgt-roadmap" style="border-collapse:collapse">'
        "<caption>Your capacity roadmap canvas</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )
