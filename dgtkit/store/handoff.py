"""What one exercise hands to the next: every read of an earlier exercise's saved answers.

Ex 3 (pillar self-rating) → Ex 5 (situation analysis) → Ex 7 (vision) → Ex 8 (structure) and
Ex 10 (capacity roadmap) → Ex 11 (indicators) → Ex 12 (local SDG review, which reads Ex 10 and
Ex 11) → the action plan, and the grader of Module 7.
The action plan and "Your week so far" also read Ex 1, 2, 4, 6, 8 and 9 (``week``).
Each reader uses the exercise's own key and its model's own parser, returns an empty result
when the earlier exercise was not done or cannot be read (so a participant can start
anywhere), and never raises. Nothing here needs pandas or the data sets, so the app's kernel
reads the week without them.

``anyone``: read the newest answers whoever saved them (the grader reads a submitted
workbook), not only those of the workbook's participant.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from dgtkit.models import UNREADABLE
from dgtkit.models import benefit_risk as _benefit_risk
from dgtkit.models import classification as _classification
from dgtkit.models import indicators as _indicators
from dgtkit.models import local_review as _local_review
from dgtkit.models import pillar_rating as _pillar_rating
from dgtkit.models import roadmap as _roadmap
from dgtkit.models import scenarios as _scenarios
from dgtkit.models import sequencing as _sequencing
from dgtkit.models import situation as _situation
from dgtkit.models import skills as _skills
from dgtkit.models import structure as _structure
from dgtkit.models import vision as _vision
from dgtkit.models.assessment import CapacityGap, TeamAssessment
from dgtkit.models.boards import PESTEL, SWOT, Board
from dgtkit.models.indicators import IndicatorSummary
from dgtkit.models.roadmap import Intervention
from dgtkit.models.stakeholders import StakeholderMap
from dgtkit.models.vision import Vision
from dgtkit.store.workbook import Workbook, WorkbookError

__all__ = [
    "CapacityGap", "Government", "IndicatorSummary", "Intervention", "Situation", "Vision",
    "WEEK_KEYS", "Week", "capacity_gaps", "government", "government_of_week", "indicators",
    "levels_today", "local_review", "pillar_evidence", "pillar_ratings", "roadmap", "saved",
    "situation", "vision", "week",
]

#: The exercises whose work the action plan starts from: the thread (Ex 3, 5, 7, 10, 11, 12)
#: and the exercises that add to it (Ex 2 risks, Ex 6 futures, Ex 8 structure, Ex 9 skills).
WEEK_KEYS = (_situation.EXERCISE_KEY, _vision.EXERCISE_KEY, _roadmap.EXERCISE_KEY,
             _indicators.EXERCISE_KEY, _local_review.EXERCISE_KEY, _pillar_rating.EXERCISE_KEY,
             _benefit_risk.EXERCISE_KEY, _scenarios.EXERCISE_KEY, _structure.EXERCISE_KEY,
             _skills.EXERCISE_KEY)

T = TypeVar("T")


def saved(workbook: Workbook | None, key: str, anyone: bool = False) -> dict:
    """The latest saved answers under ``key``, or {} when there are none or they are unreadable."""
    if workbook is None:
        return {}
    try:
        revision = workbook.latest_by_anyone(key) if anyone else workbook.latest(key)
    except WorkbookError:
        return {}
    return revision.data if revision and isinstance(revision.data, dict) else {}


def _read(workbook: Workbook | None, key: str, parse: Callable[[dict], T], empty: T,
          anyone: bool = False) -> T:
    data = saved(workbook, key, anyone)
    if not data:
        return empty
    try:
        return parse(data)
    except UNREADABLE:
        return empty


def pillar_ratings(workbook: Workbook | None) -> dict[str, int | None]:
    """Ex 3: the rating per pillar (None where not rated)."""
    return _read(workbook, _pillar_rating.EXERCISE_KEY,
                 lambda data: _pillar_rating.PillarRating.from_dict(data).ratings, {})


def government(workbook: Workbook | None) -> str:
    """Ex 3: the government the team named, or ""."""
    return _read(workbook, _pillar_rating.EXERCISE_KEY,
                 lambda data: _pillar_rating.PillarRating.from_dict(data).government, "")


def pillar_evidence(workbook: Workbook | None) -> dict[str, str]:
    """Ex 3: what shows each rating, where the team wrote it."""
    return _read(workbook, _pillar_rating.EXERCISE_KEY,
                 lambda data: {p: t for p, t in
                               _pillar_rating.PillarRating.from_dict(data).evidence.items() if t},
                 {})


@dataclass(frozen=True)
class Government:
    """Who the week was about: the government's name, its country and its level."""

    name: str = ""
    country: str = ""  # the Member State's name, as the Survey writes it ("Kenya")
    iso3: str = ""
    level: str = ""  # a level id of course/governments.yaml


def government_of_week(workbook: Workbook | None) -> Government:
    """Ex 5's government and benchmark country (else Ex 3's government) and Ex 3's level.
    Needs neither pandas nor the data sets: the country's name is the one Ex 5 saved."""
    ex05 = saved(workbook, _situation.EXERCISE_KEY)
    profile = ex05.get("gap_profile") if isinstance(ex05.get("gap_profile"), dict) else {}
    ex03 = _read(workbook, _pillar_rating.EXERCISE_KEY, _pillar_rating.PillarRating.from_dict,
                 None)
    name = str(ex05.get("government") or "").strip() or (ex03.government if ex03 else "")
    return Government(
        name=name[:200],
        country=str(profile.get("country") or "")[:100],
        iso3=str(ex05.get("country") or "")[:3].upper(),
        level=ex03.level if ex03 else "",
    )


def levels_today(workbook: Workbook | None) -> dict[str, int]:
    """Ex 5: the team's level today per pillar (only the pillars it set)."""
    def levels(data: dict) -> dict[str, int]:
        current = TeamAssessment.from_dict(data.get("assessment") or {}).current
        return {pillar: level for pillar, level in current.items() if level is not None}

    return _read(workbook, _situation.EXERCISE_KEY, levels, {})


def capacity_gaps(workbook: Workbook | None) -> list[CapacityGap]:
    """Ex 5: the gaps of the gap profile, biggest first, each with its problem statement and
    evidence."""
    return _read(workbook, _situation.EXERCISE_KEY, _situation.GapProfile.saved_gaps, [])


@dataclass(frozen=True)
class Situation:
    """Ex 5 beyond the gaps: the benchmark findings (sentences that name their source), the
    SWOT and PESTEL boards and the stakeholder map."""

    findings: tuple[str, ...] = ()
    country: str = ""
    swot: Board = field(default_factory=lambda: Board(SWOT))
    pestel: Board = field(default_factory=lambda: Board(PESTEL))
    stakeholders: StakeholderMap = field(default_factory=StakeholderMap)


def situation(workbook: Workbook | None, anyone: bool = False) -> Situation:
    """Ex 5's benchmark findings, boards and stakeholders (what the gap profile saved, so
    neither pandas nor the data sets are needed)."""
    def parse(data: dict) -> Situation:
        profile = data.get("gap_profile") if isinstance(data.get("gap_profile"), dict) else {}
        findings = profile.get("evidence") if isinstance(profile.get("evidence"), list) else []
        return Situation(
            findings=tuple(str(f)[:400] for f in findings[:12]),
            country=str(profile.get("country") or "")[:100],
            swot=Board.from_dict(SWOT, data.get("swot")),
            pestel=Board.from_dict(PESTEL, data.get("pestel")),
            stakeholders=StakeholderMap.from_dict(data.get("stakeholders")),
        )

    return _read(workbook, _situation.EXERCISE_KEY, parse, Situation(), anyone)


def vision(workbook: Workbook | None, anyone: bool = False) -> Vision | None:
    """Ex 7: the vision, its milestones and SDG targets, or None."""
    return _read(workbook, _vision.EXERCISE_KEY, Vision.from_dict, None, anyone)


def roadmap(workbook: Workbook | None, anyone: bool = False) -> list[Intervention]:
    """Ex 10: the interventions of the canvas, its complete rows in the canvas's order.

    Each ``Intervention`` (``dgtkit.models.roadmap``) has ``id``, ``number`` (row on the
    canvas), ``gap``, ``pillar``, ``level`` and ``level_name``, ``intervention``, ``owner``,
    ``public``/``private``/``people`` (partners), ``horizon`` and ``horizon_label``,
    ``start`` and ``end`` (dates), ``milestone`` (the Ex 7 milestone it prepares, or "").
    Draft rows (no intervention yet) are left out.
    """
    return _read(workbook, _roadmap.EXERCISE_KEY,
                 lambda data: _roadmap.Roadmap.from_dict(data).interventions(), [], anyone)


def indicators(workbook: Workbook | None) -> list[IndicatorSummary]:
    """Ex 11: the named indicators, in the team's order, with their SMART results.

    Each ``IndicatorSummary`` (``dgtkit.models.indicators``) has ``id``, ``name``,
    ``definition``, ``unit``, ``baseline``/``target`` (numbers; yes-or-no as 1/0; or None),
    ``baseline_text``/``target_text`` ('41%', 'Yes'), ``baseline_date``/``target_date``,
    ``data_source``, ``frequency``, ``owner``, ``intervention_id`` and ``intervention`` (the
    Ex 10 row it measures), ``level``, ``smart`` (criterion id → passed), ``passes``,
    ``confirmed_by`` and ``latest_actual``. Drafts without a name are left out.
    """
    return _read(workbook, _indicators.EXERCISE_KEY,
                 lambda data: _indicators.IndicatorSet.from_dict(data).summaries(), [])


def local_review(workbook: Workbook | None,
                 anyone: bool = False) -> _local_review.LocalReview | None:
    """Ex 12: the SDG targets the plan serves, how each is tracked and the Ex 10 actions
    (row ids) tied to each (``LocalReview.targets_by_action()``), or None."""
    return _read(workbook, _local_review.EXERCISE_KEY, _local_review.LocalReview.from_dict,
                 None, anyone)


@dataclass(frozen=True)
class Week:
    """Everything the week produced, each part None (or empty) when not done or unreadable:
    what "Your week so far" shows, and what the action plan offers."""

    government: Government
    ex01: _classification.ServiceClassification | None
    ex02: _benefit_risk.BenefitRiskMatrix | None
    ex03: _pillar_rating.PillarRating | None
    ex04: _sequencing.ProcessSequence | None
    gaps: list[CapacityGap]
    situation: Situation
    ex06: _scenarios.ScenarioSet | None
    vision: Vision | None
    ex08: _structure.OrganizationStructure | None
    ex09: _skills.SkillsMatrix | None
    roadmap: _roadmap.Roadmap | None
    indicators: _indicators.IndicatorSet | None
    ex12: _local_review.LocalReview | None = None

    @property
    def is_empty(self) -> bool:
        return not any((self.ex01, self.ex02, self.ex03, self.ex04, self.gaps, self.ex06,
                        self.vision, self.ex08, self.ex09, self.roadmap, self.indicators, self.ex12,
                        self.situation.findings, self.situation.swot.count(),
                        self.situation.stakeholders.stakeholders))


def week(workbook: Workbook | None) -> Week:
    """The whole week of one workbook's participant, each exercise read by its own model."""
    def read(module, parse):
        return _read(workbook, module.EXERCISE_KEY, parse, None)

    return Week(
        government=government_of_week(workbook),
        ex01=read(_classification, _classification.ServiceClassification.from_dict),
        ex02=read(_benefit_risk, _benefit_risk.BenefitRiskMatrix.from_dict),
        ex03=read(_pillar_rating, _pillar_rating.PillarRating.from_dict),
        ex04=read(_sequencing, _sequencing.ProcessSequence.from_dict),
        gaps=capacity_gaps(workbook),
        situation=situation(workbook),
        ex06=read(_scenarios, _scenarios.ScenarioSet.from_dict),
        vision=vision(workbook),
        ex08=read(_structure, _structure.OrganizationStructure.from_dict),
        ex09=read(_skills, _skills.SkillsMatrix.from_dict),
        roadmap=read(_roadmap, _roadmap.Roadmap.from_dict),
        indicators=read(_indicators, _indicators.IndicatorSet.from_dict),
        ex12=local_review(workbook),
    )
