"""The book and the worksheets on paper: HTML printed to PDF by Debian's Chromium, driven
through Playwright (``make pdf``, ``make worksheets``).

The book's PDF is made from the built site (``_build/html``), page by page in the order of
``_toc.yml``, as one document: the facilitator notes and every other folded block open, and
each exercise's form replaced by its paper worksheet (``worksheets``), since a form cannot
work on paper. The PDFs are tagged, with an outline of their headings, so that a screen
reader finds the structure and each picture's alt text.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from lxml import html as lxml_html

from dgtkit.course import TITLE as COURSE
from dgtkit.course.week import week
from dgtkit.facilitator import look, worksheets
from dgtkit.facilitator.pages import REPO

#: Debian's Chromium; ``DGTKIT_CHROMIUM`` names another one.
CHROMIUM = os.environ.get("DGTKIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update"]
FOOTER = ("<div style='font-size:8pt;width:100%;text-align:center;color:#{grey};"
          "font-family:Arial,\"Liberation Sans\",sans-serif'>{title} \u00b7 page "
          "<span class='pageNumber'></span> of <span class='totalPages'></span></div>")


@contextmanager
def chromium(browser=None) -> Iterator:
    """A page of a headless Chromium, closed afterwards: of ``browser`` (a Playwright
    browser already running, as in the tests) or of a Chromium started for it."""
    if browser is not None:
        page = browser.new_page()
        try:
            yield page
        finally:
            page.close()
        return
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"No Chromium at {CHROMIUM}: install Debian's (apt-get install "
                                "chromium), or set DGTKIT_CHROMIUM")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


def _print(page, path: Path, title: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    page.emulate_media(media="print")
    page.pdf(path=str(path), prefer_css_page_size=True, print_background=True,
             display_header_footer=True, header_template="<span></span>",
             footer_template=FOOTER.format(grey=look.GREY, title=html.escape(title)),
             tagged=True, outline=True)
    return path


# -- worksheets --------------------------------------------------------------------------------


def worksheet_pdfs(folder: Path, browser=None) -> list[Path]:
    """A PDF worksheet for each exercise with a form, into ``folder``."""
    written = []
    with chromium(browser) as page:
        for exercise in worksheets.exercises():
            page.set_content(worksheets.document(exercise.id), wait_until="load")
            written.append(_print(page, folder / worksheets.file_name(exercise),
                                  f"{exercise.label}: worksheet"))
    return written


# -- the book ----------------------------------------------------------------------------------


def toc() -> list[tuple[str, str]]:
    """The book's pages in reading order, each with the caption of its part."""
    raw = yaml.safe_load((REPO / "_toc.yml").read_text("utf-8"))
    pages = [("", raw["root"])]

    def walk(entries, caption):
        for entry in entries:
            pages.append((caption, entry["file"]))
            walk(entry.get("sections", []), caption)

    for part in raw.get("parts", []):
        walk(part.get("chapters", []), part.get("caption", ""))
    return pages


def _exercise_of(docname: str) -> str | None:
    """The exercise whose form a page shows, if it has a worksheet."""
    with_sheet = {e.id for e in worksheets.exercises()}
    return next((e.id for e in week().exercises
                 if e.notebook == docname and e.id in with_sheet), None)


def _article(html_folder: Path, docname: str) -> tuple[str, str]:
    """A built page's article, ready for print, and its title."""
    path = html_folder / f"{docname}.html"
    tree = lxml_html.fromstring(path.read_bytes())
    found = tree.xpath("//article[contains(concat(' ', @class, ' '), ' bd-article ')]")
    article = found[0] if found else tree.xpath("//main")[0]
    exercise = _exercise_of(docname)
    if exercise is not None:  # before the scripts go: the forms are found by theirs
        _replace_forms(article, exercise)
    for selector in ("a[contains(@class,'headerlink')]", "button", "script", "style",
                     "*[contains(@class,'self-check-feedback')]",
                     "*[contains(@class,'toggle-details')]", "*[@hidden]"):
        for element in article.xpath(f".//{selector}"):
            element.drop_tree()
    # Folded blocks open (facilitator notes, the levels of each pillar), but not the answers
    # of the self-check: the book may be printed for participants.
    for details in article.xpath(".//details"):
        if "self-check" not in details.get("class", ""):
            details.set("open", "open")
    for image in article.xpath(".//img[@src]"):
        source = image.get("src")
        if not source.startswith(("data:", "http:", "https:", "file:")):
            image.set("src", (path.parent / source.split("#")[0]).resolve().as_uri())
    for link in article.xpath(".//a[@href]"):
        if not link.get("href").startswith(("http:", "https:", "mailto:")):
            del link.attrib["href"]  # a link inside the site leads nowhere on paper
    for heading in article.xpath(".//h1"):
        title = " ".join(heading.text_content().split())
        break
    else:
        title = docname
    return lxml_html.tostring(article, encoding="unicode"), title


def _replace_forms(article, exercise_id: str) -> None:
    """Each output that holds a form (a widget view) gives way to the exercise's worksheet;
    the worksheet comes once, where the first form was."""
    placed = False
    for output in article.xpath(".//script[@type='application/vnd.jupyter.widget-view+json']"
                                "/ancestor::div[contains(@class,'cell_output')][1]"):
        if not placed:
            output.addprevious(lxml_html.fragment_fromstring(worksheets.fragment(exercise_id)))
            placed = True
        output.drop_tree()


def combined_html(html_folder: Path) -> str:
    """The whole book as one HTML document for print."""
    parts, contents, caption = [], [], None
    for part_caption, docname in toc():
        body, title = _article(html_folder, docname)
        if part_caption != caption and part_caption:
            contents.append(f"<li class='part'>{html.escape(part_caption)}</li>")
        caption = part_caption
        contents.append(f"<li>{html.escape(title)}</li>")
        parts.append(f"<section class='print-page' data-page='{html.escape(docname)}'>"
                     f"{body}</section>")
    cover = (
        f"<section class='cover'><h1>{COURSE}</h1>"
        "<p>The course book, for facilitators: the facilitator notes are open, and each "
        "exercise's form is replaced by its paper worksheet, with the same fields.</p>"
        "<h2>Contents</h2><ol class='contents'>" + "".join(contents) + "</ol></section>"
    )
    extra = (".print-page { break-before: page; } .cover h1 { font-size: 26pt; }"
             " .contents { list-style: none; padding: 0; } .contents li { margin: 0.15em 0; }"
             f" .contents li.part {{ font-weight: bold; color: #{look.BLUE}; margin-top: 0.8em; }}"
             " .cell_input, .prev-next-area, .self-check-button { display: none; }"
             " input[type=radio] { width: 0.9em; height: 0.9em; }")
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{COURSE}</title><style>{look.css()}{extra}</style></head>"
            f"<body>{cover}{''.join(parts)}</body></html>")


def book_pdf(html_folder: Path, out: Path, browser=None) -> Path:
    """The whole book as one PDF, from the built site in ``html_folder``."""
    html_folder = html_folder.resolve()
    if not (html_folder / "index.html").is_file():
        raise FileNotFoundError(f"No built book in {html_folder}: run make build first")
    out.parent.mkdir(parents=True, exist_ok=True)
    document = out.with_suffix(".html")
    document.write_text(re.sub(r"[ \t]+\n", "\n", combined_html(html_folder)), "utf-8")
    with chromium(browser) as page:
        page.set_default_timeout(600_000)
        page.goto(document.resolve().as_uri(), wait_until="load")
        return _print(page, out, COURSE)
