"""The room's dashboard in a real browser against a real Voila (notebooks/voila.json's
settings): a team's code is refused and shows nothing; the facilitator's code opens it, and
three teams' saves appear while it is open, without a reload. One server for the module."""

from __future__ import annotations

import os
import shutil

import pytest

from dgtkit.instructor.sample_answers import ANSWERS
from dgtkit.models import evaluation, pillar_rating, vision
from dgtkit.models.assessment import BIGGEST_GAPS
from dgtkit.store import handoff
from dgtkit.store.team_codes import (
    codes_path,
    facilitator_code_path,
    write_codes,
    write_facilitator_code,
)
from dgtkit.store.workbook import Workbook
from tests.helpers import REPO
from tests.voila import voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TEAMS = ["apple-river-stone", "cedar-harbor-kite", "olive-tower-frog"]
FACILITATOR = "wizard-prairie-robin-glacier"
HOSTILE = "<script>alert(1)</script> <b>bold?</b>"
SECONDS = 1000


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    """Voila serving the dashboard from a folder of its own, with the room's workbook, the
    teams' codes and the facilitator's code beside it."""
    folder = tmp_path_factory.mktemp("room-dashboard")
    workbook = folder / "workbook.sqlite"
    shutil.copy(REPO / "notebooks" / "dashboard.ipynb", folder)
    shutil.copy(REPO / "notebooks" / "voila.json", folder)
    write_codes(codes_path(workbook), TEAMS)
    write_facilitator_code(facilitator_code_path(workbook), FACILITATOR)
    Workbook(workbook, participant=TEAMS[0])  # the room's file, empty before the week
    with voila_server("dashboard.ipynb", folder=folder, DGTKIT_WORKBOOK=str(workbook),
                      ready="voila/templates/dgt-offline/static/dgt-room.js",
                      log=folder / "voila.log",
                      unset=("JUPYTERHUB_USER", "DGTKIT_DASHBOARD_SOURCES",
                             "DGTKIT_TEAM_CODES_FILE", "DGTKIT_FACILITATOR_CODE_FILE")) as url:
        yield url, workbook


def open_gate(browser, url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs = []  # a script run from a team's text would raise one
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    page.get_by_role("button", name="Open the dashboard").wait_for(timeout=90 * SECONDS)
    return context, page


def test_a_team_code_is_refused_and_the_facilitator_sees_the_teams_save(dashboard, browser):
    url, workbook = dashboard
    # A participant with the team's code, then a guess: a refusal, and nothing of the room.
    saved = Workbook(workbook, participant=TEAMS[0]).save(vision.EXERCISE_KEY, ANSWERS[
        vision.EXERCISE_KEY]())
    context, page = open_gate(browser, url)
    for guess in (TEAMS[0], "wizard-prairie-robin"):
        page.get_by_label("Facilitator code").fill(guess)
        page.get_by_role("button", name="Open the dashboard").click()
        page.get_by_text("for the workshop's facilitator only").wait_for(timeout=30 * SECONDS)
    text = page.inner_text("body")
    assert TEAMS[0] not in text and "regency" not in text and "Exercises done" not in text
    context.close()

    context, page = open_gate(browser, url)
    page.get_by_label("Facilitator code").fill(FACILITATOR.replace("-", " ").upper())
    page.get_by_role("button", name="Open the dashboard").click()
    page.get_by_role("heading", name="The room's work").wait_for(timeout=30 * SECONDS)
    page.get_by_role("rowheader", name=TEAMS[0]).first.wait_for(timeout=10 * SECONDS)

    # Three teams save while the page is open; it shows their work without a reload.
    Workbook(workbook, participant=TEAMS[1]).save(
        pillar_rating.EXERCISE_KEY, ANSWERS[pillar_rating.EXERCISE_KEY]())
    for key in ("ex05_situation_analysis", "action_plan"):
        Workbook(workbook, participant=TEAMS[2]).save(key, ANSWERS[key]())
    Workbook(workbook, participant=TEAMS[0]).save(evaluation.EXERCISE_KEY, {
        "ratings": {"relevance": 4, "clarity": 2}, "texts": {"most_useful": HOSTILE},
        "commitments": []})
    page.get_by_role("rowheader", name=TEAMS[2]).first.wait_for(timeout=30 * SECONDS)
    page.get_by_text(HOSTILE).wait_for(timeout=30 * SECONDS)  # shown as text, never run
    heat = page.get_by_role("img", name="Heat map of the teams' pillar ratings")
    assert f"{TEAMS[1]}: Digital leadership and vision 1" in heat.get_attribute("alt")
    text = page.inner_text("body")
    assert "Nothing is missing: the plan is ready to export" in text  # team 3's plan
    assert "4.0 of 5" in text and "2.0 of 5" in text  # the evaluation's means
    gaps = handoff.capacity_gaps(Workbook(workbook, participant=TEAMS[2], read_only=True))
    for gap in gaps[:BIGGEST_GAPS]:
        assert f"{gap.name}: {gap.current} → {gap.target} (gap {gap.gap})" in text
    assert page.dialogs == []
    shot = os.environ.get("DGT_DASHBOARD_SCREENSHOT")  # the closing note's picture
    if shot:  # Voila's page scrolls inside itself: a tall window shows all of it
        page.set_viewport_size({"width": 1280, "height": 3400})
        page.screenshot(path=shot)
    context.close()
    # The dashboard changed nothing: the teams, and what they saved, are as they were.
    assert Workbook(workbook, read_only=True).participants() == sorted(TEAMS)
    assert Workbook(workbook, participant=TEAMS[0], read_only=True).history(
        vision.EXERCISE_KEY) == [saved]
