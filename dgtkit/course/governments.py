"""Who a plan is for, as data: the levels of government and each Member State's currency.

Read from ``course/governments.yaml``. Ex 3 asks for the level of the government a team
rates; the action plan offers the same levels and fills in the currency of its country.
Nothing here needs pandas: the app's kernel reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from dgtkit.course import read_yaml


@dataclass(frozen=True)
class Level:
    id: str
    name: str
    examples: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    currency: str  # ISO 4217


@dataclass(frozen=True)
class Governments:
    levels: tuple[Level, ...]
    countries: tuple[Country, ...]
    currency_source: str

    @property
    def level_names(self) -> dict[str, str]:
        """Level id -> name, in the course's order (national first)."""
        return {level.id: level.name for level in self.levels}

    def level_id(self, text: str) -> str | None:
        """The id of the level ``text`` names: an id, a name or an older name; else None."""
        wanted = " ".join(str(text or "").split()).casefold()
        for level in self.levels:
            if wanted in {level.id, level.name.casefold(), *(a.casefold() for a in level.aliases)}:
                return level.id
        return None

    def country(self, text: str) -> Country | None:
        """The Member State ``text`` names, by ISO3 code or by name (case ignored)."""
        wanted = " ".join(str(text or "").split()).casefold()
        if not wanted:
            return None
        for country in self.countries:
            if wanted in (country.iso3.casefold(), country.name.casefold()):
                return country
        return None

    def currency_of(self, country: str) -> str:
        """The ISO 4217 code of ``country`` (a name or an ISO3 code), or ""."""
        found = self.country(country)
        return found.currency if found else ""


@cache
def governments() -> Governments:
    """The levels and currencies, read and checked once per process."""
    raw = read_yaml("governments.yaml")
    levels = tuple(
        Level(id=item["id"], name=item["name"], examples=item.get("examples", ""),
              aliases=tuple(item.get("aliases") or ()))
        for item in raw["levels"]
    )
    if len({level.id for level in levels}) != len(levels):
        raise ValueError("governments.yaml: level ids must be unique")
    table = raw["currencies"]
    countries = tuple(
        Country(iso3=iso3, name=item["country"], currency=item["currency"])
        for iso3, item in table["countries"].items()
    )
    for country in countries:
        if len(country.iso3) != 3 or len(country.currency) != 3 or not country.currency.isupper():
            raise ValueError(f"governments.yaml: {country.iso3}: not an ISO3 and ISO 4217 pair")
    return Governments(levels=levels, countries=countries, currency_source=table["source"])
