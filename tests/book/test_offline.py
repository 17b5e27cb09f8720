"""A room with no internet: every page with widgets or pictures renders from the book alone."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

WIDGET_VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'


def pages_with_widgets_or_pictures(built_book):
    pages = []
    for page in sorted(built_book.rglob("*.html")):
        html = page.read_text("utf-8")
        if "application/vnd.jupyter.widget-view+json" in html or "<img" in html:
            pages.append(page.relative_to(built_book).as_posix())
    return pages


def test_every_page_with_widgets_or_pictures_renders_them_with_the_network_blocked(
        built_book, serve_directory, offline_page):
    pages = pages_with_widgets_or_pictures(built_book)
    assert "notebooks/ex03_pillar_self_rating.html" in pages
    assert "notebooks/action_plan.html" in pages
    base = serve_directory(built_book)
    page = offline_page
    for name in pages:
        page.goto(base + name)
        views = page.locator(WIDGET_VIEW).count()
        # The widget manager draws each view just before its script tag.
        page.wait_for_function(
            """selector => [...document.querySelectorAll(selector)].every(script => {
                 const drawn = script.previousElementSibling;
                 return drawn && drawn.querySelector('.jupyter-widgets');
               })""", arg=WIDGET_VIEW, timeout=30_000)
        page.wait_for_load_state("load")
        page.wait_for_function("() => [...document.images].every(i => i.complete)")
        broken = page.evaluate(
            "() => [...document.images].filter(i => !i.naturalWidth).map(i => i.src)")
        assert broken == [], f"{name}: pictures that did not load: {broken}"
        assert views == 0 or page.locator(".jupyter-widgets").count() >= views, name
        assert page.blocked_requests == [], f"{name} asked the internet for {page.blocked_requests}"
