"""What the autograder tests of the nbgrader assignments call.

Autograding re-executes a notebook with nobody clicking, so the tests never read widget state:
they read what the student saved in ``workbook.sqlite`` beside the notebook. Every failure is
an AssertionError whose message tells the student what is wrong, without giving the answer.

One function per exercise checks the latest saved revision of that exercise, mostly by the
exercise's own checks (the ones its form shows as a checklist). The data tasks of Modules 3
and 6 use :func:`check_country`, :func:`check_number` and :func:`check_close`.
"""

from __future__ import annotations

import math
import numbers
import os
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

from dgtkit.models import (
    benefit_risk,
    classification,
    indicators,
    roadmap,
    scenarios,
    sequencing,
    situation,
    skills,
    structure,
    vision,
)
from dgtkit.models.checks import Check, word_count
from dgtkit.models.pillar_rating import EXERCISE_KEY as PILLAR_RATING_KEY
from dgtkit.models.pillar_rating import PillarRating
from dgtkit.workbook import Revision, Workbook, WorkbookError

#: The workbook an assignment's exercises write to: beside the notebook, whatever
#: $DGTKIT_WORKBOOK says, so that nbgrader submits and grades it with the notebook.
ASSIGNMENT_WORKBOOK = "workbook.sqlite"
#: Set by nbgrader (autograde, validate) while it runs a notebook.
NBGRADER_EXECUTION = "NBGRADER_EXECUTION"
#: The student whose submission is being autograded, set for the kernel by
#: ``dgtkit.nbgrader_hooks.StudentForTheKernel``; unset when nobody is to be checked.
GRADED_STUDENT = "DGT_GRADED_STUDENT"
#: Fewest words in a reason that counts (Ex 1).
REASON_WORDS = 5
UNREADABLE = (KeyError, TypeError, ValueError, AttributeError)


# -- knowledge checks and data tasks -------------------------------------------------------


def check_choice(answer: object, letters: str = "ABCD") -> None:
    """The visible test of a multiple-choice question: one of the letters, nothing else."""
    choices = ", ".join(letters[:-1]) + f" or {letters[-1]}"
    assert isinstance(answer, str) and answer.strip().upper() in set(letters), (
        f"Type one letter, {choices}, between the quotes, for example: answer = \"{letters[0]}\""
    )


def check_country(code: object) -> str:
    """The visible test of a data task's country: the ISO3 code of a UN Member State."""
    from dgtkit import data

    assert isinstance(code, str) and code.strip(), (
        'Type the three-letter code of your country between the quotes, for example "KEN".'
    )
    code = code.strip().upper()
    members = data.member_states()
    assert code in set(members.iso3), (
        f"{code!r} is not the ISO3 code of a UN Member State in the Survey data. Look it up in "
        "the table of member states above, then run this cell again."
    )
    return code


def check_number(value: object, name: str, low: float | None = None,
                 high: float | None = None) -> float:
    """The visible test of a data task's result: a number, within the range it must be in."""
    assert value is not ... and value is not None, (
        f"{name} is not filled in yet: replace the ... after '{name} =' with your result."
    )
    assert isinstance(value, numbers.Real) and not isinstance(value, bool), (
        f"{name} must be a number, like 0.5 or 42, not {type(value).__name__}. If you computed "
        "it with pandas, take one value out of the table, for example with float(...)."
    )
    assert not math.isnan(value), (
        f"{name} is NaN (not a number): the rows you selected have no value. Check your filter."
    )
    if low is not None and high is not None:
        assert low <= value <= high, f"{name} must lie between {low} and {high}; it is {value}."
    return float(value)


def check_yes_no(value: object, name: str) -> bool:
    """The visible test of a yes-or-no result: True or False (a pandas comparison will do)."""
    assert value is not ... and value is not None, (
        f"{name} is not filled in yet: replace the ... after '{name} =' with True or False."
    )
    dtype = getattr(value, "dtype", None)
    single_bool = dtype is not None and dtype.kind == "b" and getattr(value, "ndim", 1) == 0
    assert isinstance(value, bool) or single_bool, (
        f"{name} must be True or False, written without quotes, not {value!r}."
    )
    return bool(value)


def check_close(value: object, expected: float, name: str, hint: str,
                tolerance: float = 0.001) -> None:
    """A hidden test of a data task: ``value`` is ``expected`` (within ``tolerance``).

    ``hint`` says what to look at again, never the expected value."""
    check_number(value, name)
    assert abs(float(value) - expected) <= tolerance, f"{name} is not right yet. {hint}"


# -- the saved answers ---------------------------------------------------------------------


def saved_answer(exercise_key: str, path: str | Path = ASSIGNMENT_WORKBOOK) -> Revision:
    """The newest saved revision of an exercise in the workbook beside the notebook."""
    try:
        workbook = Workbook(path, create=False)
        revision = workbook.latest_by_anyone(exercise_key)
    except WorkbookError as error:
        raise AssertionError(
            f"No saved answers were found. {error} Do the exercise in this notebook: your "
            "answers are saved as you go into workbook.sqlite, which is submitted with it."
        ) from None
    assert revision is not None, (
        "The exercise in this notebook has not been saved yet. Fill in its form above; every "
        "change is saved at once. Then submit the assignment again."
    )
    return revision


def check_own_work(*exercise_keys: str, path: str | Path = ASSIGNMENT_WORKBOOK) -> None:
    """The hidden part of every exercise check: while a submission is autograded, the answers
    graded must have been saved by the student whose submission it is. A workbook copied
    from someone else earns no points. (Outside autograding there is no one to compare with.)
    """
    student = os.environ.get(GRADED_STUDENT, "").strip()
    if not student or os.environ.get(NBGRADER_EXECUTION) != "autograde":
        return
    for key in exercise_keys:
        revision = saved_answer(key, path)
        assert revision.participant == student, (
            f"These answers were saved by {revision.participant!r}, not by {student!r}, whose "
            "submission this is. Only your own saved work earns points: do the exercise "
            "yourself, then submit the workbook.sqlite it saved into."
        )


def _saved_model(exercise_key: str, model_class, path: str | Path, what: str):
    revision = saved_answer(exercise_key, path)
    try:
        return model_class.from_dict(revision.data)
    except UNREADABLE:
        raise AssertionError(
            f"Your saved {what} (revision {revision.id}) could not be read. Open the form "
            "above again: it starts from your last readable answers. Save them again."
        ) from None


def _assert_checks(checks: Iterable[Check], what: str) -> None:
    """Every check passed, or one message listing each that did not, with its reason."""
    failed = [check for check in checks if not check.passed]
    assert not failed, (
        f"{what}: {len(failed)} check{'s' * (len(failed) != 1)} not passed yet.\n"
        + "\n".join(f"- {check.label}: {check.reason}" for check in failed)
        + "\nThe form above shows the same checklist. Complete it; it is saved at once."
    )


def _names(items: list[str], most: int = 5) -> str:
    shown = "; ".join(items[:most])
    return shown + (f"; and {len(items) - most} more" if len(items) > most else "")


# -- Module 1 ------------------------------------------------------------------------------


def check_classification(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Ex 1: every example classified, and in the right step (after the form's feedback)."""
    model = _saved_model(classification.EXERCISE_KEY, classification.ServiceClassification,
                         path, "classification")
    examples = model.catalogue.examples
    open_ = [e.title for e in examples if model.answers[e.id].choice is None]
    assert not open_, (
        f"{len(open_)} example{'s' * (len(open_) != 1)} not classified yet: {_names(open_)}."
    )
    wrong = [e.title for e in examples if not model.is_right(e.id)]
    assert not wrong, (
        f"{len(wrong)} example{'s are' if len(wrong) != 1 else ' is'} not in the right step "
        f"yet: {_names(wrong)}. Read the feedback under each one in the form, think about what "
        "changes for the people who use the service, and choose again."
    )
    return model


def check_classification_reasons(path: str | Path = ASSIGNMENT_WORKBOOK, least: int = 3):
    """Ex 1: a reason of at least five words for at least ``least`` examples."""
    model = _saved_model(classification.EXERCISE_KEY, classification.ServiceClassification,
                         path, "classification")
    given = [a for a in model.answers.values() if word_count(a.reason) >= REASON_WORDS]
    assert len(given) >= least, (
        f"Reasons of at least {REASON_WORDS} words are saved for {len(given)} example"
        f"{'s' * (len(given) != 1)}; write one for at least {least}, in the reason box under "
        "each example."
    )
    return model


def check_benefit_risk(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Ex 2: three benefits, three risks, each risk with a mitigation and an owner."""
    model = _saved_model(benefit_risk.EXERCISE_KEY, benefit_risk.BenefitRiskMatrix, path,
                         "benefit-risk matrix")
    _assert_checks(model.checks(), "Ex 2, your benefit-risk matrix")
    return model


# -- Module 2 ------------------------------------------------------------------------------


def saved_pillar_rating(path: str | Path = ASSIGNMENT_WORKBOOK) -> PillarRating:
    """The student's saved Ex 3 pillar self-rating."""
    return _saved_model(PILLAR_RATING_KEY, PillarRating, path, "pillar rating")


def check_pillar_rating_complete(path: str | Path = ASSIGNMENT_WORKBOOK) -> PillarRating:
    """Every pillar rated: the autograded check of Ex 3."""
    rating = saved_pillar_rating(path)
    names = [rating.framework.pillar(pid).name for pid in rating.missing]
    assert rating.is_complete, (
        f"{len(names)} pillar(s) not rated yet: {'; '.join(names)}. "
        "Choose a level for each of them in the form above."
    )
    return rating


def check_sequence_order(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Ex 4: every step placed, in the right order, found without revealing the answer."""
    model = _saved_model(sequencing.EXERCISE_KEY, sequencing.ProcessSequence, path,
                         "order of the steps")
    missing = [model.steps.name(s) for s in model.missing]
    assert not missing, f"Steps without a position yet: {_names(missing)}."
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
    """Ex 4: how each step feeds the next, explained for every link of the team's order."""
    model = _saved_model(sequencing.EXERCISE_KEY, sequencing.ProcessSequence, path,
                         "order of the steps")
    needed = model.size - 1
    assert model.is_complete and model.links_explained >= needed, (
        f"{model.links_explained} of the {needed} links between consecutive steps are "
        "explained. Place every step, then write under each link what the first step passes "
        "on to the next."
    )
    return model


# -- Module 3 ------------------------------------------------------------------------------


def check_situation_profile(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Ex 5: today's level and the target of every pillar, and a benchmark country."""
    model = _saved_model(situation.EXERCISE_KEY, situation.SituationAnalysis, path,
                         "situation analysis")
    profile = model.gap_profile()
    assert not profile.missing, (
        f"Part 1: today's level or the target is missing for {_names(profile.missing)}."
    )
    problems = model.assessment.problems()
    framework = model.assessment.framework
    assert not problems, (
        "Part 1: the target is below today's level for "
        f"{_names([framework.pillar(p).name for p in problems])}. Raise those targets."
    )
    assert profile.is_complete, "Part 2: choose the country whose data you benchmark."
    return model


def check_situation_evidence(path: str | Path = ASSIGNMENT_WORKBOOK, biggest: int = 3):
    """Ex 5: evidence for the biggest gaps, a full SWOT and a stakeholder map."""
    model = _saved_model(situation.EXERCISE_KEY, situation.SituationAnalysis, path,
                         "situation analysis")
    gaps = [g for g in model.assessment.gaps() if g.gap > 0][:biggest]
    assert gaps, "Part 1: no capacity gap yet. Set today's level and the target of each pillar."
    bare = [g.name for g in gaps if not g.evidence.strip()]
    assert not bare, f"Part 1: write the evidence for your biggest gaps: {_names(bare)}."
    empty = [name for category, name in model.swot.categories.items()
             if not model.swot.entries[category]]
    assert not empty, f"Part 3: the SWOT has nothing yet under {_names(empty)}."
    count = len(model.stakeholders.stakeholders)
    assert count >= 3, (
        f"Part 4: {count} stakeholder{'s' * (count != 1)} on the grid; place at least 3."
    )
    return model


# -- Module 4 ------------------------------------------------------------------------------


def check_scenarios(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Ex 6: ten signals, two critical uncertainties as axes, four named futures."""
    model = _saved_model(scenarios.EXERCISE_KEY, scenarios.ScenarioSet, path,
                         "horizon scan and scenarios")
    _assert_checks(model.checks(), "Ex 6, your horizon scan and scenarios")
    return model


def check_vision(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Ex 7: a vision statement that passes its checks, and milestones back to today."""
    model = _saved_model(vision.EXERCISE_KEY, vision.Vision, path, "vision")
    _assert_checks(model.checks(), "Ex 7, your vision and milestones")
    return model


# -- Module 5 ------------------------------------------------------------------------------


def check_structure(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Ex 8: every factor rated, a recommended structure with reasons, a risk, a first step."""
    model = _saved_model(structure.EXERCISE_KEY, structure.OrganizationStructure, path,
                         "recommended structure")
    _assert_checks(model.checks(), "Ex 8, your recommended structure")
    return model


def check_skills(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Ex 9: four to six roles, five or six competencies, every cell rated, every gap met."""
    model = _saved_model(skills.EXERCISE_KEY, skills.SkillsMatrix, path, "skills-gap matrix")
    _assert_checks(model.checks(), "Ex 9, your skills-gap matrix")
    return model


def check_roadmap(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Ex 10: the canvas follows the four rules of session 5.1."""
    model = _saved_model(roadmap.EXERCISE_KEY, roadmap.Roadmap, path, "capacity roadmap")
    _assert_checks(model.checks(), "Ex 10, your capacity roadmap")
    return model


# -- Module 6 ------------------------------------------------------------------------------


def check_indicators(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Ex 11: five indicators that pass all five SMART tests, over more than one level."""
    model = _saved_model(indicators.EXERCISE_KEY, indicators.IndicatorSet, path, "indicators")
    _assert_checks(model.set_checks(), "Ex 11, your indicators")
    return model


# -- the thread between assignments ----------------------------------------------------------


def bring_forward(earlier: dict[str, str], path: str | Path = ASSIGNMENT_WORKBOOK) -> list[str]:
    """Copy earlier exercises into this assignment's workbook, so that its forms start from them.

    ``earlier`` maps a workbook key to the assignment folder that saved it, for example
    ``{"ex10_roadmap": "m5_strategy"}``: the fetched assignments sit side by side, so that
    workbook is ``../m5_strategy/workbook.sqlite``. Only what this workbook does not hold yet is
    copied, and only the student's own revisions. Prints what was done; returns the keys copied.
    While nbgrader runs the notebook (validate, autograde) nothing is copied: grading reads
    only what was submitted.
    """
    if os.environ.get(NBGRADER_EXECUTION):
        return []
    here = Path(path)
    copied, missing = [], []
    try:
        workbook = Workbook(here)
    except WorkbookError as error:
        print(f"Your earlier work could not be brought here: {error}")
        return []
    for key, assignment in earlier.items():
        if workbook.latest(key) is not None:
            continue
        source = here.resolve().parent.parent / assignment / here.name
        try:
            revision = Workbook(source, participant=workbook.participant,
                                create=False).latest(key)
        except WorkbookError:
            revision = None
        if revision is None:
            missing.append(f"{key} (from {assignment})")
            continue
        workbook.save(key, revision.data)
        copied.append(key)
        print(f"Brought {key} from {assignment}, as you saved it there.")
    if missing:
        print("Not found, so the forms below start without it: " + "; ".join(missing) + ".")
    if not copied and not missing:
        print("This workbook already holds your earlier work.")
    return copied


# -- Module 7 ------------------------------------------------------------------------------

#: Module 7: the fewest actions a plan holds, the words a title needs, how soon the first
#: action starts and how far the plan reaches (the roadmap's two horizons, 36 months).
PLAN_ACTIONS, TITLE_WORDS, FIRST_STEP_DAYS, PLAN_MONTHS = 4, 3, 92, 36


def saved_action_plan(path: str | Path = ASSIGNMENT_WORKBOOK):
    """The student's saved action plan, and the revision it was read from."""
    from dgtkit.models import action_plan

    revision = saved_answer(action_plan.EXERCISE_KEY, path)
    try:
        return action_plan.ActionPlan.from_dict(revision.data), revision
    except UNREADABLE:
        raise AssertionError(
            f"Your saved action plan (revision {revision.id}) could not be read. Open the "
            "form above again and save your plan once more."
        ) from None


def action_plan_table(plan) -> str:
    """The plan as plain text, one action a line, for the student and the lecturer."""
    lines = [f"{'Start':<10}  {'End':<10}  {'Lead':<32}  Action"]
    for action in sorted(plan.actions, key=lambda a: (a.start, a.end)):
        lines.append(f"{action.start.isoformat():<10}  {action.end.isoformat():<10}  "
                     f"{action.lead[:32]:<32}  {action.title}")
    return "\n".join(lines)


def check_action_plan_complete(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Module 7: at least four actions, each with a title that says what is done (every
    action has a lead and dates: the form asks for them)."""
    plan, _revision = saved_action_plan(path)
    count = len(plan.actions)
    assert count >= PLAN_ACTIONS, (
        f"Your plan has {count} action{'s' * (count != 1)}; it needs at least {PLAN_ACTIONS}. "
        "Add the actions that carry out your roadmap, each with a lead and dates."
    )
    short = [a.title for a in plan.actions if word_count(a.title) < TITLE_WORDS]
    assert not short, (
        f"Say what is done, in at least {TITLE_WORDS} words, in the title of: {_names(short)}."
    )
    return plan


def check_action_plan_distinct(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Module 7: no action twice."""
    plan, _revision = saved_action_plan(path)
    seen, twice = set(), []
    for action in plan.actions:
        key = " ".join(action.title.casefold().split())
        if key in seen:
            twice.append(action.title)
        seen.add(key)
    assert not twice, f"These actions appear more than once: {_names(twice)}. Merge them."
    return plan


def check_action_plan_consistent(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Module 7: one accountable lead per action, a first step soon after the plan was saved,
    and nothing beyond the roadmap's three years."""
    plan, revision = saved_action_plan(path)
    saved = revision.saved_at.date()
    guide = roadmap.canvas_guide()
    vague = [a.title for a in plan.actions if a.lead.casefold() in guide.vague_owners
             or any(s in a.lead for s in guide.owner_separators)]
    assert not vague, (
        "Give each action one lead who answers for it: a named unit or post, not a group "
        f"or several units. Check the lead of: {_names(vague)}."
    )
    assert plan.actions and min(a.start for a in plan.actions) <= (
        saved + timedelta(days=FIRST_STEP_DAYS)), (
        "No action starts within three months of the day you saved the plan. A plan starts "
        "now: make the first step one that can begin at once."
    )
    horizon = date(saved.year + PLAN_MONTHS // 12, saved.month, 1)
    late = [a.title for a in plan.actions if a.end > horizon]
    assert not late, (
        f"These actions end more than {PLAN_MONTHS} months after you saved the plan, beyond "
        f"the roadmap's horizons: {_names(late)}. Split them, or end them sooner."
    )
    return plan


def check_action_plan_follows_earlier_work(path: str | Path = ASSIGNMENT_WORKBOOK):
    """Module 7: nothing after the vision's year (Ex 7), and at least one action led by an
    owner of the capacity roadmap (Ex 10), when the workbook holds them."""
    plan, _revision = saved_action_plan(path)
    workbook = Workbook(path, create=False)
    vision_saved = workbook.latest_by_anyone(vision.EXERCISE_KEY)
    if vision_saved is not None:
        year = vision.Vision.from_dict(vision_saved.data).year
        after = [a.title for a in plan.actions if year and a.end.year > year]
        assert not after, (
            f"These actions end after the year of your vision ({year}): {_names(after)}."
        )
    roadmap_saved = workbook.latest_by_anyone(roadmap.EXERCISE_KEY)
    if roadmap_saved is not None:
        owners = {r.owner.casefold() for r in
                  roadmap.Roadmap.from_dict(roadmap_saved.data).interventions()}
        assert not owners or any(a.lead.casefold() in owners for a in plan.actions), (
            "None of your actions is led by an owner of your capacity roadmap (Ex 10). The "
            "plan carries out the roadmap: give at least one action to a row's owner."
        )
    return plan
