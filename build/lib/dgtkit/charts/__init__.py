"""Charts: pure functions from a model to a matplotlib Figure, and the Figure as PNG."""

from __future__ import annotations

import base64
import io
from html import escape

import matplotlib

matplotlib.use("Agg")  # charts are drawn to PNG, never to a window

from matplotlib.figure import Figure  # noqa: E402


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
