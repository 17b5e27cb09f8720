"""Charts: pure functions from a model to a matplotlib Figure, and the Figure as PNG."""

from __future__ import annotations

import base64
import io
from html import escape

import matplotlib

matplotlib.use("Agg")  # charts are drawn to PNG, never to a window

from matplotlib.figure import Figure  # noqa: E402

# One palette for every chart: each colour at least 4.5:1 against white, and each series also
# told apart by a marker or a hatch, so colour is never the only signal.
BLUE, RED, GREY, INK = "#1f5fa6", "#a4000f", "#444444", "#222222"
COLOURS = ("#0072B2", "#C44E00", "#007A5A", "#A8447F", "#8A6200", "#4D4D9E")  # darkened Okabe-Ito
MARKERS = ("o", "s", "^", "D", "v", "P")
HATCHES = ("", "//", "..", "xx")


def to_png(figure: Figure, dpi: int = 100) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()


def figure_html(figure: Figure, alt: str, caption: str = "") -> str:
    """An accessible ``<figure>`` holding the chart as an inline PNG with its alt text."""
    data = base64.b64encode(to_png(figure)).decode("ascii")
    html = f'<figure style="margin:0"><img src="data:image/png;base64,{data}" alt="{escape(alt)}"'
    html += ' style="max-width:100%;height:auto"/>'
    if caption:
        style = "color:#333;font-weight:400;font-size:0.95em"
        html += f'<figcaption style="{style}">{escape(caption)}</figcaption>'
    return html + "</figure>"


def grouped_bars(axes, table, labels: dict, fmt: str, fontsize: float = 7.5) -> None:
    """One bar per column of ``table`` (a DataFrame) side by side for each row, each column
    with its own colour and hatch, every bar labelled with its value."""
    width = 0.8 / len(table.columns)
    for i, column in enumerate(table.columns):
        positions = [x + (i - (len(table.columns) - 1) / 2) * width for x in range(len(table))]
        bars = axes.bar(positions, table[column], width, label=labels[column], color=COLOURS[i],
                        hatch=HATCHES[i], edgecolor="white")  # fmt: skip
        axes.bar_label(bars, fmt=fmt, fontsize=fontsize, padding=1)
    axes.set_xticks(range(len(table)), list(table.index))
