"""The plan as a Word document a government planning office can submit.

A4 portrait throughout, in Arial (which LibreOffice shows with the metric-compatible Liberation
Sans), with numbered sections as a planning office writes them:

cover page · 1 Summary · 2 Background and rationale (the situation analysis: gaps with their
problem and evidence, benchmark findings, SWOT) · 3 Vision and objectives · 4 Actions (a table
of all actions, then one block per action that is never split across pages) · 5 Timeline ·
6 Monitoring and evaluation (each indicator as a sentence, with its source, frequency and who
reports) · 7 Budget (by year and source, and by objective) · 8 Risks and how we reduce them ·
9 Partners, stakeholders and organization · 10 Approval · annexes (coverage of pillars and
capacity levels; points still open in a draft).

Tables get column widths that fit their longest word, so no word is broken inside a cell; no
table row is split across pages. Every text a participant typed is written as text
(python-docx escapes it); the chart has its data in its alt text.
"""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from dgtkit.course import TITLE as COURSE
from dgtkit.models import dates
from dgtkit.models.action_plan import (
    BUDGET_SOURCES,
    CAPACITY_LEVELS,
    LEVELS_OF_GOVERNMENT,
    Action,
    ActionPlan,
)
from dgtkit.models.plan_checks import missing
from dgtkit.models.plan_tables import budget, budget_by_year, coverage, money, timeline_span

TITLE = "Action plan for digital government transformation and capacity development"
FONT = "Arial"
BLUE = RGBColor(0x1F, 0x5F, 0xA6)
HEADER_SHADE = "DCE6F2"
PAGE_WIDTH, MARGIN = 21.0, 2.0  # cm: A4
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
TABLE_FONT = 9  # pt
#: A conservative width of one character of Arial at TABLE_FONT points, in cm (bold is
#: wider than regular; capitals wider than small letters), and a cell's side padding.
CHAR_CM = 0.19 * TABLE_FONT / 10
CELL_PADDING_CM = 0.35


def to_docx(plan: ActionPlan, today: date | None = None) -> bytes:
    today = today or dates.today()
    document = Document()
    _page_setup(document)
    _cover(document, plan, today)
    numbers = iter(range(1, 100))
    _summary(document, plan, next(numbers))
    if _has_background(plan):
        _background(document, plan, next(numbers))
    _vision_and_objectives(document, plan, next(numbers))
    _actions(document, plan, next(numbers))
    if plan.actions:
        _timeline(document, plan, next(numbers), today)
    _monitoring(document, plan, next(numbers))
    _budget(document, plan, next(numbers))
    _risks(document, plan, next(numbers))
    if plan.context_of("stakeholder") or plan.context_of("structure") or any(
            not a.partners.is_empty for a in plan.actions):
        _partners(document, plan, next(numbers))
    _approval(document, plan, next(numbers), today)
    _annexes(document, plan)
    properties = document.core_properties
    properties.title = f"{TITLE}: {plan.name}"[:250]
    properties.author = (plan.team or "Course participants")[:250]
    properties.subject = f"{COURSE}, session 7.1"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- layout helpers --------------------------------------------------------------------------


def _page_setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(PAGE_WIDTH), Cm(29.7)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN))
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(4)
    _east_asian_font(normal)
    for name, size in (("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 10.5),
                       ("Title", 22)):
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = BLUE
        _east_asian_font(style)
        style.paragraph_format.keep_with_next = True
    styles["Heading 1"].paragraph_format.space_before = Pt(14)
    styles["Heading 2"].paragraph_format.space_before = Pt(10)
    styles["Heading 3"].paragraph_format.space_before = Pt(8)
    styles["Heading 3"].paragraph_format.space_after = Pt(2)
    section.footer.paragraphs[0].text = TITLE
    section.footer.paragraphs[0].runs[0].font.size = Pt(8)


def _east_asian_font(style) -> None:
    """Use FONT for every script (Word otherwise keeps the theme's font for some)."""
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), FONT)


def _shade(cell, colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    properties.append(shading)


def _row_flag(row, name: str) -> None:
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement(f"w:{name}")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _longest_word(text: str) -> int:
    return max((len(word) for word in str(text).split()), default=0)


def _longest_line(text: str) -> int:
    return max((len(line) for line in str(text).split("\n")), default=0)


def fit_widths(headers: list[str], rows: list[list[str]], flexible: int,
               total: float = TEXT_WIDTH, cap: float = 4.5) -> list[float]:
    """Column widths in cm: each column at least as wide as its longest word (and its bold
    header's), so that no word is ever broken, and as wide as its longest line up to ``cap``;
    what is left goes to the ``flexible`` column. If that is too little, the others give back
    what they have above their longest word."""
    def cm(characters: float) -> float:
        return characters * CHAR_CM + CELL_PADDING_CM

    words = [cm(max([_longest_word(h) * 1.1] + [_longest_word(r[i]) for r in rows]))
             for i, h in enumerate(headers)]
    lines = [cm(max([_longest_line(h) * 1.1] + [_longest_line(r[i]) for r in rows]))
             for i, h in enumerate(headers)]
    widths = [min(line, max(word, cap)) for word, line in zip(words, lines, strict=True)]
    others = [i for i in range(len(headers)) if i != flexible]
    rest = total - sum(widths[i] for i in others)
    if rest < words[flexible]:
        need = words[flexible] - rest
        slack = sum(widths[i] - words[i] for i in others)
        share = min(1.0, need / slack) if slack > 0 else 0.0
        for i in others:
            widths[i] -= (widths[i] - words[i]) * share
        rest = total - sum(widths[i] for i in others)
    widths[flexible] = max(rest, words[flexible])
    scale = min(1.0, total / sum(widths))  # a word longer than the page: shrink evenly
    return [width * scale for width in widths]


def _table(document, headers: list[str], rows: list[list[str]], flexible: int = 0,
           widths: list[float] | None = None, total: float = TEXT_WIDTH):
    """A table whose rows never split across pages and whose header repeats."""
    widths = widths or fit_widths(headers, rows, flexible, total)
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(header)
        run.bold = True
        run.font.size = Pt(TABLE_FONT)
        _shade(cell, HEADER_SHADE)
    _row_flag(table.rows[0], "tblHeader")
    for values in rows:
        row = table.add_row()
        for cell, value in zip(row.cells, values, strict=True):
            _write(cell, value)
    for row in table.rows:
        _row_flag(row, "cantSplit")
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(int(Cm(width).twips)))
    document.add_paragraph().paragraph_format.space_after = Pt(2)
    return table


def _write(cell, text: str) -> None:
    """Text into a cell at the table's size; its own line breaks become paragraphs."""
    lines = str(text).split("\n") if text else [""]
    cell.text = ""
    paragraph = cell.paragraphs[0]
    for number, line in enumerate(lines):
        if number:
            paragraph = cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(1)
        bold = line.startswith("**") and line.endswith("**") and len(line) > 4
        run = paragraph.add_run(line[2:-2] if bold else line)
        run.bold = bold
        run.font.size = Pt(TABLE_FONT)


def _heading(document, text: str, level: int = 1):
    return document.add_heading(text, level=level)


def _para(document, text: str, style: str | None = None, keep: bool = False):
    paragraph = document.add_paragraph(text, style=style)
    paragraph.paragraph_format.keep_with_next = keep
    return paragraph


def _fact(document, label: str, value: str, keep: bool = True):
    """'Label: value' with the label in bold; kept with the next line unless ``keep`` is
    False (the last line of a block)."""
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(value)
    paragraph.paragraph_format.keep_with_next = keep
    paragraph.paragraph_format.keep_together = True
    paragraph.paragraph_format.space_after = Pt(2)
    return paragraph


def _bullet(document, text: str, bold_start: str = "", keep: bool = False):
    paragraph = document.add_paragraph(style="List Bullet")
    if bold_start:
        paragraph.add_run(bold_start).bold = True
    paragraph.add_run(text)
    paragraph.paragraph_format.keep_with_next = keep
    paragraph.paragraph_format.space_after = Pt(2)
    return paragraph


def _sentence(text: str) -> str:
    text = " ".join(str(text).split())
    if not text:
        return ""
    return text if text[-1] in ".!?" else text + "."


def _paragraphs(document, text: str) -> None:
    for line in text.split("\n"):
        if line.strip():
            document.add_paragraph(line)


def _pillars() -> dict[str, str]:
    from dgtkit.course.frameworks import frameworks

    return {p.id: p.name for p in frameworks().pillars}


def _period(actions: list[Action]) -> str:
    first = min(a.start for a in actions)
    last = max(a.end for a in actions)
    return f"{dates.month(first)} to {dates.month(last)}"


# -- the parts -------------------------------------------------------------------------------


def _cover(document, plan: ActionPlan, today: date) -> None:
    for _ in range(6):
        document.add_paragraph()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(TITLE)
    run.bold, run.font.size, run.font.color.rgb = True, Pt(22), BLUE
    name = document.add_paragraph()
    name.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = name.add_run(plan.name)
    run.font.size = Pt(16)
    lines = [
        LEVELS_OF_GOVERNMENT.get(plan.level, ""),
        _period(plan.actions) if plan.actions else "",
        f"Prepared by team {plan.team}" if plan.team else "",
        f"Version of {dates.day(today)}",
    ]
    for line in filter(None, lines):
        paragraph = document.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for _ in range(5):
        document.add_paragraph()
    status = ("Draft for discussion and approval"
              + (f" by {plan.approver}" if plan.approver else " by the responsible authority")
              + ".")
    note = document.add_paragraph(
        f"{status} Prepared in the training workshop Capacities for Digital Government "
        "Transformation (Curriculum on Governance for the SDGs), session 7.1."
    )
    note.alignment = WD_ALIGN_PARAGRAPH.CENTER
    note.runs[0].italic = True
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _summary(document, plan: ActionPlan, number: int) -> None:
    _heading(document, f"{number} Summary")
    actions = plan.actions
    money_view = budget(plan)
    objectives = len(plan.objectives)
    text = (f"This plan sets out how {plan.name} will build the capacities its digital "
            f"transformation needs: {objectives} objective{'s' * (objectives != 1)} and "
            f"{len(actions)} action{'s' * (len(actions) != 1)}")
    if actions:
        text += f", from {_period(actions)}"
    text += "."
    if plan.vision.statement and plan.vision.year:
        text += f" It serves the vision the team set for {plan.vision.year}."
    _para(document, text)
    facts = [("Government", plan.name),
             ("Level of government", LEVELS_OF_GOVERNMENT.get(plan.level, ""))]
    if actions:
        high = sum(1 for a in actions if a.priority == "high")
        facts.append(("High-priority actions", f"{high} of {len(actions)}"))
        total = money(money_view.total, plan.currency) or "0"
        if money_view.unpriced:
            total += (f" (and {money_view.unpriced} action{'s' * (money_view.unpriced != 1)} "
                      "not yet costed)")
        facts.append(("Estimated budget", total))
    facts.append(("To be approved by", plan.approver))
    shown = [(label, value) for label, value in facts if value]
    for index, (label, value) in enumerate(shown):
        _fact(document, label, value, keep=index < len(shown) - 1)
    gaps = missing(plan)
    if gaps:
        _para(document, f"This version is a draft: {len(gaps)} point{'s' * (len(gaps) != 1)} "
                        "remain open (see the last annex).").runs[0].italic = True


def _has_background(plan: ActionPlan) -> bool:
    return bool(plan.background or plan.context_of("gap") or plan.context_of("finding")
                or plan.context_of("swot") or any(a.problem or a.evidence
                                                  for a in plan.actions))


def _background(document, plan: ActionPlan, number: int) -> None:
    _heading(document, f"{number} Background and rationale")
    _paragraphs(document, plan.background)
    gaps = plan.context_of("gap")
    if gaps:
        _heading(document, "The capacity gaps this plan closes", 2)
        _para(document, "The team's situation analysis found these gaps between the "
                        "capacity today and the capacity the government needs (levels on "
                        "the course's five-level maturity scale).", keep=True)
        for item in gaps:
            paragraph = _bullet(document, "", bold_start=_sentence(item.title) + " ")
            if item.text:
                paragraph.add_run("The problem: ").italic = True
                paragraph.add_run(_sentence(item.text) + " ")
            if item.detail:
                paragraph.add_run("The evidence: ").italic = True
                paragraph.add_run(_sentence(item.detail))
    elif any(a.problem or a.evidence for a in plan.actions):
        _heading(document, "The problems this plan solves", 2)
        for action in plan.actions:
            if action.problem or action.evidence:
                paragraph = _bullet(document, "", bold_start=_sentence(action.problem or
                                                                       action.title) + " ")
                if action.evidence:
                    paragraph.add_run("The evidence: ").italic = True
                    paragraph.add_run(_sentence(action.evidence))
    findings = plan.context_of("finding")
    if findings:
        _heading(document, "What the international benchmarks show", 2)
        _para(document, "The United Nations E-Government Survey and the other indices "
                        "measure the country as a whole: they are the national context in "
                        "which this plan works.", keep=True)
        for item in findings:
            _bullet(document, item.title)
    swot = plan.context_of("swot")
    if swot:
        _heading(document, "Strengths, weaknesses, opportunities and threats", 2)
        order = ["Strength", "Weakness", "Opportunity", "Threat"]
        plural = {"Strength": "Strengths", "Weakness": "Weaknesses",
                  "Opportunity": "Opportunities", "Threat": "Threats"}
        for category in order + sorted({i.detail for i in swot} - set(order)):
            items = [i.title for i in swot if i.detail == category]
            if items:
                _bullet(document, "; ".join(items) + ".",
                        bold_start=f"{plural.get(category, category)}: ")


def _vision_and_objectives(document, plan: ActionPlan, number: int) -> None:
    _heading(document, f"{number} Vision and objectives")
    vision = plan.vision
    if vision.statement:
        _para(document, "The vision", "Heading 3")
        _para(document, vision.statement, "Intense Quote")
        if vision.sdg_targets:
            _para(document, "It contributes to the targets "
                            + ", ".join(vision.sdg_targets)
                            + " of the Sustainable Development Goals.")
        if vision.milestones:
            _para(document, "Milestones on the way", "Heading 3")
            for index, milestone in enumerate(vision.milestones):
                _bullet(document, _sentence(milestone.title), bold_start=f"{milestone.year}: ",
                        keep=index < len(vision.milestones) - 1)
    _para(document, "Objectives", "Heading 3")
    if not plan.objectives:
        _para(document, "No objectives have been written yet.")
        return
    for objective in plan.objectives:
        paragraph = document.add_paragraph(style="List Number")
        paragraph.add_run(_sentence(objective.title)).bold = True
        serves = vision.link_label(objective.link)
        actions = [a for a in plan.actions if a.objective == objective.id]
        details = []
        if serves:
            details.append(f"It serves: {serves[0].lower()}{serves[1:]}.")
        numbers = [str(plan.actions.index(a) + 1) for a in actions]
        if numbers:
            details.append(f"Its action{'s' * (len(numbers) > 1)}: {', '.join(numbers)}.")
        measured = [a.indicator.sentence() for a in actions if not a.indicator.is_empty]
        if measured:
            details.append("Measured by: " + " ".join(measured))
        paragraph.add_run(" " + " ".join(details))


def _actions(document, plan: ActionPlan, number: int) -> None:
    _heading(document, f"{number} Actions")
    if not plan.actions:
        _para(document, "No actions have been added yet.")
        return
    _para(document, "The table lists every action; each is then described in full.",
          keep=True)
    rows = []
    for index, action in enumerate(plan.actions, start=1):
        rows.append([
            str(index), action.title, action.lead,
            f"{dates.month(action.start, short=True)} to\n{dates.month(action.end, short=True)}",
            money(action.budget, plan.currency) or "Not yet costed",
        ])
    _table(document, ["No.", "Action", "Lead", "Period", "Budget"], rows, flexible=1)
    pillars = _pillars()
    for index, action in enumerate(plan.actions, start=1):
        _action_block(document, plan, action, index, pillars)


def _action_block(document, plan: ActionPlan, action: Action, index: int,
                  pillars: dict[str, str]) -> None:
    """One action as a block of lines kept together on one page."""
    _heading(document, f"Action {index}. {action.title}", 3)
    objective = plan.objective(action.objective)
    where = ", ".join(filter(None, [CAPACITY_LEVELS.get(action.capacity_level, ""),
                                    pillars.get(action.pillar, "")]))
    cost = money(action.budget, plan.currency)
    if cost and action.budget_source:
        cost += f" ({BUDGET_SOURCES[action.budget_source].lower()})"
    risk = _sentence(action.risks.replace("\n", " "))
    if action.mitigation:
        risk += (" " if risk else "") + "Mitigation: " + _sentence(
            action.mitigation.replace("\n", " "))
    facts = [
        ("Objective", objective.title if objective else ""),
        ("The problem", _sentence(action.problem)),
        ("Evidence", _sentence(action.evidence.replace("\n", " "))),
        ("What will be done", _sentence(action.description.replace("\n", " "))),
        ("Capacity level and pillar", where),
        ("Lead", action.lead),
        ("Partners", action.partners.label()),
        ("When", f"{dates.day(action.start)} to {dates.day(action.end)}"),
        ("Budget", cost),
        ("Indicator", action.indicator.sentence()),
        ("Monitoring", action.indicator.monitoring()),
        ("SDG targets", ", ".join(action.sdg_targets)),
        ("Risk", risk),
        ("Priority", action.priority_sentence()),
    ]
    shown = [(label, value) for label, value in facts if value]
    for position, (label, value) in enumerate(shown):
        _fact(document, label, value, keep=position < len(shown) - 1)


def _timeline(document, plan: ActionPlan, number: int, today: date) -> None:
    from dgtkit.charts import to_png
    from dgtkit.charts.gantt import timeline_alt_text, timeline_chart

    _heading(document, f"{number} Timeline")
    png = to_png(timeline_chart(plan), dpi=150)
    document.add_picture(io.BytesIO(png), width=Cm(TEXT_WIDTH))
    picture = document.inline_shapes[-1]
    picture._inline.docPr.set("descr", timeline_alt_text(plan)[:4000])
    picture._inline.docPr.set("title", "Timeline of the action plan")
    caption = ("Each bar runs from an action's start to its end; actions are grouped by "
               "objective, and their priority is shown by colour and pattern.")
    first, last = timeline_span([_bar for _bar in _bars(plan)])
    if first <= dates.today() <= last:
        caption += " The dashed line marks the date this version was written."
    _para(document, caption).runs[0].italic = True


def _bars(plan: ActionPlan):
    from dgtkit.models.plan_tables import gantt

    return gantt(plan)


def _monitoring(document, plan: ActionPlan, number: int) -> None:
    _heading(document, f"{number} Monitoring and evaluation")
    if plan.review:
        _paragraphs(document, plan.review)
    measured = [(i, a) for i, a in enumerate(plan.actions, start=1)
                if not a.indicator.is_empty]
    if not measured:
        _para(document, "No indicators have been set yet.")
        return
    _para(document, "Each action is measured by one indicator, from its baseline to its "
                    "target, as follows.", keep=True)
    rows = []
    for index, action in measured:
        indicator = action.indicator
        how = []
        if indicator.frequency:
            how.append(indicator.frequency)
        if indicator.data_source:
            how.append(f"Source: {indicator.data_source}")
        rows.append([str(index), indicator.sentence(), "\n".join(how) or "To be agreed",
                     indicator.owner or action.lead])
    _table(document, ["Action", "Indicator, baseline and target", "Measured", "Reports"],
           rows, flexible=1)


def _budget(document, plan: ActionPlan, number: int) -> None:
    _heading(document, f"{number} Budget")
    if not plan.actions:
        _para(document, "No actions have been added yet.")
        return
    years = budget_by_year(plan)
    currency = plan.currency or "the local currency"
    if years.years:
        _para(document, f"Estimates in {currency}, by year and source of funds. An action "
                        "that runs over several years is counted in each year in proportion "
                        "to its months in it.", keep=True)
        # One row a year (a plan runs to its vision year), one column a source of funds.
        headers = ["Year"] + [name for name, _values, _total in years.by_source] + ["Total"]
        rows = [[str(year)] + [money(values[index]) or "-"
                               for _name, values, _total in years.by_source]
                + [money(years.totals[index])] for index, year in enumerate(years.years)]
        rows.append(["**Total**"] + [f"**{money(total)}**"
                                     for _name, _values, total in years.by_source]
                    + [f"**{money(years.total)}**"])
        _table(document, headers, rows, flexible=len(headers) - 1)
    if years.unpriced:
        _para(document, f"{years.unpriced} action{'s are' if years.unpriced != 1 else ' is'} "
                        "not yet costed.")
    view = budget(plan)
    if plan.objectives:
        rows = [[title, money(total, plan.currency) or "0", str(unpriced) if unpriced else ""]
                for title, total, unpriced in view.by_objective]
        _table(document, ["Objective", "Budget", "Not yet costed"], rows, flexible=0)


def _risks(document, plan: ActionPlan, number: int) -> None:
    _heading(document, f"{number} Risks and how we reduce them")
    rows = []
    for item in plan.context_of("risk"):
        rows.append([item.title, item.text or "To be agreed", item.detail or "To be named"])
    for index, action in enumerate(plan.actions, start=1):
        if action.risks or action.mitigation:
            rows.append([f"{action.risks or 'Not named'} (action {index})",
                         action.mitigation or "To be agreed", action.lead])
    threats = [i.title for i in plan.context_of("swot") if i.detail == "Threat"]
    if not rows and not threats:
        _para(document, "No risks have been named yet.")
        return
    if rows:
        _table(document, ["Risk", "How we reduce it", "Who watches it"], rows, flexible=0,
               widths=_three_columns(rows))
    if threats:
        _para(document, "The threats of the SWOT analysis are watched as well: "
                        + "; ".join(threats) + ".")


def _three_columns(rows: list[list[str]]) -> list[float]:
    widths = fit_widths(["Risk", "How we reduce it", "Who watches it"], rows, flexible=0)
    owner = max(widths[2], 3.5)
    rest = TEXT_WIDTH - owner
    return [rest * 0.45, rest * 0.55, owner]


def _partners(document, plan: ActionPlan, number: int) -> None:
    _heading(document, f"{number} Partners, stakeholders and organization")
    for item in plan.context_of("structure"):
        _para(document, "How the work is organized", "Heading 3")
        _para(document, f"The team recommends {item.title[0].lower()}{item.title[1:]}. "
                        + _sentence(item.text))
        if item.detail:
            _fact(document, "First step", _sentence(item.detail), keep=False)
    stakeholders = plan.context_of("stakeholder")
    if stakeholders:
        _para(document, "Stakeholders and how we work with them", "Heading 3")
        rows = [[i.title, i.detail, i.text] for i in stakeholders]
        _table(document, ["Stakeholder", "Position", "How we work with them"], rows,
               flexible=2)
    partnered = [(i, a) for i, a in enumerate(plan.actions, start=1)
                 if not a.partners.is_empty]
    if partnered:
        _para(document, "Partners of the actions", "Heading 3")
        for index, action in partnered:
            _bullet(document, action.partners.label() + ".", bold_start=f"Action {index}: ")


def _approval(document, plan: ActionPlan, number: int, today: date) -> None:
    heading = _heading(document, f"{number} Approval")
    heading.paragraph_format.page_break_before = False
    _para(document, "This plan takes effect when it is approved and signed below.", keep=True)
    prepared = f"Team {plan.team}" if plan.team else ""
    rows = [
        ["Prepared by", prepared, "", "", dates.day(today)],
        ["Reviewed by", "", "", "", ""],
        ["Approved by", "", plan.approver, "", ""],
    ]
    widths = [2.8, 4.4, 4.2, 2.8, 2.8]
    table = _table(document, ["", "Name", "Post", "Signature", "Date"], rows, widths=widths)
    for row in table.rows[1:]:
        row.height = Cm(1.4)


def _annexes(document, plan: ActionPlan) -> None:
    letters = iter("ABCDEFG")
    if plan.actions:
        view = coverage(plan)
        _heading(document, f"Annex {next(letters)}. Coverage of pillars and capacity levels")
        _para(document, "The number of actions that strengthen each pillar at each capacity "
                        "level.", keep=True)
        rows = [[name] + [str(view.count(pid, lid) or "-") for lid, _ in view.levels]
                for pid, name in view.pillars]
        _table(document, ["Pillar"] + [name for _, name in view.levels], rows, flexible=0)
        notes = []
        if view.empty_pillars:
            notes.append("No action strengthens: " + "; ".join(view.empty_pillars) + ".")
        if view.empty_levels:
            notes.append("No action works at the capacity level(s): "
                         + ", ".join(view.empty_levels) + ".")
        if view.unplaced:
            notes.append(f"{view.unplaced} action(s) have no pillar or capacity level yet.")
        for note in notes:
            _para(document, note)
    gaps = missing(plan)
    if gaps:
        _heading(document, f"Annex {next(letters)}. Points still open")
        _para(document, f"This version of the plan is a draft: {len(gaps)} point"
                        f"{'s' * (len(gaps) != 1)} remain open.", keep=True)
        for gap in gaps[:40]:
            _bullet(document, gap.sentence())
        if len(gaps) > 40:
            _para(document, f"... and {len(gaps) - 40} more.")
