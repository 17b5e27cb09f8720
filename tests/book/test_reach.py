"""The built book's pages for a reader on a phone, on a slow line, with assistive technology.

Read from the HTML files (no browser) unless marked: what each page loads and in what order,
the icons without Font Awesome's script, the exercises' preview note, the menu's names, the
references' roles, the glossary's letters, and the facilitator notes in print (in a browser).
How fast a page shows on a slow line is measured by benchmarks/site_weight.py, not here.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO
from tests.pagecheck import DESKTOP, PHONE, focus_problems, listing, set_colour_mode

pytestmark = pytest.mark.slow

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
#: The pages for facilitators and schools: the only ones that name make commands.
FACILITATOR_PAGES = {"book/facilitator-guide.html", "book/instructor-guide.html",
                     "book/run-anywhere.html"}


class _Page(HTMLParser):
    """Where a page's scripts are, which icons it shows, its <summary> elements."""

    def __init__(self):
        super().__init__()
        self.head_scripts: list[dict] = []  # before <body>
        self.in_body = False
        self.icons: set[str] = set()
        self.summaries: list[dict] = []  # each <summary>'s attributes, and its "text"
        self.links: list[dict] = []
        self._summary: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body":
            self.in_body = True
        elif tag == "script" and not self.in_body:
            self.head_scripts.append(attrs)
        elif tag == "summary":
            self._summary = {**attrs, "text": ""}
            self.summaries.append(self._summary)
        elif tag == "link":
            self.links.append(attrs)
        classes = (attrs.get("class") or "").split()
        if {"fa-solid", "fas"} & set(classes):
            self.icons |= {c for c in classes if c.startswith("fa-") and c not in (
                "fa-solid", "fa-lg")}


    def handle_endtag(self, tag):
        if tag == "summary":
            self._summary = None

    def handle_data(self, data):
        if self._summary is not None:
            self._summary["text"] += data


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    return page


def pages(built: Path) -> dict[str, Path]:
    return {p.relative_to(built).as_posix(): p for p in sorted(built.rglob("*.html"))
            if "_static" not in p.parts}


def exercise_pages(built: Path) -> dict[str, Path]:
    return {n: p for n, p in pages(built).items() if WIDGET_VIEW in p.read_text("utf-8")}


def test_no_page_loads_font_awesome_s_script_and_the_stylesheet_draws_every_icon(built_book):
    icons_css = (REPO / "book" / "_assets" / "icons.css").read_text("utf-8")
    drawn = set(re.findall(r"^\.(fa-[a-z0-9-]+) \{ --dgt-icon", icons_css, re.M))
    shown: set[str] = set()
    for name, path in pages(built_book).items():
        assert "fontawesome.js" not in path.read_text("utf-8"), name
        shown |= parse(path).icons
    assert shown, "no page shows an icon: has the theme changed?"
    assert shown <= drawn, f"icons no rule draws (run tools/icons.py): {sorted(shown - drawn)}"
    assert not (built_book / "_static" / "scripts" / "fontawesome.js").exists()


def test_the_widget_script_never_blocks_the_text_of_an_exercise_page(built_book):
    exercises = exercise_pages(built_book)
    assert len(exercises) >= 15
    for name, path in exercises.items():
        html = path.read_text("utf-8")
        head = parse(path).head_scripts
        sources = [s.get("src", "") for s in head]
        assert not [s for s in sources if re.search(r"(embed-amd|require)\.js", s)], name
        loader = [s for s in head if "widgets-loader.js" in s.get("src", "")]
        assert len(loader) == 1 and "defer" in loader[0], f"{name}: {loader}"
        # The widget state (hundreds of KB) comes after the text, not in the <head>.
        assert html.index(f'<script type="{WIDGET_STATE}">') > html.index("</h1>"), name


def test_each_script_once_and_no_unused_thebe(built_book):
    offers_thebe = yaml.safe_load((REPO / "_config.yml").read_text())["launch_buttons"].get(
        "thebe")
    for name, path in pages(built_book).items():
        html = path.read_text("utf-8")
        inline = re.findall(r"<script>(.*?)</script>", html, re.S)
        assert len(inline) == len(set(inline)), f"{name} runs an inline script twice"
        if not offers_thebe:
            assert "THEBE_JS_URL" not in html and "x-thebe-config" not in html, name


def test_the_favicon_is_in_the_book(built_book):
    links = [link for link in parse(built_book / "book" / "intro.html").links
             if link.get("rel") == "icon"]
    assert len(links) == 1
    assert (built_book / "book" / links[0]["href"]).resolve().is_file()


def test_every_exercise_says_its_form_is_a_preview_and_how_to_open_it_live(built_book):
    hub = yaml.safe_load((REPO / "_config.yml").read_text())["launch_buttons"]["jupyterhub_url"]
    for name, path in exercise_pages(built_book).items():
        html = path.read_text("utf-8")
        notes = re.findall(r'<div class="dgt-preview-note".*?</div>', html, re.S)
        assert len(notes) == 1, name
        note = notes[0]
        if name.endswith("week_so_far.html"):  # it shows saved results, which only a live page has
            assert "This page is a preview." in note and "only when it runs live" in note
        else:
            assert "This form is a preview." in note and "cannot save" in note
        assert "Open it on Colab" in note and "Open it on Binder" in note
        assert ("on your course&#x27;s JupyterHub" in note) == bool(hub), name
        assert html.index(note) < html.index(f'<script type="{WIDGET_VIEW}">'), name


def test_no_make_command_in_what_readers_read(built_book):
    for name, path in pages(built_book).items():
        if name in FACILITATOR_PAGES:
            continue
        text = re.sub(r"<[^>]+>", "", path.read_text("utf-8"))
        assert not re.search(r"\bmake (lab|app|book|build|test|setup)\b", text), name


def test_every_toggle_of_the_menu_has_a_name(built_book):
    for name, path in pages(built_book).items():
        unnamed = [s for s in parse(path).summaries
                   if not s.get("aria-label") and not s["text"].strip()]
        assert unnamed == [], f"{name}: {len(unnamed)} <summary> without a name"
    menu = (built_book / "book" / "intro.html").read_text("utf-8")
    assert 'aria-label="Sessions of Module 3. Situation analysis of capacity gaps' in menu


def test_the_references_are_list_items_without_deprecated_roles(built_book):
    html = (built_book / "book" / "references.html").read_text("utf-8")
    assert "doc-biblioentry" not in html
    assert html.count('role="listitem"') >= 50


def test_the_glossary_has_a_link_to_each_letter_that_has_terms(built_book):
    html = (built_book / "book" / "glossary.html").read_text("utf-8")
    nav = re.search(r'<nav class="glossary-letters" aria-label="Glossary by letter">(.*?)</nav>',
                    html, re.S)
    assert nav, "no letters before the glossary"
    letters = dict(re.findall(r'<a href="#([^"]+)">([A-Z])</a>', nav.group(1)))
    terms = re.findall(r'<dt id="(term-[^"]+)">([^<]+)', html)
    initials = {text.strip()[0].upper() for _, text in terms}
    assert set(letters.values()) == initials
    ids = {term_id for term_id, _ in terms}
    assert set(letters) <= ids  # each letter leads to a term
    assert html.index("glossary-letters") < html.index('<dl class="simple glossary">')


@pytest.mark.browser
def test_printing_a_session_prints_its_facilitator_notes(built_book, serve_directory,
                                                         offline_page):
    page = offline_page
    page.goto(serve_directory(built_book) + "book/m5-strategy-roadmap/5-1-introduction.html")
    page.wait_for_load_state("load")
    notes = page.locator("details.facilitator-notes")
    assert notes.count() >= 1
    body = notes.first.locator("p").first
    assert not body.is_visible()  # folded on the screen
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert body.is_visible() and "Timing" in body.inner_text()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    assert not body.is_visible()  # folded again after printing


@pytest.mark.browser
@pytest.mark.parametrize(("name", "screen"), [
    ("book/m1-introduction/1-1-key-definitions.html", DESKTOP),
    ("notebooks/ex05_situation_analysis.html", PHONE),
], ids=["session-desktop", "exercise-phone"])
def test_every_control_shows_where_the_focus_is(built_book, serve_directory, offline_page, name,
                                                screen):
    """A 2 px ring or more, at 3:1 or more against what is behind it, in light and dark."""
    page = offline_page
    page.set_viewport_size(screen)
    page.goto(serve_directory(built_book) + name)
    page.wait_for_load_state("load")
    if "notebooks/" in name:
        page.locator(".dgt-preview .jupyter-widgets").first.wait_for(timeout=60_000)
    problems = {}
    for mode in ("light", "dark"):
        set_colour_mode(page, mode)
        found = focus_problems(page, presses=45)
        if found:
            problems[mode] = found
    assert problems == {}, listing(problems)
