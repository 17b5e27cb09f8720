"""The action plan as plain Python: actions, objectives, checks, views, the old format."""

from datetime import date

import pytest

from dgtkit.models.action_plan import (
    ActionErrors,
    ActionPlan,
    Indicator,
    Partners,
    new_action,
    new_objective,
)
from dgtkit.models.plan_checks import action_gaps, gaps_by_field, missing, summary
from dgtkit.models.plan_tables import budget, coverage, gantt, sort_and_filter, timeline_span
from dgtkit.models.text import FieldError


def full_action(plan, title="Train staff", **changes):
    values = dict(
        description="Short courses\nfor every department.", objective=plan.objectives[0].id,
        capacity_level="individual", pillar="skills",
        partners=Partners(public="School of public administration", private="", people=""),
        budget="120,000", budget_source="national",
        indicator=Indicator("Staff trained", "%", 10, 60, "up"), sdg_targets=["16.6"],
        risks="Staff too busy", mitigation="Training in work time", priority="high",
        priority_reason="The biggest gap.", objectives=[o.id for o in plan.objectives],
    )
    values.update(changes)
    return new_action(title, "HR office", date(2027, 1, 1), date(2027, 6, 30), **values)


def plan_with_objective():
    plan = ActionPlan()
    plan.describe(team="team-blue", country="Indonesia", government="Deli Serdang Regency",
                  level="local")
    plan.add_objective(new_objective("Residents get permits online", "vision"))
    return plan


def test_a_full_action_round_trips_and_has_nothing_missing():
    plan = plan_with_objective()
    plan.add(full_action(plan))
    assert plan.actions[0].budget == 120_000
    assert plan.actions[0].description == "Short courses\nfor every department."
    again = ActionPlan.from_dict(plan.to_dict())
    assert again == plan
    assert action_gaps(again.actions[0], again) == []
    assert missing(again) == []
    assert "Nothing is missing" in summary(again)


def test_the_old_format_of_title_lead_and_dates_still_reads():
    old = {"actions": [{"id": "abc123", "title": "Open a desk", "lead": "ICT office",
                        "start": "2027-01-15", "end": "2027-09-30"}]}
    plan = ActionPlan.from_dict(old)
    action = plan.actions[0]
    assert (action.id, action.title, action.lead) == ("abc123", "Open a desk", "ICT office")
    assert action.start == date(2027, 1, 15) and action.indicator.is_empty
    assert "Estimate its budget." in action_gaps(action)


def test_each_gap_names_the_part_of_the_action_it_is_about():
    plan = plan_with_objective()
    bare = new_action("Open a desk", "ICT office", date(2027, 1, 1), date(2027, 6, 30))
    plan.add(bare)
    fields = [field for field, _text in gaps_by_field(bare, plan)]
    assert fields == ["objective", "capacity_level", "pillar", "partners", "budget",
                      "budget_source", "indicator", "sdg_targets", "risks", "priority"]
    assert [text for _f, text in gaps_by_field(bare, plan)] == action_gaps(bare, plan)
    by_field = {m.field for m in missing(plan) if m.part == "action"}
    assert by_field == set(fields)
    half = full_action(plan, risks="Staff too busy", mitigation="", priority_reason="",
                       indicator=Indicator("Staff trained", "%", 10, None, "up"))
    assert [f for f, _t in gaps_by_field(half, plan)] == ["indicator", "mitigation",
                                                           "priority_reason"]
    assert {m.field for m in missing(ActionPlan())} == {"government", "level", "objectives",
                                                         "actions"}


def test_every_problem_is_reported_beside_its_field():
    with pytest.raises(ActionErrors) as caught:
        new_action("", "", None, None, budget="a lot", capacity_level="cosmic",
                   indicator=Indicator("Users", "%", 50, 50), sdg_targets=["99.9"])
    by_field = caught.value.by_field
    assert set(by_field) >= {"title", "lead", "start", "end", "budget", "capacity_level",
                             "target", "sdg_targets"}
    assert "empty" in by_field["title"]
    assert "number" in by_field["budget"]
    assert "nothing would change" in by_field["target"]


def test_end_before_start_and_targets_against_the_direction_are_refused():
    with pytest.raises(ActionErrors) as caught:
        new_action("A", "B", date(2027, 6, 1), date(2027, 5, 1),
                   indicator=Indicator("Wait in days", "days", 30, 40, "down"))
    assert caught.value.by_field["end"] == "The end date is before the start date."
    assert "go down" in caught.value.by_field["target"]
    with pytest.raises(ActionErrors) as caught:
        new_action("A", "B", date(2027, 1, 1), date(2027, 5, 1),
                   indicator=Indicator("Online", "%", 40, 140, "up"))
    assert "between 0 and 100" in caught.value.by_field["target"]


def test_long_text_is_refused_and_control_characters_are_dropped():
    with pytest.raises(ActionErrors) as caught:
        new_action("x" * 10_000, "B", date(2027, 1, 1), date(2027, 5, 1))
    assert "too long (10,000 characters)" in caught.value.by_field["title"]
    action = new_action("Tab\x00le\x07", "B", date(2027, 1, 1), date(2027, 5, 1))
    assert action.title == "Table"


def test_objectives_are_unique_and_removing_one_unlinks_its_actions():
    plan = plan_with_objective()
    with pytest.raises(FieldError):
        new_objective("residents get permits ONLINE", others=plan.objectives)
    plan.add(full_action(plan))
    plan.remove_objective(plan.objectives[0].id)
    assert plan.actions[0].objective == ""


def test_an_unknown_objective_is_refused():
    plan = plan_with_objective()
    with pytest.raises(ActionErrors) as caught:
        full_action(plan, objective="nope")
    assert "objective" in caught.value.by_field


def test_delete_and_undo_put_the_action_back_where_it_was():
    plan = plan_with_objective()
    for title in ("One", "Two", "Three"):
        plan.add(full_action(plan, title=title))
    removed = plan.remove(plan.actions[1].id)
    assert [a.title for a in plan.actions] == ["One", "Three"] and plan.can_undo
    assert plan.undo_remove() == removed
    assert [a.title for a in plan.actions] == ["One", "Two", "Three"]
    assert plan.undo_remove() is None


def test_missing_names_objectives_without_actions_or_indicators_and_the_government():
    plan = ActionPlan()
    plan.add_objective(new_objective("Faster permits"))
    texts = [m.sentence() for m in missing(plan)]
    assert any("Name the government" in t for t in texts)
    assert "Faster permits: No action serves it yet." in texts
    assert "Faster permits: Link it to the vision or to one of its milestones." in texts
    plan.add(full_action(plan, indicator=Indicator()))
    texts = [m.sentence() for m in missing(plan)]
    assert any("No indicator measures it yet" in t for t in texts)
    assert "Train staff: Give it an indicator with a baseline and a target." in texts


def test_a_plan_in_a_newer_format_or_with_dangling_links_is_refused():
    with pytest.raises(ValueError, match="newer version"):
        ActionPlan.from_dict({"version": 99})
    plan = plan_with_objective()
    plan.add(full_action(plan))
    data = plan.to_dict()
    data["objectives"] = []
    with pytest.raises(ValueError, match="objective"):
        ActionPlan.from_dict(data)


def test_sort_filter_gantt_coverage_and_budget():
    plan = plan_with_objective()
    plan.add_objective(new_objective("Skills for all staff", "vision"))
    second = plan.objectives[1].id
    plan.add(full_action(plan, title="Later", priority="low",
                         budget="5000", budget_source="donor"))
    plan.add(new_action("Earlier", "ICT", date(2026, 11, 1), date(2027, 2, 1),
                        objective=second, pillar="infrastructure",
                        capacity_level="organizational"))
    assert [a.title for a in sort_and_filter(plan, sort="start")] == ["Earlier", "Later"]
    assert [a.title for a in sort_and_filter(plan, text="school of public")] == ["Later"]
    assert [a.title for a in sort_and_filter(plan, objective=second)] == ["Earlier"]
    assert [a.title for a in sort_and_filter(plan, priority="low")] == ["Later"]
    bars = gantt(plan)
    assert [b.group for b in bars] == ["Residents get permits online", "Skills for all staff"]
    assert timeline_span(bars) == (date(2026, 11, 1), date(2027, 7, 1))
    cover = coverage(plan)
    assert cover.count("skills", "individual") == 1
    assert cover.count("infrastructure", "organizational") == 1
    assert "Digital leadership and vision" in cover.empty_pillars
    assert cover.empty_levels == ["Institutional", "Societal"]
    money = budget(plan)
    assert money.total == 5000 and money.unpriced == 1
    assert money.by_source == [("Donor", 5000)]
    assert money.by_objective == [("Residents get permits online", 5000, 0),
                                  ("Skills for all staff", 0, 1)]


def test_a_plan_takes_another_in_place_keeping_its_team_when_the_other_names_none():
    plan = ActionPlan(team="blue")
    plan.add(new_action("Train staff", "HR", date(2027, 1, 1), date(2027, 6, 30)))
    plan.remove(plan.actions[0].id)
    assert plan.can_undo
    other = ActionPlan(country="Kenya")
    other.add(new_action("Open counters", "ICT", date(2027, 2, 1), date(2027, 8, 31)))
    same = plan
    plan.take(other)
    assert same is plan and plan.country == "Kenya" and plan.team == "blue"
    assert [a.title for a in plan.actions] == ["Open counters"]
    assert not plan.can_undo
    plan.take(ActionPlan(team="green"))
    assert plan.team == "green" and plan.actions == []


def test_every_wrong_partner_and_indicator_field_is_named_at_once():
    from datetime import date

    import pytest

    from dgtkit.models.action_plan import ActionErrors, new_action

    with pytest.raises(ActionErrors) as found:
        new_action("Title", "Lead", date(2027, 1, 1), date(2027, 2, 1),
                   partners={"public": "x" * 400, "private": "y" * 400, "people": "z" * 400},
                   indicator={"name": "Staff", "baseline": "lots", "target": "many",
                              "direction": "sideways"})
    assert set(found.value.by_field) >= {"partners_public", "partners_private",
                                         "partners_people", "baseline", "target", "direction"}
