"""The charts of Module 4: the horizon-scan scatter and the 2 x 2 matrix of Ex 6, the
backcasting timeline of Ex 7. Each has an alt-text function that gives the data in words.

Every text a participant typed is drawn with ``parse_math=False``: a "$" is text, not maths.
"""

from __future__ import annotations

import math
import textwrap
from collections import defaultdict

from matplotlib.figure import Figure

from dgtkit.charts import BLUE, GREY, RED
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
    """Impact (up) by uncertainty (across), quadrants marked; each signal is its number."""
    figure = Figure(figsize=(8.6, 5.6))
    axes = figure.add_axes((0.08, 0.1, 0.55, 0.8))
    axes.set_xlim(0.5, 5.5)
    axes.set_ylim(0.5, 5.5)
    axes.set_xticks(SCALE)
    axes.set_yticks(SCALE)
    axes.set_xlabel("Uncertainty (1 very low to 5 very high)", fontsize=9)
    axes.set_ylabel("Impact (1 very low to 5 very high)", fontsize=9)
    split = CRITICAL_FROM - 0.5
    axes.axvline(split, color=GREY, linewidth=1, linestyle="--")
    axes.axhline(split, color=GREY, linewidth=1, linestyle="--")
    # The critical corner is hatched as well as tinted: colour is never the only signal.
    axes.fill_between(
        [split, 5.5], split, 5.5, facecolor="#f6dcdc", hatch="//", edgecolor="#e3aaaa", linewidth=0
    )
    for x, y, (ha, va), words in CORNERS.values():
        axes.text(x, y, words, ha=ha, va=va, fontsize=7.5, color=GREY, **TEXT)

    places = _spread(scenarios.signals)
    key = []
    for number, signal in enumerate(scenarios.signals, start=1):
        x, y = places[signal.id]
        colour, marker = (RED, "D") if signal.critical else (BLUE, "o")
        axes.plot([x], [y], marker=marker, markersize=15, color=colour, linestyle="none")
        axes.text(
            x,
            y,
            str(number),
            ha="center",
            va="center",
            fontsize=8,
            fontweight="bold",
            color="white",
            **TEXT,
        )
        flag = " (critical)" if signal.critical else ""
        key.append(f"{number}  {_short(signal.title, 34)}{flag}")
    if not key:
        axes.text(3, 3, "No signals yet", ha="center", va="center", fontsize=11, color=GREY)
    figure.text(0.66, 0.9, "Signals", fontsize=10, fontweight="bold", va="top")
    figure.text(
        0.66, 0.85, "\n".join(key) or "(none)", fontsize=8, va="top", linespacing=1.5, **TEXT
    )
    axes.set_title("Horizon scan: impact \u00d7 uncertainty", fontsize=11)
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
    figure = Figure(figsize=(7.4, 6.6))
    axes = figure.add_axes((0.1, 0.08, 0.8, 0.82))
    axes.set_xlim(-1.35, 1.35)
    axes.set_ylim(-1.25, 1.25)
    axes.axis("off")
    arrow = {"arrowstyle": "<|-|>", "color": GREY, "linewidth": 1.5}
    axes.annotate("", xy=(1.05, 0), xytext=(-1.05, 0), arrowprops=arrow)
    axes.annotate("", xy=(0, 1.0), xytext=(0, -1.0), arrowprops=arrow)
    first, second = scenarios.axes
    ends = (  # (x, y, text, alignment)
        (-1.07, 0.0, first.low or "low", ("right", "center")),
        (1.07, 0.0, first.high or "high", ("left", "center")),
        (0.0, -1.03, second.low or "low", ("center", "top")),
        (0.0, 1.03, second.high or "high", ("center", "bottom")),
    )
    for x, y, words, (ha, va) in ends:
        axes.text(
            x,
            y,
            textwrap.fill(words, 16),
            ha=ha,
            va=va,
            fontsize=9,
            fontweight="bold",
            color=GREY,
            **TEXT,
        )
    axes.text(
        0.55,
        -0.08,
        textwrap.fill(f"Axis 1: {_axis_title(scenarios, 0)}", 32),
        ha="center",
        va="top",
        fontsize=8,
        style="italic",
        color=GREY,
        **TEXT,
    )
    axes.text(
        0.04,
        0.85,
        textwrap.fill(f"Axis 2: {_axis_title(scenarios, 1)}", 26),
        ha="left",
        va="top",
        fontsize=8,
        style="italic",
        color=GREY,
        **TEXT,
    )
    for quadrant in QUADRANTS:
        x, y = MATRIX_SPOTS[quadrant]
        name = scenarios.scenarios[quadrant].name
        words = textwrap.fill(name, 20) if name else "(future not\nnamed yet)"
        axes.text(
            x,
            y,
            words,
            ha="center",
            va="center",
            fontsize=11 if name else 9,
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
    axes.set_title(f"Four futures for {scenarios.horizon}", fontsize=12, **TEXT)
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
    """Years across; today, each milestone and the vision as labelled points."""
    milestones = vision.milestones
    today, goal = vision.current_year, vision.year
    years = [today] + [m.year for m in milestones] + ([goal] if goal else [])
    start, end = min(years), max(max(years), today + 1)
    figure = Figure(figsize=(9.0, 4.6))
    axes = figure.add_axes((0.04, 0.14, 0.92, 0.74))
    axes.set_xlim(start - 0.8, end + 0.8)
    axes.set_ylim(-3.2, 3.2)
    axes.axhline(0, color=GREY, linewidth=2)
    axes.set_yticks([])
    step = max(1, math.ceil((end - start) / 12))
    axes.set_xticks(range(start, end + 1, step))
    axes.tick_params(axis="x", labelsize=8)
    for side in ("left", "right", "top"):
        axes.spines[side].set_visible(False)

    axes.plot([today], [0], marker="s", markersize=11, color=GREY, linestyle="none")
    axes.text(today, -0.45, f"Today\n{today}", ha="center", va="top", fontsize=8, color=GREY)
    if goal:
        axes.plot([goal], [0], marker="*", markersize=20, color=RED, linestyle="none")
        axes.text(
            goal,
            -0.45,
            f"Vision\n{goal}",
            ha="center",
            va="top",
            fontsize=9,
            fontweight="bold",
            color=RED,
        )
    stacked: dict[tuple[int, bool], int] = defaultdict(int)  # labels already at a spot
    for number, milestone in enumerate(milestones):
        above = number % 2 == 0  # alternate above and below the line, so labels do not meet
        level = stacked[(milestone.year, above)]
        stacked[(milestone.year, above)] += 1
        height = 1.0 + 0.9 * level if above else -(1.6 + 0.9 * level)
        axes.plot([milestone.year, milestone.year], [0, height], color=BLUE, linewidth=1)
        axes.plot([milestone.year], [0], marker="o", markersize=9, color=BLUE, linestyle="none")
        outside = goal is not None and not today <= milestone.year <= goal
        words = f"{milestone.year}: {_short(milestone.title, 48)}"
        words = textwrap.fill(words, 22) + ("\n(outside the timeline)" if outside else "")
        axes.text(
            milestone.year,
            height,
            words,
            ha="center",
            va="bottom" if above else "top",
            fontsize=8,
            color=RED if outside else BLUE,
            bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": BLUE},
            **TEXT,
        )
    if not milestones:
        axes.text((start + end) / 2, 1.2, "No milestones yet", ha="center", fontsize=10, color=GREY)
    title = f"From today to the vision in {goal}" if goal else "From today to the vision"
    axes.set_title(title + ": milestones", fontsize=11)
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
