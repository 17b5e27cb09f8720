"""The data sets: schema, published figures, and joins between files."""

import pandas as pd
import pytest

from dgtkit.course import data, files
from tests.helpers import REPO

SURVEY_YEARS = [2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024]
# Economies in the World Bank and ITU files that are not UN Member States.
NOT_MEMBERS = {
    "ABW",
    "ASM",
    "BMU",
    "COK",
    "CUW",
    "CYM",
    "FRO",
    "GIB",
    "GRL",
    "GUM",
    "HKG",
    "MAC",
    "MNP",
    "NCL",
    "PRI",
    "PSE",
    "PYF",
    "SHN",
    "TCA",
    "TWN",
    "VGB",
    "VIR",
    "XKX",
}


@pytest.fixture(scope="module")
def survey():
    return data.egov_survey()


def _value(frame, **where):
    rows = frame
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, where
    return rows.iloc[0]


def test_survey_has_every_edition_and_every_member_state_once(survey):
    assert sorted(survey.year.unique()) == SURVEY_YEARS
    assert (survey.groupby("year").iso3.nunique() == 193).all()
    assert not survey.duplicated(["year", "iso3"]).any()
    assert survey.iso3.str.fullmatch(r"[A-Z]{3}").all()
    assert set(survey.un_region) == set(data.REGIONS)
    assert survey.un_sub_region.notna().all()
    assert set(survey.income_group.dropna()) == set(data.INCOME_GROUPS)


def test_survey_indices_are_on_the_zero_to_one_scale(survey):
    for index in data.INDICES:
        values = survey[index].dropna()
        assert values.between(0, 1).all(), index
    assessed = survey.dropna(subset=["egdi"])
    assert (assessed["rank"] >= 1).all()
    assert len(survey) - len(assessed) < 80  # only the early editions miss countries
    assert survey[survey.year >= 2014].egdi.notna().all()


@pytest.mark.parametrize(
    ("year", "iso3", "rank", "egdi"),
    [
        (2003, "USA", 1, 0.92706),
        (2010, "KOR", 1, 0.87854),
        (2020, "DNK", 1, 0.9758),
        (2022, "DNK", 1, 0.9717),
        (2022, "FIN", 2, 0.9533),
        (2022, "KOR", 3, 0.9529),
        (2024, "DNK", 1, 0.98474),
        (2024, "EST", 2, 0.97274),
        (2024, "KOR", 4, 0.96789),
    ],
)
def test_survey_matches_published_figures(survey, year, iso3, rank, egdi):
    row = _value(survey, year=year, iso3=iso3)
    assert row["rank"] == rank
    assert row.egdi == pytest.approx(egdi, abs=5e-5)


def test_survey_names_countries_as_people_know_them(survey):
    assert _value(survey, year=2024, iso3="MKD").country == "North Macedonia"
    assert _value(survey, year=2024, iso3="DNK").un_sub_region == "Northern Europe"
    assert _value(survey, year=2024, iso3="DNK").income_group == "High income"


def test_gtmi_waves_groups_and_published_scores():
    gtmi = data.gtmi()
    assert gtmi.groupby("year").size().to_dict() == {2020: 198, 2022: 198, 2025: 197}
    assert set(gtmi.group) == {"A", "B", "C", "D"}
    assert gtmi[["gtmi", "cgsi", "psdi", "dcei", "gtei"]].stack().between(0, 1).all()
    assert round(_value(gtmi, year=2022, iso3="KOR").gtmi, 3) == 0.991
    assert round(_value(gtmi, year=2020, iso3="EST").gtmi, 3) == 0.967
    groups_a = gtmi[gtmi.group == "A"].groupby("year").size()
    assert (groups_a[2020], groups_a[2022]) == (43, 69)


def test_oecd_dgi_2023_published_ranking():
    dgi = data.oecd_dgi()
    assert len(dgi) == 38
    top3 = dgi.sort_values("composite_rank").head(3)
    assert list(top3.iso3) == ["KOR", "DNK", "GBR"]
    assert list(top3.composite) == [0.935, 0.811, 0.775]


def test_internet_users_latest_year_per_economy():
    users = data.internet_users()
    assert users.iso3.is_unique
    assert users.internet_users_pct.between(0, 100).all()
    assert users.year.max() == 2023


def test_mobile_coverage_is_a_share_of_the_population():
    coverage = data.mobile_coverage()
    assert coverage.iso3.is_unique
    shares = coverage[["coverage_2g_pct", "coverage_3g_pct", "coverage_4g_pct"]]
    assert shares.stack().between(0, 100).all()


def test_losi_2020_regional_averages():
    losi = data.losi_regions()
    assert _value(losi, region="World").losi_average == 0.431
    assert _value(losi, region="Europe").losi_average == 0.502


@pytest.mark.parametrize(
    "load", [data.gtmi, data.oecd_dgi, data.internet_users, data.mobile_coverage]
)
def test_every_country_joins_the_survey(survey, load):
    codes = set(load().iso3)
    unknown = codes - set(survey.iso3) - NOT_MEMBERS
    assert not unknown, f"codes that join nothing: {sorted(unknown)}"


def test_almost_every_member_state_joins_every_file(survey):
    members = set(survey.iso3)
    assert len(members - set(data.internet_users().iso3)) == 0
    assert len(members - set(data.gtmi().query("year == 2022").iso3)) <= 3
    assert len(members - set(data.mobile_coverage().iso3)) <= 4


def test_loaders_hand_out_copies(survey):
    survey.loc[:, "egdi"] = 0
    assert data.egov_survey().egdi.max() > 0.9


def test_data_folder_can_be_moved(tmp_path, monkeypatch):
    pd.DataFrame({"year": [2020], "region": ["World"], "losi_average": [0.5]}).to_csv(
        tmp_path / "losi_regions_2020.csv", index=False
    )
    monkeypatch.setenv("DGTKIT_DATA", str(tmp_path))
    data._read.cache_clear()
    try:
        assert data.losi_regions().losi_average.tolist() == [0.5]
    finally:
        monkeypatch.delenv("DGTKIT_DATA")
        data._read.cache_clear()


def test_an_installed_course_reads_its_own_copy_of_the_data(tmp_path, monkeypatch):
    """Binder and Colab install dgtkit with pip: no checkout, the CSVs in share/dgtkit/data."""
    installed = tmp_path / "share" / "dgtkit" / "data"
    installed.mkdir(parents=True)
    monkeypatch.setattr(files, "CHECKOUT", tmp_path / "no-checkout")
    monkeypatch.setattr(files.sys, "prefix", str(tmp_path))
    assert data.data_dir is files.data_dir
    assert data.data_dir() == installed


def test_the_sdgs_have_17_goals_169_targets_and_their_indicators_in_three_languages():
    import csv

    def rows(name):
        with (REPO / "data" / name).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    goals, targets, indicators = (rows(f"sdg_{n}.csv") for n in ("goals", "targets", "indicators"))
    assert [int(g["goal"]) for g in goals] == list(range(1, 18))
    assert len(targets) == 169 and len({t["target"] for t in targets}) == 169
    by_id = {t["target"]: t for t in targets}
    assert by_id["11.2"]["text_en"].startswith("By 2030, provide access to safe, affordable")
    assert by_id["17.8"]["deadline"] == "2017" and by_id["9.c"]["deadline"] == "2020"
    assert by_id["16.6"]["deadline"] == ""  # its text names no year
    assert [t["target"] for t in targets if t["goal"] == "11"] == [
        "11.1", "11.2", "11.3", "11.4", "11.5", "11.6", "11.7", "11.a", "11.b", "11.c"]
    assert all(row[f"text_{lang}"].strip() for row in targets + indicators
               for lang in ("en", "fr", "es"))
    assert {i["target"] for i in indicators} <= set(by_id)
    assert {"11.2.1", "16.9.1", "17.8.1"} <= {i["indicator"] for i in indicators}
