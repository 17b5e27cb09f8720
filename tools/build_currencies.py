"""Write the currency table of dgtkit/course/governments.yaml: for each UN Member State of
data/egov_survey.csv, its ISO 4217 currency code as the Unicode CLDR lists it (through Babel,
which Sphinx brings into the course's venv).

    .venv/bin/python tools/build_currencies.py > /tmp/currencies.yaml

Where CLDR lists several legal tenders, the country's own currency comes first and the US
dollar last (Zimbabwe: ZWG; Panama: PAB). The output is pasted into governments.yaml by hand,
so that a reviewer sees every change.
"""

from __future__ import annotations

import csv
from pathlib import Path

from babel import Locale
from babel.numbers import get_territory_currencies

ROOT = Path(__file__).resolve().parent.parent
#: Survey names that CLDR spells otherwise: ISO3 -> ISO 3166 alpha-2.
ALPHA2 = {
    "ATG": "AG", "BIH": "BA", "CIV": "CI", "COD": "CD", "COG": "CG", "CPV": "CV", "GMB": "GM",
    "KNA": "KN", "KOR": "KR", "LCA": "LC", "MMR": "MM", "PRK": "KP", "STP": "ST", "TTO": "TT",
    "TUR": "TR", "VCT": "VC", "VNM": "VN",
}


def main() -> None:
    names = {}
    with (ROOT / "data" / "egov_survey.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names[row["iso3"]] = row["country"]
    territories = {v.casefold(): k for k, v in Locale("en").territories.items() if len(k) == 2}
    for iso3, name in sorted(names.items()):
        alpha2 = ALPHA2.get(iso3) or territories[name.casefold()]
        codes = get_territory_currencies(alpha2)
        codes = sorted(codes, key=lambda code: code == "USD")  # the country's own first
        print(f'  {iso3}: {{country: "{name}", currency: {codes[0]}}}')


if __name__ == "__main__":
    main()
