"""The Sustainable Development Goals as data: the 17 goals and the targets the course uses.

Read from ``course/sdgs.yaml`` (source: UN General Assembly resolution A/RES/70/1, 2015). Only
targets whose official wording was confirmed are listed; each says how it was confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from dgtkit.course import read_yaml

GOAL_COUNT = 17


@dataclass(frozen=True)
class Goal:
    number: int
    title: str

    @property
    def label(self) -> str:
        return f"SDG {self.number} {self.title}"


@dataclass(frozen=True)
class Target:
    id: str  # "16.6", "9.c"
    text: str  # the official wording
    confirmed: str  # how the wording was checked

    @property
    def goal(self) -> int:
        return int(self.id.split(".")[0])

    @property
    def label(self) -> str:
        return f"Target {self.id}"


@dataclass(frozen=True)
class Sdgs:
    goals: tuple[Goal, ...]
    targets: tuple[Target, ...]
    source_key: str
    citation: str

    def goal(self, number: int) -> Goal:
        for goal in self.goals:
            if goal.number == number:
                return goal
        raise KeyError(f"No SDG {number!r}")

    def target(self, target_id: str) -> Target:
        for target in self.targets:
            if target.id == target_id:
                return target
        raise KeyError(f"No target {target_id!r} in the course's list")

    def targets_of(self, goal_number: int) -> tuple[Target, ...]:
        return tuple(t for t in self.targets if t.goal == goal_number)

    @property
    def target_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.targets)


@cache
def sdgs() -> Sdgs:
    """The goals and targets, read and checked once per process."""
    raw = read_yaml("sdgs.yaml")
    goals = tuple(Goal(number=int(g["number"]), title=str(g["title"])) for g in raw["goals"])
    if [g.number for g in goals] != list(range(1, GOAL_COUNT + 1)):
        raise ValueError("sdgs.yaml must list the 17 goals, numbered 1 to 17 in order")
    targets = tuple(
        Target(
            id=str(t["id"]),
            text=" ".join(str(t["text"]).split()),
            confirmed=" ".join(str(t["confirmed"]).split()),
        )
        for t in raw["targets"]
    )
    if len({t.id for t in targets}) != len(targets):
        raise ValueError("Target ids in sdgs.yaml must be unique")
    for target in targets:
        if target.goal not in range(1, GOAL_COUNT + 1) or not target.text:
            raise ValueError(f"Target {target.id!r} needs a goal 1-17 and its wording")
    source = raw["source"]
    return Sdgs(
        goals=goals,
        targets=targets,
        source_key=source["key"],
        citation=" ".join(source["citation"].split()),
    )
