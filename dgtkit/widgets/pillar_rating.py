"""The Ex 3 form: one labelled 1-5 rating per pillar, the descriptor of the chosen level, and
a radar chart that redraws on every change."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.charts import figure_html
from dgtkit.charts.radar import pillar_radar, radar_alt_text
from dgtkit.models.pillar_rating import PillarRating
from dgtkit.widgets.base import View
from dgtkit.widgets.forms import government_box

NOT_RATED = "Not rated yet"


class PillarRatingView(View):
    """Builds the form around a PillarRating; calls ``on_change`` after each accepted edit."""

    def __init__(self, model: PillarRating, on_change: Callable[[], None]):
        super().__init__(model, on_change)
        framework = model.framework
        levels = framework.maturity_levels
        options = [(NOT_RATED, 0)] + [(level.label, level.value) for level in levels]

        self.government, self.government_message = government_box(
            self, description="Government you are rating",
            placeholder="For example: the city, region or ministry of your team",
            style={"description_width": "14em"}, layout=w.Layout(width="42em"))

        self.selectors: dict[str, w.Dropdown] = {}
        self.descriptors: dict[str, w.HTML] = {}
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
                layout=w.Layout(width="26em"),
            )
            selector.observe(self._rating_changed(pillar.id), names="value")
            descriptor = w.HTML()
            self.selectors[pillar.id] = selector
            self.descriptors[pillar.id] = descriptor
            rows.append(w.VBox([heading, selector, descriptor],
                               layout=w.Layout(margin="0 0 1em 0")))

        self.progress = w.HTML()
        self.chart = w.HTML()
        self.widget = w.VBox(
            [
                w.HTML("<h3>Rate your government on each pillar</h3>"),
                w.VBox([self.government, self.government_message]),
                *rows,
                self.progress,
                self.chart,
                self.status,
            ]
        )
        self.redraw()

    def _rating_changed(self, pillar_id: str):
        def handler(change) -> None:
            self.model.rate(pillar_id, change["new"] or None)
            self.accepted()

        return handler

    def redraw(self) -> None:
        framework = self.model.framework
        for pillar in framework.pillars:
            level = self.model.ratings[pillar.id]
            text = (
                f"<b>{escape(framework.level(level).label)}:</b> {escape(pillar.descriptor(level))}"
                if level
                else "<i>Choose the level that best describes your government today.</i>"
            )
            self.descriptors[pillar.id].value = f'<div style="margin-left:9.5em">{text}</div>'
        self.progress.value = f"<p>{escape(self.model.summary())}</p>"
        lowest, highest = framework.maturity_levels[0], framework.maturity_levels[-1]
        self.chart.value = figure_html(
            pillar_radar(self.model),
            alt=radar_alt_text(self.model),
            caption=f"Your rating of each pillar, from {lowest.label} at the centre to "
            f"{highest.label} at the edge.",
        )
