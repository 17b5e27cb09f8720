"""Markdown (MyST) for the pages that render from the course's data.

Pure functions, ``data -> str``: the Sphinx directives parse what they return, and the tests
read it directly.
"""

from __future__ import annotations

from dgtkit.course.frameworks import Frameworks
from dgtkit.course.week import Day, Slot, Week

DASH = "\u2060\u2013\u2060"  # en dash held to its neighbours: a time range never breaks


def _cell(text: str) -> str:
    """Text made safe for a cell of a pipe table."""
    return " ".join(text.split()).replace("|", "\\|")


def _times(slot: Slot) -> str:
    return slot.times.replace("-", DASH)


def _link(title: str, docname: str) -> str:
    title = title.replace("<", "&lt;").replace("`", "'")
    return f"{{doc}}`{title} </{docname}>`"


def _exercise_text(week: Week, exercise_id: str) -> str:
    exercise = week.exercise(exercise_id)
    if exercise.notebook:
        return f"**{_link(exercise.label, exercise.notebook)}**"
    return f"**{exercise.label}**"


def slot_text(week: Week, slot: Slot) -> str:
    """What happens in a slot, with links to its session and exercise pages."""
    parts = [_link(week.session(s).label, week.session(s).page) for s in slot.sessions]
    parts += [_exercise_text(week, e) for e in slot.exercises]
    if slot.title:
        parts.append(f"*{_cell(slot.title)}*" if slot.kind == "break" else _cell(slot.title))
    return " + ".join(parts)


def day_table(week: Week, day: Day, with_notes: bool = False) -> str:
    header = "| Time | Session or activity |"
    rule = "|---|---|"
    if with_notes:
        header, rule = header + " How to run it |", rule + "---|"
    rows = [header, rule]
    for slot in day.slots:
        row = f"| {_times(slot)} | {slot_text(week, slot)} |"
        if with_notes:
            row += f" {_cell(slot.notes)} |"
        rows.append(row)
    return "\n".join(rows)


def agenda(week: Week) -> str:
    """The five days, one section and one table per day."""
    blocks = []
    for day in week.days:
        blocks.append(f"## Day {day.number}: {day.title}")
        blocks.append(f"*{day.covers}.*")
        blocks.append(day_table(week, day))
    return "\n\n".join(blocks) + "\n"


def run_sheets(week: Week) -> str:
    """The facilitator's run sheet: every slot of every day, with how to run it."""
    blocks = []
    for day in week.days:
        blocks.append(f"### Day {day.number}: {day.title}")
        blocks.append(day_table(week, day, with_notes=True))
    return "\n\n".join(blocks) + "\n"


def module_overview(week: Week, number: int) -> str:
    """Where a module sits in the week: its sessions and exercises with day and time."""
    module = week.module(number)
    rows = ["| Session | Day | Time |", "|---|---|---|"]
    for session in module.sessions:
        day, slot = week.slot_of(session.id)
        rows.append(f"| {_link(session.label, session.page)} | Day {day.number} | {_times(slot)} |")
    blocks = ["\n".join(rows)]
    exercises = week.exercises_of(number)
    if exercises:
        lines = []
        for exercise in exercises:
            day, slot = week.slot_of(exercise.id)
            lines.append(
                f"- {_exercise_text(week, exercise.id)} (Day {day.number}, {_times(slot)}): "
                f"{_cell(exercise.output)}."
            )
        blocks.append("Exercises of this module:\n\n" + "\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def session_info(week: Week, session_id: str) -> str:
    """One line under a session's title: module, day and time, and the exercise it holds."""
    session = week.session(session_id)
    module = week.module(session.module)
    day, slot = week.slot_of(session_id)
    parts = [
        _link(f"Module {module.number}: {module.short}", module.page),
        f"Day {day.number}, {_times(slot)}",
    ]
    parts += [f"with {_exercise_text(week, e)}" for e in slot.exercises]
    parts.append(_link("the five-day agenda", "book/agenda"))
    return " · ".join(parts) + "\n"


def pillar_table(frameworks: Frameworks) -> str:
    """The course's working framework of pillars, with what each one rests on."""
    rows = ["| Pillar | Guiding question | Rests on |", "|---|---|---|"]
    for number, pillar in enumerate(frameworks.pillars, start=1):
        cites = ",".join(pillar.sources)
        rows.append(
            f"| {number}. {_cell(pillar.name)} | {_cell(pillar.question)} | "
            f"{_cell(pillar.basis)} {{cite:p}}`{cites}` |"
        )
    return "\n".join(rows) + "\n"


def maturity_table(frameworks: Frameworks) -> str:
    """What each maturity level means for each pillar: a short table per pillar."""
    blocks = []
    for number, pillar in enumerate(frameworks.pillars, start=1):
        rows = [f"**{number}. {_cell(pillar.name)}**", "", "| Level | What it looks like |",
                "|---|---|"]
        rows += [f"| {_cell(level.label)} | {_cell(pillar.descriptor(level.value))} |"
                 for level in frameworks.maturity_levels]
        blocks.append("\n".join(rows))
    return "\n\n".join(blocks) + "\n"


def outcome_matrix(week: Week, outcomes) -> str:
    """The seven learning outcomes: the sessions that teach each, the exercises that practise
    it and the graded items that assess it (``course/outcomes.yaml``), each session and
    exercise linked to its page. An id the week does not know raises KeyError."""
    rows = ["| Outcome | Taught in sessions | Practised in | Assessed by (assignment: item) |",
            "|---|---|---|---|"]
    for outcome in outcomes:
        sessions = ", ".join(_link(week.session(s).id, week.session(s).page)
                             for s in outcome.taught)
        exercises = ", ".join(_exercise_short(week, e) for e in outcome.practised)
        items = "; ".join(f"`{item}`" for item in outcome.assessed)
        rows.append(f"| **{outcome.number}** {outcome.short} | {sessions} | {exercises} | "
                    f"{items} |")
    return "\n".join(rows) + "\n"


def _exercise_short(week: Week, exercise_id: str) -> str:
    exercise = week.exercise(exercise_id)
    label = f"Ex {exercise.number}" if exercise.number else exercise.title
    return _link(label, exercise.notebook) if exercise.notebook else label
