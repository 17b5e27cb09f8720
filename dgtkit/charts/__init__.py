"""Charts: pure functions from a model to a matplotlib Figure, and the Figure as PNG."""

from __future__ import annotations

import base64
import io
import textwrap
from html import escape

import matplotlib

matplotlib.use("Agg")  # charts are drawn to PNG, never to a window

from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

# One palette for every chart: each colour at least 4.5:1 against white, and each series also
# told apart by a marker or a hatch, so colour is never the only signal.
BLUE, RED, GREY, INK = "#1f5fa6", "#a4000f", "#444444", "#222222"
COLOURS = ("#0072B2", "#C44E00", "#007A5A", "#A8447F", "#8A6200", "#4D4D9E")  # darkened Okabe-Ito
MARKERS = ("o", "s", "^", "D", "v", "P")
HATCHES = ("", "//", "..", "xx")


#: Charts are drawn as PNG at this many pixels per inch.
DPI = 100
#: Charts are drawn for a phone first. A chart scales down with the screen, to about 300 px on a
#: 390 px phone; drawn at most WIDTH inches wide (440 px) with no text under SMALL points
#: (18 px), its text stays at least 12 px there (tests/unit/test_chart_text.py). On a desktop it
#: shows at its own size, in large print.
WIDTH = 4.4
SMALL = 13  # points: the smallest text (ticks, notes, values, legends)
LABEL = 13.5  # axis labels, lane and bar names
TITLE = 15


def wrap(text: str, width: int = 40) -> str:
    """``text`` on lines that fit a chart WIDTH inches wide at SMALL points (about 40 letters)."""
    return textwrap.fill(text, width, break_long_words=True, break_on_hyphens=False)


def to_png(figure: Figure, dpi: int = DPI) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()


def smallest_text_px(figure: Figure, dpi: int = DPI) -> float:
    """The size of the smallest text the figure shows, in pixels of its PNG at ``dpi``."""
    sizes = [text.get_fontsize() for text in figure.findobj(Text)
             if text.get_visible() and text.get_text().strip()]
    return round(min(sizes, default=0) * dpi / 72, 2)


def figure_html(figure: Figure, alt: str, caption: str = "") -> str:
    """An accessible ``<figure>`` holding the chart as an inline PNG with its alt text.

    The picture scales down with the screen (max-width 100%); ``data-text-px`` is the size of
    its smallest text at the picture's own size, so a test can check the text a phone shows."""
    data = base64.b64encode(to_png(figure)).decode("ascii")
    html = f'<figure style="margin:0"><img src="data:image/png;base64,{data}" alt="{escape(alt)}"'
    html += f' data-text-px="{smallest_text_px(figure)}" style="max-width:100%;height:auto"/>'
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
