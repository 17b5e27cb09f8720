"""The autograder's checks: they read the saved workbook, pass complete answers, and fail
incomplete ones with a message that says what is wrong without giving the answer."""

from __future__ import annotations

import pytest

from dgtkit import grading
from dgtkit.instructor import sample_answers
from dgtkit.models import classification, scenarios, sequencing, situation, vision
from dgtkit.store.workbook import Workbook

CHECKS = {
    "ex01_classification": [grading.check_classification, grading.check_classification_reasons],
    "ex02_benefit_risk": [grading.check_benefit_risk],
    "ex03_pillar_rating": [grading.check_pillar_rating_complete],
    "ex04_sequencing": [grading.check_sequence_order, grading.check_sequence_links],
    "ex05_situation_analysis": [grading.check_situation_profile,
                                grading.check_situation_evidence],
    "ex06_scenarios": [grading.check_scenarios],
    "ex07_vision": [grading.check_vision, grading.check_vision_ecosystem],
    "ex08_structure": [grading.check_structure],
    "ex09_skills": [grading.check_skills],
    "ex10_roadmap": [grading.check_roadmap],
    "ex11_indicators": [grading.check_indicators],
    "ex12_local_sdg_review": [grading.check_local_review],
}


@pytest.fixture
def workbook(tmp_path):
    return tmp_path / "workbook.sqlite"


def saved(path, key, data, who="alice"):
    Workbook(path, participant=who).save(key, data)


def failure(check, path) -> str:
    with pytest.raises(AssertionError) as caught:
        check(path)
    return str(caught.value)


#: What a check reads besides its own exercise: Ex 12's targets are tied to Ex 10's rows.
NEEDS = {"ex12_local_sdg_review": ["ex10_roadmap"]}


def test_ex12_without_a_roadmap_ties_no_target_and_says_so(workbook):
    sample_answers.write_workbook(workbook, "alice", ["ex12_local_sdg_review"])
    assert "holds no capacity roadmap (Ex 10)" in failure(grading.check_local_review, workbook)


def test_every_graded_exercise_has_a_passing_sample_answer():
    assert set(CHECKS) <= set(sample_answers.ANSWERS)


@pytest.mark.parametrize("key", sorted(CHECKS))
def test_the_sample_answers_pass_every_check(key, workbook):
    sample_answers.write_workbook(workbook, "alice", [*NEEDS.get(key, []), key])
    for check in CHECKS[key]:
        check(workbook)


@pytest.mark.parametrize("key", sorted(CHECKS))
def test_an_empty_form_fails_every_check_with_a_plain_message(key, workbook):
    saved(workbook, key, {})
    for check in CHECKS[key]:
        message = failure(check, workbook)
        assert message and "Traceback" not in message


@pytest.mark.parametrize("key", sorted(CHECKS))
def test_no_workbook_or_nothing_saved_says_what_to_do(key, workbook):
    check = CHECKS[key][0]
    assert "No saved answers were found" in failure(check, workbook)
    assert not workbook.exists()  # grading never creates one
    saved(workbook, "something_else", {"x": 1})
    assert "has not been saved yet" in failure(check, workbook)


def test_unreadable_answers_are_reported_not_crashed_on(workbook):
    saved(workbook, vision.EXERCISE_KEY, {"milestones": "not a list"})
    assert "could not be read" in failure(grading.check_vision, workbook)


def test_only_the_latest_revision_counts(workbook):
    sample_answers.write_workbook(workbook, "alice", [scenarios.EXERCISE_KEY])
    grading.check_scenarios(workbook)
    saved(workbook, scenarios.EXERCISE_KEY, {})
    assert "Ex 6" in failure(grading.check_scenarios, workbook)


def test_a_workbook_saved_by_another_student_earns_nothing_while_autograded(
    workbook, monkeypatch
):
    sample_answers.write_workbook(workbook, "bob", ["ex03_pillar_rating", "ex04_sequencing"])
    keys = ("ex03_pillar_rating", "ex04_sequencing")
    grading.check_own_work(*keys, path=workbook)  # the student's own run: no one to compare
    monkeypatch.setenv(grading.GRADED_STUDENT, "alice")
    grading.check_own_work(*keys, path=workbook)  # validating: no one to compare either
    monkeypatch.setenv(grading.NBGRADER_EXECUTION, "autograde")
    with pytest.raises(AssertionError, match="saved by 'bob', not by 'alice'"):
        grading.check_own_work(*keys, path=workbook)
    grading.check_pillar_rating_complete(workbook)  # the visible check reads what is there
    monkeypatch.setenv(grading.GRADED_STUDENT, "bob")
    grading.check_own_work(*keys, path=workbook)


def test_classification_names_what_is_open_and_grades_the_first_choice(workbook):
    model = classification.ServiceClassification()
    examples = model.catalogue.examples
    wrong_first = examples[:5]  # a careless team: five wrong at first, put right after feedback
    for example in examples[2:]:
        if example in wrong_first:
            model.choose(example.id, next(s for s in model.catalogue.step_ids
                                          if s != example.answer))
        model.choose(example.id, example.answer)
    saved(workbook, classification.EXERCISE_KEY, model.to_dict())
    message = failure(grading.check_classification, workbook)
    assert "2 examples not classified yet" in message and examples[1].title in message
    for example in examples[:2]:
        model.choose(example.id, next(s for s in model.catalogue.step_ids
                                      if s != example.answer))
        model.choose(example.id, example.answer)
    saved(workbook, classification.EXERCISE_KEY, model.to_dict())
    assert model.score().right == 12
    message = failure(grading.check_classification, workbook)
    assert "Right at the first choice: 7 of 12" in message
    for step in model.catalogue.steps:
        assert step.name not in message  # never which step is right
    assert "at least 3" in failure(grading.check_classification_reasons, workbook)


def test_an_old_save_without_first_choices_is_graded_on_its_choices_and_says_so(
        workbook, capsys):
    data = sample_answers.ex01_classification()
    for answer in data["answers"].values():
        del answer["first_choice"]
    saved(workbook, classification.EXERCISE_KEY, data)
    model = grading.check_classification(workbook)
    assert model.score().first_try_right == 12
    assert "saved before the form recorded first choices, so 12 examples are graded on " \
        "the choice saved" in capsys.readouterr().out


def test_revealing_the_order_costs_the_order_point_but_not_the_links(workbook):
    data = sample_answers.ex04_sequencing()
    model = sequencing.ProcessSequence.from_dict(data)
    model.reveal()
    saved(workbook, sequencing.EXERCISE_KEY, model.to_dict())
    assert "asked the form to show" in failure(grading.check_sequence_order, workbook)
    grading.check_sequence_links(workbook)


def test_a_wrong_order_gets_a_hint_not_the_order(workbook):
    model = sequencing.ProcessSequence()
    for position, step in enumerate(reversed(model.expected), start=1):
        model.place(step, position)
    saved(workbook, sequencing.EXERCISE_KEY, model.to_dict())
    message = failure(grading.check_sequence_order, workbook)
    assert "not the order of session 2.3" in message
    assert "0 of the 4 links" in failure(grading.check_sequence_links, workbook)


def test_situation_checks_say_which_part_is_missing(workbook):
    model = situation.SituationAnalysis.from_dict(sample_answers.ex05_situation_analysis())
    model.assessment.set_target("skills", None)
    saved(workbook, situation.EXERCISE_KEY, model.to_dict())
    assert "Digital skills of public servants" in failure(grading.check_situation_profile,
                                                          workbook)
    model = situation.SituationAnalysis.from_dict(sample_answers.ex05_situation_analysis())
    model.choose_country("")
    saved(workbook, situation.EXERCISE_KEY, model.to_dict())
    assert "choose the country" in failure(grading.check_situation_profile, workbook)
    for entry in list(model.swot.entries["threats"]):
        model.swot.remove(entry.id)
    saved(workbook, situation.EXERCISE_KEY, model.to_dict())
    assert "Threats" in failure(grading.check_situation_evidence, workbook)


def test_a_failed_exercise_check_lists_each_failing_check_with_its_reason(workbook):
    model = vision.Vision.from_dict(sample_answers.ex07_vision())
    model.write_statement("We will be a smart regency. " * 10)
    saved(workbook, vision.EXERCISE_KEY, model.to_dict())
    message = failure(grading.check_vision, workbook)
    assert message.startswith("Ex 7, your vision and milestones: ")
    assert "- " in message and "words" in message


@pytest.mark.parametrize(
    ("value", "words"),
    [(..., "not filled in yet"), (None, "not filled in yet"), ("0.5", "must be a number"),
     (True, "must be a number"), (float("nan"), "NaN"), (2.0, "between 0 and 1")],
)  # fmt: skip
def test_a_data_task_result_must_be_a_number_in_range(value, words):
    with pytest.raises(AssertionError, match=words):
        grading.check_number(value, "egdi", 0, 1)


def test_check_close_gives_the_hint_never_the_value():
    grading.check_close(0.5004, 0.5, "egdi", "Filter on the year.")
    with pytest.raises(AssertionError) as caught:
        grading.check_close(0.6, 0.5, "egdi", "Filter on the year.")
    assert "Filter on the year." in str(caught.value) and "0.5" not in str(caught.value)


@pytest.mark.parametrize(("code", "words"), [("", "three-letter code"), (7, "three-letter code"),
                                             ("XXX", "not the ISO3 code")])
def test_the_country_of_a_data_task_is_a_member_state(code, words):
    with pytest.raises(AssertionError, match=words):
        grading.check_country(code)
    assert grading.check_country(" ken ") == "KEN"


@pytest.mark.parametrize("answer", ["", "E", "AB", None, 1])
def test_a_choice_is_one_letter(answer):
    with pytest.raises(AssertionError, match="Type one letter"):
        grading.check_choice(answer)
    grading.check_choice(" b ")


def test_earlier_work_is_brought_from_the_assignment_beside_this_one(tmp_path, monkeypatch,
                                                                     capsys):
    monkeypatch.delenv(grading.NBGRADER_EXECUTION, raising=False)
    earlier = tmp_path / "m5_strategy" / "workbook.sqlite"
    here = tmp_path / "m6_monitoring" / "workbook.sqlite"
    sample_answers.write_workbook(earlier, "alice", ["ex10_roadmap"])
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    keys = {"ex10_roadmap": "m5_strategy", "ex07_vision": "m4_envisioning"}
    assert grading.bring_forward(keys, here) == ["ex10_roadmap"]
    said = capsys.readouterr().out
    assert "Brought ex10_roadmap from m5_strategy" in said
    assert "Not found" in said and "ex07_vision" in said
    assert Workbook(here, participant="alice").latest("ex10_roadmap").data == (
        Workbook(earlier, participant="alice").latest("ex10_roadmap").data
    )
    assert grading.bring_forward(keys, here) == []  # never twice: the copy is now the work


def test_earlier_work_is_never_brought_while_nbgrader_runs_the_notebook(tmp_path, monkeypatch):
    earlier = tmp_path / "m5_strategy" / "workbook.sqlite"
    here = tmp_path / "m6_monitoring" / "workbook.sqlite"
    sample_answers.write_workbook(earlier, "alice", ["ex10_roadmap"])
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    monkeypatch.setenv(grading.NBGRADER_EXECUTION, "autograde")
    assert grading.bring_forward({"ex10_roadmap": "m5_strategy"}, here) == []
    assert not here.exists()


def test_only_the_students_own_earlier_work_is_brought(tmp_path, monkeypatch):
    monkeypatch.delenv(grading.NBGRADER_EXECUTION, raising=False)
    earlier = tmp_path / "m5_strategy" / "workbook.sqlite"
    sample_answers.write_workbook(earlier, "bob", ["ex10_roadmap"])
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    here = tmp_path / "m6_monitoring" / "workbook.sqlite"
    assert grading.bring_forward({"ex10_roadmap": "m5_strategy"}, here) == []


def test_the_judge_and_the_grading_agree_on_the_variable():
    import inspect

    from dgtkit.instructor import judge

    assert "GRADED_STUDENT" in inspect.getsource(judge._answer)
    assert grading.GRADED_STUDENT == "DGT_GRADED_STUDENT"


def test_numbers_and_yes_or_no_from_pandas_are_accepted():
    import numpy as np

    assert grading.check_number(np.int64(7), "rank", 1, 193) == 7.0
    assert grading.check_number(np.float64(0.5), "egdi") == 0.5
    assert grading.check_yes_no(np.float64(2) > 1, "wider") is True
    assert grading.check_yes_no(False, "wider") is False
    for bad, words in ((..., "not filled in"), ("True", "True or False"),
                       (np.array([True, False]), "True or False"), (1, "True or False")):
        with pytest.raises(AssertionError, match=words):
            grading.check_yes_no(bad, "wider")
