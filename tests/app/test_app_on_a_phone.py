"""The action-plan app (Voila, as ``make app`` serves it) on a phone and on a desktop.

At 390 x 844 and 1280 x 900, on the team-code screen and on every tab of the plan: nothing
wider than the screen, every form fitting a phone (labels above fields, whole tab names and
button texts), and axe-core finding no violation of WCAG 2.1 A and AA (the app is drawn in
light colours whatever the system asks: the colours are checked with dark asked for too). On a
phone a team fills an action's fields and adds it, and every control shows where the focus is.
"""

from __future__ import annotations

import json
import shutil

import pytest

from dgtkit.store.team_codes import codes_path, write_codes
from tests.conftest import REPO
from tests.pagecheck import (
    DESKTOP,
    PHONE,
    axe_path,
    axe_violations,
    focus_problems,
    form_problems_on_a_phone,
    listing,
    set_colour_mode,
    too_wide,
)
from tests.voila import voila_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TABS = ["Actions", "Government and objectives", "From the week", "Timeline",
        "Coverage and budget", "What is missing", "History", "Export and import"]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """Voila serving the app with notebooks/voila.json's settings, one preheated kernel."""
    folder = tmp_path_factory.mktemp("app")
    shutil.copy(REPO / "notebooks" / "action_plan.ipynb", folder)
    settings = json.loads((REPO / "notebooks" / "voila.json").read_text())
    settings["VoilaKernelManager"]["kernel_pools_config"]["action_plan.ipynb"]["pool_size"] = 1
    (folder / "voila.json").write_text(json.dumps(settings))
    write_codes(codes_path(folder / "room.sqlite"), ["team-390", "team-1280", "phone-team"])
    with voila_server("action_plan.ipynb", folder=folder,
                      DGTKIT_WORKBOOK=str(folder / "room.sqlite")) as url:
        yield url


def check_screen(page, where: str, problems: dict[str, list[str]], phone: bool) -> None:
    """Everything the test asks of one screen of the app, recorded under ``where``."""
    found = [f"wider than the screen: {w}" for w in too_wide(page)]
    found += form_problems_on_a_phone(page, phone=phone)
    for mode in ("light", "dark"):
        set_colour_mode(page, mode)
        found += [f"{mode}: {v}" for v in axe_violations(page, colours_only=mode == "dark")]
    set_colour_mode(page, "light")
    if found:
        problems[where] = found


def test_the_app_fits_a_phone_and_a_desktop_and_axe_finds_nothing(app, offline_page):
    axe_path()
    page = offline_page
    problems: dict[str, list[str]] = {}
    for screen in (PHONE, DESKTOP):
        phone = screen is PHONE
        label = f"{screen['width']} px"
        page.set_viewport_size(screen)
        page.goto(app)
        page.get_by_role("button", name="Open our plan").wait_for(timeout=60_000)
        check_screen(page, f"{label}, team code", problems, phone)
        page.get_by_label("Team code").fill(f"team-{screen['width']}")
        page.get_by_role("button", name="Open our plan").click()
        page.get_by_role("button", name="Add action").wait_for(timeout=60_000)
        for tab in TABS:
            page.get_by_role("tab", name=tab).click()
            page.wait_for_timeout(150)  # the tab's panel is drawn
            check_screen(page, f"{label}, tab {tab}", problems, phone)
    assert problems == {}, listing(problems)
    assert page.blocked_requests == []


def test_on_a_phone_a_team_fills_an_action_and_adds_it(app, offline_page):
    page = offline_page
    page.set_viewport_size(PHONE)
    page.goto(app)
    page.get_by_label("Team code").fill("phone-team")
    page.get_by_role("button", name="Open our plan").click()
    page.get_by_role("button", name="Add action").wait_for(timeout=60_000)
    for label, value in (("Action", "Open a one-stop service desk"), ("Lead", "ICT office"),
                         ("Start", "2027-01-15"), ("End", "2027-09-30")):
        field = page.get_by_label(label, exact=True)
        field.scroll_into_view_if_needed()
        box = field.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], label
        field.fill(value)
    page.get_by_role("button", name="Add action").click()
    page.wait_for_function(
        "() => document.querySelectorAll('table.dgt-actions tbody tr').length === 1",
        timeout=30_000)
    assert "Open a one-stop service desk" in page.locator("table.dgt-actions").inner_text()
    assert too_wide(page) == []
    assert focus_problems(page, presses=40) == []  # every control shows where the focus is
