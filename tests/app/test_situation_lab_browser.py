"""Ex 5 in headless Chromium, served by a real Voila: fill part of the lab, reload, find it."""

from __future__ import annotations

import pytest

from dgtkit.models.situation import EXERCISE_KEY
from dgtkit.store.workbook import Workbook
from tests.voila import voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def open_lab(page, url):
    page.goto(url)
    page.get_by_role("button", name="Add member").wait_for(timeout=60_000)


def test_fill_part_of_the_lab_reload_and_find_it(tmp_path, offline_page):
    workbook = tmp_path / "team.sqlite"
    page = offline_page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with voila_server("ex05_situation_analysis.ipynb", DGTKIT_WORKBOOK=str(workbook),
                      JUPYTERHUB_USER="team-green") as url:  # fmt: skip
        open_lab(page, url)
        page.get_by_label("Member's name").fill("Amina <script>alert(1)</script>")
        page.get_by_role("button", name="Add member").click()
        # ipywidgets writes option labels with non-breaking spaces; a value is its label.
        page.get_by_label("Pillar 4: own view").select_option("2 Emerging")
        page.get_by_label("Pillar 4 today").select_option("2 Emerging")
        page.get_by_label("Pillar 4 target").select_option("4 Transformed")
        page.get_by_role("status").filter(has_text="Saved at").wait_for(timeout=15_000)

        page.get_by_role("tab", name="2 Benchmark").click()
        page.get_by_label("Country to benchmark").select_option("Kenya (KEN)")
        page.get_by_text("What the data say about Kenya").wait_for(timeout=30_000)
        charts = page.locator("img[alt*='Kenya']")
        charts.nth(2).wait_for(timeout=30_000)  # the three charts arrive after the text
        assert charts.count() == 3

        page.reload()
        open_lab(page, url)
        assert page.get_by_label("Pillar 4 target").input_value() == "4 Transformed"
        assert page.get_by_label("Ratings of").input_value().startswith("Amina <script>")

    saved = Workbook(workbook, participant="team-green").latest(EXERCISE_KEY).data
    assert saved["country"] == "KEN"
    assert saved["gap_profile"]["gaps"][0]["pillar"] == "skills"
    assert saved["assessment"]["members"]["Amina <script>alert(1)</script>"]["skills"] == 2
    assert dialogs == []  # the name was shown as text, never run
