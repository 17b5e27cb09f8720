"""The action-plan app served by a real Voila (one server for the room, as ``make app``) and
used in headless Chromium: team codes, a plan of several actions, reload, export to Word and
Excel read back with python-docx and openpyxl, import, bad input and hostile text."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from docx import Document
from openpyxl import load_workbook

from dgtkit.models.action_plan import EXERCISE_KEY
from dgtkit.store.team_codes import codes_path, write_codes
from dgtkit.store.workbook import Workbook
from tests.conftest import REPO
from tests.voila import voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
HOSTILE = '<img src=x onerror="window.__hacked=true"><script>window.__hacked=true</script>'


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    """Voila serving the app with the settings of notebooks/voila.json, as ``make app``
    does, but a pool of 2 preheated kernels instead of a room's 40."""
    folder = tmp_path_factory.mktemp("room")
    workbook = folder / "room.sqlite"
    shutil.copy(REPO / "notebooks" / "action_plan.ipynb", folder)
    settings = json.loads((REPO / "notebooks" / "voila.json").read_text())
    pools = settings["VoilaKernelManager"]["kernel_pools_config"]
    assert pools["action_plan.ipynb"]["pool_size"] >= 40  # what the room gets
    pools["action_plan.ipynb"]["pool_size"] = 2
    (folder / "voila.json").write_text(json.dumps(settings))
    write_codes(codes_path(workbook), ["blue", "team-red", "green", "gold"])  # make codes
    with voila_server("action_plan.ipynb", folder=folder, DGTKIT_WORKBOOK=str(workbook),
                      unset=("JUPYTERHUB_USER",)) as url:
        yield url, workbook


def open_plan(page, url, team):
    page.goto(url)
    page.get_by_role("button", name="Open our plan").wait_for(timeout=60_000)
    assert page.locator("text=from dgtkit").count() == 0  # a form, not code
    page.get_by_label("Team code").fill(team)
    page.get_by_role("button", name="Open our plan").click()
    page.get_by_role("button", name="Add action").wait_for(timeout=60_000)


def fill_action(page, title, lead, start, end, **more):
    page.get_by_label("Action", exact=True).fill(title)
    page.get_by_label("Lead", exact=True).fill(lead)
    page.get_by_label("Start", exact=True).fill(start)
    page.get_by_label("End", exact=True).fill(end)
    for label, value in more.items():
        page.get_by_label(label.replace("_", " "), exact=True).fill(value)
    page.get_by_role("button", name="Add action").click()


def rows(page):
    return page.locator("table.dgt-actions tbody tr")


def wait_rows(page, count):
    page.wait_for_function(
        "n => document.querySelectorAll('table.dgt-actions tbody tr').length === n",
        arg=count, timeout=30_000)


def tab(page, name):
    page.get_by_role("tab", name=name).click()


def upload(page, path):
    """Choose ``path`` in the import button's file chooser (ipywidgets' FileUpload)."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=re.compile("Import a plan")).click()
    chooser.value.set_files(path)


def saved(workbook, team):
    return Workbook(workbook, participant=team).latest(EXERCISE_KEY)


def test_build_a_plan_reload_and_find_it_then_export_and_import(room, offline_page, tmp_path):
    url, workbook = room
    page = offline_page
    open_plan(page, url, "Blue")
    tab(page, "Government and objectives")
    page.get_by_label("Country", exact=True).fill("Indonesia")
    page.get_by_label("Country", exact=True).press("Enter")
    page.get_by_label("New objective").fill("Residents get permits online")
    page.get_by_role("button", name="Add objective").click()
    page.locator("ol.dgt-objectives li").first.wait_for(timeout=30_000)
    tab(page, "Actions")
    page.get_by_label("Objective", exact=True).first.select_option(
        label="Residents get permits online")
    fill_action(page, "Train 200 staff in service design", "HR office", "2027-01-15",
                "2027-09-30", Budget_estimate="120,000", Indicator="Staff trained",
                Baseline="10", Target="60")
    wait_rows(page, 1)
    fill_action(page, "Agree a data-sharing rule", "Secretariat", "2027-03-01", "2027-12-31")
    wait_rows(page, 2)
    fill_action(page, "Open a one-stop service desk", "ICT office", "2028-01-01",
                "2028-06-30")
    wait_rows(page, 3)
    assert "15 Jan 2027" in rows(page).first.inner_text()
    page.get_by_role("status").filter(has_text="Saved at").first.wait_for(timeout=10_000)

    page.reload()
    open_plan(page, url, "blue")
    wait_rows(page, 3)
    assert "Train 200 staff in service design" in rows(page).first.inner_text()
    data = saved(workbook, "blue").data
    assert [a["title"] for a in data["actions"]][2] == "Open a one-stop service desk"
    assert data["actions"][0]["budget"] == 120_000 and data["country"] == "Indonesia"

    tab(page, "Export and import")
    documents = {}
    for label, key in (("Word", "docx"), ("Excel", "xlsx")):
        with page.expect_download() as download:  # one click makes the file and downloads it
            page.get_by_role("button", name=f"Export {label}").click()
        target = tmp_path / download.value.suggested_filename
        download.value.save_as(target)
        assert target.suffix == f".{key}"
        documents[key] = target
    word = Document(documents["docx"])
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Action plan for digital government transformation" in text
    cells = " ".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    assert "Agree a data-sharing rule" in cells and "Staff trained" in cells
    sheet = load_workbook(documents["xlsx"])["Actions"]
    assert [sheet.cell(row=r, column=3).value for r in range(2, 5)] == [
        "Train 200 staff in service design", "Agree a data-sharing rule",
        "Open a one-stop service desk"]

    before = saved(workbook, "blue").id
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not a workbook")
    upload(page, broken)
    page.locator("text=was not imported").wait_for(timeout=30_000)
    assert saved(workbook, "blue").id == before  # the current plan stays

    tab(page, "Actions")
    page.get_by_role("button", name="Delete", exact=True).click()
    wait_rows(page, 2)
    tab(page, "Export and import")
    upload(page, documents["xlsx"])
    page.locator("text=Imported").wait_for(timeout=30_000)
    tab(page, "Actions")
    wait_rows(page, 3)
    assert len(saved(workbook, "blue").data["actions"]) == 3
    assert page.blocked_requests == []


def test_bad_input_gets_messages_beside_the_fields_and_hostile_text_stays_text(
        room, offline_page):
    url, workbook = room
    page = offline_page
    open_plan(page, url, "team-red")
    page.get_by_role("button", name="Add action").click()  # everything empty
    for text in ("The title is empty", "The lead is empty", "The start date is empty",
                 "The end date is empty"):
        page.locator(f"text={text}").wait_for(timeout=30_000)
    fill_action(page, "Train staff", "HR", "2027-06-01", "2027-05-01",
                Description="x" * 10_000)
    page.locator("text=The end date is before the start date.").wait_for(timeout=30_000)
    page.locator("text=too long (10,000 characters)").wait_for(timeout=30_000)
    assert rows(page).count() == 0
    assert saved(workbook, "team-red") is None

    page.evaluate("window.__hacked = false")
    for label in ("Description", "Partners: public", "Partners: private", "Partners: people",
                  "Indicator", "Risks", "Mitigation", "Why this priority"):
        page.get_by_label(label, exact=True).fill(HOSTILE)
    page.get_by_label("Unit", exact=True).fill("<b>u</b>")
    fill_action(page, HOSTILE, HOSTILE[:110], "2027-01-01", "2027-02-01")
    wait_rows(page, 1)
    cell = rows(page).first.locator("td").nth(1)
    assert cell.inner_text() == HOSTILE
    tab(page, "Government and objectives")
    for label in ("Team", "Country", "Government"):
        page.get_by_label(label, exact=True).fill(HOSTILE[:60])
        page.get_by_label(label, exact=True).press("Enter")
    page.get_by_label("New objective").fill(HOSTILE)
    page.get_by_role("button", name="Add objective").click()
    page.locator("ol.dgt-objectives li").first.wait_for(timeout=30_000)
    for name in ("Timeline", "Coverage and budget", "What is missing", "Actions"):
        tab(page, name)
    page.locator("text=still missing").first.wait_for(timeout=30_000)
    assert page.evaluate("window.__hacked") is False
    action = saved(workbook, "team-red").data["actions"][0]
    assert action["title"] == HOSTILE and action["risks"] == HOSTILE


def test_two_teams_at_once_never_see_each_others_plans(room, browser):
    url, workbook = room
    pages = []
    for _ in range(2):
        context = browser.new_context()
        pages.append(context.new_page())
    green, gold = pages
    open_plan(green, url, "green")
    open_plan(gold, url, "gold")
    fill_action(green, "Green's secret action", "Green lead", "2027-01-01", "2027-03-01")
    fill_action(gold, "Gold's own action", "Gold lead", "2027-01-01", "2027-03-01")
    wait_rows(green, 1)
    wait_rows(gold, 1)
    gold.reload()
    open_plan(gold, url, "gold")
    wait_rows(gold, 1)
    assert "Green's secret" not in gold.content()
    assert "Gold's own" not in green.content()
    assert [a["title"] for a in saved(workbook, "green").data["actions"]] == [
        "Green's secret action"]
    for page in pages:
        page.context.close()
