"""The Ex 6 form: the horizon scan (signals rated for impact and uncertainty, a scatter chart),
two critical uncertainties with their extreme outcomes, and four futures in a 2 x 2 matrix."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.charts.envisioning import (
    WHERE,
    matrix_alt_text,
    scatter_alt_text,
    scenario_matrix,
    signal_scatter,
)
from dgtkit.models.checks import FormErrors
from dgtkit.models.pages import scenarios_page
from dgtkit.models.scenarios import (
    AXIS_COUNT,
    ENDS,
    NARRATIVE_WORDS,
    QUADRANTS,
    SCALE,
    SCALE_WORDS,
    ScenarioSet,
    Signal,
    new_signal,
)
from dgtkit.models.text import FieldError
from dgtkit.widgets.base import View
from dgtkit.widgets.common import message_html
from dgtkit.widgets.forms import (
    LABEL_STYLE,
    WIDE,
    chart_html,
    checklist_html,
    clear,
    labelled,
    show_errors,
)
from dgtkit.widgets.pages import with_result_page

NEW_SIGNAL = ""  # the value of "A new signal" in the signal picker
NOT_CHOSEN = ""
RATING_OPTIONS = [("Choose a rating", 0)] + [(f"{v} {SCALE_WORDS[v]}", v) for v in SCALE]


class HorizonScanView(View):
    """Builds the Ex 6 form around a ScenarioSet; calls ``on_change`` after each accepted edit."""

    def __init__(self, model: ScenarioSet, on_change: Callable[[], None]):
        super().__init__(model, on_change)
        self._drawn: dict[str, str] = {}  # what each chart showed when it was last drawn
        self.widget = w.VBox(
            [
                *self._build_signals(),
                *self._build_axes(),
                *self._build_futures(),
                self.status,
            ]
        )
        self.redraw()
        with_result_page(
            self, lambda: scenarios_page(self.model), "horizon-scan",
            example="ex06",
        )

    # -- building --------------------------------------------------------------------------

    def _build_signals(self) -> list[w.Widget]:
        self.signal_choice = w.Dropdown(
            description="Signal to edit",
            style=LABEL_STYLE,
            layout=WIDE,
            tooltip="Pick a signal to change or remove",
        )
        self.signal_choice.observe(self._signal_chosen, names="value")
        self.title = w.Text(
            description="Signal",
            style=LABEL_STYLE,
            layout=WIDE,
            placeholder="A short title, e.g. 'Mobile money in every village'",
        )
        self.note = w.Textarea(
            description="Note (optional)",
            style=LABEL_STYLE,
            layout=WIDE,
            placeholder="Where did you see it? What could it change?",
        )
        self.impact = w.Dropdown(
            description="Impact",
            options=RATING_OPTIONS,
            style=LABEL_STYLE,
            tooltip="How much would it change public services if it happened?",
        )
        self.uncertainty = w.Dropdown(
            description="Uncertainty",
            options=RATING_OPTIONS,
            style=LABEL_STYLE,
            tooltip="How unsure are you about how it will turn out?",
        )
        self.signal_fields = {
            "title": self.title,
            "note": self.note,
            "impact": self.impact,
            "uncertainty": self.uncertainty,
        }
        self.signal_messages = {name: w.HTML() for name in (*self.signal_fields, "signal")}
        self.save_signal = w.Button(
            description="Add signal", button_style="primary", tooltip="Save this signal in the scan"
        )
        self.save_signal.on_click(self._save_signal_clicked)
        self.remove_signal = w.Button(
            description="Remove signal",
            disabled=True,
            tooltip="Take the chosen signal out of the scan",
        )
        self.remove_signal.on_click(self._remove_signal_clicked)
        self.signal_table = w.HTML()
        self.scatter = w.HTML()
        rows = [
            labelled(field, self.signal_messages[name])
            for name, field in self.signal_fields.items()
        ]
        return [
            w.HTML(
                "<h3>1. Scan the horizon: signals of change</h3><p>List signs of change "
                "that could shape digital government in your context, and rate each one. "
                "The critical ones have a high impact <b>and</b> a high uncertainty.</p>"
            ),
            self.signal_choice,
            *rows,
            w.HBox([self.save_signal, self.remove_signal, self.signal_messages["signal"]]),
            self.signal_table,
            self.scatter,
        ]

    def _build_axes(self) -> list[w.Widget]:
        self.axis_choices: list[w.Dropdown] = []
        self.axis_ends: list[dict[str, w.Text]] = []
        self.axis_messages: dict[str, w.HTML] = {}
        rows: list[w.Widget] = []
        for index in range(AXIS_COUNT):
            number = index + 1
            choice = w.Dropdown(
                description=f"Axis {number}",
                style=LABEL_STYLE,
                layout=WIDE,
                tooltip="Only critical uncertainties are offered",
            )
            choice.observe(self._axis_chosen(index), names="value")
            ends = {}
            for end in ENDS:
                field = w.Text(
                    value=self.model.axes[index].end(end),
                    description=f"Axis {number}, {end} end",
                    style=LABEL_STYLE,
                    layout=WIDE,
                    continuous_update=False,
                    placeholder=f"An extreme outcome, e.g. '{end} trust'",
                )
                self.axis_messages[f"axis{number}_{end}"] = w.HTML()
                field.observe(self._end_named(index, end), names="value")
                ends[end] = field
            self.axis_messages[f"axis{number}"] = w.HTML()
            self.axis_choices.append(choice)
            self.axis_ends.append(ends)
            rows += [labelled(choice, self.axis_messages[f"axis{number}"])]
            rows += [labelled(ends[e], self.axis_messages[f"axis{number}_{e}"]) for e in ENDS]
        return [
            w.HTML(
                "<h3>2. Choose two critical uncertainties</h3><p>Each becomes an axis of "
                "the matrix. Name its two ends: the most extreme outcomes you can "
                "imagine, such as 'low trust' and 'high trust'.</p>"
            ),
            *rows,
        ]

    def _build_futures(self) -> list[w.Widget]:
        self.horizon = w.IntText(
            value=self.model.horizon,
            description="Year of the futures",
            style=LABEL_STYLE,
            tooltip="The year the four futures describe",
        )
        self.horizon_message = w.HTML()
        self.horizon.observe(
            self.field_handler(self.model.set_horizon, self.horizon_message), names="value"
        )
        self.quadrant_headings: dict[str, w.HTML] = {}
        self.names: dict[str, w.Text] = {}
        self.narratives: dict[str, w.Textarea] = {}
        self.future_messages: dict[str, w.HTML] = {}
        self.word_counts: dict[str, w.HTML] = {}
        blocks = []
        for quadrant in QUADRANTS:
            scenario = self.model.scenarios[quadrant]
            name = w.Text(
                value=scenario.name,
                description="Name of this future",
                style=LABEL_STYLE,
                layout=WIDE,
                continuous_update=False,
            )
            narrative = w.Textarea(
                value=scenario.narrative,
                description="What it is like",
                style=LABEL_STYLE,
                layout=w.Layout(width="40em", height="6em"),
                continuous_update=False,
                placeholder=f"A short story, at most {NARRATIVE_WORDS} words",
            )
            self.future_messages[f"{quadrant}_name"] = w.HTML()
            self.future_messages[f"{quadrant}_narrative"] = w.HTML()
            name.observe(self._future_named(quadrant), names="value")
            narrative.observe(self._future_told(quadrant), names="value")
            self.quadrant_headings[quadrant] = w.HTML()
            self.names[quadrant], self.narratives[quadrant] = name, narrative
            self.word_counts[quadrant] = w.HTML()
            blocks.append(
                w.VBox(
                    [
                        self.quadrant_headings[quadrant],
                        labelled(name, self.future_messages[f"{quadrant}_name"]),
                        labelled(narrative, self.future_messages[f"{quadrant}_narrative"]),
                        self.word_counts[quadrant],
                    ],
                    layout=w.Layout(margin="0 0 0.8em 0"),
                )
            )
        self.matrix = w.HTML()
        self.checklist = w.HTML()
        return [
            w.HTML(
                "<h3>3. Four futures</h3><p>Each quadrant of the matrix is one future. "
                "Give it a name people will remember and tell what life is like in it.</p>"
            ),
            labelled(self.horizon, self.horizon_message),
            *blocks,
            self.matrix,
            self.checklist,
        ]

    # -- signals ---------------------------------------------------------------------------

    def _signal_chosen(self, change) -> None:
        if self.quiet:
            return
        clear(self.signal_messages)
        signal_id = change["new"]
        signal = self.model.signal(signal_id) if signal_id else None
        with self.quietly():
            self.title.value = signal.title if signal else ""
            self.note.value = signal.note if signal else ""
            self.impact.value = signal.impact if signal else 0
            self.uncertainty.value = signal.uncertainty if signal else 0
        self.save_signal.description = "Save changes" if signal else "Add signal"
        self.remove_signal.disabled = signal is None

    def _save_signal_clicked(self, _button=None) -> None:
        clear(self.signal_messages)
        editing = self.signal_choice.value
        try:
            signal = new_signal(
                self.title.value, self.note.value, self.impact.value, self.uncertainty.value
            )
            if editing:
                self.model.replace_signal(editing, signal)
            else:
                self.model.add_signal(signal)
        except FormErrors as errors:
            show_errors(self.signal_messages, errors.by_field, self.status, "The signal")
            return
        self.accepted()
        if not editing:
            self._clear_signal_form()

    def _remove_signal_clicked(self, _button=None) -> None:
        clear(self.signal_messages)
        try:
            self.model.remove_signal(self.signal_choice.value)
        except (FieldError, KeyError) as error:
            text = error.message if isinstance(error, FieldError) else "No signal is chosen."
            self.signal_messages["signal"].value = message_html(text)
            return
        self.accepted()
        self._clear_signal_form()

    def _clear_signal_form(self) -> None:
        with self.quietly():
            self.signal_choice.value = NEW_SIGNAL
            self.title.value = self.note.value = ""
            self.impact.value = self.uncertainty.value = 0
        self.save_signal.description = "Add signal"
        self.remove_signal.disabled = True

    # -- axes, horizon and futures -----------------------------------------------------------

    def _axis_chosen(self, index: int):
        def handler(change) -> None:
            if self.quiet:
                return
            message = self.axis_messages[f"axis{index + 1}"]
            try:
                self.model.choose_axis(index, change["new"] or None)
            except FieldError as error:
                message.value = message_html(error.message)
                self.set_quietly(
                    self.axis_choices[index], self.model.axes[index].signal_id or NOT_CHOSEN
                )
                return
            message.value = ""
            self.accepted()

        return handler

    def _end_named(self, index: int, end: str):
        return self.field_handler(
            lambda text: self.model.name_axis_end(index, end, text),
            self.axis_messages[f"axis{index + 1}_{end}"],
        )

    def _future_named(self, quadrant: str):
        return self.field_handler(
            lambda text: self.model.name_scenario(quadrant, text),
            self.future_messages[f"{quadrant}_name"],
        )

    def _future_told(self, quadrant: str):
        return self.field_handler(
            lambda text: self.model.tell_scenario(quadrant, text),
            self.future_messages[f"{quadrant}_narrative"],
        )

    # -- drawing ---------------------------------------------------------------------------

    def redraw(self) -> None:
        self._refresh_choices()
        self.signal_table.value = signals_table_html(self.model)
        if self._changed("scatter", self.model.signals):
            self.scatter.value = chart_html(
                signal_scatter,
                scatter_alt_text,
                self.model,
                caption="Each signal is a numbered point: diamonds in the hatched corner are "
                "critical (high impact, high uncertainty).",
            )
        for quadrant in QUADRANTS:
            self.quadrant_headings[quadrant].value = (
                f"<b>Future {QUADRANTS.index(quadrant) + 1} ({WHERE[quadrant]}): "
                f"{escape(self.model.quadrant_title(quadrant))}</b>"
            )
            self.word_counts[quadrant].value = words_html(self.model.scenarios[quadrant].words)
        if self._changed("matrix", self._matrix_data()):
            self.matrix.value = chart_html(
                scenario_matrix,
                matrix_alt_text,
                self.model,
                caption="The two critical uncertainties cross: each quadrant is one future.",
            )
        self.checklist.value = checklist_html("Checklist for Ex 6",
                                              self.model.checks() + self.model.judgment_checks())

    def _matrix_data(self) -> tuple:
        chosen = [self.model.axis_signal(index) for index in range(AXIS_COUNT)]
        titles = [signal.title if signal else None for signal in chosen]
        names = [scenario.name for scenario in self.model.scenarios.values()]
        return self.model.horizon, self.model.axes, titles, names

    def _changed(self, chart: str, data) -> bool:
        """Whether what ``chart`` shows changed since it was last drawn (drawing is slow)."""
        shown = repr(data)
        if self._drawn.get(chart) == shown:
            return False
        self._drawn[chart] = shown
        return True

    def _refresh_choices(self) -> None:
        signals = self.model.signals
        listed = [(f"{n}. {s.title}", s.id) for n, s in enumerate(signals, start=1)]
        with self.quietly():
            ids = {s.id for s in signals}
            chosen = self.signal_choice.value if self.signal_choice.value in ids else NEW_SIGNAL
            self.signal_choice.options = [("A new signal", NEW_SIGNAL)] + listed
            self.signal_choice.value = chosen
            for index, choice in enumerate(self.axis_choices):
                current = self.model.axes[index].signal_id
                offered = [
                    (f"{self.model.number_of(s.id)}. {s.title}", s.id)
                    for s in signals
                    if s.critical or s.id == current
                ]
                choice.options = [("Not chosen yet", NOT_CHOSEN)] + offered
                choice.value = current or NOT_CHOSEN


def words_html(words: int) -> str:
    if words > NARRATIVE_WORDS:
        return message_html(f"{words} words: please cut it to {NARRATIVE_WORDS}.")
    return f'<span style="color:#333">{words} of at most {NARRATIVE_WORDS} words.</span>'


def signals_table_html(model: ScenarioSet) -> str:
    """The scan as an accessible table; every text a participant typed is escaped."""
    if not model.signals:
        return "<p><i>No signals yet. Add the first one above.</i></p>"

    def row(number: int, signal: Signal) -> str:
        critical = "<b>Critical</b>" if signal.critical else "No"
        return (
            f"<tr><td>{number}</td><td>{escape(signal.title)}</td>"
            f"<td>{escape(signal.note)}</td><td>{signal.impact}</td>"
            f"<td>{signal.uncertainty}</td><td>{critical}</td></tr>"
        )

    rows = "".join(row(n, s) for n, s in enumerate(model.signals, start=1))
    return (
        '<table class="dgt-signals" style="border-collapse:collapse">'
        "<caption>Signals of the horizon scan</caption>"
        '<thead><tr><th scope="col">#</th><th scope="col">Signal</th><th scope="col">Note</th>'
        '<th scope="col">Impact</th><th scope="col">Uncertainty</th>'
        '<th scope="col">Critical?</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
