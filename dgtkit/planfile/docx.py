"""The plan as a Word document an agency can circulate.

Title page; summary (vision, objectives, period, budget, what is still to complete);
objectives; the action table (on landscape pages); the timeline chart; indicators; budget
by objective and by source; risks; each action in detail. Every text a participant typed is
written as text (python-docx escapes it); the chart has its data in its alt text.
"""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from dgtkit.models import dates
from dgtkit.models.action_plan import (
    BUDGET_SOURCES,
    CAPACITY_LEVELS,
    DIRECTIONS,
    LEVELS_OF_GOVERNMENT,
    PRIORITIES,
    ActionPlan,
)
from dgtkit.models.plan_checks import missing
from dgtkit.models.plan_tables import budget, coverage, money

TITLE = "Action plan for digital government transformation and capacity development"
BLUE = RGBColor(0x1F, 0x5F, 0xA6)
HEADER_SHADE = "DCE6F2"


def to_docx(plan: ActionPlan, today: date | None = None) -> bytes:
    today = today or dates.today()
    document = Document()
    _page_setup(document)
    _title_page(document, plan, today)
    _summary(document, plan)
    _objectives(document, plan)
    _action_table(document, plan)
    _timeline(document, plan)
    _indicators(document, plan)
    _budget(document, plan)
    _coverage(document, plan)
    _risks(document, plan)
    _details(document, plan)
    properties = document.core_properties
    properties.title = f"{TITLE}: {plan.name}"[:250]
    properties.author = (plan.team or "Course participants")[:250]
    properties.subject = "Capacities for Digital Government Transformation, session 7.1"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- layout helpers --------------------------------------------------------------------------


def _page_setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.2))
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)


def _landscape(document, on: bool) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    width, height = (Cm(29.7), Cm(21)) if on else (Cm(21), Cm(29.7))
    section.orientation = WD_ORIENT.LANDSCAPE if on else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = width, height


def _shade(cell, colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    properties.append(shading)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _table(document, headers: list[str], rows: list[list[str]], widths: list[float] | None = None):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(header)
        run.bold = True
        _shade(cell, HEADER_SHADE)
    _repeat_header(table.rows[0])
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            _write(cell, value)
    if widths:
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)
    return table


def _write(cell, text: str) -> None:
    """Text into a cell; its own line breaks become paragraphs."""
    lines = str(text).split("\n") if text else [""]
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def _facts(document, facts: list[tuple[str, str]]) -> None:
    for label, value in facts:
        if not value:
            continue
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)


def _paragraphs(document, text: str, style: str | None = None) -> None:
    for line in text.split("\n"):
        if line.strip():
            document.add_paragraph(line, style=style)


# -- the parts -------------------------------------------------------------------------------


def _title_page(document, plan: ActionPlan, today: date) -> None:
    for _ in range(5):
        document.add_paragraph()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(TITLE)
    run.bold, run.font.size, run.font.color.rgb = True, Pt(24), BLUE
    name = document.add_paragraph()
    name.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = name.add_run(plan.name)
    run.font.size = Pt(18)
    lines = [
        LEVELS_OF_GOVERNMENT.get(plan.level, ""),
        f"Prepared by team {plan.team}" if plan.team else "",
        dates.day(today),
    ]
    for line in filter(None, lines):
        paragraph = document.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for _ in range(6):
        document.add_paragraph()
    note = document.add_paragraph(
        "Prepared in the training workshop Capacities for Digital Government Transformation "
        "(Curriculum on Governance for the SDGs), session 7.1. A draft for discussion and "
        "approval by the responsible authority."
    )
    note.alignment = WD_ALIGN_PARAGRAPH.CENTER
    note.runs[0].italic = True
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _summary(document, plan: ActionPlan) -> None:
    document.add_heading("Summary", level=1)
    if plan.vision.statement:
        document.add_paragraph("Our vision", style="Heading 3")
        document.add_paragraph(plan.vision.statement, style="Intense Quote")
        if plan.vision.sdg_targets:
            document.add_paragraph("It contributes to SDG targets "
                                   + ", ".join(plan.vision.sdg_targets) + ".")
    actions = plan.actions
    money_view = budget(plan)
    facts = [
        ("Government", plan.name),
        ("Level of government", LEVELS_OF_GOVERNMENT.get(plan.level, "")),
        ("Objectives", str(len(plan.objectives))),
        ("Actions", str(len(actions))),
    ]
    if actions:
        first = min(a.start for a in actions)
        last = max(a.end for a in actions)
        facts.append(("Period", f"{dates.month(first)} to {dates.month(last)}"))
        high = sum(1 for a in actions if a.priority == "high")
        facts.append(("High-priority actions", str(high)))
        total = money(money_view.total, plan.currency) or "0"
        if money_view.unpriced:
            total += f" (and {money_view.unpriced} action(s) not yet costed)"
        facts.append(("Estimated budget", total))
    _facts(document, facts)
    gaps = missing(plan)
    document.add_paragraph("Still to complete", style="Heading 3")
    if gaps:
        document.add_paragraph(
            f"This version of the plan is a draft: {len(gaps)} point(s) remain open.")
        for gap in gaps[:40]:
            document.add_paragraph(gap.sentence(), style="List Bullet")
        if len(gaps) > 40:
            document.add_paragraph(f"... and {len(gaps) - 40} more.")
    else:
        document.add_paragraph("Nothing: every objective and action is complete.")


def _objectives(document, plan: ActionPlan) -> None:
    document.add_heading("Objectives", level=1)
    if not plan.objectives:
        document.add_paragraph("No objectives have been written yet.")
        return
    for objective in plan.objectives:
        paragraph = document.add_paragraph(style="List Number")
        paragraph.add_run(objective.title).bold = True
        serves = plan.vision.link_label(objective.link)
        actions = [a for a in plan.actions if a.objective == objective.id]
        details = []
        if serves:
            details.append(f"Serves: {serves}.")
        details.append(f"{len(actions)} action(s).")
        indicators = [a.indicator.label() for a in actions if not a.indicator.is_empty]
        if indicators:
            details.append("Measured by: " + "; ".join(indicators) + ".")
        paragraph.add_run(" " + " ".join(details))
    if plan.vision.milestones:
        document.add_paragraph("Milestones of the vision", style="Heading 3")
        for milestone in plan.vision.milestones:
            document.add_paragraph(f"{milestone.year}: {milestone.title}", style="List Bullet")


def _action_table(document, plan: ActionPlan) -> None:
    _landscape(document, True)
    document.add_heading("Actions", level=1)
    if not plan.actions:
        document.add_paragraph("No actions have been added yet.")
        return
    pillars = _pillars()
    rows = []
    for number, action in enumerate(plan.actions, start=1):
        objective = plan.objective(action.objective)
        what = action.title + (f"\n{action.description}" if action.description else "")
        where = "\n".join(filter(None, [CAPACITY_LEVELS.get(action.capacity_level, ""),
                                        pillars.get(action.pillar, "")]))
        who = action.lead + (f"\n{action.partners.label()}" if not action.partners.is_empty
                             else "")
        when = f"{dates.day(action.start, short=True)}\nto {dates.day(action.end, short=True)}"
        cost = "\n".join(filter(None, [money(action.budget, plan.currency),
                                       BUDGET_SOURCES.get(action.budget_source, "")]))
        priority = PRIORITIES.get(action.priority, "")
        rows.append([str(number), what, objective.title if objective else "", where, who, when,
                     cost, action.indicator.label(), priority])
    _table(document,
           ["#", "Action", "Objective", "Capacity level and pillar", "Lead and partners",
            "When", "Budget and source", "Indicator", "Priority"],
           rows, widths=[0.8, 5.5, 3.2, 3.0, 4.0, 2.6, 2.6, 3.3, 1.6])


def _timeline(document, plan: ActionPlan) -> None:
    from dgtkit.charts import to_png
    from dgtkit.charts.gantt import timeline_alt_text, timeline_chart

    document.add_heading("Timeline", level=1)
    if not plan.actions:
        document.add_paragraph("No actions have been added yet.")
        return
    png = to_png(timeline_chart(plan), dpi=150)
    document.add_picture(io.BytesIO(png), width=Cm(24))
    picture = document.inline_shapes[-1]
    picture._inline.docPr.set("descr", timeline_alt_text(plan)[:4000])
    picture._inline.docPr.set("title", "Timeline of the action plan")
    document.add_paragraph(
        "Each bar runs from an action's start to its end; actions are grouped by objective "
        "and coloured by priority. The dashed line is the date of this document.")


def _indicators(document, plan: ActionPlan) -> None:
    _landscape(document, False)
    document.add_heading("Indicators", level=1)
    rows = []
    for action in plan.actions:
        indicator = action.indicator
        if indicator.is_empty:
            continue
        objective = plan.objective(action.objective)
        rows.append([
            indicator.name, action.title, objective.title if objective else "",
            "" if indicator.baseline is None else f"{indicator.baseline:g}",
            "" if indicator.target is None else f"{indicator.target:g}",
            indicator.unit, DIRECTIONS.get(indicator.direction, ""),
        ])
    if not rows:
        document.add_paragraph("No indicators have been set yet.")
        return
    _table(document, ["Indicator", "Action", "Objective", "Baseline", "Target", "Unit",
                      "Should go"], rows, widths=[4.0, 3.6, 3.2, 1.6, 1.6, 1.4, 1.4])


def _budget(document, plan: ActionPlan) -> None:
    document.add_heading("Budget", level=1)
    view = budget(plan)
    if not plan.actions:
        document.add_paragraph("No actions have been added yet.")
        return
    document.add_paragraph(f"Estimates in {plan.currency}.")
    rows = [[title, money(total, plan.currency), str(unpriced)]
            for title, total, unpriced in view.by_objective]
    _table(document, ["Objective", "Budget", "Actions not yet costed"], rows,
           widths=[9, 4, 3.5])
    document.add_paragraph()
    rows = [[source, money(total, plan.currency)] for source, total in view.by_source]
    rows.append(["Total", money(view.total, plan.currency)])
    table = _table(document, ["Source", "Budget"], rows, widths=[9, 4])
    for cell in table.rows[-1].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _coverage(document, plan: ActionPlan) -> None:
    document.add_heading("Coverage of the capacity levels and pillars", level=1)
    view = coverage(plan)
    rows = [[name] + [str(view.count(pid, lid) or "") for lid, _ in view.levels]
            for pid, name in view.pillars]
    _table(document, ["Pillar"] + [name for _, name in view.levels], rows,
           widths=[7, 2.4, 2.6, 2.2, 2.2])
    notes = []
    if view.empty_pillars:
        notes.append("No action strengthens: " + ", ".join(view.empty_pillars) + ".")
    if view.empty_levels:
        notes.append("No action works at the capacity level(s): "
                     + ", ".join(view.empty_levels) + ".")
    if view.unplaced:
        notes.append(f"{view.unplaced} action(s) have no pillar or capacity level yet.")
    for note in notes:
        document.add_paragraph(note)


def _risks(document, plan: ActionPlan) -> None:
    document.add_heading("Risks and how we reduce them", level=1)
    rows = [[a.title, a.risks, a.mitigation] for a in plan.actions if a.risks or a.mitigation]
    if not rows:
        document.add_paragraph("No risks have been named yet.")
        return
    _table(document, ["Action", "Risk", "Mitigation"], rows, widths=[4.5, 6, 6])


def _details(document, plan: ActionPlan) -> None:
    if not plan.actions:
        return
    document.add_heading("The actions in detail", level=1)
    pillars = _pillars()
    for number, action in enumerate(plan.actions, start=1):
        document.add_heading(f"{number}. {action.title}", level=2)
        _paragraphs(document, action.description)
        objective = plan.objective(action.objective)
        _facts(document, [
            ("Objective", objective.title if objective else ""),
            ("Capacity level", CAPACITY_LEVELS.get(action.capacity_level, "")),
            ("Pillar", pillars.get(action.pillar, "")),
            ("Lead", action.lead),
            ("Partners", action.partners.label()),
            ("When", f"{dates.day(action.start)} to {dates.day(action.end)}"),
            ("Budget", money(action.budget, plan.currency)),
            ("Source of the budget", BUDGET_SOURCES.get(action.budget_source, "")),
            ("Indicator", action.indicator.label()),
            ("SDG targets", ", ".join(action.sdg_targets)),
            ("Risks", action.risks.replace("\n", " ")),
            ("Mitigation", action.mitigation.replace("\n", " ")),
            ("Priority", " ".join(filter(None, [PRIORITIES.get(action.priority, ""),
                                                action.priority_reason]))),
        ])


def _pillars() -> dict[str, str]:
    from dgtkit.course.frameworks import frameworks

    return {p.id: p.name for p in frameworks().pillars}
