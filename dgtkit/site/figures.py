"""The data figures of the book's session pages, drawn from ``data/`` at build time.

A page shows one with ``show("egdi-by-region-2024")``: the chart as an image whose alt text
gives the data in words, and a caption that names the source.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from dgtkit.charts import COLOURS, MARKERS, figure_html, grouped_bars
from dgtkit.course import data

INCOME_SHORT = {
    "Low income": "Low",
    "Lower middle income": "Lower middle",
    "Upper middle income": "Upper middle",
    "High income": "High",
}


@dataclass(frozen=True)
class BookFigure:
    figure: Figure
    alt: str
    caption: str

    def html(self) -> str:
        return figure_html(self.figure, self.alt, self.caption)


def _axes(width: float = 7.5, height: float = 4.2):
    figure = Figure(figsize=(width, height))
    return figure, figure.add_subplot()


def _tidy(axes, title: str) -> None:
    axes.set_title(textwrap.fill(title, 70), fontsize=11, loc="left")
    axes.spines[["top", "right"]].set_visible(False)


def _latest_survey() -> pd.DataFrame:
    survey = data.egov_survey()
    return survey[survey.year == survey.year.max()].dropna(subset=["egdi"])


def _fmt(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}f}"


def _dot_row(axes, row: int, values: pd.Series, median_label: str) -> float:
    """One group as a row of dots (slightly spread so none hides another) and its median."""
    values = values.sort_values()
    spread = [((i % 7) - 3) * 0.05 for i in range(len(values))]
    axes.scatter(values, [row + s for s in spread], s=14, color=COLOURS[row],
                 marker=MARKERS[row], alpha=0.8)  # fmt: skip
    median = values.median()
    axes.plot([median] * 2, [row - 0.35, row + 0.35], color="#222", linewidth=2)
    axes.annotate(median_label.format(median), (median, row + 0.38), fontsize=8, ha="center")
    return median


def _scatter_by_region(axes, frame: pd.DataFrame, x: str, y: str) -> None:
    """One point per country, marker shape and colour by UN region, with a legend."""
    for i, region in enumerate(data.REGIONS):
        part = frame[frame.un_region == region]
        axes.scatter(part[x], part[y], s=16, color=COLOURS[i], marker=MARKERS[i],
                     label=region, alpha=0.8)  # fmt: skip
    axes.legend(title="Region (marker shape)", fontsize=8, title_fontsize=8, frameon=False)


def egdi_by_region_2024() -> BookFigure:
    latest = _latest_survey()
    figure, axes = _axes(7.5, 3.8)
    medians = {}
    for row, region in enumerate(reversed(data.REGIONS)):
        values = latest.loc[latest.un_region == region, "egdi"]
        medians[region] = _dot_row(axes, row, values, "median {:.2f}")
    axes.set_yticks(range(len(data.REGIONS)), list(reversed(data.REGIONS)))
    axes.set_xlim(0, 1)
    axes.set_xlabel("EGDI 2024 (0 = lowest, 1 = highest)")
    year = int(latest.year.max())
    _tidy(axes, f"E-Government Development Index {year}, one dot per Member State")
    ranked = sorted(medians.items(), key=lambda item: -item[1])
    top, bottom = latest.nlargest(1, "egdi").iloc[0], latest.nsmallest(1, "egdi").iloc[0]
    alt = (
        f"Dot plot of the EGDI {year} of the {len(latest)} UN Member States, grouped by "
        "region. Median by region: "
        + "; ".join(f"{r} {_fmt(v)}" for r, v in ranked)
        + f". Highest: {top.country} {_fmt(top.egdi, 3)}; lowest: {bottom.country} "
        f"{_fmt(bottom.egdi, 3)}."
    )
    caption = (
        f"EGDI {year} by region; the vertical bar marks each region's median. "
        f"Source: UN DESA, E-Government Survey {year}."
    )
    return BookFigure(figure, alt, caption)


RECENT = 2015  # internet-use figures leave out countries whose latest value is older


def _recent_internet_users() -> pd.DataFrame:
    users = data.internet_users()
    return users[users.year >= RECENT]


def _with_internet_use() -> pd.DataFrame:
    return _latest_survey().merge(_recent_internet_users(), on="iso3", suffixes=("", "_itu"))


def egdi_vs_internet_use() -> BookFigure:
    joined = _with_internet_use()
    figure, axes = _axes(7.5, 4.6)
    _scatter_by_region(axes, joined, "internet_users_pct", "egdi")
    axes.set_xlabel("People using the internet, % of population (latest year)")
    axes.set_ylabel("EGDI 2024")
    axes.set_xlim(0, 100)
    axes.set_ylim(0, 1)
    correlation = joined.internet_users_pct.corr(joined.egdi)
    _tidy(axes, "Countries where more people are online score higher on the EGDI")
    low = joined[joined.internet_users_pct < 50]
    alt = (
        f"Scatter plot of {len(joined)} Member States: share of people using the internet "
        "(horizontal) against EGDI 2024 (vertical), marker shape by region. The points rise "
        f"from lower left to upper right (correlation {_fmt(correlation)}). In the "
        f"{len(low)} countries where fewer than half the people are online, the median EGDI "
        f"is {_fmt(low.egdi.median())}; where at least half are online it is "
        f"{_fmt(joined[joined.internet_users_pct >= 50].egdi.median())}."
    )
    caption = (
        f"Correlation {_fmt(correlation)}: a strong link, not proof of cause. Sources: UN DESA, "
        f"E-Government Survey 2024; ITU via the World Bank (IT.NET.USER.ZS), latest year "
        f"per country, {RECENT} or later."
    )
    return BookFigure(figure, alt, caption)


def _grouped_bars(axes, table: pd.DataFrame, labels: dict[str, str], fmt: str) -> None:
    grouped_bars(axes, table, labels, fmt)
    axes.legend(fontsize=8, frameon=False, ncols=len(table.columns), loc="upper left")


def _by_income(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    medians = frame.groupby("income_group")[columns].median()
    medians = medians.reindex(list(data.INCOME_GROUPS))
    return medians.rename(index=INCOME_SHORT)


def egdi_components_by_income_2024() -> BookFigure:
    latest = _latest_survey()
    table = _by_income(latest, ["osi", "tii", "hci"])
    figure, axes = _axes(7.5, 4.2)
    labels = {
        "osi": "Online services (OSI)",
        "tii": "Infrastructure (TII)",
        "hci": "Human capital (HCI)",
    }
    _grouped_bars(axes, table, labels, "%.2f")
    axes.set_ylim(0, 1.12)
    axes.set_ylabel("Median score (0-1)")
    axes.set_xlabel("World Bank income group")
    year = int(latest.year.max())
    _tidy(axes, f"The three parts of the EGDI {year}, by income group")
    alt = f"Grouped bar chart of median EGDI {year} components by World Bank income group. " + (
        "; ".join(
            f"{group} income: OSI {_fmt(row.osi)}, TII {_fmt(row.tii)}, HCI {_fmt(row.hci)}"
            for group, row in table.iterrows()
        )
        + "."
    )
    caption = (
        f"Median of the Member States in each group. Sources: UN DESA, E-Government Survey "
        f"{year}; World Bank income classification."
    )
    return BookFigure(figure, alt, caption)


def internet_use_by_income() -> BookFigure:
    members = data.member_states()
    joined = members.merge(_recent_internet_users(), on="iso3")
    figure, axes = _axes(7.5, 3.8)
    summary = []
    for row, group in enumerate(data.INCOME_GROUPS):
        values = joined.loc[joined.income_group == group, "internet_users_pct"]
        median = _dot_row(axes, row, values, "median {:.0f}%")
        summary.append(
            f"{INCOME_SHORT[group]} income: median {median:.0f}% "
            f"(from {values.min():.0f}% to {values.max():.0f}%)"
        )
    axes.set_yticks(range(4), [f"{INCOME_SHORT[g]} income" for g in data.INCOME_GROUPS])
    axes.set_xlim(0, 100)
    axes.set_xlabel("People using the internet, % of population (latest year)")
    _tidy(axes, "Who is online: internet use by income group, one dot per Member State")
    alt = (
        f"Dot plot of the share of people using the internet in {len(joined)} Member States, "
        "grouped by World Bank income group. " + "; ".join(summary) + "."
    )
    caption = (
        f"Latest year per country, {RECENT} or later. Sources: ITU via the World Bank "
        "(IT.NET.USER.ZS); World Bank income classification."
    )
    return BookFigure(figure, alt, caption)


def mobile_coverage_by_income() -> BookFigure:
    members = data.member_states()
    joined = members.merge(data.mobile_coverage(), on="iso3")
    columns = ["coverage_2g_pct", "coverage_3g_pct", "coverage_4g_pct"]
    table = _by_income(joined, columns)
    figure, axes = _axes(7.5, 4.2)
    labels = {c: f"{c[9:11].upper()} network" for c in columns}
    _grouped_bars(axes, table, labels, "%.0f")
    axes.set_ylim(0, 112)
    axes.set_ylabel("Median % of population covered")
    axes.set_xlabel("World Bank income group")
    _tidy(axes, "Mobile network coverage by income group (SDG indicator 9.c.1)")
    alt = (
        "Grouped bar chart of the median share of the population covered by mobile networks, "
        "by World Bank income group. "
        + (
            "; ".join(
                f"{group} income: 2G {row.coverage_2g_pct:.0f}%, 3G {row.coverage_3g_pct:.0f}%, "
                f"4G {row.coverage_4g_pct:.0f}%"
                for group, row in table.iterrows()
            )
            + "."
        )
    )
    caption = (
        f"Median of {len(joined)} Member States, latest year per country. Sources: ITU, SDG "
        "indicator 9.c.1, via Our World in Data; World Bank income classification."
    )
    return BookFigure(figure, alt, caption)


LEADERS = {
    "DNK": "Denmark",
    "EST": "Estonia",
    "SGP": "Singapore",
    "KOR": "Rep. of Korea",
    "GBR": "United Kingdom",
}


def egdi_leaders_over_time() -> BookFigure:
    survey = data.egov_survey()
    figure, axes = _axes(7.5, 4.4)
    lines = []
    for i, (iso3, name) in enumerate(LEADERS.items()):
        series = survey[survey.iso3 == iso3].dropna(subset=["rank"]).sort_values("year")
        axes.plot(
            series.year,
            series["rank"],
            marker=MARKERS[i],
            color=COLOURS[i],
            linestyle=("-", "--", ":", "-.", "-")[i],
            label=name,
        )
        last = series.iloc[-1]
        axes.annotate(
            name,
            (last.year, last["rank"]),
            xytext=(6, 0),
            textcoords="offset points",
            fontsize=8,
            va="center",
        )
        ranks = zip(series.year, series["rank"], strict=True)
        lines.append(f"{name}: " + ", ".join(f"{int(y)} {int(r)}" for y, r in ranks))
    axes.set_yticks([1, 5, 10, 15, 20])
    axes.invert_yaxis()
    axes.set_ylabel("EGDI rank (1 = first)")
    axes.set_xticks(sorted(survey.year.unique()))
    axes.tick_params(axis="x", labelrotation=45, labelsize=8)
    axes.set_xlim(survey.year.min() - 0.5, survey.year.max() + 4)
    _tidy(axes, "Rank of five leading countries in every E-Government Survey, 2003-2024")
    alt = "Line chart of EGDI ranks by Survey edition (year rank). " + "; ".join(lines) + "."
    caption = (
        "Ranks, not scores: the Survey's method changed between editions, so scores are not "
        "comparable across years. Source: UN DESA, E-Government Surveys 2003-2024."
    )
    return BookFigure(figure, alt, caption)


def gtmi_groups_by_wave() -> BookFigure:
    table = data.gtmi().groupby(["group", "year"]).size().unstack("year").sort_index()
    figure, axes = _axes(7.5, 4.0)
    labels = {year: f"{year} ({table[year].sum()} economies)" for year in table.columns}
    _grouped_bars(axes, table, labels, "%d")
    axes.set_xticks(range(len(table)), [f"Group {g}" for g in table.index])
    axes.set_ylabel("Number of economies")
    axes.set_ylim(0, table.to_numpy().max() * 1.2)
    _tidy(axes, "GovTech Maturity Index: economies in groups A (leaders) to D")
    alt = (
        "Grouped bar chart of the number of economies in each GTMI group. "
        + "; ".join(
            f"Group {g}: " + ", ".join(f"{int(n)} in {y}" for y, n in row.items())
            for g, row in table.iterrows()
        )
        + "."
    )
    caption = "Source: World Bank, GovTech Dataset 2020, 2022 and 2025 (CC BY 4.0)."
    return BookFigure(figure, alt, caption)


DGI_DIMENSIONS = {
    "digital_design": "Digital by design",
    "data_driven": "Data-driven public sector",
    "govt_as_platform": "Government as a platform",
    "open_default": "Open by default",
    "user_driven": "User-driven",
    "proactiveness": "Proactiveness",
}


def oecd_dgi_2023_dimensions() -> BookFigure:
    dgi = data.oecd_dgi()
    top = dgi.sort_values("composite_rank").iloc[0]
    average = dgi[list(DGI_DIMENSIONS)].mean()
    table = pd.DataFrame(
        {"average": average, "top": top[list(DGI_DIMENSIONS)].astype(float)}
    ).rename(index=DGI_DIMENSIONS)
    name = "Korea" if top.iso3 == "KOR" else top.iso3
    figure, axes = _axes(7.5, 4.2)
    labels = {"average": f"Average of {len(dgi)} countries", "top": f"{name} (ranked 1st)"}
    _grouped_bars(axes, table, labels, "%.2f")
    axes.set_xticks(range(len(table)), [textwrap.fill(t, 12) for t in table.index], fontsize=8)
    axes.set_ylim(0, 1.15)
    axes.set_ylabel("Score (0-1)")
    _tidy(axes, "OECD Digital Government Index 2023: the six dimensions")
    alt = f"Grouped bar chart of the six DGI 2023 dimensions, the average of {len(dgi)} " + (
        f"countries against {name}: "
        + "; ".join(f"{d}: {_fmt(r.average)} against {_fmt(r.top)}" for d, r in table.iterrows())
        + "."
    )
    caption = "Source: OECD, 2023 Digital Government Index (2024)."
    return BookFigure(figure, alt, caption)


def losi_regions_2020() -> BookFigure:
    table = data.losi_regions().sort_values("losi_average")
    figure, axes = _axes(7.0, 3.4)
    is_world = table.region == "World"
    bars = axes.barh(
        table.region,
        table.losi_average,
        color=["#555555" if w else COLOURS[0] for w in is_world],
        hatch=["//" if w else "" for w in is_world],
        edgecolor="white",
    )
    axes.bar_label(bars, fmt="%.2f", fontsize=8, padding=2)
    axes.set_xlim(0, 0.65)
    axes.set_xlabel("Average LOSI 2020 of the cities assessed (0-1)")
    _tidy(axes, "Local Online Service Index 2020: city portals by region")
    alt = (
        "Bar chart of average LOSI 2020 scores by region: "
        + "; ".join(f"{r.region} {_fmt(r.losi_average)}" for r in table.iloc[::-1].itertuples())
        + ". The World bar is hatched grey."
    )
    caption = (
        "Averages over the 100 cities assessed in 2020, so each covers only some cities. "
        "Source: UN DESA, E-Government Survey 2020 (Data Center export)."
    )
    return BookFigure(figure, alt, caption)


def epi_vs_osi_2024() -> BookFigure:
    latest = _latest_survey()
    figure, axes = _axes(6.4, 5.0)
    _scatter_by_region(axes, latest, "osi", "epi")
    axes.plot([0, 1], [0, 1], color="#777", linestyle="--", linewidth=1)
    axes.annotate("equal scores", (0.82, 0.86), fontsize=8, color="#555", rotation=38)
    axes.set_xlim(0, 1)
    axes.set_ylim(0, 1)
    axes.set_xlabel("Online Service Index 2024")
    axes.set_ylabel("E-Participation Index 2024")
    _tidy(axes, "Online services and e-participation go together, 2024")
    correlation = latest.osi.corr(latest.epi)
    below = int((latest.epi < latest.osi).sum())
    alt = (
        f"Scatter plot of {len(latest)} Member States: OSI 2024 (horizontal) against EPI "
        f"2024 (vertical), marker shape by region, with a dashed line of equal scores. The "
        f"points rise together (correlation {_fmt(correlation)}); {below} countries score "
        "lower on e-participation than on online services."
    )
    caption = f"Correlation {_fmt(correlation)}. Source: UN DESA, E-Government Survey 2024."
    return BookFigure(figure, alt, caption)


FIGURES: dict[str, Callable[[], BookFigure]] = {
    "egdi-by-region-2024": egdi_by_region_2024,
    "egdi-vs-internet-use": egdi_vs_internet_use,
    "egdi-components-by-income-2024": egdi_components_by_income_2024,
    "internet-use-by-income": internet_use_by_income,
    "mobile-coverage-by-income": mobile_coverage_by_income,
    "egdi-leaders-over-time": egdi_leaders_over_time,
    "gtmi-groups-by-wave": gtmi_groups_by_wave,
    "oecd-dgi-2023-dimensions": oecd_dgi_2023_dimensions,
    "losi-regions-2020": losi_regions_2020,
    "epi-vs-osi-2024": epi_vs_osi_2024,
}


def show(name: str) -> None:
    """Display a figure of the book (what a session page's code cell calls)."""
    from IPython.display import HTML, display

    display(HTML(FIGURES[name]().html()))
