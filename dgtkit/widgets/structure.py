"""The Ex 8 form: rate the context, see the fit score of each structure with its arithmetic in
words, then write the team's recommendation. Every accepted change is saved first, then drawn."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.charts.structure import fit_alt_text, fit_chart
from dgtkit.models.pages import structure_page
from dgtkit.models.structure import SCALE, TEXTS, Factor, OrganizationStructure, course_data
from dgtkit.widgets.base import View
from dgtkit.widgets.forms import LABEL_STYLE, WIDE, chart_html, checklist_html, labelled
from dgtkit.widgets.pages import with_result_page

NOT_RATED = 0
NOT_CHOSEN = ""
FACTOR_STYLE = {"description_width": "17em"}
PLACEHOLDERS = {
    "reasons": "Two or three reasons, from your context and session 5.3",
    "departure_reason": "Only if you chose another structure than the best fit: why?",
    "risk": "One risk of this structure, and how you will manage it",
    "first_step": "What will you do first, and who does it?",
}
RISK_LABELS = {True: "How we prevent silos", False: TEXTS["risk"][0]}


def _rating_options(factor: Factor) -> list[tuple[str, int]]:
    ends = {1: f"1 {factor.low}", 5: f"5 {factor.high}"}
    return [("Not rated yet", NOT_RATED)] + [(ends.get(v, str(v)), v) for v in SCALE]


def structures_table_html() -> str:
    """Session 5.3's table of the three structures (course data)."""
    rows = "".join(
        f"<tr><th scope='row'>{escape(s.name)}</th><td>{escape(s.how)}</td>"
        f"<td>{escape(s.strengths)}</td><td>{escape(s.risks)}</td></tr>"
        for s in course_data().structures
    )
    return (
        '<table class="dgt-structures"><caption>Three ways to organize digital work '
        "(session 5.3)</caption><thead><tr><th scope='col'>Structure</th>"
        "<th scope='col'>How it works</th><th scope='col'>Strengths</th>"
        f"<th scope='col'>Risks</th></tr></thead><tbody>{rows}</tbody></table>"
    )


class OrganizationStructureView(View):
    """Builds the Ex 8 form around an OrganizationStructure; calls ``on_change`` after edits."""

    def __init__(self, model: OrganizationStructure, on_change: Callable[[], None]):
        super().__init__(model, on_change)
        self._drawn = ""  # the scores the chart showed when it was last drawn
        self.widget = w.VBox(
            [
                w.HTML("<h3>Ex 8 Organization structure</h3>"),
                w.HTML(structures_table_html()),
                *self._build_factors(),
                *self._build_scores(),
                *self._build_recommendation(),
                self.status,
            ]
        )
        self.redraw()
        with_result_page(
            self, lambda: structure_page(self.model), "organization-structure",
            example="ex08",
        )

    # -- building --------------------------------------------------------------------------

    def _build_factors(self) -> list[w.Widget]:
        self.ratings: dict[str, w.Dropdown] = {}
        self.prefill_notes: dict[str, w.HTML] = {}
        self.explanations: dict[str, w.HTML] = {}
        self.rating_messages: dict[str, w.HTML] = {}
        blocks: list[w.Widget] = []
        for number, factor in enumerate(course_data().factors, start=1):
            dropdown = w.Dropdown(
                description=factor.name,
                options=_rating_options(factor),
                value=self.model.ratings[factor.id] or NOT_RATED,
                style=FACTOR_STYLE,
                layout=w.Layout(width="46em"),
            )
            self.ratings[factor.id] = dropdown
            self.prefill_notes[factor.id] = w.HTML()
            self.explanations[factor.id] = w.HTML()
            self.rating_messages[factor.id] = w.HTML()
            dropdown.observe(self._rated(factor.id), names="value")
            blocks.append(
                w.VBox(
                    [
                        w.HTML(f"<b>{number}. {escape(factor.question)}</b>"),
                        labelled(dropdown, self.rating_messages[factor.id]),
                        self.prefill_notes[factor.id],
                        self.explanations[factor.id],
                    ],
                    layout=w.Layout(margin="0 0 0.6em 0"),
                )
            )
        return [
            w.HTML(
                "<h4>Step 1: rate your context</h4><p>Rate each factor from 1 to 5 for your own "
                "government. Under each rating you see which structure it favours and why. "
                "<i>This scoring is this course's own teaching model, built on session 5.3: it "
                "shows how your context leans, it does not decide for you.</i></p>"
            ),
            *blocks,
        ]

    def _build_scores(self) -> list[w.Widget]:
        self.summary = w.HTML()
        self.chart = w.HTML()
        self.arithmetic = w.HTML()
        return [
            w.HTML(
                "<h4>Step 2: the fit score of each structure</h4><p>For each factor, the "
                "structure it favours gets 2 points, a structure next to it on the line "
                "centralized - federal - decentralized gets 1, the far one 0. Digital capacity "
                "counts double. The points are added up per structure.</p>"
            ),
            self.summary,
            self.chart,
            self.arithmetic,
        ]

    def _build_recommendation(self) -> list[w.Widget]:
        self.recommendation = w.Dropdown(
            description="Our recommendation",
            options=[("Not chosen yet", NOT_CHOSEN)]
            + [(s.name, s.id) for s in course_data().structures],
            value=self.model.recommendation or NOT_CHOSEN,
            style=LABEL_STYLE,
        )
        self.recommendation_message = w.HTML()
        self.recommendation.observe(
            self.field_handler(
                lambda structure: self.model.choose(structure or None),
                self.recommendation_message,
            ),
            names="value",
        )
        self.texts: dict[str, w.Textarea] = {}
        self.text_messages: dict[str, w.HTML] = {}
        rows = [labelled(self.recommendation, self.recommendation_message)]
        for name, (label, _limit) in TEXTS.items():
            field = w.Textarea(
                value=getattr(self.model, name),
                description=label,
                placeholder=PLACEHOLDERS[name],
                style=LABEL_STYLE,
                layout=WIDE,
                continuous_update=False,
            )
            self.texts[name] = field
            self.text_messages[name] = w.HTML()
            field.observe(self._written(name), names="value")
            rows.append(labelled(field, self.text_messages[name]))
        self.checklist = w.HTML()
        return [
            w.HTML(
                "<h4>Step 3: your recommendation</h4><p>Choose the structure your team "
                "recommends. It may differ from the best fit: then say why. Give your reasons, "
                "one risk you will manage and the first step.</p>"
            ),
            *rows,
            self.checklist,
        ]

    # -- events ----------------------------------------------------------------------------

    def _rated(self, factor_id: str):
        return self.field_handler(
            lambda level: self.model.rate(factor_id, level or None),
            self.rating_messages[factor_id],
        )

    def _written(self, name: str):
        return self.field_handler(
            lambda text: self.model.write(name, text), self.text_messages[name]
        )

    # -- drawing ---------------------------------------------------------------------------

    def redraw(self) -> None:
        model = self.model
        for factor in course_data().factors:
            note = model.prefilled.get(factor.id, "")
            self.prefill_notes[factor.id].value = (
                f'<p style="margin:0;color:#1b5e20"><i>{escape(note)}</i></p>' if note else ""
            )
            explanation = escape(model.factor_explanation(factor))
            self.explanations[factor.id].value = f'<p style="margin:0;color:#333">{explanation}</p>'
        self.summary.value = f'<p role="status"><b>{escape(model.summary())}</b></p>'
        shown = repr((model.scores(), model.best(), model.recommendation, model.most_possible))
        if shown != self._drawn:
            self._drawn = shown
            self.chart.value = chart_html(
                fit_chart,
                fit_alt_text,
                model,
                caption="Each bar has its own pattern; the value is printed on it. "
                "A thick outline marks your choice.",
            )
        lines = "".join(
            f"<li>{escape(model.score_explanation(s))}</li>" for s in course_data().structure_ids
        )
        self.arithmetic.value = f"<p>How the scores add up:</p><ul>{lines}</ul>"
        self.texts["risk"].description = RISK_LABELS[model.recommendation == "decentralized"]
        self.checklist.value = checklist_html("Checklist for Ex 8", model.checks())
