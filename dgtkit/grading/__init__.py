"""What the autograder tests of the nbgrader assignments call.

Autograding re-executes a notebook with nobody clicking, so the tests never read widget state:
they read what the student saved in ``workbook.sqlite`` beside the notebook. Every failure is
an AssertionError whose message tells the student what is wrong, without giving the answer.

One function per exercise checks the latest saved revision of that exercise, mostly by the
exercise's own checks (the ones its form shows as a checklist). The data tasks of Modules 3
and 6 use :func:`check_country`, :func:`check_number` and :func:`check_close`. Module 7
grades the action plan as the app exports it, a JSON file beside the notebook, or else the
plan its form saved in the workbook (:func:`submitted_plan`).
"""

from __future__ import annotations

import json
import math
import numbers
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from dgtkit.models import (
    benefit_risk,
    classification,
    dates,
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
from dgtkit.planfile.handed_in import json_document, plan_files
from dgtkit.store.workbook import Revision, Workbook, WorkbookError

#: The workbook an assignment's exercises write to: beside the notebook, whatever
#: $DGTKIT_WORKBOOK says, so that nbgrader submits and grades it with the notebook.
ASSIGNMENT_WORKBOOK = "workbook.sqlite"
#: Set by nbgrader (autograde, validate) while it runs a notebook.
NBGRADER_EXECUTION = "NBGRADER_EXECUTION"
#: The student whose submission is being autograded, set for the kernel by
#: ``dgtkit.instructor.nbgrader_hooks.StudentForTheKernel``; unset when nobody is to be checked.
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
    from dgtkit.course import data

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
#
# Module 7's assignment is the action plan itself: the JSON file the action-plan app exports
# (in the room on Day 5, or from the form embedded in the notebook), handed in beside the
# notebook. Without such a file, the plan the embedded form saved in the workbook is graded.

#: The fewest objectives and actions a graded plan holds, and the most days after the plan
#: was exported (or saved) that its first action may start.
PLAN_OBJECTIVES, PLAN_ACTIONS, FIRST_STEP_DAYS = 2, 4, 92
#: The parts of an action the autograder requires (fields of ``plan_checks.gaps_by_field``).
#: They are what makes a plan an executable and checkable plan, the reviewers' questions of
#: session 7.1 that have a yes-or-no answer: what it serves (objective), where it builds
#: capacity (capacity level, pillar), what it costs and who pays (budget, its source), and
#: how the team will know it worked (an indicator with a baseline and a target). The lead and
#: the dates are required by the form itself. The other parts (partners, SDG targets, risks
#: and their mitigation, priority and its reason) are advice only: whether an action needs
#: partners or touches an SDG target, and whether a risk or a priority is well argued, is a
#: matter of quality, which the lecturer grades with the rubric of the pitch.
REQUIRED_PARTS = frozenset({"objective", "capacity_level", "pillar", "budget",
                            "budget_source", "indicator"})
#: The lines a message lists before "and N more".
MOST_LINES = 8
EXPORT_HOW = (
    "Export your plan as JSON from the action-plan app (its 'Export and import' tab), then "
    "upload the file into this assignment's folder, beside this notebook."
)


@dataclass(frozen=True)
class GradedPlan:
    """The plan a Module 7 submission is graded on, and where it came from."""

    plan: object  # a dgtkit.models.action_plan.ActionPlan
    source: str  # "file" (an exported JSON file) or "workbook" (saved by the form)
    name: str  # the file's name, or the workbook's
    made: date | None  # the day it was exported or saved (None: the file does not say)
    folder: Path

    @property
    def workbook(self) -> Path:
        return self.folder / ASSIGNMENT_WORKBOOK

    def describe(self) -> str:
        day = f" on {dates.day(self.made)}" if self.made else ""
        if self.source == "file":
            return f"Graded: the plan in the file {self.name}, exported{day}."
        return (f"Graded: the plan the form saved in {self.name}{day}, because there is no "
                "plan file (.json) beside this notebook.")


def _exported(data: bytes) -> date | None:
    """The day the app exported the file (its "exported" time), or None if it does not say."""
    stamp = json_document(data).get("exported")
    try:
        return datetime.fromisoformat(stamp).date() if isinstance(stamp, str) else None
    except ValueError:
        return None


def _not_plans(others: list[str]) -> str:
    if not others:
        return ""
    verb = "is not an action plan" if len(others) == 1 else "are not action plans"
    return f" ({_names(others)} {verb} exported by the app.)"


def submitted_plan(folder: str | Path = ".", say: bool = True) -> GradedPlan:
    """The plan a Module 7 submission is graded on; ``say`` prints one line saying which.

    - One plan file (.json) in ``folder``: that file, read as the app imports it.
    - None: the plan the form embedded in the notebook saved in the workbook beside it.
    - Two or more, or a file that cannot be read: an AssertionError saying what to do.
    """
    from dgtkit.models import action_plan
    from dgtkit.planfile.reading import ImportRefused, read_plan

    folder = Path(folder)
    plans, others = plan_files(folder)
    if len(plans) > 1:
        names = [path.name for path, _data in plans]
        raise AssertionError(
            f"There are {len(plans)} action-plan files beside this notebook: {_names(names)}. "
            "Only one plan can be graded: keep the file you want graded, delete the others "
            "(or move them out of this folder), then run this cell again."
        )
    if plans:
        path, data = plans[0]
        try:
            plan = read_plan(path.name, data)
        except ImportRefused as error:
            raise AssertionError(
                f"The plan file {path.name} cannot be graded. {error} Export your plan again "
                "as JSON from the action-plan app (its 'Export and import' tab) and upload the "
                "new file in place of this one. Do not change the file by hand."
            ) from None
        graded = GradedPlan(plan, "file", path.name, _exported(data), folder)
    else:
        revision = None
        workbook = folder / ASSIGNMENT_WORKBOOK
        if workbook.is_file():
            try:
                revision = Workbook(workbook, create=False).latest_by_anyone(
                    action_plan.EXERCISE_KEY)
            except WorkbookError:
                revision = None
        if revision is None:
            raise AssertionError(
                "No action plan was found to grade: there is no plan file (.json) beside this "
                f"notebook, and the form in this notebook has saved no plan. {EXPORT_HOW} Or "
                "build your plan in the form above and run the cell under it, which saves the "
                "plan as that file." + _not_plans(others)
            )
        try:
            plan = action_plan.ActionPlan.from_dict(revision.data)
        except UNREADABLE:
            raise AssertionError(
                f"The action plan the form saved (revision {revision.id}) could not be read. "
                f"Open the form above again and save your plan once more, or: {EXPORT_HOW}"
            ) from None
        graded = GradedPlan(plan, "workbook", ASSIGNMENT_WORKBOOK,
                            revision.saved_at.date(), folder)
    if say:
        print(graded.describe() + _not_plans(others))
    return graded


def saved_action_plan(path: str | Path = ASSIGNMENT_WORKBOOK):
    """The plan the form saved in the workbook, and the revision it was read from."""
    from dgtkit.models import action_plan

    revision = saved_answer(action_plan.EXERCISE_KEY, path)
    try:
        return action_plan.ActionPlan.from_dict(revision.data), revision
    except UNREADABLE:
        raise AssertionError(
            f"Your saved action plan (revision {revision.id}) could not be read. Open the "
            "form above again and save your plan once more."
        ) from None


def export_saved_plan(folder: str | Path = ".") -> Path | None:
    """Save the plan the form saved in the workbook as the JSON file the app exports, beside
    the notebook, so that it is the plan handed in. Returns the file written, or None.

    Never replaces a plan file that is there already (it may be the one a team exported in
    the room): it says so, and what to do. While nbgrader runs the notebook (autograde,
    validate) it writes nothing at all: the plan graded is the one handed in, and a file
    written then would also take the workbook's plan out of the check that it is the
    student's own work.
    """
    from dgtkit.planfile import export, filename

    folder = Path(folder)
    if os.environ.get(NBGRADER_EXECUTION):
        print("Nothing was written: while the assignment is graded, the plan handed in is "
              "graded as it is.")
        return None
    plans, _others = plan_files(folder)
    names = _names([path.name for path, _data in plans])
    try:
        plan, _revision = saved_action_plan(folder / ASSIGNMENT_WORKBOOK)
    except AssertionError as error:
        if plans:
            print(f"A plan file is already here: {names}. The form above has saved no plan, "
                  "so nothing was written.")
        elif "could not be read" in str(error):
            print(f"Nothing was written. {error}")
        else:
            print("Nothing was written: the form above has saved no plan yet. Build your plan "
                  "there (it is saved as you go), then run this cell again. If your team "
                  "exported its plan in the room, upload that file here instead.")
        return None
    if plans:
        same = len(plans) == 1 and _same_plan(plans[0][1], plan)
        print(f"A plan file is already here: {names}. " + (
            "It holds the plan in the form, so nothing was written." if same else
            "It is the plan that is graded, so nothing was written. To hand in the plan in "
            f"the form instead, delete {'that file' if len(plans) == 1 else 'those files'}, "
            "then run this cell again."))
        return None
    target = folder / filename(plan, "json")
    try:
        target.write_bytes(export(plan, "json"))
    except OSError as error:
        print(f"The plan could not be saved as {target.name}: {error.strerror or error}.")
        return None
    print(f"Saved your plan as {target.name}, beside this notebook: it is the plan that is "
          "graded. If you change the plan in the form, delete the file and run this cell "
          "again.")
    return target


def _same_plan(data: bytes, plan) -> bool:
    return json_document(data).get("plan") == json.loads(json.dumps(plan.to_dict()))


def action_plan_table(plan) -> str:
    """The plan as plain text, one action a line, for the student and the lecturer."""
    from dgtkit.models.plan_checks import summary

    lines = [f"{'Start':<10}  {'End':<10}  {'Lead':<32}  Action"]
    for action in sorted(plan.actions, key=lambda a: (a.start, a.end)):
        lines.append(f"{action.start.isoformat():<10}  {action.end.isoformat():<10}  "
                     f"{action.lead[:32]:<32}  {action.title}")
    return "\n".join(lines) + "\n" + summary(plan)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _listing(head: str, lines: list[str], tail: str) -> str:
    """A message: ``head``, at most MOST_LINES lines, "and N more", then ``tail``."""
    shown = [f"- {line}" for line in lines[:MOST_LINES]]
    if len(lines) > MOST_LINES:
        shown.append(f"- and {len(lines) - MOST_LINES} more.")
    return "\n".join([head, *shown, *([tail] if tail else [])])


def _by_subject(items) -> list[str]:
    """``Missing`` items as one line per objective or action (or per item of the plan)."""
    groups: dict[tuple[str, str], list] = {}
    for item in items:
        key = (item.part, item.ref) if item.ref else (item.part, item.text)
        groups.setdefault(key, []).append(item)
    result = []
    for group in groups.values():
        subject = group[0].subject
        text = " ".join(item.text for item in group)
        result.append(f"{_short(subject)}: {text}" if subject else text)
    return result


def plan_completeness(plan) -> tuple[list[str], list[str]]:
    """What a plan lacks for the completeness check (one line per action), and the advice
    that is not graded (see REQUIRED_PARTS)."""
    from dgtkit.models.plan_checks import missing

    problems = []
    objectives, actions = len(plan.objectives), len(plan.actions)
    if objectives < PLAN_OBJECTIVES:
        problems.append(
            f"The plan has {objectives} objective{'s' * (objectives != 1)}; it needs at least "
            f"{PLAN_OBJECTIVES}: the changes that bring your vision closer."
        )
    if actions < PLAN_ACTIONS:
        problems.append(
            f"The plan has {actions} action{'s' * (actions != 1)}; it needs at least "
            f"{PLAN_ACTIONS}: the actions that carry out your roadmap."
        )
    gaps = missing(plan)
    required = [m for m in gaps if m.part == "action" and m.field in REQUIRED_PARTS]
    advice = [m for m in gaps if not (m.part == "action" and m.field in REQUIRED_PARTS)
              and not (m.part == "plan" and m.field in ("objectives", "actions"))]
    return problems + _by_subject(required), _by_subject(advice)


def _fix(graded: GradedPlan) -> str:
    """What to do once the plan is corrected, for the plan graded."""
    if graded.source == "file":
        return ("Correct the plan in the action-plan app, export it again as JSON, and put the "
                f"new file here in place of {graded.name}.")
    return "Correct the plan in the form above: it is saved at once."


def check_action_plan_complete(folder: str | Path = "."):
    """Module 7 (visible): at least two objectives and four actions, every action linked to
    an objective and with its required parts (REQUIRED_PARTS says which, and why). What is
    only advice is printed, not graded."""
    graded = submitted_plan(folder)
    plan = graded.plan
    problems, advice = plan_completeness(plan)
    assert not problems, _listing(
        "Your plan is not complete yet. Still missing:", problems,
        "The tab 'What is missing' of the action-plan app lists these too. " + _fix(graded)
    )
    if advice:
        print(_listing("Not checked automatically, but your lecturer reads these parts too:",
                       advice, ""))
    return plan


def check_action_plan_distinct(folder: str | Path = "."):
    """Module 7 (hidden part of completeness): no action twice."""
    plan = submitted_plan(folder, say=False).plan
    seen, twice = set(), []
    for action in plan.actions:
        key = " ".join(action.title.casefold().split())
        if key in seen:
            twice.append(action.title)
        seen.add(key)
    assert not twice, (
        f"These actions appear more than once: {_names(twice)}. Merge them into one action."
    )
    return plan


def check_action_plan_objectives_served(folder: str | Path = "."):
    """Module 7 (hidden part of completeness): every objective has at least one action with
    an indicator, so that the plan can tell whether it is reached."""
    from dgtkit.models.plan_checks import missing

    plan = submitted_plan(folder, say=False).plan
    unserved = [m.subject for m in missing(plan)
                if m.part == "objective" and m.field in ("actions", "indicator")]
    assert not unserved, (
        "Each objective needs at least one action with an indicator that measures it. Not yet: "
        f"{_names(unserved)}."
    )
    return plan


def plan_consistency(plan, made: date | None) -> list[str]:
    """What does not hold together in a plan exported (or saved) on ``made``."""
    problems = []
    guide = roadmap.canvas_guide()
    vague = [a.title for a in plan.actions if a.lead.casefold() in guide.vague_owners
             or any(s in a.lead for s in guide.owner_separators)]
    if vague:
        problems.append("Give each action one lead who answers for it: a named unit or post, "
                        f"not a group or several units. Check the lead of: {_names(vague)}.")
    backwards = [a.title for a in plan.actions if a.end < a.start]
    if backwards:
        problems.append(f"These actions end before they start: {_names(backwards)}.")
    for action in plan.actions:
        for message in action.indicator.problems().values():
            problems.append(f"{_short(action.title)}: {message}")
    priced = [a for a in plan.actions if a.budget is not None]
    if priced and sum(a.budget for a in priced) <= 0:
        problems.append("The plan's budget adds up to nothing. Estimate what each action "
                        "costs, staff time included.")
    else:
        free = [o.title for o in plan.objectives
                if any(a.objective == o.id and a.budget is not None for a in plan.actions)
                and sum(a.budget or 0 for a in plan.actions if a.objective == o.id) <= 0]
        if free:
            problems.append("The actions of these objectives add up to a budget of 0: "
                            f"{_names(free)}. Estimate what they cost, staff time included.")
    year = plan.vision.year
    late = [a.title for a in plan.actions if year and a.end.year > year]
    if late:
        problems.append(f"These actions end after the year of your vision ({year}): "
                        f"{_names(late)}.")
    if plan.actions:
        first = min(a.start for a in plan.actions)
        if made is None:
            problems.append("The plan file does not say when it was exported, so the date of "
                            "your first step cannot be checked. " + EXPORT_HOW)
        elif first > made + timedelta(days=FIRST_STEP_DAYS):
            problems.append("No action starts within three months of the day the plan was "
                            f"exported or saved ({dates.day(made)}). A plan starts now: make "
                            "the first step one that can begin at once.")
    return problems


def check_action_plan_consistent(folder: str | Path = "."):
    """Module 7 (visible): one accountable lead per action, every action ending after it
    starts, indicator targets that fit their baselines and direction, a budget above zero
    (for the plan and for each objective), nothing after the vision's year, and a first step
    soon after the plan was exported (or saved by the form)."""
    graded = submitted_plan(folder)
    problems = plan_consistency(graded.plan, graded.made)
    assert not problems, _listing("Your plan does not hold together yet:", problems,
                                  _fix(graded))
    return graded.plan


def _same_text(first: str, second: str) -> bool:
    return " ".join(first.casefold().split()) == " ".join(second.casefold().split())


def check_action_plan_follows_earlier_work(folder: str | Path = "."):
    """Module 7 (hidden part of consistency), when the workbook beside the notebook holds
    them: the plan serves the vision of Ex 7 (its statement or its year is the one saved
    there), and at least one action is led by an owner of the capacity roadmap (Ex 10)."""
    from dgtkit.models.plan_prefill import vision_link

    graded = submitted_plan(folder, say=False)
    plan = graded.plan
    if not graded.workbook.is_file():
        return plan
    workbook = Workbook(graded.workbook, create=False)
    vision_saved = workbook.latest_by_anyone(vision.EXERCISE_KEY)
    try:
        own_vision = vision_link(vision.Vision.from_dict(vision_saved.data)) if (
            vision_saved is not None) else None
    except UNREADABLE:
        own_vision = None  # an unreadable Ex 7 is not the plan's fault
    if own_vision is not None and not own_vision.is_empty:
        assert not plan.vision.is_empty, (
            "Your plan does not show the vision it serves. Open the plan in the action-plan "
            "app where your vision from Ex 7 (Module 4) is saved, so that the plan takes it "
            "in, then export the plan again."
        )
        same_year = own_vision.year is not None and plan.vision.year == own_vision.year
        assert same_year or _same_text(plan.vision.statement, own_vision.statement), (
            "The vision in your plan is not the vision you saved in Ex 7 (Module 4): neither "
            "its statement nor its year is the same. A plan serves your own vision. If you "
            "changed your vision, or your team's plan serves another one, say why in Part B."
        )
    roadmap_saved = workbook.latest_by_anyone(roadmap.EXERCISE_KEY)
    if roadmap_saved is not None:
        try:
            rows = roadmap.Roadmap.from_dict(roadmap_saved.data).interventions()
        except UNREADABLE:
            rows = []
        owners = {r.owner.casefold() for r in rows}
        assert not owners or any(a.lead.casefold() in owners for a in plan.actions), (
            "None of your actions is led by an owner of your capacity roadmap (Ex 10). The "
            "plan carries out the roadmap: give at least one action to a row's owner."
        )
    return plan


def check_action_plan_own_work(folder: str | Path = "."):
    """Module 7 (hidden): the plan the form saved in the workbook, when it is the plan graded,
    was saved by the student whose submission it is (``check_own_work``). An exported JSON
    file records no student, so nothing can be checked of it: the pitch and the lecturer's
    reading of the plan decide."""
    from dgtkit.models import action_plan

    graded = submitted_plan(folder, say=False)
    if graded.source == "workbook":
        check_own_work(action_plan.EXERCISE_KEY, path=graded.workbook)
    return graded.plan
