"""The Ex 11 form: the SMART indicator clinic. The interventions from Ex 10, the five tests,
the team's indicators with their results, a form to edit one indicator at a time with its
SMART check, the team's confirmation of the target, the values measured and a progress chart."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.charts.indicators import progress_alt_text, progress_chart
from dgtkit.models import dates
from dgtkit.models.checks import FormErrors
from dgtkit.models.indicators import (
    Indicator,
    IndicatorSet,
    format_value,
    indicator_guide,
)
from dgtkit.models.pages import indicators_page
from dgtkit.models.text import FieldError
from dgtkit.widgets.base import View
from dgtkit.widgets.common import message_html
from dgtkit.widgets.forms import (
    FAIL,
    LABEL_STYLE,
    PASS_STYLE,
    WIDE,
    chart_html,
    checklist_html,
    clear,
    example_box,
    show_errors,
    side_by_side,
)
from dgtkit.widgets.pages import with_result_page

NEW = "__new__"  # the "new indicator" choice of the picker
NONE = ""
FIELDS = ("intervention", "name", "definition", "unit", "baseline", "baseline_date", "target")
FIELDS += ("target_date", "data_source", "frequency", "owner")


class IndicatorClinicView(View):
    """Builds the Ex 11 form around an IndicatorSet; calls ``on_change`` after each accepted
    edit."""

    def __init__(self, model: IndicatorSet, on_change: Callable[[], None]):
        super().__init__(model, on_change)
        self.context = w.HTML()
        self.table = w.HTML()
        self.smart_checklist = w.HTML()
        self.progress = w.HTML()
        self.set_checklist = w.HTML()
        editor = self._build_editor()
        self.widget = w.VBox(
            [
                w.HTML("<h3>SMART indicator clinic</h3>"),
                self.context,
                w.HTML(criteria_html()),
                example_box("ex11"),
                side_by_side(w.VBox(editor), w.VBox([self.smart_checklist, self.progress])),
                *self._build_confirmation(),
                *self._build_actuals(),
                self.table,
                self.set_checklist,
                self.status,
            ]
        )
        first = model.indicators[0].id if model.indicators else NEW
        self.redraw(select=first)
        with_result_page(
            self, lambda: indicators_page(self.model), "smart-indicators",
        )

    # -- building ----------------------------------------------------------------------------

    def _build_editor(self) -> list[w.Widget]:
        guide = indicator_guide()
        example = guide.example
        self.indicator_choice = w.Dropdown(
            description="Indicator to edit", style=LABEL_STYLE, layout=WIDE
        )
        self.indicator_choice.observe(lambda _c: self.quiet or self._show(), names="value")
        self.intervention = w.Dropdown(
            description="Measures (Ex 10)", style=LABEL_STYLE, layout=WIDE
        )
        self.name = w.Text(
            description="Name", style=LABEL_STYLE, layout=WIDE, placeholder=example["name"]
        )
        self.definition = w.Textarea(
            description="Definition",
            style=LABEL_STYLE,
            layout=w.Layout(width="40em", height="4em"),
            placeholder=example["definition"],
        )
        self.unit = w.Combobox(
            description="Unit",
            style=LABEL_STYLE,
            options=list(guide.units),
            ensure_option=False,
            placeholder="Choose or write a unit",
        )
        self.baseline = w.Text(
            description="Baseline value", style=LABEL_STYLE, placeholder="For example: 41"
        )
        self.baseline_date = w.DatePicker(description="Baseline date", style=LABEL_STYLE)
        self.readouts = {"baseline_date": w.HTML(), "target_date": w.HTML()}
        self.target = w.Text(
            description="Target value", style=LABEL_STYLE, placeholder="For example: 70"
        )
        self.target_date = w.DatePicker(description="Target date", style=LABEL_STYLE)
        for name in ("baseline_date", "target_date"):
            getattr(self, name).observe(lambda _c, n=name: self._readout(n), names="value")
        self.data_source = w.Text(
            description="Data source",
            style=LABEL_STYLE,
            layout=WIDE,
            placeholder=example["data_source"],
        )
        self.frequency = w.Combobox(
            description="Frequency",
            style=LABEL_STYLE,
            options=list(guide.frequencies),
            ensure_option=False,
            placeholder="How often it is measured",
        )
        self.owner = w.Text(
            description="Owner (measures, reports)",
            style=LABEL_STYLE,
            layout=WIDE,
            placeholder="One unit or post",
        )
        self.messages = {name: w.HTML() for name in FIELDS}
        self.save = w.Button(
            description="Save indicator", button_style="primary", tooltip="Save this indicator"
        )
        self.save.on_click(self._save_clicked)
        self.save_status = w.HTML()
        self.remove = w.Button(description="Remove indicator", layout=w.Layout(width="auto"))
        self.remove.on_click(self._remove_clicked)
        return [
            w.HTML(
                "<h4>Write one indicator at a time</h4><p>Choose an indicator (or a new one), "
                "fill in its parts, then press <b>Save indicator</b>. Each intervention of your "
                "roadmap starts with a draft. For a yes-or-no indicator, write Yes or No as "
                "the values.</p>"
            ),
            self.indicator_choice,
            *[w.HBox([getattr(self, name), *([self.readouts[name]] if name in self.readouts
                                              else []), self.messages[name]])
              for name in FIELDS],
            w.HBox([self.save, self.remove, self.save_status]),
        ]

    def _readout(self, name: str) -> None:
        """A date as the course writes it ("1 June 2026"), beside the browser's picker."""
        value = getattr(self, name).value
        self.readouts[name].value = (f'<span style="color:#333;margin-left:0.5em">'
                                     f"{dates.day(value)}</span>" if value else "")

    def _build_confirmation(self) -> list[w.Widget]:
        self.confirmed_by = w.Text(
            description="Who confirmed",
            style=LABEL_STYLE,
            layout=WIDE,
            placeholder="Name and role, for example: Ana, head of the IT unit",
        )
        self.confirm = w.Button(
            description="Record the confirmation",
            layout=w.Layout(width="auto"),
            tooltip="The team agrees the saved target can be reached with its resources",
        )
        self.confirm.on_click(self._confirm_clicked)
        self.confirm_message = w.HTML()
        return [
            w.HTML(
                "<h4>Can the target be reached?</h4><p>The form cannot judge ambition. Ask "
                "the person who will have to reach the target (the indicator's owner), or "
                "the team that tests your indicators, whether the saved target can be reached "
                "with your resources. If yes, record who confirmed. One person confirming "
                "every target is not a confirmation: the checklist says so.</p>"
            ),
            w.HBox([self.confirmed_by, self.confirm]),
            self.confirm_message,
        ]

    def _build_actuals(self) -> list[w.Widget]:
        self.actual_date = w.DatePicker(description="Date measured", style=LABEL_STYLE)
        self.actual_value = w.Text(description="Value measured", style=LABEL_STYLE)
        self.actual_messages = {"actual_date": w.HTML(), "actual_value": w.HTML()}
        self.add_actual = w.Button(description="Add value", tooltip="Add the value measured")
        self.add_actual.on_click(self._add_actual_clicked)
        self.actual_to_remove = w.Dropdown(
            description="Value to remove", style=LABEL_STYLE, layout=WIDE
        )
        self.remove_actual = w.Button(description="Remove value")
        self.remove_actual.on_click(self._remove_actual_clicked)
        return [
            w.HTML(
                "<h4>Values measured</h4><p>As the indicator is measured, add each value "
                "with its date. The chart shows the way from the baseline to the target.</p>"
            ),
            w.HBox([self.actual_date, self.actual_messages["actual_date"]]),
            w.HBox([self.actual_value, self.add_actual, self.actual_messages["actual_value"]]),
            w.HBox([self.actual_to_remove, self.remove_actual]),
        ]

    # -- handlers ----------------------------------------------------------------------------

    def _selected(self) -> str | None:
        value = self.indicator_choice.value
        return None if value in (None, NEW) else value

    def _save_clicked(self, _button=None) -> None:
        clear(self.messages)
        self.save_status.value = ""
        values = {name: getattr(self, name).value for name in FIELDS}
        try:
            indicator = self.model.save_indicator(self._selected(), **values)
        except FormErrors as errors:
            show_errors(self.messages, errors.by_field, self.save_status, "The indicator")
            self.status.value = self.save_status.value
            return
        except FieldError as error:
            self.status.value = self.save_status.value = message_html(error.message)
            return
        self.accepted(lambda: self.redraw(select=indicator.id))
        self.save_status.value = (f'<span role="status" style="color:#1b5e20">Indicator '
                                  f"{self.model.number_of(indicator.id)} saved.</span>")

    def _remove_clicked(self, _button=None) -> None:
        indicator_id = self._selected()
        if indicator_id is None:
            self.status.value = message_html("Choose the indicator to remove first.")
            return
        self.model.remove_indicator(indicator_id)
        first = self.model.indicators[0].id if self.model.indicators else NEW
        self.accepted(lambda: self.redraw(select=first))

    def _confirm_clicked(self, _button=None) -> None:
        indicator_id = self._selected()
        if indicator_id is None:
            self.confirm_message.value = message_html("Save the indicator first.")
            return
        self.apply(
            lambda: self.model.confirm(indicator_id, self.confirmed_by.value),
            self.confirm_message,
        )

    def _add_actual_clicked(self, _button=None) -> None:
        clear(self.actual_messages)
        indicator_id = self._selected()
        if indicator_id is None:
            self.actual_messages["actual_value"].value = message_html("Save the indicator first.")
            return
        try:
            self.model.add_actual(indicator_id, self.actual_date.value, self.actual_value.value)
        except FormErrors as errors:
            show_errors(self.actual_messages, errors.by_field, self.status, "The value")
            return
        self.actual_value.value = ""
        self.actual_date.value = None
        self.accepted()

    def _remove_actual_clicked(self, _button=None) -> None:
        indicator_id = self._selected()
        if indicator_id is None or not self.actual_to_remove.value:
            self.status.value = message_html("Choose the value to remove first.")
            return
        self.model.remove_actual(indicator_id, self.actual_to_remove.value)
        self.accepted()

    # -- drawing -----------------------------------------------------------------------------

    def redraw(self, select: str | None = None) -> None:
        """Redraw from the model; with ``select``, show that indicator in the form (else the
        form keeps what the team is typing)."""
        model = self.model
        self.context.value = context_html(model)
        self.table.value = indicators_html(model)
        choices = tuple((indicator_label(model, i), i.id) for i in model.indicators)
        choices += (("A new indicator", NEW),)
        interventions = (("Choose an intervention", NONE),) + tuple(
            (i.label, i.id) for i in model.interventions
        )
        keep = self.indicator_choice.value if select is None else select
        with self.quietly():
            if tuple(self.indicator_choice.options) != choices:
                self.indicator_choice.options = choices
            self.indicator_choice.value = keep if keep in {v for _, v in choices} else NEW
            if tuple(self.intervention.options) != interventions:
                chosen = self.intervention.value
                self.intervention.options = interventions
                known = {v for _, v in interventions}
                self.intervention.value = chosen if chosen in known else NONE
        if select is not None:
            self._fill_form()
        self._show_results()
        self.set_checklist.value = checklist_html(
            "Checklist for the clinic", [*model.set_checks(), model.confirmation_check()])

    def _show(self) -> None:
        """Another indicator chosen: fill the form and show its results."""
        self._fill_form()
        self._show_results()

    def _current(self) -> Indicator | None:
        indicator_id = self._selected()
        return self.model.indicator(indicator_id) if indicator_id else None

    def _fill_form(self) -> None:
        indicator = self._current() or Indicator()
        values = {
            "intervention": indicator.intervention
            if self.model.intervention(indicator.intervention)
            else NONE,
            "name": indicator.name,
            "definition": indicator.definition,
            "unit": indicator.unit,
            "baseline": indicator.value_text(indicator.baseline),
            "baseline_date": indicator.baseline_date,
            "target": indicator.value_text(indicator.target),
            "target_date": indicator.target_date,
            "data_source": indicator.data_source,
            "frequency": indicator.frequency,
            "owner": indicator.owner,
        }
        with self.quietly():
            for name, value in values.items():
                getattr(self, name).value = value
            self.confirmed_by.value = indicator.confirmed_by
        clear(self.messages)
        clear(self.actual_messages)
        self.confirm_message.value = ""
        self.remove.disabled = self._selected() is None

    def _show_results(self) -> None:
        """The SMART check, the values measured and the chart of the chosen indicator."""
        indicator = self._current()
        if indicator is None:
            self.smart_checklist.value = (
                "<p><i>Save the new indicator to see its SMART check.</i></p>"
            )
            self.actual_to_remove.options = [("No value yet", NONE)]
            self.progress.value = ""
            return
        number = self.model.number_of(indicator.id)
        self.smart_checklist.value = checklist_html(
            f"SMART check of indicator {number}", self.model.smart(indicator)
        )
        self.actual_to_remove.options = [("Choose a value", NONE)] + [
            (f"{dates.day(a.day)}: {format_value(a.value, indicator.unit)}", a.id)
            for a in indicator.actuals
        ]
        self.progress.value = chart_html(
            progress_chart,
            progress_alt_text,
            indicator,
            caption="Square: baseline. Circles: values measured. Star: target. "
            "Dashed line: the planned path.",
        )


def criteria_html() -> str:
    """The five tests of session 6.3 and what the form checks for each; a table."""
    rows = "".join(
        f"<tr><th scope='row'>{escape(c.letter)}: {escape(c.toolkit)}</th>"
        f"<td>{escape(c.question)}</td><td>{escape(c.rule)}</td></tr>"
        for c in indicator_guide().criteria
    )
    return (
        '<table class="dgt-smart" style="border-collapse:collapse">'
        "<caption>The SMART tests (session 6.3) and what this form checks</caption><thead><tr>"
        '<th scope="col">Test</th><th scope="col">The question to ask</th>'
        f'<th scope="col">What the form checks</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def context_html(model: IndicatorSet) -> str:
    if not model.interventions:
        return (
            "<p><i>No interventions came from Ex 10 (it is not done yet, or has no complete "
            "row). You can still write indicators, but each should measure an intervention "
            "of your roadmap.</i></p>"
        )
    items = "".join(
        f"<li>{escape(i.intervention)} ({escape(i.level_name)}, {escape(i.horizon_label)}; "
        f"owner: {escape(i.owner)})</li>"
        for i in model.interventions
    )
    size = indicator_guide().set_size
    return (
        f"<p>The interventions of your roadmap (Ex 10):</p><ol>{items}</ol><p>Draft about "
        f"{size} indicators for them, then ask another team to test them.</p>"
    )


def indicator_label(model: IndicatorSet, indicator: Indicator) -> str:
    number = model.number_of(indicator.id)
    if indicator.name:
        return f"{number}. {indicator.name}"
    intervention = model.intervention(indicator.intervention)
    about = f" for: {intervention.intervention}" if intervention else ""
    return f"{number}. Draft, no name yet{about}"[:120]


def _mark(passed: bool) -> str:
    mark, word, style = ("\u2713", "Pass", PASS_STYLE) if passed else FAIL
    return f'<span style="{style}"><span aria-hidden="true">{mark}</span> {word}</span>'


def indicators_html(model: IndicatorSet) -> str:
    """The indicators and their five results as an accessible table; every text escaped."""
    if not model.indicators:
        return "<p><i>No indicators yet. Write the first one below.</i></p>"
    letters = [
        f'<abbr title="{escape(c.toolkit)}">{escape(c.letter)}</abbr>'
        for c in indicator_guide().criteria
    ]
    body = []
    for number, indicator in enumerate(model.indicators, start=1):
        intervention = model.intervention(indicator.intervention)
        checks = model.smart(indicator)
        cells = [
            str(number),
            escape(indicator.name) or "<i>Draft, no name yet</i>",
            escape(f"Row {intervention.number}: {intervention.intervention}")
            if intervention
            else "",
            escape(indicator.value_text(indicator.baseline)),
            escape(indicator.value_text(indicator.target)),
            *[_mark(c.passed) for c in checks],
        ]
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    heads = ["Number", "Indicator", "Measures", "Baseline", "Target", *letters]
    head = "".join(f'<th scope="col">{h}</th>' for h in heads)
    return (
        '<table class="dgt-indicators" style="border-collapse:collapse">'
        "<caption>Your indicators and the five tests</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )
