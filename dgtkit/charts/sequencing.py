"""The chart of Ex 4: the team's order at its last check beside the expected order.

The expected order shows only the positions the team already has right, until the whole
order is right or the team asks to see the answer. Right and wrong are told by a ✓ or ✗ and a
word, not by colour alone.
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

from dgtkit.models.sequencing import ProcessSequence

GREEN, RED, GREY, INK, BLUE = "#1b5e20", "#a4000f", "#444444", "#222222", "#1f5fa6"
TEXT = {"parse_math": False}
LEFT, MARK, RIGHT = 0.0, 0.64, 0.76  # x of your order, of the marks, of the expected order


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
    figure = Figure(figsize=(7.5, 0.55 * size + 1.3))
    axes = figure.add_subplot()
    axes.set_axis_off()
    heading = f"Your order at check {model.checks}" if checked else "Your order (not checked yet)"
    axes.text(LEFT, size, heading, fontsize=9.5, fontweight="bold", color=INK, **TEXT)
    axes.text(RIGHT, size, "Expected order", fontsize=9.5, fontweight="bold", color=INK, **TEXT)
    rows = zip(order, model.expected, visible, strict=True)
    for position, (mine, good, show) in enumerate(rows, start=1):
        _draw_row(axes, model, position, mine, good, show, checked)
    axes.set_xlim(-0.02, 1.25)
    axes.set_ylim(-0.7, size + 0.6)
    return figure


def _draw_row(axes, model, position, mine, good, show, checked) -> None:
    """One position: the team's step, its mark, the expected step (or '?'), and a line."""
    y, name = model.size - position, model.steps.name
    label = f"{position}. {_short(name(mine))}" if mine else f"{position}. (no step yet)"
    axes.text(LEFT, y, label, va="center", fontsize=9, color=INK if mine else GREY, **TEXT)
    if checked:
        mark, colour = ("\u2713 right", GREEN) if mine == good else ("\u2717 not here", RED)
        axes.text(
            MARK, y, mark, va="center", ha="right", fontsize=8.5, color=colour,
            fontweight="bold", **TEXT,
        )  # fmt: skip
    expected = f"{position}. {_short(name(good))}" if show else f"{position}. ? (hidden)"
    axes.text(
        RIGHT, y, expected, va="center", fontsize=9, color=INK if show else GREY,
        style="normal" if show else "italic", **TEXT,
    )  # fmt: skip
    if show and mine is not None:
        target = model.size - 1 - model.expected.index(mine)
        style = "-" if mine == good else "--"
        axes.plot([MARK + 0.01, RIGHT - 0.01], [y, target], color=BLUE, linestyle=style)


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
