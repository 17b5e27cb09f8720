"""The plan as rows (shared by CSV and Excel), and as CSV, Markdown and JSON.

The columns carry names a reader understands ("Capacity level": "Individual"); the import
maps them back. A text cell that a spreadsheet would take for a formula (starting with =, +,
-, @, a tab or a carriage return) is written in CSV after an invisible zero-width space.
"""

from __future__ import annotations

import csv
import io
import json

from dgtkit.models import dates
from dgtkit.models.action_plan import (
    BUDGET_SOURCES,
    CAPACITY_LEVELS,
    DIRECTIONS,
    FORMAT_VERSION,
    LEVELS_OF_GOVERNMENT,
    PRIORITIES,
    Action,
    ActionPlan,
)
from dgtkit.models.plan_checks import missing
from dgtkit.models.plan_tables import budget, gantt, money
from dgtkit.planfile.identity import JSON_FORMAT

#: The action columns, in order: (header, key in Action.to_dict-like rows).
ACTION_COLUMNS = [
    ("ID", "id"),
    ("Objective", "objective"),
    ("Action", "title"),
    ("Description", "description"),
    ("Capacity level", "capacity_level"),
    ("Pillar", "pillar"),
    ("Lead", "lead"),
    ("Public partners", "partners_public"),
    ("Private partners", "partners_private"),
    ("People partners", "partners_people"),
    ("Start", "start"),
    ("End", "end"),
    ("Budget", "budget"),
    ("Budget source", "budget_source"),
    ("Indicator", "indicator"),
    ("Unit", "unit"),
    ("Baseline", "baseline"),
    ("Target", "target"),
    ("Direction", "direction"),
    ("SDG targets", "sdg_targets"),
    ("Risks", "risks"),
    ("Mitigation", "mitigation"),
    ("Priority", "priority"),
    ("Why this priority", "priority_reason"),
]
OBJECTIVE_COLUMNS = [("ID", "id"), ("Objective", "title"), ("Serves", "serves"),
                     ("Link", "link")]
MILESTONE_COLUMNS = [("ID", "id"), ("Year", "year"), ("Milestone", "title")]
#: The plan's own fields, as (label, attribute) rows of the "Plan" sheet and CSV header.
PLAN_FIELDS = [
    ("Team", "team"),
    ("Country", "country"),
    ("Government", "government"),
    ("Level of government", "level"),
    ("Currency", "currency"),
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def pillar_names() -> dict[str, str]:
    from dgtkit.course.frameworks import frameworks

    return {p.id: p.name for p in frameworks().pillars}


def action_row(plan: ActionPlan, action: Action) -> dict[str, object]:
    """One action as the values of ACTION_COLUMNS (names, not ids; numbers as numbers)."""
    objective = plan.objective(action.objective)
    indicator = action.indicator
    return {
        "id": action.id,
        "objective": objective.title if objective else "",
        "title": action.title,
        "description": action.description,
        "capacity_level": CAPACITY_LEVELS.get(action.capacity_level, ""),
        "pillar": pillar_names().get(action.pillar, ""),
        "lead": action.lead,
        "partners_public": action.partners.public,
        "partners_private": action.partners.private,
        "partners_people": action.partners.people,
        "start": action.start,
        "end": action.end,
        "budget": action.budget,
        "budget_source": BUDGET_SOURCES.get(action.budget_source, ""),
        "indicator": indicator.name,
        "unit": indicator.unit,
        "baseline": indicator.baseline,
        "target": indicator.target,
        "direction": DIRECTIONS.get(indicator.direction, ""),
        "sdg_targets": ", ".join(action.sdg_targets),
        "risks": action.risks,
        "mitigation": action.mitigation,
        "priority": PRIORITIES.get(action.priority, ""),
        "priority_reason": action.priority_reason,
    }


def plan_values(plan: ActionPlan) -> dict[str, str]:
    values = {attr: getattr(plan, attr) for _, attr in PLAN_FIELDS}
    values["level"] = LEVELS_OF_GOVERNMENT.get(plan.level, "")
    return values


#: Put before a text a spreadsheet would take for a formula: an invisible zero-width space,
#: so that LibreOffice and Excel show "=1+1" as it was typed, as text. (An apostrophe is only
#: a typing convention: opened from a CSV, LibreOffice showed it, "'=1+1".)
FORMULA_GUARD = "\u200b"


def safe_text(value: object) -> str:
    """Text a spreadsheet opening the CSV will show as text, never run as a formula."""
    text = "" if value is None else str(value)
    return FORMULA_GUARD + text if text.startswith(FORMULA_START) else text


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else f"{value:.0f}"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return safe_text(value)


def to_csv(plan: ActionPlan) -> bytes:
    """One row per action (UTF-8 with a byte-order mark, so that Excel reads the accents)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    headers = [label for label, _ in PLAN_FIELDS] + [label for label, _ in ACTION_COLUMNS]
    writer.writerow(headers)
    head = plan_values(plan)
    for action in plan.actions:
        row = action_row(plan, action)
        writer.writerow([_csv_value(head[attr]) for _, attr in PLAN_FIELDS]
                        + [_csv_value(row[key]) for _, key in ACTION_COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_json(plan: ActionPlan) -> bytes:
    """The whole plan, as the app saves it, with what the file is and when it was written."""
    document = {
        "format": JSON_FORMAT,
        "version": FORMAT_VERSION,
        "exported": dates.now().isoformat(timespec="seconds"),
        "plan": plan.to_dict(),
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


def md(text: object) -> str:
    """Text safe in Markdown: no raw HTML, no table breaks, no emphasis or links by accident."""
    value = "" if text is None else str(text)
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        value = value.replace(char, entity)
    for char in "\\`*_[]|#":
        value = value.replace(char, "\\" + char)
    return " ".join(value.split())


def to_markdown(plan: ActionPlan) -> bytes:
    lines = [f"# Action plan: {md(plan.name)}", ""]
    level = LEVELS_OF_GOVERNMENT.get(plan.level, "")
    facts = [("Team", plan.team), ("Country", plan.country), ("Government", plan.government),
             ("Level of government", level)]
    lines += [f"- **{label}:** {md(value)}" for label, value in facts if value]
    if plan.vision.statement:
        lines += ["", "## Vision", "", f"> {md(plan.vision.statement)}"]
        if plan.vision.sdg_targets:
            lines += ["", "SDG targets: " + ", ".join(md(t) for t in plan.vision.sdg_targets)]
    lines += ["", "## Objectives", ""]
    for number, objective in enumerate(plan.objectives, start=1):
        serves = plan.vision.link_label(objective.link)
        lines.append(f"{number}. {md(objective.title)}" + (f" (serves: {md(serves)})"
                                                            if serves else ""))
    if not plan.objectives:
        lines.append("No objectives yet.")
    lines += ["", "## Actions", ""]
    if plan.actions:
        lines += ["| # | Action | Objective | Lead | Start | End | Budget | Indicator | Priority |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for number, action in enumerate(plan.actions, start=1):
            row = action_row(plan, action)
            lines.append(
                f"| {number} | {md(action.title)} | {md(row['objective'])} | {md(action.lead)} "
                f"| {action.start.isoformat()} | {action.end.isoformat()} "
                f"| {md(money(action.budget, plan.currency))} "
                f"| {md(action.indicator.label())} | {md(row['priority'])} |"
            )
        lines += ["", "## Actions in detail", ""]
        for number, action in enumerate(plan.actions, start=1):
            row = action_row(plan, action)
            lines += [f"### {number}. {md(action.title)}", ""]
            for label, key in ACTION_COLUMNS[3:]:
                value = row[key]
                if value not in (None, ""):
                    shown = value.isoformat() if hasattr(value, "isoformat") else value
                    if key == "budget":
                        shown = money(value, plan.currency)
                    if not isinstance(shown, str):
                        shown = f"{shown:g}"
                    lines.append(f"- **{label}:** {md(shown)}")
            lines.append("")
    else:
        lines.append("No actions yet.")
    money_view = budget(plan)
    lines += ["", "## Budget", "", "| Objective | Budget | Actions without an estimate |",
              "|---|---|---|"]
    for title, total, unpriced in money_view.by_objective:
        lines.append(f"| {md(title)} | {md(money(total, plan.currency))} | {unpriced} |")
    lines += ["", "| Source | Budget |", "|---|---|"]
    for source, total in money_view.by_source:
        lines.append(f"| {md(source)} | {md(money(total, plan.currency))} |")
    lines.append(f"| **Total** | **{md(money(money_view.total, plan.currency))}** |")
    bars = gantt(plan)
    if bars:
        lines += ["", "## Timeline", ""]
        lines += [f"- {dates.month(b.start, short=True)} to {dates.month(b.end, short=True)}: "
                  f"{md(b.label)} ({md(b.group)})" for b in bars]
    gaps = missing(plan)
    if gaps:
        lines += ["", "## Still to complete", ""]
        lines += [f"- {md(g.sentence())}" for g in gaps]
    return ("\n".join(lines) + "\n").encode("utf-8")
