"""The decks (``make slides``): LibreOffice opens every one; their slides follow the week and
the session pages; no text runs off a slide; every figure is the book's, with its alt text;
the facilitator notes are the speaker notes.

What a deck should hold is worked out here from ``week.yaml`` and the pages themselves (read
with markdown-it and its plugins), not from the code that builds the decks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dgtkit.course.frameworks import frameworks
from dgtkit.course.week import week
from tests.conftest import REPO

pytestmark = pytest.mark.slow  # the decks are those of the built book

MODULES = [m.number for m in week().modules]
INCH = 72  # points
TITLE_BOTTOM = 1.45 * INCH  # a slide's title lies above this line
FOOTER_RULE = 7.0 * INCH  # the rule above the footer
MARGIN = 0.6 * INCH
CONTINUED = re.compile(r"\((\d+) of (\d+)\)$")


@cache
def _markdown() -> MarkdownIt:
    return (MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
            .use(colon_fence_plugin))


@dataclass
class PageShape:
    """What one session page holds, as its slides should show it."""

    sections_with_text: int = 0
    tables: int = 0
    figures: list[str] = field(default_factory=list)
    question: bool = False
    notes_start: str = ""


def _body(content: str) -> str:
    return "\n".join(line for line in content.splitlines() if not re.match(r"^:[\w-]+:", line))


def page_shape(docname: str) -> PageShape:
    shape = PageShape()
    state = {"title": None, "text": False}

    def close_section():
        if state["title"] is not None and state["text"]:
            if state["title"] == "Question for discussion":
                shape.question = True
            else:
                shape.sections_with_text += 1

    def visit(tokens):
        for index, token in enumerate(tokens):
            if token.type == "heading_open" and token.tag == "h2":
                close_section()
                state["title"], state["text"] = tokens[index + 1].content, False
            elif token.type in ("paragraph_open", "list_item_open"):
                state["text"] = True
            elif token.type == "table_open":
                shape.tables += 1
            elif token.type == "fence" and token.info.startswith("{code-cell}"):
                shape.figures += re.findall(r"""show\(["']([\w-]+)["']\)""", token.content)
            elif token.type == "fence" and token.info.strip() == "{pillar-table}":
                shape.tables += 1
            elif token.type == "fence" and token.info.strip() == "{maturity-table}":
                shape.tables += len(frameworks().pillars)  # one table per pillar
            elif token.type == "colon_fence":
                if "facilitator-notes" in token.content:
                    first = _body(token.content).strip().splitlines()[0]
                    shape.notes_start = first.replace("**", "")
                elif not token.info.startswith("{admonition} Learning goal"):
                    visit(_markdown().parse(_body(token.content)))

    visit(_markdown().parse((REPO / f"{docname}.md").read_text("utf-8")))
    close_section()
    return shape


def agenda(module_number: int) -> list[tuple[str, str]]:
    """The module's sessions and exercises in the order of the week's slots."""
    module = week().module(module_number)
    mine = {s.id for s in module.sessions}
    theirs = {e.id for e in week().exercises_of(module_number)}
    items: list[tuple[str, str]] = []
    for day in week().days:
        for slot in day.slots:
            items += [("session", s) for s in slot.sessions if s in mine]
            items += [("exercise", e) for e in slot.exercises
                      if e in theirs and ("exercise", e) not in items]
    return items


def slide_title(slide) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


def slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


@pytest.mark.parametrize("number", MODULES)
def test_libreoffice_opens_every_deck_and_prints_each_slide(number, decks, deck_pages):
    slides = Presentation(str(decks[number])).slides
    assert len(deck_pages[number]) == len(slides) > 0


@pytest.mark.parametrize("number", MODULES)
def test_the_slides_follow_the_week_and_the_pages(number, deck_pages):
    """Title, overview, then each session (title, goal, a slide per section with text, each
    table, each figure, the question) and each exercise; what was too long for one slide goes
    on to slides titled "(2 of 3)", which add to the count and run in order."""
    module = week().module(number)
    expected = 2 + len(week().exercises_of(number))
    for session in module.sessions:
        shape = page_shape(session.page)
        expected += 2 + shape.sections_with_text + shape.tables + len(shape.figures)
        expected += 1 if shape.question else 0
    titles = [page.title(TITLE_BOTTOM) for page in deck_pages[number]]
    continued = 0
    for index, title in enumerate(titles):
        found = CONTINUED.search(title)
        if found and int(found.group(1)) > 1:
            continued += 1
            before = CONTINUED.search(titles[index - 1])
            assert before and int(before.group(1)) == int(found.group(1)) - 1, title
            assert title[: found.start()] == titles[index - 1][: before.start()], title
    assert len(titles) == expected + continued
    assert continued <= expected // 2, "more than a third of the slides are continuations"


@pytest.mark.parametrize("number", MODULES)
def test_sessions_and_exercises_come_in_the_order_of_the_week(number, decks):
    slides = Presentation(str(decks[number])).slides
    titles = [slide_title(s) for s in slides]
    labels = [week().session(item).label if kind == "session" else week().exercise(item).label
              for kind, item in agenda(number)]
    positions = [titles.index(label) for label in labels]
    assert positions == sorted(positions), labels


@pytest.mark.parametrize("number", MODULES)
def test_no_text_runs_off_a_slide(number, deck_pages):
    """Every word LibreOffice drew lies within the page and its side margins; below the rule
    of the footer lies only the footer's one line."""
    for index, page in enumerate(deck_pages[number], start=1):
        where = f"module {number}, slide {index}"
        for word in page.words:
            assert word.x0 >= 0 and word.x1 <= page.width, f"{where}: {word}"
            assert word.y0 >= 0 and word.y1 <= page.height, f"{where}: {word}"
            assert word.x0 >= MARGIN - 2 and word.x1 <= page.width - MARGIN + 2, \
                f"{where}: {word.text!r} crosses the side margin"
            assert word.y1 <= FOOTER_RULE or word.y0 >= FOOTER_RULE, \
                f"{where}: {word.text!r} runs into the footer"
        footer = [w for w in page.words if w.y0 >= FOOTER_RULE]
        assert footer, f"{where}: no footer"
        assert max(w.y0 for w in footer) - min(w.y0 for w in footer) < 3, \
            f"{where}: text below the footer rule: {' '.join(w.text for w in footer)}"


def test_every_figure_is_the_books_png_with_its_alt_text_as_description(decks):
    from dgtkit.charts import to_png
    from dgtkit.site.figures import FIGURES

    shown = []
    for number in MODULES:
        for slide in Presentation(str(decks[number])).slides:
            for shape in slide.shapes:
                if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                    shown.append((shape.name.removeprefix("Figure: "), shape))
    on_pages = [f for s in week().sessions for f in page_shape(s.page).figures]
    assert sorted(name for name, _ in shown) == sorted(on_pages)
    for name, picture in shown:
        figure = FIGURES[name]()
        description = picture._element.nvPicPr.cNvPr.get("descr")
        assert description == figure.alt, name
        assert picture.image.blob == to_png(figure.figure), f"{name}: not the book's PNG"


def test_each_session_slide_carries_the_pages_facilitator_notes(decks):
    for number in MODULES:
        slides = {slide_title(s): s for s in Presentation(str(decks[number])).slides}
        for session in week().module(number).sessions:
            start = page_shape(session.page).notes_start
            assert start, f"{session.id}: the page has no facilitator notes"
            notes = slides[session.label].notes_slide.notes_text_frame.text
            assert " ".join(start.split()) in " ".join(notes.split()), session.id


def test_each_exercise_slide_gives_its_timing_and_instructions_from_the_week(decks):
    for number in MODULES:
        slides = {slide_title(s): s for s in Presentation(str(decks[number])).slides}
        for exercise in week().exercises_of(number):
            text = slide_text(slides[exercise.label])
            for day in week().days:
                for slot in day.slots:
                    if exercise.id not in slot.exercises:
                        continue
                    start, end = f"{slot.start:%H:%M}", f"{slot.end:%H:%M}"
                    assert f"Day {day.number}, {start}\u2013{end}" in text, exercise.id
                    assert " ".join(slot.notes.split()) in text, exercise.id
            assert exercise.output.rstrip(".") in text, exercise.id


def test_each_learning_goal_and_question_is_on_its_slide(deck_pages):
    """The text of the learning goal and of the question reaches the printed slides."""
    for number in MODULES:
        printed = " ".join(page.text() for page in deck_pages[number])
        assert printed.count("Learning goal") >= len(week().module(number).sessions)
        assert printed.count("Question for discussion") >= len(week().module(number).sessions)


def test_a_slide_reads_title_first_and_footer_last(decks):
    """Screen readers follow the order of the shapes: the title (a real title placeholder),
    then the content, then the footer."""
    for number in MODULES:
        for index, slide in enumerate(Presentation(str(decks[number])).slides, start=1):
            shapes = [s for s in slide.shapes if s.name != "Band"]  # the title slide's band
            assert shapes[0].is_placeholder and shapes[0] == slide.shapes.title, (number, index)
            assert [s.name for s in shapes[-2:]] == ["Footer rule", "Footer"], (number, index)
