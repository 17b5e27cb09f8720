"""The models of the spine's exercises: rules without any UI."""

from datetime import date

import pytest

from dgtkit.course.frameworks import frameworks
from dgtkit.models.action_plan import ActionErrors, ActionPlan, new_action
from dgtkit.models.pillar_rating import PillarRating
from dgtkit.models.text import FieldError


def full_rating(level=3):
    rating = PillarRating()
    for pillar_id in frameworks().pillar_ids:
        rating.rate(pillar_id, level)
    return rating


def test_new_rating_has_every_pillar_unrated():
    rating = PillarRating()
    assert rating.missing == list(frameworks().pillar_ids)
    assert not rating.is_complete
    assert rating.summary() == "0 of 8 pillars rated."


def test_rating_every_pillar_completes_it():
    rating = full_rating()
    assert rating.is_complete
    assert rating.summary() == "All 8 pillars are rated."


@pytest.mark.parametrize("level", [0, 6, 2.5, "3", True])
def test_out_of_scale_levels_are_refused(level):
    with pytest.raises(FieldError, match="whole number from 1 to 5"):
        PillarRating().rate("leadership", level)


def test_unknown_pillar_is_refused():
    with pytest.raises(FieldError, match="no pillar"):
        PillarRating().rate("blockchain", 3)


def test_priorities_are_the_lowest_rated_pillars_in_framework_order_on_ties():
    rating = full_rating(4)
    rating.rate("skills", 1)
    rating.rate("inclusion", 2)
    rating.rate("leadership", 2)
    assert rating.priorities(3) == ["skills", "leadership", "inclusion"]


def test_government_name_is_tidied_and_limited():
    rating = PillarRating()
    rating.name_government("  Deli   Serdang\nRegency ")
    assert rating.government == "Deli Serdang Regency"
    with pytest.raises(FieldError, match="too long"):
        rating.name_government("x" * 10_000)
    assert rating.government == "Deli Serdang Regency"


def test_rating_round_trips_and_tolerates_old_or_hostile_data():
    rating = full_rating(2)
    rating.name_government("<script>alert(1)</script>")
    again = PillarRating.from_dict(rating.to_dict())
    assert again == rating
    old = PillarRating.from_dict({"ratings": {"leadership": 4, "gone_pillar": 5, "skills": 9}})
    assert old.ratings["leadership"] == 4 and old.ratings["skills"] is None
    assert "gone_pillar" not in old.ratings


def test_valid_action():
    action = new_action(" Train  staff ", "HR office", date(2027, 1, 1), date(2027, 6, 30))
    assert action.title == "Train staff" and action.lead == "HR office"


def test_every_problem_of_an_action_is_reported_at_once_by_field():
    with pytest.raises(ActionErrors) as caught:
        new_action("", "   ", None, None)
    assert set(caught.value.by_field) == {"title", "lead", "start", "end"}
    assert "empty" in caught.value.by_field["title"]


def test_end_before_start_is_refused_on_the_end_field():
    with pytest.raises(ActionErrors) as caught:
        new_action("Open data portal", "ICT unit", date(2027, 5, 1), date(2027, 4, 30))
    assert caught.value.by_field == {"end": "The end date is before the start date."}


def test_overlong_text_is_refused_with_its_length():
    with pytest.raises(ActionErrors) as caught:
        new_action("x" * 10_000, "Lead", date(2027, 1, 1), date(2027, 1, 2))
    assert "10,000 characters" in caught.value.by_field["title"]


def test_plan_round_trips():
    plan = ActionPlan()
    plan.add(new_action("A", "B", date(2027, 1, 1), date(2027, 1, 1)))
    assert ActionPlan.from_dict(plan.to_dict()) == plan
