"""Ex 5, part 2: how one country's e-government compares with its peers, from ``data/``.

Peers are the Member States in the same UN region, the same sub-region and the same World
Bank income group. Scores are compared within an edition (the Survey's method changes
between editions); over time, the comparison is with the peers' median in each edition.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

import pandas as pd

from dgtkit.course import data

PEER_GROUPS = {"un_region": "region", "un_sub_region": "sub-region", "income_group": "income group"}


class UnknownCountry(ValueError):
    pass


@dataclass(frozen=True)
class Benchmark:
    """Everything Ex 5 shows about one Member State."""

    iso3: str

    @cached_property
    def survey(self) -> pd.DataFrame:
        return data.egov_survey()

    @cached_property
    def country(self) -> pd.DataFrame:
        rows = self.survey[self.survey.iso3 == self.iso3].sort_values("year")
        if rows.empty:
            raise UnknownCountry(f"{self.iso3!r} is not a UN Member State in the Survey data.")
        return rows

    @property
    def name(self) -> str:
        return str(self.country.country.iloc[-1])

    @property
    def latest_year(self) -> int:
        return int(self.survey.year.max())

    @property
    def latest(self) -> pd.Series:
        return self.country[self.country.year == self.latest_year].iloc[0]

    def peers(self, group: str) -> pd.DataFrame:
        """The Survey rows of the Member States in this country's ``group`` (all editions)."""
        value = self.latest[group]
        if pd.isna(value):
            return self.survey.iloc[0:0]
        return self.survey[self.survey[group] == value]

    def peer_label(self, group: str) -> str:
        value = self.latest[group]
        return f"{value} ({PEER_GROUPS[group]})" if not pd.isna(value) else ""

    def peer_medians(self, group: str, index: str = "egdi") -> pd.Series:
        """Median of ``index`` over the peers, by edition."""
        return self.peers(group).groupby("year")[index].median()

    def latest_vs_peers(self) -> pd.DataFrame:
        """Rows: indices; columns: the country and each peer group's median, latest edition."""
        table = {"country": {i: self.latest[i] for i in data.INDICES}}
        for group in PEER_GROUPS:
            peers = self.peers(group)
            latest = peers[peers.year == self.latest_year]
            if not latest.empty:
                table[group] = latest[list(data.INDICES)].median().to_dict()
        return pd.DataFrame(table)

    def percentile(self, index: str = "egdi") -> float:
        """Share of Member States (%) scoring below this country in the latest edition."""
        latest = self.survey[self.survey.year == self.latest_year][index].dropna()
        return float((latest < self.latest[index]).mean() * 100)

    @cached_property
    def gtmi(self) -> pd.Series | None:
        rows = data.gtmi()
        rows = rows[rows.iso3 == self.iso3].sort_values("year")
        return rows.iloc[-1] if not rows.empty else None

    @cached_property
    def internet_use(self) -> pd.Series | None:
        rows = data.internet_users()
        rows = rows[rows.iso3 == self.iso3]
        return rows.iloc[0] if not rows.empty else None

    def weakest_component(self) -> str:
        """The lowest of the EGDI's three components in the latest edition: osi, tii or hci."""
        return min(("osi", "tii", "hci"), key=lambda i: self.latest[i])

    def evidence(self) -> list[str]:
        """Plain sentences a gap profile can quote, each naming its source and year."""
        latest, year = self.latest, self.latest_year
        lines = [
            f"EGDI {year}: {latest.egdi:.3f}, rank {int(latest['rank'])} of 193; higher than "
            f"{self.percentile():.0f}% of Member States (UN DESA E-Government Survey {year})."
        ]
        peers = self.latest_vs_peers()
        for group in PEER_GROUPS:
            if group in peers:
                median = peers.loc["egdi", group]
                side = (
                    "above" if latest.egdi > median else "below" if latest.egdi < median else "at"
                )
                lines.append(
                    f"EGDI {side} the median of its {PEER_GROUPS[group]}, "
                    f"{self.latest[group]} ({median:.3f})."
                )
        weakest = self.weakest_component()
        lines.append(f"Weakest EGDI component: {data.INDEX_NAMES[weakest]} {latest[weakest]:.3f}.")
        if self.gtmi is not None:
            lines.append(
                f"GovTech Maturity Index {int(self.gtmi.year)}: {self.gtmi.gtmi:.3f}, "
                f"group {self.gtmi.group} (World Bank)."
            )
        if self.internet_use is not None:
            use = self.internet_use
            lines.append(
                f"People using the internet: {use.internet_users_pct:.0f}% in "
                f"{int(use.year)} (ITU)."
            )
        return lines


@lru_cache(maxsize=8)
def benchmark_of(iso3: str) -> Benchmark:
    """A Benchmark, kept for reuse: a form redraws and saves it many times."""
    return Benchmark(iso3)


def country_options() -> list[tuple[str, str]]:
    """(label, iso3) for every Member State, sorted by name: the choices of a picker."""
    members = data.member_states()
    return [
        (f"{row.country} ({row.iso3})", row.iso3)
        for row in members.sort_values("country").itertuples()
    ]
