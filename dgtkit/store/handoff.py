"""What one exercise hands to the next: every read of an earlier exercise's saved answers.

Ex 3 (pillar self-rating) → Ex 5 (situation analysis) → Ex 7 (vision) → Ex 8 (structure) and
Ex 10 (capacity roadmap) → Ex 11 (indicators) → the action plan, and the grader of Module 7.
Each reader uses the exercise's own key and its model's own parser, returns an empty result
when the earlier exercise was not done or cannot be read (so a participant can start
anywhere), and never raises. Nothing here needs pandas or the data sets, so the app's kernel
reads the week without them.

``anyone``: read the newest answers whoever saved them (the grader reads a submitted
workbook), not only those of the workbook's participant.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from dgtkit.models import UNREADABLE
from dgtkit.models import indicators as _indicators
from dgtkit.models import pillar_rating as _pillar_rating
from dgtkit.models import roadmap as _roadmap
from dgtkit.models import situation as _situation
from dgtkit.models import vision as _vision
from dgtkit.models.assessment import CapacityGap, TeamAssessment
from dgtkit.models.indicators import IndicatorSummary
from dgtkit.models.roadmap import Intervention
from dgtkit.models.vision import Vision
from dgtkit.store.workbook import Workbook, WorkbookError

__all__ = [
    "CapacityGap", "IndicatorSummary", "Intervention", "Vision", "WEEK_KEYS", "capacity_gaps",
    "government", "indicators", "levels_today", "pillar_ratings", "roadmap", "saved", "vision",
]

#: The exercises whose work the action plan starts from (Ex 5, Ex 7, Ex 10, Ex 11).
WEEK_KEYS = (_situation.EXERCISE_KEY, _vision.EXERCISE_KEY, _roadmap.EXERCISE_KEY,
             _indicators.EXERCISE_KEY)

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


def levels_today(workbook: Workbook | None) -> dict[str, int]:
    """Ex 5: the team's level today per pillar (only the pillars it set)."""
    def levels(data: dict) -> dict[str, int]:
        current = TeamAssessment.from_dict(data.get("assessment") or {}).current
        return {pillar: level for pillar, level in current.items() if level is not None}

    return _read(workbook, _situation.EXERCISE_KEY, levels, {})


def capacity_gaps(workbook: Workbook | None) -> list[CapacityGap]:
    """Ex 5: the gaps of the gap profile, biggest first."""
    return _read(workbook, _situation.EXERCISE_KEY, _situation.GapProfile.saved_gaps, [])


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
