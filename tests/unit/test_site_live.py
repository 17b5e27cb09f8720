"""What only the published book shows: the notice above a form that cannot save there, and
links from the notebooks to the published book turned into links between the book's pages."""

from __future__ import annotations

from types import SimpleNamespace

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from dgtkit.site.book import add_live_notice, book_pages_from_published_links
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


def test_the_notice_goes_above_the_form_on_exercise_pages_only():
    document = document_with_a_code_cell()
    add_live_notice(app("notebooks/ex03_pillar_self_rating"), document)
    notice = document.children[1]
    assert "dgt-live-notice" in notice["classes"]
    assert "cannot save here" in notice.astext() and "launch button" in notice.astext()
    assert isinstance(document.children[2], nodes.container)  # then the form
    chapter = document_with_a_code_cell()
    add_live_notice(app("book/m2-holistic-approach/2-1-introduction"), chapter)
    assert "cannot save" not in chapter.astext()
    plan = document_with_a_code_cell()
    add_live_notice(app("notebooks/action_plan"), plan)
    assert "make app" in plan.astext()


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
