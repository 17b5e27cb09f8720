"""The chart of the knowledge test: the pre-test and post-test scores side by side, each bar
labelled with its score, and the gain written above them."""

from __future__ import annotations

from matplotlib.figure import Figure

from dgtkit.charts import SMALL, TITLE, WIDTH, wrap
from dgtkit.models.knowledge_test import ATTEMPTS, POST, PRE, KnowledgeTest

#: Fill and hatch per attempt: the colours have at least 4.5:1 contrast on white, and the
#: hatch tells the bars apart without colour.
STYLES = {PRE: ("#555555", ""), POST: ("#1f5fa6", "//")}
INK = "#222222"


def score_chart(test: KnowledgeTest) -> Figure:
    """Bars of the two scores (out of all questions); an attempt not submitted says so."""
    figure = Figure(figsize=(WIDTH, 4.4))
    axes = figure.add_subplot()
    for x, key in enumerate(ATTEMPTS):
        score = test.score(key)
        colour, hatch = STYLES[key]
        if score is None:
            axes.text(x, 0.3, "not submitted\nyet", ha="center", fontsize=SMALL, color="#555555")
            continue
        bars = axes.bar([x], [score], width=0.55, color=colour, hatch=hatch, edgecolor="white")
        axes.bar_label(
            bars,
            [f"{score} of {test.total} ({test.percent(key):g}%)"],
            padding=3,
            fontsize=SMALL,
            color=INK,
        )
    axes.set_xticks(range(len(ATTEMPTS)), list(ATTEMPTS.values()))
    axes.tick_params(labelsize=SMALL)
    axes.set_xlim(-0.6, len(ATTEMPTS) - 0.4)
    axes.set_ylim(0, test.total * 1.35)
    axes.set_ylabel(f"Right answers (of {test.total})", fontsize=SMALL)
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_title(wrap(_title(test), 34), fontsize=TITLE, loc="left", x=-0.2)
    return figure


def _title(test: KnowledgeTest) -> str:
    gain = test.gain()
    if gain is None:
        return "Your scores: the gain shows once both tests are submitted"
    return f"Your gain: {gain.points:+d} points ({gain.percent_points:+g} percentage points)"


def score_alt_text(test: KnowledgeTest) -> str:
    parts = []
    for key, label in ATTEMPTS.items():
        score = test.score(key)
        parts.append(
            f"{label} not submitted yet"
            if score is None
            else f"{label} {score} of {test.total} ({test.percent(key):g}%)"
        )
    text = "Bar chart of your knowledge test scores: " + "; ".join(parts) + "."
    gain = test.gain()
    if gain is not None:
        text += f" Gain: {gain.points:+d} points, {gain.percent_points:+g} percentage points."
    return text
