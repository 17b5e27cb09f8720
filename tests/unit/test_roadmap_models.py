"""Ex 10 model: rows from the Ex 5 gaps, validation by field, horizons within the vision
year, the rules of the canvas, what Ex 11 reads, and saving."""

import json
from datetime import date

import pytest

from dgtkit.models.assessment import CapacityGap
from dgtkit.models.checks import FormErrors
from dgtkit.models.roadmap import (
    EXERCISE_KEY,
    Intervention,
    MarkedMilestone,
    Roadmap,
    add_months,
    canvas_guide,
)
from dgtkit.models.text import FieldError
from dgtkit.models.vision import Vision, new_milestone
from tests.helpers import freeze_clock

START = date(2026, 6, 1)
GAPS = [
    CapacityGap("skills", "Digital skills of public servants", 1, 4, evidence="Staff survey"),
    CapacityGap("organization", "Organizational structure and collaboration", 2, 4),
]
GOOD = {
    "gap": "Departments do not share data on residents",
    "level": "organizational",
    "intervention": "A data-sharing agreement and a small central digital unit",
    "owner": "Office of the head of the local administration",
    "public": "National digital agency",
    "private": "",
    "people": "Residents' association",
    "horizon": "short",
}


@pytest.fixture(autouse=True)
def _today_is_june_2026(monkeypatch):
    freeze_clock(monkeypatch, date(2026, 6, 15))


def canvas(**kwargs) -> Roadmap:
    return Roadmap.from_gaps(GAPS, **kwargs)


def milestones(*pairs) -> list[MarkedMilestone]:
    return [MarkedMilestone(f"m{n}", year, title) for n, (year, title) in enumerate(pairs)]


def test_the_key_and_the_course_content():
    assert EXERCISE_KEY == "ex10_roadmap"
    guide = canvas_guide()
    assert [h.label for h in guide.horizons][:2] == ["0-12 months", "12-36 months"]  # 5.1
    assert guide.horizons[2].end_month is None  # the third reaches the vision year
    assert [k.id for k in guide.partner_kinds] == ["public", "private", "people"]
    assert len(guide.rules) == 4
    model = canvas()
    assert model.suggested_level("skills") == "individual"  # frameworks.yaml, for Ex 10 and
    assert model.suggested_level("infrastructure") is None  # the plan: it cuts across levels


def test_a_new_canvas_has_one_draft_row_per_ex5_gap_and_starts_this_month():
    model = canvas()
    assert model.started == START
    assert [r.pillar for r in model.rows] == ["skills", "organization"]
    # A row's gap is the gap in words (here its evidence), never a score phrase.
    assert model.rows[0].gap == "Digital skills of public servants: Staff survey"
    assert model.rows[1].gap.endswith("level 2 today, 4 wanted")
    assert model.rows[0].intervention == "" and model.rows[0].level == ""
    assert model.rows[0].missing() == ["level", "intervention", "owner", "horizon"]
    assert model.interventions() == []  # drafts are not interventions yet
    assert [g.evidence for g in model.gaps_considered] == ["Staff survey", ""]


def test_horizons_count_in_months_from_the_start():
    model = canvas()
    assert model.horizon_end("short") == date(2027, 5, 31)
    assert model.horizon_start("medium") == date(2027, 6, 1)
    assert model.horizon_end("medium") == date(2029, 5, 31)
    assert model.horizon_text("short") == "0-12 months (June 2026 to May 2027)"
    assert add_months(date(2026, 11, 1), 2) == date(2027, 1, 1)


def test_saving_a_draft_row_completes_it_and_keeps_its_pillar():
    model = canvas()
    row_id = model.rows[1].id
    row = model.save_row(row_id, **GOOD)
    assert model.rows[1] == row and row.id == row_id and row.pillar == "organization"
    [item] = model.interventions()
    assert isinstance(item, Intervention)
    assert (item.number, item.level_name, item.horizon_label) == (
        2,
        "Organizational",
        "0-12 months",
    )
    assert (item.start, item.end) == (START, date(2027, 5, 31))
    assert item.public == "National digital agency" and item.people == "Residents' association"


def test_a_row_needs_gap_level_intervention_owner_and_horizon():
    with pytest.raises(FormErrors) as caught:
        canvas().save_row(None, gap=" ", level="", intervention="", owner="", horizon="")
    assert caught.value.by_field == {
        "gap": "The gap is empty. Please fill it in.",
        "level": "Choose a capacity level for this row.",
        "intervention": "The intervention is empty. Please fill it in.",
        "owner": "The owner is empty. Please fill it in.",
        "horizon": "Choose a horizon: 0-12 months, 12-36 months or from month 36 to the "
                   "vision year.",
    }


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("intervention", "x" * 10_000, "too long (10,000 characters)"),
        ("public", "x" * 201, "The public partners is too long"),
        ("level", "global", "no capacity level 'global'"),
        ("horizon", "forever", "no horizon 'forever'"),
        ("pillar", "magic", "no pillar 'magic'"),
        ("milestone", "gone", "no longer in your vision"),
    ],
)
def test_bad_values_get_a_message_for_their_field(field, value, words):
    model = canvas()
    with pytest.raises(FormErrors) as caught:
        model.save_row(None, **(GOOD | {field: value}))
    assert words in caught.value.by_field[field]
    assert len(model.rows) == 2  # nothing added


def test_no_row_may_end_after_the_vision_year():
    model = canvas(vision_year=2028)
    model.save_row(None, **GOOD)  # ends May 2027
    with pytest.raises(FormErrors) as caught:
        model.save_row(None, **(GOOD | {"horizon": "medium"}))  # ends May 2029
    assert caught.value.by_field["horizon"] == (
        "The 12-36 months horizon ends in May 2029, after your vision year 2028. "
        "Choose a shorter horizon."
    )


def test_a_row_must_start_before_the_milestone_it_prepares():
    model = canvas(vision_year=2035, milestones=milestones((2026, "Digital unit set up")))
    model.save_row(None, **(GOOD | {"milestone": "m0"}))  # June 2026 to May 2027
    with pytest.raises(FormErrors) as caught:
        model.save_row(None, **(GOOD | {"horizon": "medium", "milestone": "m0"}))
    assert caught.value.by_field["horizon"] == (
        "This row starts in June 2027, after the milestone it prepares ('Digital unit set "
        "up', due by the end of 2026). Choose an earlier horizon or a later milestone."
    )
    [item] = model.interventions()
    assert item.milestone == "Digital unit set up"


def test_a_row_can_be_split_for_a_second_level_and_removed():
    model = canvas()
    first = model.rows[0]
    draft = model.split_row(first.id)
    assert model.rows[1] is draft
    assert (draft.gap, draft.pillar, draft.level) == (first.gap, "skills", "")
    model.remove_row(first.id)
    assert model.rows[0] is draft and model.number_of(draft.id) == 1
    with pytest.raises(FieldError, match="no longer on the canvas"):
        model.split_row(first.id)


def test_the_vision_of_ex7_marks_the_canvas():
    vision = Vision(year_chosen=2035, current_year=2026)
    vision.add_milestone(new_milestone(2030, "Services online", "x"))
    vision.add_milestone(new_milestone(2026, "Team formed", "x"))
    model = canvas()
    model.follow_vision(vision)
    assert model.vision_year == 2035
    assert [(m.year, m.title) for m in model.milestones] == [
        (2026, "Team formed"),
        (2030, "Services online"),
    ]
    model.follow_vision(Vision())  # Ex 7 not done (or redone empty): keep what was seen
    assert model.vision_year == 2035 and len(model.milestones) == 2


def test_the_checks_follow_the_four_rules_of_session_5_1():
    model = canvas(vision_year=2035, milestones=milestones((2026, "Team formed")))
    checks = {c.id: c for c in model.checks()}
    assert not checks["complete"].passed
    assert "row 1: the level, the intervention, the owner, the horizon" in (
        checks["complete"].reason
    )
    assert not checks["all_levels"].passed
    assert "No row in the 0-12 months horizon prepares your first milestone" in (
        checks["milestones"].reason)

    rows = [r.id for r in model.rows]
    model.save_row(rows[0], **(GOOD | {"level": "individual", "owner": "HR / IT"}))
    model.save_row(rows[1], **GOOD)
    model.save_row(None, **(GOOD | {"level": "institutional", "horizon": "medium"}))
    checks = {c.id: c for c in model.checks()}
    assert checks["complete"].passed and checks["milestones"].passed
    assert "row 1 ('HR / IT')" in checks["one_owner"].reason and not checks["one_owner"].passed
    assert "at the level Societal" in checks["all_levels"].reason
    model.explain_no_action("societal", "The national programme covers it this year")
    model.save_row(rows[0], **(GOOD | {"level": "individual", "owner": "Human resources unit"}))
    assert model.passes(), [c.reason for c in model.checks() if not c.passed]
    checks = {c.id: c for c in model.checks()}
    assert "Societal: no action now (The national programme covers it this year)" in (
        checks["all_levels"].reason
    )


def test_a_first_milestone_years_away_passes_once_a_first_year_row_prepares_it():
    """A real plan's first milestone is often two or three years away: the rule asks that its
    work starts in the first year, not that it is reached in it."""
    model = canvas(vision_year=2035, milestones=milestones((2028, "Every office online")))
    model.save_row(None, **GOOD)
    [check] = [c for c in model.checks() if c.id == "milestones"]
    assert not check.passed
    assert "No row in the 0-12 months horizon prepares your first milestone, 'Every office " \
           "online' (2028)" in check.reason
    model.save_row(None, **(GOOD | {"milestone": "m0", "intervention": "A permits team"}))
    [check] = [c for c in model.checks() if c.id == "milestones"]
    assert check.passed, check.reason
    assert "Row 4 in the 0-12 months horizon prepares 'Every office online' (2028)" in (
        check.reason)


def test_the_last_horizon_reaches_the_vision_year():
    model = canvas(vision_year=2035)
    row = model.save_row(None, **(GOOD | {"horizon": "long"}))
    [intervention] = [i for i in model.interventions() if i.id == row.id]
    assert (intervention.start, intervention.end) == (date(2029, 6, 1), date(2035, 12, 31))
    assert model.horizon_text("long") == \
        "From month 36 to the vision year (June 2029 to December 2035)"
    near = canvas(vision_year=2028)
    with pytest.raises(FormErrors) as caught:
        near.save_row(None, **(GOOD | {"horizon": "long"}))
    assert "comes before this horizon starts" in caught.value.by_field["horizon"]


def test_a_vision_year_moved_earlier_later_shows_in_the_checks_not_as_an_error():
    model = canvas(vision_year=2035)
    model.save_row(None, **(GOOD | {"horizon": "medium"}))
    model.vision_year = 2027
    [check] = [c for c in model.checks() if c.id == "horizons"]
    assert not check.passed
    assert "Row 3 ends in May 2029, after the vision year 2027" in check.reason
    again = Roadmap.from_dict(model.to_dict())  # still readable
    assert again.rows == model.rows


def test_a_reason_for_no_action_is_checked_and_can_be_removed():
    model = canvas()
    with pytest.raises(FieldError, match="too long"):
        model.explain_no_action("societal", "x" * 10_000)
    with pytest.raises(FieldError, match="no capacity level"):
        model.explain_no_action("galactic", "x")
    model.explain_no_action("societal", "Covered nationally")
    model.explain_no_action("societal", "  ")
    assert model.no_action == {}


def test_saving_and_loading_keep_everything():
    model = canvas(vision_year=2035, milestones=milestones((2027, "Broadband law")))
    model.save_row(model.rows[0].id, **(GOOD | {"milestone": "m0", "level": "individual"}))
    model.explain_no_action("societal", "Covered nationally")
    data = json.loads(json.dumps(model.to_dict()))
    again = Roadmap.from_dict(data)
    assert again == model
    assert again.started == START
    assert data["interventions"][0]["start"] == "2026-06-01"
    assert [Intervention.from_dict(i) for i in data["interventions"]] == model.interventions()


def test_missing_parts_load_as_empty():
    model = Roadmap.from_dict({})
    assert model.rows == [] and model.vision_year is None and model.started == START


@pytest.mark.parametrize(
    "data",
    [
        [],
        "garbage",
        {"rows": [{"intervention": "no gap"}]},
        {"rows": [{"gap": "x", "level": "cosmic"}]},
        {"rows": [{"gap": "x", "horizon": "forever"}]},
        {"rows": [{"gap": "x" * 10_000}]},
        {"vision_year": "2035"},
        {"milestones": [{"id": "a", "year": "soon", "title": "x"}]},
        {"started": "yesterday"},
        {"no_action": {"cosmic": "x"}},
    ],
)
def test_garbage_raises(data):
    with pytest.raises((TypeError, ValueError, KeyError, AttributeError)):
        Roadmap.from_dict(data)


def test_a_pillar_the_course_renamed_is_let_go_not_the_row():
    model = Roadmap.from_dict({"rows": [{"gap": "A gap", "pillar": "old_pillar_id"}]})
    assert model.rows[0].gap == "A gap" and model.rows[0].pillar is None


def test_a_first_milestone_already_past_is_flagged():
    model = canvas(milestones=milestones((2025, "Old plan")))
    [check] = [c for c in model.checks() if c.id == "milestones"]
    assert not check.passed and "is already past" in check.reason
