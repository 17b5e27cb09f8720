"""Ex 3 driven from Python: set values as a participant would, then check model and workbook."""

import sqlite3

from dgtkit.course.frameworks import frameworks
from dgtkit.exercises import PillarSelfRating
from dgtkit.models.pillar_rating import EXERCISE_KEY
from dgtkit.store.workbook import Workbook


def open_exercise(path, participant="ana"):
    return PillarSelfRating(Workbook(path, participant=participant))


def test_form_has_a_labelled_rating_for_every_pillar(tmp_path):
    view = open_exercise(tmp_path / "w.sqlite").view
    assert list(view.selectors) == list(frameworks().pillar_ids)
    for number, selector in enumerate(view.selectors.values(), start=1):
        assert selector.description == f"Level of pillar {number}"
        assert selector.options[0][0] == "Not rated yet"
        assert [label for label, _ in selector.options[1:]] == [
            "1 Nascent", "2 Emerging", "3 Agile and integrated", "4 Transformed", "5 Innovative"
        ]
    assert view.government.description


def test_rating_updates_the_model_the_descriptor_the_chart_and_the_workbook(tmp_path):
    path = tmp_path / "w.sqlite"
    exercise = open_exercise(path)
    view = exercise.view
    chart_before = view.chart.value

    view.selectors["skills"].value = 2

    assert exercise.model.ratings["skills"] == 2
    assert "Training happens now and then" in view.descriptors["skills"].value
    assert view.chart.value != chart_before
    assert "Digital skills of public servants: 2 of 5" in view.chart.value  # the alt text
    assert "1 of 8 pillars rated" in view.progress.value
    saved = Workbook(path, participant="ana").latest(EXERCISE_KEY)
    assert saved.data["ratings"]["skills"] == 2
    assert "Saved at" in view.status.value


def test_every_change_is_a_new_revision(tmp_path):
    path = tmp_path / "w.sqlite"
    view = open_exercise(path).view
    for level in (1, 3, 5):
        view.selectors["leadership"].value = level
    history = Workbook(path, participant="ana").history(EXERCISE_KEY)
    assert [r.data["ratings"]["leadership"] for r in history] == [1, 3, 5]


def test_reopening_restores_the_form(tmp_path):
    path = tmp_path / "w.sqlite"
    view = open_exercise(path).view
    view.government.value = "Deli Serdang Regency"
    for pillar_id in frameworks().pillar_ids:
        view.selectors[pillar_id].value = 4
    view.selectors["infrastructure"].value = 0  # back to "not rated"

    again = open_exercise(path)
    assert again.view.government.value == "Deli Serdang Regency"
    assert again.view.selectors["leadership"].value == 4
    assert again.view.selectors["infrastructure"].value == 0
    assert again.model.missing == ["infrastructure"]


def test_participants_do_not_see_each_others_ratings(tmp_path):
    path = tmp_path / "w.sqlite"
    open_exercise(path, "ana").view.selectors["skills"].value = 5
    assert open_exercise(path, "ben").view.selectors["skills"].value == 0


def test_hostile_government_name_is_shown_as_text(tmp_path):
    view = open_exercise(tmp_path / "w.sqlite").view
    view.government.value = "<img src=x onerror=alert(1)>"
    assert "<img src=x" not in view.chart.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in view.chart.value


def test_too_long_name_gets_a_message_and_the_saved_one_is_kept(tmp_path):
    path = tmp_path / "w.sqlite"
    view = open_exercise(path).view
    view.government.value = "City of Example"
    view.government.value = "x" * 10_000
    assert "too long" in view.government_message.value
    assert "Problem" in view.government_message.value  # worded, not colour alone
    saved = Workbook(path, participant="ana").latest(EXERCISE_KEY)
    assert saved.data["government"] == "City of Example"


def test_a_corrupt_workbook_is_reported_and_left_alone(tmp_path):
    path = tmp_path / "w.sqlite"
    path.write_bytes(b"not a database" * 100)
    exercise = PillarSelfRating(str(path))
    assert "Not saved" in exercise.view.status.value
    exercise.view.selectors["skills"].value = 3  # the form still works...
    assert exercise.model.ratings["skills"] == 3
    assert "Not saved" in exercise.view.status.value  # ...and keeps saying it cannot save
    assert path.read_bytes() == b"not a database" * 100


def test_a_failed_save_says_so_and_a_later_save_recovers(tmp_path):
    path = tmp_path / "w.sqlite"
    exercise = open_exercise(path)
    exercise.view.selectors["skills"].value = 2
    db = sqlite3.connect(path, isolation_level=None, timeout=1)
    db.execute("BEGIN EXCLUSIVE")  # another process holds the file
    import dgtkit.store.workbook as workbook_module

    original = workbook_module._BUSY_TIMEOUT_S
    workbook_module._BUSY_TIMEOUT_S = 0.2
    try:
        exercise.view.selectors["skills"].value = 3
        assert "Not saved" in exercise.view.status.value
    finally:
        workbook_module._BUSY_TIMEOUT_S = original
        db.execute("ROLLBACK")
        db.close()
    exercise.view.selectors["leadership"].value = 4
    latest = Workbook(path, participant="ana").latest(EXERCISE_KEY)
    assert latest.data["ratings"] == {**latest.data["ratings"], "skills": 3, "leadership": 4}


def test_a_name_that_breaks_a_chart_library_is_still_saved(tmp_path):
    path = tmp_path / "w.sqlite"
    view = open_exercise(path).view
    view.government.value = r"Ville $\frac{ de test$"
    saved = Workbook(path, participant="ana").latest(EXERCISE_KEY)
    assert saved.data["government"] == r"Ville $\frac{ de test$"
    assert "<img" in view.chart.value
