"""The print-outs (``make worksheets``, ``make pdf``) and the decks in the published book.

Each PDF is read back with poppler's ``pdftotext``. A worksheet must name every field of its
exercise's form, found here by walking the form itself; the book's PDF must hold every
session in order, with its facilitator notes open and each form replaced by its worksheet.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import ipywidgets as w
import pytest

from dgtkit.course.week import week
from dgtkit.exercises import EXERCISES
from tests.facilitator.conftest import page_count, text_of
from tests.facilitator.test_slides import page_shape

pytestmark = pytest.mark.browser


def straight(text: str) -> str:
    """Text with the book's curly quotes (Sphinx's smart quotes) made straight again."""
    return text.translate(str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''"))


def form_fields(exercise_id: str) -> list[str]:
    """The label of every field a team can fill in on the exercise's form (buttons aside),
    as the form shows it before anything is entered."""
    from dgtkit.facilitator.worksheets import sheet

    spec = sheet(exercise_id)
    form = getattr(importlib.import_module(f"dgtkit.exercises.{EXERCISES[spec.form]}"),
                   spec.form)
    view = form.view_class(form.model_class(), on_change=lambda: None)
    labels: list[str] = []

    def walk(widget):
        layout = getattr(widget, "layout", None)
        if layout is not None and layout.display == "none":
            return
        if isinstance(widget, w.Box):
            for child in widget.children:
                walk(child)
        elif isinstance(widget, w.ValueWidget) and not isinstance(
                widget, w.HTML | w.HTMLMath | w.Label | w.FileUpload | w.Output):
            labels.append(widget.description)

    walk(view.widget)
    # "Objective:filter" leaves out a list's filter, not the field "Objective" itself.
    screen_only = {label for label in spec.screen_only if not label.endswith(":filter")}
    return [label for label in dict.fromkeys(labels) if label and label not in screen_only]


@pytest.fixture(scope="session")
def worksheet_pdfs(browser, tmp_path_factory) -> dict[str, Path]:
    """The worksheets as make worksheets prints them (with the session's Chromium: one
    Playwright per process)."""
    from dgtkit.facilitator.pdf import worksheet_pdfs
    from dgtkit.facilitator.worksheets import exercises

    folder = tmp_path_factory.mktemp("worksheets")
    written = worksheet_pdfs(folder, browser)
    return {e.id: path for e, path in zip(exercises(), written, strict=True)}


@pytest.fixture(scope="session")
def book_pdf(built_book, browser, tmp_path_factory) -> Path:
    from dgtkit.facilitator.pdf import book_pdf

    return book_pdf(built_book, tmp_path_factory.mktemp("print") / "book.pdf", browser)


def test_every_exercise_of_the_week_and_the_action_plan_has_a_worksheet(worksheet_pdfs):
    numbered = {e.id for e in week().exercises if e.number}
    assert len(numbered) == 12
    assert numbered | {"action_plan"} <= set(worksheet_pdfs)


def test_each_worksheet_names_every_field_of_its_form(worksheet_pdfs, tmp_path):
    for exercise_id, pdf in worksheet_pdfs.items():
        exercise = week().exercise(exercise_id)
        text = text_of(pdf, tmp_path)
        assert page_count(pdf, tmp_path) >= 1
        assert text.startswith(f"{exercise.label}: worksheet"), exercise_id
        missing = [label for label in form_fields(exercise_id) if label not in text]
        assert missing == [], f"{exercise_id}: the worksheet leaves out {missing}"
        for day in week().days:  # when it runs, from the week
            for slot in day.slots:
                if exercise_id in slot.exercises:
                    assert f"Day {day.number}, {slot.start:%H:%M}\u2013{slot.end:%H:%M}" in text


def test_a_worksheet_gives_room_to_write_for_every_copy_the_exercise_asks_for(worksheet_pdfs,
                                                                              tmp_path):
    """Ex 6 asks for ten signals: the sheet has a row for each; Ex 2 for three benefits and
    three risks: six items, each with all its fields, the choices of both kinds in each."""
    from dgtkit.models import benefit_risk, scenarios

    signals = text_of(worksheet_pdfs["ex06"], tmp_path)
    assert "One row for each signal" in signals
    matrix = text_of(worksheet_pdfs["ex02"], tmp_path)
    items = re.findall(r"Item (\d+) Benefit or risk", matrix)
    assert [int(n) for n in items] == list(range(1, 2 * benefit_risk.ASKED + 1))
    risk = benefit_risk.course_data().of_kind("risk")[0].name
    assert matrix.count(f"Risk: {risk}") == 2 * benefit_risk.ASKED
    assert scenarios.SIGNALS_ASKED == 10


@pytest.mark.slow
def test_the_book_pdf_holds_every_session_in_order_with_its_notes_open(book_pdf, tmp_path):
    from dgtkit.facilitator.pdf import toc

    text = text_of(book_pdf, tmp_path)
    assert page_count(book_pdf, tmp_path) > len(toc())  # each page of the book starts a page
    position = text.index("The five-day agenda")  # after the contents
    for session in week().sessions:
        module = week().module(session.module)
        heading = re.compile(re.escape(session.label) + r" Module " + str(module.number) + ": "
                             + re.escape(module.short) + r" \u00b7 Day \d")
        found = heading.search(text, position)
        assert found, f"session {session.label} is missing or out of order"
        position = found.end()
    # Without the footers, which a page break puts in the middle of the text.
    text = straight(re.sub(r"Capacities for Digital Government Transformation \u00b7 page \d+ of "
                           r"\d+ ", "", text))
    for session in week().sessions:  # the notes are open: their text is printed
        start = straight(" ".join(page_shape(session.page).notes_start.split()))
        assert f"Facilitator notes {start}" in text, session.id


@pytest.mark.slow
def test_the_book_pdf_shows_each_form_as_its_worksheet(book_pdf, tmp_path):
    from dgtkit.facilitator.worksheets import exercises, field_labels

    text = text_of(book_pdf, tmp_path)
    for exercise in exercises():
        assert field_labels(exercise.id)[0] in text, exercise.id
    assert "Loading widget" not in text and "Error displaying widget" not in text


@pytest.mark.slow
def test_the_published_book_links_every_deck_and_serves_it(built_book):
    from dgtkit.facilitator.slides import deck_name

    guide = (built_book / "book" / "facilitator-guide.html").read_text("utf-8")
    for module in week().modules:
        page = built_book / f"{module.page}.html"
        links = re.findall(r'href="([^"]+\.pptx)"', page.read_text("utf-8"))
        assert len(links) == 1, module.page
        deck = (page.parent / links[0]).resolve()
        assert deck.name == deck_name(module) and deck.stat().st_size > 10_000
        assert re.search(rf'href="([^"]*/{re.escape(deck_name(module))})"', guide)
