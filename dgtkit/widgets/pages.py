"""A result page (``dgtkit.models.pages``) as HTML, and the button that downloads it as a Word
page to print. Every text a participant typed is escaped."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.models.pages import Bullets, Heading, Page, Table, Text
from dgtkit.widgets.download import Download

WORD_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CELL = "border:1px solid #bbb;padding:0.25em 0.5em;vertical-align:top;text-align:left"


def page_html(page: Page, chart: str = "") -> str:
    """``page`` as an HTML section (class ``dgt-page``); ``chart``: a figure's HTML."""
    parts = [f'<section class="dgt-page" aria-label="{escape(page.title)}">'
             f"<h3>{escape(page.title)}</h3>"]
    for block in page.blocks:
        if isinstance(block, Heading):
            parts.append(f"<h4>{escape(block.text)}</h4>")
        elif isinstance(block, Text):
            style = ' style="font-style:italic;color:#333"' if not page.done else ""
            parts.append(f"<p{style}>{escape(block.text)}</p>")
        elif isinstance(block, Bullets):
            parts.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in block.items)
                         + "</ul>")
        elif isinstance(block, Table):
            head = "".join(f'<th scope="col" style="{CELL};background:#dce6f2">'
                           f"{escape(h)}</th>" for h in block.headers)
            rows = "".join("<tr>" + "".join(f'<td style="{CELL}">{escape(c)}</td>' for c in r)
                           + "</tr>" for r in block.rows)
            parts.append(f'<table style="border-collapse:collapse;margin:0.3em 0">'
                         f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    parts.append(chart)
    parts.append("</section>")
    return "".join(parts)


class PageDownload:
    """'Download as a Word page': the result on one A4 page, ready to print.
    ``make()`` returns the page and its chart (PNG bytes or None) at the moment of the click."""

    def __init__(self, make: Callable[[], tuple[Page, bytes | None]], file_stem: str,
                 label: str = "Download as a Word page"):
        self._make = make
        self._stem = file_stem
        self.button = w.Button(description=label, layout=w.Layout(width="auto"),
                               tooltip="A Word document of this result, one page to print "
                                       "or share")
        self.button.on_click(lambda _b: self.send())
        self.download = Download()
        self.widget = w.VBox([w.HBox([self.button]), self.download.widget])

    def send(self) -> None:
        from dgtkit.planfile.pages import page_docx

        page, chart = self._make()
        self.download.send(f"{self._stem}.docx", WORD_MIME, page_docx(page, chart),
                           "Word page")


def with_result_page(view, page: Callable[[], Page], file_stem: str,
                     chart: Callable[[], bytes | None] | None = None,
                     example: str | None = None) -> PageDownload:
    """Give an exercise's form its worked example (under its heading) and a button that
    downloads its result as a Word page (above its status line)."""
    from dgtkit.widgets.forms import example_box

    download = PageDownload(lambda: (page(), chart() if chart else None), file_stem)
    children = list(view.widget.children)
    if example:
        children.insert(1, example_box(example))
    place = children.index(view.status) if view.status in children else len(children)
    children.insert(place, download.widget)
    view.widget.children = tuple(children)
    view.page_download = download
    return download
