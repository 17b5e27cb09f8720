"""Ex 7: a vision statement checked as a facilitator would, and milestones back to today.

Public API, for later exercises (saved under ``EXERCISE_KEY``)::

    vision = Vision.from_dict(workbook.latest(EXERCISE_KEY).data)
    vision.statement        # at most 40 words when the checks pass
    vision.year             # the vision year (the year field, else the year in the statement)
    vision.beneficiaries    # who benefits, as the team named them ("" if only in the statement)
    vision.sdg_targets      # ids of the linked targets, e.g. ["16.6", "9.c"] (course.sdgs)
    vision.focus            # pillar id of the Ex 5 gap the vision focuses on, or None
    vision.gaps_considered  # the Ex 5 gaps the exercise started with, biggest first
    vision.milestones       # [Milestone(year, title, must_be_true)], ordered by year
    vision.strategy         # the national development vision or digital strategy it serves
    vision.carriers         # who carries it: {"public": ..., "private": ..., "people": ...}
    vision.checks(), vision.passes()
    vision.ecosystem_checks()  # the strategy it serves and the actors who carry it
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from dgtkit.course.sdgs import sdgs
from dgtkit.models.assessment import BIGGEST_GAPS
from dgtkit.models.checks import (
    Check,
    FormErrors,
    collect,
    this_year,
    whole_year,
    word_count,
    years_in,
)
from dgtkit.models.text import FieldError, clean_text

EXERCISE_KEY = "ex07_vision"
STATEMENT_WORDS = 40
STATEMENT_LIMIT = 600  # characters: a guard; the rule participants see is in words
BENEFICIARIES_LIMIT = 120
NEAREST_HORIZON, FARTHEST_HORIZON = 5, 30  # years from now
TARGETS_MIN, TARGETS_MAX = 2, 3
MILESTONES_MIN = 3
#: Words too common in this course to show what a gap is about.
_COMMON_WORDS = frozenset((
    "digital", "government", "public", "service", "services", "data", "with", "from", "their",
    "every", "level", "today", "wanted", "people", "that", "this", "have", "more"))
MILESTONE_TITLE_LIMIT = 120
MUST_BE_TRUE_LIMIT = 500
STRATEGY_LIMIT = 200
CARRIERS_LIMIT = 200
#: The three sectors of the digital government ecosystem that carry a vision (session 4.1).
SECTORS = {"public": "Public sector", "private": "Private sector",
           "people": "People and civil society"}
#: Words that name a group of people; a statement using one names who benefits.
BENEFICIARY_WORDS = (
    "citizen", "resident", "people", "person", "persons", "community", "communities",
    "household", "family", "families", "women", "girls", "men", "boys", "youth", "children",
    "elderly", "farmer", "fisher", "business", "businesses", "entrepreneur", "enterprise",
    "worker", "student", "learner", "patient", "villager", "migrant", "public servant",
    "civil servant", "everyone",
)  # fmt: skip
_BENEFICIARY = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in BENEFICIARY_WORDS) + r")s?\b", re.IGNORECASE
)


@dataclass(frozen=True)
class ConsideredGap:
    """An Ex 5 capacity gap as the vision saw it when the exercise started."""

    pillar: str
    name: str
    current: int
    target: int
    gap: int
    evidence: str = ""
    problem: str = ""  # the problem in the team's words (Ex 5), "" if not stated

    @property
    def levels(self) -> str:
        """'level 1 today, 3 wanted'."""
        return f"level {self.current} today, {self.target} wanted"

    @property
    def label(self) -> str:
        """The pillar and its levels, for lists: 'Digital skills of public servants (level 2
        today, 4 wanted)'."""
        return f"{self.name} ({self.levels})"

    @property
    def statement(self) -> str:
        """The gap as a plan states it: the team's problem statement; else the evidence;
        else the pillar and its levels in words."""
        if self.problem:
            return self.problem
        if self.evidence:
            return f"{self.name}: {self.evidence}"
        return f"{self.name}: {self.levels}"

    @classmethod
    def from_gap(cls, gap) -> ConsideredGap:
        """From a ``dgtkit.store.handoff.CapacityGap`` (or anything with the same fields)."""
        return cls(
            pillar=str(gap.pillar),
            name=str(gap.name),
            current=int(gap.current),
            target=int(gap.target),
            gap=int(gap.gap),
            evidence=str(gap.evidence or ""),
            problem=str(getattr(gap, "problem", "") or ""),
        )

    def to_dict(self) -> dict:
        return {
            "pillar": self.pillar,
            "name": self.name,
            "current": self.current,
            "target": self.target,
            "gap": self.gap,
            "evidence": self.evidence,
            "problem": self.problem,
        }

    @classmethod
    def from_dict(cls, data: dict) -> ConsideredGap:
        return cls(
            pillar=str(data["pillar"]),
            name=str(data["name"]),
            current=int(data["current"]),
            target=int(data["target"]),
            gap=int(data["gap"]),
            evidence=str(data.get("evidence", "")),
            problem=str(data.get("problem") or ""),
        )


@dataclass(frozen=True)
class Milestone:
    """A step on the way back from the vision: by ``year``, ``must_be_true`` holds."""

    year: int
    title: str
    must_be_true: str
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "year": self.year,
            "title": self.title,
            "must_be_true": self.must_be_true,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Milestone:
        milestone = new_milestone(data["year"], data["title"], data.get("must_be_true", ""))
        return replace(milestone, id=str(data["id"]))


def _milestone_year(value: object) -> int:
    year = whole_year("year", value, "The year")
    if year is None:
        raise FieldError("year", "The year is empty. Please give the year of the milestone.")
    return year


def new_milestone(year: object, title: object, must_be_true: object) -> Milestone:
    """A milestone from what was typed, or ``FormErrors`` with every problem, by field.

    Whether the year fits the vision's timeline is checked when the vision adds it."""
    errors: list[FieldError] = []
    values = {
        "year": collect(errors, _milestone_year, year),
        "title": collect(
            errors, clean_text, "title", title, "The milestone", MILESTONE_TITLE_LIMIT, True
        ),
        "must_be_true": collect(
            errors,
            clean_text,
            "must_be_true",
            must_be_true,
            "What must be true",
            MUST_BE_TRUE_LIMIT,
            True,
        ),
    }
    if errors:
        raise FormErrors(errors)
    return Milestone(**values)


@dataclass
class Vision:
    """The team's vision, its links to SDG targets, and the milestones back to today."""

    statement: str = ""
    year_chosen: int | None = None  # the year field; the statement may give the year instead
    beneficiaries: str = ""
    sdg_targets: list[str] = field(default_factory=list)
    focus: str | None = None
    gaps_considered: list[ConsideredGap] = field(default_factory=list)
    _milestones: list[Milestone] = field(default_factory=list)
    strategy: str = ""  # the national development vision or digital strategy it serves
    carriers: dict[str, str] = field(default_factory=dict)  # sector → the actors who carry it
    current_year: int = field(default_factory=this_year, compare=False, repr=False)

    @classmethod
    def from_gaps(cls, gaps: Iterable, **kwargs) -> Vision:
        """A new vision that starts from the Ex 5 gaps (``dgtkit.store.handoff.capacity_gaps``)."""
        return cls(gaps_considered=[ConsideredGap.from_gap(g) for g in gaps], **kwargs)

    # -- the statement ---------------------------------------------------------------------

    @property
    def statement_year(self) -> int | None:
        """The latest year written in the statement ("By 2035, ..."), if any."""
        years = years_in(self.statement)
        return max(years) if years else None

    @property
    def year(self) -> int | None:
        """The vision year: the year field if filled, else the year in the statement."""
        return self.year_chosen if self.year_chosen is not None else self.statement_year

    @property
    def words(self) -> int:
        return word_count(self.statement)

    @property
    def suggested_year(self) -> int:
        """A year to start from: ten years ahead, or the year already written."""
        return self.year or self.current_year + 10

    def year_choices(self) -> list[int]:
        """The vision years a form offers: from NEAREST_HORIZON to FARTHEST_HORIZON years
        ahead, and the year saved even if it now falls outside."""
        years = list(range(self.current_year + NEAREST_HORIZON,
                           self.current_year + FARTHEST_HORIZON + 1))
        for year in (self.year_chosen, self.statement_year):
            if year is not None and year not in years:
                years.append(year)
        return sorted(years)

    def milestone_years(self) -> list[int]:
        """The milestone years a form offers: this year to the vision year (or to the
        farthest horizon while the vision has no year)."""
        last = self.year if self.year and self.year >= self.current_year else (
            self.current_year + FARTHEST_HORIZON)
        return list(range(self.current_year, last + 1))

    def suggested_milestone_year(self) -> int:
        """The next free year a quarter of the way to the vision, then half, then three
        quarters, then the year before the vision: a sensible default, never 0."""
        years = self.milestone_years()
        taken = {m.year for m in self._milestones}
        span = len(years) - 1
        for share in (0.25, 0.5, 0.75, 0.9, 0.0):
            year = years[round(span * share)]
            if year not in taken:
                return year
        return years[0]

    def write_statement(self, text: object) -> None:
        self.statement = clean_text(
            "statement", text, "The vision statement", STATEMENT_LIMIT, required=False
        )

    def choose_year(self, year: object) -> None:
        self.year_chosen = whole_year("year", year, "The vision year")

    def name_beneficiaries(self, text: object) -> None:
        self.beneficiaries = clean_text(
            "beneficiaries", text, "Who benefits", BENEFICIARIES_LIMIT, required=False
        )

    def name_strategy(self, text: object) -> None:
        self.strategy = clean_text("strategy", text, "The national vision or strategy",
                                   STRATEGY_LIMIT, required=False)

    def name_carriers(self, sector: str, text: object) -> None:
        """Who carries the vision in ``sector`` ("public", "private" or "people")."""
        if sector not in SECTORS:
            raise FieldError("carriers", f"{sector!r} is not a sector: choose public, private "
                                         "or people.")
        self.carriers[sector] = clean_text(f"carriers_{sector}", text, SECTORS[sector],
                                           CARRIERS_LIMIT, required=False)

    def ecosystem_checks(self) -> list[Check]:
        """Outcome 2: the strategy the vision serves, and the ecosystem that carries it."""
        strategy = Check(
            "strategy", "Serves a national development vision or digital strategy",
            bool(self.strategy),
            f"It serves {self.strategy}." if self.strategy else
            "Not yet filled: name the national development vision or digital strategy that "
            "your vision serves, so that it pulls the same way as your country's plans.")
        missing = [label for sector, label in SECTORS.items() if not self.carriers.get(sector)]
        ecosystem = Check(
            "carriers", "Carried by actors of the public, private and people sectors",
            not missing,
            "Named in all three sectors." if not missing else
            f"Not yet filled: {', '.join(missing).lower()}. Name at least one actor in each: "
            "a vision that only government carries rarely outlives a change of leaders.")
        return [strategy, ecosystem]

    def choose_focus(self, pillar: str | None) -> None:
        if pillar is not None and pillar not in [g.pillar for g in self.gaps_considered]:
            raise FieldError("focus", "Choose one of your gaps from Ex 5, or no focus.")
        self.focus = pillar

    @property
    def focus_gap(self) -> ConsideredGap | None:
        return next((g for g in self.gaps_considered if g.pillar == self.focus), None)

    def gap_checks(self) -> list[Check]:
        """Whether the vision serves the gaps of Ex 5 (graded with ``checks``): it focuses on
        one of the biggest, and the statement or a milestone works on that gap."""
        biggest = self.gaps_considered[:BIGGEST_GAPS]
        focus = self.focus_gap
        if not self.gaps_considered:
            focused = Check("focus", "It focuses on one of your biggest gaps", False,
                            "No gap from Ex 5 reached this exercise: do Ex 5 first, then "
                            "open this form again.")
        else:
            focused = Check(
                "focus", "It focuses on one of your biggest gaps", focus in biggest,
                f"Focus: {focus.name}." if focus in biggest else
                "Choose as the focus one of your biggest gaps: "
                + "; ".join(g.name for g in biggest) + ".")
        words = _gap_words(focus) if focus else set()
        texts = [self.statement] + [f"{m.title} {m.must_be_true}" for m in self.milestones]
        served = bool(words) and any(words & _gap_words(text) for text in texts)
        return [focused, Check(
            "focus_served", "The statement or a milestone works on that gap", served,
            "It names what the gap is about." if served else
            (f"Neither the statement nor a milestone names what '{focus.name}' is about: "
             "add the milestone that closes it." if focus else "Choose a focus first."))]

    # -- SDG targets -----------------------------------------------------------------------

    def link_target(self, target_id: str) -> None:
        if target_id not in sdgs().target_ids:
            raise FieldError("sdg_targets", f"Target {target_id} is not in the course's list.")
        if target_id in self.sdg_targets:
            return
        if len(self.sdg_targets) >= TARGETS_MAX:
            raise FieldError(
                "sdg_targets",
                f"You have already linked {TARGETS_MAX} targets "
                "(the most a focused vision needs). Unlink one first.",
            )
        self.sdg_targets.append(target_id)

    def unlink_target(self, target_id: str) -> None:
        if target_id in self.sdg_targets:
            self.sdg_targets.remove(target_id)

    # -- backcasting -----------------------------------------------------------------------

    @property
    def milestones(self) -> list[Milestone]:
        """The milestones in time order, earliest first."""
        return sorted(self._milestones, key=lambda m: (m.year, m.title.casefold()))

    def add_milestone(self, milestone: Milestone) -> None:
        """Add a milestone whose year lies between this year and the vision year."""
        if self.year is None:
            raise FormErrors(
                [
                    FieldError(
                        "year",
                        "Give your vision a year first: milestones are counted back from it.",
                    )
                ]
            )
        first, last = self.current_year, self.year
        if not first <= milestone.year <= last:
            raise FormErrors(
                [
                    FieldError(
                        "year",
                        f"A milestone falls between today and the vision: from {first} to {last}.",
                    )
                ]
            )
        self._refuse_same_title(milestone)
        self._milestones.append(milestone)

    def replace_milestone(self, milestone_id: str, milestone: Milestone) -> None:
        """Put the edited ``milestone`` in place of ``milestone_id`` (its id is kept)."""
        old = next((m for m in self._milestones if m.id == milestone_id), None)
        if old is None:
            raise FormErrors([FieldError("title", "That milestone is no longer on the timeline.")])
        others = [m for m in self._milestones if m.id != milestone_id]
        kept, self._milestones = self._milestones, others
        try:
            self.add_milestone(replace(milestone, id=milestone_id))
        except FormErrors:
            self._milestones = kept
            raise
        self._milestones = [
            next(m for m in self._milestones if m.id == milestone_id) if m.id == milestone_id
            else m for m in kept
        ]

    def remove_milestone(self, milestone_id: str) -> None:
        self._milestones = [m for m in self._milestones if m.id != milestone_id]

    def _refuse_same_title(self, milestone: Milestone) -> None:
        for other in self._milestones:
            if other.title.casefold() == milestone.title.casefold():
                raise FormErrors(
                    [
                        FieldError(
                            "title",
                            f"There is already a milestone called '{other.title}' ({other.year}).",
                        )
                    ]
                )

    # -- the facilitator's checks ----------------------------------------------------------

    def statement_checks(self) -> list[Check]:
        return [
            self._check_horizon(),
            self._check_beneficiaries(),
            self._check_length(),
            self._check_targets(),
        ]

    def backcasting_checks(self) -> list[Check]:
        return [self._check_milestone_count(), self._check_milestone_years()]

    def checks(self) -> list[Check]:
        return self.statement_checks() + self.backcasting_checks()

    def passes(self) -> bool:
        return all(check.passed for check in self.checks())

    def _check_horizon(self) -> Check:
        label = f"A time horizon {NEAREST_HORIZON} to {FARTHEST_HORIZON} years ahead"
        first = self.current_year + NEAREST_HORIZON
        last = self.current_year + FARTHEST_HORIZON
        said, chosen = self.statement_year, self.year_chosen
        if self.year is None:
            return Check(
                "horizon",
                label,
                False,
                "No year yet: write it in the statement "
                "('By 2035, ...') or fill in the vision year.",
            )
        if said is not None and chosen is not None and said != chosen:
            return Check(
                "horizon",
                label,
                False,
                f"The statement says {said} but the vision year says {chosen}: make them the same.",
            )
        ahead = self.year - self.current_year
        if not first <= self.year <= last:
            return Check(
                "horizon",
                label,
                False,
                f"{self.year} is {ahead} years from now: "
                f"a vision looks {NEAREST_HORIZON} to {FARTHEST_HORIZON} years ahead "
                f"({first} to {last}).",
            )
        return Check("horizon", label, True, f"{self.year} is {ahead} years from now.")

    def _check_beneficiaries(self) -> Check:
        label = "Who benefits is named"
        if self.beneficiaries:
            return Check(
                "beneficiaries", label, True, f"It names who benefits: {self.beneficiaries}."
            )
        found = _BENEFICIARY.search(self.statement)
        if found:
            return Check(
                "beneficiaries",
                label,
                True,
                f"The statement names who benefits "
                f"('{found.group(0)}'); say more precisely who in 'Who benefits'.",
            )
        return Check(
            "beneficiaries",
            label,
            False,
            "Name who benefits, for example 'rural "
            "residents', 'small businesses' or 'people with disabilities'.",
        )

    def _check_length(self) -> Check:
        label = f"At most {STATEMENT_WORDS} words"
        words = self.words
        if not words:
            return Check("length", label, False, "The statement is empty.")
        if words > STATEMENT_WORDS:
            return Check(
                "length",
                label,
                False,
                f"The statement has {words} words: cut "
                f"{words - STATEMENT_WORDS} to reach {STATEMENT_WORDS}.",
            )
        return Check(
            "length", label, True, f"{words} words, within the limit of {STATEMENT_WORDS}."
        )

    def _check_targets(self) -> Check:
        label = f"Linked to {TARGETS_MIN} or {TARGETS_MAX} SDG targets"
        count = len(self.sdg_targets)
        if count < TARGETS_MIN:
            return Check(
                "sdg_targets",
                label,
                False,
                f"Link at least {TARGETS_MIN} targets ({count} linked so far).",
            )
        return Check(
            "sdg_targets", label, True, "Linked to targets " + ", ".join(self.sdg_targets) + "."
        )

    def _check_milestone_count(self) -> Check:
        label = f"At least {MILESTONES_MIN} milestones"
        count = len(self._milestones)
        if count < MILESTONES_MIN:
            return Check(
                "milestones",
                label,
                False,
                f"{count} milestone"
                f"{'s' if count != 1 else ''} so far: add {MILESTONES_MIN - count} more.",
            )
        return Check("milestones", label, True, f"{count} milestones.")

    def _check_milestone_years(self) -> Check:
        label = "Every milestone between today and the vision year"
        if self.year is None:
            return Check("milestone_years", label, False, "Give the vision a year first.")
        first, last = self.current_year, self.year
        if not self._milestones:
            return Check("milestone_years", label, False, f"Add milestones from {first} to {last}.")
        outside = [m for m in self.milestones if not first <= m.year <= last]
        if outside:
            listed = ", ".join(f"'{m.title}' ({m.year})" for m in outside)
            return Check(
                "milestone_years",
                label,
                False,
                f"Outside {first} to {last}: {listed}. Move them or change the vision year.",
            )
        return Check("milestone_years", label, True, f"All fall between {first} and {last}.")

    # -- saving ----------------------------------------------------------------------------

    def to_dict(self) -> dict:
        return {
            "statement": self.statement,
            "year": self.year_chosen,
            "beneficiaries": self.beneficiaries,
            "sdg_targets": list(self.sdg_targets),
            "focus": self.focus,
            "gaps_considered": [g.to_dict() for g in self.gaps_considered],
            "milestones": [m.to_dict() for m in self.milestones],
            "strategy": self.strategy,
            "carriers": {s: self.carriers[s] for s in SECTORS if self.carriers.get(s)},
        }

    @classmethod
    def from_dict(cls, data: dict) -> Vision:
        """Load a saved vision; missing parts start empty, malformed ones raise ValueError,
        KeyError or TypeError (the exercise then keeps the revision and starts afresh).

        Milestones are not held to today's timeline here: a year that has passed since they
        were saved shows up in ``checks()`` instead of making the vision unreadable."""
        model = cls(
            gaps_considered=[ConsideredGap.from_dict(g) for g in data.get("gaps_considered") or []]
        )
        model.write_statement(data.get("statement", ""))
        model.choose_year(data.get("year"))
        model.name_beneficiaries(data.get("beneficiaries", ""))
        for target_id in data.get("sdg_targets") or []:
            if str(target_id) in sdgs().target_ids:  # a target the course dropped is let go
                model.link_target(str(target_id))
        model.choose_focus(data.get("focus"))
        model.name_strategy(data.get("strategy", ""))  # a vision saved before has none yet
        carriers = data.get("carriers") or {}
        if not isinstance(carriers, dict):
            raise TypeError("the actors who carry the vision are saved as a mapping")
        for sector, text in carriers.items():
            model.name_carriers(str(sector), text)
        for raw in data.get("milestones") or []:
            milestone = Milestone.from_dict(raw)
            model._refuse_same_title(milestone)
            model._milestones.append(milestone)
        return model


def _gap_words(gap_or_text) -> set[str]:
    """The words of four letters or more that say what a gap (or a text) is about, each cut
    to its first five letters so that 'skills' meets 'skilled'."""
    text = gap_or_text if isinstance(gap_or_text, str) else (
        f"{gap_or_text.name} {gap_or_text.problem}")
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.casefold())
            if w not in _COMMON_WORDS}
