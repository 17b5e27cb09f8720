"""Ex 5, part 1: the capacity self-assessment, first by each member, then as a team.

Every pillar is rated on the maturity scale: where the government is today (current) and
where the team wants it to be (target). The gap between the two is what Modules 4-7 work on.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from dgtkit.course.frameworks import Frameworks, frameworks
from dgtkit.models.text import FieldError, clean_text

MEMBER_LIMIT = 60
EVIDENCE_LIMIT = 500
PROBLEM_LIMIT = 200
MAX_MEMBERS = 12
DISAGREEMENT = 2  # members this many levels apart on a pillar should talk it through
#: How many of the gaps, biggest first, are "the biggest": a graded vision focuses on one of
#: them, a graded roadmap acts on each, the room's dashboard shows them.
BIGGEST_GAPS = 3


@dataclass(frozen=True)
class CapacityGap:
    """How far one pillar is from where the team wants it, the problem the team sees, and
    why the team thinks so (the evidence)."""

    pillar: str
    name: str
    current: int
    target: int
    evidence: str = ""
    problem: str = ""  # the problem in one sentence: "Permits take 60 days or more"

    @property
    def gap(self) -> int:
        return self.target - self.current

    def to_dict(self) -> dict:
        return {"pillar": self.pillar, "name": self.name, "current": self.current,
                "target": self.target, "gap": self.gap, "evidence": self.evidence,
                "problem": self.problem}

    @classmethod
    def from_dict(cls, data: dict) -> CapacityGap:
        """A gap as ``to_dict`` saved it (``gap`` is computed, not read; a gap saved before
        gaps had a problem statement reads with none)."""
        return cls(str(data["pillar"]), str(data["name"]), int(data["current"]),
                   int(data["target"]), evidence=str(data.get("evidence", "")),
                   problem=str(data.get("problem") or ""))


@dataclass(frozen=True)
class Disagreement:
    pillar: str
    lowest: int
    highest: int
    members: dict[str, int]

    @property
    def spread(self) -> int:
        return self.highest - self.lowest


Levels = dict[str, int | None]


@dataclass
class TeamAssessment:
    """Individual ratings by member, the team's agreed current level and target per pillar."""

    members: dict[str, Levels] = field(default_factory=dict)
    current: Levels = field(default_factory=dict)
    target: Levels = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    problem: dict[str, str] = field(default_factory=dict)  # the problem in one sentence
    framework: Frameworks = field(default_factory=frameworks, repr=False, compare=False)

    def __post_init__(self) -> None:
        ids = self.framework.pillar_ids
        self.current = {pid: self.current.get(pid) for pid in ids}
        self.target = {pid: self.target.get(pid) for pid in ids}
        self.evidence = {pid: self.evidence.get(pid, "") for pid in ids}
        self.problem = {pid: self.problem.get(pid, "") for pid in ids}
        self.members = {
            name: {pid: ratings.get(pid) for pid in ids} for name, ratings in self.members.items()
        }

    # -- checks -----------------------------------------------------------------------------
    def _pillar(self, pillar_id: str) -> str:
        if pillar_id not in self.framework.pillar_ids:
            raise FieldError(pillar_id, f"There is no pillar {pillar_id!r} in the framework.")
        return pillar_id

    def _level(self, field_name: str, level: int | None) -> int | None:
        top = len(self.framework.maturity_levels)
        if level is not None and (isinstance(level, bool) or level not in range(1, top + 1)):
            raise FieldError(field_name, f"A level is a whole number from 1 to {top}.")
        return level

    # -- individual ratings -----------------------------------------------------------------
    def add_member(self, name: str) -> str:
        name = clean_text("member", name, "The member's name", MEMBER_LIMIT, required=True)
        if name.casefold() in (m.casefold() for m in self.members):
            raise FieldError("member", f"{name} is already in the team.")
        if len(self.members) >= MAX_MEMBERS:
            raise FieldError("member", f"A team has at most {MAX_MEMBERS} members here.")
        self.members[name] = dict.fromkeys(self.framework.pillar_ids)
        return name

    def remove_member(self, name: str) -> None:
        self.members.pop(name, None)

    def rate_member(self, name: str, pillar_id: str, level: int | None) -> None:
        if name not in self.members:
            raise FieldError("member", f"{name} is not in the team yet. Add the name first.")
        self.members[name][self._pillar(pillar_id)] = self._level(pillar_id, level)

    def disagreements(self, threshold: int = DISAGREEMENT) -> list[Disagreement]:
        """Pillars where members' own ratings differ by ``threshold`` levels or more."""
        found = []
        for pid in self.framework.pillar_ids:
            rated = {m: r[pid] for m, r in self.members.items() if r[pid] is not None}
            if len(rated) >= 2 and max(rated.values()) - min(rated.values()) >= threshold:
                found.append(Disagreement(pid, min(rated.values()), max(rated.values()), rated))
        return sorted(found, key=lambda d: -d.spread)

    def members_median(self, pillar_id: str) -> int | None:
        """The middle of the members' ratings: a starting point for the team's level."""
        rated = sorted(r[pillar_id] for r in self.members.values() if r[pillar_id] is not None)
        return rated[(len(rated) - 1) // 2] if rated else None

    # -- the team's view ---------------------------------------------------------------------
    def set_current(self, pillar_id: str, level: int | None) -> None:
        self.current[self._pillar(pillar_id)] = self._level(pillar_id, level)

    def set_target(self, pillar_id: str, level: int | None) -> None:
        self.target[self._pillar(pillar_id)] = self._level(pillar_id, level)

    def note_evidence(self, pillar_id: str, text: str) -> None:
        label = "The evidence"
        self.evidence[self._pillar(pillar_id)] = clean_text(
            pillar_id, text, label, EVIDENCE_LIMIT, required=False
        )

    def state_problem(self, pillar_id: str, text: str) -> None:
        """The problem the gap causes, in one sentence the plan can quote."""
        self.problem[self._pillar(pillar_id)] = clean_text(
            pillar_id, text, "The problem", PROBLEM_LIMIT, required=False
        )

    def problems(self) -> dict[str, str]:
        """Pillar id → what is wrong with the team's levels (target below current)."""
        found = {}
        for pid in self.framework.pillar_ids:
            now, goal = self.current[pid], self.target[pid]
            if now is not None and goal is not None and goal < now:
                found[pid] = "The target is below today's level. Raise the target."
        return found

    @property
    def missing(self) -> list[str]:
        """Pillars whose current level or target the team has not set yet."""
        return [
            p
            for p in self.framework.pillar_ids
            if self.current[p] is None or self.target[p] is None
        ]

    def gaps(self) -> list[CapacityGap]:
        """Every pillar with both levels set, biggest gap first (ties: lowest level first)."""
        found = [
            CapacityGap(
                pid,
                self.framework.pillar(pid).name,
                self.current[pid],
                self.target[pid],
                self.evidence[pid],
                self.problem[pid],
            )
            for pid in self.framework.pillar_ids
            if self.current[pid] is not None and self.target[pid] is not None
        ]
        return sorted(found, key=lambda g: (-g.gap, g.current))

    def prefill(self, ratings: dict[str, int | None],
                evidence: dict[str, str] | None = None) -> None:
        """Start today's levels (and the evidence) from the Ex 3 pillar self-rating, where
        not set yet."""
        for pid, level in ratings.items():
            if pid in self.current and self.current[pid] is None:
                try:
                    self.current[pid] = self._level(pid, level)
                except FieldError:
                    continue
        for pid, text in (evidence or {}).items():
            if pid in self.evidence and not self.evidence[pid]:
                _quietly(self.note_evidence, pid, text)

    # -- storage -----------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "members": self.members,
            "current": self.current,
            "target": self.target,
            "evidence": self.evidence,
            "problem": self.problem,
        }

    @classmethod
    def from_dict(cls, data: dict, framework: Frameworks | None = None) -> TeamAssessment:
        """Load saved answers; pillars, levels or names that break a rule are left out."""
        model = cls(framework=framework or frameworks())
        for name, ratings in dict(data.get("members") or {}).items():
            try:
                name = model.add_member(name)
            except FieldError:
                continue
            for pid, level in dict(ratings).items():
                _quietly(model.rate_member, name, pid, level)
        for pid, level in dict(data.get("current") or {}).items():
            _quietly(model.set_current, pid, level)
        for pid, level in dict(data.get("target") or {}).items():
            _quietly(model.set_target, pid, level)
        for pid, text in dict(data.get("evidence") or {}).items():
            _quietly(model.note_evidence, pid, text)
        for pid, text in dict(data.get("problem") or {}).items():
            _quietly(model.state_problem, pid, text)
        return model


def _quietly(method, *args) -> None:
    with contextlib.suppress(FieldError):
        method(*args)
