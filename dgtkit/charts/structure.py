"""The chart of Ex 8: the fit score of each structure, with its value printed on the bar, and
its alt text. Each bar has its own hatch, and the best fit and the team's choice are written
above the bars: never colour alone."""

from __future__ import annotations

from matplotlib.figure import Figure

from dgtkit.charts import BLUE, GREY, SMALL, TITLE, WIDTH, wrap
from dgtkit.models.structure import OrganizationStructure, course_data, names_of

LIGHT = "#dbe6f3"
HATCHES = ("", "//", "..")


def _marks(model: OrganizationStructure, structure_id: str) -> str:
    marks = []
    if structure_id in model.best():
        marks.append("best fit")
    if structure_id == model.recommendation:
        marks.append("your choice")
    return "\n".join(marks)


def fit_chart(model: OrganizationStructure) -> Figure:
    """One bar per structure: its fit score out of the most possible so far."""
    data = course_data()
    scores = model.scores()
    top = model.most_possible
    figure = Figure(figsize=(WIDTH, 5.4))
    axes = figure.add_subplot()
    names = [s.name for s in data.structures]
    values = [scores[s.id] for s in data.structures]
    bars = axes.bar(names, values, color=LIGHT, edgecolor=BLUE, width=0.6)
    for bar, hatch, structure in zip(bars, HATCHES, data.structures, strict=True):
        bar.set_hatch(hatch)
        bar.set_linewidth(3 if structure.id == model.recommendation else 1)
    labels = [f"{v} of {top}" if top else "0" for v in values]
    axes.bar_label(bars, labels=labels, padding=3, fontsize=SMALL, fontweight="bold")
    for bar, structure in zip(bars, data.structures, strict=True):
        marks = _marks(model, structure.id)
        if marks:
            axes.text(
                bar.get_x() + bar.get_width() / 2,
                bar.get_height() + max(top, 1) * 0.12,
                marks.upper(),
                ha="center",
                va="bottom",
                fontsize=SMALL,
                color=GREY,
            )
    ceiling = max(top, 1) * 1.65
    axes.set_ylim(0, ceiling)
    if top:
        axes.axhline(top, color=GREY, linewidth=1, linestyle=":")
        axes.text(-0.4, top, f"most possible: {top}", ha="left", va="bottom", fontsize=SMALL)
    axes.set_ylabel("Fit score (points)", fontsize=SMALL)
    axes.tick_params(labelsize=SMALL)
    axes.spines[["top", "right"]].set_visible(False)
    if not top:
        axes.text(1, ceiling / 2, "Rate your context to see the scores", ha="center", color=GREY,
                  fontsize=SMALL)
    axes.set_title(wrap("How well each structure fits your context", 34), fontsize=TITLE,
                   loc="left", x=-0.2)
    return figure


def fit_alt_text(model: OrganizationStructure) -> str:
    data = course_data()
    top = model.most_possible
    if not top:
        return "Bar chart of the fit score of each structure: no factor rated yet, so all are 0."
    scores = model.scores()
    parts = "; ".join(f"{s.name} {scores[s.id]}" for s in data.structures)
    best = names_of(model.best())
    text = f"Bar chart of the fit score of each structure, out of {top}: {parts}. Best fit: {best}."
    if model.recommendation:
        text += f" Your choice: {names_of([model.recommendation])}."
    if model.unrated:
        text += f" {len(model.unrated)} of {len(data.factors)} factors not rated yet."
    return text
