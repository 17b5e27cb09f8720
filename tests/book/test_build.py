"""The book builds with warnings as errors, and its pages work with no internet."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml

from dgtkit.course.week import week
from dgtkit.site.launch import repository
from tests.book.test_structure import toc_files
from tests.conftest import REPO

pytestmark = pytest.mark.slow


def html_of(built: Path, docname: str) -> str:
    return (built / f"{docname}.html").read_text("utf-8")


class _Tags(HTMLParser):
    """The images and links a page shows and the scripts and styles it loads."""

    def __init__(self):
        super().__init__()
        self.images: list[dict] = []
        self.loads: list[str] = []
        self.links: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs)
        elif tag == "a":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("src"):
            self.loads.append(attrs["src"])
        elif tag == "link" and attrs.get("rel") in ("stylesheet", "preload") and attrs.get("href"):
            self.loads.append(attrs["href"])


def tags(page: Path) -> _Tags:
    parser = _Tags()
    parser.feed(page.read_text("utf-8"))
    return parser


def widget_state(page: str) -> dict:
    match = re.search(
        r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', page, re.S
    )
    assert match, "the page carries no widget state"
    return json.loads(match.group(1))["state"]


def test_every_module_session_and_exercise_page_is_built(built_book):
    missing = [
        d
        for d in ["book/intro", "book/agenda", *week().pages()]
        if not (built_book / f"{d}.html").is_file()
    ]
    assert missing == []
    assert (built_book / "index.html").is_file()


def test_agenda_page_shows_five_days_and_links_all_31_sessions(built_book):
    page = html_of(built_book, "book/agenda")
    for day in range(1, 6):
        assert f"Day {day}:" in page
    for session in week().sessions:
        target = Path(session.page).relative_to("book").as_posix() + ".html"
        assert f'href="{target}' in page, f"no link to {session.id}"


def test_session_pages_show_day_time_and_learning_goal(built_book):
    page = html_of(built_book, "book/m2-holistic-approach/2-2-significance")
    assert "Day 1, 16:00\u2060\u2013\u206016:40" in page
    assert "Learning goal" in page
    assert "ex03_pillar_self_rating.html" in page


def test_citations_resolve_to_the_references_page(built_book):
    page = html_of(built_book, "book/m1-introduction/1-1-key-definitions")
    assert "Mergel" in page and "references.html#id" in page
    references = html_of(built_book, "book/references")
    assert "Defining digital transformation" in references


def test_exercise_page_carries_the_form_and_the_chart(built_book):
    page = html_of(built_book, "notebooks/ex03_pillar_self_rating")
    state = widget_state(page)
    dropdowns = [m for m in state.values() if m["model_name"] == "DropdownModel"]
    assert len(dropdowns) == 9  # the level of government, then one per pillar
    pillars = [m for m in dropdowns if m["state"]["description"].startswith("Level of pillar")]
    assert len(pillars) == 8
    assert "Level of government" in {m["state"]["description"] for m in dropdowns}
    charts = [
        m
        for m in state.values()
        if m["model_name"] == "HTMLModel" and "<img" in m["state"]["value"]
    ]
    assert len(charts) == 1
    assert 'alt="Radar chart of the pillar self-rating.' in charts[0]["state"]["value"]
    assert "PillarSelfRating.show()" not in page  # the code is hidden; the form is shown


def test_only_the_static_book_says_a_form_cannot_save_and_its_links_stay_in_the_book(
        built_book):
    page = html_of(built_book, "notebooks/ex03_pillar_self_rating")
    assert "This form is a preview" in page and "cannot save your answers here" in page
    assert 'href="../book/m2-holistic-approach/2-1-introduction.html"' in page
    assert "github.io" not in page.split("Rate the government", 1)[1].split("</p>", 1)[0]


def test_no_page_loads_a_script_or_style_from_the_internet(built_book):
    for page in built_book.rglob("*.html"):
        remote = [url for url in tags(page).loads if re.match(r"(https?:)?//", url)]
        assert remote == [], f"{page.relative_to(built_book)} loads {remote}"
    assert (built_book / "_static" / "widgets" / "embed-amd.js").is_file()


def test_every_image_has_alt_text(built_book):
    for page in built_book.rglob("*.html"):
        for image in tags(page).images:
            assert image.get("alt", "").strip(), f"{page.name}: <img> without alt text"


@pytest.mark.browser
def test_widgets_render_in_a_browser_with_no_internet(built_book, serve_directory, offline_page):
    url = serve_directory(built_book) + "notebooks/ex03_pillar_self_rating.html"
    page = offline_page
    page.goto(url)
    page.wait_for_selector(".widget-dropdown select", timeout=30_000)
    assert page.locator(".widget-dropdown select").count() == 9  # level, and 8 pillars
    assert page.get_by_label("Level of pillar 1").input_value() is not None
    chart = page.locator('.widget-html img[alt^="Radar chart"]')
    chart.wait_for(timeout=30_000)
    assert chart.evaluate("img => img.naturalWidth") > 100
    assert page.blocked_requests == []


@pytest.mark.browser
def test_app_page_renders_its_form_offline(built_book, serve_directory, offline_page):
    url = serve_directory(built_book) + "notebooks/action_plan.html"
    offline_page.goto(url)
    offline_page.wait_for_selector("text=Add action", timeout=30_000)
    assert offline_page.get_by_label("Action", exact=True).is_visible()
    assert offline_page.blocked_requests == []


def test_every_exercise_page_offers_to_run_it_on_binder_on_colab_and_on_a_hub_if_set(built_book):
    """Binder and Colab always; the JupyterHub only once a school has set its hub's address
    (a button that points at no hub fails for every reader)."""
    repo = repository(REPO)
    hub = yaml.safe_load((REPO / "_config.yml").read_text())["launch_buttons"]["jupyterhub_url"]
    github = repo.url.removeprefix("https://github.com/")
    folder = repo.url.rsplit("/", 1)[-1]
    # The book's notebooks (the facilitator's dashboard is an app, not a page of the book).
    notebooks = [REPO / f"{name}.ipynb" for name in toc_files() if name.startswith("notebooks/")]
    assert len(notebooks) >= 15
    for notebook in notebooks:
        links = {a.get("href") for a in tags(built_book / f"notebooks/{notebook.stem}.html").links}
        path = f"notebooks/{notebook.name}"
        binder = f"https://mybinder.org/v2/gh/{github}/{repo.branch}?urlpath=lab/tree/{path}"
        colab = f"https://colab.research.google.com/github/{github}/blob/{repo.branch}/{path}"
        assert binder in links and colab in links
        pull = {"repo": repo.url, "urlpath": f"lab/tree/{folder}/{path}", "branch": repo.branch}
        if hub:
            assert f"{hub}/hub/user-redirect/git-pull?{urlencode(pull, safe='/')}" in links
        else:
            assert not [link for link in links if link and "/hub/user-redirect/" in link]
