"""The benchmark's indices in plain words, each linked to a pillar (``course/indices.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from dgtkit.course import read_yaml
from dgtkit.course.frameworks import frameworks


@dataclass(frozen=True)
class Index:
    id: str
    short: str
    name: str
    what: str
    pillars: tuple[str, ...]
    link: str


@dataclass(frozen=True)
class Indices:
    scope: str
    items: tuple[Index, ...]


@cache
def indices() -> Indices:
    raw = read_yaml("indices.yaml")
    items = tuple(Index(i["id"], i["short"], i["name"], i["what"], tuple(i["pillars"]),
                        i["link"]) for i in raw["indices"])
    known = set(frameworks().pillar_ids)
    for item in items:
        if not set(item.pillars) <= known:
            raise ValueError(f"indices.yaml: {item.id} names a pillar the framework lacks")
    return Indices(" ".join(raw["scope"].split()), items)
