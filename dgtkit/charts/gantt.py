"""The action plan's timeline as a Gantt chart (for the Word document), with its alt text.

The app draws its timeline as HTML (``dgtkit.widgets.action_plan.views``) so that its kernel
never loads matplotlib; this chart is drawn only when a document is exported.
"""

from __future__ import annotations

import textwrap
from datetime import timedelta

from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure

from dgtkit.models import dates
from dgtkit.models.action_plan import PRIORITIES, ActionPlan
from dgtkit.models.plan_tables import (
    PRIORITY_COLOURS,
    PRIORITY_HATCHES,
    PRIORITY_NAMES,
    gantt,
    timeline_span,
)

TEXT = {"parse_math": False}  # a "$" a participant typed is text, not maths


def timeline_chart(plan: ActionPlan) -> Figure:
    """One bar per action from its start to its end, grouped by objective, coloured and
    patterned by priority, with today's date marked."""
    bars = gantt(plan)
    height = 1.2 + 0.38 * max(len(bars), 1)
    figure = Figure(figsize=(9, height))
    axes = figure.add_subplot()
    if not bars:
        axes.text(0.5, 0.5, "No actions yet", ha="center", va="center", **TEXT)
        axes.set_axis_off()
        return figure
    labels = []
    for row, bar in enumerate(bars):
        start, end = date2num(bar.start), date2num(bar.end + timedelta(days=1))
        axes.barh(row, end - start, left=start, height=0.6, color=PRIORITY_COLOURS[bar.priority],
                  hatch=PRIORITY_HATCHES[bar.priority], edgecolor="white", linewidth=0)
        labels.append(textwrap.shorten(bar.label, 45, placeholder="..."))
    axes.set_yticks(range(len(bars)), labels, **TEXT)
    axes.invert_yaxis()
    groups = [b.group for b in bars]
    for row in range(1, len(bars)):
        if groups[row] != groups[row - 1]:
            axes.axhline(row - 0.5, color="#999999", linewidth=0.8)
    first, last = timeline_span(bars)
    axes.set_xlim(date2num(first), date2num(last))
    locator = AutoDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    today = dates.today()
    if first <= today <= last:
        axes.axvline(date2num(today), color="#333333", linestyle="--", linewidth=1)
    names = {**{key: f"{name} priority" for key, name in PRIORITIES.items()},
             "": "No priority yet"}
    shown = [key for key in names if key or any(not b.priority for b in bars)]
    handles = [axes.bar(0, 0, color=PRIORITY_COLOURS[key], hatch=PRIORITY_HATCHES[key],
                        edgecolor="white", label=names[key]) for key in shown]
    axes.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=4,
                frameon=False)
    axes.grid(axis="x", color="#dddddd")
    axes.set_axisbelow(True)
    return figure


def timeline_alt_text(plan: ActionPlan) -> str:
    bars = gantt(plan)
    if not bars:
        return "Timeline of the action plan: no actions yet."
    parts = [f"{b.label}, {dates.month(b.start, short=True)} to "
             f"{dates.month(b.end, short=True)}, priority: {PRIORITY_NAMES[b.priority].lower()}"
             for b in bars]
    return f"Timeline of the action plan, {len(bars)} actions: " + "; ".join(parts) + "."
