"""The action-plan app served by a real Voila and used in headless Chromium."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from dgtkit.models.action_plan import EXERCISE_KEY
from dgtkit.workbook import Workbook
from tests.conftest import REPO, free_port, tool_env, wait_for_http

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def voila_app(tmp_path):
    """Voila serving notebooks/action_plan.ipynb on a free loopback port."""
    workbook = tmp_path / "room.sqlite"
    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "voila"), "action_plan.ipynb", "--no-browser",
         f"--port={port}", "--Voila.ip=127.0.0.1"],
        cwd=REPO / "notebooks",
        env=tool_env(DGTKIT_WORKBOOK=str(workbook), JUPYTERHUB_USER="team-blue"),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_http(url, process, timeout=90)
        yield url, workbook
    finally:
        process.send_signal(signal.SIGTERM)  # Voila ignores SIGINT when in the background
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def open_app(page, url):
    page.goto(url)
    page.get_by_role("button", name="Add action").wait_for(timeout=60_000)


def add_action(page, title, lead, start, end):
    page.get_by_label("Action", exact=True).fill(title)
    page.get_by_label("Lead", exact=True).fill(lead)
    page.get_by_label("Start", exact=True).fill(start)
    page.get_by_label("End", exact=True).fill(end)
    page.get_by_role("button", name="Add action").click()


def test_add_an_action_reload_and_find_it(voila_app, offline_page):
    url, workbook = voila_app
    page = offline_page
    open_app(page, url)
    assert page.locator("text=PillarSelfRating").count() == 0
    assert page.locator("text=from dgtkit").count() == 0  # a form, not code

    add_action(page, "Open a one-stop digital service desk", "City ICT office",
               "2027-01-15", "2027-09-30")
    row = page.locator("table.dgt-actions tbody tr")
    row.first.wait_for(timeout=30_000)
    assert "Open a one-stop digital service desk" in row.first.inner_text()
    assert "15 Jan 2027" in row.first.inner_text()
    page.get_by_role("status").filter(has_text="Saved at").wait_for(timeout=10_000)

    page.reload()
    open_app(page, url)
    row = page.locator("table.dgt-actions tbody tr")
    row.first.wait_for(timeout=30_000)
    assert row.count() == 1
    assert "City ICT office" in row.first.inner_text()

    saved = Workbook(workbook, participant="team-blue").latest(EXERCISE_KEY)
    assert saved.data["actions"][0]["title"] == "Open a one-stop digital service desk"
    # The app needs nothing from the internet: the course's Voila template (dgt-offline)
    # drops the icon stylesheets that Voila's lab template links from a CDN.
    assert page.blocked_requests == []


def test_bad_input_gets_messages_and_hostile_text_stays_text(voila_app, offline_page):
    url, workbook = voila_app
    page = offline_page
    open_app(page, url)
    add_action(page, "Train staff", "HR", "2027-06-01", "2027-05-01")
    page.locator("text=The end date is before the start date.").wait_for(timeout=30_000)
    assert page.locator("table.dgt-actions").count() == 0
    assert Workbook(workbook, participant="team-blue").latest(EXERCISE_KEY) is None

    page.evaluate("window.__hacked = false")
    hostile = '<img src=x onerror="window.__hacked=true"><script>window.__hacked=true</script>'
    add_action(page, hostile, "<b>Lead</b>", "2027-01-01", "2027-02-01")
    cell = page.locator("table.dgt-actions tbody tr td").nth(1)
    cell.wait_for(timeout=30_000)
    assert cell.inner_text() == hostile
    assert page.evaluate("window.__hacked") is False
