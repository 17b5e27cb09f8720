"""The radar chart of Ex 3: one spoke per pillar, the rating as distance from the centre."""

from __future__ import annotations

import math
import textwrap

from matplotlib.figure import Figure

from dgtkit.charts import BLUE, SMALL, TITLE, WIDTH, wrap
from dgtkit.models.pillar_rating import PillarRating


def pillar_radar(rating: PillarRating) -> Figure:
    """Radar chart of a pillar rating. Unrated pillars are marked 'not rated', not drawn as 0."""
    framework = rating.framework
    pillars = framework.pillars
    top = len(framework.maturity_levels)
    step = 2 * math.pi / len(pillars)
    angles = [i * step for i in range(len(pillars))]

    figure = Figure(figsize=(WIDTH, WIDTH + 0.9))
    # A small circle, so that the pillars' names fit around it on a phone.
    axes = figure.add_axes((0.25, 0.2, 0.5, 0.5 * WIDTH / (WIDTH + 0.9)), projection="polar")
    axes.set_theta_offset(math.pi / 2)  # first pillar at the top, then clockwise
    axes.set_theta_direction(-1)
    axes.set_thetalim(0, 2 * math.pi)
    axes.set_ylim(0, top)
    axes.set_yticks(range(1, top + 1))
    # No numbers on the rings (they would cover the ratings'): a line under the chart says them.
    axes.set_yticklabels([])
    figure.text(0.5, 0.02, f"Rings: levels 1 (centre) to {top} (edge)", ha="center",
                fontsize=SMALL, color="#444444")
    axes.set_xticks(angles)
    values = [rating.ratings[p.id] for p in pillars]
    # Unrated pillars say so in their label: colour and position are never the only signal.
    axes.set_xticklabels(
        [
            textwrap.fill(textwrap.shorten(p.name, 40, placeholder="..."), 14,
                          break_long_words=False)
            + ("\n(not rated)" if v is None else "")
            for p, v in zip(pillars, values, strict=True)
        ],
        fontsize=SMALL,
        color="#222222",
    )
    axes.tick_params(axis="x", pad=12)
    axes.grid(color="#bbbbbb", linewidth=0.6)

    rated = [(a, v) for a, v in zip(angles, values, strict=True) if v is not None]
    if len(rated) == len(values):
        axes.fill(angles + [2 * math.pi], values + values[:1], color=BLUE, alpha=0.15)
    # Join neighbouring rated pillars only: a gap stays visible where one is not rated.
    ends = angles[1:] + [2 * math.pi]
    following = values[1:] + values[:1]
    for start, end, value, after in zip(angles, ends, values, following, strict=True):
        if value is not None and after is not None:
            axes.plot([start, end], [value, after], color=BLUE, linewidth=2)
    for angle, value in rated:
        axes.plot([angle], [value], marker="o", markersize=7, color=BLUE)
        axes.annotate(
            str(value),
            (angle, value),
            textcoords="offset points",
            xytext=(6, 6),
            fontsize=SMALL,
            fontweight="bold",
            color=BLUE,
        )

    title = "Pillar self-rating"
    if rating.government:
        title += f": {textwrap.shorten(rating.government, 60)}"
    axes.set_title(wrap(title, 34), fontsize=TITLE, pad=36,
                   parse_math=False)  # "$" is text, not maths
    return figure


def radar_alt_text(rating: PillarRating) -> str:
    """What the chart shows, in words, for screen readers and the figure's alt attribute."""
    framework = rating.framework
    top = len(framework.maturity_levels)
    parts = []
    for pillar in framework.pillars:
        level = rating.ratings[pillar.id]
        parts.append(f"{pillar.name}: " + (f"{level} of {top}" if level else "not rated"))
    subject = f" of {rating.government}" if rating.government else ""
    return f"Radar chart of the pillar self-rating{subject}. " + "; ".join(parts) + "."
