"""The week's work offered as a start for the plan: objectives from the Ex 7 milestones,
actions from the Ex 5 gaps and the Ex 10 roadmap, indicators from Ex 11.

Each is a ``Suggestion`` the team can accept, edit first or drop. The inputs are what
``dgtkit.store.handoff`` reads from the workbook (objects with the documented fields); nothing here
reads the workbook itself, so every rule is tested with plain values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from dgtkit.course.frameworks import frameworks
from dgtkit.models.action_plan import (
    CAPACITY_LEVELS,
    TITLE_LIMIT,
    ActionPlan,
    Milestone,
    VisionLink,
    plain,
)


@dataclass(frozen=True)
class Suggestion:
    """A starting point from an earlier exercise: an objective or an action."""

    id: str  # stable: "ex05:skills", "ex07:<milestone id>", "ex10:<row id>"
    kind: str  # "objective" or "action"
    source: str  # where it comes from, for the team: "Ex 5 gap profile"
    title: str
    details: str = ""  # one line on what it carries
    values: dict = field(default_factory=dict)  # new_action keyword values, or objective's

    @property
    def label(self) -> str:
        return f"{self.source}: {self.title}"


@dataclass(frozen=True)
class IndicatorChoice:
    """An Ex 11 indicator the editor can copy into an action."""

    id: str
    label: str
    name: str
    unit: str
    baseline: float | None
    target: float | None
    direction: str
    intervention_id: str = ""


def _short(text: str, limit: int = TITLE_LIMIT) -> str:
    text = " ".join(plain(text).split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _level_of(pillar: str) -> str:
    """The capacity level the course links ``pillar`` to (frameworks.yaml), or ""."""
    framework = frameworks()
    return (framework.pillar(pillar).level or "") if pillar in framework.pillar_ids else ""


def vision_link(vision) -> VisionLink:
    """The Ex 7 vision (a ``dgtkit.models.vision.Vision``) as the plan keeps it."""
    if vision is None:
        return VisionLink()
    milestones = tuple(
        Milestone(int(m.year), _short(m.title), str(m.id)) for m in vision.milestones
    )
    year = vision.year if isinstance(vision.year, int) else None
    return VisionLink(statement=_short(vision.statement, 600), year=year,
                      sdg_targets=tuple(vision.sdg_targets), milestones=milestones)


def from_vision(vision: VisionLink) -> list[Suggestion]:
    """Each milestone of the vision as a candidate objective that serves it."""
    return [
        Suggestion(
            id=f"ex07:{m.id or m.year}", kind="objective", source="Ex 7 milestone",
            title=m.title, details=f"A milestone for {m.year} on the way to the vision.",
            values={"title": m.title, "link": m.id},
        )
        for m in vision.milestones
    ]


def from_gaps(gaps, vision: VisionLink | None = None) -> list[Suggestion]:
    """Each Ex 5 capacity gap (``dgtkit.store.handoff.capacity_gaps``) as an action to close it."""
    suggestions = []
    targets = list(vision.sdg_targets) if vision else []
    for gap in gaps:
        size = int(gap.gap)
        if size <= 0:
            continue
        title = _short(f"Close the gap in {gap.name} (level {gap.current} to {gap.target})")
        values = {
            "title": title,
            "pillar": gap.pillar,
            "capacity_level": _level_of(gap.pillar),
            "description": _short(gap.evidence or "", 2000),
            "priority": "high" if size >= 2 else "medium",
            "priority_reason": f"A gap of {size} level{'s' if size != 1 else ''} in the Ex 5 "
                               "gap profile.",
            "sdg_targets": targets,
            "origin": f"ex05:{gap.pillar}",
        }
        suggestions.append(Suggestion(
            id=f"ex05:{gap.pillar}", kind="action", source="Ex 5 gap", title=title,
            details=f"Today {gap.current}, target {gap.target}: a gap of {size}. Needs a lead "
                    "and dates.",
            values=values,
        ))
    return suggestions


def indicator_choices(indicators) -> list[IndicatorChoice]:
    """The Ex 11 indicators (``dgtkit.store.handoff.indicators``) the editor offers."""
    choices = []
    for item in indicators:
        baseline, target = _number(item.baseline), _number(item.target)
        direction = ""
        if baseline is not None and target is not None and baseline != target:
            direction = "up" if target > baseline else "down"
        name = _short(item.name, 200)
        if not name:
            continue
        unit = _short(getattr(item, "unit", "") or "", 40)
        label = name
        if baseline is not None or target is not None:
            label += f" ({_value(baseline)} to {_value(target)}{' ' + unit if unit else ''})"
        choices.append(IndicatorChoice(
            id=str(item.id), label=_short(label, 120), name=name, unit=unit, baseline=baseline,
            target=target, direction=direction,
            intervention_id=str(getattr(item, "intervention_id", "") or ""),
        ))
    return choices


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _value(value: float | None) -> str:
    return "?" if value is None else f"{value:g}"


def from_roadmap(interventions, indicators: list[IndicatorChoice],
                 vision: VisionLink | None = None) -> list[Suggestion]:
    """Each complete Ex 10 row (``dgtkit.store.handoff.roadmap``) as an action, with its Ex 11
    indicator when one measures it."""
    by_row = {c.intervention_id: c for c in indicators if c.intervention_id}
    milestone_ids = {m.title.casefold(): m.id for m in (vision.milestones if vision else ())}
    targets = list(vision.sdg_targets) if vision else []
    suggestions = []
    for row in interventions:
        title = _short(row.intervention)
        values = {
            "title": title,
            "lead": _short(row.owner, 120),
            "start": row.start if isinstance(row.start, date) else None,
            "end": row.end if isinstance(row.end, date) else None,
            "capacity_level": row.level if row.level in CAPACITY_LEVELS else "",
            "pillar": row.pillar or "",
            "partners": {"public": _short(row.public, 300), "private": _short(row.private, 300),
                         "people": _short(row.people, 300)},
            "description": _short(f"Closes the gap: {row.gap}", 2000) if row.gap else "",
            "sdg_targets": targets,
            "origin": f"ex10:{row.id}",
            "milestone": milestone_ids.get((row.milestone or "").casefold(), ""),
        }
        indicator = by_row.get(str(row.id))
        if indicator:
            values["indicator"] = {"name": indicator.name, "unit": indicator.unit,
                                   "baseline": indicator.baseline, "target": indicator.target,
                                   "direction": indicator.direction}
        details = f"{row.level_name}, {row.horizon_label}, led by {row.owner}"
        if indicator:
            details += f"; measured by {indicator.name}"
        suggestions.append(Suggestion(
            id=f"ex10:{row.id}", kind="action", source="Ex 10 roadmap", title=title,
            details=_short(details + ".", 300), values=values,
        ))
    return suggestions


def pending(plan: ActionPlan, suggestions: list[Suggestion]) -> list[Suggestion]:
    """The suggestions the team has neither used nor dropped."""
    used = {a.origin for a in plan.actions if a.origin}
    used |= {f"ex07:{o.link}" for o in plan.objectives if o.link}
    titles = {o.title.casefold() for o in plan.objectives}
    return [s for s in suggestions
            if s.id not in plan.dropped and s.id not in used
            and not (s.kind == "objective" and s.title.casefold() in titles)]


def action_values(plan: ActionPlan, suggestion: Suggestion) -> dict:
    """The fields of the action an action suggestion starts, as ``new_action`` takes them:
    no lead or dates yet, and the objective that serves its milestone, if the plan has one."""
    values = {k: v for k, v in suggestion.values.items() if k != "milestone"}
    values.setdefault("lead", "")
    values.setdefault("start", None)
    values.setdefault("end", None)
    if not values.get("objective"):
        values["objective"] = objective_for(plan, suggestion)
    return values


def objective_for(plan: ActionPlan, suggestion: Suggestion) -> str:
    """The plan's objective that serves the milestone an Ex 10 row prepares, or ""."""
    milestone = suggestion.values.get("milestone")
    if not milestone:
        return ""
    return next((o.id for o in plan.objectives if o.link == milestone), "")
