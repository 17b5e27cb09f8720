"""The book's menus open, on a phone and on a desktop, and lead somewhere.

The ☰ button ("Toggle primary sidebar") shows the book's contents and the contents button
("Toggle secondary sidebar") the page's sections. sphinx-book-theme 1.3.0 with
pydata-sphinx-theme 0.17.1 draws each button twice, a hidden one first, and both themes' scripts
bind only the first: the buttons a reader sees open nothing (pydata/pydata-sphinx-theme#2451,
executablebooks/sphinx-book-theme#988). These tests click what a reader sees, in the built book
served over HTTP, and fail on that pair of themes.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: A session page, and the session after it, which the page's book menu links to.
SESSION = "book/m1-introduction/1-1-key-definitions"
NEXT_SESSION = "book/m1-introduction/1-2-dgt-for-the-sdgs"


@dataclass(frozen=True)
class Screen:
    name: str
    width: int
    height: int
    #: The book's menu is beside the text from the first (at 992 px and wider, the ☰ button
    #: folds it away and back); on a narrower screen it is hidden until the ☰ button opens it.
    menu_beside_text: bool
    #: The page's contents are beside the text (1200 px and wider), with no button to open them.
    contents_beside_text: bool


SCREENS = [
    Screen("phone", 390, 844, menu_beside_text=False, contents_beside_text=False),
    Screen("laptop", 1024, 768, menu_beside_text=True, contents_beside_text=False),
    Screen("desktop", 1280, 900, menu_beside_text=True, contents_beside_text=True),
]


@pytest.fixture
def open_session(browser, built_book, serve_directory):
    """Open the session page at a screen's size, in a browser that reaches only the book."""
    assert (built_book / f"{SESSION}.html").exists(), f"{SESSION} is not in the book any more"
    toc = (REPO / "_toc.yml").read_text()
    assert toc.index(SESSION) < toc.index(NEXT_SESSION), "the menu test's pages moved"
    base = serve_directory(built_book)
    contexts = []

    def open_at(screen: Screen):
        context = browser.new_context(viewport={"width": screen.width, "height": screen.height})
        contexts.append(context)
        page = context.new_page()
        page.route("**/*", lambda route: route.continue_()
                   if route.request.url.startswith(base) else route.abort())
        page.goto(f"{base}{SESSION}.html")
        page.wait_for_load_state("load")
        page.base = base
        return page

    yield open_at
    for context in contexts:
        context.close()


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s.name}-{s.width}x{s.height}")
def test_the_menu_button_opens_the_book_menu_and_a_link_in_it_opens_the_next_session(
        open_session, screen):
    from playwright.sync_api import expect

    page = open_session(screen)
    menu = page.get_by_role("navigation", name="Main")  # the book's chapters and sessions
    button = page.get_by_role("button", name="Toggle primary sidebar")
    expect(button).to_be_visible()
    if screen.menu_beside_text:
        expect(menu).to_be_visible()
        button.click()
        expect(menu).to_be_hidden()  # folded away: the button does something
    else:
        expect(menu).to_be_hidden()
    button.click()
    expect(menu).to_be_visible()

    link = menu.locator(f'a[href$="{NEXT_SESSION.rsplit("/", 1)[1]}.html"]')
    expect(link).to_be_visible()
    title = link.inner_text().strip()
    link.click()
    page.wait_for_url(f"{page.base}{NEXT_SESSION}.html")
    expect(page.locator("h1").first).to_contain_text(title)


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s.name}-{s.width}x{s.height}")
def test_the_contents_button_opens_the_page_contents_and_a_link_in_it_goes_to_its_section(
        open_session, screen):
    from playwright.sync_api import expect

    page = open_session(screen)
    contents = page.get_by_role("navigation", name="Contents")  # this page's sections
    button = page.get_by_role("button", name="Toggle secondary sidebar")
    if screen.contents_beside_text:
        expect(button).to_be_hidden()
    else:
        expect(button).to_be_visible()
        expect(contents).to_be_hidden()
        button.click()
    expect(contents).to_be_visible()

    links = contents.get_by_role("link")
    assert links.count() >= 2, "the session page should have several sections"
    link = links.nth(1)  # not the first: its section may already be on the screen
    expect(link).to_be_visible()
    target = link.get_attribute("href")
    assert target.startswith("#"), target
    link.click()
    page.wait_for_url(f"{page.base}{SESSION}.html{target}")
    expect(page.locator(f"[id='{target[1:]}']")).to_be_in_viewport()
