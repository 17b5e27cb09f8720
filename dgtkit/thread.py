"""What one exercise hands to the next, read from the participant's workbook.

Ex 3 (pillar self-rating) → Ex 5 (situation analysis) → Ex 7 (vision) → Ex 10 → Ex 11 → the
action plan. Each reader returns an empty result when the earlier exercise was not done, so
a participant can start anywhere.
"""

from __future__ import annotations

from dgtkit.models import pillar_rating
from dgtkit.models.assessment import CapacityGap
from dgtkit.workbook import Workbook, WorkbookError

SITUATION_KEY = "ex05_situation_analysis"  # dgtkit.models.situation.EXERCISE_KEY


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
