"""What only the published book shows: the note before a form that cannot save there, and
links from the notebooks to the published book turned into links between the book's pages."""

from __future__ import annotations

from types import SimpleNamespace

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from dgtkit.site.book import book_pages_from_published_links
from dgtkit.site.pages import preview_note
from tests.conftest import REPO


def document_with_a_code_cell() -> nodes.document:
    document = new_document("page", get_default_settings(Parser))
    document += nodes.paragraph(text="The exercise's brief.")
    cell = nodes.container(nb_element="cell_code")
    document += cell
    return document


def app(docname: str, docs=()):
    builder = SimpleNamespace(get_relative_uri=lambda here, there: f"../{there}.html")
    return SimpleNamespace(env=SimpleNamespace(docname=docname, all_docs=set(docs)),
                           srcdir=str(REPO), builder=builder)


def test_the_preview_note_says_what_a_static_page_can_and_cannot_do():
    links = [("on Binder", "https://mybinder.org/v2/gh/x")]
    note = preview_note(links)
    assert "cannot save your answers here" in note and 'href="https://mybinder.org/v2/gh/x"' in note
    week = preview_note(links, week=True)
    assert "only when it runs live" in week and "make" not in note + week


def test_a_link_to_the_published_book_becomes_a_link_to_the_books_own_page():
    document = new_document("page", get_default_settings(Parser))
    base = "https://dgt-capacities.github.io/course/"
    inside = nodes.reference(refuri=f"{base}book/m2-holistic-approach/2-1-introduction.html#x")
    outside = nodes.reference(refuri="https://example.org/book/x.html")
    document += nodes.paragraph("", "", inside, outside)
    book_pages_from_published_links(
        app("notebooks/ex03", ["book/m2-holistic-approach/2-1-introduction"]), document,
        "notebooks/ex03")
    assert inside["refuri"] == "../book/m2-holistic-approach/2-1-introduction.html#x"
    assert inside["internal"] is True
    assert outside["refuri"] == "https://example.org/book/x.html"
