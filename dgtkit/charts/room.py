"""The room's pillar ratings side by side (the facilitator's dashboard): a heat map with a row
per pillar and a column per team, each cell's rating written in it, so colour is never the
only signal."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from dgtkit.charts import INK, SMALL, TITLE, wrap
from dgtkit.course.frameworks import frameworks

#: From a pale to a dark blue: the number on each cell is dark on the pale half, white on the
#: dark half, at least 4.5:1 either way.
_SCALE = LinearSegmentedColormap.from_list("ratings", ["#eef4fb", "#9cc0e4", "#1f5fa6",
                                                      "#0b2d57"])
NOT_RATED = "–"


def ratings_heatmap(teams: Sequence[tuple[str, dict[str, int | None]]]) -> Figure:
    """``teams``: (team name, Ex 3 rating per pillar id). A row per pillar, a column per
    team; a pillar a team has not rated shows a dash on white."""
    fw = frameworks()
    pillars = fw.pillars
    lowest, highest = fw.maturity_levels[0].value, fw.maturity_levels[-1].value
    width = 4.2 + 1.05 * max(len(teams), 1)
    height = 2.3 + 0.62 * len(pillars)  # room above for the title and three-line names
    figure = Figure(figsize=(width, height))
    axes = figure.add_axes((3.9 / width, 1.1 / height, 1 - 4.1 / width, 1 - 2.4 / height))
    for column, (_team, ratings) in enumerate(teams):
        for row, pillar in enumerate(pillars):
            value = ratings.get(pillar.id)
            if value is None:
                colour, text, ink = "white", NOT_RATED, INK
            else:
                share = (value - lowest) / max(highest - lowest, 1)
                colour, text = _SCALE(share), str(value)
                ink = "white" if share >= 0.5 else INK
            axes.add_patch(_cell(column, row, colour))
            axes.text(column + 0.5, row + 0.5, text, ha="center", va="center",
                      fontsize=SMALL + 2, color=ink, fontweight="bold")
    axes.set_xlim(0, max(len(teams), 1))
    axes.set_ylim(len(pillars), 0)
    axes.set_yticks([r + 0.5 for r in range(len(pillars))],
                    [wrap(p.name, 30) for p in pillars], fontsize=SMALL, color=INK)
    axes.set_xticks([c + 0.5 for c in range(len(teams))],
                    [_short(name) for name, _ in teams], fontsize=SMALL, color=INK)
    axes.xaxis.tick_top()
    axes.tick_params(length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)
    key = f"Each team's rating, {lowest} (lowest) to {highest} (highest); {NOT_RATED} not rated"
    figure.text(0.02, 0.2 / height, wrap(key, int(width * 11)), fontsize=SMALL, color=INK,
                va="bottom")
    figure.suptitle("Pillar ratings (Ex 3), team by team", fontsize=TITLE, x=0.02, ha="left")
    return figure


def _short(name: str) -> str:
    """A team's name on lines of about 12 letters, a code broken after its hyphens."""
    return name.replace("-", "-\n") if len(name) > 12 and "-" in name else wrap(name, 12)


def _cell(column: int, row: int, colour):
    from matplotlib.patches import Rectangle

    return Rectangle((column, row), 1, 1, facecolor=colour, edgecolor="#888888", linewidth=1)


def ratings_heatmap_alt_text(teams: Sequence[tuple[str, dict[str, int | None]]]) -> str:
    """The heat map in words: each team's rating of each pillar."""
    if not teams:
        return "Heat map of the teams' pillar ratings: no team has rated the pillars yet."
    pillars = frameworks().pillars
    parts = []
    for name, ratings in teams:
        rated = "; ".join(f"{p.name} {ratings[p.id]}" if ratings.get(p.id) is not None
                          else f"{p.name} not rated" for p in pillars)
        parts.append(f"{name}: {rated}.")
    return "Heat map of the teams' pillar ratings, 1 (lowest) to 5 (highest). " + " ".join(parts)
