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


@dataclass(frozen=True)
class YearBudget:
    """The budget spread over calendar years: each action's estimate shared between the
    years it runs in, in proportion to its days in each year."""

    years: list[int]
    by_source: list[tuple[str, list[float], float]]  # (source name, per year, total)
    totals: list[float]  # per year
    total: float
    unpriced: int


def budget_by_year(plan: ActionPlan) -> YearBudget:
    priced = [a for a in plan.actions if a.budget is not None]
    unpriced = len(plan.actions) - len(priced)
    if not priced:
        return YearBudget([], [], [], 0.0, unpriced)
    years = list(range(min(a.start.year for a in priced), max(a.end.year for a in priced) + 1))
    shares: dict[str, list[float]] = {}
    for action in priced:
        days = (action.end - action.start).days + 1
        row = shares.setdefault(action.budget_source or "", [0.0] * len(years))
        for index, year in enumerate(years):
            first = max(action.start, date(year, 1, 1))
            last = min(action.end, date(year, 12, 31))
            if last >= first:
                row[index] += action.budget * ((last - first).days + 1) / days
    order = [key for key in BUDGET_SOURCES if key in shares] + ([""] if "" in shares else [])
    by_source = [(BUDGET_SOURCES.get(key, NO_SOURCE), shares[key], sum(shares[key]))
                 for key in order]
    totals = [sum(row[i] for row in shares.values()) for i in range(len(years))]
    return YearBudget(years, by_source, totals, sum(totals), unpriced)


@dataclass(frozen=True)
class VersionGroup:
    """Saved versions of a plan that differ little: one save after another while the team
    types, with the same actions and objectives. ``newest`` is the one to go back to."""

    newest: int  # revision id
    first_at: object  # datetime of the oldest version in the group
    last_at: object  # datetime of the newest
    count: int
    actions: int
    objectives: int


#: Versions saved further apart than this start a new group, even with the same actions.
GROUP_MINUTES = 10


def _shape(data: object) -> tuple:
    data = data if isinstance(data, dict) else {}
    actions = data.get("actions") if isinstance(data.get("actions"), list) else []
    objectives = data.get("objectives") if isinstance(data.get("objectives"), list) else []
    ids = tuple(a.get("id") for a in actions if isinstance(a, dict))
    return (ids, tuple(o.get("id") for o in objectives if isinstance(o, dict)),
            len(data.get("context") or []))


def group_versions(revisions: list) -> list[VersionGroup]:
    """The saved versions (oldest first, each with ``id``, ``saved_at`` and ``data``) in
    groups, newest group first: a group ends where an action or objective is added or
    removed, or after a pause of more than GROUP_MINUTES."""
    groups: list[list] = []
    for revision in revisions:
        if groups:
            last = groups[-1][-1]
            pause = (revision.saved_at - last.saved_at).total_seconds() / 60
            if _shape(revision.data) == _shape(last.data) and pause <= GROUP_MINUTES:
                groups[-1].append(revision)
                continue
        groups.append([revision])
    found = []
    for group in reversed(groups):
        ids, objectives, _context = _shape(group[-1].data)
        found.append(VersionGroup(group[-1].id, group[0].saved_at, group[-1].saved_at,
                                  len(group), len(ids), len(objectives)))
    return found
