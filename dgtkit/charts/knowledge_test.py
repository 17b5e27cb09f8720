"""The chart of the knowledge test: per module, the share of right answers on the pre-test and
on the post-test side by side, each bar labelled with its count, and the gain in the title."""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from dgtkit.models.knowledge_test import ATTEMPTS, POST, PRE, KnowledgeTest, module_label

#: Fill and hatch per attempt: the colours have at least 4.5:1 contrast on white, and the
#: hatch tells the bars apart without colour.
STYLES = {PRE: ("#555555", ""), POST: ("#1f5fa6", "//")}
INK = "#222222"
WIDTH = 0.38


def score_chart(test: KnowledgeTest) -> Figure:
    """Per module, a bar for each submitted attempt: the share of the module's questions
    answered right, labelled 'right/total'. The title gives the gain, or names the attempts
    not submitted yet."""
    results = test.module_results()
    figure = Figure(figsize=(7.6, 4.2), layout="constrained")
    axes = figure.add_subplot()
    for offset, key in ((-WIDTH / 2, PRE), (WIDTH / 2, POST)):
        colour, hatch = STYLES[key]
        if test.score(key) is None:
            continue
        xs = [i + offset for i in range(len(results))]
        heights = [r.pre_percent if key == PRE else r.post_percent for r in results]
        bars = axes.bar(xs, heights, width=WIDTH, color=colour, hatch=hatch, edgecolor="white")
        counts = [r.pre if key == PRE else r.post for r in results]
        axes.bar_label(
            bars,
            [f"{c}/{r.total}" for c, r in zip(counts, results, strict=True)],
            padding=2,
            fontsize=8,
            color=INK,
        )
    axes.set_xticks(range(len(results)), [_tick(r.module) for r in results])
    axes.tick_params(axis="x", labelsize=8)
    axes.set_xlim(-0.6, len(results) - 0.4)
    axes.set_ylim(0, 110)
    axes.set_yticks(range(0, 101, 25))
    axes.set_ylabel("Right answers (% of the module's questions)", fontsize=9)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(
        handles=[
            Patch(facecolor=STYLES[key][0], hatch=STYLES[key][1], edgecolor="white", label=label)
            for key, label in ATTEMPTS.items()
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.2),
        fontsize=8,
        frameon=False,
        ncols=2,
    )
    axes.set_title(_title(test), fontsize=11, loc="left")
    return figure


def _tick(module: int) -> str:
    """'M3' over the module's short name, wrapped: the labels of seven modules fit."""
    name = module_label(module).split(". ", 1)[-1]
    return f"M{module}\n" + "\n".join(textwrap.wrap(name, 13))


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
