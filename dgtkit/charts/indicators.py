"""The Ex 11 progress chart: one indicator from its baseline, through the values measured, to
its target, every value labelled; with its alt text.

Colour is never the only signal: the baseline is a square, actual values are circles on a
solid line, the target is a star, the planned path is dashed, and each point is named.
Every text a participant typed is drawn with ``parse_math=False``.
"""

from __future__ import annotations

import textwrap

from matplotlib.dates import DateFormatter
from matplotlib.figure import Figure

from dgtkit.charts import BLUE, GREY, RED, SMALL, TITLE, WIDTH, wrap
from dgtkit.models import dates
from dgtkit.models.indicators import Indicator, is_yes_no

TEXT = {"parse_math": False}


def _points(indicator: Indicator) -> list[tuple[str, object, float]]:
    """(kind, date, value) for the baseline, each actual value and the target, in time order."""
    points = []
    if indicator.baseline is not None and indicator.baseline_date:
        points.append(("baseline", indicator.baseline_date, indicator.baseline))
    points += [("actual", a.day, a.value) for a in indicator.actuals]
    if indicator.target is not None and indicator.target_date:
        points.append(("target", indicator.target_date, indicator.target))
    return points


def progress_chart(indicator: Indicator) -> Figure:
    """Dates across, values up: baseline (square), actual values (circles), target (star)."""
    figure = Figure(figsize=(WIDTH, 6.2))
    axes = figure.add_axes((0.2, 0.36, 0.76, 0.44))
    name = textwrap.shorten(indicator.name or "Indicator without a name", 80, placeholder="...")
    axes.set_title(wrap(f"{name}: baseline, values measured, target", 36), fontsize=TITLE,
                   x=-0.24, ha="left", pad=30, **TEXT)  # from the chart's left edge
    points = _points(indicator)
    if not points:
        axes.set_xticks([])
        axes.set_yticks([])
        axes.text(
            0.5,
            0.5,
            wrap("No baseline, value measured or target with a date yet", 28),
            ha="center",
            va="center",
            fontsize=SMALL,
            color=GREY,
            transform=axes.transAxes,
        )
        return figure
    base = [p for p in points if p[0] == "baseline"]
    target = [p for p in points if p[0] == "target"]
    actual = [p for p in points if p[0] == "actual"]
    if base and target:
        axes.plot(
            [base[0][1], target[0][1]],
            [base[0][2], target[0][2]],
            linestyle="--",
            color=GREY,
            linewidth=1.2,
            label="Planned path",
        )
    if actual:
        line = base + actual
        axes.plot(
            [p[1] for p in line],
            [p[2] for p in line],
            color=BLUE,
            linewidth=2,
            marker="o",
            markersize=7,
            label="Values measured",
        )
    if base:
        axes.plot(
            [base[0][1]],
            [base[0][2]],
            marker="s",
            markersize=10,
            color=GREY,
            linestyle="none",
            label="Baseline",
        )
    if target:
        axes.plot(
            [target[0][1]],
            [target[0][2]],
            marker="*",
            markersize=16,
            color=RED,
            linestyle="none",
            label="Target",
        )
    for kind, day, value in points:
        words = {"baseline": "Baseline ", "target": "Target ", "actual": ""}[kind]
        words += indicator.value_text(value)
        colour = {"baseline": GREY, "target": RED, "actual": BLUE}[kind]
        axes.annotate(
            words,
            (day, value),
            textcoords="offset points",
            xytext=(0, 10),
            ha="center",
            fontsize=SMALL,
            color=colour,
            fontweight="bold",
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
            **TEXT,
        )
    _value_axis(axes, indicator, [p[2] for p in points])
    axes.margins(x=0.18)
    axes.xaxis.set_major_formatter(DateFormatter("%b %Y"))
    axes.xaxis.set_major_locator(_year_ticks(points))
    axes.tick_params(labelsize=SMALL)
    for label in axes.get_xticklabels():
        label.set(rotation=35, ha="right", rotation_mode="anchor")
    axes.legend(loc="upper left", bbox_to_anchor=(-0.24, -0.32), ncol=2, fontsize=SMALL,
                frameon=False)
    return figure


def _year_ticks(points):
    """A tick a year (or every few years): month-year labels fit a phone's chart."""
    from matplotlib.dates import YearLocator

    years = {day.year for _, day, _ in points}
    return YearLocator(max(1, (max(years) - min(years) + 3) // 4))


def _value_axis(axes, indicator: Indicator, values: list[float]) -> None:
    if is_yes_no(indicator.unit):
        axes.set_ylim(-0.4, 1.5)
        axes.set_yticks([0, 1])
        axes.set_yticklabels(["No", "Yes"])
        return
    low, high = min(values), max(values)
    pad = (high - low) * 0.2 or max(abs(high) * 0.2, 1)
    axes.set_ylim(low - pad, high + pad)
    axes.set_ylabel(textwrap.shorten(indicator.unit or "value", 24), fontsize=SMALL, **TEXT)


def progress_alt_text(indicator: Indicator) -> str:
    """The chart's data in words, with how far the latest value has come."""
    name = indicator.name or "an indicator without a name"
    unit = f" ({indicator.unit})" if indicator.unit else ""
    parts = [f"Progress chart of '{name}'{unit}."]
    if indicator.baseline is not None and indicator.baseline_date:
        value = indicator.value_text(indicator.baseline)
        parts.append(f"Baseline {value} on {dates.day(indicator.baseline_date)}.")
    else:
        parts.append("No baseline with a date yet.")
    if indicator.actuals:
        listed = "; ".join(
            f"{indicator.value_text(a.value)} on {dates.day(a.day)}" for a in indicator.actuals
        )
        parts.append(f"Values measured: {listed}.")
    else:
        parts.append("No value measured yet.")
    if indicator.target is not None and indicator.target_date:
        value = indicator.value_text(indicator.target)
        parts.append(f"Target {value} by {dates.day(indicator.target_date)}.")
    else:
        parts.append("No target with a date yet.")
    share = progress_share(indicator)
    if share is not None:
        latest = indicator.value_text(indicator.actuals[-1].value)
        parts.append(
            f"The latest value, {latest}, covers {share}% of the way "
            "from the baseline to the target."
        )
    return " ".join(parts)


def progress_share(indicator: Indicator) -> int | None:
    """How far the latest value has come from the baseline to the target, in per cent."""
    if not indicator.actuals or indicator.baseline is None or indicator.target is None:
        return None
    if indicator.target == indicator.baseline:
        return None
    latest = indicator.actuals[-1].value
    return round(100 * (latest - indicator.baseline) / (indicator.target - indicator.baseline))
