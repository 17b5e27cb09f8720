"""What an action plan still lacks, in plain words: the list a team works down before it
exports, and the reviewers' questions of session 7.1 asked of every action.

A plan can be saved at any time; these checks never block a save. (What blocks adding an
action, such as an end date before the start, is checked by ``new_action`` beside each
field.)
"""

from __future__ import annotations

from dataclasses import dataclass

from dgtkit.models.action_plan import Action, ActionPlan
from dgtkit.models.checks import Check

OBJECTIVES_ADVISED = (2, 4)
#: How many of the biggest Ex 5 gaps a graded plan acts on: each has an action on its pillar.
TOP_GAPS = 2


@dataclass(frozen=True)
class Missing:
    """One thing the plan still lacks: where it is (``subject``) and what to do."""

    part: str  # "plan", "objective" or "action"
    subject: str  # the objective's or action's title, or "" for the plan as a whole
    text: str
    ref: str = ""  # the objective's or action's id
    field: str = ""  # what it is about: an action's field (see gaps_by_field), or for the
    # plan "government", "level", "objectives", "actions", for an objective "link",
    # "actions", "indicator"

    def sentence(self) -> str:
        return f"{self.subject}: {self.text}" if self.subject else self.text


def action_gaps(action: Action, plan: ActionPlan | None = None) -> list[str]:
    """What one action still lacks, each as a short instruction."""
    return [text for _field, text in gaps_by_field(action, plan)]


def gaps_by_field(action: Action, plan: ActionPlan | None = None) -> list[tuple[str, str]]:
    """What one action still lacks, as (field, instruction): the field is the part of the
    action the instruction is about (``objective``, ``capacity_level``, ``pillar``,
    ``partners``, ``budget``, ``budget_source``, ``indicator``, ``sdg_targets``, ``risks``,
    ``mitigation``, ``priority``, ``priority_reason``), so that a reader such as the
    autograder can tell which parts it requires."""
    gaps = []
    if plan is not None and plan.objectives and not action.objective:
        gaps.append(("objective", "Choose the objective it serves."))
    if not action.capacity_level:
        gaps.append(("capacity_level", "Choose its capacity level."))
    if not action.pillar:
        gaps.append(("pillar", "Choose the pillar it strengthens."))
    if action.partners.is_empty:
        gaps.append(("partners", "Name its partners (public, private or people)."))
    if action.budget is None:
        gaps.append(("budget", "Estimate its budget."))
    if not action.budget_source:
        gaps.append(("budget_source", "Say where the money comes from."))
    indicator = action.indicator
    if indicator.is_empty:
        gaps.append(("indicator", "Give it an indicator with a baseline and a target."))
    else:
        if indicator.baseline is None:
            gaps.append(("indicator", f"Give the baseline of '{indicator.name}'."))
        if indicator.target is None:
            gaps.append(("indicator", f"Give the target of '{indicator.name}'."))
        for message in indicator.problems().values():
            gaps.append(("indicator", message))
    if not action.sdg_targets:
        gaps.append(("sdg_targets", "Link it to the SDG targets it contributes to."))
    if not action.risks:
        gaps.append(("risks", "Name what could stop it."))
    elif not action.mitigation:
        gaps.append(("mitigation", "Say how you will reduce the risk."))
    if not action.priority:
        gaps.append(("priority", "Give it a priority."))
    elif not action.priority_reason:
        gaps.append(("priority_reason", "Say in one sentence why it has this priority."))
    return gaps


def missing(plan: ActionPlan) -> list[Missing]:
    """Everything the plan still lacks, the plan first, then objectives, then actions."""
    found: list[Missing] = []

    def note(part, subject, text, ref="", field=""):
        found.append(Missing(part, subject, text, ref, field))

    if not (plan.government or plan.country):
        note("plan", "", "Name the government: the country, and the city, region or agency.",
             field="government")
    if not plan.level:
        note("plan", "", "Choose the level of government.", field="level")
    low, high = OBJECTIVES_ADVISED
    if not plan.objectives:
        note("plan", "", f"Write the plan's objectives ({low} to {high} changes that bring "
                         "the vision closer).", field="objectives")
    if not plan.actions:
        note("plan", "", "Add the plan's actions.", field="actions")
    for objective in plan.objectives:
        actions = [a for a in plan.actions if a.objective == objective.id]
        if not objective.link:
            note("objective", objective.title,
                 "Link it to the vision or to one of its milestones.", objective.id, "link")
        if not actions:
            note("objective", objective.title, "No action serves it yet.", objective.id,
                 "actions")
        elif all(a.indicator.is_empty for a in actions):
            note("objective", objective.title,
                 "No indicator measures it yet: give one of its actions an indicator.",
                 objective.id, "indicator")
    for action in plan.actions:
        for field, text in gaps_by_field(action, plan):
            note("action", action.title, text, action.id, field)
    return found


def summary(plan: ActionPlan) -> str:
    """One sentence on how complete the plan is."""
    gaps = missing(plan)
    actions = len(plan.actions)
    complete = sum(1 for a in plan.actions if not action_gaps(a, plan))
    head = (f"{len(plan.objectives)} objective{'s' if len(plan.objectives) != 1 else ''}, "
            f"{actions} action{'s' if actions != 1 else ''} ({complete} complete).")
    if not gaps:
        return head + " Nothing is missing: the plan is ready to export."
    return head + f" {len(gaps)} thing{'s' if len(gaps) != 1 else ''} still missing."


def gap_pillars(plan: ActionPlan) -> list[tuple[str, str]]:
    """(pillar id, name) of the Ex 5 gaps the team carried into the plan's context, in
    their order (biggest first)."""
    return [(c.origin.removeprefix("ex05:gap:"), c.title) for c in plan.context
            if c.section == "gap" and c.origin.startswith("ex05:gap:")]


def quality_checks(plan: ActionPlan, gaps: list[tuple[str, str]]) -> list[Check]:
    """What a competent plan gets right and a careless one does not: its actions act on the
    biggest capacity gaps (``gaps``: (pillar id, name), biggest first, from Ex 5). (That
    each objective is measured, by an action with an indicator whose target differs from
    its baseline, ``missing`` and ``Indicator.problems`` already hold.)"""
    top = gaps[:TOP_GAPS]
    acted = {a.pillar for a in plan.actions}
    left = [name for pillar, name in top if pillar not in acted]
    if not top:
        return [Check("top_gaps", "The actions act on your biggest gaps", False,
                      "The plan does not show which capacity gaps it closes: take in your "
                      "gaps from Ex 5 (Module 3) in the app's context tab.")]
    return [Check(
        "top_gaps", "The actions act on your biggest gaps", not left,
        f"No action strengthens the pillar of these gaps: {'; '.join(left)}. Give each of "
        "your biggest gaps at least one action on its pillar." if left else
        "Every one of your biggest gaps has an action on its pillar.")]
