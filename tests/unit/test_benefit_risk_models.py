"""Ex 2 model: items, their rules and messages, the summary, the checks and the round trip."""

from pathlib import Path

import pytest

from dgtkit.models.benefit_risk import (
    MAX_PER_KIND,
    BenefitRiskMatrix,
    MatrixItem,
    course_data,
    new_item,
)
from dgtkit.models.checks import FormErrors

BIB = Path(__file__).resolve().parents[2] / "book" / "references.bib"


def benefit(title="Permits from home", likelihood=4, impact=3, category="inclusion"):
    return new_item("benefit", category, title, likelihood, impact)


def risk(title="Older residents left out", mitigation="Keep the counter", owner="Social affairs"):
    return new_item("risk", "offline", title, 4, 5, mitigation, owner)


def full_matrix() -> BenefitRiskMatrix:
    matrix = BenefitRiskMatrix(government="District of Deli")
    for title in ("Permits from home", "Open budget", "Faster answers"):
        matrix.add(benefit(title))
    matrix.add(risk("Older residents left out"))
    matrix.add(risk("Data leak", mitigation="Privacy rules", owner=""))
    matrix.add(risk("Silos", mitigation="Data-sharing rules", owner="Planning office"))
    return matrix


# -- course data ---------------------------------------------------------------------------


def test_the_categories_are_those_taught_in_sessions_1_3_and_1_4():
    data = course_data()
    benefits = [c.name for c in data.of_kind("benefit")]
    assert benefits[:5] == ["Inclusion", "Participation", "Accountability", "Transparency", "Trust"]
    risks = [c.name for c in data.of_kind("risk")]
    for kind in ("Access:", "Data:", "Inside government:"):
        assert any(name.startswith(kind) for name in risks), kind
    assert "Inside government: silo mentality" in risks
    assert data.fallback("benefit").own and data.fallback("risk").own


def test_every_category_rests_on_a_source_in_the_bibliography_or_says_it_is_the_courses():
    bib = BIB.read_text("utf-8")
    for category in course_data().categories:
        assert category.sources or category.own, category.id
        for key in category.sources:
            assert "{" + key + "," in bib, f"{category.id}: {key} is not in references.bib"
    assert course_data().category("silos").sources == ("pardede-deli-serdang",)


def test_each_risk_category_offers_a_first_mitigation_to_discuss():
    for category in course_data().of_kind("risk"):
        assert category.hint or category.own
    assert course_data().category("offline").hint.startswith("Keep a counter")


# -- one item ------------------------------------------------------------------------------


def test_an_item_scores_likelihood_times_impact():
    assert benefit(likelihood=4, impact=3).score == 12


def test_every_problem_of_a_typed_item_is_reported_by_field():
    with pytest.raises(FormErrors) as caught:
        new_item("risk", "inclusion", "   ", 0, 6, "x" * 10_000, "")
    by_field = caught.value.by_field
    assert by_field["title"] == "The title is empty. Please fill it in."
    assert by_field["category"] == "Choose a category of risks from the list."
    likelihood = "Rate the likelihood from 1 (very unlikely) to 5 (almost certain)."
    assert by_field["likelihood"] == likelihood
    assert by_field["impact"] == "Rate the impact from 1 (very small) to 5 (very large)."
    assert "too long (10,000 characters)" in by_field["mitigation"]


def test_a_kind_must_be_chosen_and_a_rating_is_never_a_boolean():
    with pytest.raises(FormErrors) as caught:
        new_item("opportunity", "inclusion", "Title", True, 3)
    assert set(caught.value.by_field) == {"kind", "likelihood"}
    assert caught.value.by_field["kind"] == "Choose whether this is a benefit or a risk."


def test_a_long_title_is_refused_with_its_length():
    with pytest.raises(FormErrors) as caught:
        benefit(title="a" * 10_000)
    assert "Please keep it under 120" in caught.value.by_field["title"]


def test_a_risk_may_be_saved_without_mitigation_or_owner_and_says_what_it_needs():
    item = new_item("risk", "silos", "Silos", 3, 3)
    assert item.missing == ["a mitigation", "an owner"]
    assert new_item("risk", "silos", "Silos", 3, 3, "Rules", "").missing == ["an owner"]


def test_a_benefit_keeps_no_mitigation_or_owner():
    item = new_item("benefit", "trust", "Trust", 3, 3, "ignored", "ignored")
    assert (item.mitigation, item.owner, item.missing) == ("", "", [])


def test_typed_text_is_tidied_and_kept_as_text():
    item = risk(title="  <script>alert(1)</script>   leak  ")
    assert item.title == "<script>alert(1)</script> leak"


# -- the matrix ----------------------------------------------------------------------------


def test_items_are_marked_b_and_r_in_the_order_added():
    matrix = full_matrix()
    assert [matrix.label(i) for i in matrix.items] == ["B1", "B2", "B3", "R1", "R2", "R3"]


def test_removing_an_item_renumbers_the_others():
    matrix = full_matrix()
    matrix.remove(matrix.benefits[0].id)
    assert [matrix.label(i) for i in matrix.benefits] == ["B1", "B2"]
    assert matrix.benefits[0].title == "Open budget"


def test_editing_an_item_keeps_its_place_and_id():
    matrix = full_matrix()
    target = matrix.risks[1]
    matrix.edit(target.id, risk("Data leak", mitigation="Privacy rules", owner="Data officer"))
    assert matrix.risks[1].id == target.id
    assert matrix.risks[1].owner == "Data officer"
    assert matrix.label(matrix.risks[1]) == "R2"


def test_the_same_title_twice_in_one_kind_is_refused():
    matrix = full_matrix()
    with pytest.raises(FormErrors) as caught:
        matrix.add(benefit("open BUDGET"))
    assert caught.value.by_field["title"] == "There is already a benefit called 'Open budget'."
    matrix.add(risk("Open budget"))  # a risk may share a benefit's title


def test_a_kind_holds_at_most_ten_items():
    matrix = BenefitRiskMatrix()
    for number in range(MAX_PER_KIND):
        matrix.add(benefit(f"Benefit {number}"))
    with pytest.raises(FormErrors) as caught:
        matrix.add(benefit("One too many"))
    assert "at most 10 benefits" in caught.value.by_field["kind"]
    matrix.add(risk())  # risks are counted apart


def test_the_summary_says_what_is_listed_and_what_is_missing():
    assert full_matrix().summary() == "3 benefits, 3 risks, 1 risk still needs an owner."
    matrix = BenefitRiskMatrix()
    matrix.add(benefit())
    matrix.add(new_item("risk", "silos", "Silos", 3, 3))
    matrix.add(new_item("risk", "resistance", "Resistance", 3, 3))
    assert matrix.summary() == (
        "1 benefit (3 asked), 2 risks (3 asked), 2 risks still need a mitigation, "
        "2 risks still need an owner."
    )


def test_the_summary_says_when_every_risk_is_complete():
    matrix = full_matrix()
    data_leak = matrix.risks[1]
    matrix.edit(data_leak.id, risk("Data leak", owner="Data officer"))
    assert matrix.summary() == ("3 benefits, 3 risks, every risk has a mitigation and an owner.")
    assert matrix.passes()


def test_each_missing_piece_is_one_plain_sentence():
    matrix = full_matrix()
    matrix.add(new_item("risk", "silos", "Nobody shares", 2, 2))
    assert matrix.missing() == [
        "R2 'Data leak' still needs an owner.",
        "R4 'Nobody shares' still needs a mitigation and an owner.",
    ]


def test_the_checks_ask_for_three_of_each_and_a_mitigation_and_owner_per_risk():
    matrix = BenefitRiskMatrix()
    matrix.add(benefit())
    checks = {c.id: c for c in matrix.checks()}
    assert not checks["benefits"].passed
    assert checks["benefits"].reason == "You have listed 1 benefit: add 2 more."
    assert checks["risks"].reason == "You have listed 0 risks: add 3 more."
    assert checks["owners"].reason == "No risks listed yet."
    checks = {c.id: c for c in full_matrix().checks()}
    assert checks["benefits"].passed and checks["risks"].passed and checks["mitigations"].passed
    assert not checks["owners"].passed
    assert checks["owners"].reason == "Still without an owner: R2 'Data leak'."
    assert not full_matrix().passes()


def test_the_top_risk_is_the_highest_likelihood_times_impact():
    matrix = full_matrix()
    matrix.add(new_item("risk", "silos", "Small one", 1, 1))
    assert matrix.top_risk().title == "Older residents left out"  # 4 x 5, the first of the ties
    assert BenefitRiskMatrix().top_risk() is None


# -- saving --------------------------------------------------------------------------------


def test_round_trip_keeps_everything():
    matrix = full_matrix()
    again = BenefitRiskMatrix.from_dict(matrix.to_dict())
    assert again == matrix
    assert again.to_dict() == matrix.to_dict()


def test_missing_keys_start_empty():
    assert BenefitRiskMatrix.from_dict({}) == BenefitRiskMatrix()
    item = risk().to_dict()
    del item["mitigation"], item["owner"]
    assert MatrixItem.from_dict(item).missing == ["a mitigation", "an owner"]


def test_a_category_the_course_no_longer_has_becomes_another_benefit_or_risk():
    item = benefit().to_dict() | {"category": "renamed"}
    assert MatrixItem.from_dict(item).category == "other_benefit"


@pytest.mark.parametrize(
    "garbage",
    [
        [],
        "text",
        {"items": "not a list"},
        {"items": [{"kind": "risk"}]},
        {"items": [risk().to_dict() | {"title": ""}]},
        {"items": [{"kind": "villain", "title": "x", "likelihood": 3, "impact": 3, "id": "a"}]},
        {"items": [["not", "a", "mapping"]]},
        {"government": "x" * 10_000},
    ],
)
def test_garbage_raises_so_the_exercise_keeps_the_revision(garbage):
    with pytest.raises((TypeError, ValueError, KeyError)):
        BenefitRiskMatrix.from_dict(garbage)
