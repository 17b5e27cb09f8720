"""The markdown the book's directives render from the week and the frameworks."""

import pytest

from dgtkit.course.frameworks import frameworks
from dgtkit.course.week import week
from dgtkit.site import render
from dgtkit.site.book import _DIRECTIVES


def test_agenda_has_a_section_per_day_and_links_every_session():
    text = render.agenda(week())
    for day in range(1, 6):
        assert f"## Day {day}:" in text
    for session in week().sessions:
        assert f"</{session.page}>" in text
    assert "09:45\u2060\u2013\u206010:30" in text


def test_built_exercises_are_linked_and_planned_ones_are_named():
    w = week()
    text = render.agenda(w)
    assert "</notebooks/ex05_situation_analysis>" in text
    for exercise in w.exercises:
        if exercise.notebook:
            assert f"</{exercise.notebook}>" in text
        else:
            assert f"**Ex {exercise.number} {exercise.title}**" in text


def test_module_overview_lists_its_sessions_with_day_and_time():
    text = render.module_overview(week(), 2)
    assert "2.1 Introduction to the holistic approach" in text
    assert "| Day 1 | 15:20\u2060\u2013\u206016:00 |" in text
    assert "Ex 3 Pillar self-rating" in text


def test_session_info_names_module_day_time_and_exercise():
    text = render.session_info(week(), "2.2")
    assert "Module 2" in text and "Day 1, 16:00\u2060\u2013\u206016:40" in text
    assert "Ex 3 Pillar self-rating" in text


def test_pillar_table_cites_each_pillars_sources():
    text = render.pillar_table(frameworks())
    assert text.count("{cite:p}") == 8
    assert "Capacity developers" in text


def test_run_sheets_carry_the_notes():
    text = render.run_sheets(week())
    assert "How to run it" in text
    assert "radar chart" in text


def test_table_cells_cannot_break_the_table():
    assert render._cell("a | b\nc") == "a \\| b c"


def test_maturity_table_gives_every_pillar_a_row_per_level():
    text = render.maturity_table(frameworks())
    assert text.count("| Level | What it looks like |") == 8
    assert text.count("| 3 Agile and integrated |") == 8
    assert "| 1 Nascent | Departments work in silos and do not share data. |" in text


def test_a_bad_directive_argument_fails_the_build_with_its_reason():
    render_session, arguments, css_class = _DIRECTIVES["session-info"]
    assert arguments == 1 and css_class == "session-info"
    with pytest.raises(KeyError, match="session 9.9"):
        render_session("9.9")
    with pytest.raises(ValueError):
        _DIRECTIVES["module-overview"][0]("two")
