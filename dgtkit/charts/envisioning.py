"""The charts of Module 4: the horizon-scan scatter and the 2 x 2 matrix of Ex 6, the
backcasting timeline of Ex 7. Each has an alt-text function that gives the data in words.

Every text a participant typed is drawn with ``parse_math=False``: a "$" is text, not maths.
"""

from __future__ import annotations

import math
import textwrap
from collections import defaultdict

from matplotlib.figure import Figure

from dgtkit.charts import BLUE, GREY, RED, SMALL, TITLE, WIDTH, wrap
from dgtkit.models.scenarios import (
    CRITICAL_FROM,
    QUADRANTS,
    SCALE,
    ScenarioSet,
    Signal,
    quadrant_ends,
)
from dgtkit.models.vision import Vision

TEXT = {"parse_math": False}
CORNERS = {  # quadrant of the scan: (x, y, alignment, words)
    "critical": (5.45, 5.45, ("right", "top"), "CRITICAL: high impact,\nhigh uncertainty"),
    "plan": (0.55, 5.45, ("left", "top"), "Important, more certain:\nplan for it"),
    "watch": (5.45, 0.55, ("right", "bottom"), "Uncertain, less important:\nwatch it"),
    "low": (0.55, 0.55, ("left", "bottom"), "Lower priority"),
}
MATRIX_SPOTS = {
    "high_high": (0.5, 0.5),
    "low_high": (-0.5, 0.5),
    "low_low": (-0.5, -0.5),
    "high_low": (0.5, -0.5),
}
WHERE = {
    "high_high": "top right",
    "low_high": "top left",
    "low_low": "bottom left",
    "high_low": "bottom right",
}


def _short(text: str, width: int) -> str:
    return textwrap.shorten(text, width, placeholder="...") if text else ""


# -- Ex 6: the horizon scan ------------------------------------------------------------------


def _spread(signals: list[Signal]) -> dict[str, tuple[float, float]]:
    """Where each signal is drawn: signals with the same ratings sit in a small ring."""
    cells: dict[tuple[int, int], list[Signal]] = defaultdict(list)
    for signal in signals:
        cells[(signal.uncertainty, signal.impact)].append(signal)
    places = {}
    for (x, y), group in cells.items():
        for i, signal in enumerate(group):
            if len(group) == 1:
                places[signal.id] = (float(x), float(y))
                continue
            angle = 2 * math.pi * i / len(group)
            places[signal.id] = (x + 0.22 * math.cos(angle), y + 0.22 * math.sin(angle))
    return places


def signal_scatter(scenarios: ScenarioSet) -> Figure:
    """Impact (up) by uncertainty (across), quadrants marked; each signal is its number, named
    in a key below the grid (beside their points the names would cover each other)."""
    key = []
    for number, signal in enumerate(scenarios.signals, start=1):
        flag = " (critical)" if signal.critical else ""
        key.append(f"{number}  {_short(signal.title, 26)}{flag}")
    corners = [f"{words.replace(chr(10), ' ')} ({where})" for where, (*_, words) in
               zip(("top right, hatched", "top left", "bottom right", "bottom left"),
                   CORNERS.values(), strict=True)]
    notes = ["Signals:"] + (key or ["(none yet)"]) + [""] + [wrap(c, 42) for c in corners]
    lines = sum(note.count("\n") + 1 for note in notes)
    height = WIDTH + 0.25 * lines
    figure = Figure(figsize=(WIDTH, height))
    grid = WIDTH - 1.2  # inches: the square grid
    axes = figure.add_axes((0.2, 1 - (grid + 0.75) / height, grid / WIDTH, grid / height))
    axes.set_xlim(0.5, 5.5)
    axes.set_ylim(0.5, 5.5)
    axes.set_xticks(SCALE)
    axes.set_yticks(SCALE)
    axes.tick_params(labelsize=SMALL)
    axes.set_xlabel(wrap("Uncertainty (1 very low to 5 very high)", 30), fontsize=SMALL)
    axes.set_ylabel(wrap("Impact (1 very low to 5 very high)", 20), fontsize=SMALL)
    split = CRITICAL_FROM - 0.5
    axes.axvline(split, color=GREY, linewidth=1, linestyle="--")
    axes.axhline(split, color=GREY, linewidth=1, linestyle="--")
    # The critical corner is hatched as well as tinted: colour is never the only signal.
    axes.fill_between(
        [split, 5.5], split, 5.5, facecolor="#f6dcdc", hatch="//", edgecolor="#e3aaaa", linewidth=0
    )
    places = _spread(scenarios.signals)
    for number, signal in enumerate(scenarios.signals, start=1):
        x, y = places[signal.id]
        colour, marker = (RED, "D") if signal.critical else (BLUE, "o")
        axes.plot([x], [y], marker=marker, markersize=21, color=colour, linestyle="none")
        axes.text(
            x,
            y,
            str(number),
            ha="center",
            va="center",
            fontsize=SMALL,
            fontweight="bold",
            color="white",
            **TEXT,
        )
    if not key:
        axes.text(3, 3, "No signals yet", ha="center", va="center", fontsize=SMALL, color=GREY)
    figure.text(0.02, 1 - (grid + 1.6) / height, "\n".join(notes), fontsize=SMALL, va="top",
                linespacing=1.35, **TEXT)
    figure.text(0.02, 1 - 0.1 / height, "Horizon scan: impact \u00d7 uncertainty",
                fontsize=TITLE, va="top")
    return figure


def scatter_alt_text(scenarios: ScenarioSet) -> str:
    signals = scenarios.signals
    if not signals:
        return "Scatter chart of the horizon scan, impact by uncertainty: no signals yet."

    def described(signal: Signal) -> str:
        number = scenarios.number_of(signal.id)
        return f"{number} {signal.title} (impact {signal.impact}, uncertainty {signal.uncertainty})"

    critical = [described(s) for s in signals if s.critical]
    others = [described(s) for s in signals if not s.critical]
    text = (
        f"Scatter chart of {len(signals)} signal{'s' if len(signals) > 1 else ''}, "
        "impact (up) by uncertainty (across), each 1 to 5. "
    )
    text += (
        "Critical, high impact and high uncertainty: " + "; ".join(critical) + ". "
        if critical
        else "No signal is critical yet. "
    )
    if others:
        text += "Other signals: " + "; ".join(others) + "."
    return text.strip()


# -- Ex 6: the 2 x 2 matrix ------------------------------------------------------------------


def _axis_title(scenarios: ScenarioSet, index: int) -> str:
    signal = scenarios.axis_signal(index)
    return signal.title if signal else "not chosen yet"


def scenario_matrix(scenarios: ScenarioSet) -> Figure:
    """Two crossing axes with their extreme outcomes, and the four futures' names."""
    figure = Figure(figsize=(WIDTH, WIDTH + 1.4))
    axes = figure.add_axes((0.01, 0.13, 0.98, 0.75))
    axes.set_xlim(-1.08, 1.08)
    axes.set_ylim(-1.04, 1.04)
    axes.axis("off")
    arrow = {"arrowstyle": "<|-|>", "color": GREY, "linewidth": 1.5}
    axes.annotate("", xy=(1.05, 0), xytext=(-1.05, 0), arrowprops=arrow)
    axes.annotate("", xy=(0, 1.0), xytext=(0, -1.0), arrowprops=arrow)
    first, second = scenarios.axes
    ends = (  # (x, y, text, alignment): at the arrows' tips, inside the matrix
        (-1.05, 0.05, first.low or "low", ("left", "bottom")),
        (1.05, 0.05, first.high or "high", ("right", "bottom")),
        (0.05, -1.0, second.low or "low", ("left", "bottom")),
        (0.05, 1.0, second.high or "high", ("left", "top")),
    )
    for x, y, words, (ha, va) in ends:
        axes.text(
            x,
            y,
            textwrap.fill(words, 10),
            ha=ha,
            va=va,
            fontsize=SMALL,
            fontweight="bold",
            color=GREY,
            **TEXT,
        )
    # The axes' names under the matrix: inside it they would cover the futures' names.
    figure.text(
        0.02,
        0.02,
        wrap(f"Axis 1 (across): {_axis_title(scenarios, 0)}", 40).replace(
            "Axis 1 (across): ", "Axis 1: ", 1) + "\n" +
        wrap(f"Axis 2 (up): {_axis_title(scenarios, 1)}", 40).replace(
            "Axis 2 (up): ", "Axis 2: ", 1),
        ha="left",
        va="bottom",
        fontsize=SMALL,
        style="italic",
        color=GREY,
        **TEXT,
    )
    for quadrant in QUADRANTS:
        x, y = MATRIX_SPOTS[quadrant]
        name = scenarios.scenarios[quadrant].name
        words = textwrap.fill(name, 17) if name else "(future not\nnamed yet)"
        axes.text(
            x,
            y,
            words,
            ha="center",
            va="center",
            fontsize=SMALL,
            fontweight="bold" if name else "normal",
            style="normal" if name else "italic",
            color=BLUE if name else GREY,
            bbox={
                "boxstyle": "round,pad=0.5",
                "facecolor": "#eef3fa" if name else "white",
                "edgecolor": BLUE if name else "#bbbbbb",
                "linestyle": "-" if name else "--",
            },
            **TEXT,
        )
    figure.text(0.02, 0.99, wrap(f"Four futures for {scenarios.horizon}", 36), fontsize=TITLE,
                va="top", **TEXT)
    return figure


def matrix_alt_text(scenarios: ScenarioSet) -> str:
    first, second = scenarios.axes
    parts = [f"Scenario matrix: four futures for {scenarios.horizon}."]
    for number, (axis, direction) in enumerate(((first, "across"), (second, "up")), start=1):
        parts.append(
            f"Axis {number} ({direction}): {_axis_title(scenarios, number - 1)}, "
            f"from '{axis.low or 'low'}' to '{axis.high or 'high'}'."
        )
    for quadrant in QUADRANTS:
        ends = " and ".join(
            scenarios.axes[i].end(end) or f"axis {i + 1} {end}"
            for i, end in enumerate(quadrant_ends(quadrant))
        )
        name = scenarios.scenarios[quadrant].name or "not named yet"
        parts.append(f"{WHERE[quadrant].capitalize()} ({ends}): {name}.")
    return " ".join(parts)


# -- Ex 7: the backcasting timeline ----------------------------------------------------------


def milestone_timeline(vision: Vision) -> Figure:
    """Today, each milestone and the vision, in the order of their years, down a line (on a
    phone a timeline reads down, with room for each milestone's words beside it)."""
    milestones = sorted(vision.milestones, key=lambda m: m.year)
    today, goal = vision.current_year, vision.year
    rows: list[tuple[str, str, str, str]] = [("today", f"Today\n{today}", "s", GREY)]
    for milestone in milestones:
        outside = goal is not None and not today <= milestone.year <= goal
        words = wrap(f"{milestone.year}: {_short(milestone.title, 60)}", 30)
        rows.append(("milestone", words + ("\n(outside the timeline)" if outside else ""), "o",
                     RED if outside else BLUE))
    if goal:
        rows.append(("vision", f"Vision\n{goal}", "*", RED))
    heights = [label.count("\n") + 1 for _, label, _, _ in rows]
    size = sum(0.32 * h + 0.25 for h in heights) + 1.0
    figure = Figure(figsize=(WIDTH, size))
    axes = figure.add_axes((0.04, 0.02, 0.92, 1 - 0.85 / size))
    axes.set_xlim(0, 10)
    total = sum(h + 0.8 for h in heights)
    axes.set_ylim(total, 0)
    axes.axis("off")
    y = 0.0
    places = []
    for (kind, label, marker, colour), height in zip(rows, heights, strict=True):
        middle = y + (height + 0.8) / 2
        places.append(middle)
        axes.plot([0.6], [middle], marker=marker, markersize=20 if marker == "*" else 12,
                  color=colour, linestyle="none", zorder=3)
        axes.text(1.3, middle, label, va="center", ha="left", fontsize=SMALL, color=colour,
                  fontweight="bold" if kind != "milestone" else "normal", **TEXT)
        y += height + 0.8
    axes.plot([0.6, 0.6], [places[0], places[-1]], color=GREY, linewidth=2, zorder=1)
    if not milestones:
        axes.text(1.3, total - 0.2, "No milestones yet", fontsize=SMALL, color=GREY,
                  va="bottom")
    title = f"From today to the vision in {goal}" if goal else "From today to the vision"
    figure.text(0.02, 1 - 0.08 / size, wrap(title + ": milestones", 36), fontsize=TITLE,
                va="top")
    return figure


def timeline_alt_text(vision: Vision) -> str:
    today, goal = vision.current_year, vision.year
    text = (
        f"Timeline from today ({today}) to the vision in {goal}"
        if goal
        else f"Timeline from today ({today}); the vision has no year yet"
    )
    milestones = vision.milestones
    if not milestones:
        return text + ", with no milestones yet."
    listed = "; ".join(f"{m.year}: {m.title}" for m in milestones)
    count = len(milestones)
    return f"{text}, with {count} milestone{'s' if count > 1 else ''}: {listed}."
