"""A busy room, in a real browser against a real Voila (the settings of notebooks/voila.json,
a pool of 2): two windows of one team at once, a kernel and the server killed while a team
types, a reload with typing not yet added, a preheated kernel killed before anyone came, a
closed page's kernel, guessed, colliding and OS-user codes, an oversized import.

One server serves the whole module (the last test kills it and starts it again on the same
address, as a facilitator would)."""

from __future__ import annotations

import getpass
import json
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil
import pytest

from dgtkit.models.action_plan import EXERCISE_KEY
from dgtkit.store.team_codes import codes_path, write_codes
from dgtkit.store.workbook import Workbook
from tests.helpers import REPO, free_port, tool_env, wait_for_http

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CODES = ["apple-river-stone", "cedar-harbor-kite", "olive-tower-frog", "maple-drum-otter",
         "lemon-canoe-swan", "coral-bench-owl"]
SECONDS = 1000  # Playwright counts milliseconds


class Room:
    """Voila serving the app from a folder of its own, on an address that stays the same
    when the server is started again."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.workbook = folder / "room.sqlite"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.process: subprocess.Popen | None = None
        shutil.copy(REPO / "notebooks" / "action_plan.ipynb", folder)
        settings = json.loads((REPO / "notebooks" / "voila.json").read_text())
        settings["VoilaKernelManager"]["kernel_pools_config"]["action_plan.ipynb"][
            "pool_size"] = 2
        (folder / "voila.json").write_text(json.dumps(settings))
        write_codes(codes_path(self.workbook), CODES)

    def start(self) -> None:
        env = tool_env(DGTKIT_WORKBOOK=str(self.workbook))
        env.pop("JUPYTERHUB_USER", None)
        self.log = (self.folder / "voila.log").open("a")
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "voila"), "action_plan.ipynb", "--no-browser",
             f"--port={self.port}", "--Voila.ip=127.0.0.1"],
            cwd=self.folder, env=env, stdout=self.log, stderr=self.log,
        )  # fmt: skip
        # a file of the template: asking for the page itself would take a kernel
        wait_for_http(self.url + "voila/templates/dgt-offline/static/dgt-room.js",
                      self.process, timeout=120)

    def stop(self, sig=signal.SIGTERM) -> None:
        if self.process is None:
            return
        for kernel in self.kernels():
            if sig == signal.SIGKILL:  # as if the machine lost the server: kernels too
                kernel.kill()
        self.process.send_signal(sig)  # Voila ignores SIGINT when in the background
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.process = None
        self.log.close()

    def kernels(self) -> list[psutil.Process]:
        if self.process is None:
            return []
        return [p for p in psutil.Process(self.process.pid).children(recursive=True)
                if "ipykernel" in " ".join(p.cmdline())]

    def kernel_of(self, page) -> psutil.Process:
        kernel_id = page.evaluate("window.dgtRoom.kernelId")
        return next(k for k in self.kernels() if kernel_id in " ".join(k.cmdline()))

    def kernel_exists(self, kernel_id: str) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}api/kernels/{kernel_id}", timeout=5):
                return True
        except urllib.error.HTTPError as error:
            return error.code != 404

    def saved(self, team: str):
        return Workbook(self.workbook, participant=team).latest(EXERCISE_KEY)


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    room = Room(tmp_path_factory.mktemp("busy-room"))
    room.start()
    try:
        yield room
    finally:
        room.stop()


@pytest.fixture
def pages(browser):
    """Pages, each in a browser context of its own (two computers); a page's dialogs (the
    warning before leaving unsaved typing) are accepted and remembered."""
    made = []

    def new_page():
        context = browser.new_context()
        page = context.new_page()
        page.dialogs = []

        def on_dialog(dialog):
            page.dialogs.append(dialog.type)
            dialog.accept()

        page.on("dialog", on_dialog)
        made.append(context)
        return page

    yield new_page
    for context in made:
        context.close()


def open_plan(page, url, team):
    page.goto(url)
    page.get_by_role("button", name="Open our plan").wait_for(timeout=90 * SECONDS)
    page.get_by_label("Team code").fill(team)
    page.get_by_role("button", name="Open our plan").click()
    page.get_by_role("button", name="Add action").wait_for(timeout=60 * SECONDS)
    connected(page)
    page.wait_for_function("() => window.dgtRoom.team !== ''", timeout=30 * SECONDS)


def connected(page):
    page.wait_for_selector("#dgt-connection[data-state=connected]", timeout=30 * SECONDS)


def team_screen_says(page, code, text):
    page.get_by_label("Team code").fill(code)
    page.get_by_role("button", name="Open our plan").click()
    page.get_by_text(text).first.wait_for(timeout=30 * SECONDS)
    assert page.get_by_role("button", name="Add action").count() == 0


def fill_action(page, title, lead="Lead", start="2027-01-01", end="2027-06-30"):
    page.get_by_label("Action", exact=True).fill(title)
    page.get_by_label("Lead", exact=True).fill(lead)
    page.get_by_label("Start", exact=True).fill(start)
    page.get_by_label("End", exact=True).fill(end)
    page.get_by_role("button", name="Add action").click()


def wait_rows(page, count):
    page.wait_for_function(
        "n => document.querySelectorAll('table.dgt-actions tbody tr').length === n",
        arg=count, timeout=30 * SECONDS)


def wait_saved(room, team, check, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        revision = room.saved(team)
        if revision is not None and check(revision.data):
            return revision.data
        time.sleep(0.25)
    raise AssertionError(f"the workbook never held the change; last: {room.saved(team)}")


def offer_back(page):
    """The page offers typing kept from before; put it back into the form."""
    page.get_by_role("button", name="Put it back into the form").click(timeout=30 * SECONDS)


# -- teams are private -------------------------------------------------------------------------

def test_guessed_colliding_and_os_user_codes_open_nothing(room, pages):
    me = getpass.getuser()
    Workbook(room.workbook, participant="b").save(EXERCISE_KEY, {"team": "b", "actions": []})
    Workbook(room.workbook, participant=me).save(EXERCISE_KEY, {"team": me, "actions": [
        {"id": "x1", "title": "The computer user's secret action", "lead": "Me",
         "start": "2027-01-01", "end": "2027-02-01"}]})
    Workbook(room.workbook, participant=me).save("ex07_vision", {
        "statement": "The computer user's own vision", "year": 2035, "sdg_targets": [],
        "milestones": []})
    page = pages()
    page.goto(room.url)
    page.get_by_role("button", name="Open our plan").wait_for(timeout=90 * SECONDS)
    for guess in ("b", "B ", " b ", "\u212a", me, me.upper(), "apple-river"):
        team_screen_says(page, guess, "not one of this room's team codes")
    codes = codes_path(room.workbook)
    issued = codes.read_text()
    codes.write_text(issued + "Apple River Stone\n")  # a second code that is the same code
    try:
        team_screen_says(page, "apple-river-stone", "lists one code twice")
    finally:
        codes.write_text(issued)
    page.get_by_label("Team code").fill("Apple  River-STONE")  # the code, typed loosely
    page.get_by_role("button", name="Open our plan").click()
    page.get_by_role("button", name="Add action").wait_for(timeout=60 * SECONDS)
    html = page.content()
    assert "secret action" not in html and "computer user's own vision" not in html
    page.get_by_role("tab", name="Government and objectives").click()
    page.get_by_text("No vision from Ex 7").wait_for(timeout=30 * SECONDS)


# -- two windows of one team -------------------------------------------------------------------

def test_two_windows_of_one_team_edit_at_once_and_lose_nothing(room, pages):
    team = CODES[1]
    one, two = pages(), pages()
    open_plan(one, room.url, team)
    open_plan(two, room.url, team)
    fill_action(one, "A from window one", lead="HR office")
    wait_rows(one, 1)
    fill_action(two, "B from window two")  # whether or not window two has shown A yet
    wait_rows(two, 2)
    wait_rows(one, 2)  # window one shows B within seconds, without a reload
    data = room.saved(team).data
    assert [a["title"] for a in data["actions"]] == ["A from window one", "B from window two"]

    two.get_by_role("tab", name="Government and objectives").click()
    two.get_by_label("Government", exact=True).fill("Mombasa")
    two.get_by_label("Government", exact=True).press("Enter")
    wait_saved(room, team, lambda d: d["government"] == "Mombasa")
    one.get_by_role("tab", name="Government and objectives").click()
    one.get_by_label("Country", exact=True).fill("Kenya")
    one.get_by_label("Country", exact=True).press("Enter")
    data = wait_saved(room, team, lambda d: d["country"] == "Kenya")
    assert data["government"] == "Mombasa" and len(data["actions"]) == 2

    for page in (one, two):  # both windows open action A to edit it
        page.get_by_role("tab", name="Actions").click()
        page.get_by_label("Choose an action").select_option(label="1. A from window one")
        page.get_by_role("button", name="Edit", exact=True).click()
        page.get_by_role("button", name="Save changes").wait_for(timeout=30 * SECONDS)
    one.get_by_label("Lead", exact=True).fill("Finance")
    one.get_by_role("button", name="Save changes").click()
    wait_saved(room, team, lambda d: d["actions"][0]["lead"] == "Finance")
    two.get_by_label("Lead", exact=True).fill("ICT office")
    two.get_by_role("button", name="Save changes").click()
    two.get_by_text("Please choose: two changes to the same thing").wait_for(
        timeout=30 * SECONDS)
    question = two.locator(".dgt-conflicts").inner_text()
    assert "'Finance'" in question and "'ICT office'" in question and "lead" in question
    one.get_by_text("Please choose: two changes to the same thing").wait_for(
        timeout=30 * SECONDS)  # the other window asks too
    one.get_by_role("button", name="Keep: 'Finance'").click()
    wait_saved(room, team, lambda d: d["actions"][0]["lead"] == "Finance")
    two.locator(".dgt-conflicts").wait_for(state="hidden", timeout=30 * SECONDS)
    assert len(room.saved(team).data["actions"]) == 2


# -- typing not yet added ----------------------------------------------------------------------

def test_a_reload_with_typing_not_yet_added_warns_and_offers_it_back(room, pages):
    team = CODES[2]
    page = pages()
    open_plan(page, room.url, team)
    page.get_by_label("Action", exact=True).fill("Map every permit service")
    page.get_by_label("Lead", exact=True).fill("Planning office")
    page.get_by_label("Description", exact=True).fill("Line one\nLine two")
    page.get_by_role("tab", name="Government and objectives").click()
    page.get_by_label("New objective").fill("Permits online by 2028")
    page.reload()
    assert page.dialogs == ["beforeunload"]  # the browser warned before leaving
    open_plan(page, room.url, team)
    offer = page.locator("#dgt-offer")
    offer.wait_for(timeout=30 * SECONDS)
    assert "Map every permit service" in offer.inner_text()
    offer_back(page)
    assert page.get_by_label("Description", exact=True).input_value() == "Line one\nLine two"
    page.get_by_label("Start", exact=True).fill("2027-02-01")
    page.get_by_label("End", exact=True).fill("2027-08-31")
    page.get_by_role("button", name="Add action").click()
    data = wait_saved(room, team, lambda d: len(d["actions"]) == 1)
    action = data["actions"][0]
    assert (action["title"], action["lead"], action["description"]) == (
        "Map every permit service", "Planning office", "Line one\nLine two")
    page.get_by_role("tab", name="Government and objectives").click()
    assert page.get_by_label("New objective").input_value() == "Permits online by 2028"
    page.get_by_role("button", name="Add objective").click()
    wait_saved(room, team, lambda d: len(d["objectives"]) == 1)
    page.get_by_role("tab", name="Actions").click()
    page.wait_for_function("() => !localStorage.getItem('dgt-draft:' + window.dgtRoom.team)",
                           timeout=30 * SECONDS)  # all added: nothing kept, no warning
    page.reload()
    assert page.dialogs == ["beforeunload"]


def test_an_oversized_import_is_refused_at_once_with_a_reason(room, pages, tmp_path):
    page = pages()
    open_plan(page, room.url, CODES[3])
    big = tmp_path / "plan.json"
    big.write_bytes(b"{" + b" " * 12_000_000 + b"}")
    page.get_by_role("tab", name="Export and import").click()
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=re.compile("Import a plan")).click()
    chooser.value.set_files(big)
    message = page.locator(".dgt-import-refused")
    message.wait_for(timeout=30 * SECONDS)
    assert "12.0 MB" in message.inner_text() and "not imported" in message.inner_text()
    assert message.get_attribute("role") == "alert"


# -- kernels -----------------------------------------------------------------------------------

def test_a_kernel_killed_mid_typing_is_shown_lost_and_the_typing_comes_back(room, pages):
    team = CODES[4]
    page = pages()
    open_plan(page, room.url, team)
    fill_action(page, "Saved before the crash")
    wait_rows(page, 1)
    page.get_by_role("status").filter(has_text="Saved at").first.wait_for(timeout=30 * SECONDS)
    page.get_by_label("Action", exact=True).fill("Typed as the kernel died")
    page.get_by_label("Lead", exact=True).fill("Data office")
    room.kernel_of(page).kill()
    page.wait_for_selector("#dgt-connection[data-state=lost]", timeout=30 * SECONDS)
    assert "Connection lost" in page.locator("#dgt-connection").inner_text()
    assert page.locator(".dgt-saved:visible").count() == 0  # no "Saved at" stands
    page.get_by_role("button", name="Add action").click()
    page.get_by_text("Not done: 'Add action' needs the connection").wait_for(
        timeout=10 * SECONDS)
    page.reload()
    open_plan(page, room.url, team)
    wait_rows(page, 1)
    offer_back(page)
    page.get_by_label("Start", exact=True).fill("2027-03-01")
    page.get_by_label("End", exact=True).fill("2027-04-30")
    page.get_by_role("button", name="Add action").click()
    data = wait_saved(room, team, lambda d: len(d["actions"]) == 2)
    assert data["actions"][1]["title"] == "Typed as the kernel died"
    assert data["actions"][1]["lead"] == "Data office"


def test_a_closed_pages_kernel_is_freed(room, pages):
    page = pages()
    open_plan(page, room.url, CODES[5])
    kernel_id = page.evaluate("window.dgtRoom.kernelId")
    assert room.kernel_exists(kernel_id)
    page.close(run_before_unload=True)
    deadline = time.monotonic() + 60
    while room.kernel_exists(kernel_id) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not room.kernel_exists(kernel_id)


def test_preheated_kernels_killed_before_anyone_came_are_never_served(room, pages):
    page = pages()
    open_plan(page, room.url, CODES[0])  # the pool is in use and has refilled
    page.close(run_before_unload=True)
    deadline = time.monotonic() + 120
    while len(room.kernels()) < 2 and time.monotonic() < deadline:
        time.sleep(0.5)
    killed = room.kernels()
    assert killed
    for kernel in killed:  # every preheated kernel dies
        kernel.kill()
    page = pages()
    open_plan(page, room.url, CODES[0])  # the visitor gets a working form
    fill_action(page, "After the pool was killed")
    wait_rows(page, 1)
    wait_saved(room, CODES[0], lambda d: len(d["actions"]) == 1)
    assert all(k.pid not in {d.pid for d in killed} for k in room.kernels())


# -- the server --------------------------------------------------------------------------------

def test_the_server_killed_mid_typing_is_shown_and_nothing_is_lost(room, pages):
    team = CODES[3]
    page = pages()
    open_plan(page, room.url, team)
    page.get_by_label("Action", exact=True).fill("Typed as the server died")
    page.get_by_label("Lead", exact=True).fill("Secretariat")
    room.stop(signal.SIGKILL)
    page.wait_for_selector("#dgt-connection:not([data-state=connected])",
                           timeout=10 * SECONDS)  # said at once
    page.wait_for_selector("#dgt-connection[data-state=lost]", timeout=30 * SECONDS)
    assert page.locator(".dgt-saved:visible").count() == 0
    page.get_by_label("Description", exact=True).fill("Typed while it was down")
    assert page.get_by_role("link", name="Download what you typed").is_visible()
    room.start()
    page.reload()
    open_plan(page, room.url, team)
    offer_back(page)
    page.get_by_label("Start", exact=True).fill("2027-05-01")
    page.get_by_label("End", exact=True).fill("2027-07-31")
    page.get_by_role("button", name="Add action").click()
    data = wait_saved(room, team, lambda d: len(d["actions"]) == 1)
    action = data["actions"][0]
    assert (action["title"], action["lead"], action["description"]) == (
        "Typed as the server died", "Secretariat", "Typed while it was down")
