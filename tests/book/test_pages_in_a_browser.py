"""Every page of the built book in a real browser, as readers get it: on a phone (390 x 844)
and a desktop (1280 x 900), in light and dark mode, served with gzip as GitHub Pages does.

One pass over the book (one browser page, the cache off so each page is a first visit) records
for each page what the tests below check:

- axe-core finds no violation of WCAG 2.1 A and AA, in light and dark mode, at both widths;
- no JavaScript error, no file missing (404), nothing asked of the internet, no web font;
- nothing wider than the screen: the page, and on an exercise page every widget box;
- a text page (no form) downloads at most 500 KB (compressed);
- on every exercise page, at 390 px: labels above their fields, tab names and button texts
  whole, charts within the screen with text of at least 12 px; the form is marked as a
  preview (a note with the launch choices, every field disabled); the book's menu opens at
  both widths.

Timings are the benchmark's (benchmarks/site_weight.py), not a test's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from tests.helpers import serve_gzip
from tests.pagecheck import (
    DESKTOP,
    PHONE,
    axe_path,
    axe_violations,
    form_problems_on_a_phone,
    listing,
    set_colour_mode,
    too_wide,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDGET_VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'
FORMS_DRAWN = """selector => [...document.querySelectorAll(selector)].every(script => {
  const drawn = script.previousElementSibling;
  return drawn && drawn.querySelector('.jupyter-widgets');
})"""
TEXT_PAGE_BUDGET = 500 * 1000
NEXT_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


@dataclass
class Visit:
    name: str
    exercise: bool = False
    wire_bytes: int = 0
    missing: list[str] = field(default_factory=list)
    fonts: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    too_wide: list[str] = field(default_factory=list)
    form: list[str] = field(default_factory=list)
    preview: list[str] = field(default_factory=list)
    menu: list[str] = field(default_factory=list)


def book_pages(built_book) -> list[str]:
    return sorted(p.relative_to(built_book).as_posix() for p in built_book.rglob("*.html")
                  if "_static" not in p.parts)


def check_preview(page) -> list[str]:
    problems = []
    note = page.locator(".dgt-preview-note")
    if note.count() != 1:
        problems.append(f"{note.count()} preview notes")
    elif note.get_by_role("link").count() < 2:
        problems.append("the preview note offers fewer than two ways to open the exercise live")
    live = page.evaluate("""() => [...document.querySelectorAll(
        '.dgt-preview input, .dgt-preview select, .dgt-preview textarea, .dgt-preview button')]
        .filter(c => !c.disabled).map(c => c.outerHTML.slice(0, 80))""")
    if live:
        problems.append(f"fields a reader can type into in vain: {live[:3]}")
    return problems


def check_menu(page, phone: bool) -> list[str]:
    """On a phone the ☰ button opens the book's chapters (and Escape closes them); on a desktop
    they are beside the text (test_menu.py folds them away and back on a session page)."""
    menu = page.get_by_role("navigation", name="Main")
    button = page.get_by_role("button", name="Toggle primary sidebar")
    try:
        if phone:
            button.click()
            menu.wait_for(state="visible", timeout=5000)
            page.keyboard.press("Escape")
            menu.wait_for(state="hidden", timeout=5000)
        else:
            menu.wait_for(state="visible", timeout=5000)
    except Exception as error:  # noqa: BLE001 (reported with the page's name)
        return [f"the menu at {'390' if phone else '1280'} px: {str(error).splitlines()[0]}"]
    return []


@pytest.fixture(scope="module")
def visits(built_book, browser) -> dict[str, Visit]:
    axe_path()  # fail early, with the command to run, if axe-core is not installed
    results: dict[str, Visit] = {}
    with serve_gzip(built_book) as base:
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        current: list[Visit] = []
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})

        def finished(event):
            if current:
                current[-1].wire_bytes += int(event["encodedDataLength"])

        def response(event):
            status, url = event["response"]["status"], event["response"]["url"]
            if current and status >= 400:
                current[-1].missing.append(f"{status} {url.removeprefix(base)}")
            if current and event.get("type") == "Font":
                current[-1].fonts.append(url.removeprefix(base))

        cdp.on("Network.loadingFinished", finished)
        cdp.on("Network.responseReceived", response)
        page.on("console", lambda m: current and m.type == "error"
                and current[-1].errors.append(m.text[:200]))
        page.on("pageerror", lambda e: current and current[-1].errors.append(str(e)[:200]))

        def only_the_book(route):
            if route.request.url.startswith((base, "data:", "blob:")):
                route.continue_()
            else:
                if current:
                    current[-1].outside.append(route.request.url)
                route.abort()

        page.route("**/*", only_the_book)
        for name in book_pages(built_book):
            visit = results[name] = Visit(name)
            current.append(visit)
            page.set_viewport_size(PHONE)
            page.goto(base + name, wait_until="load")
            visit.exercise = page.locator(WIDGET_VIEW).count() > 0
            if visit.exercise:
                page.wait_for_function(FORMS_DRAWN, arg=WIDGET_VIEW, timeout=60_000)
            for screen in (PHONE, DESKTOP):
                if screen is DESKTOP:
                    page.set_viewport_size(DESKTOP)
                    page.evaluate(NEXT_FRAMES)  # course.js marks the boxes that now scroll
                for mode in ("light", "dark"):  # every rule in light, the colours in dark too
                    set_colour_mode(page, mode)
                    visit.violations += [f"{screen['width']} px, {mode}: {v}" for v in
                                         axe_violations(page, colours_only=mode == "dark")]
                visit.too_wide += [f"{screen['width']} px: {w}" for w in too_wide(page)]
                if visit.exercise:
                    visit.form += [f"{screen['width']} px: {p}" for p in
                                   form_problems_on_a_phone(page, phone=screen is PHONE)]
                if visit.exercise and screen is PHONE:
                    visit.preview = check_preview(page)
            set_colour_mode(page, "light")
            if visit.exercise:
                visit.menu = check_menu(page, phone=False)
                page.set_viewport_size(PHONE)
                visit.menu += check_menu(page, phone=True)
            current.pop()
        context.close()
    return results


def report(visits: dict[str, Visit], attribute: str) -> dict[str, list[str]]:
    return {name: getattr(v, attribute) for name, v in visits.items() if getattr(v, attribute)}


def test_the_book_has_exercise_pages_and_text_pages(visits):
    exercises = [n for n, v in visits.items() if v.exercise]
    assert "notebooks/ex05_situation_analysis.html" in exercises
    assert "notebooks/action_plan.html" in exercises
    assert len(exercises) >= 15 and len(visits) - len(exercises) >= 40


def test_axe_finds_no_wcag_21_aa_violation_on_any_page_light_or_dark_phone_or_desktop(visits):
    problems = report(visits, "violations")
    assert problems == {}, listing(problems)


def test_no_page_logs_an_error_misses_a_file_or_asks_the_internet(visits):
    problems = {name: v.errors + v.missing + v.outside for name, v in visits.items()
                if v.errors or v.missing or v.outside}
    assert problems == {}, listing(problems)


def test_no_page_downloads_a_web_font(visits):
    """The book's text uses the system's fonts and its icons are CSS (book/_assets/icons.css):
    Font Awesome's fonts (115-156 KB each) are never needed."""
    problems = report(visits, "fonts")
    assert problems == {}, listing(problems)


def test_nothing_is_wider_than_the_screen_on_a_phone_or_a_desktop(visits):
    problems = report(visits, "too_wide")
    assert problems == {}, listing(problems)


def test_a_text_page_downloads_at_most_500_kb(visits):
    heavy = {name: [f"{v.wire_bytes / 1000:.0f} KB"] for name, v in visits.items()
             if not v.exercise and v.wire_bytes > TEXT_PAGE_BUDGET}
    assert heavy == {}, listing(heavy)
    assert all(v.wire_bytes > 0 for v in visits.values())


def test_every_exercise_form_fits_a_phone_and_shows_whole_names_on_a_desktop(visits):
    problems = report(visits, "form")
    assert problems == {}, listing(problems)


def test_every_exercise_form_is_a_preview_with_the_ways_to_open_it_live(visits):
    problems = report(visits, "preview")
    assert problems == {}, listing(problems)


def test_the_menu_opens_on_every_exercise_page_on_a_phone_and_a_desktop(visits):
    problems = report(visits, "menu")
    assert problems == {}, listing(problems)
