"""Ex 3: the team's rating of its government on each pillar of the course's framework."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from dgtkit.course.frameworks import Frameworks, frameworks
from dgtkit.course.governments import governments
from dgtkit.models.checks import Check
from dgtkit.models.text import FieldError, clean_text, repeated

#: The workbook key under which the exercise saves; later exercises read it.
EXERCISE_KEY = "ex03_pillar_rating"
GOVERNMENT_LIMIT = 200
EVIDENCE_LIMIT = 500


@dataclass
class PillarRating:
    """A 1-5 rating per pillar (None while not rated) of one government, with what shows it
    (the evidence) and the level of that government (course/governments.yaml)."""

    government: str = ""
    ratings: dict[str, int | None] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    level: str = ""  # a level id of course/governments.yaml, or ""
    framework: Frameworks = field(default_factory=frameworks, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.ratings = {pid: self.ratings.get(pid) for pid in self.framework.pillar_ids}
        self.evidence = {pid: self.evidence.get(pid, "") for pid in self.framework.pillar_ids}

    def rate(self, pillar_id: str, level: int | None) -> None:
        if pillar_id not in self.framework.pillar_ids:
            raise FieldError(pillar_id, f"There is no pillar {pillar_id!r} in the framework.")
        top = len(self.framework.maturity_levels)
        if level is not None and (isinstance(level, bool) or level not in range(1, top + 1)):
            raise FieldError(pillar_id, f"A rating is a whole number from 1 to {top}.")
        self.ratings[pillar_id] = level

    def name_government(self, name: str) -> None:
        self.government = clean_text(
            "government", name, "The name of the government", GOVERNMENT_LIMIT, required=False
        )

    def choose_level(self, level: str | None) -> None:
        """The level of the government rated ("" or None: not said)."""
        if not level:
            self.level = ""
            return
        found = governments().level_id(level)
        if found is None:
            names = ", ".join(governments().level_names.values())
            raise FieldError("level", f"Choose one of the levels: {names}.")
        self.level = found

    def note_evidence(self, pillar_id: str, text: str) -> None:
        """What shows the level: a fact, a document, an example (Ex 5 starts from it)."""
        if pillar_id not in self.framework.pillar_ids:
            raise FieldError(pillar_id, f"There is no pillar {pillar_id!r} in the framework.")
        self.evidence[pillar_id] = clean_text(
            pillar_id, text, "The evidence", EVIDENCE_LIMIT, required=False
        )

    @property
    def missing(self) -> list[str]:
        """Pillars not rated yet, in framework order."""
        return [pid for pid, level in self.ratings.items() if level is None]

    @property
    def is_complete(self) -> bool:
        return not self.missing

    def priorities(self, count: int = 3) -> list[str]:
        """The lowest-rated pillars: where the situation analysis (Ex 5) starts."""
        rated = [(level, order, pid) for order, (pid, level) in enumerate(self.ratings.items())
                 if level is not None]
        return [pid for _level, _order, pid in sorted(rated)[:count]]

    def judgment_checks(self) -> list[Check]:
        """What a rating made with thought has and a careless one lacks (the graded rule of
        Ex 3): levels that tell the pillars apart, and evidence, each in its own words, for
        the lowest-rated pillars, where the situation analysis starts."""
        levels = {lv for lv in self.ratings.values() if lv is not None}
        lowest = self.priorities()
        texts = [self.evidence[p] for p in lowest if len(self.evidence[p].split()) >= 3]
        bare = [self.framework.pillar(p).name for p in lowest
                if len(self.evidence[p].split()) < 3]
        pasted = repeated(texts)
        return [
            Check("levels", "The levels tell the pillars apart", len(levels) > 1,
                  "Every pillar has the same level: rate each on what you know of it."
                  if len(levels) <= 1 else f"{len(levels)} different levels used."),
            Check("evidence", "Evidence for your lowest-rated pillars",
                  bool(lowest) and not bare and not pasted,
                  (f"Write a few words of evidence for: {'; '.join(bare)}." if bare else
                   "Each lowest-rated pillar needs its own evidence, not the same words."
                   if pasted else "Written for each of them.")),
        ]

    def summary(self) -> str:
        """One plain sentence on progress, for the status line and screen readers."""
        total, done = len(self.ratings), len(self.ratings) - len(self.missing)
        if done == total:
            return f"All {total} pillars are rated."
        return f"{done} of {total} pillars rated."

    def to_dict(self) -> dict:
        return {"government": self.government, "level": self.level,
                "ratings": dict(self.ratings), "evidence": dict(self.evidence)}

    @classmethod
    def from_dict(cls, data: dict, framework: Frameworks | None = None) -> PillarRating:
        """Load a saved rating; pillars or levels the framework no longer has are dropped."""
        model = cls(framework=framework or frameworks())
        try:
            model.name_government(data.get("government", ""))
        except FieldError:
            model.government = str(data.get("government", ""))[:GOVERNMENT_LIMIT]
        for pillar_id, level in dict(data.get("ratings") or {}).items():
            try:
                model.rate(pillar_id, level)
            except FieldError:
                continue
        for pillar_id, text in dict(data.get("evidence") or {}).items():
            try:
                model.note_evidence(pillar_id, text)
            except FieldError:
                continue
        with contextlib.suppress(FieldError):  # a level the course no longer has: not said
            model.choose_level(data.get("level") or "")
        return model
