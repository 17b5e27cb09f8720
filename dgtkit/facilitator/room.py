"""The room's work as the facilitator's dashboard shows it, read from what the teams save and
never changed: plain Python, no UI.

Where the teams' work is (``sources``), in each of the course's three set-ups (the facilitator
guide says more):

1. **The room's one Voila server, with team codes**: the room's workbook file
   (``notebooks/workbook.sqlite``), in which each team saves under its code. Only the issued
   codes are read (``team-codes.txt``); nothing saved under this computer's own user is.
2. **The school's JupyterHub**: every user's home is closed to the others, so the teams hand
   in: each submission (nbgrader's ``submit``) copies the team's ``workbook.sqlite`` into the
   exchange's inbound folder, which the instructors' group may read; the dashboard reads the
   newest hand-in of each user there, and the course's ``exercises/submitted`` once collected.
3. **Laptops**: each team exports its plan (JSON or Excel, ``dgtkit/planfile``) or copies its
   workbook to a USB stick; the facilitator drops the files into ``notebooks/handed-in/``.

A source is a workbook file or a folder (read with its sub-folders: ``*.sqlite`` workbooks,
``*.json`` and ``*.xlsx`` plan files). Every workbook is opened read-only (SQLite's
``mode=ro``; a hand-in, which nobody writes to any more, as ``immutable``, so that nothing is
made beside it even in a folder the facilitator may not write to). A file that cannot be
read is named in ``Room.problems`` and the rest is shown.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from dgtkit.course.week import week
from dgtkit.instructor.exchange import COURSE_ENV, DEFAULT_COURSE_ID, EXCHANGE_ENV, is_grader
from dgtkit.models import UNREADABLE, dates
from dgtkit.models import action_plan as _plan
from dgtkit.models import evaluation as _evaluation
from dgtkit.models import knowledge_test as _knowledge
from dgtkit.models.assessment import CapacityGap
from dgtkit.models.plan_checks import missing, summary
from dgtkit.models.team_codes import normalize
from dgtkit.models.text import FieldError
from dgtkit.store import handoff
from dgtkit.store.team_codes import CodesError, codes_path, read_codes, reserved_names
from dgtkit.store.workbook import Workbook, WorkbookError, default_path

SOURCES_ENV = "DGTKIT_DASHBOARD_SOURCES"
HANDED_IN = "handed-in"
#: At most this many files are read from a folder, and none larger than this.
MAX_FILES = 400
MAX_FILE_BYTES = 50_000_000
PLAN_SUFFIXES = (".json", ".xlsx")
#: Exercises that save nothing of their own (a page that reads the others).
_SAVES_NOTHING = {"week_so_far"}
_LABELS = {_knowledge.EXERCISE_KEY: "Test", _evaluation.EXERCISE_KEY: "Evaluation",
           _plan.EXERCISE_KEY: "Plan"}


@dataclass(frozen=True)
class Column:
    """One exercise of the week as a column of the dashboard."""

    id: str  # week.yaml's id: "ex03", "knowledge_test"
    key: str  # the workbook key it saves under
    label: str  # "Ex 3", "Knowledge test"
    title: str


def columns() -> tuple[Column, ...]:
    """The week's exercises that save work, in the week's order."""
    keys = (*handoff.WEEK_KEYS, "ex01_classification", "ex04_sequencing", _knowledge.EXERCISE_KEY,
            _evaluation.EXERCISE_KEY, _plan.EXERCISE_KEY)
    found = []
    for exercise in week().exercises:
        if exercise.id in _SAVES_NOTHING:
            continue
        key = next((k for k in keys if k == exercise.id or k.startswith(exercise.id + "_")),
                   exercise.id)
        label = f"Ex {exercise.number}" if exercise.number else _LABELS.get(exercise.id,
                                                                           exercise.title)
        found.append(Column(exercise.id, key, label, exercise.title))
    return tuple(found)


@dataclass
class Team:
    """One team's work, as far as it has saved it."""

    name: str
    sources: list[str] = field(default_factory=list)
    done: set[str] = field(default_factory=set)  # workbook keys saved at least once
    ratings: dict[str, int | None] = field(default_factory=dict)  # Ex 3, pillar id → 1-5
    gaps: list[CapacityGap] = field(default_factory=list)  # Ex 5, biggest first
    vision: str = ""  # Ex 7's statement
    vision_year: int | None = None
    plan: _plan.ActionPlan | None = None
    knowledge: dict | None = None  # the saved knowledge test, for cohort_gain
    evaluation: _evaluation.TrainingEvaluation | None = None

    @property
    def plan_summary(self) -> str:
        return summary(self.plan) if self.plan is not None else "No plan saved yet."

    @property
    def plan_missing(self) -> list[str]:
        return [m.sentence() for m in missing(self.plan)] if self.plan is not None else []

    def fill_from(self, older: Team) -> None:
        """Keep what this (newer) reading lacks from an older one of the same team."""
        self.sources = older.sources + self.sources
        self.done |= older.done
        for name in ("ratings", "gaps", "vision", "vision_year", "plan", "knowledge",
                     "evaluation"):
            if not getattr(self, name):
                setattr(self, name, getattr(older, name))


@dataclass(frozen=True)
class RatingMean:
    question: str  # the question's short name
    mean: float | None
    count: int


@dataclass(frozen=True)
class Comment:
    team: str
    question: str
    text: str  # as typed: whoever shows it escapes it


@dataclass
class Room:
    """What the dashboard shows: every team, and the room's results."""

    teams: list[Team]
    problems: list[str]
    read_at: datetime
    columns: tuple[Column, ...] = field(default_factory=columns)

    def team(self, name: str) -> Team:
        return next(t for t in self.teams if t.name == name)

    def gain(self) -> _knowledge.CohortGain:
        """The pre/post test's gain per module, over the teams that took both."""
        return _knowledge.cohort_gain([t.knowledge for t in self.teams if t.knowledge])

    def rating_means(self) -> list[RatingMean]:
        """The evaluation's mean rating per question, over the teams that rated it."""
        form = _evaluation.evaluation_form()
        means = []
        for question in form.ratings:
            values = [t.evaluation.ratings.get(question.id) for t in self.teams
                      if t.evaluation is not None]
            values = [v for v in values if v is not None]
            means.append(RatingMean(question.short,
                                    round(sum(values) / len(values), 1) if values else None,
                                    len(values)))
        return means

    def comments(self) -> list[Comment]:
        """Every answer to the evaluation's open questions, team by team."""
        form = _evaluation.evaluation_form()
        return [Comment(t.name, q.short, t.evaluation.texts[q.id])
                for t in self.teams if t.evaluation is not None
                for q in form.texts if t.evaluation.texts.get(q.id, "").strip()]


# -- where the work is -------------------------------------------------------------------------


def default_sources() -> list[Path]:
    """``$DGTKIT_DASHBOARD_SOURCES`` (paths joined by the system's path separator), else the
    room's workbook and the hand-in folder beside it, and on a hub the exchange's inbound
    folder and the course's collected submissions."""
    configured = os.environ.get(SOURCES_ENV, "").strip()
    if configured:
        return [Path(p).expanduser() for p in configured.split(os.pathsep) if p.strip()]
    workbook = default_path()
    sources = [workbook, workbook.with_name(HANDED_IN)]
    if os.environ.get("JUPYTERHUB_USER", "").strip():
        exchange = os.environ.get(EXCHANGE_ENV, "").strip()
        if exchange:
            course = os.environ.get(COURSE_ENV, "").strip() or DEFAULT_COURSE_ID
            sources.append(Path(exchange) / course / "inbound")
        sources.append(Path.cwd().parent / "exercises" / "submitted")
    return sources


def room_codes(workbook: Path) -> list[str] | None:
    """The team codes issued for the room whose workbook this is (None: none issued)."""
    try:
        return read_codes(codes_path(workbook))
    except CodesError:
        return None


def files_of(sources: Iterable[Path]) -> list[tuple[Path, bool]]:
    """Every file to read, with whether it is a room workbook given by name (whose
    participants are held to the room's codes), oldest first so that newer hand-ins win."""
    found: list[tuple[Path, bool]] = []
    for source in sources:
        source = Path(source)
        if source.is_file():
            found.append((source, True))
        elif source.is_dir():
            inside = [p for p in source.rglob("*") if p.is_file() and not p.is_symlink()
                      and (p.suffix == ".sqlite" or p.suffix.lower() in PLAN_SUFFIXES)]
            found += [(p, False) for p in sorted(inside)[:MAX_FILES]]
    return sorted(found, key=lambda item: _mtime(item[0]))


def signature(sources: Iterable[Path]) -> tuple:
    """Changes whenever a team saves or a file is dropped in: cheap to ask every few
    seconds (sizes and times of the files, and of each workbook's write-ahead log)."""
    marks = []
    for path, _room in files_of(sources):
        for each in (path, path.with_name(path.name + "-wal")):
            try:
                stat = each.stat()
            except OSError:
                continue
            if stat.st_size or each == path:  # a reader leaves an empty log behind
                marks.append((str(each), stat.st_mtime_ns, stat.st_size))
    return tuple(marks)


def read_room(sources: Sequence[Path] | None = None) -> Room:
    """Read every team's work from ``sources`` (default: ``default_sources()``)."""
    sources = default_sources() if sources is None else sources
    teams: dict[str, Team] = {}
    problems: list[str] = []
    reserved = reserved_names()
    for path, in_room in files_of(sources):
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                problems.append(f"{path.name}: larger than {MAX_FILE_BYTES:,} bytes, not read.")
                continue
            if path.suffix == ".sqlite":
                codes = room_codes(path) if in_room else None
                read = _workbook_teams(path, codes, reserved, settled=not in_room)
            else:
                read = [_plan_file_team(path)]
        except (WorkbookError, *UNREADABLE) as error:
            problems.append(f"{path.name}: {error}")
            continue
        for team in read:
            if team.name in teams:
                team.fill_from(teams[team.name])
            teams[team.name] = team
    return Room(sorted(teams.values(), key=lambda t: t.name), problems, dates.now())


def _workbook_teams(path: Path, codes: list[str] | None, reserved: set[str],
                    settled: bool) -> list[Team]:
    keys = [c.key for c in columns()]
    found = []
    for name in Workbook(path, participant="reader", read_only=True,
                         settled=settled).participants():
        if codes is not None and name not in codes:
            continue  # in the room, only the issued codes are teams
        if codes is None and _quiet_normalize(name) in reserved:
            continue  # never this computer's own user
        workbook = Workbook(path, participant=name, read_only=True, settled=settled)
        team = Team(name, sources=[path.name], done=set(workbook.latest_ids(keys)))
        team.ratings = handoff.pillar_ratings(workbook)
        team.gaps = handoff.capacity_gaps(workbook)
        vision = handoff.vision(workbook)
        if vision is not None:
            team.vision, team.vision_year = vision.statement, vision.year
        team.plan = _parsed(workbook, _plan.EXERCISE_KEY, _plan.ActionPlan.from_dict)
        team.knowledge = handoff.saved(workbook, _knowledge.EXERCISE_KEY) or None
        team.evaluation = _parsed(workbook, _evaluation.EXERCISE_KEY,
                                  _evaluation.TrainingEvaluation.from_dict)
        found.append(team)
    return found


def _plan_file_team(path: Path) -> Team:
    from dgtkit.planfile.reading import ImportRefused, read_plan

    try:
        plan = read_plan(path.name, path.read_bytes())
    except ImportRefused as error:
        raise ValueError(str(error)) from None
    name = (plan.team or path.stem)[:_plan.TEAM_LIMIT]
    return Team(name, sources=[path.name], done={_plan.EXERCISE_KEY}, plan=plan)


def _parsed(workbook: Workbook, key: str, parse):
    data = handoff.saved(workbook, key)
    if not data:
        return None
    try:
        return parse(data)
    except UNREADABLE:
        return None


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def _quiet_normalize(name: str) -> str:
    try:
        return normalize(name)
    except FieldError:
        return name


# -- who may open the dashboard ----------------------------------------------------------------


def code_opens(typed: object, issued: str) -> bool:
    """Whether ``typed`` is the facilitator's code ``issued`` (normalized), compared in
    constant time so the time taken tells nothing about how close a guess was."""
    try:
        code = normalize(typed)
    except FieldError:
        code = ""
    return bool(issued) and hmac.compare_digest(code.encode("utf-8"), issued.encode("utf-8"))


def hub_instructor() -> bool | None:
    """On a JupyterHub, whether this server's user is in the instructors' group (the graders'
    Unix group, ``$DGT_GRADERS_GROUP``, deploy/one-server/jupyterhub_config.py); None off a
    hub, where the facilitator's code decides."""
    if not os.environ.get("JUPYTERHUB_USER", "").strip():
        return None
    return is_grader()
