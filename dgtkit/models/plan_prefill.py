"""The week's work offered as a start for the plan: objectives from the Ex 7 milestones,
actions from the Ex 10 roadmap (with the problem and evidence of its Ex 5 gap and the Ex 11
indicator and monitoring), from the Ex 5 gaps no roadmap row covers, from Ex 8's first step
and from Ex 9's skills gaps; and the context of the document: the Ex 5 gaps, benchmark
findings, SWOT entries and stakeholders, the risks of Ex 2 and the uncertainties of Ex 6, and
Ex 8's structure.

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
    CONTEXT_SECTIONS,
    SDG_MOST,
    TITLE_LIMIT,
    ActionPlan,
    Milestone,
    VisionLink,
    plain,
)

#: The kinds of suggestion, in the order the app offers them.
KINDS = {"objective": "Objectives", "action": "Actions", "context": "Background, risks and "
         "partners"}


@dataclass(frozen=True)
class Suggestion:
    """A starting point from an earlier exercise: an objective, an action, or an item of the
    plan's context (``values`` are then a ``ContextItem``'s)."""

    id: str  # stable: "ex05:skills", "ex07:<milestone id>", "ex10:<row id>", "ex05:swot:<id>"
    kind: str  # "objective", "action" or "context"
    source: str  # where it comes from, for the team: "Ex 5 gap profile"
    title: str
    details: str = ""  # one line on what it carries
    values: dict = field(default_factory=dict)  # new_action keyword values, or objective's

    @property
    def label(self) -> str:
        return f"{self.source}: {self.title}"

    @property
    def is_complete(self) -> bool:
        """Whether it can be added as it is (an action needs a lead and dates)."""
        if self.kind != "action":
            return True
        return all(self.values.get(k) for k in ("title", "lead", "start", "end"))


@dataclass(frozen=True)
class IndicatorChoice:
    """An Ex 11 indicator the editor can copy into an action, with how it is monitored."""

    id: str
    label: str
    name: str
    unit: str
    baseline: float | None
    target: float | None
    direction: str
    intervention_id: str = ""
    baseline_date: date | None = None
    target_date: date | None = None
    data_source: str = ""
    frequency: str = ""
    owner: str = ""

    def indicator_values(self) -> dict:
        """What an action's indicator takes from it (``Indicator.from_dict``'s keys)."""
        return {"name": self.name, "unit": self.unit, "baseline": self.baseline,
                "target": self.target, "direction": self.direction,
                "baseline_date": self.baseline_date, "target_date": self.target_date,
                "data_source": self.data_source, "frequency": self.frequency,
                "owner": self.owner, "ref": self.id}


def _short(text: str, limit: int = TITLE_LIMIT) -> str:
    text = " ".join(plain(text).split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _level_of(pillar: str) -> str:
    """The capacity level the course links ``pillar`` to (frameworks.yaml), or ""."""
    framework = frameworks()
    return (framework.pillar(pillar).level or "") if pillar in framework.pillar_ids else ""


def vision_link(vision, review=None) -> VisionLink:
    """The Ex 7 vision (a ``dgtkit.models.vision.Vision``) as the plan keeps it. Its SDG
    targets are those of the Ex 12 local review (``review``, a
    ``dgtkit.models.local_review.LocalReview``) when the team chose any there, the targets
    its plan serves; else the two or three of the vision."""
    targets = tuple(t.target for t in review.targets) if review and review.targets else ()
    if vision is None:
        return VisionLink(sdg_targets=targets[:SDG_MOST])
    milestones = tuple(
        Milestone(int(m.year), _short(m.title), str(m.id)) for m in vision.milestones
    )
    year = vision.year if isinstance(vision.year, int) else None
    return VisionLink(statement=_short(vision.statement, 600), year=year,
                      sdg_targets=(targets or tuple(vision.sdg_targets))[:SDG_MOST],
                      milestones=milestones)


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


def _priority_reason(gap) -> str:
    size = int(gap.gap)
    return (f"The gap is {size} level{'s' if size != 1 else ''} wide in the Ex 5 profile "
            f"(level {gap.current} today, {gap.target} wanted).")


def from_gaps(gaps, vision: VisionLink | None = None,
              covered: set[str] | frozenset[str] = frozenset(), review=None) -> list[Suggestion]:
    """Each Ex 5 capacity gap (``dgtkit.store.handoff.capacity_gaps``) that no Ex 10 row
    covers (``covered``: the pillars of the roadmap's rows) as an action to close it, with
    its problem statement and evidence; with the vision's SDG targets, unless an Ex 12
    review (``review``) tied its targets to actions: no action serves them all, so the team
    chooses."""
    suggestions = []
    tied = review is not None and bool(review.targets_by_action())
    targets = list(vision.sdg_targets) if vision and not tied else []
    for gap in gaps:
        size = int(gap.gap)
        if size <= 0 or gap.pillar in covered:
            continue
        title = _short(f"Close the gap in {gap.name[0].lower()}{gap.name[1:]}")
        problem = getattr(gap, "problem", "") or ""
        values = {
            "title": title,
            "pillar": gap.pillar,
            "capacity_level": _level_of(gap.pillar),
            "problem": _short(problem, 300),
            "evidence": _short(gap.evidence or "", 600),
            "priority": "high" if size >= 2 else "medium",
            "priority_reason": _priority_reason(gap),
            "sdg_targets": targets,
            "origin": f"ex05:{gap.pillar}",
        }
        said = problem or gap.evidence or f"level {gap.current} today, {gap.target} wanted"
        suggestions.append(Suggestion(
            id=f"ex05:{gap.pillar}", kind="action", source="Ex 5 gap", title=title,
            details=_short(f"{said} No roadmap row covers it: it needs a lead and dates.",
                           300),
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
            baseline_date=_day(getattr(item, "baseline_date", None)),
            target_date=_day(getattr(item, "target_date", None)),
            data_source=_short(getattr(item, "data_source", "") or "", 200),
            frequency=_short(getattr(item, "frequency", "") or "", 60),
            owner=_short(getattr(item, "owner", "") or "", 120),
        ))
    return choices


def _day(value) -> date | None:
    return value if isinstance(value, date) else None


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _value(value: float | None) -> str:
    return "?" if value is None else f"{value:g}"


def from_roadmap(interventions, indicators: list[IndicatorChoice],
                 vision: VisionLink | None = None, gaps=(), review=None) -> list[Suggestion]:
    """Each complete Ex 10 row (``dgtkit.store.handoff.roadmap``) as an action: the problem it
    solves (the row's gap, in the team's words), the evidence of its Ex 5 gap (``gaps``), its
    Ex 11 indicator with its monitoring when one measures it, and its SDG targets: those the
    Ex 12 review (``review``) ties to the row, when the team tied any; else the vision's."""
    by_row = {c.intervention_id: c for c in indicators if c.intervention_id}
    milestone_ids = {m.title.casefold(): m.id for m in (vision.milestones if vision else ())}
    tied = review.targets_by_action() if review is not None else {}
    targets = list(vision.sdg_targets) if vision and not tied else []
    by_pillar = {g.pillar: g for g in gaps}
    suggestions = []
    for row in interventions:
        title = _short(row.intervention)
        gap = by_pillar.get(row.pillar or "")
        evidence = getattr(row, "evidence", "") or (gap.evidence if gap else "")
        values = {
            "title": title,
            "lead": _short(row.owner, 120),
            "start": row.start if isinstance(row.start, date) else None,
            "end": row.end if isinstance(row.end, date) else None,
            "capacity_level": row.level if row.level in CAPACITY_LEVELS else "",
            "pillar": row.pillar or "",
            "partners": {"public": _short(row.public, 300), "private": _short(row.private, 300),
                         "people": _short(row.people, 300)},
            "problem": _short(row.gap or "", 300),
            "evidence": _short(evidence or "", 600),
            "sdg_targets": tied.get(str(row.id), targets),
            "origin": f"ex10:{row.id}",
            "milestone": milestone_ids.get((row.milestone or "").casefold(), ""),
        }
        if gap is not None and int(gap.gap) > 0:
            values["priority"] = "high" if int(gap.gap) >= 2 else "medium"
            values["priority_reason"] = _priority_reason(gap)
        indicator = by_row.get(str(row.id))
        if indicator:
            values["indicator"] = indicator.indicator_values()
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
    used |= {c.origin for c in plan.context if c.origin}
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


# -- what else the week offers ---------------------------------------------------------------


def _context(id: str, source: str, section: str, title: str, text: str = "",
             detail: str = "") -> Suggestion:
    values = {"section": section, "title": _short(title, 300), "text": _short(text, 1000),
              "detail": _short(detail, 600), "origin": id[:64]}
    shown = title if not text else f"{title}: {text}"
    return Suggestion(id=id[:64], kind="context", source=source, title=_short(title, 300),
                      details=_short(f"{CONTEXT_SECTIONS[section]}. {shown}", 300),
                      values=values)


def from_situation(gaps, situation) -> list[Suggestion]:
    """Ex 5 as the plan's background: each gap with its problem and evidence, the
    benchmark findings, the SWOT entries (in rank order) and the stakeholders, each with how
    to work with them. ``situation`` is ``dgtkit.store.handoff.Situation`` (or None)."""
    found = []
    for gap in gaps:
        if int(gap.gap) <= 0:
            continue
        found.append(_context(
            f"ex05:gap:{gap.pillar}", "Ex 5 gap profile", "gap",
            f"{gap.name}: level {gap.current} today, {gap.target} wanted",
            getattr(gap, "problem", "") or "", gap.evidence or ""))
    if situation is None:
        return found
    for number, finding in enumerate(situation.findings, start=1):
        found.append(_context(f"ex05:finding:{number}", "Ex 5 benchmark", "finding", finding))
    names = {"strengths": "Strength", "weaknesses": "Weakness",
             "opportunities": "Opportunity", "threats": "Threat"}
    for category, entries in situation.swot.entries.items():
        for entry in entries:
            found.append(_context(f"ex05:swot:{entry.id}", "Ex 5 SWOT", "swot", entry.text,
                                  detail=names.get(category, category)))
    for person in situation.stakeholders.stakeholders:
        found.append(_context(f"ex05:stakeholder:{person.id}", "Ex 5 stakeholders",
                              "stakeholder", person.name, person.strategy, person.quadrant))
    return found


def from_risks(matrix) -> list[Suggestion]:
    """Ex 2's risks (``BenefitRiskMatrix``), biggest score first, each with its mitigation
    and owner."""
    if matrix is None:
        return []
    risks = sorted(matrix.risks, key=lambda r: -r.score)
    return [_context(f"ex02:risk:{r.id}", "Ex 2 risks", "risk", r.title, r.mitigation,
                     r.owner) for r in risks]


def from_scenarios(scenarios) -> list[Suggestion]:
    """Ex 6's critical uncertainties (``ScenarioSet``) as risks the plan must hold against."""
    if scenarios is None:
        return []
    found = []
    for signal in scenarios.critical_signals():
        text = (f"A critical uncertainty of the horizon scan (impact {signal.impact}, "
                f"uncertainty {signal.uncertainty} of 5). Check that the plan holds in each "
                "of the four futures.")
        if signal.note:
            text = f"{signal.note} {text}"
        found.append(_context(f"ex06:signal:{signal.id}", "Ex 6 horizon scan", "risk",
                              signal.title, text))
    return found


def from_structure(structure) -> list[Suggestion]:
    """Ex 8's recommended structure (``OrganizationStructure``) for the plan's arrangements,
    and its first step as an action."""
    if structure is None or not structure.recommendation:
        return []
    from dgtkit.models.structure import course_data

    name = course_data().structure(structure.recommendation).name
    found = [_context("ex08:structure", "Ex 8 structure", "structure",
                      f"A {name.lower()} digital organization", structure.reasons,
                      structure.first_step)]
    if structure.first_step:
        found.append(Suggestion(
            id="ex08:first_step", kind="action", source="Ex 8 first step",
            title=_short(structure.first_step),
            details=_short(f"The first step towards a {name.lower()} digital organization. "
                           "Needs a lead and dates.", 300),
            values={"title": _short(structure.first_step),
                    "description": _short(f"The first step towards a {name.lower()} digital "
                                          f"organization (Ex 8). {structure.reasons}", 2000),
                    "capacity_level": "organizational", "pillar": "organization",
                    "risks": _short(structure.risk, 1000), "origin": "ex08:first_step"},
        ))
    return found


def from_skills(matrix) -> list[Suggestion]:
    """Ex 9's skills gaps (``SkillsMatrix``) as training actions, one per role, biggest
    gaps first; the provider of the biggest gap leads."""
    if matrix is None:
        return []
    by_role: dict[str, list] = {}
    for gap in matrix.gaps():
        by_role.setdefault(gap.role, []).append(gap)
    found = []
    for role, gaps in by_role.items():
        name = gaps[0].role_name
        names = [c if c[:2].isupper() else c[0].lower() + c[1:]
                 for c in dict.fromkeys(g.competency_name for g in gaps)]
        skills = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        how = "; ".join(dict.fromkeys(
            f"{g.competency_name}: {g.measure_name or 'a measure to choose'}"
            + (f" ({g.provider})" if g.provider else "") for g in gaps))
        who = name if name[:2].isupper() else name[0].lower() + name[1:]
        title = _short(f"Train the {who} in {skills}")
        lead = next((g.provider for g in gaps if g.provider), "")
        found.append(Suggestion(
            id=f"ex09:{role}"[:64], kind="action", source="Ex 9 skills gaps", title=title,
            details=_short(f"{how}. Needs dates.", 300),
            values={"title": title, "lead": _short(lead, 120),
                    "description": _short(f"Training for the skills gaps of Ex 9: {how}.", 2000),
                    "capacity_level": "individual", "pillar": "skills",
                    "origin": f"ex09:{role}"[:64]},
        ))
    return found
