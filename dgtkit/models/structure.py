"""Ex 8: which structure fits the team's digital organization: centralized, federal or
decentralized? The team rates its context; a transparent fit score per structure follows;
the team then recommends a structure with its reasons, one risk it will manage and a first step.

The factors and the scoring are this course's own teaching model (``course/ex08_factors.yaml``),
built on session 5.3: where capacity is thin, pool resources in an integrated organization.

Public API, for later exercises (saved under ``EXERCISE_KEY``)::

    structure = OrganizationStructure.from_dict(workbook.latest(EXERCISE_KEY).data)
    structure.recommendation   # "centralized", "federal", "decentralized" or None
    structure.reasons          # why, in the team's words
    structure.risk             # the risk the team will manage (for decentralized: silos)
    structure.first_step       # the first step towards the structure
    structure.ratings          # factor id -> 1-5 or None
    structure.scores()         # structure id -> fit score; also saved under "scores"
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from dgtkit.course import read_yaml
from dgtkit.course.frameworks import frameworks
from dgtkit.models.checks import Check
from dgtkit.models.text import FieldError, clean_text

EXERCISE_KEY = "ex08_structure"
SCALE = (1, 2, 3, 4, 5)
BAND_OF = {1: "low", 2: "low", 3: "middle", 4: "high", 5: "high"}
BAND_WORDS = {"low": "low", "middle": "in the middle", "high": "high"}
TIMES = {2: "double", 3: "triple"}
FAVOURED, NEXT, FAR = 2, 1, 0  # points by distance on the line centralized-federal-decentralized
REASONS_LIMIT = 1_000
DEPARTURE_LIMIT = 600
RISK_LIMIT = 500
FIRST_STEP_LIMIT = 300
TEXTS = {  # field: (label on the form, limit)
    "reasons": ("Our reasons", REASONS_LIMIT),
    "departure_reason": ("Why not the best fit", DEPARTURE_LIMIT),
    "risk": ("Risk we will manage", RISK_LIMIT),
    "first_step": ("First step", FIRST_STEP_LIMIT),
}


# -- course data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Structure:
    id: str
    name: str
    how: str
    strengths: str
    risks: str


@dataclass(frozen=True)
class Band:
    """What a low, middle or high rating of a factor favours, and why."""

    favours: str
    why: str
    sources: tuple[str, ...]
    own: bool  # this course's own reading, with no source


@dataclass(frozen=True)
class Factor:
    id: str
    name: str
    question: str
    low: str  # what a rating of 1 means
    high: str  # what a rating of 5 means
    weight: int
    weight_reason: str
    prefill_from: tuple[str, ...]  # Ex 5 pillars whose level today gives a first rating
    bands: dict[str, Band]

    def band(self, rating: int) -> Band:
        return self.bands[BAND_OF[rating]]


@dataclass(frozen=True)
class CourseData:
    structures: tuple[Structure, ...]
    factors: tuple[Factor, ...]

    @property
    def structure_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.structures)

    def structure(self, structure_id: str) -> Structure:
        for structure in self.structures:
            if structure.id == structure_id:
                return structure
        raise KeyError(f"No structure {structure_id!r}")

    def factor(self, factor_id: str) -> Factor:
        for factor in self.factors:
            if factor.id == factor_id:
                return factor
        raise KeyError(f"No factor {factor_id!r}")

    def points(self, factor: Factor, rating: int) -> dict[str, int]:
        """Points per structure for one rating, before the weight: 2, 1 or 0."""
        line = self.structure_ids
        favoured = line.index(factor.band(rating).favours)
        by_distance = (FAVOURED, NEXT, FAR)
        return {s: by_distance[abs(line.index(s) - favoured)] for s in line}


def _band(raw: dict) -> Band:
    band = Band(raw["favours"], raw["why"], tuple(raw.get("sources", ())), bool(raw.get("own")))
    if not band.sources and not band.own:
        raise ValueError(f"A band favouring {band.favours!r} needs a source or own: true")
    return band


@cache
def course_data() -> CourseData:
    """The structures and factors, read and checked once per process."""
    raw = read_yaml("ex08_factors.yaml")
    structures = tuple(Structure(**s) for s in raw["structures"])
    factors = tuple(
        Factor(
            id=f["id"],
            name=f["name"],
            question=f["question"],
            low=f["low"],
            high=f["high"],
            weight=int(f.get("weight", 1)),
            weight_reason=f.get("weight_reason", ""),
            prefill_from=tuple(f.get("prefill_from", ())),
            bands={name: _band(f["bands"][name]) for name in ("low", "middle", "high")},
        )
        for f in raw["factors"]
    )
    ids = [s.id for s in structures]
    if len(ids) != 3 or any(b.favours not in ids for f in factors for b in f.bands.values()):
        raise ValueError("Three structures, and every band favours one of them")
    if len({f.id for f in factors}) != len(factors):
        raise ValueError("Factor ids must be unique")
    return CourseData(structures, factors)


def names_of(structure_ids: list[str]) -> str:
    """ "centralized", "centralized and federal", "centralized, federal and decentralized"."""
    names = [course_data().structure(s).name.lower() for s in structure_ids]
    return " and ".join(filter(None, [", ".join(names[:-1]), names[-1]])) if names else ""


# -- the team's answers --------------------------------------------------------------------


def _rating(factor: Factor, value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or value not in SCALE:
        raise FieldError(factor.id, f"Rate '{factor.name}' from 1 to 5.")
    return int(value)


@dataclass
class OrganizationStructure:
    """The team's context ratings, the fit scores they give, and the team's recommendation."""

    ratings: dict[str, int | None] = field(default_factory=dict)
    prefilled: dict[str, str] = field(default_factory=dict)  # factor id -> how, in words
    recommendation: str | None = None
    reasons: str = ""
    departure_reason: str = ""
    risk: str = ""
    first_step: str = ""

    def __post_init__(self) -> None:
        ids = [f.id for f in course_data().factors]
        self.ratings = {fid: self.ratings.get(fid) for fid in ids}
        self.prefilled = {fid: note for fid, note in self.prefilled.items() if fid in ids}

    # -- rating the context ------------------------------------------------------------------

    def _factor(self, factor_id: str) -> Factor:
        try:
            return course_data().factor(factor_id)
        except KeyError:
            raise FieldError(factor_id, f"There is no factor {factor_id!r}.") from None

    def rate(self, factor_id: str, rating: object) -> None:
        """Rate one factor 1-5 (None: not rated). A rating the team changes is its own."""
        value = _rating(self._factor(factor_id), rating)
        if value != self.ratings[factor_id]:
            self.prefilled.pop(factor_id, None)
        self.ratings[factor_id] = value

    def prefill(self, levels_today: dict) -> None:
        """Rate unrated factors from the Ex 5 self-assessment (pillar id -> level today).

        The rating is the average of the pillars' levels, rounded down; the note says so."""
        pillars = frameworks()
        for factor in course_data().factors:
            if self.ratings[factor.id] is not None or not factor.prefill_from:
                continue
            used = {
                pid: levels_today.get(pid)
                for pid in factor.prefill_from
                if levels_today.get(pid) in SCALE and not isinstance(levels_today.get(pid), bool)
            }
            if not used:
                continue
            rating = sum(used.values()) // len(used)  # the average, rounded down
            self.ratings[factor.id] = rating
            listed = ", ".join(f"'{pillars.pillar(p).name}' {v}" for p, v in used.items())
            average = sum(used.values()) / len(used)
            how = f"so {rating}"
            if len(used) > 1:
                how = f"their average is {average:g}" + (
                    f", rounded down to {rating}" if average != rating else ""
                )
            self.prefilled[factor.id] = (
                f"Pre-filled from your Ex 5 self-assessment (level today): {listed}; {how}. "
                "Change it if your team sees it differently."
            )

    @property
    def unrated(self) -> list[Factor]:
        return [f for f in course_data().factors if self.ratings[f.id] is None]

    # -- the fit score -----------------------------------------------------------------------

    def factor_points(self, factor: Factor) -> dict[str, int]:
        """Weighted points per structure from one rated factor."""
        rating = self.ratings[factor.id]
        points = course_data().points(factor, rating)
        return {s: p * factor.weight for s, p in points.items()}

    def scores(self) -> dict[str, int]:
        """Structure id -> fit score: the weighted points of every rated factor, added up."""
        data = course_data()
        totals = dict.fromkeys(data.structure_ids, 0)
        for factor in data.factors:
            if self.ratings[factor.id] is not None:
                for structure, points in self.factor_points(factor).items():
                    totals[structure] += points
        return totals

    @property
    def most_possible(self) -> int:
        """The highest score a structure can get from the factors rated so far."""
        data = course_data()
        return FAVOURED * sum(f.weight for f in data.factors if self.ratings[f.id] is not None)

    def best(self) -> list[str]:
        """The structure(s) with the highest score; empty while no factor is rated."""
        if self.most_possible == 0:
            return []
        scores = self.scores()
        top = max(scores.values())
        return [s for s, score in scores.items() if score == top]

    def factor_explanation(self, factor: Factor) -> str:
        """One factor's arithmetic in words."""
        rating = self.ratings[factor.id]
        if rating is None:
            return f"{factor.name}: not rated yet, so no points."
        data = course_data()
        band = factor.band(rating)
        favoured = data.structure(band.favours).name
        points = self.factor_points(factor)
        given = ", ".join(f"{data.structure(s).name.lower()} {p}" for s, p in points.items())
        text = (
            f"{factor.name}: you rated {rating} ({BAND_WORDS[BAND_OF[rating]]}), which favours "
            f"{favoured.lower()}. {band.why} "
        )
        if factor.weight == 1:
            return text + f"Points: {given}."
        times = TIMES.get(factor.weight, f"{factor.weight} times")
        return text + (
            f"This factor counts {times}, because {factor.weight_reason}. "
            f"So the points {FAVOURED}, {NEXT} and {FAR} become: {given}."
        )

    def score_explanation(self, structure_id: str) -> str:
        """One structure's total in words: "Centralized: 4 + 2 + 1 + 0 + 2 = 9 of 12"."""
        data = course_data()
        rated = [f for f in data.factors if self.ratings[f.id] is not None]
        name = data.structure(structure_id).name
        if not rated:
            return f"{name}: no factor rated yet."
        parts = [f"{self.factor_points(f)[structure_id]} ({f.name.lower()})" for f in rated]
        total = self.scores()[structure_id]
        return f"{name}: {' + '.join(parts)} = {total} of {self.most_possible}."

    # -- the recommendation ------------------------------------------------------------------

    def choose(self, structure_id: str | None) -> None:
        if structure_id is not None and structure_id not in course_data().structure_ids:
            raise FieldError("recommendation", "Choose one of the three structures.")
        self.recommendation = structure_id

    def write(self, field_name: str, text: object) -> None:
        """Set one of the team's texts: reasons, departure_reason, risk or first_step."""
        if field_name not in TEXTS:
            raise FieldError(field_name, f"There is no field {field_name!r}.")
        label, limit = TEXTS[field_name]
        value = clean_text(field_name, text, f"The text '{label}'", limit, required=False)
        setattr(self, field_name, value)

    @property
    def departs(self) -> bool:
        """Whether the team chose a structure other than the best fit."""
        best = self.best()
        return bool(self.recommendation and best and self.recommendation not in best)

    # -- feedback ----------------------------------------------------------------------------

    def summary(self) -> str:
        """One line: the best fit and the team's choice."""
        data = course_data()
        best = self.best()
        if not best:
            text = "No factor rated yet, so no fit score."
        else:
            names = names_of(best)
            score = self.scores()[best[0]]
            tie = " (a tie)" if len(best) > 1 else ""
            text = f"Best fit{tie}: {names}, {score} of {self.most_possible} points."
        if self.unrated:
            text += f" {len(self.unrated)} of {len(data.factors)} factors not rated yet."
        if self.recommendation:
            text += f" Your choice: {data.structure(self.recommendation).name.lower()}."
        return text

    def checks(self) -> list[Check]:
        return [
            self._check_rated(),
            self._check_choice(),
            self._check_text("reasons", "Reasons given", "Give two or three reasons for it."),
            self._check_departure(),
            self._check_risk(),
            self._check_text("first_step", "A first step", "Name the first step you will take."),
        ]

    def passes(self) -> bool:
        return all(check.passed for check in self.checks())

    def _check_rated(self) -> Check:
        total = len(course_data().factors)
        label = "Every factor of your context rated"
        if not self.unrated:
            return Check("ratings", label, True, f"All {total} factors are rated.")
        names = ", ".join(f"'{f.name}'" for f in self.unrated)
        done = total - len(self.unrated)
        return Check("ratings", label, False, f"{done} of {total} rated. Still to rate: {names}.")

    def _check_choice(self) -> Check:
        label = "A structure recommended"
        if self.recommendation is None:
            return Check("recommendation", label, False, "Choose the structure you recommend.")
        name = course_data().structure(self.recommendation).name
        return Check("recommendation", label, True, f"You recommend: {name.lower()}.")

    def _check_text(self, name: str, label: str, todo: str) -> Check:
        value = getattr(self, name)
        return Check(name, label, bool(value), "Written." if value else todo)

    def _check_departure(self) -> Check:
        label = "A choice other than the best fit is explained"
        if not self.departs:
            reason = (
                "Your choice has the highest fit score."
                if self.recommendation and self.best()
                else "Nothing to explain yet."
            )
            return Check("departure_reason", label, True, reason)
        data = course_data()
        best = names_of(self.best())
        scores = self.scores()
        chosen = data.structure(self.recommendation).name.lower()
        if self.departure_reason:
            return Check(
                "departure_reason",
                label,
                True,
                f"You chose {chosen} ({scores[self.recommendation]} points) over {best} "
                f"({max(scores.values())} points), and said why.",
            )
        return Check(
            "departure_reason",
            label,
            False,
            f"You chose {chosen} ({scores[self.recommendation]} points), but {best} fits best "
            f"({max(scores.values())} points). That is allowed: say why in 'Why not the best fit'.",
        )

    def _check_risk(self) -> Check:
        if self.recommendation == "decentralized":
            label = "How you will prevent silos"
            todo = (
                "A decentralized structure risks duplicate systems and silos: "
                "say how you will prevent them."
            )
        else:
            label = "One risk you will manage"
            todo = "Name one risk of your structure and how you will manage it."
        return Check("risk", label, bool(self.risk), "Written." if self.risk else todo)

    # -- saving ------------------------------------------------------------------------------

    def to_dict(self) -> dict:
        return {
            "ratings": self.ratings,
            "prefilled": self.prefilled,
            "recommendation": self.recommendation,
            "reasons": self.reasons,
            "departure_reason": self.departure_reason,
            "risk": self.risk,
            "first_step": self.first_step,
            # What later exercises read, so they need neither the course data nor this model.
            "scores": self.scores(),
            "best": self.best(),
        }

    @classmethod
    def from_dict(cls, data: dict) -> OrganizationStructure:
        """Load saved answers; missing parts start empty, malformed ones raise ValueError,
        KeyError or TypeError (the exercise then keeps the revision and starts afresh)."""
        if not isinstance(data, dict):
            raise TypeError("Saved answers of Ex 8 must be a mapping")
        model = cls()
        known = {f.id for f in course_data().factors}
        for factor_id, rating in dict(data.get("ratings") or {}).items():
            if factor_id in known:  # a factor the course has since dropped is left out
                model.rate(factor_id, rating)
        for factor_id, note in dict(data.get("prefilled") or {}).items():
            if factor_id in known and model.ratings[factor_id] is not None:
                model.prefilled[factor_id] = clean_text(factor_id, note, "The note", 600, False)
        model.choose(data.get("recommendation"))
        for name in TEXTS:
            model.write(name, data.get(name, ""))
        return model
