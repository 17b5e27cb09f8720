"""The chart of Ex 4: the team's order at its last check beside the expected order.

The expected order shows only the positions the team already has right, until the whole
order is right or the team asks to see the answer. Right and wrong are told by a ✓ or ✗ and a
word, not by colour alone.
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

from dgtkit.charts import SMALL, TITLE, WIDTH
from dgtkit.models.sequencing import ProcessSequence

GREEN, RED, GREY, INK, BLUE = "#1b5e20", "#a4000f", "#444444", "#222222", "#1f5fa6"
TEXT = {"parse_math": False}
LEFT, MARK, RIGHT = 0.0, 0.47, 0.56  # x of your order, of the lines' start, of the expected
ROW = 1.3  # the height of a position: a step's name on up to two lines, and its mark


def _short(text: str, width: int = 30) -> str:
    return textwrap.shorten(text, width, placeholder="\u2026")


def _shown_order(model: ProcessSequence) -> tuple[list[str | None], bool]:
    """The order to draw (as at the last check, else as it is now) and whether it was checked."""
    if model.checked_order is not None:
        return list(model.checked_order), True
    return model.order, False


def _expected_visible(model: ProcessSequence, order: list[str | None], checked: bool) -> list:
    """For each position, whether the chart may show the expected step there."""
    if model.shows_answer:
        return [True] * model.size
    return [checked and mine == good for mine, good in zip(order, model.expected, strict=True)]


def order_chart(model: ProcessSequence) -> Figure:
    """Two columns, position 1 at the top: your order (with marks) and the expected order."""
    order, checked = _shown_order(model)
    visible = _expected_visible(model, order, checked)
    size = model.size
    figure = Figure(figsize=(WIDTH, 0.62 * ROW * size + 1.3))
    axes = figure.add_axes((0.01, 0.01, 0.98, 0.98))
    axes.set_axis_off()
    heading = f"Your order at check {model.checks}" if checked else "Your order (not checked yet)"
    top = ROW * size
    axes.text(LEFT, top + 1.0, heading, fontsize=TITLE, fontweight="bold", color=INK, **TEXT)
    axes.text(LEFT, top + 0.1, "Yours", fontsize=SMALL, fontweight="bold", color=INK, **TEXT)
    axes.text(RIGHT, top + 0.1, "Expected order", fontsize=SMALL, fontweight="bold", color=INK,
              **TEXT)  # fmt: skip
    rows = zip(order, model.expected, visible, strict=True)
    for position, (mine, good, show) in enumerate(rows, start=1):
        _draw_row(axes, model, position, mine, good, show, checked)
    axes.set_xlim(0, 1)
    axes.set_ylim(-0.4, top + 1.6)
    return figure


def _draw_row(axes, model, position, mine, good, show, checked) -> None:
    """One position: the team's step, its mark, the expected step (or '?'), and a line."""
    y, name = ROW * (model.size - position) + ROW / 2, model.steps.name
    label = f"{position}. {_short(name(mine))}" if mine else f"{position}. (no step yet)"
    axes.text(LEFT, y + 0.05, _two_lines(label), va="center", fontsize=SMALL,
              color=INK if mine else GREY, **TEXT)  # fmt: skip
    if checked:
        mark, colour = ("\u2713 right", GREEN) if mine == good else ("\u2717 not here", RED)
        axes.text(
            LEFT + 0.06, y - 0.5, mark, va="center", ha="left", fontsize=SMALL, color=colour,
            fontweight="bold", **TEXT,
        )  # fmt: skip
    expected = f"{position}. {_short(name(good))}" if show else f"{position}. ? (hidden)"
    axes.text(
        RIGHT, y + 0.05, _two_lines(expected), va="center", fontsize=SMALL,
        color=INK if show else GREY, style="normal" if show else "italic", **TEXT,
    )  # fmt: skip
    if show and mine is not None:
        target = ROW * (model.size - 1 - model.expected.index(mine)) + ROW / 2
        style = "-" if mine == good else "--"
        axes.plot([MARK, RIGHT - 0.015], [y, target], color=BLUE, linestyle=style)


def _two_lines(text: str) -> str:
    """A step on at most two lines of a column half as wide as a phone's chart."""
    return "\n".join(textwrap.wrap(text, 19, break_on_hyphens=False)[:2])


def order_alt_text(model: ProcessSequence) -> str:
    """The chart in words: the team's order with its results, and what is shown of the answer."""
    order, checked = _shown_order(model)
    visible = _expected_visible(model, order, checked)
    name = model.steps.name
    mine = []
    for position, (step, good) in enumerate(zip(order, model.expected, strict=True), start=1):
        text = f"{position} {name(step)}" if step else f"{position} no step yet"
        if checked:
            text += " (right place)" if step == good else " (not the right place)"
        mine.append(text)
    if checked:
        intro = f"Chart of your order at check {model.checks} against the expected order. "
    else:
        intro = "Chart of your order, not checked yet. "
    pairs = zip(model.expected, visible, strict=True)
    shown = [f"{p} {name(good)}" for p, (good, show) in enumerate(pairs, start=1) if show]
    if len(shown) == model.size:
        answer = "Expected order: " + "; ".join(shown) + "."
    elif shown:
        answer = "Expected order, shown only where you are right: " + "; ".join(shown) + "."
    else:
        answer = "The expected order is hidden until you have steps in the right place."
    return intro + "Your order: " + "; ".join(mine) + ". " + answer
