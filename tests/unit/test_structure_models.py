"""Ex 8 model: the course's factors, the fit score and its words, the pre-fill from Ex 5, the
recommendation's checks and the round trip."""

from pathlib import Path

import pytest

from dgtkit.models.structure import OrganizationStructure, course_data
from dgtkit.models.text import FieldError

BIB = Path(__file__).resolve().parents[2] / "book" / "references.bib"
LEANS_CENTRAL = {"capacity": 2, "size": 2, "diversity": 4, "leadership": 3, "sharing": 1}


def rated(ratings=LEANS_CENTRAL, **answers) -> OrganizationStructure:
    model = OrganizationStructure()
    for factor_id, rating in ratings.items():
        model.rate(factor_id, rating)
    for name, value in answers.items():
        if name == "recommendation":
            model.choose(value)
        else:
            model.write(name, value)
    return model


# -- course data ---------------------------------------------------------------------------


def test_three_structures_of_session_5_3_in_order_on_the_line():
    assert course_data().structure_ids == ("centralized", "federal", "decentralized")


def test_the_factors_of_the_brief_are_there_and_capacity_counts_double():
    factors = {f.id: f for f in course_data().factors}
    assert {"capacity", "size", "diversity", "leadership"} <= set(factors)
    assert factors["capacity"].weight == 2
    assert all(f.weight == 1 for f in factors.values() if f.id != "capacity")
    assert factors["capacity"].prefill_from == ("skills", "organization")


def test_thin_capacity_favours_an_integrated_organization_as_the_deck_argues():
    capacity = course_data().factor("capacity")
    assert capacity.band(1).favours == capacity.band(2).favours == "centralized"
    assert capacity.band(1).sources == ("seed-local-dt",)
    assert course_data().factor("diversity").band(5).favours == "decentralized"


def test_every_reading_rests_on_a_source_or_says_it_is_the_courses_own():
    bib = BIB.read_text("utf-8")
    for factor in course_data().factors:
        for band in factor.bands.values():
            assert band.sources or band.own, factor.id
            for key in band.sources:
                assert "{" + key + "," in bib, f"{factor.id}: {key} is not in references.bib"


def test_the_highest_score_each_structure_can_reach_is_as_the_course_data_says():
    data = course_data()
    reach = {
        structure: sum(
            max(data.points(factor, r)[structure] for r in (1, 3, 5)) * factor.weight
            for factor in data.factors
        )
        for structure in data.structure_ids
    }
    assert reach == {"centralized": 12, "federal": 12, "decentralized": 11}


# -- the fit score -------------------------------------------------------------------------


def test_the_scores_add_the_weighted_points_of_each_rated_factor():
    model = rated()
    # capacity 2 low -> centralized (x2); size 2 low -> centralized; diversity 4 high ->
    # decentralized; leadership 3 middle -> federal; sharing 1 low -> centralized.
    assert model.scores() == {"centralized": 9, "federal": 7, "decentralized": 3}
    assert model.most_possible == 12
    assert model.best() == ["centralized"]


def test_an_unrated_factor_gives_no_points_and_lowers_the_most_possible():
    model = rated({"capacity": 5})
    assert model.scores() == {"centralized": 0, "federal": 2, "decentralized": 4}
    assert model.most_possible == 4
    assert OrganizationStructure().best() == []
    assert OrganizationStructure().scores() == dict.fromkeys(course_data().structure_ids, 0)


def test_each_factor_explains_its_points_in_words():
    model = rated()
    capacity = model.factor_explanation(course_data().factor("capacity"))
    assert capacity.startswith(
        "Digital capacity of units: you rated 2 (low), which favours centralized. Where capacity "
        "is thin, pool the few skilled staff in one unit"
    )
    assert "counts double" in capacity
    assert capacity.endswith("become: centralized 4, federal 2, decentralized 0.")
    leadership = model.factor_explanation(course_data().factor("leadership"))
    assert "you rated 3 (in the middle), which favours federal" in leadership
    assert leadership.endswith("Points: centralized 1, federal 2, decentralized 1.")
    empty = OrganizationStructure().factor_explanation(course_data().factor("size"))
    assert empty == "Size and number of units: not rated yet, so no points."


def test_each_total_is_shown_as_a_sum():
    model = rated()
    assert model.score_explanation("centralized") == (
        "Centralized: 4 (digital capacity of units) + 2 (size and number of units) + "
        "0 (diversity of needs) + 1 (strength of central leadership) + "
        "2 (data sharing between units today) = 9 of 12."
    )
    assert OrganizationStructure().score_explanation("federal") == "Federal: no factor rated yet."


def test_a_rating_must_be_a_whole_number_from_1_to_5():
    model = OrganizationStructure()
    for bad in (0, 6, 2.5, True, "3"):
        with pytest.raises(FieldError) as caught:
            model.rate("size", bad)
        assert caught.value.message == "Rate 'Size and number of units' from 1 to 5."
    with pytest.raises(FieldError):
        model.rate("no-such-factor", 3)
    model.rate("size", None)
    assert model.ratings["size"] is None


# -- pre-fill from Ex 5 --------------------------------------------------------------------


def test_capacity_is_prefilled_from_ex5_and_says_how():
    model = OrganizationStructure()
    model.prefill({"skills": 2, "organization": 3, "leadership": 5})
    assert model.ratings["capacity"] == 2  # 2.5 rounded down
    note = model.prefilled["capacity"]
    assert note.startswith("Pre-filled from your Ex 5 self-assessment")
    assert "'Digital skills of public servants' 2" in note
    assert "their average is 2.5, rounded down to 2" in note
    assert model.ratings["leadership"] is None  # no factor is filled from that pillar


def test_one_rated_pillar_is_enough_and_garbage_levels_are_ignored():
    model = OrganizationStructure()
    model.prefill({"skills": "high", "organization": 4})
    assert model.ratings["capacity"] == 4
    assert "'Organizational structure and collaboration' 4; so 4" in model.prefilled["capacity"]
    nothing = OrganizationStructure()
    nothing.prefill({"skills": None, "organization": True})
    assert nothing.ratings["capacity"] is None and not nothing.prefilled


def test_prefill_never_overwrites_the_teams_rating():
    model = rated({"capacity": 5})
    model.prefill({"skills": 1, "organization": 1})
    assert model.ratings["capacity"] == 5 and not model.prefilled


def test_changing_the_prefilled_rating_makes_it_the_teams_own():
    model = OrganizationStructure()
    model.prefill({"skills": 3, "organization": 3})
    model.rate("capacity", 3)  # the same value: still pre-filled
    assert "capacity" in model.prefilled
    model.rate("capacity", 4)
    assert "capacity" not in model.prefilled


# -- the recommendation --------------------------------------------------------------------


def test_choosing_the_best_fit_needs_no_extra_reason():
    checks = {c.id: c for c in rated(recommendation="centralized").checks()}
    assert checks["departure_reason"].passed
    assert checks["departure_reason"].reason == "Your choice has the highest fit score."


def test_another_choice_than_the_best_fit_must_say_why():
    model = rated(recommendation="federal")
    assert model.departs
    check = {c.id: c for c in model.checks()}["departure_reason"]
    assert not check.passed
    assert check.reason == (
        "You chose federal (7 points), but centralized fits best (9 points). That is allowed: "
        "say why in 'Why not the best fit'."
    )
    model.write("departure_reason", "Our three biggest departments already have teams.")
    check = {c.id: c for c in model.checks()}["departure_reason"]
    assert check.passed and "and said why" in check.reason


def test_a_tie_for_best_fit_lets_the_team_choose_either():
    model = rated({"capacity": 3})  # federal 4, the others 2
    model.rate("diversity", 5)  # decentralized +2, federal +1
    model.rate("size", 1)  # centralized +2, federal +1
    assert model.scores() == {"centralized": 4, "federal": 6, "decentralized": 4}
    model = rated({"size": 3, "diversity": 5})  # federal 2 + 1, decentralized 1 + 2
    assert model.best() == ["federal", "decentralized"]
    model.choose("decentralized")
    assert not model.departs
    assert model.summary().startswith("Best fit (a tie): federal and decentralized, 3 of 4")
    three = rated({"diversity": 1, "leadership": 1})
    assert three.summary().startswith(
        "Best fit (a tie): centralized, federal and decentralized, 2 of 4"
    )


def test_a_decentralized_choice_must_say_how_it_prevents_silos():
    risk = {c.id: c for c in rated(recommendation="decentralized").checks()}["risk"]
    assert risk.label == "How you will prevent silos"
    assert "duplicate systems and silos" in risk.reason
    other = {c.id: c for c in rated(recommendation="federal").checks()}["risk"]
    assert other.label == "One risk you will manage"


def test_a_complete_recommendation_passes_every_check():
    model = rated(
        recommendation="centralized",
        reasons="Only four staff with digital skills; silos between departments.",
        risk="The unit may become a bottleneck: agree service levels with departments.",
        first_step="The mayor names the head of the digital unit this month.",
    )
    assert model.passes()
    assert not rated().passes()


def test_the_summary_names_the_best_fit_what_is_unrated_and_the_choice():
    assert OrganizationStructure().summary() == (
        "No factor rated yet, so no fit score. 5 of 5 factors not rated yet."
    )
    assert rated(recommendation="federal").summary() == (
        "Best fit: centralized, 9 of 12 points. Your choice: federal."
    )


def test_texts_are_checked_with_plain_messages():
    model = OrganizationStructure()
    with pytest.raises(FieldError) as caught:
        model.write("reasons", "x" * 10_000)
    assert caught.value.message == (
        "The text 'Our reasons' is too long (10,000 characters). Please keep it under 1,000."
    )
    assert model.reasons == ""
    with pytest.raises(FieldError):
        model.write("mayor", "x")
    with pytest.raises(FieldError):
        model.choose("anarchy")


# -- saving --------------------------------------------------------------------------------


def test_round_trip_keeps_everything_and_saves_the_scores_for_later_exercises():
    model = rated(recommendation="federal", reasons="<script>x</script>", first_step="Start")
    model.prefill({"skills": 1})  # capacity already rated: no effect
    data = model.to_dict()
    assert data["scores"] == {"centralized": 9, "federal": 7, "decentralized": 3}
    assert data["best"] == ["centralized"]
    again = OrganizationStructure.from_dict(data)
    assert again == model and again.to_dict() == data


def test_the_prefill_note_survives_a_round_trip():
    model = OrganizationStructure()
    model.prefill({"skills": 2})
    assert OrganizationStructure.from_dict(model.to_dict()).prefilled == model.prefilled


def test_missing_keys_and_dropped_factors_are_tolerated():
    assert OrganizationStructure.from_dict({}) == OrganizationStructure()
    model = OrganizationStructure.from_dict({"ratings": {"old-factor": 3, "size": 2}})
    assert model.ratings["size"] == 2 and "old-factor" not in model.ratings


@pytest.mark.parametrize(
    "garbage",
    [
        [],
        "text",
        {"ratings": {"size": 9}},
        {"ratings": ["size"]},
        {"recommendation": "anarchy"},
        {"reasons": "x" * 10_000},
    ],
)
def test_garbage_raises_so_the_exercise_keeps_the_revision(garbage):
    with pytest.raises((TypeError, ValueError, KeyError)):
        OrganizationStructure.from_dict(garbage)
