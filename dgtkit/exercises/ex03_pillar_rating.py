"""Ex 3 (Module 2): the pillar self-rating."""

from __future__ import annotations

from dgtkit.exercises.base import Exercise
from dgtkit.models import pillar_rating
from dgtkit.widgets.pillar_rating import PillarRatingView


class PillarSelfRating(Exercise):
    """Ex 3 (Module 2): rate the team's government 1-5 on each pillar."""

    key = pillar_rating.EXERCISE_KEY
    model_class = pillar_rating.PillarRating
    view_class = PillarRatingView
