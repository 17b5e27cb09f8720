"""One PowerPoint deck per module, made from the book's own sources (``make slides``).

A deck holds, in the order of the week (``dgtkit/course/week.yaml``):

- a title slide for the module and a slide of its sessions and exercises, with day and time;
- for each session: a title slide (day and time; the page's facilitator notes as its speaker
  notes), the learning goal, the key points of each section (its full text in the speaker
  notes), each table, each figure (the PNG the book draws from ``data/``, its alt text as
  the picture's description) and the question for discussion;
- for each exercise: when it runs, what to do (the slot's notes in the week), what the team
  produces, and the notebook's instructions as speaker notes.

Nothing is written twice: the text comes from the session pages (``pages``), the times from
the week, the figures from ``dgtkit.site.figures``. Text is measured (``fit``) and shrinks
within the limits of ``look.SIZES`` or goes on to a next slide, titled "(2 of 3)".
"""

from __future__ import annotations

import hashlib
import io
import struct
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from dgtkit.course import TITLE as COURSE
from dgtkit.course.week import Exercise, Module, Slot, week
from dgtkit.facilitator import fit, look, pages
from dgtkit.facilitator.pages import Figure, Point, Run, SessionPage, Table, Text

SIZES = look.SIZES
BODY_WIDTH = look.SLIDE_WIDTH - 2 * look.MARGIN
INSET_X, INSET_Y = 0.1, 0.05  # a text box's inner margins, in inches
BULLET_INDENT = {0: 0.4, 1: 0.85}  # inches from the box's inner edge to the text
TABLE_CELL_X, TABLE_CELL_Y = 0.08, 0.05
DASH = "\u2013"
LANGUAGE = "en-GB"
FOOTER, FOOTER_RULE = "Footer", "Footer rule"  # the names of a slide's footer shapes


def deck_name(module: Module) -> str:
    """The deck's file name, e.g. ``module-1-introduction.pptx``."""
    return f"module-{module.number}-{module.folder.split('-', 1)[1]}.pptx"


def _minutes(slot: Slot) -> int:
    start = slot.start.hour * 60 + slot.start.minute
    return slot.end.hour * 60 + slot.end.minute - start


def _when(day_number: int, slot: Slot) -> str:
    times = slot.times.replace("-", DASH)
    return f"Day {day_number}, {times} ({_minutes(slot)} minutes)"


def plain(text: str, bold: bool = False) -> Text:
    return Text((Run(text, bold=bold),))


# -- what goes in a deck, in the order of the week -------------------------------------------


def agenda_of(module: Module) -> list[tuple[str, str]]:
    """The module's sessions and exercises in the order they run: ("session", "1.1") or
    ("exercise", "ex01"). An exercise in the same slot as a session follows it."""
    items: list[tuple[str, str]] = []
    course = week()
    mine = {s.id for s in module.sessions}
    exercises = {e.id for e in course.exercises_of(module.number)}
    for day in course.days:
        for slot in day.slots:
            items += [("session", s) for s in slot.sessions if s in mine]
            items += [("exercise", e) for e in slot.exercises
                      if e in exercises and ("exercise", e) not in items]
    return items


# -- measuring ---------------------------------------------------------------------------------


def _indent(point: Point) -> float:
    return 0.0 if point.kind == "heading" else BULLET_INDENT[min(point.level, 1)]


def _space_before(point: Point, size: float) -> float:
    return size * (0.7 if point.kind == "heading" else 0.35)


def _point_height(point: Point, size: float, box_width: float) -> float:
    available = fit.points(box_width - 2 * INSET_X - _indent(point)) * fit.SAFETY
    return fit.text_height(fit.words_of(point.text.runs), size, available)


def _points_height(points: list[Point], size: float, box_width: float) -> float:
    height = fit.points(2 * INSET_Y)
    for index, point in enumerate(points):
        if index:
            height += _space_before(point, size)
        height += _point_height(point, size, box_width)
    return height


def _paginate(points: list[Point], size: float, box_width: float,
              room: Callable[[list[Point]], float]) -> list[list[Point]] | None:
    """The points cut into slides that each fit the room ``room(chunk)`` leaves them (in
    inches: the body less its sources line); None if one point alone does not fit."""
    def fits(chunk: list[Point]) -> bool:
        return _points_height(chunk, size, box_width) <= fit.points(room(chunk)) * fit.SAFETY

    slides: list[list[Point]] = [[]]
    for point in points:
        if fits(slides[-1] + [point]):
            slides[-1].append(point)
            continue
        if not slides[-1] or not fits([point]):
            return None
        # A sub-title never ends a slide: it moves on with the point it introduces.
        carried = [slides[-1].pop()] if slides[-1][-1].kind == "heading" else []
        slides.append(carried + [point])
    return [s for s in slides if s]


def _sources_text(points: Iterable[Point]) -> str:
    keys = list(dict.fromkeys(k for p in points for k in p.text.sources))
    if not keys:
        return ""
    cited = pages.cite(keys)
    return f"Sources: {cited}" + ("" if cited.endswith(".") else ".")


def _caption_height(text: str, size: float, box_width: float) -> float:
    if not text:
        return 0.0
    available = fit.points(box_width - 2 * INSET_X) * fit.SAFETY
    words = fit.words_of([Run(text)])
    return fit.inches(fit.text_height(words, size, available) + fit.points(2 * INSET_Y))


def fit_points(points: list[Point], box_width: float, box_height: float,
               sources: bool = True) -> tuple[float, list[list[Point]]]:
    """The size at which ``points`` fit one slide, from the body size down to its minimum;
    else the points cut over several slides at a size between the two. A slide's sources
    line, under its points, takes its share of the room."""
    def room(chunk: list[Point]) -> float:
        caption = _caption_height(_sources_text(chunk), SIZES.caption, box_width)
        return box_height - (caption + 0.1 if sources and caption else 0)

    size = SIZES.body
    while size >= SIZES.body_min:
        chunks = _paginate(points, size, box_width, room)
        if chunks is not None and len(chunks) == 1:
            return size, chunks
        size -= 1
    for size in (SIZES.body - 2, SIZES.body_min):
        chunks = _paginate(points, size, box_width, room)
        if chunks is not None:
            return size, chunks
    raise ValueError(f"A point is too long for one slide: {points[0].text.plain[:80]}...")


# -- drawing -----------------------------------------------------------------------------------


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour)


class Deck:
    """A deck being built: slides in the course's look, each with its footer and notes."""

    def __init__(self, module: Module):
        self.module = module
        self.prs = Presentation()
        self.prs.slide_width = Inches(look.SLIDE_WIDTH)
        self.prs.slide_height = Inches(look.SLIDE_HEIGHT)
        properties = self.prs.core_properties
        properties.title = f"Module {module.number}. {module.title}"
        properties.subject = COURSE
        properties.author = "The course team"
        properties.language = LANGUAGE
        properties.keywords = "facilitator slides"
        properties.created = properties.modified = datetime.now(UTC).replace(tzinfo=None)
        properties.last_modified_by = "make slides"
        properties.revision = 1

    # A slide with a real title placeholder: its title is what a screen reader and the
    # outline announce, and comes first in the reading order.
    def _slide(self, title: str, footer: str, notes: str = ""):
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])  # "Title Only"
        shape = slide.shapes.title
        shape.left, shape.top = Inches(look.MARGIN), Inches(look.TITLE_TOP)
        shape.width, shape.height = Inches(BODY_WIDTH), Inches(look.TITLE_HEIGHT)
        self._title_text(shape.text_frame, title)
        self._footer(slide, footer)
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
        return slide

    def _title_text(self, frame, title: str) -> None:
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = MSO_ANCHOR.BOTTOM
        _insets(frame)
        available = fit.points(BODY_WIDTH - 2 * INSET_X) * fit.SAFETY
        room = fit.points(look.TITLE_HEIGHT - 2 * INSET_Y) * fit.SAFETY
        words = fit.words_of([Run(title, bold=True)])
        size = SIZES.title
        while size > SIZES.title_min and fit.text_height(words, size, available) > room:
            size -= 1
        if fit.text_height(words, size, available) > room:
            raise ValueError(f"Slide title too long: {title}")
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.LEFT
        _run(paragraph, title, size, colour=look.BLUE, bold=True)

    def _footer(self, slide, text: str) -> None:
        number = len(self.prs.slides)
        top = look.SLIDE_HEIGHT - look.FOOTER_HEIGHT - 0.1
        line = slide.shapes.add_connector(1, Inches(look.MARGIN), Inches(top),
                                          Inches(look.SLIDE_WIDTH - look.MARGIN), Inches(top))
        line.line.color.rgb = _rgb(look.RULE)
        line.line.width = Pt(0.75)
        line.name = FOOTER_RULE
        box = slide.shapes.add_textbox(Inches(look.MARGIN), Inches(top + 0.02),
                                       Inches(BODY_WIDTH), Inches(look.FOOTER_HEIGHT))
        box.name = FOOTER
        frame = box.text_frame
        frame.word_wrap = True
        _insets(frame)
        paragraph = frame.paragraphs[0]
        _run(paragraph, f"{text}   |   {number}", SIZES.footer, colour=look.GREY)

    def _body(self, slide, points: list[Point], size: float, top: float = look.BODY_TOP,
              height: float | None = None, width: float = BODY_WIDTH,
              left: float = look.MARGIN) -> None:
        height = look.BODY_BOTTOM - top if height is None else height
        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        box.name = "Body"
        frame = box.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        _insets(frame)
        for index, point in enumerate(points):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            if index:
                paragraph.space_before = Pt(_space_before(point, size))
            paragraph.space_after = Pt(0)
            _bullet(paragraph, point)
            colour = look.BLUE if point.kind == "heading" else look.INK
            for run in point.text.runs:
                _run(paragraph, run.text, size, colour=colour,
                     bold=run.bold or point.kind == "heading", italic=run.italic)

    def _sources(self, slide, text: str) -> float:
        """The sources line above the footer; returns the height it takes, in inches."""
        if not text:
            return 0.0
        height = _caption_height(text, SIZES.caption, BODY_WIDTH)
        top = look.BODY_BOTTOM - height
        box = slide.shapes.add_textbox(Inches(look.MARGIN), Inches(top), Inches(BODY_WIDTH),
                                       Inches(height))
        box.name = "Sources"
        frame = box.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        _insets(frame)
        _run(frame.paragraphs[0], text, SIZES.caption, colour=look.GREY)
        return height + 0.1

    # -- the kinds of slide ------------------------------------------------------------------

    def title_slide(self, title: str, lines: list[str], footer: str, notes: str = "") -> None:
        """A band in the course's blue with the title, then a few lines of context."""
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])
        band = slide.shapes.add_shape(1, 0, Inches(1.6), self.prs.slide_width, Inches(2.6))
        band.fill.solid()
        band.fill.fore_color.rgb = _rgb(look.BLUE)
        band.line.fill.background()
        band.name = "Band"
        # The band is decoration: first in the tree, so it lies behind the title.
        spTree = slide.shapes._spTree
        spTree.remove(band._element)
        spTree.insert(2, band._element)
        shape = slide.shapes.title
        shape.left, shape.top = Inches(look.MARGIN), Inches(1.75)
        shape.width, shape.height = Inches(BODY_WIDTH), Inches(2.3)
        frame = shape.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        _insets(frame)
        available = fit.points(BODY_WIDTH - 2 * INSET_X) * fit.SAFETY
        words = fit.words_of([Run(title, bold=True)])
        size = SIZES.deck_title
        while fit.text_height(words, size, available) > fit.points(2.2) * fit.SAFETY:
            size -= 1
        _run(frame.paragraphs[0], title, size, colour=look.WHITE, bold=True)
        points = [Point(plain(line)) for line in lines]
        size = SIZES.deck_subtitle
        while _points_height(points, size, BODY_WIDTH) > fit.points(2.3) * fit.SAFETY:
            size -= 1
        self._body(slide, points, size, top=4.45, height=2.4)
        for paragraph in slide.shapes[-1].text_frame.paragraphs:
            _no_bullet(paragraph)
        self._footer(slide, footer)
        if notes:
            slide.notes_slide.notes_text_frame.text = notes

    def points_slides(self, title: str, points: list[Point], footer: str,
                      notes: str = "", sources: bool = True) -> int:
        size, chunks = fit_points(points, BODY_WIDTH, look.BODY_BOTTOM - look.BODY_TOP,
                                  sources)
        for number, chunk in enumerate(chunks, start=1):
            heading = title if len(chunks) == 1 else f"{title} ({number} of {len(chunks)})"
            slide = self._slide(heading, footer, notes)
            taken = self._sources(slide, _sources_text(chunk)) if sources else 0.0
            self._body(slide, chunk, size,
                       height=look.BODY_BOTTOM - look.BODY_TOP - taken)
        return len(chunks)

    def table_slides(self, table: Table, footer: str, notes: str = "") -> int:
        size, widths, chunks = _fit_table(table)
        for number, rows in enumerate(chunks, start=1):
            heading = table.title if len(chunks) == 1 else \
                f"{table.title} ({number} of {len(chunks)})"
            slide = self._slide(heading, footer, notes)
            self._table(slide, table.header, rows, widths, size)
        return len(chunks)

    def _table(self, slide, header, rows, widths, size) -> None:
        all_rows = [header, *rows] if header else list(rows)
        # The measured heights decided what fits on this slide; each row is then set only to
        # one line, and grows as its text needs (as PowerPoint and LibreOffice both do).
        heights = [fit.inches(fit.line_height(size)) + 2 * TABLE_CELL_Y for _ in all_rows]
        shape = slide.shapes.add_table(len(all_rows), len(widths), Inches(look.MARGIN),
                                       Inches(look.BODY_TOP), Inches(sum(widths)),
                                       Inches(sum(heights)))
        shape.name = "Table"
        grid = shape.table
        grid.first_row = bool(header)
        grid.horz_banding = False
        for index, column_width in enumerate(widths):
            grid.columns[index].width = Inches(column_width)
        for r, row in enumerate(all_rows):
            grid.rows[r].height = Emu(int(Inches(heights[r])))
            is_header = r == 0 and bool(header)
            for c in range(len(widths)):
                cell = grid.cell(r, c)
                cell.margin_left = cell.margin_right = Inches(TABLE_CELL_X)
                cell.margin_top = cell.margin_bottom = Inches(TABLE_CELL_Y)
                cell.vertical_anchor = MSO_ANCHOR.TOP
                cell.fill.solid()
                cell.fill.fore_color.rgb = _rgb(look.HEADER_TINT if is_header else look.WHITE)
                _rule_below(cell)
                frame = cell.text_frame
                frame.word_wrap = True
                text = row[c] if c < len(row) else ""
                _run(frame.paragraphs[0], text, size, colour=look.INK, bold=is_header)

    def figure_slide(self, figure: Figure, footer: str) -> None:
        from dgtkit.charts import to_png
        from dgtkit.site.figures import FIGURES

        drawn = FIGURES[figure.name]()
        png = to_png(drawn.figure)  # the very PNG the book's page shows
        caption_height = _caption_height(drawn.caption, SIZES.caption, BODY_WIDTH)
        slide = self._slide(figure.title, footer,
                            notes=f"What the chart shows (its alt text): {drawn.alt}\n\n"
                                  f"{drawn.caption}")
        area_height = look.BODY_BOTTOM - look.BODY_TOP - caption_height - 0.1
        pixel_width, pixel_height = _png_size(png)
        scale = min(BODY_WIDTH / pixel_width, area_height / pixel_height)
        width, height = pixel_width * scale, pixel_height * scale
        left = look.MARGIN + (BODY_WIDTH - width) / 2
        picture = slide.shapes.add_picture(io.BytesIO(png), Inches(left),
                                           Inches(look.BODY_TOP), Inches(width), Inches(height))
        picture.name = f"Figure: {figure.name}"
        picture._element.nvPicPr.cNvPr.set("descr", drawn.alt)
        box = slide.shapes.add_textbox(Inches(look.MARGIN),
                                       Inches(look.BODY_TOP + height + 0.1),
                                       Inches(BODY_WIDTH), Inches(caption_height))
        box.name = "Caption"
        frame = box.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        _insets(frame)
        _run(frame.paragraphs[0], drawn.caption, SIZES.caption, colour=look.GREY)

    def save(self, path: Path) -> Path:
        # The reading order is the order of the shapes: the footer goes last, after the
        # title and the content, whenever it was drawn.
        for slide in self.prs.slides:
            tree = slide.shapes._spTree
            for shape in [s for s in slide.shapes if s.name in (FOOTER_RULE, FOOTER)]:
                tree.remove(shape._element)
                tree.append(shape._element)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.prs.save(str(path))
        return path


def _insets(frame) -> None:
    frame.margin_left = frame.margin_right = Inches(INSET_X)
    frame.margin_top = frame.margin_bottom = Inches(INSET_Y)


def _run(paragraph, text: str, size: float, colour: str, bold: bool = False,
         italic: bool = False) -> None:
    run = paragraph.add_run()
    run.text = text
    font = run.font
    font.name = look.FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    font.color.rgb = _rgb(colour)
    run._r.get_or_add_rPr().set("lang", LANGUAGE)


def _rule_below(cell) -> None:
    """A thin line under a cell, so that the eye follows a row across the table."""
    tcPr = cell._tc.get_or_add_tcPr()
    line = tcPr.makeelement(qn("a:lnB"), {"w": str(int(Pt(0.75))), "cmpd": "sng"})
    fill = line.makeelement(qn("a:solidFill"), {})
    fill.append(fill.makeelement(qn("a:srgbClr"), {"val": look.RULE}))
    line.append(fill)
    tcPr.insert(0, line)  # the borders come before the cell's fill


def _no_bullet(paragraph) -> None:
    pPr = paragraph._p.get_or_add_pPr()
    for old in pPr.findall(qn("a:buChar")) + pPr.findall(qn("a:buAutoNum")):
        pPr.remove(old)
    pPr.set("marL", "0")
    pPr.set("indent", "0")
    if pPr.find(qn("a:buNone")) is None:
        pPr.append(pPr.makeelement(qn("a:buNone"), {}))


def _bullet(paragraph, point: Point) -> None:
    """A bullet (or a number) hanging in the indent, the text aligned beside it."""
    pPr = paragraph._p.get_or_add_pPr()
    indent = Inches(_indent(point))
    pPr.set("marL", str(int(indent)))
    pPr.set("indent", str(-int(Inches(0.32))) if point.kind != "heading" else "0")
    if point.kind == "heading":
        pPr.append(pPr.makeelement(qn("a:buNone"), {}))
    elif point.kind == "number":
        pPr.append(pPr.makeelement(qn("a:buAutoNum"),
                                   {"type": "arabicPeriod", "startAt": str(point.number)}))
    else:
        font = pPr.makeelement(qn("a:buFont"), {"typeface": look.FONT})
        pPr.append(font)
        pPr.append(pPr.makeelement(qn("a:buChar"),
                                   {"char": "\u2022" if point.level == 0 else "\u2013"}))


def _png_size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])


# -- tables ------------------------------------------------------------------------------------


def _column_widths(table: Table, size: float) -> list[float]:
    """Column widths in inches that fill the body: each column its natural width if all fit,
    else its longest word and a share of the rest in proportion to its text."""
    rows = [table.header, *table.rows] if table.header else list(table.rows)
    columns = max(len(row) for row in rows)
    pad = 2 * TABLE_CELL_X + 0.05
    longest = [0.0] * columns
    natural = [0.0] * columns
    for row in rows:
        for c, text in enumerate(row):
            words = fit.words_of([Run(text, bold=row is table.header)])
            if words:
                longest[c] = max(longest[c], max(fit.inches(fit.width(w.text, size, w.bold))
                                                 for w in words))
            natural[c] = max(natural[c], fit.inches(fit.width(text, size, True)))
    minimum = [m / fit.SAFETY + pad for m in longest]
    natural = [max(n + pad, m) for n, m in zip(natural, minimum, strict=True)]
    if sum(minimum) > BODY_WIDTH:
        raise ValueError(f"Table too wide at {size} pt: {table.title}")
    if sum(natural) <= BODY_WIDTH:
        return [n * BODY_WIDTH / sum(natural) for n in natural]
    spare = BODY_WIDTH - sum(minimum)
    extra = [n - m for n, m in zip(natural, minimum, strict=True)]
    return [m + spare * e / sum(extra) for m, e in zip(minimum, extra, strict=True)]


def _row_height(row, widths, size, bold=False) -> float:
    """How high a row grows: its tallest cell."""
    lines = []
    for c, column_width in enumerate(widths):
        text = row[c] if c < len(row) else ""
        available = fit.points(column_width - 2 * TABLE_CELL_X) * fit.SAFETY
        lines.append(fit.line_count(fit.words_of([Run(text, bold=bold)]), size, available))
    return fit.inches(max(lines) * fit.line_height(size)) + 2 * TABLE_CELL_Y + 0.04


def _fit_table(table: Table) -> tuple[float, list[float], list[tuple[tuple[str, ...], ...]]]:
    """The size, column widths and the rows of each slide: one slide at the largest size that
    fits, down to the minimum; else the rows cut over slides, the header on each."""
    room = (look.BODY_BOTTOM - look.BODY_TOP) * fit.SAFETY

    def cut(size: float):
        try:
            widths = _column_widths(table, size)
        except ValueError:
            return None
        header = _row_height(table.header, widths, size, bold=True) if table.header else 0
        chunks: list[list[tuple[str, ...]]] = [[]]
        used = header
        for row in table.rows:
            height = _row_height(row, widths, size)
            if header + height > room:
                return None
            if used + height > room:
                chunks.append([])
                used = header
            chunks[-1].append(row)
            used += height
        return widths, [tuple(c) for c in chunks]

    size = SIZES.table
    while size >= SIZES.table_min:
        result = cut(size)
        if result and len(result[1]) == 1:
            return size, result[0], result[1]
        size -= 1
    for size in (SIZES.table - 4, SIZES.table_min):
        result = cut(size)
        if result:
            return size, result[0], result[1]
    raise ValueError(f"Table too large even over several slides: {table.title}")


# -- a module's deck ---------------------------------------------------------------------------


def _session_slides(deck: Deck, page: SessionPage, footer_module: str) -> None:
    course = week()
    session = page.session
    day, slot = course.slot_of(session.id)
    footer = f"{footer_module}  \u00b7  {session.label}"
    lines = [f"Module {session.module}  \u00b7  {_when(day.number, slot)}"]
    lines += [f"With {course.exercise(e).label}" for e in slot.exercises]
    deck.title_slide(session.label, lines, footer,
                     notes=f"Facilitator notes for session {session.id}\n\n"
                           f"{page.facilitator_notes}")
    deck.points_slides("Learning goal", [Point(page.goal, kind="point")], footer,
                       notes=pages.with_citations(page.goal))
    for section in page.sections:
        shown = [p for p in section.points if p.text]
        if shown:
            deck.points_slides(section.title, shown, footer, notes=section.notes)
        for visual in section.visuals:
            if isinstance(visual, Table):
                deck.table_slides(visual, footer, notes=section.notes)
            else:
                deck.figure_slide(visual, footer)
    if page.question:
        deck.points_slides(pages.QUESTION, page.question, footer,
                           notes="Give teams a few minutes, then take two or three answers.")


def _exercise_slide(deck: Deck, exercise: Exercise, footer_module: str) -> None:
    course = week()
    slots = [(d, s) for d in course.days for s in d.slots if exercise.id in s.exercises]
    with_sessions = [
        f"{_when(d.number, s)}" + (f", with session {', '.join(s.sessions)}" if s.sessions else "")
        for d, s in slots
    ]
    points = [Point(Text((Run("When: ", bold=True), Run("; ".join(with_sessions) + "."))))]
    notes_of_slots = list(dict.fromkeys(s.notes for _, s in slots if s.notes))
    if notes_of_slots:
        points.append(Point(Text((Run("What to do: ", bold=True),
                                  Run(" ".join(notes_of_slots))))))
    points.append(Point(Text((Run("What the team produces: ", bold=True),
                              Run(exercise.output.rstrip(".") + ".")))))
    points.append(Point(Text((Run("Where: ", bold=True),
                              Run("on the exercise's page in the book; if the devices fail, "
                                  "on its paper worksheet, which has the same fields.")))))
    footer = f"{footer_module}  \u00b7  {exercise.label}"
    notes = pages.notebook_instructions(exercise.notebook) if exercise.notebook else ""
    deck.points_slides(exercise.label, points, footer,
                       notes=f"What the participants read above the form:\n\n{notes}"
                       if notes else "")


def build_deck(module: Module) -> Deck:
    deck = Deck(module)
    course = week()
    footer_module = f"Module {module.number}: {module.short}"
    days = sorted({course.slot_of(s.id)[0].number for s in module.sessions})
    day_text = f"Day {days[0]}" if len(days) == 1 else f"Days {days[0]}{DASH}{days[-1]}"
    deck.title_slide(f"Module {module.number}. {module.title}",
                     [COURSE, f"{day_text} of the five-day workshop",
                      "Slides for facilitators, made from the course book"],
                     footer_module)
    rows = []
    for kind, item in agenda_of(module):
        if kind == "session":
            label, (day, slot) = course.session(item).label, course.slot_of(item)
        else:
            label, (day, slot) = course.exercise(item).label, course.slot_of(item)
        rows.append((label, f"Day {day.number}", slot.times.replace("-", DASH)))
    deck.table_slides(Table("Sessions and exercises of this module",
                            ("Session or exercise", "Day", "Time"), tuple(rows)),
                      footer_module)
    for kind, item in agenda_of(module):
        if kind == "session":
            _session_slides(deck, pages.read_session(course.session(item)), footer_module)
        else:
            _exercise_slide(deck, course.exercise(item), footer_module)
    return deck


STAMP = ".sources"  # beside the decks: the fingerprint of the sources they were built from


def sources_fingerprint() -> str:
    """A hash of everything a deck is made from: the library's code and course data, the
    session pages, the references, the data sets and the notebooks' instructions."""
    root = pages.REPO
    files = [*sorted((root / "dgtkit").rglob("*.py")), *sorted((root / "dgtkit").rglob("*.yaml")),
             *sorted((root / "book").rglob("*.md")), root / "book" / "references.bib",
             *sorted((root / "data").glob("*.csv")), *sorted((root / "notebooks").glob("*.ipynb"))]
    digest = hashlib.sha256()
    for path in files:
        if "__pycache__" in path.parts or not path.is_file():
            continue
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def up_to_date(folder: Path) -> bool:
    """Whether ``folder`` holds every deck, built from the sources as they are now."""
    stamp = folder / STAMP
    return (stamp.is_file() and stamp.read_text().strip() == sources_fingerprint()
            and all((folder / deck_name(m)).is_file() for m in week().modules))


def build_all(folder: Path, modules: Iterable[int] | None = None) -> list[Path]:
    """Write the deck of every module (or of ``modules``) into ``folder``."""
    chosen = [m for m in week().modules if modules is None or m.number in set(modules)]
    fingerprint = sources_fingerprint()
    written = [build_deck(m).save(folder / deck_name(m)) for m in chosen]
    stamp = folder / STAMP
    if modules is None:
        stamp.write_text(fingerprint + "\n")
    elif stamp.is_file():
        stamp.unlink()  # some decks only: the next book build makes them all again
    return written
