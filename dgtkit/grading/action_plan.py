"""Module 7: the action plan as the app exports it (a JSON file handed in beside the
notebook), or else the plan the notebook's form saved in the workbook (``submitted_plan``),
checked for what a plan needs and for how it holds together, in plain words."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from dgtkit.grading.saved import ASSIGNMENT_WORKBOOK, check_own_work, name_list, saved_answer
from dgtkit.models import UNREADABLE, dates, roadmap, situation
from dgtkit.planfile.handed_in import json_document, plan_files
from dgtkit.store import handoff
from dgtkit.store.workbook import NBGRADER_EXECUTION, Workbook, WorkbookError

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
#: the dates are required by the form itself. The SDG targets have a check of their own
#: (``check_action_plan_sdg_targets``: official targets, each served by an action). The
#: other parts (partners, risks and their mitigation, priority and its reason) are advice
#: only: whether an action needs partners, and whether a risk or a priority is well argued,
#: is a matter of quality, which the lecturer grades with the rubric of the pitch.
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
    return f" ({name_list(others)} {verb} exported by the app.)"


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
        files = [path.name for path, _data in plans]
        raise AssertionError(
            f"There are {len(plans)} action-plan files beside this notebook: {name_list(files)}. "
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
    listed = name_list([path.name for path, _data in plans])
    try:
        plan, _revision = saved_action_plan(folder / ASSIGNMENT_WORKBOOK)
    except AssertionError as error:
        if plans:
            print(f"A plan file is already here: {listed}. The form above has saved no plan, "
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
        print(f"A plan file is already here: {listed}. " + (
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
        f"These actions appear more than once: {name_list(twice)}. Merge them into one action."
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
        f"{name_list(unserved)}."
    )
    return plan


def sdg_problems(plan) -> list[str]:
    """What is wrong with the plan's SDG targets: none named; a target that is not one of
    the 169; a target of the plan (Ex 12's, or the vision's) that no action serves."""
    from dgtkit.course.sdg_list import sdg_list

    official = sdg_list().target_ids
    served = {t for action in plan.actions for t in action.sdg_targets}
    named = list(dict.fromkeys([*plan.vision.sdg_targets, *served]))
    if not named:
        return ["The plan names no SDG target. Tie each action to the targets it serves "
                "(Ex 12, the local SDG review, chooses them)."]
    problems = []
    unknown = [t for t in named if t not in official]
    if unknown:
        problems.append(f"These are not SDG targets: {name_list(unknown)}. Use the official "
                        "numbers, such as 11.2 or 16.a.")
    idle = [t for t in plan.vision.sdg_targets if t in official and t not in served]
    if idle:
        problems.append(f"No action serves the plan's SDG target{'s' * (len(idle) != 1)} "
                        f"{name_list(idle)}. Tie {'each' if len(idle) != 1 else 'it'} to an "
                        "action in the action's 'SDG targets', or drop it in Ex 12.")
    return problems


def check_action_plan_sdg_targets(folder: str | Path = "."):
    """Module 7 (part of consistency): the plan names SDG targets, every one is one of the
    169 official targets, and each target of the plan is served by at least one action."""
    graded = submitted_plan(folder, say=False)
    problems = sdg_problems(graded.plan)
    assert not problems, _listing("The SDG targets of your plan:", problems, _fix(graded))
    return graded.plan


def plan_consistency(plan, made: date | None) -> list[str]:
    """What does not hold together in a plan exported (or saved) on ``made``."""
    problems = []
    vague = [a.title for a in plan.actions if roadmap.is_vague_owner(a.lead)]
    if vague:
        problems.append("Give each action one lead who answers for it: a named unit or post, "
                        f"not a group or several units. Check the lead of: {name_list(vague)}.")
    backwards = [a.title for a in plan.actions if a.end < a.start]
    if backwards:
        problems.append(f"These actions end before they start: {name_list(backwards)}.")
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
                            f"{name_list(free)}. Estimate what they cost, staff time included.")
    year = plan.vision.year
    late = [a.title for a in plan.actions if year and a.end.year > year]
    if late:
        problems.append(f"These actions end after the year of your vision ({year}): "
                        f"{name_list(late)}.")
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
    try:
        workbook = Workbook(graded.workbook, create=False)
    except WorkbookError:
        return plan  # an unreadable workbook is not the plan's fault
    # An unreadable Ex 7 or Ex 10 is not the plan's fault either: the hand-off reads nothing.
    own_vision = vision_link(handoff.vision(workbook, anyone=True))
    if not own_vision.is_empty:
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
    owners = {r.owner.casefold() for r in handoff.roadmap(workbook, anyone=True)}
    assert not owners or any(a.lead.casefold() in owners for a in plan.actions), (
        "None of your actions is led by an owner of your capacity roadmap (Ex 10). The "
        "plan carries out the roadmap: give at least one action to a row's owner."
    )
    return plan


def check_action_plan_addresses_gaps(folder: str | Path = "."):
    """Module 7 (hidden part of consistency): each of the biggest gaps of Ex 5 has an action
    on its pillar (``plan_checks.quality_checks``). The gaps are those saved in Ex 5 in the
    workbook beside the notebook, else those the plan carried into its context. (Each
    objective measured: ``check_action_plan_objectives_served``.)"""
    from dgtkit.models.plan_checks import gap_pillars, quality_checks

    graded = submitted_plan(folder, say=False)
    plan, gaps = graded.plan, []
    if graded.workbook.is_file():
        try:
            workbook = Workbook(graded.workbook, create=False)
            saved = handoff.saved(workbook, situation.EXERCISE_KEY, anyone=True)
            gaps = [(g.pillar, g.name) for g in situation.GapProfile.saved_gaps(saved)]
        except WorkbookError:
            gaps = []
    failed = [c for c in quality_checks(plan, gaps or gap_pillars(plan)) if not c.passed]
    assert not failed, "\n".join(f"{c.label}: not yet. {c.reason}" for c in failed) + (
        " " + _fix(graded))
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
