"""Ex 6 driven from Python: type and click as a participant would, then check model and
workbook; reopening restores everything."""

from datetime import date

import pytest

from dgtkit.exercises import HorizonScan
from dgtkit.models.scenarios import EXERCISE_KEY, QUADRANTS
from dgtkit.store.workbook import Workbook
from tests.helpers import freeze_clock

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(autouse=True)
def _this_year_is_2026(monkeypatch):
    """The horizon must lie ahead of today: pin today, so the tests do not age."""
    freeze_clock(monkeypatch, date(2026, 6, 1))


def open_exercise(path, participant="ana"):
    return HorizonScan(Workbook(path, participant=participant))


def saved(path):
    return Workbook(path, participant="ana").latest(EXERCISE_KEY)


def add_signal(view, title, impact, uncertainty, note=""):
    view.title.value, view.note.value = title, note
    view.impact.value, view.uncertainty.value = impact, uncertainty
    view.save_signal.click()


def filled(path):
    """An exercise with three signals (two critical), both axes and their ends."""
    exercise = open_exercise(path)
    view = exercise.view
    add_signal(view, "Trust in online services", 5, 5, note="Survey 2025")
    add_signal(view, "AI in public services", 4, 5)
    add_signal(view, "Ageing civil service", 3, 1)
    first, second = (s.id for s in exercise.model.signals[:2])
    view.axis_choices[0].value = first
    view.axis_choices[1].value = second
    for index, (low, high) in enumerate(
        (("low trust", "high trust"), ("slow AI", "AI everywhere"))
    ):
        view.axis_ends[index]["low"].value = low
        view.axis_ends[index]["high"].value = high
    return exercise


def test_every_input_has_a_visible_label(tmp_path):
    view = open_exercise(tmp_path / "w.sqlite").view
    fields = [
        view.signal_choice,
        view.title,
        view.note,
        view.impact,
        view.uncertainty,
        view.horizon,
        *view.axis_choices,
        *view.names.values(),
        *view.narratives.values(),
    ]
    fields += [field for ends in view.axis_ends for field in ends.values()]
    assert all(field.description for field in fields)
    assert view.impact.options[0] == ("Choose a rating", 0)
    assert view.impact.options[5] == ("5 very high", 5)


def test_adding_a_signal_saves_it_and_redraws(tmp_path):
    path = tmp_path / "w.sqlite"
    exercise = open_exercise(path)
    view = exercise.view
    chart_before = view.scatter.value
    add_signal(view, "Mobile money in every village", 4, 2, note="Seen in two districts")
    assert [s.title for s in exercise.model.signals] == ["Mobile money in every village"]
    assert saved(path).data["signals"][0]["impact"] == 4
    assert "Saved at" in view.status.value
    assert view.scatter.value != chart_before
    assert "Mobile money in every village (impact 4, uncertainty 2)" in view.scatter.value
    assert view.title.value == "" and view.impact.value == 0  # ready for the next one


def test_a_bad_signal_gets_messages_by_field_and_nothing_is_saved(tmp_path):
    path = tmp_path / "w.sqlite"
    view = open_exercise(path).view
    add_signal(view, "", 0, 3, note="x" * 10_000)
    assert "empty" in view.signal_messages["title"].value
    assert "10,000 characters" in view.signal_messages["note"].value
    assert "Rate the impact" in view.signal_messages["impact"].value
    assert view.signal_messages["uncertainty"].value == ""
    assert "was not saved: 3 fields" in view.status.value
    assert saved(path) is None
    assert view.note.value == "x" * 10_000  # the typed text stays for the participant to trim


def test_editing_and_removing_a_signal(tmp_path):
    path = tmp_path / "w.sqlite"
    exercise = filled(path)
    view = exercise.view
    ageing = exercise.model.signals[2]
    view.signal_choice.value = ageing.id
    assert view.title.value == "Ageing civil service" and view.impact.value == 3
    assert view.save_signal.description == "Save changes" and not view.remove_signal.disabled
    view.impact.value = 2
    view.save_signal.click()
    assert exercise.model.signal(ageing.id).impact == 2
    assert saved(path).data["signals"][2]["impact"] == 2
    view.remove_signal.click()
    assert [s["title"] for s in saved(path).data["signals"]] == [
        "Trust in online services",
        "AI in public services",
    ]
    assert view.signal_choice.value == "" and view.remove_signal.disabled


def test_a_signal_used_as_an_axis_is_not_removed(tmp_path):
    path = tmp_path / "w.sqlite"
    exercise = filled(path)
    view = exercise.view
    view.signal_choice.value = exercise.model.signals[0].id
    view.remove_signal.click()
    assert "axis 1 of your scenarios" in view.signal_messages["signal"].value
    assert len(saved(path).data["signals"]) == 3


def test_only_critical_signals_are_offered_as_axes_and_the_axes_differ(tmp_path):
    path = tmp_path / "w.sqlite"
    exercise = filled(path)
    view = exercise.view
    offered = [label for label, _value in view.axis_choices[0].options]
    assert offered == ["Not chosen yet", "1. Trust in online services", "2. AI in public services"]
    first = exercise.model.signals[0].id
    view.axis_choices[1].value = first  # the same uncertainty on both axes
    assert "already the other axis" in view.axis_messages["axis2"].value
    assert view.axis_choices[1].value == exercise.model.signals[1].id  # put back
    assert saved(path).data["axes"][1]["signal_id"] == exercise.model.signals[1].id


def test_futures_are_saved_and_drawn_in_the_matrix(tmp_path):
    path = tmp_path / "w.sqlite"
    view = filled(path).view
    view.names["high_high"].value = "Smart and trusted"
    view.narratives["high_high"].value = "Residents do everything on their phones."
    view.horizon.value = 2040
    data = saved(path).data
    assert data["scenarios"]["high_high"] == {
        "name": "Smart and trusted",
        "narrative": "Residents do everything on their phones.",
    }
    assert data["horizon"] == 2040
    assert "Top right (high trust and AI everywhere): Smart and trusted." in view.matrix.value
    assert "four futures for 2040" in view.matrix.value
    assert "high trust + AI everywhere" in view.quadrant_headings["high_high"].value
    assert "6 of at most 80 words" in view.word_counts["high_high"].value


def test_a_long_narrative_is_saved_but_flagged(tmp_path):
    path = tmp_path / "w.sqlite"
    view = filled(path).view
    view.narratives["low_low"].value = "word " * 95
    assert saved(path).data["scenarios"]["low_low"]["narrative"].count("word") == 95
    assert "95 words: please cut it to 80" in view.word_counts["low_low"].value
    assert "Not yet" in view.checklist.value and "95 words: cut it to 80" in view.checklist.value


def test_a_10000_character_name_is_refused_and_the_saved_one_kept(tmp_path):
    path = tmp_path / "w.sqlite"
    view = filled(path).view
    view.names["low_high"].value = "Fortress city"
    view.names["low_high"].value = "x" * 10_000
    assert "too long" in view.future_messages["low_high_name"].value
    assert "Problem" in view.future_messages["low_high_name"].value
    assert saved(path).data["scenarios"]["low_high"]["name"] == "Fortress city"


def test_a_past_horizon_is_refused_with_a_message(tmp_path):
    path = tmp_path / "w.sqlite"
    view = filled(path).view
    view.horizon.value = 2020
    assert "must lie ahead" in view.horizon_message.value
    view.horizon.value = 1
    assert "not a year we can plan for" in view.horizon_message.value
    assert saved(path).data["horizon"] == 2035


def test_hostile_text_is_shown_as_text(tmp_path):
    path = tmp_path / "w.sqlite"
    view = filled(path).view
    add_signal(view, HOSTILE, 1, 1, note=HOSTILE)
    view.names["low_low"].value = HOSTILE
    view.axis_ends[0]["low"].value = HOSTILE
    for html in (
        view.signal_table.value,
        view.scatter.value,
        view.matrix.value,
        view.checklist.value,
        view.quadrant_headings["low_low"].value,
    ):
        assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in view.signal_table.value
    assert saved(path).data["scenarios"]["low_low"]["name"] == HOSTILE


def test_reopening_restores_everything(tmp_path):
    path = tmp_path / "w.sqlite"
    exercise = filled(path)
    view = exercise.view
    for number, quadrant in enumerate(QUADRANTS, start=1):
        view.names[quadrant].value = f"Future {number}"
        view.narratives[quadrant].value = f"Story {number}."
    view.horizon.value = 2038

    again = open_exercise(path)
    assert again.model == exercise.model
    new_view = again.view
    assert [label for label, _ in new_view.signal_choice.options][1:] == [
        "1. Trust in online services",
        "2. AI in public services",
        "3. Ageing civil service",
    ]
    assert new_view.axis_choices[0].value == exercise.model.signals[0].id
    assert new_view.axis_ends[1]["high"].value == "AI everywhere"
    assert new_view.names["high_low"].value == "Future 4"
    assert new_view.narratives["low_high"].value == "Story 2."
    assert new_view.horizon.value == 2038


def test_every_accepted_change_is_a_new_revision(tmp_path):
    path = tmp_path / "w.sqlite"
    filled(path)
    history = Workbook(path, participant="ana").history(EXERCISE_KEY)
    assert len(history) == 3 + 2 + 4  # three signals, two axes, four ends
    assert [len(r.data["signals"]) for r in history[:3]] == [1, 2, 3]
