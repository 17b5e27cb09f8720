"""The plan's views as HTML: the action table, the timeline, the coverage matrix, the budget
and the list of what is missing. Pure functions of the model; every text a participant typed
goes through ``escape``."""

from __future__ import annotations

from datetime import date
from html import escape

from dgtkit.models import dates
from dgtkit.models.action_plan import PRIORITIES, Action, ActionPlan
from dgtkit.models.plan_checks import action_gaps, missing
from dgtkit.models.plan_tables import (
    PRIORITY_COLOURS,
    PRIORITY_NAMES,
    budget,
    coverage,
    gantt,
    money,
    timeline_span,
)

TABLE = 'style="border-collapse:collapse;margin:0.4em 0"'
CELL = 'style="border:1px solid #bbb;padding:0.25em 0.5em;vertical-align:top"'
HEAD = 'style="border:1px solid #bbb;padding:0.25em 0.5em;background:#dce6f2;text-align:left"'


def _th(text: str) -> str:
    return f'<th scope="col" {HEAD}>{escape(text)}</th>'


def _td(text: str, raw: bool = False) -> str:
    return f"<td {CELL}>{text if raw else escape(text)}</td>"


def actions_table_html(plan: ActionPlan, actions: list[Action]) -> str:
    """The actions as an accessible table (class ``dgt-actions``)."""
    if not plan.actions:
        return "<p><i>No actions yet. Add the first one above.</i></p>"
    if not actions:
        return "<p><i>No action matches the filter.</i></p>"
    number = {a.id: i for i, a in enumerate(plan.actions, start=1)}
    rows = []
    for action in actions:
        objective = plan.objective(action.objective)
        gaps = action_gaps(action, plan)
        state = "Complete" if not gaps else f"{len(gaps)} to add"
        rows.append(
            "<tr>"
            + _td(str(number[action.id]))
            + _td(action.title)
            + _td(objective.title if objective else "")
            + _td(action.lead)
            + _td(dates.day(action.start, short=True))
            + _td(dates.day(action.end, short=True))
            + _td(money(action.budget, plan.currency))
            + _td(PRIORITIES.get(action.priority, ""))
            + _td(state)
            + "</tr>"
        )
    headers = ["#", "Action", "Objective", "Lead", "Start", "End", "Budget", "Priority",
               "Parts"]
    return (
        f'<table class="dgt-actions" {TABLE}><caption style="text-align:left">'
        f"Actions in the plan ({len(actions)} of {len(plan.actions)} shown)</caption>"
        f"<thead><tr>{''.join(_th(h) for h in headers)}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def timeline_html(plan: ActionPlan, today: date | None = None) -> str:
    """A Gantt chart drawn with HTML boxes: one bar per action, grouped by objective."""
    bars = gantt(plan)
    if not bars:
        return "<p><i>No actions yet: the timeline shows them once they have dates.</i></p>"
    first, last = timeline_span(bars)
    span = (last - first).days or 1

    def left(when: date) -> float:
        return 100 * (when - first).days / span

    starts = []
    month = first
    while month < last:
        starts.append(month)
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    # A label every ``step`` months, at most eight, each in a box as wide as its months and
    # cut there: two labels can never run into each other ("Jan 2027Feb").
    step = next((s for s in (1, 2, 3, 6, 12, 24, 60) if len(starts) / s <= 8), 120)
    months, shown_year = [], None
    for index, month in enumerate(starts):
        label = ""
        if index % step == 0:
            label = f"{month:%b}" if month.year == shown_year else dates.month(month, short=True)
            shown_year = month.year
        end_of_label = starts[index + step] if index + step < len(starts) else last
        width = max(left(end_of_label) - left(month), 0)
        months.append(
            f'<div class="dgt-gantt-month" style="position:absolute;left:{left(month):.2f}%;'
            f"top:0;height:100%;border-left:1px solid #ddd;font-size:0.75em;color:#444;"
            f"padding-left:2px;box-sizing:border-box;width:{width:.2f}%;overflow:hidden;"
            f'white-space:nowrap">{escape(label)}</div>'
        )
    rows = []
    group = None
    for bar in bars:
        if bar.group != group:
            group = bar.group
            rows.append(f'<div style="font-weight:bold;margin-top:0.5em">{escape(group)}</div>')
        start = left(bar.start)
        width = max(left(bar.end) - start + 100 / span, 0.8)
        colour = PRIORITY_COLOURS.get(bar.priority, PRIORITY_COLOURS[""])
        priority = PRIORITY_NAMES.get(bar.priority, PRIORITY_NAMES[""])
        rows.append(
            '<div class="dgt-gantt-row" style="display:flex;align-items:center;height:1.6em">'
            f'<div style="width:16em;overflow:hidden;white-space:nowrap;text-overflow:ellipsis;'
            f'padding-right:0.5em" title="{escape(bar.label)}">{escape(bar.label)}</div>'
            '<div style="position:relative;flex:1;height:1.1em;background:#f4f4f4">'
            f'<div role="img" aria-label="{escape(bar.label)}: {dates.day(bar.start)} to '
            f'{dates.day(bar.end)}, priority {priority.lower()}" style="position:absolute;'
            f'left:{start:.2f}%;width:{width:.2f}%;height:100%;background:{colour}"></div></div>'
            f'<div class="dgt-gantt-priority" style="width:5em;padding-left:0.5em;'
            f'font-size:0.85em">{priority}</div></div>'
        )
    today = today or dates.today()
    marker = ""
    if first <= today <= last:
        marker = (f'<div style="position:absolute;left:{left(today):.2f}%;top:0;height:100%;'
                  'border-left:2px dashed #333" title="Today"></div>')
    legend = " ".join(
        f'<span style="display:inline-block;width:0.9em;height:0.9em;'
        f'background:{PRIORITY_COLOURS[k]};vertical-align:middle"></span> {escape(name)}'
        for k, name in PRIORITY_NAMES.items()
    )
    end = '<div style="width:5.5em"></div>'  # the column the priorities are written in
    return (
        '<div class="dgt-gantt" style="max-width:60em">'
        '<div style="display:flex"><div style="width:16em"></div>'
        f'<div style="position:relative;flex:1;height:1.3em">{"".join(months)}</div>{end}</div>'
        f'{"".join(rows)}'
        f'<div style="display:flex;height:0"><div style="width:16em"></div>'
        f'<div style="position:relative;flex:1">{marker}</div>{end}</div>'
        f'<p style="font-size:0.85em">Priority, also written at the end of each row: {legend}.'
        "</p></div>"
    )


def coverage_html(plan: ActionPlan) -> str:
    """Pillars x capacity levels: the count of actions in each cell; empty cells stand out."""
    view = coverage(plan)
    head = "".join(_th(name) for _, name in view.levels)
    rows = []
    for pid, name in view.pillars:
        cells = []
        for lid, _ in view.levels:
            count = view.count(pid, lid)
            style = CELL[:-1] + (";text-align:center;background:#e6f0e0\"" if count
                                 else ';text-align:center;color:#777"')
            cells.append(f"<td {style}>{count if count else '-'}</td>")
        rows.append(f'<tr><th scope="row" {HEAD}>{escape(name)}</th>{"".join(cells)}</tr>')
    notes = []
    if view.empty_pillars:
        notes.append("No action strengthens: " + ", ".join(view.empty_pillars) + ".")
    if view.empty_levels:
        notes.append("No action works at the level(s): " + ", ".join(view.empty_levels) + ".")
    if view.unplaced:
        notes.append(f"{view.unplaced} action(s) have no pillar or capacity level yet, so "
                     "they are not counted.")
    return (
        f'<table class="dgt-coverage" {TABLE}><caption style="text-align:left">Actions per '
        "pillar and capacity level</caption>"
        f'<thead><tr><td {CELL}></td>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        + "".join(f"<p>{escape(n)}</p>" for n in notes)
    )


def budget_html(plan: ActionPlan) -> str:
    view = budget(plan)
    if not plan.actions:
        return "<p><i>No actions yet.</i></p>"
    rows = "".join(
        f"<tr>{_td(title)}{_td(money(total, plan.currency))}{_td(str(unpriced))}</tr>"
        for title, total, unpriced in view.by_objective
    )
    sources = "".join(f"<tr>{_td(name)}{_td(money(total, plan.currency))}</tr>"
                      for name, total in view.by_source)
    total = money(view.total, plan.currency)
    return (
        f'<table class="dgt-budget-objective" {TABLE}><caption style="text-align:left">'
        "Budget by objective</caption><thead><tr>"
        f"{_th('Objective')}{_th('Budget')}{_th('Actions not yet costed')}</tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        f'<table class="dgt-budget-source" {TABLE}><caption style="text-align:left">'
        f"Budget by source</caption><thead><tr>{_th('Source')}{_th('Budget')}</tr></thead>"
        f"<tbody>{sources}<tr>{_td('<b>Total</b>', raw=True)}"
        f"{_td('<b>' + escape(total) + '</b>', raw=True)}</tr></tbody></table>"
    )


def missing_html(plan: ActionPlan) -> str:
    gaps = missing(plan)
    if not gaps:
        return "<p>Nothing is missing: the plan is ready to export.</p>"
    items = "".join(f"<li>{escape(g.sentence())}</li>" for g in gaps)
    return (f'<div class="dgt-missing"><p>The plan is saved as it is. Still to complete '
            f"({len(gaps)}):</p><ul>{items}</ul></div>")
