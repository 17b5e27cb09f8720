"""The chart of the knowledge test: per module (M1-M7, named in the table beside it), the share
of right answers on the pre-test and on the post-test, each bar labelled with its count, and
the gain in the title."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from dgtkit.charts import SMALL, TITLE, WIDTH, wrap
from dgtkit.models.knowledge_test import ATTEMPTS, POST, PRE, KnowledgeTest

#: Fill and hatch per attempt: the colours have at least 4.5:1 contrast on white, and the
#: hatch tells the bars apart without colour.
STYLES = {PRE: ("#555555", ""), POST: ("#1f5fa6", "//")}
INK = "#222222"
BAR = 0.38  # the height of one attempt's bar, in rows


def score_chart(test: KnowledgeTest) -> Figure:
    """Per module, a bar for each submitted attempt: the share of the module's questions
    answered right, labelled 'right/total'. Modules are rows, so the chart keeps its text
    large on a phone. The title gives the gain, or names the attempts not submitted yet."""
    results = test.module_results()
    figure = Figure(figsize=(WIDTH, 2.2 + 0.95 * len(results)), layout="constrained")
    axes = figure.add_subplot()
    for offset, key in ((-BAR / 2, PRE), (BAR / 2, POST)):
        colour, hatch = STYLES[key]
        if test.score(key) is None:
            continue
        ys = [i + offset for i in range(len(results))]
        widths = [r.pre_percent if key == PRE else r.post_percent for r in results]
        bars = axes.barh(ys, widths, height=BAR, color=colour, hatch=hatch, edgecolor="white")
        counts = [r.pre if key == PRE else r.post for r in results]
        axes.bar_label(
            bars,
            [f"{c}/{r.total}" for c, r in zip(counts, results, strict=True)],
            padding=2,
            fontsize=SMALL,
            color=INK,
        )
    axes.set_yticks(range(len(results)), [f"M{r.module}" for r in results])
    axes.tick_params(labelsize=SMALL)
    axes.set_ylim(len(results) - 0.4, -0.6)  # Module 1 at the top
    axes.set_xlim(0, 125)
    axes.set_xticks(range(0, 101, 50))
    axes.set_xlabel(wrap("Right answers (% of the module's questions)", 32), fontsize=SMALL)
    axes.spines[["top", "right"]].set_visible(False)
    figure.legend(
        handles=[
            Patch(facecolor=STYLES[key][0], hatch=STYLES[key][1], edgecolor="white", label=label)
            for key, label in ATTEMPTS.items()
        ],
        loc="outside lower center",
        fontsize=SMALL,
        frameon=False,
        ncols=1,
    )
    axes.set_title(wrap(_title(test), 34), fontsize=TITLE, loc="left")
    return figure


def _title(test: KnowledgeTest) -> str:
    missing = [label for key, label in ATTEMPTS.items() if test.score(key) is None]
    if missing:
        return "Not submitted yet: " + " and ".join(missing)
    gain = test.gain()
    return f"Your gain: {gain.points:+d} points ({gain.percent_points:+g} percentage points)"


def score_alt_text(test: KnowledgeTest) -> str:
    """The chart in words: each attempt's score, per module, and the gains."""
    parts = []
    for key, label in ATTEMPTS.items():
        score = test.score(key)
        if score is None:
            parts.append(f"{label} not submitted yet")
            continue
        per_module = ", ".join(
            f"Module {r.module} {r.pre if key == PRE else r.post} of {r.total}"
            for r in test.module_results()
        )
        parts.append(f"{label} {score} of {test.total} ({test.percent(key):g}%): {per_module}")
    text = "Bar chart of your knowledge test per module. " + "; ".join(parts) + "."
    gain = test.gain()
    if gain is not None:
        per_module = ", ".join(
            f"Module {r.module} {r.gain:+g}" for r in test.module_results() if r.gain is not None
        )
        text += (
            f" Gain: {gain.points:+d} points, {gain.percent_points:+g} percentage points; "
            f"per module, in percentage points: {per_module}."
        )
    return text
