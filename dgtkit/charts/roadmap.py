"""The Ex 10 roadmap chart: a timeline with one lane per capacity level, a labelled bar per
intervention, and the milestones of Ex 7 as labelled vertical lines; with its alt text.

Colour is never the only signal: lanes are named, bars carry their row number and text, the
12-36 month bars are hatched and the bars to the vision year dotted, milestones are dashed
lines with their year and title.
Every text a participant typed is drawn with ``parse_math=False``.
"""

from __future__ import annotations

import textwrap
from datetime import date

from matplotlib.figure import Figure

from dgtkit.charts import GREY, INK, RED, SMALL, TITLE, WIDTH, wrap
from dgtkit.models import dates
from dgtkit.models.roadmap import Roadmap, RoadmapRow, add_months, canvas_guide

TEXT = {"parse_math": False}
MILESTONE = "#1f5fa6"  # 6:1 on white
LANE_COLOURS = ("#dbe8f6", "#e3f1dc", "#fbe6cc", "#eadcf0")  # light fills; text is black
EDGE = "#333333"
HATCHES = {"short": "", "medium": "///", "long": "..."}


def _short(text: str, width: int) -> str:
    return textwrap.shorten(text, max(width, 8), placeholder="...") if text else ""


def months_from_start(roadmap: Roadmap, day: date) -> float:
    """Where ``day`` falls on the chart, in months from the roadmap's start."""
    start = roadmap.started
    whole = (day.year - start.year) * 12 + day.month - start.month
    return whole + (day.day - 1) / 31


def span_months(roadmap: Roadmap) -> int:
    """The months the chart shows: every horizon, to the vision year when there is one."""
    ends = [roadmap.horizon_months(h.id)[1] for h in canvas_guide().horizons]
    if roadmap.vision_year:
        ends.append(months_from_start(roadmap, date(roadmap.vision_year, 12, 31)) + 1)
    return int(max(36, *ends))


def _tracks(roadmap: Roadmap, rows: list[RoadmapRow]) -> dict[str, int]:
    """A track within its lane for each row, so that bars at the same time do not overlap."""
    taken: list[list[tuple[int, int]]] = []
    found = {}
    for row in rows:
        span = roadmap.horizon_months(row.horizon)
        for index, spans in enumerate(taken):
            if all(span[1] <= a or span[0] >= b for a, b in spans):
                spans.append(span)
                found[row.id] = index
                break
        else:
            taken.append([span])
            found[row.id] = len(taken) - 1
    return found


def _lanes(roadmap: Roadmap) -> list[tuple[str, str, list[RoadmapRow]]]:
    """(level id, level name, its complete rows), in the order of the frameworks."""
    return [
        (level.id, level.name, [r for r in roadmap.rows if r.is_complete and r.level == level.id])
        for level in roadmap.framework.capacity_levels
    ]


LANE_HEAD = 0.9  # a lane's name, above its bars (in track heights)


def roadmap_chart(roadmap: Roadmap) -> Figure:
    """Months across; a lane per capacity level (its name above its bars); a numbered bar per
    complete row; milestone lines. The words of the bars and milestones are in a key below the
    chart: inside it they would not fit a phone."""
    span = span_months(roadmap)
    lanes = _lanes(roadmap)
    heights = [max(1, len(set(_tracks(roadmap, rows).values())) if rows else 1)
               for _, _, rows in lanes]
    total = sum(heights) + LANE_HEAD * len(lanes)
    numbers = {row.id: n for n, row in enumerate(roadmap.rows, start=1)}
    key = [wrap(f"{numbers[r.id]}. {r.intervention}", 40) for _, _, rows in lanes for r in rows]
    later, drawn = _milestones(roadmap, span)
    notes = _notes(roadmap, later, drawn)
    key_lines = sum(k.count("\n") + 1 for k in key + notes) + 1
    chart_h = 0.42 * total + 0.9
    height = 1.0 + chart_h + 0.25 * key_lines
    figure = Figure(figsize=(WIDTH, height))
    axes = figure.add_axes((0.1, 1 - (0.95 + chart_h - 0.45) / height, 0.8,
                            (chart_h - 0.9) / height))
    axes.set_xlim(0, span)
    axes.set_ylim(total, 0)
    ticks = list(range(0, span + 1, 12 * -(-span // 48)))  # at most five labels: they fit
    axes.set_xticks(ticks)
    axes.set_xticklabels(
        [dates.month(add_months(roadmap.started, m), short=True) for m in ticks],
        fontsize=SMALL, **TEXT,
    )  # fmt: skip
    axes.set_yticks([])
    top = 0.0
    for (level_id, name, rows), lane, colour in zip(lanes, heights, LANE_COLOURS, strict=False):
        axes.axhline(top, color=GREY, linewidth=0.8)
        axes.text(0.3, top + 0.1, name, ha="left", va="top", fontsize=SMALL, fontweight="bold",
                  **TEXT)  # fmt: skip
        tracks = _tracks(roadmap, rows)
        for row in rows:
            _bar(axes, roadmap, row, numbers[row.id], top + LANE_HEAD + tracks[row.id], colour,
                 span)
        if not rows:
            reason = roadmap.no_action.get(level_id)
            words = f"No action now: {_short(reason, 60)}" if reason else "No row yet"
            axes.text(0.3, top + LANE_HEAD + 0.5, wrap(words, 36), va="center", fontsize=SMALL,
                      style="italic", color=GREY, **TEXT)  # fmt: skip
        top += lane + LANE_HEAD
    axes.axhline(top, color=GREY, linewidth=0.8)
    for n, (x, _milestone) in enumerate(drawn, start=1):
        axes.axvline(x, color=MILESTONE, linestyle="--", linewidth=1.6)
        axes.plot([x], [0], marker="v", markersize=9, color=MILESTONE, clip_on=False)
        axes.text(x, -0.2, f"M{n}", ha="center", va="bottom", fontsize=SMALL, color=MILESTONE,
                  fontweight="bold")  # fmt: skip
    if roadmap.vision_year:
        x = months_from_start(roadmap, date(roadmap.vision_year, 12, 31))
        if 0 <= x <= span:
            axes.axvline(x, color=RED, linewidth=2.2)
    end = add_months(roadmap.started, span)
    figure.text(0.02, 1 - 0.08 / height, wrap(
        f"Capacity roadmap from {dates.month(roadmap.started)}, by capacity level "
        f"(to {dates.month(add_months(end, -1))})", 34), fontsize=TITLE, va="top")
    # The key is the chart's (its axes') text, placed in the figure below the lanes.
    axes.text(0.02, 1 - (0.95 + chart_h + 0.1) / height, "\n".join(key + [""] + notes),
              transform=figure.transFigure, clip_on=False, fontsize=SMALL, va="top", color=INK,
              **TEXT)  # fmt: skip
    return figure


def _bar(axes, roadmap: Roadmap, row: RoadmapRow, number: int, y: float, colour: str,
         span: int = 36) -> None:
    start, end = roadmap.horizon_months(row.horizon)
    axes.barh(
        y + 0.5,
        end - start,
        left=start,
        height=0.78,
        color=colour,
        edgecolor=EDGE,
        hatch=HATCHES.get(row.horizon, ""),
        linewidth=1,
    )
    axes.text(
        start + 0.6 * max(span, 36) / 36,
        y + 0.5,
        f"{number}.",
        va="center",
        fontsize=SMALL,
        fontweight="bold",
        color="black",
        bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"},
        **TEXT,
    )


def _milestones(roadmap: Roadmap, span: int) -> tuple[list[str], list]:
    """(the words for the milestones outside the chart, (x, milestone) of those inside)."""
    outside, inside = [], []
    for milestone in roadmap.milestones:
        x = months_from_start(roadmap, milestone.due)
        if not 0 <= x <= span:
            when = "before the start" if x < 0 else "later"
            outside.append(f"{milestone.year}: {_short(milestone.title, 40)} ({when})")
        else:
            inside.append((x, milestone))
    return outside, inside


def _notes(roadmap: Roadmap, outside: list[str], inside: list) -> list[str]:
    lines = [f"M{n}  {m.year}: {_short(m.title, 34)}" for n, (_, m) in enumerate(inside, 1)]
    lines.append(wrap("Plain bars: 0-12 months. Hatched bars: 12-36 months. Dotted bars: from "
                      "month 36 to the vision year. Dashed lines: milestones from Ex 7, due by "
                      "the end of their year.", 40))
    if outside:
        lines.append(wrap("Milestones outside this chart: " + "; ".join(outside) + ".", 40))
    if roadmap.vision_year:
        lines.append(f"Red line: Vision {roadmap.vision_year} (Ex 7).")
    drafts = [str(n) for n, row in enumerate(roadmap.rows, start=1) if not row.is_complete]
    if drafts:
        lines.append(wrap("Not drawn yet, still incomplete: row " + ", ".join(drafts) + ".", 40))
    return lines


def roadmap_alt_text(roadmap: Roadmap) -> str:
    """The chart's data in words: every lane, every bar, every milestone."""
    end = add_months(roadmap.started, span_months(roadmap) - 1)
    parts = [
        f"Roadmap chart from {dates.month(roadmap.started)} to {dates.month(end)}, "
        "one lane per capacity level."
    ]
    numbers = {row.id: n for n, row in enumerate(roadmap.rows, start=1)}
    guide = canvas_guide()
    for level_id, name, rows in _lanes(roadmap):
        if rows:
            bars = "; ".join(
                f"row {numbers[r.id]} '{r.intervention}' "
                f"({guide.horizon(r.horizon).label}, owner: {r.owner})"
                for r in rows
            )
            parts.append(f"{name}: {bars}.")
        elif level_id in roadmap.no_action:
            parts.append(f"{name}: no action now ({roadmap.no_action[level_id]}).")
        else:
            parts.append(f"{name}: no row yet.")
    if roadmap.milestones:
        listed = "; ".join(m.label for m in roadmap.milestones)
        parts.append(f"Milestones from Ex 7: {listed}.")
    else:
        parts.append("No milestones from Ex 7.")
    if roadmap.vision_year:
        parts.append(f"Vision year: {roadmap.vision_year}.")
    drafts = [str(n) for n, row in enumerate(roadmap.rows, start=1) if not row.is_complete]
    if drafts:
        parts.append("Not drawn, still incomplete: row " + ", ".join(drafts) + ".")
    return " ".join(parts)
