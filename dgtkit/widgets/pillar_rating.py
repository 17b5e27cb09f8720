"""The Ex 3 form: the government and its level; for each pillar the five levels described in
full before the team chooses, the choice, and what shows it (the evidence); a radar chart
beside the form that redraws on every change."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.charts import figure_html, to_png
from dgtkit.charts.radar import pillar_radar, radar_alt_text
from dgtkit.course.governments import governments
from dgtkit.models.pages import pillar_rating_page
from dgtkit.models.pillar_rating import PillarRating
from dgtkit.widgets.base import View
from dgtkit.widgets.forms import example_box, government_box, side_by_side
from dgtkit.widgets.pages import with_result_page

NOT_RATED = "Not rated yet"
NOT_SAID = ""


class PillarRatingView(View):
    """Builds the form around a PillarRating; calls ``on_change`` after each accepted edit."""

    def __init__(self, model: PillarRating, on_change: Callable[[], None]):
        super().__init__(model, on_change)
        framework = model.framework
        levels = framework.maturity_levels
        options = [(NOT_RATED, 0)] + [(level.label, level.value) for level in levels]

        self.government, self.government_message = government_box(
            self, description="Government you are rating",
            placeholder="For example: the county, city, region or ministry of your team",
            style={"description_width": "14em"}, layout=w.Layout(width="100%",
                                                                 max_width="42em"))
        self.level = w.Dropdown(
            description="Level of government", style={"description_width": "14em"},
            options=[("Choose the level", NOT_SAID)]
            + [(level.name, level.id) for level in governments().levels],
            value=model.level or NOT_SAID, layout=w.Layout(width="100%", max_width="42em"))
        self.level_message = w.HTML()
        self.level.observe(self.field_handler(self.model.choose_level, self.level_message,
                                              redraw=False), names="value")

        self.selectors: dict[str, w.Dropdown] = {}
        self.descriptors: dict[str, w.HTML] = {}
        self.evidence: dict[str, w.Textarea] = {}
        self.messages: dict[str, w.HTML] = {}
        rows = []
        for number, pillar in enumerate(framework.pillars, start=1):
            heading = w.HTML(
                f"<div><b>{number}. {escape(pillar.name)}</b><br>"
                f'<span style="color:#333">{escape(pillar.question)}</span></div>'
            )
            selector = w.Dropdown(
                options=options,
                value=model.ratings[pillar.id] or 0,
                description=f"Level of pillar {number}",
                tooltip=pillar.name,
                style={"description_width": "9em"},
                layout=w.Layout(width="26em", max_width="100%"),
            )
            selector.observe(self._rating_changed(pillar.id), names="value")
            evidence = w.Textarea(
                value=model.evidence[pillar.id], description=f"Evidence for pillar {number}",
                placeholder="What shows this level? A fact, a document, an example.",
                style={"description_width": "9em"}, continuous_update=False,
                layout=w.Layout(width="100%", max_width="40em", height="3.2em"))
            message = w.HTML()
            evidence.observe(self.field_handler(
                lambda text, pid=pillar.id: self.model.note_evidence(pid, text), message,
                redraw=False), names="value")
            descriptor = w.HTML()
            self.selectors[pillar.id] = selector
            self.descriptors[pillar.id] = descriptor
            self.evidence[pillar.id] = evidence
            self.messages[pillar.id] = message
            rows.append(w.VBox([heading, descriptor, selector, evidence, message],
                               layout=w.Layout(margin="0 0 1.2em 0")))

        self.progress = w.HTML()
        self.chart = w.HTML()
        form = w.VBox(rows)
        chart = w.VBox([self.progress, self.chart])
        self.widget = w.VBox(
            [
                w.HTML("<h3>Rate your government on each pillar</h3><p>Read the five levels "
                       "of each pillar, choose the one that describes your government "
                       "<b>today</b>, and write what shows it. The chart beside the form "
                       "redraws as you go.</p>"),
                w.VBox([self.government, self.government_message]),
                w.HBox([self.level, self.level_message]),
                example_box("ex03"),
                side_by_side(form, chart, "30em", "22em"),
                self.status,
            ]
        )
        self.redraw()
        with_result_page(
            self, lambda: pillar_rating_page(self.model), "pillar-self-rating",
            chart=lambda: to_png(pillar_radar(self.model)),
        )

    def _rating_changed(self, pillar_id: str):
        def handler(change) -> None:
            self.model.rate(pillar_id, change["new"] or None)
            self.accepted()

        return handler

    def redraw(self) -> None:
        framework = self.model.framework
        for pillar in framework.pillars:
            chosen = self.model.ratings[pillar.id]
            self.descriptors[pillar.id].value = levels_html(framework, pillar, chosen)
        self.progress.value = f"<p>{escape(self.model.summary())}</p>"
        lowest, highest = framework.maturity_levels[0], framework.maturity_levels[-1]
        self.chart.value = figure_html(
            pillar_radar(self.model),
            alt=radar_alt_text(self.model),
            caption=f"Your rating of each pillar, from {lowest.label} at the centre to "
            f"{highest.label} at the edge.",
        )


def levels_html(framework, pillar, chosen: int | None) -> str:
    """The five levels of ``pillar``, each with what it means, so that a team compares them
    before it chooses; the chosen one is marked in words and in bold (not by colour)."""
    items = []
    for level in framework.maturity_levels:
        text = f"<b>{escape(level.label)}:</b> {escape(pillar.descriptor(level.value))}"
        if level.value == chosen:
            text = (f'<span style="font-weight:bold">{text} <span class="dgt-chosen">'
                    "\u2190 your rating</span></span>")
        items.append(f'<li style="list-style:none;margin:0.1em 0">{text}</li>')
    return (f'<ul class="dgt-levels" aria-label="The five levels of {escape(pillar.name)}" '
            f'style="padding-left:0.5em;margin:0.3em 0">{"".join(items)}</ul>')
