"""Ex 12, the local SDG review: the full list of 169 targets, the model's rules and checks in
plain words, bad input refused, the round trip, the dashboard and its chart; the hand-off to
the action plan and Module 7's check of the plan's SDG targets."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dgtkit import grading
from dgtkit.charts.local_review import review_alt_text, review_chart
from dgtkit.course.sdg_list import sdg_list
from dgtkit.instructor import sample_answers
from dgtkit.models import action_plan as plan
from dgtkit.models import local_review, plan_prefill
from dgtkit.models.local_review import LocalReview
from dgtkit.models.text import FieldError
from dgtkit.store import handoff
from dgtkit.store.workbook import Workbook
from tests.helpers import freeze_clock

TRACKED = {"data_source": "Civil registry", "baseline": "78%", "baseline_year": 2025,
           "target_value": "95% by 2030", "frequency": "Every six months",
           "reporter": "Civil registration office", "disaggregation": ["sex", "location"],
           "actions": ["row-1"]}


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    freeze_clock(monkeypatch, date(2026, 6, 15))


def review(*ids: str, **values) -> LocalReview:
    model = LocalReview()
    for target in ids:
        model.add_target(target)
        if values:
            model.update(target, **values)
    return model


def test_the_list_has_169_targets_with_their_indicators_and_finds_by_goal_and_words():
    sdgs = sdg_list()
    assert len(sdgs.targets) == 169 and len(sdgs.goals) == 17
    assert [i.id for i in sdgs.indicators_of("16.9")] == ["16.9.1"]
    assert [t.id for t in sdgs.find(11, "public transport")] == ["11.2"]
    assert [t.id for t in sdgs.find(None, "birth registration")] == ["16.9"]
    assert len(sdgs.find(11)) == 10 and sdgs.find(None, "no such words here") == ()
    late = sdgs.target("17.8")
    assert late.deadline == 2017 and late.passed(2026) and not sdgs.target("11.2").passed(2026)
    assert late.label(2026).startswith("17.8 (deadline 2017 passed) ")


def test_a_target_is_added_once_by_its_official_id_with_its_first_global_indicator():
    model = review("16.9")
    assert model.targets[0].indicator == "16.9.1" and model.targets[0].measure.startswith("16.9.1")
    for bad, words in (("", "Choose a target"), ("16.99", "not one of the 169"),
                       ("<b>x</b>", "not one of the 169"), ("16.9", "already")):
        with pytest.raises(FieldError, match=words):
            model.add_target(bad)
    for number in range(local_review.MOST_TARGETS - 1):
        model.add_target(sdg_list().targets[number].id)
    with pytest.raises(FieldError, match="already tracks 12"):
        model.add_target("11.2")


def test_bad_values_are_refused_in_plain_words_and_leave_the_target_as_it_was():
    model = review("11.2")
    before = model.to_dict()
    cases = {"indicator": ("1.1.1", "not a global indicator of target 11.2"),
             "baseline_year": ("1999", "not a year already measured"),
             "data_source": ("x" * 201, "too long"),
             "disaggregation": (["religion"], "not a way to break down"),
             "actions": ("row-1", "list of ids")}
    for name, (value, words) in cases.items():
        with pytest.raises(FieldError, match=words):
            model.update("11.2", **{name: value})
    with pytest.raises(FieldError, match="four digits"):
        model.update("11.2", baseline_year="next year")
    with pytest.raises(FieldError, match="not in your review"):
        model.update("4.4", reporter="Someone")
    with pytest.raises(FieldError, match="from 2000 to 2026"):  # not measured yet in 2026
        model.update("11.2", baseline_year=2027)
    assert model.to_dict() == before


def test_the_checks_say_what_is_missing_target_by_target():
    model = review("16.9", "11.2", "17.8")
    model.update("16.9", **TRACKED)
    checks = {c.id: c for c in model.checks({"row-1"})}
    assert [c.id for c in checks.values() if c.passed] == ["targets"]
    assert checks["served"].reason.startswith("11.2, 17.8 are served by no action yet")
    model.update("11.2", proxy="Bus stops within 500 m of homes", **TRACKED)
    assert model.get("11.2").indicator == "" and model.get("11.2").measure.endswith("(local proxy)")
    checks = {c.id: c for c in model.checks({"row-1"})}
    assert checks["tracked"].reason == "17.8 still lacks part of how it is tracked."
    model.update("17.8", **TRACKED)
    assert all(c.passed for c in model.checks({"row-1"}))
    assert not {c.id: c for c in model.checks({"row-2"})}["served"].passed  # a row since gone
    assert model.dashboard().passed == ("17.8",)
    assert model.targets_by_action() == {"row-1": ["16.9", "11.2", "17.8"]}
    assert not review().checks()[1].passed  # no target: nothing is tracked


def test_saved_answers_come_back_and_broken_ones_are_refused():
    model = review("16.9", "11.2", **TRACKED)
    assert LocalReview.from_dict(model.to_dict()) == model
    for broken in ({"targets": [{"target": "99.9"}]}, {"targets": [{"target": "16.9",
                                                                    "colour": "red"}]},
                   {"targets": [{"indicator": "16.9.1"}]}):
        with pytest.raises((KeyError, ValueError)):
            LocalReview.from_dict(broken)


def test_the_dashboard_chart_says_each_answer_in_words_and_its_alt_text_lists_the_states():
    model = review("16.9", "17.8")
    model.update("16.9", **TRACKED)
    figure = review_chart(model, {"row-1"})
    texts = [t.get_text() for t in figure.findobj(lambda a: hasattr(a, "get_text"))]
    assert "17.8 (due 2017)" in texts and texts.count("Yes") == 3 and texts.count("No") == 3
    alt = review_alt_text(model, {"row-1"})
    assert "Tracked: 16.9." in alt and "No data yet: 17.8." in alt
    assert "Served by no action: 17.8." in alt and "Deadline already passed: 17.8." in alt
    assert review_alt_text(LocalReview()) == "Local SDG review: no target chosen yet."


def test_the_plan_takes_the_review_targets_and_each_roadmap_row_its_own(tmp_path):
    path = tmp_path / "workbook.sqlite"
    sample_answers.write_workbook(path, "team", ["ex05_situation_analysis", "ex07_vision",
                                                 "ex10_roadmap", "ex12_local_sdg_review"])
    workbook = Workbook(path, participant="team")
    week = handoff.week(workbook)
    assert week.ex12 == handoff.local_review(workbook) and not week.is_empty
    rows = handoff.roadmap(workbook)
    link = plan_prefill.vision_link(week.vision, week.ex12)
    assert link.sdg_targets == ("16.6", "16.9", "4.4", "9.c")
    actions = plan_prefill.from_roadmap(rows, [], link, week.gaps, week.ex12)
    assert [a.values["sdg_targets"] for a in actions] == [["16.6"], ["16.9"], ["4.4"], ["9.c"]]
    assert plan_prefill.vision_link(week.vision).sdg_targets == ("16.6", "9.c")
    gaps = plan_prefill.from_gaps(week.gaps, link, set(), week.ex12)
    assert gaps and all(s.values["sdg_targets"] == [] for s in gaps)  # the team chooses
    workbook.save(local_review.EXERCISE_KEY, {"targets": [{"target": "nonsense"}]})
    assert handoff.local_review(workbook) is None  # unreadable: an empty result, no error


def test_module_7_checks_that_every_sdg_target_is_official_and_served_by_an_action():
    model = sample_answers.action_plan_model()
    assert grading.sdg_problems(model) == []
    model.vision = plan.VisionLink(sdg_targets=("16.6", "11.2", "99.1"))
    problems = grading.sdg_problems(model)
    assert problems[0].startswith("These are not SDG targets: 99.1.")
    assert "No action serves the plan's SDG target 11.2." in problems[1]
    model.actions = [replace(a, sdg_targets=()) for a in model.actions]
    model.vision = plan.VisionLink()
    assert grading.sdg_problems(model)[0].startswith("The plan names no SDG target.")
    with pytest.raises(plan.ActionErrors, match="not one of the 169"):
        plan.new_action("Map bus stops", "Transport office", date(2026, 7, 1),
                        date(2026, 12, 1), sdg_targets=["11.2", "11.99"])


def test_ex7s_short_list_says_that_17_8s_deadline_has_passed():
    from dgtkit.course.sdg_list import deadline_note
    from dgtkit.widgets.vision import linked_targets_html

    assert deadline_note("17.8", 2026) == "Its own deadline, 2017, has passed."
    assert deadline_note("16.6", 2026) == deadline_note("no such id", 2026) == ""
    shown = linked_targets_html(["17.8", "16.6"])
    assert shown.count("has passed") == 1 and "2017, has passed" in shown
