"""The plan as an Excel workbook: sheets Plan, Objectives, Actions, Budget, About.

Every text is written as a text cell (never a formula, whatever it starts with); dates are
dates and numbers are numbers, so the team can sort and sum. The About sheet says what the
file is and its format version, which the import checks.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from dgtkit.models import dates
from dgtkit.models.action_plan import FORMAT_VERSION, ActionPlan
from dgtkit.models.plan_tables import budget
from dgtkit.planfile.identity import JSON_FORMAT
from dgtkit.planfile.tabular import (
    ACTION_COLUMNS,
    MILESTONE_COLUMNS,
    OBJECTIVE_COLUMNS,
    PLAN_FIELDS,
    action_row,
    plan_values,
)

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F5FA6")
WIDE = {"Action", "Description", "Objective", "Risks", "Mitigation", "Indicator",
        "Why this priority", "Public partners", "Private partners", "People partners"}


def put(sheet, row: int, column: int, value: object):
    """Write ``value``; a text is always a text cell, even '=SUM(A1)' or '@cmd'."""
    cell = sheet.cell(row=row, column=column)
    if value is None or value == "":
        return cell
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # openpyxl would take a leading '=' for a formula
        if value.startswith(("=", "+", "-", "@")):
            cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    else:
        cell.value = value
        if hasattr(value, "isoformat"):
            cell.number_format = "yyyy-mm-dd"
    return cell


def _header(sheet, labels: list[str]) -> None:
    for column, label in enumerate(labels, start=1):
        cell = put(sheet, 1, column, label)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        width = 40 if label in WIDE else 16
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"


def to_xlsx(plan: ActionPlan) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Plan"
    values = plan_values(plan)
    _header(sheet, ["Field", "Value"])
    sheet.column_dimensions["B"].width = 60
    rows = [(label, values[attr]) for label, attr in PLAN_FIELDS]
    rows.append(("Vision", plan.vision.statement))
    rows.append(("Vision year", plan.vision.year))
    rows.append(("Vision SDG targets", ", ".join(plan.vision.sdg_targets)))
    for row, (label, value) in enumerate(rows, start=2):
        put(sheet, row, 1, label).font = Font(bold=True)
        put(sheet, row, 2, value)

    objectives = book.create_sheet("Objectives")
    _header(objectives, [label for label, _ in OBJECTIVE_COLUMNS])
    for row, objective in enumerate(plan.objectives, start=2):
        put(objectives, row, 1, objective.id)
        put(objectives, row, 2, objective.title)
        put(objectives, row, 3, plan.vision.link_label(objective.link))
        put(objectives, row, 4, objective.link)

    milestones = book.create_sheet("Vision")
    _header(milestones, [label for label, _ in MILESTONE_COLUMNS])
    for row, milestone in enumerate(plan.vision.milestones, start=2):
        put(milestones, row, 1, milestone.id)
        put(milestones, row, 2, milestone.year)
        put(milestones, row, 3, milestone.title)
    book.move_sheet("Vision", offset=-1)  # after Plan: the vision, then what serves it

    actions = book.create_sheet("Actions")
    _header(actions, [label for label, _ in ACTION_COLUMNS])
    wrap = Alignment(wrap_text=True, vertical="top")
    for row, action in enumerate(plan.actions, start=2):
        values = action_row(plan, action)
        for column, (_, key) in enumerate(ACTION_COLUMNS, start=1):
            cell = put(actions, row, column, values[key])
            cell.alignment = wrap
            if key == "budget" and values[key] is not None:
                cell.number_format = "#,##0.00"

    money = book.create_sheet("Budget")
    _header(money, ["Objective", f"Budget ({plan.currency})", "Actions without an estimate"])
    view = budget(plan)
    row = 2
    for title, total, unpriced in view.by_objective:
        put(money, row, 1, title)
        put(money, row, 2, total)
        put(money, row, 3, unpriced)
        row += 1
    row += 1
    put(money, row, 1, "Source").font = Font(bold=True)
    put(money, row, 2, f"Budget ({plan.currency})").font = Font(bold=True)
    for source, total in view.by_source:
        row += 1
        put(money, row, 1, source)
        put(money, row, 2, total)
    row += 1
    put(money, row, 1, "Total").font = Font(bold=True)
    put(money, row, 2, view.total).font = Font(bold=True)

    about = book.create_sheet("About")
    for row, (label, value) in enumerate([
        ("Format", JSON_FORMAT),
        ("Version", FORMAT_VERSION),
        ("Exported", dates.now().strftime("%Y-%m-%d %H:%M UTC")),
        ("Note", "Written by the course's action-plan app. Edit the Plan, Objectives and "
                 "Actions sheets and import the file back; keep the headers as they are."),
    ], start=1):
        put(about, row, 1, label).font = Font(bold=True)
        put(about, row, 2, value)
    about.column_dimensions["B"].width = 80
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
