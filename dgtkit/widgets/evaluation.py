"""The training evaluation form: 1 the reaction survey (ratings 1-5 with labelled ends, three
open questions, a chart of the ratings); 2 one to three commitments for the follow-up. Every
accepted change is saved (``on_change``) before anything is redrawn."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.charts.evaluation import ratings_alt_text, ratings_chart
from dgtkit.models import dates
from dgtkit.models.checks import FormErrors
from dgtkit.models.evaluation import Commitment, TrainingEvaluation, new_commitment
from dgtkit.widgets.base import View
from dgtkit.widgets.common import message_html
from dgtkit.widgets.forms import chart_html, checklist_html, clear, show_errors

NOT_RATED = 0
NOTHING = ""
LABEL = {"description_width": "16em"}
WIDE = w.Layout(width="44em")
PRIVACY = (
    "<p role='note' style='border-left:4px solid #1f5fa6;padding:0.2em 0.8em'>"
    "<b>Who sees your answers:</b> they are saved in your team's workbook, and the facilitator "
    "will see them with the workbook. They are not anonymous. Write only what you are willing "
    "to share with the facilitator.</p>"
)


class EvaluationView(View):
    """Builds the form around a TrainingEvaluation; calls ``on_change`` after each edit."""

    def __init__(self, model: TrainingEvaluation, on_change: Callable[[], None]):
        super().__init__(model, on_change)
        self.widget = w.VBox(
            [
                w.HTML("<h3>Evaluation of the training</h3>" + PRIVACY),
                *self._build_reaction(),
                *self._build_commitments(),
                self.status,
            ]
        )
        self.redraw()

    # -- level 1: reaction ---------------------------------------------------------------------

    def _build_reaction(self) -> list[w.Widget]:
        form = self.model.form
        self.ratings: dict[str, w.Dropdown] = {}
        self.texts: dict[str, w.Textarea] = {}
        self.messages: dict[str, w.HTML] = {}
        rows = []
        for question in form.ratings:
            options = [("Not rated yet", NOT_RATED)] + [
                (_rating_label(value, question, form), value)
                for value in range(form.lowest, form.highest + 1)
            ]
            dropdown = w.Dropdown(
                options=options,
                value=self.model.ratings[question.id] or NOT_RATED,
                description=question.short,
                style=LABEL,
                layout=w.Layout(width="30em"),
            )
            self.ratings[question.id] = dropdown
            rows.append(self._question_block(question.id, question.prompt, dropdown, self._rate))
        for question in form.texts:
            area = w.Textarea(
                value=self.model.texts[question.id],
                description=question.short,
                placeholder=question.placeholder,
                style=LABEL,
                layout=w.Layout(width="44em", height="4.5em"),
                continuous_update=False,
            )
            self.texts[question.id] = area
            rows.append(
                self._question_block(question.id, question.prompt, area, self.model.write)
            )
        self.chart = w.HTML()
        return [
            w.HTML(
                "<h4>1. Your reaction to the training (Kirkpatrick level 1)</h4><p>Rate the "
                f"week as a whole, from {form.lowest} (lowest) to {form.highest} (highest). "
                "Please answer honestly: praise is pleasant, but a concrete complaint helps "
                "the next group more.</p>"
            ),
            *rows,
            self.chart,
        ]

    def _question_block(self, question_id: str, prompt: str, field: w.Widget,
                        apply: Callable[[str, object], None]) -> w.Widget:
        """The question, its field (``apply(question_id, value)`` takes each answer) and the
        field's message."""
        self.messages[question_id] = w.HTML()
        field.observe(
            self.field_handler(lambda value: apply(question_id, value), self.messages[question_id]),
            names="value",
        )
        return w.VBox(
            [w.HTML(f"<b>{escape(prompt)}</b>"), field, self.messages[question_id]],
            layout=w.Layout(margin="0 0 0.7em 0"),
        )

    def _rate(self, question_id: str, value: int) -> None:
        self.model.rate(question_id, value or None)

    # -- level 3: commitments ------------------------------------------------------------------

    def _build_commitments(self) -> list[w.Widget]:
        form = self.model.form
        part = form.part
        self.what = w.Textarea(
            description=part("what").label,
            placeholder=f"For example: {part('what').example}",
            style=LABEL,
            layout=w.Layout(width="44em", height="3.5em"),
        )
        self.by_when = w.DatePicker(description=part("by_when").label, style=LABEL)
        self.how_known = w.Text(
            description=part("how_known").label,
            placeholder=f"For example: {part('how_known').example}",
            style=LABEL,
            layout=WIDE,
        )
        self.who_knows = w.Text(
            description=part("who_knows").label,
            placeholder=f"For example: {part('who_knows').example}",
            style=LABEL,
            layout=WIDE,
        )
        self.commitment_fields = {
            "what": self.what,
            "by_when": self.by_when,
            "how_known": self.how_known,
            "who_knows": self.who_knows,
        }
        self.commitment_messages = {name: w.HTML() for name in self.commitment_fields}
        self.add_commitment = w.Button(
            description="Add commitment",
            button_style="primary",
            tooltip="Add this commitment and save it",
        )
        self.add_commitment.on_click(self._add_commitment)
        self.commitment_to_remove = w.Dropdown(
            description="Commitment to remove", style=LABEL, layout=WIDE
        )
        self.remove_commitment = w.Button(
            description="Remove commitment", tooltip="Take the chosen commitment off the list"
        )
        self.remove_commitment.on_click(self._remove_commitment)
        self.commitment_table = w.HTML()
        self.checklist = w.HTML()
        rows = [
            w.HBox([field, self.commitment_messages[name]])
            for name, field in self.commitment_fields.items()
        ]
        return [
            w.HTML(
                "<h4>2. Your commitments for the follow-up (Kirkpatrick level 3)</h4><p>Write "
                f"{form.least} to {form.most} things you will do at work because of this week. "
                f"The trainers will contact your team {escape(form.follow_up)} to ask which "
                "have started. What you will do and by when are needed; how you will know it "
                f"is done and who will check make a commitment stronger. Example: "
                f"<i>{escape(part('what').example)}</i>, {escape(part('by_when').example.lower())}"
                ".</p>"
            ),
            *rows,
            self.add_commitment,
            self.commitment_table,
            w.HBox([self.commitment_to_remove, self.remove_commitment]),
            self.checklist,
        ]

    def _add_commitment(self, _button=None) -> None:
        clear(self.commitment_messages)
        try:
            commitment = new_commitment(
                self.what.value,
                self.by_when.value,
                self.how_known.value,
                self.who_knows.value,
                today=self.model.today,
            )
            self.model.add_commitment(commitment)
        except FormErrors as errors:
            show_errors(self.commitment_messages, errors.by_field, self.status, "The commitment")
            return
        self.accepted()
        self.what.value = self.how_known.value = self.who_knows.value = ""
        self.by_when.value = None

    def _remove_commitment(self, _button=None) -> None:
        if not self.commitment_to_remove.value:
            self.status.value = message_html("Choose the commitment to remove first.")
            return
        self.model.remove_commitment(self.commitment_to_remove.value)
        self.accepted()

    # -- drawing -------------------------------------------------------------------------------

    def redraw(self) -> None:
        model = self.model
        self.chart.value = chart_html(
            ratings_chart,
            ratings_alt_text,
            model,
            caption="Each bar is your rating; the number is written at its end.",
        )
        self.commitment_table.value = commitments_html(model.commitments)
        self.commitment_to_remove.options = [("Choose a commitment", NOTHING)] + [
            (f"{dates.day(c.by_when, short=True)}: {c.what}", c.id) for c in model.commitments
        ]
        self.commitment_to_remove.value = NOTHING
        self.checklist.value = checklist_html("Checklist for the evaluation", model.checks())


def _rating_label(value: int, question, form) -> str:
    if value == form.lowest:
        return f"{value} = {question.low}"
    if value == form.highest:
        return f"{value} = {question.high}"
    return str(value)


def commitments_html(commitments: list[Commitment]) -> str:
    """The commitments as an accessible table, in the order they were written; all escaped."""
    if not commitments:
        return "<p><i>No commitment yet. Add the first one above.</i></p>"
    rows = "".join(
        f"<tr><td>{n}</td><td>{escape(c.what)}</td><td>{dates.day(c.by_when)}</td>"
        f"<td>{escape(c.how_known) or '–'}</td><td>{escape(c.who_knows) or '–'}</td></tr>"
        for n, c in enumerate(commitments, start=1)
    )
    return (
        '<table class="dgt-commitments"><caption>Your commitments</caption><thead><tr>'
        '<th scope="col">No.</th><th scope="col">What I will do</th><th scope="col">By when</th>'
        '<th scope="col">How I will know it is done</th><th scope="col">Who will check</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )
