"""The action-plan app driven from Python: add actions, refuse bad ones, keep what was saved."""

from datetime import date

from dgtkit.exercises import ActionPlanApp
from dgtkit.models.action_plan import EXERCISE_KEY
from dgtkit.workbook import Workbook


def open_app(path, participant="team-1"):
    return ActionPlanApp(Workbook(path, participant=participant))


def fill(view, title="Train staff in data sharing", lead="HR office",
         start=date(2027, 1, 10), end=date(2027, 6, 30)):
    view.title.value, view.lead.value = title, lead
    view.start.value, view.end.value = start, end
    view.add_button.click()


def test_adding_an_action_shows_it_saves_it_and_clears_the_form(tmp_path):
    path = tmp_path / "w.sqlite"
    app = open_app(path)
    fill(app.view)
    assert len(app.model.actions) == 1
    assert "Train staff in data sharing" in app.view.table.value
    assert "10 Jan 2027" in app.view.table.value
    saved = Workbook(path, participant="team-1").latest(EXERCISE_KEY)
    assert saved.data["actions"][0]["title"] == "Train staff in data sharing"
    assert app.view.title.value == "" and app.view.start.value is None
    assert "Saved at" in app.view.status.value


def test_reopening_shows_the_saved_plan(tmp_path):
    path = tmp_path / "w.sqlite"
    app = open_app(path)
    fill(app.view, title="First")
    fill(app.view, title="Second")
    again = open_app(path)
    assert [a.title for a in again.model.actions] == ["First", "Second"]
    assert again.view.table.value.index("First") < again.view.table.value.index("Second")


def test_empty_fields_get_messages_beside_them_and_nothing_is_saved(tmp_path):
    path = tmp_path / "w.sqlite"
    app = open_app(path)
    fill(app.view, title="", lead="", start=None, end=None)
    for name in ("title", "lead", "start", "end"):
        assert "Problem" in app.view.messages[name].value
    assert "not added" in app.view.status.value
    assert Workbook(path, participant="team-1").latest(EXERCISE_KEY) is None
    assert app.model.actions == []


def test_end_before_start_is_refused_and_what_was_typed_stays(tmp_path):
    app = open_app(tmp_path / "w.sqlite")
    fill(app.view, start=date(2027, 6, 1), end=date(2027, 5, 1))
    assert "before the start date" in app.view.messages["end"].value
    assert app.view.messages["title"].value == ""
    assert app.view.title.value == "Train staff in data sharing"  # nothing typed is lost


def test_messages_clear_once_the_action_is_valid(tmp_path):
    app = open_app(tmp_path / "w.sqlite")
    fill(app.view, title="")
    assert app.view.messages["title"].value
    fill(app.view)
    assert app.view.messages["title"].value == ""


def test_hostile_text_is_escaped_in_the_table(tmp_path):
    app = open_app(tmp_path / "w.sqlite")
    fill(app.view, title="<script>alert(1)</script>", lead='<img src=x onerror="alert(2)">')
    table = app.view.table.value
    assert "<script>" not in table and "<img" not in table
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in table


def test_teams_in_one_workbook_keep_separate_plans(tmp_path):
    path = tmp_path / "w.sqlite"
    fill(open_app(path, "team-1").view, title="Team one's action")
    assert open_app(path, "team-2").model.actions == []


def test_an_unreadable_saved_plan_is_reported_kept_and_not_hidden(tmp_path):
    path = tmp_path / "w.sqlite"
    odd = Workbook(path, participant="team-1").save(EXERCISE_KEY, {"actions": [{"title": "x"}]})
    app = open_app(path)
    assert app.model.actions == []
    assert f"revision {odd.id}" in app.view.status.value
    assert "Problem" in app.view.status.value
    fill(app.view)  # the team can go on working...
    history = Workbook(path, participant="team-1").history(EXERCISE_KEY)
    assert history[0].data == {"actions": [{"title": "x"}]}  # ...and the odd revision stays
    assert len(history) == 2
