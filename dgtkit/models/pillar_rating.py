"""Ex 3: the team's rating of its government on each pillar of the course's framework."""

from __future__ import annotations

from dataclasses import dataclass, field

from dgtkit.course.frameworks import Frameworks, frameworks
from dgtkit.models.text import FieldError, clean_text

#: The workbook key under which the exercise saves; later exercises read it.
EXERCISE_KEY = "ex03_pillar_rating"
GOVERNMENT_LIMIT = 200


@dataclass
class PillarRating:
    """A 1-5 rating per pillar (None while not rated) of one government."""

    government: str = ""
    ratings: dict[str, int | None] = field(default_factory=dict)
    framework: Frameworks = field(default_factory=frameworks, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.ratings = {pid: self.ratings.get(pid) for pid in self.framework.pillar_ids}

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

    def summary(self) -> str:
        """One plain sentence on progress, for the status line and screen readers."""
        total, done = len(self.ratings), len(self.ratings) - len(self.missing)
        if done == total:
            return f"All {total} pillars are rated."
        return f"{done} of {total} pillars rated."

    def to_dict(self) -> dict:
        return {"government": self.government, "ratings": dict(self.ratings)}

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
        return model
