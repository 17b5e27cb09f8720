"""The course's frameworks as data: the pillars, the maturity scale and the capacity levels.

Read from ``course/frameworks.yaml``; the chapters, the exercises and the grading all use
these, so a pillar is renamed in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from dgtkit.course import read_yaml


@dataclass(frozen=True)
class MaturityLevel:
    value: int
    name: str

    @property
    def label(self) -> str:
        return f"{self.value} {self.name}"


@dataclass(frozen=True)
class Pillar:
    id: str
    name: str
    question: str
    basis: str
    sources: tuple[str, ...]
    descriptors: tuple[str, ...]  # one per maturity level, lowest first
    level: str | None = None  # the capacity level it is linked to (None: it cuts across)

    def descriptor(self, level: int) -> str:
        return self.descriptors[level - 1]


@dataclass(frozen=True)
class CapacityLevel:
    id: str
    name: str
    about: str


@dataclass(frozen=True)
class Frameworks:
    pillars: tuple[Pillar, ...]
    maturity_levels: tuple[MaturityLevel, ...]
    maturity_source: str
    capacity_levels: tuple[CapacityLevel, ...]

    def pillar(self, pillar_id: str) -> Pillar:
        for pillar in self.pillars:
            if pillar.id == pillar_id:
                return pillar
        raise KeyError(f"No pillar {pillar_id!r}")

    @property
    def pillar_ids(self) -> tuple[str, ...]:
        return tuple(pillar.id for pillar in self.pillars)

    def level(self, value: int) -> MaturityLevel:
        return self.maturity_levels[value - 1]


@cache
def frameworks() -> Frameworks:
    """The frameworks, read and checked once per process."""
    raw = read_yaml("frameworks.yaml")
    scale = raw["maturity_scale"]
    levels = tuple(MaturityLevel(**level) for level in scale["levels"])
    if [level.value for level in levels] != list(range(1, len(levels) + 1)):
        raise ValueError("Maturity levels must be numbered 1, 2, 3, ... in order")
    pillars = tuple(
        Pillar(
            id=p["id"],
            name=p["name"],
            question=p["question"],
            basis=p["basis"],
            sources=tuple(p["sources"]),
            descriptors=tuple(p["descriptors"]),
            level=p.get("level"),
        )
        for p in raw["pillars"]
    )
    for pillar in pillars:
        if len(pillar.descriptors) != len(levels):
            raise ValueError(f"Pillar {pillar.id!r} needs one descriptor per maturity level")
    if len({p.id for p in pillars}) != len(pillars):
        raise ValueError("Pillar ids must be unique")
    capacity_levels = tuple(CapacityLevel(**c) for c in raw["capacity_levels"])
    for pillar in pillars:
        if pillar.level is not None and pillar.level not in {c.id for c in capacity_levels}:
            raise ValueError(f"Pillar {pillar.id!r} names no capacity level: {pillar.level!r}")
    return Frameworks(
        pillars=pillars,
        maturity_levels=levels,
        maturity_source=scale["source"],
        capacity_levels=capacity_levels,
    )
