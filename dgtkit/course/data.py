"""The course's data sets (``data/*.csv``), loaded as pandas DataFrames.

What each file holds, where it comes from and its caveats: ``data/README.md``.
``DGTKIT_DATA`` points to another folder holding the same files; a ``pip install`` of the
course (not a checkout) carries a copy in ``share/dgtkit/data``.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from dgtkit.course.files import CHECKOUT, data_dir  # noqa: F401 (the one copy, re-exported)

INCOME_GROUPS = ("Low income", "Lower middle income", "Upper middle income", "High income")
REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania")
INDICES = ("egdi", "osi", "tii", "hci", "epi")
INDEX_NAMES = {
    "egdi": "E-Government Development Index (EGDI)",
    "osi": "Online Service Index (OSI)",
    "tii": "Telecommunications Infrastructure Index (TII)",
    "hci": "Human Capital Index (HCI)",
    "epi": "E-Participation Index (EPI)",
}


@cache
def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(data_dir() / name, keep_default_na=False, na_values=[""])


def _load(name: str) -> pd.DataFrame:
    return _read(name).copy()  # callers may change their copy, never the cached one


def egov_survey() -> pd.DataFrame:
    """UN E-Government Survey 2003-2024: one row per Member State and edition."""
    return _load("egov_survey.csv")


def gtmi() -> pd.DataFrame:
    """World Bank GovTech Maturity Index 2020, 2022, 2025 with groups A-D."""
    return _load("gtmi.csv")


def oecd_dgi() -> pd.DataFrame:
    """OECD Digital Government Index 2023: six dimensions, composite and rank."""
    return _load("oecd_dgi_2023.csv")


def internet_users() -> pd.DataFrame:
    """Share of people using the internet (ITU), latest year per economy."""
    return _load("internet_users.csv")


def mobile_coverage() -> pd.DataFrame:
    """Share of people covered by 2G, 3G and 4G networks (ITU, SDG 9.c.1), latest year."""
    return _load("mobile_coverage.csv")


def losi_regions() -> pd.DataFrame:
    """Local Online Service Index 2020: average of the assessed cities by region."""
    return _load("losi_regions_2020.csv")


def member_states(year: int | None = None) -> pd.DataFrame:
    """The 193 Member States with their region, sub-region and income group."""
    survey = egov_survey()
    year = year or int(survey.year.max())
    columns = ["iso3", "country", "un_region", "un_sub_region", "income_group"]
    return survey.loc[survey.year == year, columns].reset_index(drop=True)
