"""The five-day workshop as data: modules, sessions, exercises and the day-by-day slots.

Read from ``course/week.yaml``. The agenda page, the module overview pages and the facilitator
guide render from it (``dgtkit.site.book``), and the tests hold ``_toc.yml`` and the pages on
disk to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from functools import cache

from dgtkit.course import read_yaml

BOOK_FOLDER = "book"


@dataclass(frozen=True)
class Session:
    id: str
    title: str
    module: int
    page: str  # docname, e.g. "book/m1-introduction/1-1-key-definitions"

    @property
    def label(self) -> str:
        return f"{self.id} {self.title}"


@dataclass(frozen=True)
class Module:
    number: int
    title: str
    short: str
    folder: str
    sessions: tuple[Session, ...]

    @property
    def page(self) -> str:
        return f"{BOOK_FOLDER}/{self.folder}/index"


@dataclass(frozen=True)
class Exercise:
    id: str
    number: int | None
    module: int
    title: str
    output: str
    notebook: str | None  # docname of the page that runs it, once it is built
    repeated: bool = False  # taken more than once in the week (the pre-test and post-test)

    @property
    def label(self) -> str:
        return f"Ex {self.number} {self.title}" if self.number else self.title


@dataclass(frozen=True)
class Slot:
    start: time
    end: time
    title: str
    kind: str  # "session", "exercise", "activity" or "break"
    sessions: tuple[str, ...]
    exercises: tuple[str, ...]
    notes: str

    @property
    def times(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(frozen=True)
class Day:
    number: int
    title: str
    covers: str
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class Week:
    modules: tuple[Module, ...]
    exercises: tuple[Exercise, ...]
    days: tuple[Day, ...]

    @property
    def sessions(self) -> tuple[Session, ...]:
        return tuple(s for m in self.modules for s in m.sessions)

    def module(self, number: int) -> Module:
        return _find(self.modules, lambda m: m.number == number, f"module {number}")

    def session(self, session_id: str) -> Session:
        return _find(self.sessions, lambda s: s.id == session_id, f"session {session_id}")

    def exercise(self, exercise_id: str) -> Exercise:
        return _find(self.exercises, lambda e: e.id == exercise_id, f"exercise {exercise_id}")

    def slot_of(self, session_or_exercise_id: str) -> tuple[Day, Slot]:
        """The day and slot in which a session or an exercise takes place."""
        for day in self.days:
            for slot in day.slots:
                if session_or_exercise_id in slot.sessions + slot.exercises:
                    return day, slot
        raise KeyError(f"{session_or_exercise_id!r} is not on the agenda")

    def exercises_of(self, module_number: int) -> tuple[Exercise, ...]:
        return tuple(e for e in self.exercises if e.module == module_number)

    def pages(self) -> list[str]:
        """Every chapter page the week implies, in reading order."""
        pages = []
        for module in self.modules:
            pages.append(module.page)
            for session in module.sessions:
                pages.append(session.page)
        pages += [e.notebook for e in self.exercises if e.notebook]
        return pages

    def problems(self) -> list[str]:
        """What is inconsistent in the week (empty when all is well)."""
        found = []
        scheduled = [x for d in self.days for s in d.slots for x in s.sessions]
        for session in self.sessions:
            count = scheduled.count(session.id)
            if count != 1:
                found.append(f"session {session.id} is on the agenda {count} times, not once")
        known_sessions = {s.id for s in self.sessions}
        found += [f"slot names unknown session {x}" for x in scheduled if x not in known_sessions]
        planned = [x for d in self.days for s in d.slots for x in s.exercises]
        for exercise in self.exercises:
            times = planned.count(exercise.id)
            if times == 0 or (times > 1 and not exercise.repeated):
                found.append(f"exercise {exercise.id} is not on the agenda exactly once")
        known_exercises = {e.id for e in self.exercises}
        found += [f"slot names unknown exercise {x}" for x in planned if x not in known_exercises]
        for day in self.days:
            for before, after in zip(day.slots, day.slots[1:], strict=False):
                if after.start < before.end:
                    found.append(f"day {day.number}: {after.times} overlaps {before.times}")
            found += [
                f"day {day.number}: slot {s.times} ends before it starts"
                for s in day.slots
                if s.end <= s.start
            ]
        ids = [s.id for s in self.sessions]
        if len(set(ids)) != len(ids):
            found.append("session ids are not unique")
        return found


def _find(items, predicate, what):
    for item in items:
        if predicate(item):
            return item
    raise KeyError(f"No {what} in the week")


def _time(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _slot(raw: dict) -> Slot:
    sessions = tuple(raw.get("sessions", ()))
    exercises = tuple(raw.get("exercises", ()))
    if "kind" in raw:
        kind = raw["kind"]
    elif sessions:
        kind = "session"
    elif exercises:
        kind = "exercise"
    else:
        kind = "activity"
    return Slot(
        start=_time(raw["start"]),
        end=_time(raw["end"]),
        title=raw.get("title", ""),
        kind=kind,
        sessions=sessions,
        exercises=exercises,
        notes=raw.get("notes", ""),
    )


@cache
def week() -> Week:
    """The week, read once per process. Check it with ``week().problems()``."""
    raw = read_yaml("week.yaml")
    modules = tuple(
        Module(
            number=m["number"],
            title=m["title"],
            short=m["short"],
            folder=m["folder"],
            sessions=tuple(
                Session(
                    id=s["id"],
                    title=s["title"],
                    module=m["number"],
                    page=f"{BOOK_FOLDER}/{m['folder']}/{s['page']}",
                )
                for s in m["sessions"]
            ),
        )
        for m in raw["modules"]
    )
    exercises = tuple(
        Exercise(
            id=e["id"],
            number=e.get("number"),
            module=e["module"],
            title=e["title"],
            output=e["output"],
            notebook=e.get("notebook"),
            repeated=bool(e.get("repeated", False)),
        )
        for e in raw["exercises"]
    )
    days = tuple(
        Day(
            number=d["number"],
            title=d["title"],
            covers=d["covers"],
            slots=tuple(_slot(s) for s in d["slots"]),
        )
        for d in raw["days"]
    )
    return Week(modules=modules, exercises=exercises, days=days)
