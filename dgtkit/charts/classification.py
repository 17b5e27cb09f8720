"""The chart of Ex 1: one row per example, the step the team chose, and whether it is right.

Right and wrong are told by a mark, a shape and a word (never by colour alone), and the chart
never shows the expected step of an example the team has not got right.
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

from dgtkit.charts import SMALL, TITLE, WIDTH, wrap
from dgtkit.models.classification import ServiceClassification

GREEN, RED, GREY, INK = "#1b5e20", "#a4000f", "#444444", "#222222"  # all >= 4.5:1 on white
RIGHT = ("o", GREEN, "\u2713 right")
NOT_YET = ("X", RED, "\u2717 not yet")
TEXT = {"parse_math": False}


def _short(text: str, width: int = 34) -> str:
    return textwrap.shorten(text, width, placeholder="\u2026")


def results_chart(model: ServiceClassification) -> Figure:
    """Each example in a row; a mark under the step chosen, with a ✓ or ✗ and a word."""
    catalogue = model.catalogue
    examples, steps = catalogue.examples, catalogue.step_ids
    figure = Figure(figsize=(WIDTH - 0.15, 0.62 * len(examples) + 1.8))
    axes = figure.add_subplot()
    figure.subplots_adjust(left=0.44, right=0.99, top=1 - 1.3 / (0.62 * len(examples) + 1.8))
    rows = range(len(examples))
    for row, example in zip(rows, examples, strict=True):
        y = len(examples) - 1 - row
        choice = model.answers[example.id].choice
        if choice is None:
            axes.text(-0.3, y, "not answered yet", va="center", ha="left",
                      fontsize=SMALL, color=GREY, style="italic", **TEXT)  # fmt: skip
            continue
        axes.scatter(range(len(steps)), [y] * len(steps), s=30, facecolors="none",
                     edgecolors="#bbbbbb", linewidths=0.8, zorder=1)  # fmt: skip
        marker, colour, word = RIGHT if model.is_right(example.id) else NOT_YET
        x = steps.index(choice)
        axes.scatter([x], [y], s=70, marker=marker, color=colour, zorder=2)
        axes.text(len(steps) - 0.45, y, word, va="center", fontsize=SMALL, color=colour,
                  fontweight="bold", **TEXT)  # fmt: skip
    labels = [textwrap.fill(f"{n}. {_short(e.title)}", 19, break_on_hyphens=False,
                            break_long_words=False)
              for n, e in enumerate(examples, start=1)]
    axes.set_yticks(range(len(examples)), list(reversed(labels)), fontsize=SMALL)
    axes.set_xticks(range(len(steps)), [catalogue.step(s).name for s in steps], fontsize=SMALL,
                    rotation=40, ha="left", rotation_mode="anchor")
    axes.xaxis.tick_top()
    axes.set_xlim(-0.4, len(steps) + 1.6)
    axes.set_ylim(-0.6, len(examples) - 0.4)
    axes.spines[["top", "right", "bottom"]].set_visible(False)
    axes.tick_params(axis="x", length=0)
    figure.text(0.02, 0.995, wrap(f"Your answers: {model.summary()}", 42), fontsize=TITLE,
                va="top", color=INK, **TEXT)  # fmt: skip
    return figure


def results_alt_text(model: ServiceClassification) -> str:
    """The chart in words: the score, then each example, its chosen step and the result."""
    catalogue = model.catalogue
    parts = []
    for n, example in enumerate(catalogue.examples, start=1):
        choice = model.answers[example.id].choice
        if choice is None:
            parts.append(f"{n} {example.title}: not answered yet")
            continue
        result = "right" if model.is_right(example.id) else "not yet right"
        parts.append(f"{n} {example.title}: {catalogue.step(choice).name.lower()}, {result}")
    total = len(catalogue.examples)
    return f"Chart of your answers to {total} examples. {model.summary()} " + "; ".join(parts) + "."
