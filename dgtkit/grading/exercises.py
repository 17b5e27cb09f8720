"""One check per exercise, on the latest revision the student saved of it: mostly the
exercise's own checks, the checklist its form shows."""

from __future__ import annotations

from pathlib import Path

from dgtkit.grading.saved import ASSIGNMENT_WORKBOOK, assert_checks, name_list, saved_model
from dgtkit.models import (
    benefit_risk,
    classification,
    indicators,
    local_review,
    roadmap,
    scenarios,
    sequencing,
    situation,
    skills,
    structure,
    vision,
)
from dgtkit.models.pillar_rating import EXERCISE_KEY as PILLAR_RATING_KEY
from dgtkit.models.pillar_rating import PillarRating

REASON_WORDS = classification.REASON_WORDS  # the lecturer's tools read it here


# -- Module 1 ------------------------------------------------------------------------------


def check_classification(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Ex 1: every example classified, graded on the first choice of each (the form records
    it; choosing again after the feedback is for learning, not for the point)."""
    model = saved_model(classification.EXERCISE_KEY, classification.ServiceClassification,
                         path, "classification")
    examples = model.catalogue.examples
    open_ = [e.title for e in examples if model.answers[e.id].choice is None]
    assert not open_, (
        f"{len(open_)} example{'s' * (len(open_) != 1)} not classified yet: {name_list(open_)}."
    )
    first = model.first_try_check()
    assert first.passed, (
        f"{first.reason} The point needs {classification.FIRST_TRY_PASS}: it is earned by "
        "the first choice for each example, not by choosing again after the feedback. Read "
        "the feedback under each example to learn why; your written answer still counts."
    )
    if model.unrecorded_first():
        print(first.reason)
    return model


def check_classification_reasons(path: str | Path = ASSIGNMENT_WORKBOOK,
                                 least: int = classification.REASONS_ASKED):
    """Ex 1: a reason of at least five words for at least ``least`` examples, each its own
    (``ServiceClassification.reasons_check``)."""
    model = saved_model(classification.EXERCISE_KEY, classification.ServiceClassification,
                         path, "classification")
    check = model.reasons_check(least)
    assert check.passed, (
        f"{check.reason} Write one for at least {least}, in the reason box under each "
        "example: what changes for the people who use the service.")
    return model


def check_benefit_risk(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Ex 2: three benefits, three risks, each risk with a mitigation and an owner; risks
    weighed apart, each with its own mitigation (``judgment_checks``)."""
    model = saved_model(benefit_risk.EXERCISE_KEY, benefit_risk.BenefitRiskMatrix, path,
                         "benefit-risk matrix")
    assert_checks(model.checks() + model.judgment_checks(), "Ex 2, your benefit-risk matrix")
    return model


# -- Module 2 ------------------------------------------------------------------------------


def saved_pillar_rating(path: str | Path = ASSIGNMENT_WORKBOOK) -> PillarRating:
    """The student's saved Ex 3 pillar self-rating."""
    return saved_model(PILLAR_RATING_KEY, PillarRating, path, "pillar rating")


def check_pillar_rating_complete(path: str | Path = ASSIGNMENT_WORKBOOK) -> PillarRating:
    """Every pillar rated, the ratings telling the pillars apart, and evidence for the
    lowest-rated ones (``PillarRating.judgment_checks``): the autograded check of Ex 3."""
    rating = saved_pillar_rating(path)
    names = [rating.framework.pillar(pid).name for pid in rating.missing]
    assert rating.is_complete, (
        f"{len(names)} pillar(s) not rated yet: {'; '.join(names)}. "
        "Choose a level for each of them in the form above."
    )
    assert_checks(rating.judgment_checks(), "Ex 3, your pillar rating")
    return rating


def check_sequence_order(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Ex 4: every step placed, in the right order, found without revealing the answer."""
    model = saved_model(sequencing.EXERCISE_KEY, sequencing.ProcessSequence, path,
                         "order of the steps")
    missing = [model.steps.name(s) for s in model.missing]
    assert not missing, f"Steps without a position yet: {name_list(missing)}."
    assert not model.revealed, (
        "You asked the form to show the expected order, so the order itself earns no point. "
        "Your explanations of the links still count."
    )
    assert model.is_right, (
        "Your order is not the order of session 2.3 yet. Press 'Check my order' in the form: "
        "it says which steps are in the right place, and gives a hint for the others."
    )
    return model


def check_sequence_links(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Ex 4: how each step feeds the next, explained for every link of the team's order,
    each in its own words (``ProcessSequence.links_own``)."""
    model = saved_model(sequencing.EXERCISE_KEY, sequencing.ProcessSequence, path,
                         "order of the steps")
    needed = model.size - 1
    pasted = model.links_explained - model.links_own
    assert model.is_complete and model.links_own >= needed, (
        f"{model.links_own} of the {needed} links between consecutive steps are "
        "explained" + (f" ({pasted} repeat the words of another link)" if pasted else "")
        + ". Place every step, then write under each link what the first step passes "
        "on to the next."
    )
    return model


# -- Module 3 ------------------------------------------------------------------------------


def check_situation_profile(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Ex 5: today's level and the target of every pillar, a benchmark country, and a
    profile that sets priorities: it names the pillars the team's own ratings and the
    benchmark show as weakest (``SituationAnalysis.priority_checks``)."""
    model = saved_model(situation.EXERCISE_KEY, situation.SituationAnalysis, path,
                         "situation analysis")
    profile = model.gap_profile()
    assert not profile.missing, (
        f"Part 1: today's level or the target is missing for {name_list(profile.missing)}."
    )
    problems = model.assessment.problems()
    framework = model.assessment.framework
    assert not problems, (
        "Part 1: the target is below today's level for "
        f"{name_list([framework.pillar(p).name for p in problems])}. Raise those targets."
    )
    assert profile.is_complete, "Part 2: choose the country whose data you benchmark."
    assert_checks(model.priority_checks(), "Ex 5, the priorities of your gap profile")
    return model


def check_situation_evidence(path: str | Path = ASSIGNMENT_WORKBOOK, biggest: int = 3):
    """Ex 5: evidence for the biggest gaps, a full SWOT and a stakeholder map."""
    model = saved_model(situation.EXERCISE_KEY, situation.SituationAnalysis, path,
                         "situation analysis")
    gaps = [g for g in model.assessment.gaps() if g.gap > 0][:biggest]
    assert gaps, "Part 1: no capacity gap yet. Set today's level and the target of each pillar."
    bare = [g.name for g in gaps if not g.evidence.strip()]
    assert not bare, f"Part 1: write the evidence for your biggest gaps: {name_list(bare)}."
    empty = [name for category, name in model.swot.categories.items()
             if not model.swot.entries[category]]
    assert not empty, f"Part 3: the SWOT has nothing yet under {name_list(empty)}."
    count = len(model.stakeholders.stakeholders)
    assert count >= 3, (
        f"Part 4: {count} stakeholder{'s' * (count != 1)} on the grid; place at least 3."
    )
    return model


# -- Module 4 ------------------------------------------------------------------------------


def check_scenarios(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Ex 6: ten signals, two critical uncertainties as axes, four named futures, told apart."""
    model = saved_model(scenarios.EXERCISE_KEY, scenarios.ScenarioSet, path,
                         "horizon scan and scenarios")
    assert_checks(model.checks() + model.judgment_checks(),
                  "Ex 6, your horizon scan and scenarios")
    return model


def check_vision(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Ex 7: a vision statement that passes its checks, milestones back to today, and a
    vision that serves the gaps of Ex 5 (``Vision.gap_checks``)."""
    model = saved_model(vision.EXERCISE_KEY, vision.Vision, path, "vision")
    assert_checks(model.checks() + model.gap_checks(), "Ex 7, your vision and milestones")
    return model


def check_vision_ecosystem(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Ex 7 (outcome 2): the national vision or digital strategy the vision serves, and the
    actors of the public, private and people sectors who carry it."""
    model = saved_model(vision.EXERCISE_KEY, vision.Vision, path, "vision")
    assert_checks(model.ecosystem_checks(), "Ex 7, who carries your vision")
    return model


# -- Module 5 ------------------------------------------------------------------------------


def check_structure(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Ex 8: every factor rated, a recommended structure with reasons, a risk, a first step."""
    model = saved_model(structure.EXERCISE_KEY, structure.OrganizationStructure, path,
                         "recommended structure")
    assert_checks(model.checks(), "Ex 8, your recommended structure")
    return model


def check_skills(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Ex 9: four to six roles, five or six competencies, every cell rated, every gap met,
    and levels needed that differ by role."""
    model = saved_model(skills.EXERCISE_KEY, skills.SkillsMatrix, path, "skills-gap matrix")
    assert_checks(model.checks() + model.judgment_checks(), "Ex 9, your skills-gap matrix")
    return model


def check_roadmap(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Ex 10: the canvas follows the four rules of session 5.1, acts on the biggest gaps of
    Ex 5 and names each row's own intervention (``Roadmap.judgment_checks``)."""
    model = saved_model(roadmap.EXERCISE_KEY, roadmap.Roadmap, path, "capacity roadmap")
    assert_checks(model.checks() + model.judgment_checks(), "Ex 10, your capacity roadmap")
    return model


# -- Module 6 ------------------------------------------------------------------------------


def check_indicators(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Ex 11: five indicators that pass all five SMART tests, over more than one level."""
    model = saved_model(indicators.EXERCISE_KEY, indicators.IndicatorSet, path, "indicators")
    assert_checks(model.set_checks(), "Ex 11, your indicators")
    return model


def check_local_review(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Ex 12: three or more SDG targets, each tracked (a measure, a source, a target value, a
    frequency, who reports), with a baseline, broken down by a group, and served by an Ex 10
    action: a row of the roadmap saved in the same workbook (without one, no target is
    served)."""
    from dgtkit.store import handoff
    from dgtkit.store.workbook import Workbook, WorkbookError

    model = saved_model(local_review.EXERCISE_KEY, local_review.LocalReview, path,
                        "local SDG review")
    try:
        rows = handoff.roadmap(Workbook(path, create=False), anyone=True)
    except WorkbookError:
        rows = []
    assert rows, ("Ex 12, your local SDG review: your workbook holds no capacity roadmap "
                  "(Ex 10), so no target is tied to an action. Do Ex 10 in this workbook (the "
                  "first cell brings it from Module 5), then tie each target to its actions.")
    assert_checks(model.checks({str(row.id) for row in rows}), "Ex 12, your local SDG review")
    return model
