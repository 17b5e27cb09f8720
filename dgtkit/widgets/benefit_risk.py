"""The Ex 2 form: add, edit and remove benefits and risks; the matrix chart with its legend
table; a one-line summary and the checklist. Every accepted change is saved first, then drawn."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.charts.benefit_risk import matrix_alt_text, matrix_chart
from dgtkit.models.benefit_risk import (
    KINDS,
    SCALE,
    BenefitRiskMatrix,
    MatrixItem,
    course_data,
    new_item,
)
from dgtkit.models.checks import FormErrors
from dgtkit.models.pages import benefit_risk_page
from dgtkit.widgets.base import View
from dgtkit.widgets.common import message_html
from dgtkit.widgets.forms import (
    LABEL_STYLE,
    WIDE,
    chart_html,
    checklist_html,
    clear,
    government_box,
    labelled,
    show_errors,
)
from dgtkit.widgets.pages import with_result_page

NEW_ITEM = ""  # the value of "A new item" in the item picker
NOT_CHOSEN = ""
FIELDS = ("kind", "category", "title", "likelihood", "impact", "mitigation", "owner")


def _rating_options(name: str) -> list[tuple[str, int]]:
    words = course_data().scale_words[name]
    return [("Choose a rating", 0)] + [(f"{v} {words[v]}", v) for v in SCALE]


def _category_options(kind: str) -> list[tuple[str, str]]:
    return [("Choose a category", NOT_CHOSEN)] + [
        (c.name, c.id) for c in course_data().of_kind(kind)
    ]


class BenefitRiskView(View):
    """Builds the Ex 2 form around a BenefitRiskMatrix; calls ``on_change`` after each edit."""

    def __init__(self, model: BenefitRiskMatrix, on_change: Callable[[], None]):
        super().__init__(model, on_change)
        self._drawn = ""  # what the chart showed when it was last drawn
        self.widget = w.VBox(
            [
                w.HTML("<h3>Ex 2 Benefit-risk matrix</h3>"),
                *self._build_government(),
                *self._build_item_form(),
                *self._build_results(),
                self.status,
            ]
        )
        self.redraw()
        with_result_page(
            self, lambda: benefit_risk_page(self.model), "benefit-risk-matrix",
            example="ex02",
        )

    # -- building --------------------------------------------------------------------------

    def _build_government(self) -> list[w.Widget]:
        self.government, self.government_message = government_box(self)
        return [labelled(self.government, self.government_message)]

    def _build_item_form(self) -> list[w.Widget]:
        self.item_choice = w.Dropdown(
            description="Item to edit",
            style=LABEL_STYLE,
            layout=WIDE,
            tooltip="Pick a benefit or risk to change or remove",
        )
        self.item_choice.observe(self._item_chosen, names="value")
        self.kind = w.Dropdown(
            description="Benefit or risk",
            options=[(label, kind) for kind, label in KINDS.items()],
            style=LABEL_STYLE,
        )
        self.kind.observe(self._kind_changed, names="value")
        self.category = w.Dropdown(
            description="Category",
            options=_category_options(self.kind.value),
            style=LABEL_STYLE,
            layout=WIDE,
        )
        self.category.observe(lambda _change: self._show_hint(), names="value")
        self.hint = w.HTML()
        self.title = w.Text(
            description="Title",
            style=LABEL_STYLE,
            layout=WIDE,
            placeholder="In a few words, e.g. 'Older residents cannot use the new portal'",
        )
        self.likelihood = w.Dropdown(
            description="Likelihood",
            options=_rating_options("likelihood"),
            style=LABEL_STYLE,
            tooltip="How likely is it to happen in your government?",
        )
        self.impact = w.Dropdown(
            description="Impact",
            options=_rating_options("impact"),
            style=LABEL_STYLE,
            tooltip="How big would the effect be, for good or for harm?",
        )
        self.mitigation = w.Textarea(
            description="Mitigation",
            style=LABEL_STYLE,
            layout=WIDE,
            placeholder="Risks only: what will you do to make it less likely or less harmful?",
        )
        self.owner = w.Text(
            description="Owner",
            style=LABEL_STYLE,
            layout=WIDE,
            placeholder="Risks only: who is responsible? A role or a unit, e.g. 'IT unit'",
        )
        self.fields = {
            "kind": self.kind,
            "category": self.category,
            "title": self.title,
            "likelihood": self.likelihood,
            "impact": self.impact,
            "mitigation": self.mitigation,
            "owner": self.owner,
        }
        self.messages = {name: w.HTML() for name in (*FIELDS, "item")}
        self.save_item = w.Button(
            description="Add item", button_style="primary", tooltip="Save this item in the matrix"
        )
        self.save_item.on_click(self._save_clicked)
        self.remove_item = w.Button(
            description="Remove item", disabled=True, tooltip="Take the chosen item out"
        )
        self.remove_item.on_click(self._remove_clicked)
        rows = [labelled(field, self.messages[name]) for name, field in self.fields.items()]
        rows.insert(2, self.hint)
        self._kind_changed()
        return [
            w.HTML(
                "<p>List the benefits and the risks of digital technologies for your own "
                "government: at least three of each. Rate each one from 1 to 5 for how "
                "likely it is and how big its impact would be. Give every risk a mitigation "
                "(what you will do about it) and an owner (who is responsible).</p>"
            ),
            self.item_choice,
            *rows,
            w.HBox([self.save_item, self.remove_item, self.messages["item"]]),
        ]

    def _build_results(self) -> list[w.Widget]:
        self.summary = w.HTML()
        self.chart = w.HTML()
        self.table = w.HTML()
        self.checklist = w.HTML()
        return [self.summary, self.chart, self.table, self.checklist]

    # -- events ----------------------------------------------------------------------------

    def _kind_changed(self, _change=None) -> None:
        """Offer the categories of the kind; only a risk has a mitigation and an owner."""
        risk = self.kind.value == "risk"
        kept = self.category.value
        self.category.options = _category_options(self.kind.value)
        ids = [value for _label, value in self.category.options]
        self.category.value = kept if kept in ids else NOT_CHOSEN
        self.mitigation.disabled = self.owner.disabled = not risk
        self._show_hint()

    def _show_hint(self) -> None:
        if not self.category.value:
            self.hint.value = ""
            return
        category = course_data().category(self.category.value)
        text = f"<p style='margin:0 0 0 11em;color:#333'>{escape(category.about)}"
        if category.hint:
            lead = "For example" if category.kind == "benefit" else "A first idea to discuss"
            text += f"<br><i>{lead} (this course's own suggestion):</i> {escape(category.hint)}"
        self.hint.value = text + "</p>"

    def _item_chosen(self, change) -> None:
        if self.quiet:
            return
        clear(self.messages)
        item = self.model.item(change["new"]) if change["new"] else None
        self._fill(item)
        self.save_item.description = "Save changes" if item else "Add item"
        self.remove_item.disabled = item is None

    def _fill(self, item: MatrixItem | None) -> None:
        with self.quietly():
            self.kind.value = item.kind if item else "benefit"  # offers its categories
            self.category.value = item.category if item else NOT_CHOSEN
            self.title.value = item.title if item else ""
            self.likelihood.value = item.likelihood if item else 0
            self.impact.value = item.impact if item else 0
            self.mitigation.value = item.mitigation if item else ""
            self.owner.value = item.owner if item else ""
        self._show_hint()

    def _save_clicked(self, _button=None) -> None:
        clear(self.messages)
        editing = self.item_choice.value
        try:
            item = new_item(*(self.fields[name].value for name in FIELDS))
            if editing:
                self.model.edit(editing, item)
            else:
                self.model.add(item)
        except FormErrors as errors:
            show_errors(self.messages, errors.by_field, self.status, "The item")
            return
        self.accepted()
        if not editing:
            self._clear_form()
        self._say_what_is_missing(item if not editing else self.model.item(editing))

    def _say_what_is_missing(self, item: MatrixItem) -> None:
        """The item is saved; a risk without mitigation or owner is told so next to the field."""
        for what, name in (("a mitigation", "mitigation"), ("an owner", "owner")):
            if what in item.missing:
                self.messages[name].value = todo_html(
                    f"{self.model.label(item)} is saved, but still needs {what}."
                )

    def _remove_clicked(self, _button=None) -> None:
        clear(self.messages)
        try:
            self.model.remove(self.item_choice.value)
        except KeyError:
            self.messages["item"].value = message_html("Choose an item to remove first.")
            return
        self.accepted()
        self._clear_form()

    def _clear_form(self) -> None:
        self.set_quietly(self.item_choice, NEW_ITEM)
        self._fill(None)
        self.save_item.description = "Add item"
        self.remove_item.disabled = True

    # -- drawing ---------------------------------------------------------------------------

    def redraw(self) -> None:
        self._refresh_choices()
        self.summary.value = summary_html(self.model)
        shown = repr((self.model.government, self.model.items))
        if shown != self._drawn:
            self._drawn = shown
            self.chart.value = chart_html(
                matrix_chart,
                matrix_alt_text,
                self.model,
                caption="Triangles (B) are benefits, squares (R) are risks; the marks match "
                "the table below. Top right is likely and large: act on those risks first and "
                "build on those benefits.",
            )
        self.table.value = legend_table_html(self.model)
        self.checklist.value = checklist_html("Checklist for Ex 2",
                                              self.model.checks() + self.model.judgment_checks())

    def _refresh_choices(self) -> None:
        listed = [(f"{self.model.label(i)}. {i.title}", i.id) for i in self.model.items]
        with self.quietly():
            chosen = self.item_choice.value
            self.item_choice.options = [("A new item", NEW_ITEM)] + listed
            ids = {i.id for i in self.model.items}
            self.item_choice.value = chosen if chosen in ids else NEW_ITEM


def todo_html(text: str) -> str:
    """A reminder next to a field: worded, not only coloured (dark amber, 6:1 on white)."""
    return f'<span role="status" style="color:#7a4100"><b>Still to do:</b> {escape(text)}</span>'


def summary_html(model: BenefitRiskMatrix) -> str:
    """The one-line summary, then each risk that still lacks something, in words."""
    items = "".join(f"<li>{escape(line)}</li>" for line in model.missing())
    missing = f"<ul style='margin:0.2em 0'>{items}</ul>" if items else ""
    top = model.top_risk()
    first = (
        f"<br>Highest risk: {escape(model.label(top))} '{escape(top.title)}' (likelihood "
        f"{top.likelihood} \u00d7 impact {top.impact} = {top.score})."
        if top
        else ""
    )
    return f'<p role="status"><b>Summary:</b> {escape(model.summary())}{first}</p>{missing}'


def legend_table_html(model: BenefitRiskMatrix) -> str:
    """The chart's legend: one row per mark; every text a participant typed is escaped."""
    if not model.items:
        return "<p><i>No benefits or risks yet. Add the first one above.</i></p>"
    data = course_data()

    def row(item: MatrixItem) -> str:
        missing = " and ".join(item.missing).capitalize() or (
            "Nothing" if item.kind == "risk" else "(benefit)"
        )
        return (
            f"<tr><th scope='row'>{escape(model.label(item))}</th>"
            f"<td>{escape(KINDS[item.kind])}</td><td>{escape(item.title)}</td>"
            f"<td>{escape(data.category(item.category).name)}</td>"
            f"<td>{item.likelihood}</td><td>{item.impact}</td><td>{item.score}</td>"
            f"<td>{escape(item.mitigation) or '-'}</td><td>{escape(item.owner) or '-'}</td>"
            f"<td>{escape(missing)}</td></tr>"
        )

    rows = "".join(row(i) for i in model.benefits + model.risks)
    heads = (
        "Mark",
        "Benefit or risk",
        "Title",
        "Category",
        "Likelihood",
        "Impact",
        "Likelihood \u00d7 impact",
        "Mitigation",
        "Owner",
        "Still missing",
    )
    head = "".join(f'<th scope="col">{h}</th>' for h in heads)
    return (
        '<table class="dgt-benefit-risk" style="border-collapse:collapse">'
        "<caption>Legend of the matrix: benefits and risks</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )
