"""The exercise checks judge quality, not completion: for each graded exercise check, a
careless but complete answer (``sample_answers.CARELESS``) earns less than a competent one
(``sample_answers.ANSWERS``), read from a real workbook as the autograder reads it."""

from __future__ import annotations

import pytest

from dgtkit import grading
from dgtkit.instructor import sample_answers
from dgtkit.models import (
    benefit_risk,
    classification,
    indicators,
    pillar_rating,
    roadmap,
    scenarios,
    sequencing,
    situation,
    skills,
    vision,
)
from dgtkit.store.workbook import Workbook

#: The checks a careless answer fails, each with the words its message must say.
QUALITY = {
    "ex01": (classification.EXERCISE_KEY, grading.check_classification,
             "Right at the first choice: 4 of 12"),
    "ex01_reasons": (classification.EXERCISE_KEY, grading.check_classification_reasons,
                     "counts once"),
    "ex02": (benefit_risk.EXERCISE_KEY, grading.check_benefit_risk,
             "The risks are weighed apart"),
    "ex03": (pillar_rating.EXERCISE_KEY, grading.check_pillar_rating_complete,
             "Every pillar has the same level"),
    "ex04": (sequencing.EXERCISE_KEY, grading.check_sequence_order, "not the order"),
    "ex04_links": (sequencing.EXERCISE_KEY, grading.check_sequence_links,
                   "repeat the words of another link"),
    "ex05": (situation.EXERCISE_KEY, grading.check_situation_profile,
             "The gaps are not all the same size"),
    "ex06": (scenarios.EXERCISE_KEY, grading.check_scenarios, "told apart"),
    "ex07": (vision.EXERCISE_KEY, grading.check_vision, "It focuses on one of your biggest"),
    "ex09": (skills.EXERCISE_KEY, grading.check_skills, "The levels needed differ"),
    "ex10": (roadmap.EXERCISE_KEY, grading.check_roadmap, "No complete row acts on"),
    "ex10_own": (roadmap.EXERCISE_KEY, grading.check_roadmap, "Row 2 repeats row 1"),
    "ex11": (indicators.EXERCISE_KEY, grading.check_indicators, "Passing all five tests: 0"),
}


def _earned(check, path) -> bool:
    try:
        check(path)
    except AssertionError:
        return False
    return True


@pytest.mark.parametrize("name", sorted(QUALITY))
def test_a_careless_complete_answer_earns_less_than_a_competent_one(name, tmp_path):
    key, check, says = QUALITY[name]
    competent, careless = tmp_path / "competent.sqlite", tmp_path / "careless.sqlite"
    Workbook(competent, participant="ana").save(key, sample_answers.ANSWERS[key]())
    Workbook(careless, participant="ben").save(key, sample_answers.CARELESS[key]())
    assert _earned(check, competent)
    with pytest.raises(AssertionError, match=says):
        check(careless)


def test_the_careless_answers_are_complete(tmp_path):
    """What they lack is judgment, not parts: each passes the completion part of its form."""
    ex01 = classification.ServiceClassification.from_dict(sample_answers.careless_ex01())
    assert ex01.score().right == ex01.score().total
    assert ex01.score().first_try_right < classification.FIRST_TRY_PASS
    ex05 = situation.SituationAnalysis.from_dict(sample_answers.careless_ex05())
    assert not ex05.gap_profile().missing and not ex05.assessment.problems()
    path = tmp_path / "workbook.sqlite"
    Workbook(path, participant="ben").save(situation.EXERCISE_KEY,
                                           sample_answers.careless_ex05())
    grading.check_situation_evidence(path)
    assert vision.Vision.from_dict(sample_answers.careless_ex07()).passes()
    ex11 = indicators.IndicatorSet.from_dict(sample_answers.careless_ex11())
    assert len(ex11.named()) == 5 and all(i.definition for i in ex11.named())
    assert roadmap.Roadmap.from_dict(sample_answers.careless_ex10()).passes()


def test_the_weakest_pillars_of_ratings_and_benchmark_must_be_in_the_profile():
    model = situation.SituationAnalysis.from_dict(sample_answers.ex05_situation_analysis())
    assert all(c.passed for c in model.priority_checks())
    model.assessment.set_target("inclusion", 1)  # the benchmark's weakest (IDN: human capital)
    failed = {c.id: c.reason for c in model.priority_checks() if not c.passed}
    assert set(failed) == {"own_weakest", "benchmark_weakest"}
    assert "Digital inclusion and society" in failed["own_weakest"]
    assert "Human Capital Index" in failed["benchmark_weakest"]


def test_a_vision_whose_milestones_never_touch_its_focus_gap_fails():
    profile = situation.SituationAnalysis.from_dict(
        sample_answers.ex05_situation_analysis()).gap_profile()
    data = sample_answers.careless_ex07()
    data["gaps_considered"] = [vision.ConsideredGap.from_gap(g).to_dict()
                               for g in profile.gaps]
    model = vision.Vision.from_dict(data)
    data["focus"] = model.gaps_considered[0].pillar
    failed = [c for c in vision.Vision.from_dict(data).gap_checks() if not c.passed]
    assert [c.id for c in failed] == ["focus_served"]
    data["focus"] = model.gaps_considered[-1].pillar  # the smallest gap
    assert "focus" in [c.id for c in vision.Vision.from_dict(data).gap_checks()
                       if not c.passed]


def test_a_percentage_must_say_what_is_divided_by_what():
    model = indicators.IndicatorSet.from_dict(sample_answers.ex11_indicators())
    indicator = model.named()[0]
    changed = model.save_indicator(
        indicator.id, **{**{n: getattr(indicator, n) for n in (
            "intervention", "name", "unit", "baseline_date", "target_date", "data_source",
            "frequency", "owner")}, "baseline": "10", "target": "60%",
            "definition": "Residents who used an online service in the quarter"})
    measurable = next(c for c in model.smart(changed) if c.id == "measurable")
    assert not measurable.passed and "divided by what" in measurable.reason


def test_the_plan_must_act_on_the_biggest_gaps(tmp_path):
    competent, careless = tmp_path / "competent", tmp_path / "careless"
    sample_answers.write_submission(competent, "ana", "m7_action_plan")
    sample_answers.write_careless_submission(careless, "ben", "m7_action_plan")
    for check in (grading.check_action_plan_complete, grading.check_action_plan_consistent):
        check(competent)
        check(careless)  # the careless plan is complete and consistent
    grading.check_action_plan_addresses_gaps(competent)
    (careless / "workbook.sqlite").unlink()  # the competent Ex 5: skills and inclusion
    sample_answers.write_workbook(careless / "workbook.sqlite", "ben")
    with pytest.raises(AssertionError, match="gaps: Digital skills of public servants; "
                                             "Digital inclusion and society"):
        grading.check_action_plan_addresses_gaps(careless)
