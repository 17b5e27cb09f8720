"""The charts of Ex 5: gaps, the team's spread of opinion, the benchmark and the
stakeholder map. Each comes with a function that says in words what it shows."""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

from dgtkit.charts import COLOURS, GREY, INK, SMALL, TITLE, WIDTH, wrap
from dgtkit.models.assessment import TeamAssessment
from dgtkit.models.peers import PEER_GROUPS, Benchmark
from dgtkit.models.stakeholders import HIGH, QUADRANTS, StakeholderMap

BLUE, ORANGE = COLOURS[0], COLOURS[1]
PEER_STYLES = {"un_region": ("--", "s"), "un_sub_region": (":", "^"), "income_group": ("-.", "D")}


def _short(text: str, width: int = 28) -> str:
    return textwrap.shorten(text, width, placeholder="…")


def gap_chart(assessment: TeamAssessment) -> Figure:
    """Today's level (circle) and the target (diamond) per pillar, joined by the gap."""
    framework = assessment.framework
    pillars = list(reversed(framework.pillars))
    figure = Figure(figsize=(WIDTH - 0.7, 7.4))  # its pillar names stand out to the left
    axes = figure.add_subplot()
    figure.subplots_adjust(left=0.42, right=0.97, top=0.92)
    top = len(framework.maturity_levels)
    for row, pillar in enumerate(pillars):
        now, goal = assessment.current[pillar.id], assessment.target[pillar.id]
        if now is not None and goal is not None:
            axes.plot([now, goal], [row, row], color=GREY, linewidth=3, zorder=1)
            axes.annotate(
                f"gap {goal - now}",
                (max(now, goal), row),
                xytext=(8, -4),
                textcoords="offset points",
                fontsize=SMALL,
            )
        if now is not None:
            axes.scatter([now], [row], s=70, color=BLUE, marker="o", zorder=2)
        if goal is not None:
            axes.scatter([goal], [row], s=80, color=ORANGE, marker="D", zorder=3)
        if now is None or goal is None:
            axes.annotate(
                "not set yet",
                (1, row),
                xytext=(0, -4),
                textcoords="offset points",
                fontsize=SMALL,
                color=GREY,
                style="italic",
            )
    axes.set_yticks(range(len(pillars)), [_pillar(p.name) for p in pillars], fontsize=SMALL)
    axes.set_xticks(range(1, top + 1), [str(level) for level in range(1, top + 1)],
                    fontsize=SMALL)
    axes.set_xlabel(_levels(framework), fontsize=SMALL, x=0.3)
    axes.set_xlim(0.6, top + 1.3)
    axes.set_ylim(-0.6, len(pillars) - 0.4)
    axes.grid(axis="x", color="#dddddd")
    axes.spines[["top", "right"]].set_visible(False)
    axes.scatter([], [], s=70, color=BLUE, marker="o", label="Today (circle)")
    axes.scatter([], [], s=80, color=ORANGE, marker="D", label="Target (diamond)")
    axes.legend(loc="upper left", bbox_to_anchor=(-0.1, -0.2), ncols=1, fontsize=SMALL,
                frameon=False)
    axes.set_title(wrap("Capacity gaps: today's level and the target", 36), fontsize=TITLE,
                   loc="left", x=-0.72)  # from the left edge of the pillar names
    return figure


def _pillar(name: str) -> str:
    """A pillar's name on lines short enough to leave the chart room on a phone."""
    return textwrap.fill(_short(name, 44), 17)


def _levels(framework) -> str:
    """The maturity scale in words, for an axis whose ticks are its numbers."""
    return wrap(", ".join(lv.label for lv in framework.maturity_levels), 34)


def gap_alt_text(assessment: TeamAssessment) -> str:
    gaps = assessment.gaps()
    if not gaps:
        return (
            "Chart of capacity gaps by pillar. No pillar has both today's level and a target yet."
        )
    parts = [f"{g.name}: today {g.current}, target {g.target}, gap {g.gap}" for g in gaps]
    missing = len(assessment.missing)
    tail = f" {missing} pillars not set yet." if missing else ""
    return "Chart of capacity gaps, biggest first. " + "; ".join(parts) + "." + tail


def spread_chart(assessment: TeamAssessment) -> Figure:
    """Each member's own rating per pillar, so the team sees where it disagrees."""
    framework = assessment.framework
    pillars = list(reversed(framework.pillars))
    figure = Figure(figsize=(WIDTH - 0.6, 7.0))  # its pillar names stand out to the left
    axes = figure.add_subplot()
    figure.subplots_adjust(left=0.42, right=0.97, top=0.9)
    wide = {d.pillar for d in assessment.disagreements()}
    numbers = {name: n for n, name in enumerate(assessment.members, start=1)}
    for row, pillar in enumerate(pillars):
        rated = sorted((r[pillar.id], name) for name, r in assessment.members.items()
                       if r[pillar.id] is not None)
        levels = [level for level, _ in rated]
        if len(levels) >= 2:
            axes.plot([min(levels), max(levels)], [row, row], color=GREY, linewidth=2, zorder=1)
        seen: dict[int, int] = {}
        for level, name in rated:
            place = seen.get(level, 0)  # members on the same level stand one above another
            seen[level] = place + 1
            y = row + 0.18 - place * 0.22
            axes.scatter([level], [y], s=36, color=BLUE, zorder=2)
            axes.annotate(str(numbers[name]), (level, y), xytext=(4, -2),
                          textcoords="offset points", fontsize=SMALL, color=INK)
        if pillar.id in wide:
            axes.annotate(
                "talk it\nthrough",
                (len(framework.maturity_levels) + 0.25, row),
                fontsize=SMALL,
                color=ORANGE,
                fontweight="bold",
                va="center",
            )
    axes.set_yticks(range(len(pillars)), [_pillar(p.name) for p in pillars], fontsize=SMALL)
    axes.set_xticks(range(1, len(framework.maturity_levels) + 1))
    axes.tick_params(axis="x", labelsize=SMALL)
    axes.set_xlim(0.6, len(framework.maturity_levels) + 2.4)
    axes.set_xlabel(wrap("Level chosen by each member (each dot is numbered: the key below names "
                         "the members)", 30), fontsize=SMALL)
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_title(wrap("Where the team agrees and where it does not", 36), fontsize=TITLE,
                   loc="left", x=-0.72)  # from the left edge of the pillar names
    if numbers:  # the members, named in a key below: beside their dots they would overlap
        key = "   ".join(f"{n} {_short(name, 16)}" for name, n in numbers.items())
        figure.text(0.02, 0.0, wrap("Members: " + key, 40), fontsize=SMALL, va="top",
                    color=INK, parse_math=False)
    return figure


def spread_alt_text(assessment: TeamAssessment) -> str:
    if not assessment.members:
        return "Chart of members' ratings. No member has rated yet."
    disagreements = assessment.disagreements()
    text = f"Chart of the ratings of {len(assessment.members)} members per pillar. "
    if not disagreements:
        return text + "Members are at most one level apart on every pillar."
    framework = assessment.framework
    return (
        text
        + "Members disagree by two levels or more on: "
        + "; ".join(
            f"{framework.pillar(d.pillar).name} (from {d.lowest} to {d.highest})"
            for d in disagreements
        )
        + "."
    )


def trend_chart(benchmark: Benchmark) -> Figure:
    """The country's EGDI in every edition against the median of each peer group."""
    figure = Figure(figsize=(WIDTH, 5.6))
    axes = figure.add_subplot()
    country = benchmark.country.dropna(subset=["egdi"])
    axes.plot(
        country.year, country.egdi, color=BLUE, marker="o", linewidth=2.5, label=benchmark.name
    )
    for group, (style, marker) in PEER_STYLES.items():
        medians = benchmark.peer_medians(group)
        if not medians.empty:
            axes.plot(
                medians.index,
                medians.values,
                color=GREY,
                linestyle=style,
                marker=marker,
                markersize=4,
                label=wrap(f"Median: {benchmark.peer_label(group)}", 34),
            )
    axes.set_ylim(0, 1)
    axes.set_ylabel("EGDI (0-1)", fontsize=SMALL)
    years = sorted(benchmark.survey.year.unique())
    axes.set_xticks(years[::2] if years[-1] in years[::2] else years[1::2])
    axes.tick_params(labelsize=SMALL)
    axes.tick_params(axis="x", labelrotation=45)
    axes.legend(fontsize=SMALL, frameon=False, loc="upper left", bbox_to_anchor=(-0.2, -0.22))
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_title(
        wrap(f"EGDI of {benchmark.name} and its peers, 2003-{benchmark.latest_year}", 32),
        fontsize=TITLE,
        loc="left",
        parse_math=False,
    )
    return figure


def trend_alt_text(benchmark: Benchmark) -> str:
    country = benchmark.country.dropna(subset=["egdi"])
    first, last = country.iloc[0], country.iloc[-1]
    return (
        f"Line chart of the EGDI of {benchmark.name} from {int(first.year)} "
        f"({first.egdi:.2f}) to {int(last.year)} ({last.egdi:.2f}), with the median of its "
        "region, sub-region and income group in each edition. "
        + " ".join(benchmark.evidence()[1:4])
    )


def components_chart(benchmark: Benchmark) -> Figure:
    """Latest EGDI components of the country against each peer group's median."""
    table = benchmark.latest_vs_peers()
    figure = Figure(figsize=(WIDTH, 7.6))
    axes = figure.add_subplot()
    columns = list(table.columns)
    labels = {c: wrap(f"Median: {benchmark.peer_label(c)}", 34) for c in columns
              if c != "country"}
    _bars_across(axes, table, {"country": benchmark.name, **labels})
    axes.set_yticks(range(len(table)), [i.upper() for i in table.index], fontsize=SMALL)
    axes.set_xlim(0, 1.25)
    axes.tick_params(labelsize=SMALL)
    axes.legend(fontsize=SMALL, frameon=False, loc="upper left", bbox_to_anchor=(-0.2, -0.08))
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_title(
        wrap(f"{benchmark.name} against its peers, {benchmark.latest_year}", 32),
        fontsize=TITLE,
        loc="left",
        parse_math=False,
    )
    return figure


def _bars_across(axes, table, labels: dict) -> None:
    """One horizontal bar per column of ``table`` for each row (top to bottom), each column with
    its colour and hatch, every bar labelled with its value: on a phone the values fit."""
    from dgtkit.charts import HATCHES

    height = 0.8 / len(table.columns)
    for i, column in enumerate(table.columns):
        positions = [y + (i - (len(table.columns) - 1) / 2) * height for y in range(len(table))]
        bars = axes.barh(positions, table[column], height, label=labels[column],
                         color=COLOURS[i], hatch=HATCHES[i], edgecolor="white")
        axes.bar_label(bars, fmt="%.2f", fontsize=SMALL, padding=2)
    axes.invert_yaxis()


def components_alt_text(benchmark: Benchmark) -> str:
    table = benchmark.latest_vs_peers()
    parts = []
    for index in table.index:
        peers = ", ".join(
            f"{PEER_GROUPS[c]} {table.loc[index, c]:.2f}" for c in table.columns if c != "country"
        )
        parts.append(f"{index.upper()} {table.loc[index, 'country']:.2f} (medians: {peers})")
    intro = f"Bar chart of the {benchmark.latest_year} EGDI and its components for "
    return intro + f"{benchmark.name} against the median of its peers: {'; '.join(parts)}."


def distribution_chart(benchmark: Benchmark) -> Figure:
    """Histogram of every Member State's latest EGDI with this country marked."""
    latest = benchmark.survey[benchmark.survey.year == benchmark.latest_year].egdi.dropna()
    figure = Figure(figsize=(WIDTH, 4.2))
    axes = figure.add_subplot()
    axes.hist(latest, bins=[i / 20 for i in range(21)], color="#9ecae1", edgecolor="white")
    value = benchmark.latest.egdi
    axes.axvline(value, color=ORANGE, linewidth=2.5, linestyle="--")
    axes.annotate(
        f"{benchmark.name}: {value:.2f}\n(higher than\n{benchmark.percentile():.0f}%)",
        (value, axes.get_ylim()[1] * 0.95),
        xytext=(6 if value < 0.55 else -6, 0),
        textcoords="offset points",
        ha="left" if value < 0.55 else "right",
        va="top",
        fontsize=SMALL,
        color=INK,
        parse_math=False,
        bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
    )
    axes.set_xlim(0, 1)
    axes.set_xlabel(f"EGDI {benchmark.latest_year}", fontsize=SMALL)
    axes.set_ylabel("Member States", fontsize=SMALL)
    axes.tick_params(labelsize=SMALL)
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_title(wrap("Where it stands among the 193 Member States", 32), fontsize=TITLE,
                   loc="left")
    return figure


def distribution_alt_text(benchmark: Benchmark) -> str:
    return (
        f"Histogram of the EGDI {benchmark.latest_year} of the 193 Member States, with "
        f"{benchmark.name} marked at {benchmark.latest.egdi:.2f}: higher than "
        f"{benchmark.percentile():.0f}% of Member States, rank "
        f"{int(benchmark.latest['rank'])}."
    )


def stakeholder_chart(stakeholders: StakeholderMap) -> Figure:
    """The power/interest grid: four named quadrants, each stakeholder a numbered point."""
    figure = Figure(figsize=(WIDTH, 6.4))
    axes = figure.add_subplot()
    middle = HIGH - 0.5
    axes.axhline(middle, color=GREY, linewidth=1)
    axes.axvline(middle, color=GREY, linewidth=1)
    # The quadrants' names sit in bands above and below the grid of scores (power 1 to 10),
    # where no stakeholder can be, so that no name is ever drawn over them.
    corners = {
        (True, True): (10.4, 12.3, "right", "top"),
        (True, False): (0.6, 12.3, "left", "top"),
        (False, True): (10.4, -1.3, "right", "bottom"),
        (False, False): (0.6, -1.3, "left", "bottom"),
    }
    for key, (name, _strategy) in QUADRANTS.items():
        x, y, align, vertical = corners[key]
        axes.annotate(name, (x, y), fontsize=SMALL, fontweight="bold", ha=align, va=vertical,
                      color=INK, bbox={"boxstyle": "round,pad=0.25", "facecolor": "#f1f1f1",
                                       "edgecolor": GREY, "linewidth": 0.6})
    for number, s in enumerate(stakeholders.stakeholders, start=1):
        axes.scatter([s.interest], [s.power], s=380, color=BLUE, zorder=2)
        axes.annotate(
            str(number),
            (s.interest, s.power),
            ha="center",
            va="center",
            fontsize=SMALL,
            color="white",
            fontweight="bold",
            zorder=3,
        )
    axes.set_xlim(0.5, 10.5)
    axes.set_ylim(-1.5, 12.5)  # the quadrants' names in bands above and below the grid
    axes.set_yticks(range(1, 11, 3))
    for edge in (0.5, 10.5):
        axes.axhline(edge, color="#bbbbbb", linewidth=0.6)
    axes.tick_params(labelsize=SMALL)
    axes.set_xlabel("Interest (1 none, 10 decisive)", fontsize=SMALL)
    axes.set_ylabel("Power (1 none, 10 decisive)", fontsize=SMALL)
    axes.set_title(wrap("Stakeholder map: power and interest", 32), fontsize=TITLE, loc="left")
    # The names in a key below the grid: beside their points they would cover each other.
    key = [f"{n}  {_short(s.name, 34)}" for n, s in enumerate(stakeholders.stakeholders, 1)]
    strategies = [f"{name}: {strategy}" for name, strategy in QUADRANTS.values()]
    figure.text(0.02, 0.0, "\n".join(key + [""] + [wrap(s, 40) for s in strategies]),
                fontsize=SMALL, va="top", color=INK, parse_math=False)
    return figure


def stakeholder_alt_text(stakeholders: StakeholderMap) -> str:
    if not stakeholders.stakeholders:
        return "Stakeholder map with four quadrants. No stakeholder has been added yet."
    groups = stakeholders.by_quadrant()
    parts = [
        f"{quadrant}: " + ", ".join(s.name for s in members)
        for quadrant, members in groups.items()
        if members
    ]
    return (
        "Stakeholder map of power against interest, "
        f"{len(stakeholders.stakeholders)} "
        "stakeholders. " + "; ".join(parts) + "."
    )
