"""Module 7's autograder: it grades the action plan as the app exports it (a JSON file beside
the notebook), or else the plan the notebook's form saved, and says in plain words what is
missing or does not hold together."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest

from dgtkit import grading
from dgtkit.instructor import sample_answers
from dgtkit.models import action_plan, roadmap, vision
from dgtkit.models.action_plan import ActionPlan, Indicator, VisionLink, new_action
from dgtkit.planfile import export, filename
from dgtkit.store.workbook import Workbook
from tests.helpers import freeze_clock

#: Every check of the Module 7 notebook, visible and hidden.
CHECKS = [grading.check_action_plan_complete, grading.check_action_plan_distinct,
          grading.check_action_plan_objectives_served, grading.check_action_plan_consistent,
          grading.check_action_plan_follows_earlier_work, grading.check_action_plan_own_work]
#: The exercises before the plan, as bring_forward copies them beside the notebook.
EARLIER = [key for key in sample_answers.ANSWERS if key != action_plan.EXERCISE_KEY]


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "m7_action_plan"
    path.mkdir()
    return path


@pytest.fixture
def autograding(monkeypatch):
    """As while nbgrader autogrades the submission of student 'alice'."""
    monkeypatch.setenv(grading.NBGRADER_EXECUTION, "autograde")
    monkeypatch.setenv(grading.GRADED_STUDENT, "alice")


def full() -> ActionPlan:
    return sample_answers.action_plan_model()


def hand_in(folder, plan: ActionPlan | None = None, name: str | None = None,
            exported: str | None | type(...) = ...):
    """``plan`` exported as JSON into ``folder`` (as the app names it, or ``name``); with
    ``exported``, the file says it was exported then (None: it does not say)."""
    plan = plan or full()
    document = json.loads(export(plan, "json"))
    if exported is None:
        del document["exported"]
    elif exported is not ...:
        document["exported"] = exported
    target = folder / (name or filename(plan, "json"))
    target.write_text(json.dumps(document), "utf-8")
    return target


def earlier_work(folder, who="alice", keys=EARLIER):
    sample_answers.write_workbook(folder / "workbook.sqlite", who, keys)


def failure(check, folder) -> str:
    with pytest.raises(AssertionError) as caught:
        check(folder)
    return str(caught.value)


# -- which plan is graded --------------------------------------------------------------------


def test_the_exported_file_is_graded_and_the_sample_passes_every_check(folder, capsys,
                                                                         autograding, monkeypatch):
    freeze_clock(monkeypatch, date(2027, 3, 5))  # a single-digit day, written "5 March 2027"
    sample_answers.write_submission(folder, "alice", "m7_action_plan")
    assert sorted(p.name for p in folder.iterdir()) == [
        "action-plan-deli-serdang-regency.json", "workbook.sqlite"]
    for check in CHECKS:
        check(folder)
    out = capsys.readouterr().out
    assert ("Graded: the plan in the file action-plan-deli-serdang-regency.json, exported on "
            "5 March 2027.") in out
    assert "Not checked automatically" not in out  # the sample lacks nothing, not even advice


def test_the_file_is_graded_even_when_the_workbook_holds_no_plan(folder):
    earlier_work(folder)
    hand_in(folder)
    for check in CHECKS:
        check(folder)
    assert grading.submitted_plan(folder, say=False).source == "file"


def test_the_file_is_graded_rather_than_the_plan_the_form_saved(folder):
    sample_answers.write_workbook(folder / "workbook.sqlite", "alice")
    thin = ActionPlan()
    thin.add(new_action("Open a desk", "ICT office", date.today(), date.today()))
    hand_in(folder, thin, name="action-plan-thin.json")
    assert "needs at least 4" in failure(grading.check_action_plan_complete, folder)


def test_without_a_file_the_plan_the_form_saved_is_graded_and_says_so(folder, capsys,
                                                                       autograding):
    sample_answers.write_workbook(folder / "workbook.sqlite", "alice")
    for check in CHECKS:
        check(folder)
    out = capsys.readouterr().out
    assert "Graded: the plan the form saved in workbook.sqlite on" in out
    assert "because there is no plan file (.json) beside this notebook" in out


@pytest.mark.parametrize("workbook", [False, True])
def test_with_no_plan_at_all_every_check_says_to_export_and_upload(folder, workbook):
    if workbook:
        earlier_work(folder)  # the workbook bring_forward made, without a plan
    for check in CHECKS:
        message = failure(check, folder)
        assert message.startswith("No action plan was found to grade")
        assert "Export your plan as JSON from the action-plan app" in message
        assert "upload the file into this assignment's folder" in message
        assert "Traceback" not in message


def test_a_corrupt_file_is_refused_with_its_reason_not_passed_over(folder):
    sample_answers.write_workbook(folder / "workbook.sqlite", "alice")  # a plan the form saved
    (folder / "action-plan-deli-serdang-regency.json").write_bytes(b'{"format": "dgtkit-ac')
    for check in CHECKS:
        message = failure(check, folder)
        assert "The plan file action-plan-deli-serdang-regency.json cannot be graded." in message
        assert "not readable JSON" in message
        assert "Export your plan again as JSON" in message


@pytest.mark.parametrize(("content", "reason"), [
    ({"format": "someone-elses-plan", "version": 1, "plan": {}},
     "not an action plan exported by this app"),
    ({"format": "dgtkit-action-plan", "version": 99, "plan": {}}, "by a newer version"),
    ({"format": "dgtkit-action-plan", "version": 2, "plan": {"actions": "many"}},
     "The plan in the file is not valid"),
    ([1, 2, 3], "not an action plan exported by this app"),
])  # fmt: skip
def test_a_file_named_as_a_plan_that_is_not_one_says_why(folder, content, reason):
    (folder / "action-plan-team-blue.json").write_text(json.dumps(content), "utf-8")
    message = failure(grading.check_action_plan_complete, folder)
    assert "action-plan-team-blue.json cannot be graded" in message and reason in message


def test_another_json_file_is_not_taken_for_the_plan_and_is_named(folder, capsys):
    (folder / "notes.json").write_text('{"todo": ["pitch"]}', "utf-8")
    message = failure(grading.check_action_plan_complete, folder)
    assert message.startswith("No action plan was found to grade")
    assert "notes.json is not an action plan exported by the app" in message
    sample_answers.write_workbook(folder / "workbook.sqlite", "alice")
    grading.check_action_plan_complete(folder)
    out = capsys.readouterr().out
    assert "Graded: the plan the form saved" in out and "notes.json is not an action plan" in out


def test_a_renamed_plan_file_is_still_found_by_its_content(folder):
    earlier_work(folder)
    hand_in(folder, name="our plan (final).json")
    assert grading.submitted_plan(folder, say=False).name == "our plan (final).json"
    grading.check_action_plan_complete(folder)


def test_two_plan_files_are_named_and_only_one_may_stay(folder):
    sample_answers.write_workbook(folder / "workbook.sqlite", "alice")
    hand_in(folder)
    hand_in(folder, name="action-plan-deli-serdang-regency (1).json")
    for check in CHECKS:
        message = failure(check, folder)
        assert message.startswith("There are 2 action-plan files beside this notebook")
        assert "action-plan-deli-serdang-regency.json" in message
        assert "action-plan-deli-serdang-regency (1).json" in message
        assert "keep the file you want graded, delete the others" in message


# -- completeness ----------------------------------------------------------------------------


def test_a_plan_with_gaps_names_each_required_one_and_not_the_advice(folder):
    plan = full()
    first, second = plan.actions[:2]
    plan.actions[0] = replace(first, budget=None, budget_source="", indicator=Indicator(),
                              partners=action_plan.Partners())
    plan.actions[1] = replace(second, pillar="", capacity_level="")
    hand_in(folder, plan)
    message = failure(grading.check_action_plan_complete, folder)
    assert message.startswith("Your plan is not complete yet. Still missing:")
    assert (f"- {first.title}: Estimate its budget. Say where the money comes from. Give it an "
            "indicator with a baseline and a target.") in message
    assert f"- {second.title}: Choose its capacity level. Choose the pillar it strengthens." in (
        message)
    assert "partners" not in message  # advice, not graded
    assert ("export it again as JSON, and put the new file here in place of "
            "action-plan-deli-serdang-regency.json.") in message


def test_too_few_objectives_and_actions_are_counted(folder):
    plan = full()
    plan.remove_objective(plan.objectives[1].id)
    for action in plan.actions[2:]:
        plan.remove(action.id)
    hand_in(folder, plan)
    message = failure(grading.check_action_plan_complete, folder)
    assert "The plan has 1 objective; it needs at least 2" in message
    assert "The plan has 2 actions; it needs at least 4" in message


def test_an_action_without_an_objective_is_named(folder):
    plan = full()
    plan.actions[3] = replace(plan.actions[3], objective="")
    hand_in(folder, plan)
    message = failure(grading.check_action_plan_complete, folder)
    assert f"- {plan.actions[3].title}: Choose the objective it serves." in message


def test_a_long_list_of_gaps_stops_at_eight_lines(folder):
    plan = full()
    start = plan.actions[0].start
    for number in range(12):
        plan.add(new_action(f"Extra action number {number}", "ICT office", start, start))
    hand_in(folder, plan)
    message = failure(grading.check_action_plan_complete, folder)
    listed = [line for line in message.splitlines() if line.startswith("- ")]
    assert len(listed) == grading.MOST_LINES + 1
    assert listed[-1] == "- and 4 more."


def test_what_is_only_advice_is_printed_not_graded(folder, capsys):
    plan = full()
    plan.actions[0] = replace(plan.actions[0], risks="", sdg_targets=(),
                              partners=action_plan.Partners())
    hand_in(folder, plan)
    grading.check_action_plan_complete(folder)
    out = capsys.readouterr().out
    assert "Not checked automatically, but your lecturer reads these parts too:" in out
    assert (f"- {plan.actions[0].title}: Name its partners (public, private or people). Link it "
            "to the SDG targets it contributes to. Name what could stop it.") in out


def test_the_table_lists_the_actions_and_how_complete_the_plan_is():
    plan = full()
    table = grading.action_plan_table(plan).splitlines()
    assert table[0].split() == ["Start", "End", "Lead", "Action"]
    assert len(table) == len(plan.actions) + 2
    assert table[-1].startswith("2 objectives, 4 actions (4 complete).")


def test_an_action_twice_is_named(folder):
    plan = full()
    plan.add(replace(plan.actions[0], id="again", title=plan.actions[0].title.upper()))
    hand_in(folder, plan)
    grading.check_action_plan_complete(folder)
    message = failure(grading.check_action_plan_distinct, folder)
    assert f"appear more than once: {plan.actions[0].title.upper()}" in message


def test_an_objective_without_a_measured_action_is_named(folder):
    plan = full()
    plan.add_objective(action_plan.new_objective("Every service has one form", "vision"))
    hand_in(folder, plan)
    message = failure(grading.check_action_plan_objectives_served, folder)
    assert "at least one action with an indicator" in message
    assert "Not yet: Every service has one form." in message


# -- consistency -----------------------------------------------------------------------------


def change_action(plan, index, **changes):
    plan.actions[index] = replace(plan.actions[index], **changes)


@pytest.mark.parametrize(("change", "words", "readable"), [
    (lambda p: change_action(p, 0, lead="All departments"), "one lead who answers for it",
     True),
    (lambda p: change_action(p, 1, lead="HR / IT"), "one lead who answers for it", True),
    (lambda p: [change_action(p, i, budget=0) for i in range(4)],
     "The plan's budget adds up to nothing", True),
    (lambda p: [change_action(p, i, budget=0) for i in (0, 1)],
     "add up to a budget of 0: Departments share the data residents give once.", True),
    (lambda p: setattr(p, "vision", replace(p.vision, year=p.actions[0].end.year)),
     "end after the year of your vision", True),
    # What the app never exports: the file is refused when it is read.
    (lambda p: change_action(p, 2, end=p.actions[2].start - timedelta(days=1)),
     "end before they start", False),
    (lambda p: change_action(p, 0, indicator=Indicator("Departments", "", 12, 2, "up")),
     "should go up, but the target is below the baseline", False),
    (lambda p: change_action(p, 1, indicator=Indicator("Days", "days", 5, 5, "down")),
     "The target equals the baseline", False),
])  # fmt: skip
def test_an_inconsistent_plan_says_what_to_fix(folder, change, words, readable):
    plan = full()
    assert grading.plan_consistency(plan, date.today()) == []
    change(plan)
    assert any(words in problem for problem in grading.plan_consistency(plan, date.today()))
    hand_in(folder, plan)
    if readable:
        message = failure(grading.check_action_plan_consistent, folder)
        assert message.startswith("Your plan does not hold together yet:")
        assert words in message
    else:
        message = failure(grading.check_action_plan_consistent, folder)
        assert "cannot be graded. The plan in the file is not valid" in message


def test_the_first_step_starts_soon_after_the_plan_was_exported(folder):
    plan = full()
    first = min(a.start for a in plan.actions)
    long_before = (first - timedelta(days=200)).isoformat() + "T09:00:00+00:00"
    hand_in(folder, plan, exported=long_before)
    message = failure(grading.check_action_plan_consistent, folder)
    assert "No action starts within three months of the day the plan was exported" in message
    soon_before = (first - timedelta(days=30)).isoformat() + "T09:00:00+00:00"
    hand_in(folder, plan, exported=soon_before)
    grading.check_action_plan_consistent(folder)


def test_a_file_that_does_not_say_when_it_was_exported_cannot_show_its_first_step(folder):
    hand_in(folder, exported=None)
    grading.check_action_plan_complete(folder)  # the plan itself is read
    message = failure(grading.check_action_plan_consistent, folder)
    assert "does not say when it was exported" in message


def test_the_first_step_of_the_forms_plan_counts_from_the_day_it_was_saved(folder):
    plan = full()
    for index, action in enumerate(plan.actions):
        change_action(plan, index, start=action.start + timedelta(days=200),
                      end=action.end + timedelta(days=200))
    Workbook(folder / "workbook.sqlite", participant="alice").save("action_plan", plan.to_dict())
    message = failure(grading.check_action_plan_consistent, folder)
    assert "within three months" in message
    assert message.endswith("Correct the plan in the form above: it is saved at once.")


def test_the_plan_follows_the_vision_and_the_roadmap_in_the_workbook(folder):
    follows = grading.check_action_plan_follows_earlier_work
    plan = full()
    hand_in(folder, plan)
    follows(folder)  # no workbook: nothing to compare with
    earlier_work(folder)
    follows(folder)
    own = vision.Vision.from_dict(sample_answers.ex07_vision())
    reworded = vision.Vision.from_dict(own.to_dict())
    reworded.write_statement(own.statement.replace("every resident", "each resident"))
    Workbook(folder / "workbook.sqlite", participant="alice").save(vision.EXERCISE_KEY,
                                                                  reworded.to_dict())
    follows(folder)  # the same year: a reworded vision is still the same vision
    other = vision.Vision.from_dict(reworded.to_dict())
    other.choose_year(own.year + 3)
    Workbook(folder / "workbook.sqlite", participant="alice").save(vision.EXERCISE_KEY,
                                                                  other.to_dict())
    assert "not the vision you saved in Ex 7" in failure(follows, folder)
    Workbook(folder / "workbook.sqlite", participant="alice").save(vision.EXERCISE_KEY,
                                                                  own.to_dict())
    plan.vision = VisionLink()
    hand_in(folder, plan)
    assert "does not show the vision it serves" in failure(follows, folder)


def test_at_least_one_action_is_led_by_an_owner_of_the_roadmap(folder):
    earlier_work(folder)
    plan = full()
    owners = {r.owner for r in roadmap.Roadmap.from_dict(
        sample_answers.ex10_roadmap()).interventions()}
    assert {a.lead for a in plan.actions} & owners
    for index in range(len(plan.actions)):
        change_action(plan, index, lead=f"Unit {index}")
    hand_in(folder, plan)
    message = failure(grading.check_action_plan_follows_earlier_work, folder)
    assert "led by an owner of your capacity roadmap (Ex 10)" in message


# -- own work --------------------------------------------------------------------------------


def test_the_forms_plan_must_be_the_students_own_when_it_is_graded(folder, autograding):
    sample_answers.write_workbook(folder / "workbook.sqlite", "friend")
    message = failure(grading.check_action_plan_own_work, folder)
    assert "saved by 'friend', not by 'alice'" in message


def test_a_file_records_no_student_so_own_work_is_not_checked_of_it(folder, autograding):
    sample_answers.write_workbook(folder / "workbook.sqlite", "friend")
    hand_in(folder)
    grading.check_action_plan_own_work(folder)


# -- the helper cell that saves the form's plan as the file -----------------------------------


def test_the_helper_saves_the_forms_plan_as_the_file_the_app_exports(folder, capsys):
    grading.export_saved_plan(folder)  # no workbook at all
    assert "Nothing was written: the form above has saved no plan yet" in (
        capsys.readouterr().out)
    earlier_work(folder)
    grading.export_saved_plan(folder)
    assert "Nothing was written: the form above has saved no plan yet" in (
        capsys.readouterr().out)
    assert not list(folder.glob("*.json"))
    sample_answers.write_workbook(folder / "workbook.sqlite", "alice", ["action_plan"])
    written = grading.export_saved_plan(folder)
    assert written == folder / "action-plan-deli-serdang-regency.json"
    assert "Saved your plan as action-plan-deli-serdang-regency.json" in capsys.readouterr().out
    saved, _revision = grading.saved_action_plan(folder / "workbook.sqlite")
    assert grading.submitted_plan(folder, say=False).plan == saved
    assert grading.export_saved_plan(folder) is None
    assert "It holds the plan in the form, so nothing was written." in capsys.readouterr().out


def test_the_helper_never_replaces_a_plan_file_that_is_there(folder, capsys):
    sample_answers.write_workbook(folder / "workbook.sqlite", "alice")
    room = hand_in(folder, name="action-plan-team-blue.json")
    before = room.read_bytes()
    assert grading.export_saved_plan(folder) is None
    out = capsys.readouterr().out
    assert "A plan file is already here: action-plan-team-blue.json" in out
    assert "delete that file, then run this cell again" in out
    assert room.read_bytes() == before and len(list(folder.glob("*.json"))) == 1


@pytest.mark.parametrize("with_file", [False, True])
def test_the_helper_writes_nothing_while_the_assignment_is_graded(folder, capsys, autograding,
                                                                   with_file):
    sample_answers.write_workbook(folder / "workbook.sqlite", "alice")
    files = {hand_in(folder, name="action-plan-team-blue.json")} if with_file else set()
    contents = {path: path.read_bytes() for path in files}
    assert grading.export_saved_plan(folder) is None
    assert "Nothing was written: while the assignment is graded" in capsys.readouterr().out
    assert set(folder.glob("*.json")) == files
    assert all(path.read_bytes() == data for path, data in contents.items())


# -- what hands the plan in --------------------------------------------------------------------


def test_the_sample_submission_of_module_7_holds_the_plan_file_and_others_do_not(tmp_path):
    for assignment in ("m7_action_plan", "m2_holistic"):
        folder = tmp_path / assignment
        folder.mkdir()
        sample_answers.write_submission(folder, "alice", assignment)
        names = sorted(p.name for p in folder.iterdir())
        expected = ["workbook.sqlite"]
        if assignment == "m7_action_plan":
            expected.insert(0, "action-plan-deli-serdang-regency.json")
        assert names == expected


def test_the_light_finder_finds_what_the_app_exports(folder):
    from dgtkit.planfile import handed_in, identity

    document = json.loads(export(full(), "json"))
    assert document["format"] == identity.JSON_FORMAT
    assert filename(ActionPlan(), "json").startswith(identity.PLAN_FILE_PREFIX)
    hand_in(folder, name="renamed by the student.json")
    plans, others = handed_in.plan_files(folder)
    assert [path.name for path, _ in plans] == ["renamed by the student.json"] and others == []


def test_a_plan_file_in_a_source_folder_is_never_released(folder):
    pytest.importorskip("nbgrader")
    from dgtkit.instructor.nbgrader_hooks import RefuseSavedAnswersInSource, handed_in_files

    hook = RefuseSavedAnswersInSource()
    resources = {"metadata": {"path": str(folder)}}
    hook.preprocess({}, resources)  # an empty source folder: fine
    hand_in(folder, name="my plan.json")
    assert handed_in_files(folder) == ["my plan.json"]
    with pytest.raises(RuntimeError, match="would reach every student"):
        hook.preprocess({}, resources)
