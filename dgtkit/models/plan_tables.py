"""The plan seen four ways, as plain data: a sorted and filtered table, a timeline (Gantt),
a coverage matrix (pillars x capacity levels) and the budget by objective and by source."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from dgtkit.models.action_plan import (
    BUDGET_SOURCES,
    CAPACITY_LEVELS,
    PRIORITIES,
    Action,
    ActionPlan,
)

NO_OBJECTIVE = "(no objective)"
NO_SOURCE = "(source not said)"

#: How the table can be sorted: key → (label, sort key).
SORTS = {
    "plan": "Order of entry",
    "start": "Start date",
    "end": "End date",
    "priority": "Priority",
    "objective": "Objective",
    "budget": "Budget, largest first",
    "title": "Title (A to Z)",
}


def sort_and_filter(plan: ActionPlan, sort: str = "plan", text: str = "",
                    objective: str = "", priority: str = "") -> list[Action]:
    """The actions to show: those matching the text, objective and priority, sorted."""
    needle = " ".join(text.split()).casefold()
    chosen = []
    for action in plan.actions:
        if objective and action.objective != objective:
            continue
        if priority and action.priority != priority:
            continue
        if needle and needle not in searchable(plan, action):
            continue
        chosen.append(action)
    order = list(plan.objectives)
    position = {o.id: i for i, o in enumerate(order)}
    ranks = {key: i for i, key in enumerate(PRIORITIES)}
    keys = {
        "plan": None,
        "start": lambda a: (a.start, a.end),
        "end": lambda a: (a.end, a.start),
        "priority": lambda a: (ranks.get(a.priority, len(ranks)), a.start),
        "objective": lambda a: (position.get(a.objective, len(position)), a.start),
        "budget": lambda a: (-(a.budget or 0), a.start),
        "title": lambda a: a.title.casefold(),
    }
    key = keys.get(sort)
    return sorted(chosen, key=key) if key else chosen


def searchable(plan: ActionPlan, action: Action) -> str:
    objective = plan.objective(action.objective)
    parts = [action.title, action.description, action.lead, action.partners.label(),
             action.indicator.name, action.risks, objective.title if objective else ""]
    return " ".join(parts).casefold()


@dataclass(frozen=True)
class Bar:
    """One action on the timeline."""

    id: str
    label: str
    start: date
    end: date
    group: str  # the objective's title
    priority: str


#: How each priority is drawn on a timeline: a colour (contrast >= 4.5:1 on white) and a
#: pattern, so that the priority never rests on colour alone; "" is "no priority yet".
PRIORITY_COLOURS = {"high": "#a4000f", "medium": "#1f5fa6", "low": "#5b7f2a", "": "#555555"}
PRIORITY_HATCHES = {"high": "", "medium": "//", "low": "..", "": "xx"}
PRIORITY_NAMES = {**PRIORITIES, "": "None yet"}


def gantt(plan: ActionPlan) -> list[Bar]:
    """The actions as bars, grouped by objective (in the plan's order), then by start."""
    position = {o.id: i for i, o in enumerate(plan.objectives)}
    actions = sorted(plan.actions,
                     key=lambda a: (position.get(a.objective, len(position)), a.start, a.end))
    bars = []
    for action in actions:
        objective = plan.objective(action.objective)
        bars.append(Bar(action.id, action.title, action.start, action.end,
                        objective.title if objective else NO_OBJECTIVE, action.priority))
    return bars


def timeline_span(bars: list[Bar]) -> tuple[date, date] | None:
    """The first of the month of the earliest start to the last day of the latest end."""
    if not bars:
        return None
    first = min(b.start for b in bars).replace(day=1)
    last = max(b.end for b in bars)
    following = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    return first, following


@dataclass(frozen=True)
class Coverage:
    """How many actions sit in each pillar x capacity level cell."""

    pillars: list[tuple[str, str]]  # (id, name), the framework's order
    levels: list[tuple[str, str]]  # (id, name)
    counts: dict[tuple[str, str], int]
    unplaced: int  # actions without a pillar or a capacity level

    def count(self, pillar: str, level: str) -> int:
        return self.counts.get((pillar, level), 0)

    @property
    def empty_pillars(self) -> list[str]:
        return [name for pid, name in self.pillars
                if not any(self.count(pid, lid) for lid, _ in self.levels)]

    @property
    def empty_levels(self) -> list[str]:
        return [name for lid, name in self.levels
                if not any(self.count(pid, lid) for pid, _ in self.pillars)]


def coverage(plan: ActionPlan) -> Coverage:
    from dgtkit.course.frameworks import frameworks

    pillars = [(p.id, p.name) for p in frameworks().pillars]
    levels = list(CAPACITY_LEVELS.items())
    counts: Counter = Counter()
    unplaced = 0
    for action in plan.actions:
        if action.pillar and action.capacity_level:
            counts[(action.pillar, action.capacity_level)] += 1
        else:
            unplaced += 1
    return Coverage(pillars, levels, dict(counts), unplaced)


@dataclass(frozen=True)
class Budget:
    by_objective: list[tuple[str, float, int]]  # (objective title, total, actions unpriced)
    by_source: list[tuple[str, float]]  # (source name, total)
    total: float
    unpriced: int  # actions with no budget estimate


def budget(plan: ActionPlan) -> Budget:
    """Budget totals by objective (plan order) and by source (the sources' order)."""
    by_objective: dict[str, list] = {o.id: [o.title, 0.0, 0] for o in plan.objectives}
    by_objective[""] = [NO_OBJECTIVE, 0.0, 0]
    by_source: dict[str, float] = {}
    unpriced = 0
    total = 0.0
    for action in plan.actions:
        row = by_objective.get(action.objective) or by_objective[""]
        if action.budget is None:
            row[2] += 1
            unpriced += 1
            continue
        row[1] += action.budget
        total += action.budget
        source = action.budget_source or ""
        by_source[source] = by_source.get(source, 0.0) + action.budget
    objectives = [tuple(row) for key, row in by_objective.items()
                  if key or row[1] or row[2]]
    sources = [(BUDGET_SOURCES[key], by_source[key]) for key in BUDGET_SOURCES
               if key in by_source]
    if "" in by_source:
        sources.append((NO_SOURCE, by_source[""]))
    return Budget(objectives, sources, total, unpriced)


def money(amount: float | None, currency: str = "") -> str:
    if amount is None:
        return ""
    text = f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}"
    return f"{text} {currency}".strip()
