"""The organizers' report (``make report``), as a Word document: the programme as run, the
participation, the evaluation, the learning gain, and a one-page summary of each team's action
plan. Read from the room as the dashboard reads it (``dgtkit.facilitator.room``), with the
workshop's dates and organizers (``dgtkit.facilitator.workshop``)."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn

from dgtkit.course import TITLE as COURSE
from dgtkit.course.week import week
from dgtkit.facilitator.room import Room
from dgtkit.facilitator.workshop import Workshop
from dgtkit.models import dates
from dgtkit.models.knowledge_test import module_label
from dgtkit.planfile.docx import _page_setup
from dgtkit.planfile.docx import _table as _plan_table

MISSING_SHOWN = 8


def _table(document, headers, rows, flexible=0):
    """The plan's table without a repeated header row: LibreOffice 7 dropped every row but
    the first of a table that starts at the foot of a page when its header repeats and its
    rows may not split (seen with the evaluation's table)."""
    table = _plan_table(document, headers, rows, flexible)
    for flag in list(table._tbl.iter(qn("w:tblHeader"))):
        flag.getparent().remove(flag)
    return table


def report_docx(room: Room, workshop: Workshop) -> bytes:
    """The whole report as the bytes of a .docx file."""
    document = Document()
    _page_setup(document)
    section = document.sections[0]
    section.footer.paragraphs[0].text = (f"{COURSE}: workshop report. Written on "
                                         f"{dates.day(dates.today())}.")
    document.add_paragraph(f"{COURSE}: report of the workshop", style="Title")
    facts = [("Dates", workshop.dates_text)]
    if workshop.place:
        facts.append(("Place", workshop.place))
    if workshop.organizers:
        facts.append(("Organized by", "; ".join(workshop.organizers)))
    facts.append(("Teams", str(len(room.teams))))
    for label, value in facts:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    _programme(document, workshop)
    _participation(document, room)
    _evaluation(document, room)
    _gain(document, room)
    _plans(document, room)
    document.core_properties.title = f"{COURSE}: workshop report"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _programme(document, workshop: Workshop) -> None:
    the_week = week()
    document.add_heading("1. The programme as run", level=1)
    for day in the_week.days:
        document.add_heading(f"Day {day.number}, {dates.day(workshop.day(day.number))}: "
                             f"{day.title}", level=2)
        rows = []
        for slot in day.slots:
            parts = [f"{s} {the_week.session(s).title}" for s in slot.sessions]
            parts += [the_week.exercise(e).title for e in slot.exercises]
            what = slot.title or "; ".join(parts)
            if slot.title and parts:
                what += " (" + "; ".join(parts) + ")"
            rows.append([f"{slot.start:%H:%M}-{slot.end:%H:%M}", what])
        _table(document, ["Time", "Session or exercise"], rows, flexible=1)


def _participation(document, room: Room) -> None:
    document.add_heading("2. Participation", level=1)
    if not room.teams:
        document.add_paragraph("No team's work was found.")
        return
    document.add_paragraph(f"{len(room.teams)} teams saved work. The table lists the exercises "
                           "each team did.")
    rows = [[t.name, str(sum(c.key in t.done for c in room.columns)),
             ", ".join(c.label for c in room.columns if c.key in t.done) or "none"]
            for t in room.teams]
    _table(document, ["Team", "Exercises done", "Which"], rows, flexible=2)
    key = "; ".join(f"{c.label}: {c.title}" for c in room.columns)
    document.add_paragraph(key)


def _evaluation(document, room: Room) -> None:
    document.add_heading("3. The evaluation of the training", level=1)
    means = room.rating_means()
    if not any(m.count for m in means):
        document.add_paragraph("No evaluation was saved.")
        return
    document.add_paragraph("The reaction survey of session 7.2: each question rated from 1 "
                           "(lowest) to 5 (highest).")
    _table(document, ["Question", "Mean rating", "Ratings"],
           [[m.question, "-" if m.mean is None else f"{m.mean:.1f} of 5", str(m.count)]
            for m in means], flexible=0)
    comments = room.comments()
    if comments:
        document.add_heading("Comments, as written", level=2)
        _table(document, ["Team", "Question", "Comment"],
               [[c.team, c.question, c.text] for c in comments], flexible=2)


def _gain(document, room: Room) -> None:
    document.add_heading("4. The learning gain", level=1)
    gain = room.gain()
    if not gain.participants:
        document.add_paragraph("No team took both the pre-test and the post-test.")
        return
    document.add_paragraph(
        f"Right answers in the knowledge test on Day 1 and on Day 5, over the "
        f"{gain.participants} team(s) that took both ({gain.incomplete} took only one).")

    def pct(value):
        return "-" if value is None else f"{value:.0f}%"

    rows = [[module_label(m.module), pct(m.pre_percent), pct(m.post_percent),
             "-" if m.gain is None else f"{m.gain:+.0f} points"] for m in gain.modules]
    rows.append(["Whole test", pct(gain.whole.pre_percent), pct(gain.whole.post_percent),
                 "-" if gain.whole.gain is None else f"{gain.whole.gain:+.0f} points"])
    _table(document, ["Module", "Day 1", "Day 5", "Gain"], rows, flexible=0)


def _plans(document, room: Room) -> None:
    teams = [t for t in room.teams if t.plan is not None]
    if not teams:
        document.add_heading("5. The teams' action plans", level=1)
        document.add_paragraph("No team saved an action plan.")
        return
    for number, team in enumerate(teams):
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        if number == 0:
            document.add_heading("5. The teams' action plans", level=1)
        plan = team.plan
        document.add_heading(f"Team {team.name}", level=2)
        who = ", ".join(p for p in (plan.government, plan.country) if p)
        if who:
            document.add_paragraph(f"Government: {who}")
        document.add_paragraph(team.plan_summary)
        if plan.objectives:
            document.add_heading("Objectives", level=3)
            for objective in plan.objectives:
                document.add_paragraph(objective.title, style="List Bullet")
        if plan.actions:
            document.add_heading("Actions", level=3)
            _table(document, ["Action", "Lead", "When"],
                   [[a.title, a.lead, f"{dates.day(a.start, short=True)} to "
                                      f"{dates.day(a.end, short=True)}"]
                    for a in plan.actions[:12]], flexible=0)
            if len(plan.actions) > 12:
                document.add_paragraph(f"And {len(plan.actions) - 12} more actions.")
        lacking = team.plan_missing
        if lacking:
            document.add_heading("Still missing", level=3)
            for text in lacking[:MISSING_SHOWN]:
                document.add_paragraph(text, style="List Bullet")
            if len(lacking) > MISSING_SHOWN:
                document.add_paragraph(f"And {len(lacking) - MISSING_SHOWN} more.")
