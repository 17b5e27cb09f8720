"""What one exercise hands to the next, read from the participant's workbook.

Ex 3 (pillar self-rating) → Ex 5 (situation analysis) → Ex 7 (vision) → Ex 10 (capacity
roadmap) → Ex 11 (indicators) → the action plan. Each reader returns an empty result when the
earlier exercise was not done, so a participant can start anywhere.
"""

from __future__ import annotations

from dgtkit.models import indicators as _indicators
from dgtkit.models import pillar_rating
from dgtkit.models import roadmap as _roadmap
from dgtkit.models.assessment import CapacityGap
from dgtkit.models.indicators import IndicatorSummary
from dgtkit.models.roadmap import Intervention
from dgtkit.store.workbook import Workbook, WorkbookError

__all__ = [
    "CapacityGap",
    "IndicatorSummary",
    "Intervention",
    "capacity_gaps",
    "indicators",
    "latest",
    "pillar_ratings",
    "roadmap",
]

SITUATION_KEY = "ex05_situation_analysis"  # dgtkit.models.situation.EXERCISE_KEY
ROADMAP_KEY = _roadmap.EXERCISE_KEY  # "ex10_roadmap"
INDICATORS_KEY = _indicators.EXERCISE_KEY  # "ex11_indicators"
UNREADABLE = (KeyError, TypeError, ValueError, AttributeError)


def latest(workbook: Workbook | None, key: str) -> dict:
    """The latest saved answers under ``key``, or {} when there are none or they are unreadable."""
    if workbook is None:
        return {}
    try:
        revision = workbook.latest(key)
    except WorkbookError:
        return {}
    return revision.data if revision and isinstance(revision.data, dict) else {}


def pillar_ratings(workbook: Workbook | None) -> dict[str, int | None]:
    """The Ex 3 rating per pillar (None where not rated)."""
    saved = latest(workbook, pillar_rating.EXERCISE_KEY)
    try:
        return pillar_rating.PillarRating.from_dict(saved).ratings
    except (TypeError, ValueError, AttributeError):
        return {}


def capacity_gaps(workbook: Workbook | None) -> list[CapacityGap]:
    """The gaps of the Ex 5 gap profile, biggest first."""
    gaps = []
    for item in latest(workbook, SITUATION_KEY).get("gap_profile", {}).get("gaps", []):
        try:
            levels = int(item["current"]), int(item["target"])
            gap = CapacityGap(
                str(item["pillar"]),
                str(item["name"]),
                *levels,
                evidence=str(item.get("evidence", "")),
            )
        except (KeyError, TypeError, ValueError):
            continue
        gaps.append(gap)
    return gaps


def roadmap(workbook: Workbook | None) -> list[Intervention]:
    """The interventions of the Ex 10 canvas: its complete rows, in the canvas's order.

    Each ``Intervention`` (``dgtkit.models.roadmap``) has ``id``, ``number`` (row on the
    canvas), ``gap``, ``pillar``, ``level`` and ``level_name``, ``intervention``, ``owner``,
    ``public``/``private``/``people`` (partners), ``horizon`` and ``horizon_label``,
    ``start`` and ``end`` (dates), ``milestone`` (the Ex 7 milestone it prepares, or "").
    Draft rows (no intervention yet) are left out; [] when Ex 10 was not done or is unreadable.
    """
    saved = latest(workbook, ROADMAP_KEY)
    if not saved:
        return []
    try:
        return _roadmap.Roadmap.from_dict(saved).interventions()
    except UNREADABLE:
        return []


def indicators(workbook: Workbook | None) -> list[IndicatorSummary]:
    """The named indicators of Ex 11, in the team's order, with their SMART results.

    Each ``IndicatorSummary`` (``dgtkit.models.indicators``) has ``id``, ``name``,
    ``definition``, ``unit``, ``baseline``/``target`` (numbers; yes-or-no as 1/0; or None),
    ``baseline_text``/``target_text`` ('41%', 'Yes'), ``baseline_date``/``target_date``,
    ``data_source``, ``frequency``, ``owner``, ``intervention_id`` and ``intervention`` (the
    Ex 10 row it measures), ``level``, ``smart`` (criterion id → passed), ``passes``,
    ``confirmed_by`` and ``latest_actual``. Drafts without a name are left out; [] when Ex 11
    was not done or is unreadable.
    """
    saved = latest(workbook, INDICATORS_KEY)
    if not saved:
        return []
    try:
        return _indicators.IndicatorSet.from_dict(saved).summaries()
    except UNREADABLE:
        return []
