"""The Ex 4 form: the five step cards, each with a position to choose (a labelled drop-down,
so it works with the keyboard and a screen reader), the team's order with a text box for each
link, the check with its feedback, the score and a chart of the order."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.charts.sequencing import order_alt_text, order_chart
from dgtkit.models.pages import sequencing_page
from dgtkit.models.sequencing import REVEAL_AFTER, ProcessSequence
from dgtkit.models.text import FieldError
from dgtkit.widgets.base import View
from dgtkit.widgets.common import message_html
from dgtkit.widgets.forms import chart_html
from dgtkit.widgets.pages import with_result_page

LABEL = {"description_width": "20em"}
WIDE = w.Layout(width="44em")
NOT_PLACED = 0


def position_options(size: int) -> list[tuple[str, int]]:
    names = {1: " (first)", size: " (last)"}
    return [("No position yet", NOT_PLACED)] + [
        (f"{p}{names.get(p, '')}", p) for p in range(1, size + 1)
    ]


def feedback_list_html(lines: list[str]) -> str:
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return f'<div role="status"><ul style="margin:0.3em 0">{items}</ul></div>'


class ProcessSequencingView(View):
    """Builds the Ex 4 form around a model; calls ``on_change`` after each accepted edit."""

    def __init__(self, model: ProcessSequence, on_change: Callable[[], None]):
        super().__init__(model, on_change)
        self.widget = w.VBox(
            [
                w.HTML("<h3>Put the steps of the process in order</h3>"),
                *self._build_cards(),
                *self._build_links(),
                *self._build_check(),
                self.status,
            ]
        )
        self.redraw()
        with_result_page(
            self, lambda: sequencing_page(self.model), "process-sequencing",
        )

    # -- building ----------------------------------------------------------------------------
    def _build_cards(self) -> list[w.Widget]:
        steps = self.model.steps
        options = position_options(self.model.size)
        self.positions: dict[str, w.Dropdown] = {}
        cards = []
        for letter, step_id in zip("ABCDEFGH", steps.deal, strict=False):
            step = steps.step(step_id)
            dropdown = w.Dropdown(
                options=options,
                value=self.model.positions[step_id] or NOT_PLACED,
                description=f"Position of {step.name}",
                tooltip=f"Card {letter}: {step.name}",
                style=LABEL,
            )
            dropdown.observe(self._placed(step_id), names="value")
            self.positions[step_id] = dropdown
            cards.append(
                w.VBox(
                    [
                        w.HTML(
                            f"<p><b>Card {letter}: {escape(step.name)}</b><br>"
                            f"{escape(step.text)}</p>"
                        ),
                        dropdown,
                    ],
                    layout=w.Layout(margin="0 0 0.8em 0"),
                )
            )
        self.moved = w.HTML()
        return [
            w.HTML(
                "<p>The five cards below are shuffled. Give each card its position in the "
                "process, from 1 (first) to 5 (last). If a position is taken, the two cards "
                "change places.</p>"
            ),
            *cards,
            self.moved,
        ]

    def _build_links(self) -> list[w.Widget]:
        self.order_view = w.HTML()
        self.link_titles: list[w.HTML] = []
        self.link_boxes: list[w.Textarea] = []
        self.link_messages: list[w.HTML] = []
        rows = []
        for first in range(1, self.model.size):
            title, message = w.HTML(), w.HTML()
            box = w.Textarea(
                description=f"Link {first} to {first + 1}",
                style=LABEL,
                layout=w.Layout(width="52em", height="4em"),
                continuous_update=False,
            )
            box.observe(self.field_handler(self._link_writer(first - 1), message), names="value")
            self.link_titles.append(title)
            self.link_boxes.append(box)
            self.link_messages.append(message)
            rows.append(w.VBox([title, box, message]))
        self.cycle = w.Textarea(
            value=self.model.cycle_link,
            description="From the last step to a new round (optional)",
            placeholder="How does the last step feed the next round of the process?",
            style=LABEL,
            layout=w.Layout(width="52em", height="4em"),
            continuous_update=False,
        )
        self.cycle_message = w.HTML()
        self.cycle.observe(  # the note on the cycle changes nothing else: saved, not redrawn
            self.field_handler(self.model.explain_cycle, self.cycle_message, redraw=False),
            names="value",
        )
        self.kept = w.HTML()
        return [
            w.HTML(
                "<h4>Your order and the links</h4><p>For each pair of steps next to each "
                "other, explain in one or two sentences what the first step passes to the "
                "next.</p>"
            ),
            self.order_view,
            *rows,
            self.cycle,
            self.cycle_message,
            self.kept,
        ]

    def _build_check(self) -> list[w.Widget]:
        self.check = w.Button(
            description="Check my order",
            button_style="primary",
            tooltip="See which steps are in the right place, with a hint",
        )
        self.check.on_click(self._checked)
        self.reveal = w.Button(
            description="Show the expected order",
            tooltip=f"Possible after {REVEAL_AFTER} checks",
            layout=w.Layout(width="auto"),
        )
        self.reveal.on_click(self._revealed)
        self.check_message = w.HTML()
        self.feedback = w.HTML()
        self.score = w.HTML()
        self.answer = w.HTML()
        self.chart = w.HTML()
        return [
            w.HTML("<h4>Check your order</h4>"),
            w.HBox([self.check, self.reveal]),
            self.check_message,
            self.feedback,
            self.score,
            self.answer,
            self.chart,
        ]

    # -- handlers ----------------------------------------------------------------------------
    def _placed(self, step_id: str):
        def handler(change) -> None:
            if self.quiet:
                return
            try:
                said = self.model.place(step_id, change["new"] or None)
            except FieldError as error:
                self.moved.value = message_html(error.message)
                return
            self.accepted()
            self.moved.value = f'<div role="status">{escape(said)}</div>'

        return handler

    def _link_writer(self, index: int):
        """What writes the explanation of the link at ``index`` of the current order."""

        def write(text) -> None:
            _, first, then = self.model.slots()[index]
            if first is None or then is None:
                raise FieldError("link", "Give both positions a step first.")
            self.model.explain_link(first, then, text)

        return write

    def _checked(self, _button=None) -> None:
        if self.apply(self.model.check, self.check_message):
            feedback = self.model.last_feedback  # the check's
            self.feedback.value = feedback_list_html(self.model.feedback_lines(feedback))

    def _revealed(self, _button=None) -> None:
        self.apply(self.model.reveal, self.check_message)

    # -- drawing -----------------------------------------------------------------------------
    def redraw(self) -> None:
        self._sync_fields()
        self.order_view.value = order_html(self.model)
        self.kept.value = kept_links_html(self.model)
        feedback = self.model.last_feedback
        if feedback is not None and not self.feedback.value:
            self.feedback.value = feedback_list_html(self.model.feedback_lines(feedback))
        self.score.value = f"<p><b>{escape(self.model.summary())}</b></p>"
        self.reveal.disabled = not self.model.can_reveal or self.model.shows_answer
        self.answer.value = answer_html(self.model) if self.model.shows_answer else ""
        self.chart.value = chart_html(
            order_chart,
            order_alt_text,
            self.model,
            caption="Your order at your last check, with a tick or a cross for each position. "
            "The expected order shows only the positions you have right, until you have them "
            "all.",
        )

    def _sync_fields(self) -> None:
        """Show the model's positions and the links of the current order, without saving."""
        with self.quietly():
            for step_id, dropdown in self.positions.items():
                dropdown.value = self.model.positions[step_id] or NOT_PLACED
            for index, (first, a, b) in enumerate(self.model.slots()):
                box, title = self.link_boxes[index], self.link_titles[index]
                box.value = self.model.link(a, b)
                box.disabled = a is None or b is None
                title.value = link_title_html(self.model, first, a, b)


def _name(model: ProcessSequence, step_id: str | None) -> str:
    return escape(model.steps.name(step_id)) if step_id else "<i>no step yet</i>"


def order_html(model: ProcessSequence) -> str:
    items = "".join(f"<li>{_name(model, step_id)}</li>" for step_id in model.order)
    return f"<p>Your order now:</p><ol>{items}</ol>"


def link_title_html(model: ProcessSequence, first: int, a: str | None, b: str | None) -> str:
    if a is None or b is None:
        return (
            f"<p>Link {first} to {first + 1}: <i>place a step at positions {first} and "
            f"{first + 1} first.</i></p>"
        )
    pair = f"<b>{_name(model, a)}</b> \u2192 <b>{_name(model, b)}</b>"
    return f"<p>Link {first} to {first + 1}: {pair}</p>"


def kept_links_html(model: ProcessSequence) -> str:
    """Explanations written for pairs that are no longer next to each other: kept, shown."""
    kept = model.other_links()
    if not kept:
        return ""
    items = "".join(
        f"<li>{_name(model, a)} \u2192 {_name(model, b)}: {escape(text)}</li>"
        for a, b, text in kept
    )
    return (
        "<p>Your notes on links that are no longer in your order (kept, in case you move the "
        f"steps back):</p><ul>{items}</ul>"
    )


def answer_html(model: ProcessSequence) -> str:
    """The expected order with the course's explanation of each link, to compare."""
    links = "".join(
        f"<li><b>{_name(model, a)} \u2192 {_name(model, b)}:</b> {escape(text)}</li>"
        for a, b, text in model.expected_links()
    )
    steps = "".join(
        f"<li>{escape(s.name)} (E-Government Survey 2020, section {escape(s.section)}, "
        f"{escape(s.page)})</li>"
        for s in model.steps.steps
    )
    return (
        f"<p><b>The expected order</b> (session 2.3):</p><ol>{steps}</ol>"
        f"<p><b>Compare your links with the course's:</b></p><ul>{links}</ul>"
        f"<p><b>And back to the start:</b> {escape(model.steps.cycle)}</p>"
    )
