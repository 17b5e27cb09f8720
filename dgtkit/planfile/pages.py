"""A team's results as Word pages to print (``dgtkit.models.pages``): one exercise's result
on one A4 page, or the whole week with each exercise on a page of its own. Charts come in as
PNG bytes from the caller (the views draw them); tables fit their longest words, as in the
plan (``dgtkit.planfile.docx``)."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt

from dgtkit.course import TITLE as COURSE
from dgtkit.models import dates
from dgtkit.models.pages import Bullets, Heading, Page, Table, Text
from dgtkit.planfile.docx import BLUE, TEXT_WIDTH, _page_setup, _table


def pages_docx(pages: list[Page], title: str = "", charts: dict[str, bytes] | None = None,
               about: str = "") -> bytes:
    """``pages`` as one Word document, each page starting on a new sheet."""
    document = Document()
    _page_setup(document)
    section = document.sections[0]
    section.footer.paragraphs[0].text = f"{COURSE}. Printed on {dates.day(dates.today())}."
    if title:
        heading = document.add_paragraph()
        run = heading.add_run(title)
        run.bold, run.font.size, run.font.color.rgb = True, Pt(16), BLUE
        if about:
            document.add_paragraph(about)
    charts = charts or {}
    for number, page in enumerate(pages):
        if number:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _page(document, page, charts.get(page.exercise))
    document.core_properties.title = (title or (pages[0].title if pages else COURSE))[:250]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def page_docx(page: Page, chart: bytes | None = None, about: str = "") -> bytes:
    """One result on one page."""
    return pages_docx([page], charts={page.exercise: chart} if chart else None, about=about)


def _page(document, page: Page, chart: bytes | None) -> None:
    document.add_heading(page.title, level=1)
    for block in page.blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=2)
        elif isinstance(block, Text):
            document.add_paragraph(block.text)
        elif isinstance(block, Bullets):
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Table):
            flexible = max(range(len(block.headers)),
                           key=lambda i: sum(len(r[i]) for r in block.rows))
            _table(document, list(block.headers), [list(r) for r in block.rows],
                   flexible=flexible)
    if chart:
        document.add_picture(io.BytesIO(chart), width=Cm(min(TEXT_WIDTH, 12)))
        picture = document.inline_shapes[-1]
        picture._inline.docPr.set("descr", f"Chart of {page.title}")
