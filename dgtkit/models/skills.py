"""Ex 9 (session 5.4): the skills-gap matrix. Roles (rows) by digital competencies (columns);
each cell holds today's level and the level the role needs, on the scale of session 5.4
(0 = missing, 1 = some, 2 = enough for the role). The gap is what is needed minus what is
there, and every gap of one or more calls for a measure and someone to deliver it.

Public API, for later exercises (saved under ``EXERCISE_KEY``)::

    data = workbook.latest(EXERCISE_KEY).data
    data["gaps"]  # biggest first: [{"role", "role_name", "competency", "competency_name",
                  #   "today", "needed", "gap", "measure", "measure_name", "provider"}]
    SkillsMatrix.from_dict(data).gaps()  # the same, as Gap objects
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from functools import cache

from dgtkit.course import read_yaml
from dgtkit.models.checks import Check
from dgtkit.models.text import FieldError, clean_text

#: The workbook key under which Ex 9 saves; Ex 10 and the action plan may read its gaps.
EXERCISE_KEY = "ex09_skills"
ROLE_LIMIT = 60
COMPETENCY_LIMIT = 60
PROVIDER_LIMIT = 120
MIN_ROLES, MAX_ROLES = 4, 6  # session 5.4: "choose four to six roles"
MIN_COMPETENCIES, MAX_COMPETENCIES = 5, 6  # session 5.4: "five or six competencies"
BIGGEST = 5  # the summary names this many of the biggest gaps
COURSE = "course"  # the source of an item that is this course's own teaching example


# -- the course's data -----------------------------------------------------------------------


@dataclass(frozen=True)
class Level:
    value: int
    name: str  # today's level, in the words of session 5.4
    today: str
    needed_name: str  # the same value as a level the role needs
    needed: str

    @property
    def label(self) -> str:
        return f"{self.value} {self.name}"

    @property
    def needed_label(self) -> str:
        return f"{self.value} {self.needed_name}"


@dataclass(frozen=True)
class Competency:
    id: str
    name: str
    about: str
    source: str


@dataclass(frozen=True)
class RoleGroup:
    name: str
    examples: str
    source: str


@dataclass(frozen=True)
class Measure:
    id: str
    name: str  # as the source names it
    source: str
    meaning: str
    example: str
    when: str  # when it fits best ("" where the course gives no rule of thumb)


@dataclass(frozen=True)
class Catalogue:
    """What session 5.4 offers a team: the scale, competencies, role groups and measures."""

    levels: tuple[Level, ...]
    competencies: tuple[Competency, ...]
    role_groups: tuple[RoleGroup, ...]
    measures: tuple[Measure, ...]
    citations: dict[str, str]

    @property
    def top(self) -> int:
        return self.levels[-1].value

    def level(self, value: int) -> Level:
        return self.levels[value]

    def competency(self, competency_id: str) -> Competency:
        for competency in self.competencies:
            if competency.id == competency_id:
                return competency
        raise KeyError(f"No competency {competency_id!r} in the course's list")

    def measure(self, measure_id: str) -> Measure:
        for measure in self.measures:
            if measure.id == measure_id:
                return measure
        raise KeyError(f"No measure {measure_id!r} in the course's list")

    def cite(self, source: str) -> str:
        return self.citations.get(source, source)


def parse_catalogue(raw: dict) -> Catalogue:
    """The catalogue from its YAML data; a ValueError or KeyError says what is wrong."""
    citations = {str(k): str(v) for k, v in raw["citations"].items()}
    levels = tuple(Level(**level) for level in raw["scale"]["levels"])
    if [level.value for level in levels] != list(range(len(levels))):
        raise ValueError("The levels of the scale must be numbered 0, 1, 2, ... in order")
    catalogue = Catalogue(
        levels=levels,
        competencies=tuple(Competency(**c) for c in raw["competencies"]),
        role_groups=tuple(RoleGroup(**g) for g in raw["role_groups"]),
        measures=tuple(Measure(**m) for m in raw["measures"]),
        citations=citations,
    )
    for item in (*catalogue.competencies, *catalogue.role_groups, *catalogue.measures):
        if item.source not in citations:
            raise ValueError(f"{item.name}: source {item.source!r} is not in 'citations'")
    for items in (catalogue.competencies, catalogue.measures):
        ids = [item.id for item in items]
        if len(set(ids)) != len(ids):
            raise ValueError(f"Ids used more than once: {ids}")
    return catalogue


@cache
def catalogue() -> Catalogue:
    """The catalogue of ``course/ex09_competencies.yaml``, read and checked once."""
    return parse_catalogue(read_yaml("ex09_competencies.yaml"))


# -- the matrix --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    id: str
    name: str


@dataclass(frozen=True)
class Column:
    """A competency in the team's matrix: from the course's list, or the team's own."""

    id: str
    name: str
    about: str = ""
    own: bool = False


@dataclass
class Cell:
    today: int | None = None
    needed: int | None = None
    measure: str = ""  # a measure id; kept if the gap closes, but then ignored
    provider: str = ""

    @property
    def rated(self) -> bool:
        return self.today is not None and self.needed is not None

    @property
    def gap(self) -> int | None:
        """Levels still to gain (never below 0), or None while a level is not set."""
        return max(0, self.needed - self.today) if self.rated else None


@dataclass(frozen=True)
class Gap:
    role: str
    role_name: str
    competency: str
    competency_name: str
    today: int
    needed: int
    gap: int
    measure: str
    measure_name: str
    provider: str

    def to_dict(self) -> dict:
        return {
            "role": self.role,
            "role_name": self.role_name,
            "competency": self.competency,
            "competency_name": self.competency_name,
            "today": self.today,
            "needed": self.needed,
            "gap": self.gap,
            "measure": self.measure,
            "measure_name": self.measure_name,
            "provider": self.provider,
        }


def _new_id(prefix: str = "") -> str:
    return prefix + uuid.uuid4().hex[:12]


@dataclass
class SkillsMatrix:
    """The team's roles by competencies; a new matrix starts with the course's competencies."""

    roles: list[Role] = field(default_factory=list)
    competencies: list[Column] | None = None
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    catalogue: Catalogue = field(default_factory=catalogue, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.competencies is None:
            self.competencies = [
                Column(c.id, c.name, c.about) for c in self.catalogue.competencies
            ][:MAX_COMPETENCIES]

    # -- rows and columns ----------------------------------------------------------------------

    def add_role(self, name: str) -> Role:
        name = clean_text("role", name, "The name of the role", ROLE_LIMIT, required=True)
        if any(r.name.casefold() == name.casefold() for r in self.roles):
            raise FieldError("role", f"{name} is already in the matrix.")
        if len(self.roles) >= MAX_ROLES:
            raise FieldError(
                "role",
                f"The matrix holds at most {MAX_ROLES} roles: keep it small, so that it "
                "helps you decide. Remove a role first.",
            )
        role = Role(_new_id(), name)
        self.roles.append(role)
        return role

    def remove_role(self, role_id: str) -> None:
        self.roles = [r for r in self.roles if r.id != role_id]
        self.cells = {k: c for k, c in self.cells.items() if k[0] != role_id}

    def add_competency(self, competency_id: str) -> Column:
        """Add a competency from the course's list."""
        try:
            competency = self.catalogue.competency(competency_id)
        except KeyError:
            raise FieldError("competency", "Choose a competency from the list.") from None
        return self._add_column(Column(competency.id, competency.name, competency.about))

    def add_own_competency(self, name: str) -> Column:
        """Add a competency the team names itself."""
        name = clean_text(
            "own_competency", name, "The name of the competency", COMPETENCY_LIMIT, required=True
        )
        return self._add_column(Column(_new_id("own-"), name, own=True), field="own_competency")

    def _add_column(self, column: Column, field: str = "competency") -> Column:
        for other in self.competencies:
            if other.id == column.id or other.name.casefold() == column.name.casefold():
                raise FieldError(field, f"{other.name} is already in the matrix.")
        if len(self.competencies) >= MAX_COMPETENCIES:
            raise FieldError(
                field,
                f"The matrix holds at most {MAX_COMPETENCIES} competencies. Remove one first.",
            )
        self.competencies.append(column)
        return column

    def remove_competency(self, competency_id: str) -> None:
        self.competencies = [c for c in self.competencies if c.id != competency_id]
        self.cells = {k: c for k, c in self.cells.items() if k[1] != competency_id}

    def role(self, role_id: str) -> Role:
        for role in self.roles:
            if role.id == role_id:
                return role
        raise FieldError("role", "That role is no longer in the matrix.")

    def column(self, competency_id: str) -> Column:
        for column in self.competencies:
            if column.id == competency_id:
                return column
        raise FieldError("competency", "That competency is no longer in the matrix.")

    # -- cells ---------------------------------------------------------------------------------

    def cell(self, role_id: str, competency_id: str) -> Cell:
        """The cell of a role and a competency (an empty one if nothing is set yet)."""
        self.role(role_id)
        self.column(competency_id)
        return self.cells.get((role_id, competency_id), Cell())

    def _update(self, role_id: str, competency_id: str, **values) -> None:
        """Change a cell; a cell with nothing in it is not kept."""
        cell = replace(self.cell(role_id, competency_id), **values)
        key = (role_id, competency_id)
        if cell == Cell():
            self.cells.pop(key, None)
        else:
            self.cells[key] = cell

    def _level(self, field_name: str, value: int | None) -> int | None:
        if value is None:
            return None
        top = self.catalogue.top
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
            raise FieldError(field_name, f"A level is a whole number from 0 to {top}.")
        return value

    def set_today(self, role_id: str, competency_id: str, level: int | None) -> None:
        self._update(role_id, competency_id, today=self._level("today", level))

    def set_needed(self, role_id: str, competency_id: str, level: int | None) -> None:
        self._update(role_id, competency_id, needed=self._level("needed", level))

    def choose_measure(self, role_id: str, competency_id: str, measure_id: str) -> None:
        """The measure for a gap ("" for none); only a cell with a gap takes one."""
        cell = self.cell(role_id, competency_id)
        if measure_id:
            try:
                self.catalogue.measure(measure_id)
            except KeyError:
                raise FieldError("measure", "Choose a measure from the list.") from None
            if not cell.gap:
                raise FieldError(
                    "measure",
                    "This cell has no gap, so it needs no measure. Set today's level and "
                    "the level needed first.",
                )
        self._update(role_id, competency_id, measure=measure_id)

    def name_provider(self, role_id: str, competency_id: str, text: str) -> None:
        """Who would deliver the measure: a unit, a school, a partner."""
        provider = clean_text(
            "provider", text, "Who delivers the measure", PROVIDER_LIMIT, required=False
        )
        if provider and not self.cell(role_id, competency_id).gap:
            raise FieldError(
                "provider", "This cell has no gap, so no one needs to deliver a measure."
            )
        self._update(role_id, competency_id, provider=provider)

    # -- what the matrix shows -----------------------------------------------------------------

    def gaps(self) -> list[Gap]:
        """Every cell with a gap of 1 or more, biggest first (then in matrix order)."""
        found = []
        for r, role in enumerate(self.roles):
            for c, column in enumerate(self.competencies):
                cell = self.cells.get((role.id, column.id), Cell())
                if cell.gap:
                    measure = self.catalogue.measure(cell.measure) if cell.measure else None
                    gap = Gap(
                        role.id,
                        role.name,
                        column.id,
                        column.name,
                        cell.today,
                        cell.needed,
                        cell.gap,
                        cell.measure,
                        measure.name if measure else "",
                        cell.provider,
                    )
                    found.append((-cell.gap, r, c, gap))
        return [item[-1] for item in sorted(found, key=lambda item: item[:3])]

    def biggest_gaps(self, count: int = BIGGEST) -> list[Gap]:
        return self.gaps()[:count]

    def unrated(self) -> int:
        """How many cells still lack today's level or the level needed."""
        return sum(
            not self.cells.get((r.id, c.id), Cell()).rated
            for r in self.roles
            for c in self.competencies
        )

    def total_by_competency(self) -> dict[str, int]:
        totals = {c.id: 0 for c in self.competencies}
        for gap in self.gaps():
            totals[gap.competency] += gap.gap
        return totals

    def total_by_role(self) -> dict[str, int]:
        totals = {r.id: 0 for r in self.roles}
        for gap in self.gaps():
            totals[gap.role] += gap.gap
        return totals

    def checks(self) -> list[Check]:
        """What a facilitator would check, in the order of the steps of session 5.4."""
        return [
            self._check_count("roles", "role", "roles", len(self.roles), MIN_ROLES, MAX_ROLES),
            self._check_count(
                "competencies",
                "competency",
                "competencies",
                len(self.competencies),
                MIN_COMPETENCIES,
                MAX_COMPETENCIES,
            ),
            Check(
                "rated",
                "Every cell rated: today and needed",
                bool(self.roles) and self.unrated() == 0,
                _rated_reason(len(self.roles), self.unrated()),
            ),
            self._check_gaps("measures", "A measure for every gap", "measure", "have no measure"),
            self._check_gaps(
                "providers",
                "Someone to deliver every measure",
                "provider",
                "do not say who delivers the measure",
            ),
        ]

    def judgment_checks(self) -> list[Check]:
        """The graded rule of Ex 9 beyond its checklist: the levels needed differ between
        roles or competencies, since a matrix that asks the same of everyone analyses no
        role (session 5.4)."""
        needed = {self.cell(r.id, c.id).needed for r in self.roles for c in self.competencies}
        needed.discard(None)
        return [Check("needs_differ", "The levels needed differ by role", len(needed) > 1,
                      "Every role needs the same level of every competency: ask what each "
                      "role really needs." if len(needed) <= 1 else
                      "The levels needed differ between the cells.")]

    @staticmethod
    def _check_count(
        check_id: str, one: str, many: str, count: int, least: int, most: int
    ) -> Check:
        reason = f"{count} {one if count == 1 else many} so far."
        if count < least:
            reason += f" Add {least - count} more."
        return Check(check_id, f"{least} to {most} {many}", least <= count <= most, reason)

    def _check_gaps(self, check_id: str, label: str, attribute: str, missing: str) -> Check:
        gaps = self.gaps()
        lacking = sum(not getattr(g, attribute) for g in gaps)
        if not gaps:
            return Check(check_id, label, True, "No gap so far.")
        if lacking:
            return Check(check_id, label, False, f"{lacking} of {len(gaps)} gaps {missing} yet.")
        return Check(check_id, label, True, f"Done for all {len(gaps)} gap{_s(len(gaps))}.")

    def summary(self) -> list[str]:
        """The biggest gaps and where they gather, in plain sentences."""
        gaps = self.gaps()
        if not gaps:
            return ["No gap yet: set today's level and the level needed in each cell."]
        cells = len(self.roles) * len(self.competencies)
        levels = sum(g.gap for g in gaps)
        names, top = _most(self.total_by_competency(), lambda cid: self.column(cid).name)
        first = f"The competency with the biggest total gap: {names} ({top} level{_s(top)})."
        names, top = _most(self.total_by_role(), lambda rid: self.role(rid).name)
        second = f"The role with the biggest total gap: {names} ({top} level{_s(top)})."
        verb = "has" if len(gaps) == 1 else "have"
        biggest = "; ".join(f"{g.role_name}, {g.competency_name} ({g.gap})" for g in gaps[:BIGGEST])
        return [
            f"{len(gaps)} of {cells} cells {verb} a gap; {levels} level{_s(levels)} to gain.",
            f"The biggest gap{_s(min(len(gaps), BIGGEST))}: {biggest}.",
            first,
            second,
        ]

    # -- saving ------------------------------------------------------------------------------

    def to_dict(self) -> dict:
        cells = [
            {
                "role": role_id,
                "competency": competency_id,
                "today": cell.today,
                "needed": cell.needed,
                "measure": cell.measure,
                "provider": cell.provider,
            }
            for (role_id, competency_id), cell in self.cells.items()
            if cell != Cell()
        ]
        return {
            "roles": [{"id": r.id, "name": r.name} for r in self.roles],
            "competencies": [
                {"id": c.id, "name": c.name, "about": c.about, "own": c.own}
                for c in self.competencies
            ],
            "cells": cells,
            # What later exercises read, so they need neither the catalogue nor this model.
            "gaps": [g.to_dict() for g in self.gaps()],
        }

    @classmethod
    def from_dict(cls, data: dict) -> SkillsMatrix:
        """Load a saved matrix. Missing parts start empty; names or levels that break a rule
        are left out; a value of the wrong kind raises TypeError, ValueError or KeyError."""
        if not isinstance(data, dict):
            raise TypeError("a skills-gap matrix is saved as a mapping")
        model = cls(competencies=[])
        for item in _list(data, "roles")[:MAX_ROLES]:
            _quietly(model._load_role, item)
        if "competencies" in data:
            for item in _list(data, "competencies")[:MAX_COMPETENCIES]:
                _quietly(model._load_column, item)
        else:
            model.competencies = cls().competencies
        for item in _list(data, "cells"):
            _quietly(model._load_cell, item)
        return model

    def _load_role(self, item: dict) -> None:
        role = self.add_role(item["name"])
        self.roles[-1] = Role(str(item.get("id") or role.id), role.name)

    def _load_column(self, item: dict) -> None:
        column_id = str(item["id"])
        try:
            self.add_competency(column_id)  # the course's current wording
        except FieldError:
            column = self.add_own_competency(item["name"])
            self.competencies[-1] = Column(column_id, column.name, own=True)

    def _load_cell(self, item: dict) -> None:
        role_id, competency_id = str(item["role"]), str(item["competency"])
        measure = str(item.get("measure") or "")
        provider = item.get("provider", "")
        self._update(
            role_id,
            competency_id,
            today=self._level("today", item.get("today")),
            needed=self._level("needed", item.get("needed")),
            # A measure the course dropped is let go; one kept after its gap closed stays.
            measure=measure if measure in {m.id for m in self.catalogue.measures} else "",
            provider=clean_text("provider", provider, "Who delivers", PROVIDER_LIMIT, False),
        )


def _list(data: dict, key: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise TypeError(f"'{key}' is saved as a list")
    return value


def _quietly(load, item) -> None:
    if not isinstance(item, dict):
        raise TypeError("each saved item is a mapping")
    try:
        load(item)
    except FieldError:
        return


def _rated_reason(roles: int, unrated: int) -> str:
    if not roles:
        return "Add the roles first."
    return f"{unrated} cell{_s(unrated)} still to rate." if unrated else "All cells are rated."


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def _most(totals: dict[str, int], name_of) -> tuple[str, int]:
    """The names with the highest total (ties joined with "and"), and that total."""
    top = max(totals.values())
    return _join([name_of(key) for key, total in totals.items() if total == top]), top


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
