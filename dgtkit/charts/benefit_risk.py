"""The chart of Ex 2: benefits and risks on a likelihood x impact matrix, and its alt text.

Benefits are triangles marked B1, B2, ...; risks are squares marked R1, R2, ...: shape and
label, never colour alone. Text a participant typed is drawn with ``parse_math=False``.
"""

from __future__ import annotations

import math
import textwrap
from collections import defaultdict

from matplotlib.figure import Figure

from dgtkit.charts import BLUE, GREY, RED, SMALL, TITLE, WIDTH, wrap
from dgtkit.models.benefit_risk import SCALE, BenefitRiskMatrix, MatrixItem

TEXT = {"parse_math": False}
STYLE = {"benefit": (BLUE, "^", "Benefit (triangle, B)"), "risk": (RED, "s", "Risk (square, R)")}


def _places(items: list[MatrixItem]) -> dict[str, tuple[float, float]]:
    """Where each item is drawn: items with the same ratings sit in a small ring."""
    cells: dict[tuple[int, int], list[MatrixItem]] = defaultdict(list)
    for item in items:
        cells[(item.likelihood, item.impact)].append(item)
    places = {}
    for (x, y), group in cells.items():
        for i, item in enumerate(group):
            if len(group) == 1:
                places[item.id] = (float(x), float(y))
                continue
            angle = 2 * math.pi * i / len(group)
            places[item.id] = (x + 0.25 * math.cos(angle), y + 0.25 * math.sin(angle))
    return places


def matrix_chart(matrix: BenefitRiskMatrix) -> Figure:
    """Likelihood (across) by impact (up), 1 to 5; each item a labelled triangle or square."""
    figure = Figure(figsize=(WIDTH, WIDTH + 1.4))
    axes = figure.add_subplot()
    axes.set_xlim(0.5, 5.5)
    axes.set_ylim(0.5, 5.5)
    axes.set_xticks(SCALE)
    axes.set_yticks(SCALE)
    axes.grid(color="#dddddd")
    axes.set_axisbelow(True)
    axes.tick_params(labelsize=SMALL)
    axes.set_xlabel(wrap("Likelihood (1 very unlikely to 5 almost certain)", 34), fontsize=SMALL)
    axes.set_ylabel(wrap("Impact (1 very small to 5 very large)", 22), fontsize=SMALL)
    places = _places(matrix.items)
    for item in matrix.items:
        colour, marker, _legend = STYLE[item.kind]
        x, y = places[item.id]
        axes.plot([x], [y], marker=marker, markersize=13, color=colour, linestyle="none")
        axes.annotate(
            matrix.label(item),
            (x, y),
            xytext=(7, 5),
            textcoords="offset points",
            fontsize=SMALL,
            fontweight="bold",
            color=colour,
        )
    for colour, marker, legend in STYLE.values():
        axes.plot(
            [], [], marker=marker, markersize=10, color=colour, linestyle="none", label=legend
        )
    axes.legend(loc="upper left", bbox_to_anchor=(-0.25, -0.25), fontsize=SMALL, frameon=False)
    if not matrix.items:
        axes.text(3, 3, "No benefits or risks yet", ha="center", va="center", color=GREY,
                  fontsize=SMALL)
    title = "Benefit-risk matrix"
    if matrix.government:
        title += ": " + textwrap.shorten(matrix.government, 50, placeholder="...")
    axes.set_title(wrap(title, 32), fontsize=TITLE, loc="left", **TEXT)
    return figure


def _described(matrix: BenefitRiskMatrix, item: MatrixItem) -> str:
    text = f"{matrix.label(item)} {item.title} (likelihood {item.likelihood}, impact {item.impact})"
    if item.missing:
        text += f", still needs {' and '.join(item.missing)}"
    return text


def matrix_alt_text(matrix: BenefitRiskMatrix) -> str:
    if not matrix.items:
        return "Benefit-risk matrix of likelihood by impact: no benefits or risks yet."
    text = (
        "Benefit-risk matrix, likelihood (across) by impact (up), each 1 to 5. "
        "Benefits are triangles, risks are squares. "
    )
    for kind, items in (("Benefits", matrix.benefits), ("Risks", matrix.risks)):
        listed = "; ".join(_described(matrix, i) for i in items) or "none yet"
        text += f"{kind}: {listed}. "
    return text.strip()
