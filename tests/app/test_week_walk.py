"""The participant's week, end to end, in a real Voila and Chromium: a Kenyan county's team
has done Ex 3 to Ex 12 (driven through their forms from Python, ``tests.week``), reads its
week so far, then opens the action plan: the plan starts from the week, names the government,
country, level and currency, adds everything ready in one click, and exports a Word plan in
one click. The plan, the Word document (read back with python-docx) and the same document
drawn by LibreOffice (read with pdftotext) carry the team's evidence, the SWOT entries and the
stakeholders it chose, and the indicators' monitoring. One Voila server for the module."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from docx import Document

from dgtkit.models.action_plan import EXERCISE_KEY
from dgtkit.store.workbook import Workbook
from tests.helpers import REPO, freeze_clock
from tests.rendering import pdf_pages, to_pdf
from tests.voila import voila_server
from tests.week import GAPS, INDICATORS, STAKEHOLDERS, SWOT, TODAY, walk_the_week

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TEAM = "team-kisumu"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The team's week in a workbook, and Voila serving the week so far and the plan."""
    folder = tmp_path_factory.mktemp("walk")
    with pytest.MonkeyPatch.context() as patch:
        freeze_clock(patch, TODAY)
        walk_the_week(folder / "workbook.sqlite", TEAM)
    for name in ("action_plan.ipynb", "week_so_far.ipynb", "ex12_local_sdg_review.ipynb"):
        shutil.copy(REPO / "notebooks" / name, folder)
    settings = json.loads((REPO / "notebooks" / "voila.json").read_text())
    settings["VoilaConfiguration"]["preheat_kernel"] = False  # two pages, two kernels
    settings["VoilaKernelManager"]["kernel_pools_config"] = {"default": {"pool_size": 0}}
    (folder / "voila.json").write_text(json.dumps(settings))
    with voila_server(folder=folder, DGTKIT_WORKBOOK=str(folder / "workbook.sqlite"),
                      JUPYTERHUB_USER=TEAM) as url:
        yield url + "voila/render/", folder


def download(page, button, folder: Path) -> Path:
    """Click ``button`` once; the file it starts downloading, saved in ``folder``."""
    with page.expect_download(timeout=60_000) as started:
        button.click()
    target = folder / started.value.suggested_filename
    started.value.save_as(target)
    return target


def chosen(select) -> str:
    return select.locator("option:checked").inner_text().replace("\xa0", " ")


def docx_text(path: Path) -> str:
    document = Document(path)
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_week_so_far_shows_every_result_and_prints(served, offline_page, tmp_path):
    url, _folder = served
    page = offline_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url + "week_so_far.ipynb")
    page.get_by_text("Your week so far: Kisumu County Government, Kenya").wait_for(
        timeout=90_000)
    shown = page.locator(".dgt-week").inner_text()
    for _pillar, _today, _target, problem, evidence in GAPS:
        assert problem in shown and evidence in shown
    assert SWOT[0][1] in shown and STAKEHOLDERS[0][0] in shown
    assert "Median days to issue a business permit" in shown
    assert "Ex 12 Local SDG review" in shown and "9.c (deadline passed)" in shown
    assert page.locator(".dgt-week img[alt]").count() == 3  # radar, gaps, the SDG dashboard
    # Voila scrolls inside the page: a tall window shows more (kept with the test's files).
    page.set_viewport_size({"width": 1280, "height": 3200})
    page.screenshot(path=str(tmp_path / "week-so-far.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    word = download(page, page.get_by_role("button", name="Download the week as a Word "
                                                          "document"), tmp_path)
    assert word.name == "our-week.docx"
    assert GAPS[0][4] in docx_text(word)
    assert page.blocked_requests == []


def test_the_plan_starts_from_the_week_and_its_word_document_carries_it(
        served, offline_page, tmp_path):
    url, _folder = served
    page = offline_page
    page.goto(url + "action_plan.ipynb")
    page.get_by_role("button", name="Add everything ready to the plan").wait_for(
        timeout=90_000)
    # The plan opens on the week: its tab is first and chosen, and the status says so.
    first = page.get_by_role("tab").first
    assert first.inner_text().strip() == "From the week"
    assert first.get_attribute("aria-selected") == "true"
    assert "What your week produced" in page.locator("table.dgt-week-overview").inner_text()
    page.get_by_text("Your week's work is waiting under 'From the week'").wait_for()
    page.get_by_role("button", name="Add everything ready to the plan").click()
    page.get_by_text(re.compile(r"Added 3 objective\(s\), 4 action\(s\) and 2\d item")).wait_for(
        timeout=30_000)

    page.get_by_role("tab", name="Government and objectives").click()
    assert page.get_by_label("Government", exact=True).input_value() == \
        "Kisumu County Government"
    assert page.get_by_label("Country", exact=True).input_value() == "Kenya"
    assert page.get_by_label("Currency", exact=True).input_value() == "KES"
    level = page.get_by_label("Level of government", exact=True)
    # ipywidgets writes option labels with non-breaking spaces.
    assert chosen(level) == "County, district or regency"

    page.get_by_role("tab", name="Actions").click()
    page.get_by_role("button", name="Edit", exact=True).click()  # the last action, the law
    page.get_by_role("heading", name="Edit the action").wait_for(timeout=30_000)
    from_ex11 = page.get_by_label("Indicator from Ex 11", exact=True)
    assert "County e-services law in force" in chosen(from_ex11)  # not "(none)"
    assert page.get_by_label("Data source", exact=True).input_value() == \
        "County Assembly records"
    # Ex 12 tied the law to target 16.6: the action serves it, and only it.
    assert chosen(page.get_by_label("SDG targets", exact=True)).startswith("16.6 ")
    page.get_by_role("button", name="Cancel editing").click()

    page.get_by_role("tab", name="Export and import").click()
    word = download(page, page.get_by_role("button", name="Export Word"), tmp_path)
    assert word.suffix == ".docx"

    saved = Workbook(_folder_of(served) / "workbook.sqlite", participant=TEAM).latest(
        EXERCISE_KEY).data
    carried = {(c["section"], c["title"]) for c in saved["context"]}
    assert {("swot", text) for _category, text in SWOT} <= carried
    assert {("stakeholder", name) for name, _p, _i in STAKEHOLDERS} <= carried
    text = docx_text(word)
    [pdf] = to_pdf(word)
    drawn = " ".join(" ".join(p.split()) for p in pdf_pages(pdf))
    for wanted in (
        *(g[3] for g in GAPS), *(g[4] for g in GAPS),  # the problem and the evidence
        *(text for _category, text in SWOT), *(name for name, _p, _i in STAKEHOLDERS),
        *(i[6] for i in INDICATORS),  # the data source of each indicator
        "Measured quarterly", "Measured every six months", "16.6",
        "County, district or regency", "KES",
    ):
        assert wanted in text, wanted
        assert " ".join(wanted.split()) in drawn, wanted
    assert "(gap " not in text
    assert page.blocked_requests == []


def _folder_of(served) -> Path:
    return served[1]


def test_ex12_opens_on_the_teams_review_and_a_target_found_by_words_is_saved(
        served, offline_page):
    """Ex 12 in Chromium (run last: it adds a target to the week the other tests read)."""
    url, folder = served
    page = offline_page
    page.set_viewport_size({"width": 390, "height": 900})  # a phone
    page.goto(url + "ex12_local_sdg_review.ipynb")
    page.get_by_role("button", name="Add this target").wait_for(timeout=90_000)
    assert page.locator("img[alt^='Local SDG review of 3 targets: 16.6, 4.4, 9.c.']").count() == 1
    assert chosen(page.get_by_label("Target to describe", exact=True)).startswith("16.6")
    page.get_by_label("Goal", exact=True).select_option(label="All 17 goals (then search)")
    search = page.get_by_label("Search the targets", exact=True)
    search.fill("birth registration")
    search.press("Enter")
    page.get_by_label("Target", exact=True).locator("option", has_text="16.9").wait_for(
        state="attached", timeout=15_000)
    page.get_by_role("button", name="Add this target").click()
    page.get_by_text("Target 16.9.").wait_for(timeout=15_000)
    source = page.get_by_label("Data source", exact=True)
    source.fill("Civil registry")
    source.press("Enter")
    page.locator("img[alt*='No data yet: 16.9.']").wait_for(timeout=15_000)
    assert page.get_by_role("status").filter(has_text="Saved at").count() == 1
    saved = Workbook(folder / "workbook.sqlite", participant=TEAM).latest(
        "ex12_local_sdg_review").data
    assert [t["target"] for t in saved["targets"]] == ["16.6", "4.4", "9.c", "16.9"]
    assert saved["targets"][-1]["data_source"] == "Civil registry"
    assert page.blocked_requests == []
