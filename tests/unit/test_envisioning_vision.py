"""Ex 7 model: the vision builder's checks, SDG links, milestones and the public API."""

import pytest

from dgtkit.models.checks import FormErrors
from dgtkit.models.text import FieldError
from dgtkit.models.vision import ConsideredGap, Vision, new_milestone
from dgtkit.store.handoff import CapacityGap

GOOD = "By 2035, every rural resident can use any council service online in their own language."
GAPS = [
    CapacityGap("skills", "Digital skills of public servants", 1, 4, evidence="Survey 2025"),
    CapacityGap("inclusion", "Digital inclusion", 2, 4),
]


def vision(**kwargs):
    return Vision(current_year=2026, **kwargs)


def complete():
    model = vision()
    model.write_statement(GOOD)
    model.name_beneficiaries("Rural residents")
    model.link_target("16.6")
    model.link_target("9.c")
    for year, title in ((2027, "Broadband law"), (2030, "Services online"), (2033, "Skills")):
        model.add_milestone(new_milestone(year, title, "It is true."))
    return model


def checks(model):
    return {c.id: c for c in model.checks()}


def test_a_complete_vision_passes_every_check():
    model = complete()
    assert [c.id for c in model.checks() if not c.passed] == []
    assert model.passes()


def test_an_empty_vision_fails_every_check_with_a_reason():
    model = vision()
    assert not model.passes()
    for check in model.checks():
        assert not check.passed and check.reason and check.label


def test_the_year_comes_from_the_field_or_else_the_statement():
    model = vision()
    model.write_statement("By 2040, all permits are issued online within a day.")
    assert model.year == 2040 and model.year_chosen is None
    model.choose_year(2036)
    assert model.year == 2036
    horizon = checks(model)["horizon"]
    assert not horizon.passed
    assert (
        horizon.reason
        == "The statement says 2040 but the vision year says 2036: make them the same."
    )


@pytest.mark.parametrize(
    ("year", "passed", "words"),
    [
        (2030, False, "2030 is 4 years from now"),
        (2031, True, "2031 is 5 years from now."),
        (2056, True, "2056 is 30 years from now."),
        (2057, False, "(2031 to 2056)"),
    ],
)
def test_the_horizon_lies_5_to_30_years_ahead(year, passed, words):
    model = vision()
    model.choose_year(year)
    check = checks(model)["horizon"]
    assert check.passed is passed
    assert words in check.reason


def test_no_year_at_all_is_explained():
    model = vision()
    model.write_statement("Every resident can use services online.")
    assert "No year yet" in checks(model)["horizon"].reason


@pytest.mark.parametrize("year", [1990, 3000, "2035", 20.35, True])
def test_a_year_that_is_not_a_year_is_refused(year):
    model = vision()
    model.choose_year(2035)
    with pytest.raises(FieldError):
        model.choose_year(year)
    assert model.year_chosen == 2035


def test_zero_or_none_clears_the_year_field():
    model = vision()
    model.choose_year(2035)
    model.choose_year(0)
    assert model.year_chosen is None


def test_who_benefits_from_the_field_or_a_group_named_in_the_statement():
    model = vision()
    model.write_statement("By 2035, digital services are excellent.")
    assert not checks(model)["beneficiaries"].passed
    model.write_statement("By 2035, small businesses get every licence online.")
    check = checks(model)["beneficiaries"]
    assert check.passed and "'businesses'" in check.reason
    model.write_statement("By 2035, user-friendly public services.")
    assert not checks(model)["beneficiaries"].passed  # "user-friendly" names nobody
    model.name_beneficiaries("Farmers in the uplands")
    assert "Farmers in the uplands" in checks(model)["beneficiaries"].reason


def test_at_most_40_words():
    model = vision()
    model.write_statement(" ".join(["word"] * 40))
    assert checks(model)["length"].passed
    model.write_statement(" ".join(["word"] * 41))
    assert checks(model)["length"].reason == "The statement has 41 words: cut 1 to reach 40."
    model.write_statement(" ".join(["word"] * 52))
    check = checks(model)["length"]
    assert not check.passed
    assert check.reason == "The statement has 52 words: cut 12 to reach 40."


def test_a_hostile_or_huge_statement_is_refused_and_the_old_one_kept():
    model = vision()
    model.write_statement(GOOD)
    with pytest.raises(FieldError, match="too long"):
        model.write_statement("x" * 10_000)
    assert model.statement == GOOD


def test_two_or_three_known_sdg_targets():
    model = vision()
    model.link_target("16.6")
    assert not checks(model)["sdg_targets"].passed
    assert "1 linked so far" in checks(model)["sdg_targets"].reason
    model.link_target("16.10")
    model.link_target("16.10")  # linking twice changes nothing
    assert checks(model)["sdg_targets"].passed
    model.link_target("17.9")
    with pytest.raises(FieldError, match="already linked 3 targets"):
        model.link_target("4.4")
    with pytest.raises(FieldError, match="not in the course's list"):
        vision().link_target("99.1")
    model.unlink_target("16.6")
    assert model.sdg_targets == ["16.10", "17.9"]


def test_the_gaps_from_ex5_are_kept_as_considered():
    model = Vision.from_gaps(GAPS, current_year=2026)
    assert [g.pillar for g in model.gaps_considered] == ["skills", "inclusion"]
    assert model.gaps_considered[0] == ConsideredGap(
        "skills", "Digital skills of public servants", 1, 4, 3, "Survey 2025"
    )
    model.choose_focus("inclusion")
    assert model.focus_gap.name == "Digital inclusion"
    with pytest.raises(FieldError, match="one of your gaps"):
        model.choose_focus("blockchain")
    assert model.focus == "inclusion"


def test_milestones_are_ordered_by_year():
    model = complete()
    model.add_milestone(new_milestone(2026, "Team formed", "A team exists."))
    assert [m.year for m in model.milestones] == [2026, 2027, 2030, 2033]


def test_every_problem_of_a_milestone_is_reported_by_field():
    with pytest.raises(FormErrors) as caught:
        new_milestone(0, "", "x" * 10_000)
    assert set(caught.value.by_field) == {"year", "title", "must_be_true"}
    assert "10,000 characters" in caught.value.by_field["must_be_true"]


def test_milestone_years_lie_between_this_year_and_the_vision_year():
    model = complete()
    for year in (2025, 2036):
        with pytest.raises(FormErrors) as caught:
            model.add_milestone(new_milestone(year, f"M {year}", "x"))
        assert caught.value.by_field == {
            "year": "A milestone falls between today and the vision: from 2026 to 2035."
        }
    model.add_milestone(new_milestone(2035, "The vision year itself", "x"))
    assert len(model.milestones) == 4


def test_a_milestone_needs_a_vision_year_first():
    with pytest.raises(FormErrors, match="Give your vision a year first"):
        vision().add_milestone(new_milestone(2030, "M", "x"))


def test_no_two_milestones_share_a_title():
    model = complete()
    with pytest.raises(FormErrors) as caught:
        model.add_milestone(new_milestone(2031, " services ONLINE ", "x"))
    assert "already a milestone called 'Services online' (2030)" in caught.value.by_field["title"]


def test_moving_the_vision_year_flags_milestones_left_outside():
    model = complete()
    model.write_statement(GOOD.replace("2035", "2032"))
    check = checks(model)["milestone_years"]
    assert not check.passed
    assert "'Skills' (2033)" in check.reason


def test_fewer_than_three_milestones_fail():
    model = complete()
    model.remove_milestone(model.milestones[0].id)
    check = checks(model)["milestones"]
    assert not check.passed and check.reason == "2 milestones so far: add 1 more."


def test_round_trip_keeps_everything():
    model = Vision.from_gaps(GAPS, current_year=2026)
    model.write_statement(GOOD)
    model.choose_year(2035)
    model.name_beneficiaries("<script>alert(1)</script>")
    model.link_target("17.8")
    model.link_target("4.4")
    model.choose_focus("skills")
    model.add_milestone(new_milestone(2028, "Skills plan", "Funded."))
    again = Vision.from_dict(model.to_dict())
    assert again == model
    assert again.to_dict() == model.to_dict()


def test_a_saved_milestone_that_has_slipped_into_the_past_still_loads():
    model = complete()
    data = model.to_dict()
    later = Vision.from_dict(data)
    later.current_year = 2028  # two years on, the 2027 milestone is in the past
    assert [m.year for m in later.milestones] == [2027, 2030, 2033]
    assert not checks(later)["milestone_years"].passed


def test_missing_parts_start_empty_and_dropped_targets_are_let_go():
    assert Vision.from_dict({}) == Vision()
    model = Vision.from_dict({"statement": "By 2035, x.", "sdg_targets": ["16.6", "1.1"]})
    assert model.sdg_targets == ["16.6"] and model.year == 2035


@pytest.mark.parametrize(
    "garbage",
    [
        {"milestones": [{"year": 2030, "title": "No id", "must_be_true": "x"}]},
        {"milestones": [{"id": "a", "year": "soon", "title": "T", "must_be_true": "x"}]},
        {
            "milestones": [
                {"id": "a", "year": 2030, "title": "T", "must_be_true": "x"},
                {"id": "b", "year": 2031, "title": "t", "must_be_true": "y"},
            ]
        },
        {"gaps_considered": [{"pillar": "skills"}]},
        {"focus": "not-a-gap"},
        {"year": 12},
        {"statement": "x" * 10_000},
        {"sdg_targets": 5},
    ],
)
def test_garbage_is_rejected(garbage):
    with pytest.raises((KeyError, TypeError, ValueError, AttributeError)):
        Vision.from_dict(garbage)


def test_the_vision_names_the_strategy_it_serves_and_who_carries_it_in_three_sectors():
    """Outcome 2: an old save without these parts still loads, and says they are not yet
    filled; hostile or oversized text is refused in plain words; the round trip keeps them."""
    old = complete().to_dict()
    del old["strategy"], old["carriers"]
    model = Vision.from_dict(old)
    checks = model.ecosystem_checks()
    assert [c.passed for c in checks] == [False, False]
    assert all(c.reason.startswith("Not yet filled") for c in checks)
    assert model.passes()  # the statement and the milestones still pass as before
    model.name_strategy("Kenya Vision 2030 and the Digital Economy Blueprint")
    model.name_carriers("public", "County ICT directorate")
    assert "private sector, people and civil society" in model.ecosystem_checks()[1].reason
    model.name_carriers("private", "<b>Safaricom</b>")
    model.name_carriers("people", "Ward development committees")
    assert all(c.passed for c in model.ecosystem_checks())
    again = Vision.from_dict(model.to_dict())
    assert again.carriers == model.carriers and again.strategy == model.strategy
    with pytest.raises(FieldError, match="too long"):
        model.name_strategy("x" * 201)
    with pytest.raises(FieldError, match="not a sector"):
        model.name_carriers("military", "The army")
    with pytest.raises(TypeError):
        Vision.from_dict({**old, "carriers": ["public"]})
