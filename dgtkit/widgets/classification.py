"""The Ex 1 form: twelve cards, each with the three steps to choose from, feedback at once, an
optional reason, the score and a chart of the answers."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.charts.classification import results_alt_text, results_chart
from dgtkit.models.classification import Feedback, ServiceClassification
from dgtkit.models.pages import classification_page
from dgtkit.widgets.base import View
from dgtkit.widgets.forms import chart_html
from dgtkit.widgets.pages import with_result_page

LABEL = {"description_width": "12em"}
WIDE = w.Layout(width="42em")
RIGHT_STYLE = "color:#1b5e20"
RECONSIDER_STYLE = "color:#7a3e00"  # dark orange-brown, 7:1 on white, always with words


def feedback_html(feedback: Feedback | None) -> str:
    """The feedback on one choice, in words and a mark (never colour alone); text escaped."""
    if feedback is None:
        return ""
    mark, style = ("\u2713", RIGHT_STYLE) if feedback.right else ("\u21bb", RECONSIDER_STYLE)
    return (
        f'<div role="status" style="{style};margin:0.2em 0 0 12.5em">'
        f'<b aria-hidden="true">{mark}</b> {escape(feedback.text)}</div>'
    )


def steps_html(model: ServiceClassification) -> str:
    """The three steps and the question that tells each apart, as on page 1.1."""
    rows = "".join(
        f"<tr><th scope='row'>{escape(s.name)}</th><td>{escape(s.meaning)}</td>"
        f"<td>{escape(s.question)}</td></tr>"
        for s in model.catalogue.steps
    )
    return (
        "<table class='dgt-steps'><caption>The three steps (session 1.1)</caption><thead><tr>"
        "<th scope='col'>Step</th><th scope='col'>What changes</th>"
        f"<th scope='col'>Question to ask</th></tr></thead><tbody>{rows}</tbody></table>"
    )


class ServiceClassificationView(View):
    """Builds the Ex 1 form around a model; calls ``on_change`` after each accepted edit."""

    def __init__(self, model: ServiceClassification, on_change: Callable[[], None]):
        super().__init__(model, on_change)
        self.choices: dict[str, w.RadioButtons] = {}
        self.feedback: dict[str, w.HTML] = {}
        self.reasons: dict[str, w.Textarea] = {}
        self.messages: dict[str, w.HTML] = {}
        cards = [self._card(n, e) for n, e in enumerate(model.catalogue.examples, start=1)]
        self.score = w.HTML()
        self.chart = w.HTML()
        self.widget = w.VBox(
            [
                w.HTML("<h3>Digitize, digitalize or transform?</h3>"),
                w.HTML(steps_html(model)),
                w.HTML(
                    "<p>For each example, choose the step it shows. You get feedback at "
                    "once, and you can change your choice. Writing your reason is optional; "
                    "it helps your team's discussion.</p>"
                ),
                *cards,
                w.HTML("<h4>Your result</h4>"),
                self.score,
                self.chart,
                self.status,
            ]
        )
        self.redraw()
        with_result_page(
            self, lambda: classification_page(self.model), "service-classification",
        )

    def _card(self, number: int, example) -> w.VBox:
        answer = self.model.answers[example.id]
        options = [(step.name, step.id) for step in self.model.catalogue.steps]
        choice = w.RadioButtons(
            options=options,
            value=answer.choice,
            description=f"Example {number} is",
            style=LABEL,
        )
        choice.observe(self._chosen(example.id), names="value")
        reason = w.Textarea(
            value=answer.reason,
            description=f"Reason {number} (optional)",
            placeholder="Why do you think so? One or two sentences.",
            style=LABEL,
            layout=WIDE,
            continuous_update=False,
        )
        self.choices[example.id], self.reasons[example.id] = choice, reason
        self.feedback[example.id] = w.HTML()
        self.messages[example.id] = w.HTML()
        reason.observe(  # the reason changes nothing else on the page: saved, not redrawn
            self.field_handler(
                lambda text: self.model.explain(example.id, text),
                self.messages[example.id],
                redraw=False,
            ),
            names="value",
        )
        return w.VBox(
            [
                w.HTML(
                    f"<p><b>{number}. {escape(example.title)}</b><br>{escape(example.text)}</p>"
                ),
                choice,
                self.feedback[example.id],
                reason,
                self.messages[example.id],
            ],
            layout=w.Layout(margin="0 0 1.2em 0", border_bottom="1px solid #cccccc"),
        )

    def _chosen(self, example_id: str):
        def handler(change) -> None:
            self.model.choose(example_id, change["new"])
            self.accepted()

        return handler

    def redraw(self) -> None:
        for example_id, feedback in self.feedback.items():
            feedback.value = feedback_html(self.model.feedback(example_id))
        self.score.value = f"<p><b>Score:</b> {escape(self.model.summary())}</p>"
        self.chart.value = chart_html(
            results_chart,
            results_alt_text,
            self.model,
            caption="One row per example. A filled mark shows your choice, with a tick and "
            "'right' or a cross and 'not yet'.",
        )
