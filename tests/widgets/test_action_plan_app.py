"""The action-plan app driven from Python: actions, objectives, suggestions from the week,
table, delete and undo, history, export and import, team codes."""

from datetime import date

import pytest

from dgtkit.exercises import ActionPlanApp
from dgtkit.exercises.action_plan import room_mode
from dgtkit.models.action_plan import EXERCISE_KEY, ActionPlan
from dgtkit.planfile import export
from dgtkit.store.team_codes import codes_path, write_codes
from dgtkit.store.workbook import Workbook
from dgtkit.widgets.action_plan.app import TABS
from tests.plans import HOSTILE, sample_plan


def open_app(path, participant="team-1"):
    return ActionPlanApp(Workbook(path, participant=participant))


def fill(view, title="Train staff in data sharing", lead="HR office",
         start=date(2027, 1, 10), end=date(2027, 6, 30), **more):
    editor = view.editor
    editor.title.value, editor.lead.value = title, lead
    editor.start.value, editor.end.value = start, end
    for name, value in more.items():
        editor.fields[name].value = value
    editor.save_button.click()


def saved(path, participant="team-1"):
    return Workbook(path, participant=participant).latest(EXERCISE_KEY)


def test_adding_an_action_shows_it_saves_it_and_clears_the_form(tmp_path):
    path = tmp_path / "w.sqlite"
    app = open_app(path)
    fill(app.view, budget="12,500", baseline="10", target="40", indicator="Staff trained",
         unit="%", capacity_level="individual", priority="high")
    assert len(app.model.actions) == 1
    assert app.model.actions[0].budget == 12_500
    assert "Train staff in data sharing" in app.view.table.value
    assert "10 Jan 2027" in app.view.table.value
    data = saved(path).data
    assert data["actions"][0]["indicator"]["target"] == 40
    assert app.view.editor.title.value == "" and app.view.editor.start.value is None
    assert "Saved at" in app.view.status.value
    assert "1 action" in app.view.summary.value


def test_reopening_shows_the_saved_plan(tmp_path):
    path = tmp_path / "w.sqlite"
    app = open_app(path)
    fill(app.view, title="First")
    fill(app.view, title="Second")
    again = open_app(path)
    assert [a.title for a in again.model.actions] == ["First", "Second"]
    assert again.view.table.value.index("First") < again.view.table.value.index("Second")


def test_a_plan_of_the_old_format_opens_as_it_was(tmp_path):
    path = tmp_path / "w.sqlite"
    Workbook(path, participant="team-1").save(EXERCISE_KEY, {"actions": [
        {"id": "abc", "title": "Open a desk", "lead": "ICT", "start": "2027-01-15",
         "end": "2027-09-30"}]})
    app = open_app(path)
    assert [a.title for a in app.model.actions] == ["Open a desk"]
    assert "Open a desk" in app.view.table.value


def test_empty_fields_get_messages_beside_them_and_nothing_is_saved(tmp_path):
    path = tmp_path / "w.sqlite"
    app = open_app(path)
    fill(app.view, title="", lead="", start=None, end=None)
    for name in ("title", "lead", "start", "end"):
        assert "Problem" in app.view.editor.messages[name].value
    assert "not added" in app.view.editor.status.value
    assert saved(path) is None
    assert app.model.actions == []


def test_end_before_start_and_a_target_equal_to_its_baseline_are_refused(tmp_path):
    app = open_app(tmp_path / "w.sqlite")
    fill(app.view, start=date(2027, 6, 1), end=date(2027, 5, 1), indicator="Users",
         baseline="5", target="5")
    messages = app.view.editor.messages
    assert "before the start date" in messages["end"].value
    assert "nothing would change" in messages["target"].value
    assert messages["title"].value == ""
    assert app.view.editor.title.value == "Train staff in data sharing"  # nothing typed is lost


def test_ten_thousand_characters_are_refused_beside_the_field(tmp_path):
    app = open_app(tmp_path / "w.sqlite")
    fill(app.view, description="x" * 10_000)
    assert "too long (10,000 characters)" in app.view.editor.messages["description"].value
    assert app.model.actions == []


def test_hostile_text_is_escaped_everywhere_it_is_shown(tmp_path):
    app = open_app(tmp_path / "w.sqlite")
    app.view.government.government.value = HOSTILE
    app.view.government.objective_title.value = HOSTILE
    app.view.government.add_objective.click()
    fill(app.view, title=HOSTILE, lead=HOSTILE, risks=HOSTILE,
         objective=app.model.objectives[0].id)
    view = app.view
    for html in (view.title.value, view.table.value, view.timeline.value, view.missing.value,
                 view.budget.value, view.government.objectives.value):
        assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in view.table.value


def test_edit_delete_and_undo(tmp_path):
    path = tmp_path / "w.sqlite"
    app = open_app(path)
    fill(app.view, title="One")
    fill(app.view, title="Two")
    controls = app.view.controls
    controls.choose.value = app.model.actions[0].id
    controls.edit.click()
    assert app.view.editor.title.value == "One"
    assert app.view.editor.save_button.description == "Save changes"
    app.view.editor.title.value = "One, edited"
    app.view.editor.save_button.click()
    assert [a.title for a in app.model.actions] == ["One, edited", "Two"]
    controls.choose.value = app.model.actions[0].id
    controls.delete.click()
    assert [a["title"] for a in saved(path).data["actions"]] == ["Two"]
    assert not controls.undo.disabled
    controls.undo.click()
    assert [a["title"] for a in saved(path).data["actions"]] == ["One, edited", "Two"]


def test_sort_and_filter_the_table(tmp_path):
    app = open_app(tmp_path / "w.sqlite")
    fill(app.view, title="Later", start=date(2028, 1, 1), end=date(2028, 2, 1))
    fill(app.view, title="Earlier", start=date(2027, 1, 1), end=date(2027, 2, 1))
    app.view.controls.sort.value = "start"
    table = app.view.table.value
    assert table.index("Earlier") < table.index("Later")
    app.view.controls.text.value = "later"
    assert "Earlier" not in app.view.table.value and "Later" in app.view.table.value


def week_workbook(path, participant="team-1"):
    """A workbook with the team's Ex 5 gaps and Ex 7 vision, as those exercises save them."""
    book = Workbook(path, participant=participant)
    book.save("ex05_situation_analysis", {"gap_profile": {"gaps": [
        {"pillar": "skills", "name": "Digital skills of public servants", "current": 1,
         "target": 4, "gap": 3, "evidence": "Few staff trained."},
        {"pillar": "inclusion", "name": "Digital inclusion and society", "current": 2,
         "target": 3, "gap": 1, "evidence": ""},
    ]}})
    book.save("ex07_vision", {
        "statement": "By 2035, every resident gets services online.", "year": 2035,
        "sdg_targets": ["16.6", "9.c"], "milestones": [
            {"id": "m1", "year": 2028, "title": "Permits online", "must_be_true": "A law"},
        ]})
    return book


def test_the_weeks_work_is_offered_to_accept_edit_or_drop(tmp_path):
    path = tmp_path / "w.sqlite"
    week_workbook(path)
    app = open_app(path)
    assert app.model.vision.statement.startswith("By 2035")
    panel = app.view.suggestions_panel
    labels = [label for label, _ in panel.choose.options]
    assert labels[0] == "Objective \u00b7 Ex 7 milestone: Permits online"
    assert any("Digital skills of public servants" in label for label in labels)
    assert app.view.tabs.selected_index == 0  # the plan opens on the week's work
    assert "Ex 5 gap profile" in panel.overview.value
    panel.choose.value = "ex07:m1"
    panel.accept.click()
    assert [(o.title, o.link) for o in app.model.objectives] == [("Permits online", "m1")]
    panel.choose.value = "ex05:skills"
    panel.accept.click()  # a gap has no lead or dates yet: it goes to the form to complete
    assert app.model.actions == []
    editor = app.view.editor
    assert editor.title.value.startswith("Close the gap in digital skills")
    assert editor.evidence.value == "Few staff trained."
    assert editor.pillar.value == "skills" and editor.priority.value == "high"
    assert editor.sdg_targets.value == ("16.6", "9.c")
    editor.lead.value = "HR office"
    editor.start.value, editor.end.value = date(2027, 1, 1), date(2027, 12, 31)
    editor.save_button.click()
    assert app.model.actions[0].origin == "ex05:skills"
    remaining = [value for _, value in panel.choose.options]
    assert remaining == ["ex05:inclusion", "ex05:gap:skills", "ex05:gap:inclusion"]
    panel.choose.value = "ex05:inclusion"
    panel.drop.click()
    assert "ex05:inclusion" not in [v for _, v in panel.choose.options]
    assert app.model.dropped == ["ex05:inclusion"]
    panel.restore.click()
    assert "ex05:inclusion" in [value for _, value in panel.choose.options]
    panel.choose.value = "ex05:gap:skills"
    panel.accept.click()  # a gap of the profile goes into the document's background
    assert [(c.section, c.detail) for c in app.model.context] == [
        ("gap", "Few staff trained.")]
    assert "Digital skills of public servants" in panel.carried.value
    panel.remove_carried.click()
    assert app.model.context == []


def test_history_goes_back_to_an_earlier_version(tmp_path):
    path = tmp_path / "w.sqlite"
    app = open_app(path)
    fill(app.view, title="One")
    fill(app.view, title="Two")
    app.view.tabs.selected_index = TABS.index("History")
    history = app.view.history
    assert len(history.choose.options) == 2
    first = history.choose.options[-1][1]
    history.choose.value = first
    history.restore.click()
    assert [a.title for a in app.model.actions] == ["One"]
    assert [a["title"] for a in saved(path).data["actions"]] == ["One"]
    assert len(history.choose.options) == 3


def test_export_links_and_import_replace_the_plan_keeping_the_old_one(tmp_path):
    path = tmp_path / "w.sqlite"
    app = open_app(path)
    fill(app.view, title="Before the import")
    transfer = app.view.transfer
    transfer.buttons["docx"].click()
    assert transfer.download.sent == ["action-plan.docx"]  # downloading at once...
    assert 'download="action-plan' in transfer.link.value  # ...with a link in case
    assert "data:application/vnd.openxmlformats-officedocument.wordprocessingml" in (
        transfer.link.value)
    data = export(sample_plan(), "xlsx")
    transfer.upload.set_state({"value": [{"name": "plan.xlsx", "type": "", "size": len(data),
                                          "content": memoryview(data), "last_modified": 0}]})
    assert [a.title for a in app.model.actions][0] == "Train 200 staff in digital service design"
    assert "Imported plan.xlsx" in transfer.message.value
    history = Workbook(path, participant="team-1").history(EXERCISE_KEY)
    assert history[-2].data["actions"][0]["title"] == "Before the import"


def test_a_broken_import_is_refused_and_the_plan_stays(tmp_path):
    path = tmp_path / "w.sqlite"
    app = open_app(path)
    fill(app.view, title="Keep me")
    before = saved(path).id
    app.view.transfer.upload.set_state({"value": [{
        "name": "plan.json", "type": "", "size": 9, "content": memoryview(b"{broken"),
        "last_modified": 0}]})
    assert "not imported" in app.view.transfer.message.value
    assert [a.title for a in app.model.actions] == ["Keep me"]
    assert saved(path).id == before


def issue(path, *codes):
    """The room's codes, as ``make codes`` writes them beside the workbook."""
    write_codes(codes_path(path), list(codes))


def test_team_codes_keep_teams_apart_in_one_workbook(tmp_path):
    path = tmp_path / "room.sqlite"
    issue(path, "blue", "red")
    blue = ActionPlanApp(str(path), ask_team=True)
    assert blue.view is None  # nothing is read before the team says who it is
    blue.team_screen.code.value = "Team Blue!"
    assert "only letters and digits" in blue.team_screen.message.value
    blue.team_screen.code.value = "BLUE"
    fill(blue.view, title="Blue's action")
    assert blue.model.team == "blue"
    red = ActionPlanApp(str(path), ask_team=True)
    red.team_screen.code.value = "red"
    assert red.model.actions == []
    again = ActionPlanApp(str(path), ask_team=True)
    again.team_screen.code.value = "blue"
    again.team_screen.open.click()  # Enter then a click: opened once
    assert [a.title for a in again.model.actions] == ["Blue's action"]


@pytest.mark.parametrize(("env", "expected"), [
    ({}, False),
    ({"VOILA_PREHEAT": "True"}, True),
    ({"VOILA_BASE_URL": "/"}, True),
    ({"VOILA_BASE_URL": "/", "JUPYTERHUB_USER": "ana"}, False),
    ({"DGTKIT_TEAM_CODES": "1"}, True),
    ({"VOILA_BASE_URL": "/", "DGTKIT_TEAM_CODES": "0"}, False),
    ({"DGTKIT_TEAM_CODES": "1", "JUPYTERHUB_USER": "ana"}, False),  # the hub's user is the team
])
def test_team_codes_are_asked_only_in_a_room_served_by_voila(monkeypatch, env, expected):
    for name in ("VOILA_PREHEAT", "VOILA_BASE_URL", "JUPYTERHUB_USER", "DGTKIT_TEAM_CODES"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert room_mode() is expected


def test_two_windows_of_one_team_lose_nothing(tmp_path):
    path = tmp_path / "w.sqlite"
    one, two = open_app(path), open_app(path)
    fill(one.view, title="From window one")
    fill(two.view, title="From window two")  # window two had not seen window one's action
    assert "Another window of your team" in two.view.status.value
    assert [a["title"] for a in saved(path).data["actions"]] == [
        "From window one", "From window two"]
    assert "From window one" in two.view.table.value
    two.view.government.government.value = "Mombasa"  # only the city changes in window two
    one.view.government.country.value = "Kenya"  # ...after window one set the country
    data = saved(path).data
    assert (data["country"], data["government"]) == ("Kenya", "Mombasa")
    assert len(data["actions"]) == 2
    assert one.model.government == "Mombasa"  # merged when window one saved
    assert two.refresh() and two.model.country == "Kenya"  # window two catches up
    assert two.view.government.country.value == "Kenya"
    assert "changes from another window" in two.view.status.value
    assert not two.refresh()  # nothing new: nothing redrawn


@pytest.mark.parametrize("seen_in_between", [False, True])
def test_a_true_conflict_keeps_both_values_and_asks_which_to_keep(tmp_path, seen_in_between):
    path = tmp_path / "w.sqlite"
    one = open_app(path)
    fill(one.view, title="Train staff", lead="HR office", risks="Staff leave")
    two = open_app(path)
    action_id = one.model.actions[0].id
    for app in (one, two):  # both windows open the action to edit it
        app.view.editor.load(app.model.action(action_id), editing=True)
    one.view.editor.lead.value = "Finance"
    one.view.editor.risks.value = "Budget cut"  # only window one changes the risks
    one.view.editor.save_button.click()
    if seen_in_between:  # window two shows window one's change before saving its own
        assert two.refresh() and two.model.actions[0].lead == "Finance"
    two.view.editor.lead.value = "ICT office"
    two.view.editor.save_button.click()
    assert saved(path).data["actions"][0]["risks"] == "Budget cut"
    assert saved(path).data["actions"][0]["lead"] == "ICT office"  # this window's, for now
    box = two.conflict_box.widget
    assert box.layout.display is None
    text = " ".join(c.value for c in box.children if hasattr(c, "value"))
    assert "'Finance'" in text and "'ICT office'" in text and "lead" in text
    one.refresh()  # the other window asks too
    assert one.conflict_box.widget.layout.display is None
    keep_finance = [b for row in box.children if hasattr(row, "children")
                    for b in row.children if "Finance" in b.description]
    keep_finance[0].click()
    assert saved(path).data["actions"][0]["lead"] == "Finance"
    assert box.layout.display == "none"
    one.refresh()
    assert one.conflict_box.widget.layout.display == "none"
    assert one.model.actions[0].lead == "Finance"


def test_an_unreadable_saved_plan_is_reported_kept_and_not_hidden(tmp_path):
    path = tmp_path / "w.sqlite"
    odd = Workbook(path, participant="team-1").save(EXERCISE_KEY, {"actions": [{"title": "x"}]})
    app = open_app(path)
    assert app.model.actions == []
    assert f"revision {odd.id}" in app.view.status.value
    fill(app.view)  # the team can go on working...
    history = Workbook(path, participant="team-1").history(EXERCISE_KEY)
    assert history[0].data == {"actions": [{"title": "x"}]}  # ...and the odd revision stays
    assert len(history) == 2
    assert ActionPlan.from_dict(history[1].data).actions[0].title.startswith("Train")


def test_a_team_in_the_room_never_sees_the_week_of_the_computer_serving_the_app(
        tmp_path, monkeypatch):
    path = tmp_path / "room.sqlite"
    week_workbook(path, participant="laptop-user")
    monkeypatch.setenv("JUPYTERHUB_USER", "laptop-user")  # the computer's own user
    issue(path, "apple-river-stone")
    app = ActionPlanApp(str(path), ask_team=True)
    app.team_screen.code.value = "Apple River Stone"
    assert app.workbook.participant == "apple-river-stone"
    assert app.model.vision.is_empty and app.view.suggestions == []
    week_workbook(path, participant="apple-river-stone")  # the team's own week is read
    again = ActionPlanApp(str(path), ask_team=True)
    again.team_screen.code.value = "apple-river-stone"
    assert again.model.vision.year == 2035
    assert any(s.id == "ex05:skills" for s in again.view.suggestions)


def test_a_code_not_issued_opens_nothing_and_says_why(tmp_path, monkeypatch):
    path = tmp_path / "room.sqlite"
    app = ActionPlanApp(str(path), ask_team=True)
    app.team_screen.code.value = "b"
    assert app.view is None and "No team codes have been issued" in (
        app.team_screen.message.value)
    issue(path, "apple-river-stone")
    Workbook(path, participant="b").save(EXERCISE_KEY, {"team": "b", "actions": []})
    for guess in ("b", "B ", " b ", "\u212a", "apple-river", "root"):
        app.team_screen.code.value = ""
        app.team_screen.code.value = guess
        assert app.view is None, guess
        assert "not one of this room&#x27;s team codes" in app.team_screen.message.value
    app.team_screen.code.value = "APPLE\u2014river stone"  # an em dash, capitals, a space
    assert app.workbook.participant == "apple-river-stone"


def test_a_vision_changed_in_ex07_after_the_plan_began_can_be_taken_again(tmp_path):
    path = tmp_path / "w.sqlite"
    book = week_workbook(path)
    app = open_app(path)
    panel = app.view.government
    assert panel.take_vision.layout.display == "none"  # the plan has Ex 7's vision
    fill(app.view)  # the plan is saved, with the vision it copied
    book.save("ex07_vision", {
        "statement": "By 2032, every village office helps residents online.", "year": 2032,
        "sdg_targets": ["16.6"], "milestones": []})
    app = open_app(path)  # the team reopens the plan after changing its vision
    assert app.model.vision.year == 2035  # the plan keeps what it copied...
    panel = app.view.government
    assert panel.take_vision.layout.display is None  # ...and offers the new one
    assert "not the one this plan copied" in panel.vision.value
    panel.take_vision.click()
    assert app.model.vision.year == 2032
    assert panel.take_vision.layout.display == "none"
    saved = ActionPlan.from_dict(Workbook(path, participant="team-1")
                                 .latest("action_plan").data)
    assert saved.vision.statement.startswith("By 2032")


def test_typing_not_yet_saved_is_never_replaced_by_another_action(tmp_path):
    path = tmp_path / "w.sqlite"
    week_workbook(path)
    app = open_app(path)
    fill(app.view, title="Train staff in data sharing")
    editor = app.view.editor
    editor.title.value = "Open assisted counters in villages"  # a new action, half typed
    editor.lead.value = "Community office"
    app.view.controls.choose.value = app.model.actions[0].id
    app.view.controls.edit.click()  # the team clicks Edit on the first action...
    assert editor.title.value == "Open assisted counters in villages"  # ...the typing stays
    assert "not saved yet" in editor.status.value and "Add action" in editor.status.value
    panel = app.view.suggestions_panel
    panel.choose.value = "ex05:skills"
    panel.accept.click()  # a suggestion to complete waits too
    assert editor.lead.value == "Community office"
    editor.cancel_button.click()  # "Clear the form": the team drops its typing on purpose
    app.view.controls.edit.click()
    assert editor.title.value == "Train staff in data sharing" and editor.editing


def test_the_page_can_tell_the_kernel_answers_and_whose_plan_it_shows(tmp_path):
    app = open_app(tmp_path / "w.sqlite")
    app.liveness.ping.value = "7"  # what the page's script writes every few seconds
    assert 'data-pong="7"' in app.liveness.pong.value
    assert 'data-team="team-1"' in app.liveness.pong.value  # its typing is kept per team
    assert app.liveness.widget in app.widget.children
    assert "dgt-draft-title" in app.view.editor.title._dom_classes


def test_dates_picked_in_the_form_are_written_as_the_course_writes_them(tmp_path):
    editor = open_app(tmp_path / "w.sqlite").view.editor
    editor.start.value = date(2027, 1, 5)
    assert "5 January 2027" in editor.readouts["start"].value  # whatever the browser shows
    editor.clear()
    assert editor.readouts["start"].value == ""
