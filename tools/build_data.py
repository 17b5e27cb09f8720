"""Rebuild the tidy CSVs in ``data/`` from the raw copies the course's data came from.

Maintainers run this once when a source changes; the book, the exercises and the tests read
only ``data/``. The raw files are byte-for-byte copies of public data files; where each one
came from, and its caveats, is in ``data/README.md``.

    python tools/build_data.py RAW_DIR [--out data]
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from pathlib import Path

import pandas as pd

INDICES = ["egdi", "osi", "tii", "hci", "epi"]
UN_COLUMNS = {
    "Survey Year": "year",
    "Country Name": "country",
    "E-Government Rank": "rank",
    "E-Government Index": "egdi",
    "E-Participation Index": "epi",
    "Online Service Index": "osi",
    "Human Capital Index": "hci",
    "Telecommunication Infrastructure Index": "tii",
}
UNU_COLUMNS = {
    "country-code": "iso3",
    "country-name": "country",
    "e-gov-rank": "rank",
    "e-gov-index": "egdi",
    "e-pat-index": "epi",
    "osi": "osi",
    "hci": "hci",
    "tii": "tii",
}
# The 2024 copy renamed the UN columns; its added "Region" column is wrong and is dropped.
UN2024_COLUMNS = {
    "Survey Year": "year",
    "Country": "country",
    "Rank": "rank",
    "E_Index": "egdi",
    "E_Participation": "epi",
    "Online_Service": "osi",
    "Human_Capital": "hci",
    "Tele_Infra": "tii",
}
# UN names that no other file spells the same way (checked by hand).
NAME_TO_ISO3 = {
    "georgia (country)": "GEO",
    "republic of korea": "KOR",
    "türkiye": "TUR",
    "turkey": "TUR",
    "czech republic": "CZE",
    "czechia": "CZE",
    "north macedonia": "MKD",
    "the former yugoslav republic of macedonia": "MKD",
    "eswatini": "SWZ",
    "swaziland": "SWZ",
    "cabo verde": "CPV",
    "cape verde": "CPV",
    "côte d'ivoire": "CIV",
    "cote d'ivoire": "CIV",
    "democratic people's republic of korea": "PRK",
    "lao people's democratic republic": "LAO",
    "republic of moldova": "MDA",
    "united republic of tanzania": "TZA",
    "micronesia (federated states of)": "FSM",
    "bolivia (plurinational state of)": "BOL",
    "venezuela (bolivarian republic of)": "VEN",
    "iran (islamic republic of)": "IRN",
    "united kingdom of great britain and northern ireland": "GBR",
    "united states of america": "USA",
    "viet nam": "VNM",
    "syrian arab republic": "SYR",
    "democratic republic of the congo": "COD",
    "congo": "COG",
    "gambia (republic of the)": "GMB",
    "gambia": "GMB",
    "brunei darussalam": "BRN",
    "russian federation": "RUS",
    "myanmar": "MMR",
    "netherlands (kingdom of the)": "NLD",
    "netherlands": "NLD",
    "sao tome and principe": "STP",
    "são tomé and príncipe": "STP",
    "saint kitts and nevis": "KNA",
    "saint vincent and the grenadines": "VCT",
    "saint lucia": "LCA",
    "libyan arab jamahiriya": "LBY",
    "libya": "LBY",
    "timor-leste": "TLS",
    "guinea-bissau": "GNB",
    "south sudan": "SSD",
    "bosnia and herzegovina": "BIH",
    "kyrgyzstan": "KGZ",
    "slovakia": "SVK",
    "montenegro": "MNE",
    "serbia": "SRB",
    "serbia and montenegro": "SRB",
}
# Codes the GTMI files use for economies that have another ISO3 code today.
OLD_CODES = {"ADO": "AND", "ZAR": "COD", "ROM": "ROU", "TMP": "TLS", "KSV": "XKX", "WBG": "PSE"}
# World Bank income groups, as the World Bank names them (from lowest to highest).
INCOME_GROUPS = ["Low income", "Lower middle income", "Upper middle income", "High income"]


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", str(name)).strip().strip('"').strip().casefold()


def _read_csv(path: Path, **kwargs) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig", **kwargs)


def _unu_countries(raw: Path) -> pd.DataFrame:
    table = _read_csv(raw / "un-egdi_unu-egov/countries-data_EN.csv", sep=";")
    return table.dropna(subset=["COUNTRY CODE"])  # the file ends with an empty ";;;;;;" row


def countries(raw: Path) -> pd.DataFrame:
    """The 193 UN Member States: ISO3, name, the Survey's region and sub-region (UN M49),
    and the current World Bank income group."""
    unu = _unu_countries(raw).rename(
        columns={
            "COUNTRY CODE": "iso3",
            "COMMON NAME": "country",
            "REGION": "un_region",
            "SUB-REGION": "un_sub_region",
        }
    )
    meta = _read_csv(
        raw / "itu-internet-users_figure-friday/"
        "Metadata_Country_API_IT.NET.USER.ZS_DS2_en_csv_v2_2160.csv"
    )
    meta = meta.rename(columns={"Country Code": "iso3", "IncomeGroup": "income_group"})
    columns = ["iso3", "country", "un_region", "un_sub_region"]
    table = unu[columns].merge(meta[["iso3", "income_group"]], on="iso3", how="left")
    missing = table[table[["un_region", "un_sub_region"]].isna().any(axis=1)]
    if len(table) != 193 or not missing.empty:
        raise SystemExit(f"country classification incomplete:\n{missing}")
    return table.sort_values("iso3").reset_index(drop=True)


def _names(frame: pd.DataFrame, name: str, code: str) -> dict[str, str]:
    return {_key(n): c for n, c in zip(frame[name], frame[code], strict=True)}


def _name_index(raw: Path, members: pd.DataFrame) -> dict[str, str]:
    index = _names(members, "country", "iso3")
    index.update(_names(_unu_countries(raw), "OFFICIAL NAME", "COUNTRY CODE"))
    for year in (2010, 2012, 2014, 2016, 2018):
        edition = _read_csv(raw / f"un-egdi_unu-egov/egdi-{year}.csv").dropna(
            subset=["country-code"]
        )
        index.update(_names(edition, "country-name", "country-code"))
    index.update(NAME_TO_ISO3)
    return index


def _with_iso3(frame: pd.DataFrame, index: dict[str, str], source: str) -> pd.DataFrame:
    frame = frame.copy()
    frame["iso3"] = [index.get(_key(n)) for n in frame.country]
    unmatched = sorted(set(frame.loc[frame.iso3.isna(), "country"]))
    if unmatched:
        raise SystemExit(f"{source}: no ISO3 code for {unmatched}")
    return frame


def egov_survey(raw: Path, members: pd.DataFrame) -> pd.DataFrame:
    """Every edition 2003-2024, one row per Member State and edition."""
    index = _name_index(raw, members)
    old = _read_csv(raw / "un-egdi_koheitakata/EGOV_DATA.csv").rename(columns=UN_COLUMNS)
    old = old.drop_duplicates()  # the copy holds every row twice
    old = old[old.year.isin([2003, 2004, 2005, 2008])]  # later years: the UNU files carry ISO3
    parts = [_with_iso3(old, index, "EGOV_DATA.csv")]
    for year in (2010, 2012, 2014, 2016, 2018):
        edition = _read_csv(raw / f"un-egdi_unu-egov/egdi-{year}.csv").rename(columns=UNU_COLUMNS)
        edition = edition.dropna(subset=["iso3"]).assign(year=year)
        parts.append(edition)
    koh = _read_csv(raw / "un-egdi_koheitakata/EGOV_DATA.csv").rename(columns=UN_COLUMNS)
    parts.append(_with_iso3(koh[koh.year == 2020].drop_duplicates(), index, "2020"))
    y2022 = _read_csv(raw / "un-egdi-2022_plurality/EGOV_DATA_2022.csv").rename(columns=UN_COLUMNS)
    parts.append(_with_iso3(y2022, index, "2022"))
    y2024 = _read_csv(raw / "un-egdi-2024_maryliacruzs/EGOV_DATA_2024.csv")
    y2024 = y2024.rename(columns=UN2024_COLUMNS).drop(columns=["Region"])
    parts.append(_with_iso3(y2024, index, "2024"))
    survey = pd.concat(parts, ignore_index=True)[["year", "iso3", "rank", *INDICES]]
    # Not yet assessed: blank rank, EGDI 0 (Montenegro 2003-2005, South Sudan 2003-2010).
    assessed = survey.egdi.fillna(0) > 0
    survey.loc[~assessed, ["rank", *INDICES]] = pd.NA
    survey[INDICES] = survey[INDICES].astype(float).round(5)
    # One source value is off the 0-1 scale (Micronesia, 2003, HCI 1.422): not a score.
    survey[INDICES] = survey[INDICES].where(survey[INDICES].le(1))
    survey["rank"] = survey["rank"].astype("Int64")
    survey = members.merge(survey, on="iso3", how="right")
    survey = survey[
        ["year", "iso3", "country", "un_region", "un_sub_region", "income_group", "rank", *INDICES]
    ]
    counts = survey.groupby("year").iso3.nunique()
    if (counts != 193).any() or survey.duplicated(["year", "iso3"]).any():
        raise SystemExit(f"editions incomplete or duplicated:\n{counts}")
    return survey.sort_values(["year", "iso3"]).reset_index(drop=True)


def gtmi(raw: Path) -> pd.DataFrame:
    """World Bank GovTech Maturity Index, waves 2020, 2022 and 2025, groups A-D."""
    table = pd.read_excel(raw / "wb-gtmi_gtmir/groups_data.xlsx")
    table = table.rename(
        columns={"country_code": "iso3", "country_name": "economy", "grp": "group"}
    )
    table = table[table.iso3.astype(str).str.fullmatch(r"[A-Z]{3}")]  # drop the summary rows
    table["iso3"] = table.iso3.replace(OLD_CODES)
    table = table[["year", "iso3", "economy", "group", "gtmi", "cgsi", "psdi", "dcei", "gtei"]]
    table[["gtmi", "cgsi", "psdi", "dcei", "gtei"]] = table[
        ["gtmi", "cgsi", "psdi", "dcei", "gtei"]
    ].round(4)
    return table.sort_values(["year", "iso3"]).reset_index(drop=True)


def oecd_dgi(raw: Path) -> pd.DataFrame:
    """OECD Digital Government Index 2023: six dimensions, composite and rank."""
    long = _read_csv(raw / "blavatnik-bipa2024/oecd_dgi_2023.csv")
    wide = long.pivot(index="cc_iso3c", columns="variable", values="value").reset_index()
    wide = wide.rename(columns={"cc_iso3c": "iso3", "composite_index": "composite"})
    wide["composite_rank"] = wide["composite_rank"].astype("Int64")
    columns = ["iso3", "digital_design", "data_driven", "govt_as_platform", "open_default",
               "user_driven", "proactiveness", "composite", "composite_rank"]  # fmt: skip
    return wide[columns].sort_values("iso3").reset_index(drop=True)


def internet_users(raw: Path) -> pd.DataFrame:
    """Individuals using the internet (% of population), latest year per economy."""
    folder = raw / "itu-internet-users_figure-friday"
    wide = _read_csv(folder / "API_IT.NET.USER.ZS_DS2_en_csv_v2_2160.csv")
    meta = _read_csv(folder / "Metadata_Country_API_IT.NET.USER.ZS_DS2_en_csv_v2_2160.csv")
    economies = set(meta.loc[meta.Region.notna(), "Country Code"])
    years = [c for c in wide.columns if c.isdigit()]
    long = wide.melt(id_vars=["Country Code"], value_vars=years, var_name="year",
                     value_name="internet_users_pct").dropna()  # fmt: skip
    long = long[long["Country Code"].isin(economies)].rename(columns={"Country Code": "iso3"})
    long["year"] = long.year.astype(int)
    latest = long.sort_values("year").groupby("iso3").tail(1)
    latest["internet_users_pct"] = latest.internet_users_pct.round(1)
    return latest[["iso3", "year", "internet_users_pct"]].sort_values("iso3").reset_index(drop=True)


def mobile_coverage(raw: Path) -> pd.DataFrame:
    """Population covered by 2G, 3G and 4G mobile networks (SDG 9.c.1), latest year."""
    table = _read_csv(
        raw / "itu-sdg9c1_owid/population-covered-by-mobile-network-by-network-capability.csv"
    )
    table = table.rename(
        columns={
            "Code": "iso3",
            "Year": "year",
            "_9_c_1__it_mob_4gntwk": "coverage_4g_pct",
            "_9_c_1__it_mob_3gntwk": "coverage_3g_pct",
            "_9_c_1__it_mob_2gntwk": "coverage_2g_pct",
        }
    )
    table = table[table.iso3.astype(str).str.fullmatch(r"[A-Z]{3}")]  # drop aggregates
    table = table.dropna(subset=["coverage_2g_pct", "coverage_3g_pct", "coverage_4g_pct"])
    latest = table.sort_values("year").groupby("iso3").tail(1)
    columns = ["iso3", "year", "coverage_2g_pct", "coverage_3g_pct", "coverage_4g_pct"]
    return latest[columns].sort_values("iso3").reset_index(drop=True)


def losi_regions(raw: Path) -> pd.DataFrame:
    """LOSI 2020 regional averages (100 cities), as exported from the UN Data Center."""
    table = _read_csv(raw / "un-egdi_koheitakata/EGOV_REGION_DATA_2020_LOSI.csv")
    table.columns = ["region", "losi_average"]
    return table.assign(year=2020)[["year", "region", "losi_average"]]


# -- the SDGs: goals, targets and global indicators in English, French and Spanish ----------

SDG_LANGUAGES = ("en", "fr", "es")
#: A target's deadline as its text states it ("By 2030, ...", "... by 2020").
SDG_DEADLINE = re.compile(r"\b[Bb]y (20[0-9]{2})\b")


def _sdg_titles(raw: Path, kind: str, language: str) -> dict[str, str]:
    """{"11-2": "By 2030, provide ..."} from ``sdg/global_<kind>.<language>.yml``."""
    import yaml

    data = yaml.safe_load((raw / "sdg" / f"global_{kind}.{language}.yml").read_text("utf-8"))
    return {key.removesuffix("-title"): " ".join(str(text).split())
            for key, text in data.items() if key.endswith("-title")}


def sdg_goals(raw: Path) -> pd.DataFrame:
    """The 17 goals: number, short title and title, in the three languages."""
    rows = []
    short = yaml_file(raw / "sdg" / "global_goals.en.yml")
    titles = {language: _sdg_titles(raw, "goals", language) for language in SDG_LANGUAGES}
    for number in range(1, 18):
        row = {"goal": number, "short_en": short[f"{number}-short"]}
        row |= {f"title_{lang}": titles[lang][str(number)] for lang in SDG_LANGUAGES}
        rows.append(row)
    return pd.DataFrame(rows)


def sdg_targets(raw: Path) -> pd.DataFrame:
    """The 169 targets: goal, target id ("11.2", "16.a"), the deadline its text states, and
    its text in the three languages."""
    titles = {language: _sdg_titles(raw, "targets", language) for language in SDG_LANGUAGES}
    rows = []
    for key, text in titles["en"].items():
        goal, target = key.split("-")
        deadline = SDG_DEADLINE.search(text)
        rows.append({"goal": int(goal), "target": f"{goal}.{target}",
                     "deadline": int(deadline.group(1)) if deadline else None,
                     **{f"text_{lang}": titles[lang][key] for lang in SDG_LANGUAGES}})
    table = pd.DataFrame(rows)
    order = table.target.str.split(".", expand=True)
    table["_g"], table["_t"] = order[0].astype(int), order[1].map(_target_order)
    table = table.sort_values(["_g", "_t"]).drop(columns=["_g", "_t"])
    table["deadline"] = table["deadline"].astype("Int64")
    if len(table) != 169:
        raise SystemExit(f"Expected 169 targets, found {len(table)}")
    return table.reset_index(drop=True)


def _target_order(part: str) -> tuple[int, str]:
    """Numbered targets first (1.1 ... 1.5), then the lettered means of implementation."""
    return (0, f"{int(part):03d}") if part.isdigit() else (1, part)


def sdg_indicators(raw: Path, targets: pd.DataFrame) -> pd.DataFrame:
    """The global indicators: indicator id ("11.2.1"), its target, its text in three languages."""
    titles = {language: _sdg_titles(raw, "indicators", language) for language in SDG_LANGUAGES}
    known = set(targets.target)
    rows = []
    for key in titles["en"]:
        goal, target, number = key.split("-")
        if f"{goal}.{target}" not in known:
            raise SystemExit(f"Indicator {key} names no target")
        rows.append({"indicator": f"{goal}.{target}.{number}", "target": f"{goal}.{target}",
                     **{f"text_{lang}": titles[lang].get(key, "") for lang in SDG_LANGUAGES}})
    table = pd.DataFrame(rows)
    order = {t: n for n, t in enumerate(targets.target)}
    table["_t"] = table.target.map(order)
    table["_n"] = table.indicator.str.rsplit(".", n=1).str[1].astype(int)
    return table.sort_values(["_t", "_n"]).drop(columns=["_t", "_n"]).reset_index(drop=True)


def yaml_file(path: Path) -> dict:
    import yaml

    return yaml.safe_load(path.read_text("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", type=Path, help="folder holding the raw copies")
    parser.add_argument("--out", type=Path, default=Path(__file__).parents[1] / "data")
    args = parser.parse_args()
    members = countries(args.raw)
    tables = {
        "egov_survey.csv": egov_survey(args.raw, members),
        "gtmi.csv": gtmi(args.raw),
        "oecd_dgi_2023.csv": oecd_dgi(args.raw),
        "internet_users.csv": internet_users(args.raw),
        "mobile_coverage.csv": mobile_coverage(args.raw),
        "losi_regions_2020.csv": losi_regions(args.raw),
        "sdg_goals.csv": sdg_goals(args.raw),
    }
    tables["sdg_targets.csv"] = sdg_targets(args.raw)
    tables["sdg_indicators.csv"] = sdg_indicators(args.raw, tables["sdg_targets.csv"])
    for name, table in tables.items():
        table.to_csv(args.out / name, index=False, lineterminator="\n")
        print(f"{name}: {len(table)} rows")


if __name__ == "__main__":
    main()
