"""Ex 10 (Module 5): the capacity roadmap canvas.

Each row takes one capacity gap from Ex 5 to one capacity level, an intervention, one owner,
partners (public, private, people) and a horizon. The horizons are those of session 5.1,
0-12 months and 12-36 months, counted from the month the team started the canvas, and a third
from month 36 to the end of the vision year of Ex 7; a row must end by the vision year. The
milestones of Ex 7 mark the timeline.

Public API, for later exercises (saved under ``EXERCISE_KEY``)::

    roadmap = Roadmap.from_dict(workbook.latest(EXERCISE_KEY).data)
    roadmap.rows             # every row in the team's order, drafts included
    roadmap.interventions()  # the complete rows as ``Intervention`` (see its fields)
    roadmap.started          # the first day of the month the horizons count from
    roadmap.vision_year      # the vision year of Ex 7, or None
    roadmap.milestones       # [MarkedMilestone(id, year, title)] from Ex 7, by year
    roadmap.checks()         # the canvas rules of session 5.1, each with its reason
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from dgtkit.course import read_yaml
from dgtkit.course.frameworks import Frameworks, frameworks
from dgtkit.models import dates
from dgtkit.models.assessment import BIGGEST_GAPS
from dgtkit.models.checks import Check, FormErrors, collect
from dgtkit.models.text import FieldError, clean_text
from dgtkit.models.vision import MILESTONE_TITLE_LIMIT, ConsideredGap

#: The workbook key under which Ex 10 saves; Ex 11 and the action plan read it.
EXERCISE_KEY = "ex10_roadmap"
GAP_LIMIT = 200
INTERVENTION_LIMIT = 300
OWNER_LIMIT = 120
PARTNER_LIMIT = 200
NOTE_LIMIT = 300
MAX_ROWS = 30
LONG_WITHOUT_VISION = 60  # months: where the last horizon ends while Ex 7 has no vision year
REQUIRED = ("gap", "level", "intervention", "owner", "horizon")
FIELD_NAMES = {
    "gap": "the gap",
    "level": "the level",
    "intervention": "the intervention",
    "owner": "the owner",
    "horizon": "the horizon",
}


# -- the course's content ------------------------------------------------------------------


@dataclass(frozen=True)
class Horizon:
    id: str
    label: str  # "0-12 months"
    name: str  # "short term"
    start_month: int
    end_month: int | None  # None: to the end of the vision year


@dataclass(frozen=True)
class PartnerKind:
    id: str  # "public", "private", "people"
    label: str
    hint: str


@dataclass(frozen=True)
class CanvasGuide:
    """What ``course/roadmap.yaml`` says: horizons, partner kinds, rules, the example."""

    horizons: tuple[Horizon, ...]
    partner_kinds: tuple[PartnerKind, ...]
    rules: dict[str, str]
    vague_owners: frozenset[str]
    owner_separators: tuple[str, ...]
    example: dict[str, str]

    def horizon(self, horizon_id: str) -> Horizon:
        for horizon in self.horizons:
            if horizon.id == horizon_id:
                return horizon
        raise KeyError(f"No horizon {horizon_id!r}")

    @property
    def horizon_ids(self) -> tuple[str, ...]:
        return tuple(h.id for h in self.horizons)


@cache
def canvas_guide() -> CanvasGuide:
    """The canvas's content, read once per process."""
    raw = read_yaml("roadmap.yaml")
    return CanvasGuide(
        horizons=tuple(Horizon(**h) for h in raw["horizons"]["items"]),
        partner_kinds=tuple(PartnerKind(**k) for k in raw["partners"]["kinds"]),
        rules={r["id"]: r["text"] for r in raw["rules"]["items"]},
        vague_owners=frozenset(w.casefold() for w in raw["vague_owners"]["words"]),
        owner_separators=tuple(raw["vague_owners"]["separators"]),
        example={k: str(v) for k, v in raw["example"].items()},
    )


# -- dates -----------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def is_vague_owner(owner: str) -> bool:
    """Whether ``owner`` names nobody in particular ("everyone", "TBD") or several units
    ("IT and HR"): a row of the canvas, or an action of the plan, needs one who answers."""
    guide = canvas_guide()
    return owner.casefold() in guide.vague_owners or any(s in owner for s in guide.owner_separators)


def year_end(year: int) -> date:
    return date(year, 12, 31)


# -- parts of the canvas ---------------------------------------------------------------------


@dataclass(frozen=True)
class MarkedMilestone:
    """A milestone of Ex 7 as the roadmap marks it: due by the end of ``year``."""

    id: str
    year: int
    title: str

    @property
    def due(self) -> date:
        return year_end(self.year)

    @property
    def label(self) -> str:
        return f"{self.year}: {self.title}"

    def to_dict(self) -> dict:
        return {"id": self.id, "year": self.year, "title": self.title}

    @classmethod
    def from_dict(cls, data: dict) -> MarkedMilestone:
        year = data["year"]
        if isinstance(year, bool) or not isinstance(year, int):
            raise TypeError("a milestone's year is a whole number")
        title = clean_text("milestone", data["title"], "The milestone", MILESTONE_TITLE_LIMIT, True)
        return cls(id=str(data["id"]), year=year, title=title)


@dataclass(frozen=True)
class RoadmapRow:
    """One row of the canvas. A draft (from Ex 5, or a split) has the gap and little else."""

    gap: str
    level: str = ""  # a capacity level id of the frameworks, "" while not chosen
    intervention: str = ""
    owner: str = ""
    public: str = ""  # partners, as the three "P"s of a Public-Private-People Partnership
    private: str = ""
    people: str = ""
    horizon: str = ""  # a horizon id of the canvas guide ("short", "medium"), or ""
    pillar: str | None = None  # the pillar of the Ex 5 gap, if the gap came from there
    milestone: str | None = None  # id of the Ex 7 milestone this row prepares, if any
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    def missing(self) -> list[str]:
        """The required fields still empty, in the order of the canvas."""
        return [name for name in REQUIRED if not getattr(self, name)]

    @property
    def is_complete(self) -> bool:
        return not self.missing()

    @property
    def partners(self) -> dict[str, str]:
        return {"public": self.public, "private": self.private, "people": self.people}

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "gap": self.gap,
            "pillar": self.pillar,
            "level": self.level,
            "intervention": self.intervention,
            "owner": self.owner,
            "partners": self.partners,
            "horizon": self.horizon,
            "milestone": self.milestone,
        }


@dataclass(frozen=True)
class Intervention:
    """A complete row of the canvas, as Ex 11 and the action plan read it.

    Fields: ``id`` (the row's id, stable across edits), ``number`` (its row number on the
    canvas), ``gap``, ``pillar`` (pillar id or None), ``level`` (capacity level id) and
    ``level_name``, ``intervention``, ``owner``, ``public``/``private``/``people`` (partners),
    ``horizon`` (id) and ``horizon_label`` ("0-12 months"), ``start`` and ``end`` (dates, the
    end included), ``milestone`` (title of the Ex 7 milestone it prepares, or ""),
    ``evidence`` (the Ex 5 evidence of the gap's pillar, or "").
    """

    id: str
    number: int
    gap: str
    pillar: str | None
    level: str
    level_name: str
    intervention: str
    owner: str
    public: str
    private: str
    people: str
    horizon: str
    horizon_label: str
    start: date
    end: date
    milestone: str = ""
    evidence: str = ""

    @property
    def label(self) -> str:
        return f"Row {self.number}: {self.intervention}"

    def to_dict(self) -> dict:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["start"], data["end"] = self.start.isoformat(), self.end.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Intervention:
        optional = ("milestone", "evidence")  # rows saved before they carried them
        values = {name: data[name] for name in cls.__dataclass_fields__ if name not in optional}
        for name, value in values.items():
            if name == "number":
                if isinstance(value, bool) or not isinstance(value, int):
                    raise TypeError("a row number is a whole number")
            elif name == "pillar":
                values[name] = None if value is None else str(value)
            elif name in ("start", "end"):
                values[name] = date.fromisoformat(value)
            else:
                values[name] = str(value)
        return cls(**values, milestone=str(data.get("milestone") or ""),
                   evidence=str(data.get("evidence") or ""))


# -- the canvas ------------------------------------------------------------------------------


@dataclass
class Roadmap:
    """The team's canvas: rows, the Ex 5 gaps it started from, the Ex 7 vision year and
    milestones, and why a capacity level needs no action now."""

    rows: list[RoadmapRow] = field(default_factory=list)
    gaps_considered: list[ConsideredGap] = field(default_factory=list)
    vision_year: int | None = None
    milestones: list[MarkedMilestone] = field(default_factory=list)
    no_action: dict[str, str] = field(default_factory=dict)  # level id -> why no action now
    started: date = field(default_factory=lambda: dates.today().replace(day=1))
    framework: Frameworks = field(default_factory=frameworks, repr=False, compare=False)

    @classmethod
    def from_gaps(cls, gaps: Iterable, **kwargs) -> Roadmap:
        """A new canvas with one draft row per Ex 5 gap (``dgtkit.store.handoff.capacity_gaps``)."""
        considered = [ConsideredGap.from_gap(g) for g in gaps]
        rows = [RoadmapRow(gap=g.statement[:GAP_LIMIT], pillar=g.pillar)
                for g in considered[:MAX_ROWS]]
        return cls(rows=rows, gaps_considered=considered, **kwargs)

    def follow_vision(self, vision) -> None:
        """Take the vision year and milestones of Ex 7 (a ``Vision``) when it has them."""
        if vision is None or (vision.year is None and not vision.milestones):
            return  # Ex 7 not done: keep what the canvas saw before
        self.vision_year = vision.year
        self.milestones = [MarkedMilestone(m.id, m.year, m.title) for m in vision.milestones]

    # -- horizons ------------------------------------------------------------------------------

    def horizon_start(self, horizon_id: str) -> date:
        return add_months(self.started, canvas_guide().horizon(horizon_id).start_month)

    def horizon_end(self, horizon_id: str) -> date:
        """The last day of the horizon (the horizon to the vision year ends with it, or
        after five years while there is no vision year)."""
        horizon = canvas_guide().horizon(horizon_id)
        if horizon.end_month is None:
            if self.vision_year:
                return year_end(self.vision_year)
            return add_months(self.started, LONG_WITHOUT_VISION) - timedelta(days=1)
        return add_months(self.started, horizon.end_month) - timedelta(days=1)

    def horizon_months(self, horizon_id: str) -> tuple[int, int]:
        """Where the horizon starts and ends, in months from the canvas's start."""
        start = canvas_guide().horizon(horizon_id).start_month
        end_day = self.horizon_end(horizon_id)
        end = (end_day.year - self.started.year) * 12 + end_day.month - self.started.month + 1
        return start, max(end, start)

    def horizon_text(self, horizon_id: str) -> str:
        """'0-12 months (June 2026 to May 2027)'."""
        horizon = canvas_guide().horizon(horizon_id)
        start, end = self.horizon_start(horizon_id), self.horizon_end(horizon_id)
        return f"{horizon.label} ({dates.month(start)} to {dates.month(end)})"

    @property
    def last_day(self) -> date | None:
        """The end of the vision year: no row may end later."""
        return year_end(self.vision_year) if self.vision_year else None

    def milestone(self, milestone_id: str | None) -> MarkedMilestone | None:
        return next((m for m in self.milestones if m.id == milestone_id), None)

    # -- checking one field ------------------------------------------------------------------

    def _level(self, value: object) -> str:
        level = str(value or "")
        ids = [c.id for c in self.framework.capacity_levels]
        if not level:
            raise FieldError("level", "Choose a capacity level for this row.")
        if level not in ids:
            raise FieldError("level", f"There is no capacity level {level!r}.")
        return level

    def _horizon(self, value: object) -> str:
        horizon = str(value or "")
        guide = canvas_guide()
        if not horizon:
            labels = [h.label[0].lower() + h.label[1:] for h in guide.horizons]
            said = ", ".join(labels[:-1]) + " or " + labels[-1]
            raise FieldError("horizon", f"Choose a horizon: {said}.")
        if horizon not in guide.horizon_ids:
            raise FieldError("horizon", f"There is no horizon {horizon!r}.")
        end, last = self.horizon_end(horizon), self.last_day
        if last is not None and end > last:
            raise FieldError(
                "horizon",
                f"The {guide.horizon(horizon).label} horizon ends in {dates.month(end)}, after "
                f"your vision year {self.vision_year}. Choose a shorter horizon.",
            )
        if end < self.horizon_start(horizon):
            raise FieldError(
                "horizon",
                f"Your vision year {self.vision_year} comes before this horizon starts "
                f"({dates.month(self.horizon_start(horizon))}). Choose a shorter horizon.",
            )
        return horizon

    def _pillar(self, value: object) -> str | None:
        if value in (None, ""):
            return None
        if value not in self.framework.pillar_ids:
            raise FieldError("pillar", f"There is no pillar {value!r} in the framework.")
        return str(value)

    def _milestone(self, value: object) -> str | None:
        if value in (None, ""):
            return None
        if self.milestone(str(value)) is None:
            raise FieldError("milestone", "That milestone is no longer in your vision (Ex 7).")
        return str(value)

    def _timing_problem(self, row: RoadmapRow) -> str:
        """Why a row ends after the vision year or starts after the milestone it prepares
        ("" if neither)."""
        if not row.horizon:
            return ""
        end, last = self.horizon_end(row.horizon), self.last_day
        if last is not None and end > last:
            return f"ends in {dates.month(end)}, after the vision year {self.vision_year}"
        start, milestone = self.horizon_start(row.horizon), self.milestone(row.milestone)
        if milestone is not None and start > milestone.due:
            return (
                f"starts in {dates.month(start)}, after the milestone it prepares "
                f"('{milestone.title}', due by the end of {milestone.year})"
            )
        return ""

    # -- rows --------------------------------------------------------------------------------

    def new_row(self, **values: object) -> RoadmapRow:
        """A complete row from the form, or ``FormErrors`` with every problem, by field.

        Keywords: gap, level, intervention, owner, public, private, people, horizon, pillar,
        milestone; id to keep a row's id."""
        errors: list[FieldError] = []

        def text(name: str, label: str, limit: int, required: bool) -> str | None:
            return collect(errors, clean_text, name, values.get(name), label, limit, required)

        row = {
            "gap": text("gap", "The gap", GAP_LIMIT, True),
            "level": collect(errors, self._level, values.get("level")),
            "intervention": text("intervention", "The intervention", INTERVENTION_LIMIT, True),
            "owner": text("owner", "The owner", OWNER_LIMIT, True),
            "public": text("public", "The public partners", PARTNER_LIMIT, False),
            "private": text("private", "The private partners", PARTNER_LIMIT, False),
            "people": text("people", "The people partners", PARTNER_LIMIT, False),
            "horizon": collect(errors, self._horizon, values.get("horizon")),
            "pillar": collect(errors, self._pillar, values.get("pillar")),
            "milestone": collect(errors, self._milestone, values.get("milestone")),
        }
        if not errors:
            problem = self._timing_problem(RoadmapRow(**row))
            if problem:
                errors.append(
                    FieldError(
                        "horizon",
                        f"This row {problem}. Choose an earlier horizon or a later milestone.",
                    )
                )
        if errors:
            raise FormErrors(errors)
        return RoadmapRow(**row, id=str(values.get("id") or uuid.uuid4().hex[:12]))

    def save_row(self, row_id: str | None, **values: object) -> RoadmapRow:
        """Replace the row ``row_id`` with what the form holds, or add it (``row_id`` None)."""
        if row_id is None:
            if len(self.rows) >= MAX_ROWS:
                raise FormErrors(
                    [FieldError("gap", f"The canvas holds at most {MAX_ROWS} rows. Merge some.")]
                )
            row = self.new_row(**values)
            self.rows.append(row)
            return row
        index = self._index(row_id)
        old = self.rows[index]  # what the form does not show is kept
        row = self.new_row(
            **{"pillar": old.pillar, "milestone": old.milestone, **values}, id=row_id
        )
        self.rows[index] = row
        return row

    def split_row(self, row_id: str) -> RoadmapRow:
        """A new draft row for the same gap, just below (one gap, one level)."""
        index = self._index(row_id)
        if len(self.rows) >= MAX_ROWS:
            raise FieldError("gap", f"The canvas holds at most {MAX_ROWS} rows. Merge some.")
        old = self.rows[index]
        draft = RoadmapRow(gap=old.gap, pillar=old.pillar)
        self.rows.insert(index + 1, draft)
        return draft

    def remove_row(self, row_id: str) -> None:
        self.rows = [r for r in self.rows if r.id != row_id]

    def row(self, row_id: str) -> RoadmapRow:
        return self.rows[self._index(row_id)]

    def number_of(self, row_id: str) -> int:
        return self._index(row_id) + 1

    def _index(self, row_id: str) -> int:
        for index, row in enumerate(self.rows):
            if row.id == row_id:
                return index
        raise FieldError("row", "That row is no longer on the canvas.")

    def explain_no_action(self, level_id: str, text: object) -> None:
        """Why a capacity level needs no action now (empty text removes the reason)."""
        if level_id not in [c.id for c in self.framework.capacity_levels]:
            raise FieldError(level_id, f"There is no capacity level {level_id!r}.")
        name = self.level_name(level_id)
        reason = clean_text(level_id, text, f"The reason for {name}", NOTE_LIMIT, required=False)
        if reason:
            self.no_action[level_id] = reason
        else:
            self.no_action.pop(level_id, None)

    def level_name(self, level_id: str) -> str:
        for level in self.framework.capacity_levels:
            if level.id == level_id:
                return level.name
        return level_id

    def suggested_level(self, pillar: str | None) -> str | None:
        """The level session 5.1 links to the pillar (None for pillars that cut across)."""
        return self.framework.pillar(pillar).level if pillar in self.framework.pillar_ids else None

    # -- what later exercises read -----------------------------------------------------------

    def interventions(self) -> list[Intervention]:
        """The complete rows, in the order of the canvas."""
        found = []
        for number, row in enumerate(self.rows, start=1):
            if not row.is_complete:
                continue
            milestone = self.milestone(row.milestone)
            found.append(
                Intervention(
                    id=row.id,
                    number=number,
                    gap=row.gap,
                    pillar=row.pillar,
                    level=row.level,
                    level_name=self.level_name(row.level),
                    intervention=row.intervention,
                    owner=row.owner,
                    public=row.public,
                    private=row.private,
                    people=row.people,
                    horizon=row.horizon,
                    horizon_label=canvas_guide().horizon(row.horizon).label,
                    start=self.horizon_start(row.horizon),
                    end=self.horizon_end(row.horizon),
                    milestone=milestone.title if milestone else "",
                    evidence=self.evidence_of(row.pillar),
                )
            )
        return found

    def evidence_of(self, pillar: str | None) -> str:
        """The Ex 5 evidence of the gap of ``pillar`` ("" if none)."""
        gap = next((g for g in self.gaps_considered if pillar and g.pillar == pillar), None)
        return gap.evidence if gap else ""

    # -- the rules of session 5.1 ------------------------------------------------------------

    def checks(self) -> list[Check]:
        return [
            self._check_complete(),
            self._check_owners(),
            self._check_levels(),
            self._check_milestones(),
            self._check_horizons(),
        ]

    def passes(self) -> bool:
        return all(check.passed for check in self.checks())

    def judgment_checks(self) -> list[Check]:
        """The graded rules of Ex 10 beyond its checklist (session 5.1): the canvas acts on
        the biggest gaps Ex 5 found, and each row says its own intervention, since a plan
        that repeats one action everywhere has analysed no gap."""
        return [self._check_gaps_served(), self._check_own_interventions()]

    def _check_gaps_served(self) -> Check:
        label = f"Each of the {BIGGEST_GAPS} biggest gaps from Ex 5 has a complete row"
        biggest = self.gaps_considered[:BIGGEST_GAPS]
        if not biggest:
            return Check("gaps_served", label, True, "No gaps came from Ex 5.")
        served = {row.pillar for row in self.rows if row.is_complete}
        open_gaps = [gap.name for gap in biggest if gap.pillar not in served]
        if open_gaps:
            return Check("gaps_served", label, False,
                         "No complete row acts on: " + "; ".join(open_gaps) + ". Complete the "
                         "draft row Ex 5 gave for each, or add one.")
        return Check("gaps_served", label, True,
                     f"All {len(biggest)} biggest gaps have a complete row.")

    def _check_own_interventions(self) -> Check:
        label = "Each row names its own intervention"
        seen: dict[str, int] = {}
        repeated = []
        for number, row in enumerate(self.rows, start=1):
            words = " ".join(row.intervention.casefold().split())
            if words and words in seen:
                repeated.append(f"row {number} repeats row {seen[words]}")
            seen.setdefault(words, number)
        if repeated:
            return Check("own_interventions", label, False,
                         "; ".join(repeated).capitalize() + ". Say what each row does about "
                         "its own gap.")
        return Check("own_interventions", label, True, "No two rows name the same intervention.")

    def _check_complete(self) -> Check:
        label = "Every row has a gap, a level, an intervention, an owner and a horizon"
        if not self.rows:
            return Check("complete", label, False, "No rows yet: add one for each gap.")
        todo = [
            f"row {n}: " + ", ".join(FIELD_NAMES[name] for name in row.missing())
            for n, row in enumerate(self.rows, start=1)
            if not row.is_complete
        ]
        if todo:
            return Check("complete", label, False, "Still to fill in: " + "; ".join(todo) + ".")
        count = len(self.rows)
        said = f"All {count} rows are complete." if count > 1 else "The row is complete."
        return Check("complete", label, True, said)

    def _check_owners(self) -> Check:
        label = "One owner per row"
        unclear = [
            f"row {n} ('{row.owner}')"
            for n, row in enumerate(self.rows, start=1)
            if row.owner and is_vague_owner(row.owner)
        ]
        if unclear:
            return Check(
                "one_owner",
                label,
                False,
                "These owners name nobody in particular, or several units: "
                + "; ".join(unclear)
                + ". Name the one unit or post that leads.",
            )
        owned = sum(1 for row in self.rows if row.owner)
        return Check("one_owner", label, True, f"{owned} row{'s' * (owned != 1)} with one owner.")

    def _check_levels(self) -> Check:
        label = "All four levels covered, or a reason why a level needs no action now"
        counts = {c.id: 0 for c in self.framework.capacity_levels}
        for row in self.rows:
            if row.is_complete:
                counts[row.level] += 1
        open_levels = [
            self.level_name(i) for i, n in counts.items() if not n and i not in self.no_action
        ]
        said = [
            f"{self.level_name(i)}: {n} row{'s' * (n != 1)}"
            if n
            else f"{self.level_name(i)}: no action now ({self.no_action[i]})"
            for i, n in counts.items()
            if n or i in self.no_action
        ]
        if open_levels:
            return Check(
                "all_levels",
                label,
                False,
                ("; ".join(said) + ". " if said else "")
                + "No complete row yet at the level"
                + ("s " if len(open_levels) > 1 else " ")
                + ", ".join(open_levels)
                + ". Add a row, or write why it needs no action now.",
            )
        return Check("all_levels", label, True, "; ".join(said) + ".")

    def _check_milestones(self) -> Check:
        label = "The first steps towards the first milestone of Ex 7 start in the 0-12 month rows"
        if not self.milestones:
            return Check(
                "milestones",
                label,
                False,
                "No milestones came from Ex 7. Add them there; they mark this timeline.",
            )
        first = min(self.milestones, key=lambda m: m.year)
        short = canvas_guide().horizons[0]
        if first.due < self.started:
            return Check(
                "milestones",
                label,
                False,
                f"Your first milestone, '{first.title}' ({first.year}), is already past. "
                "Update the milestones in Ex 7.",
            )
        rows = [r for r in self.rows if r.is_complete and r.horizon == short.id]
        preparing = [self.number_of(r.id) for r in rows if r.milestone == first.id]
        if preparing:
            listed = ", ".join(str(n) for n in preparing)
            return Check(
                "milestones",
                label,
                True,
                f"Row{'s' * (len(preparing) > 1)} {listed} in the {short.label} horizon "
                f"prepare{'s' * (len(preparing) == 1)} '{first.title}' ({first.year}).",
            )
        if rows and first.due <= self.horizon_end(short.id):
            count = len(rows)
            return Check(
                "milestones",
                label,
                True,
                f"'{first.title}' ({first.year}) falls in the {short.label} horizon, "
                f"with {count} row{'s' * (count > 1)} planned there.",
            )
        return Check(
            "milestones",
            label,
            False,
            f"No row in the {short.label} horizon prepares your first milestone, '{first.title}' "
            f"({first.year}). In a row that starts now, choose it under 'Prepares "
            "milestone', or add such a row: the work towards it has to start this year.",
        )

    def _check_horizons(self) -> Check:
        label = "Every row ends by the vision year and starts before the milestone it prepares"
        late = [
            f"row {n} {why}"
            for n, row in enumerate(self.rows, start=1)
            if (why := self._timing_problem(row))
        ]
        if late:
            listed = "; ".join(late)
            reason = listed[0].upper() + listed[1:] + ". Change the horizon."
            return Check("horizons", label, False, reason)
        if self.vision_year is None:
            return Check(
                "horizons", label, True, "No vision year came from Ex 7, so no row ends too late."
            )
        return Check(
            "horizons", label, True, f"All rows end by the vision year {self.vision_year}."
        )

    # -- saving ------------------------------------------------------------------------------

    def to_dict(self) -> dict:
        return {
            "started": self.started.isoformat(),
            "vision_year": self.vision_year,
            "milestones": [m.to_dict() for m in self.milestones],
            "gaps_considered": [g.to_dict() for g in self.gaps_considered],
            "rows": [r.to_dict() for r in self.rows],
            "no_action": dict(self.no_action),
            # What later exercises read, so they need neither the guide nor this model.
            "interventions": [i.to_dict() for i in self.interventions()],
        }

    @classmethod
    def from_dict(cls, data: dict) -> Roadmap:
        """Load a saved canvas; missing parts start empty, malformed ones raise ValueError,
        KeyError or TypeError. Horizons are not held to the vision year here: a vision year
        changed since shows up in ``checks()`` instead of making the canvas unreadable."""
        if not isinstance(data, dict):
            raise TypeError("a roadmap is saved as a mapping")
        vision_year = data.get("vision_year")
        if vision_year is not None and (
            isinstance(vision_year, bool) or not isinstance(vision_year, int)
        ):
            raise TypeError("the vision year is a whole number")
        started = data.get("started")
        model = cls(
            gaps_considered=[ConsideredGap.from_dict(g) for g in data.get("gaps_considered") or []],
            vision_year=vision_year,
            milestones=sorted(
                (MarkedMilestone.from_dict(m) for m in data.get("milestones") or []),
                key=lambda m: m.year,
            ),
        )
        if started:
            model.started = date.fromisoformat(started).replace(day=1)
        for raw in list(data.get("rows") or [])[:MAX_ROWS]:
            model.rows.append(model._row_from_dict(raw))
        for level_id, text in dict(data.get("no_action") or {}).items():
            model.explain_no_action(level_id, text)
        return model

    def _row_from_dict(self, raw: dict) -> RoadmapRow:
        """A saved row, complete or draft; a field that breaks a rule raises ValueError."""
        partners = dict(raw.get("partners") or {})

        def text(name: str, value: object, label: str, limit: int) -> str:
            return clean_text(name, value, label, limit, required=False)

        level, horizon = str(raw.get("level") or ""), str(raw.get("horizon") or "")
        pillar = raw.get("pillar")
        if level:
            self._level(level)
        if horizon and horizon not in canvas_guide().horizon_ids:
            raise ValueError(f"no horizon {horizon!r}")
        return RoadmapRow(
            gap=clean_text("gap", raw["gap"], "The gap", GAP_LIMIT, required=True),
            level=level,
            intervention=text(
                "intervention", raw.get("intervention"), "The intervention", INTERVENTION_LIMIT
            ),
            owner=text("owner", raw.get("owner"), "The owner", OWNER_LIMIT),
            public=text("public", partners.get("public"), "The public partners", PARTNER_LIMIT),
            private=text("private", partners.get("private"), "The private partners", PARTNER_LIMIT),
            people=text("people", partners.get("people"), "The people partners", PARTNER_LIMIT),
            horizon=horizon,
            pillar=pillar if pillar in self.framework.pillar_ids else None,  # renamed: let go
            milestone=str(raw["milestone"]) if raw.get("milestone") else None,
            id=str(raw.get("id") or uuid.uuid4().hex[:12]),
        )
