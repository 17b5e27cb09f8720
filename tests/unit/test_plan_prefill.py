"""The week's work as suggestions: Ex 7 milestones, Ex 5 gaps, Ex 10 rows, Ex 11 indicators."""

from datetime import date
from types import SimpleNamespace

from dgtkit.models.action_plan import ActionPlan, Milestone, VisionLink, new_action, new_objective
from dgtkit.models.plan_prefill import (
    from_gaps,
    from_roadmap,
    from_vision,
    indicator_choices,
    objective_for,
    pending,
)

VISION = VisionLink("By 2035, services online for everyone.", 2035, ("16.6", "9.c"),
                    (Milestone(2028, "Permits online", "m1"),))


def row(**changes):
    """An Ex 10 row as ``dgtkit.store.handoff.roadmap`` gives it (``Intervention``)."""
    values = dict(id="r1", number=1, gap="Digital skills", pillar="skills", level="individual",
                  level_name="Individual", intervention="Train 200 staff", owner="HR office",
                  public="School of public administration", private="", people="Staff union",
                  horizon="short", horizon_label="0-12 months", start=date(2027, 1, 1),
                  end=date(2027, 12, 31), milestone="Permits online")
    values.update(changes)
    return SimpleNamespace(**values)


def indicator(**changes):
    """An Ex 11 indicator as ``dgtkit.store.handoff.indicators`` gives it (``IndicatorSummary``)."""
    values = dict(id="i1", name="Staff trained", unit="%", baseline=10.0, target=60.0,
                  intervention_id="r1")
    values.update(changes)
    return SimpleNamespace(**values)


def test_milestones_become_objectives_and_gaps_become_actions():
    objectives = from_vision(VISION)
    assert [(s.id, s.kind, s.values) for s in objectives] == [
        ("ex07:m1", "objective", {"title": "Permits online", "link": "m1"})]
    gaps = [SimpleNamespace(pillar="skills", name="Digital skills", current=1, target=4, gap=3,
                            evidence="Few trained."),
            SimpleNamespace(pillar="leadership", name="Leadership", current=3, target=3, gap=0,
                            evidence="")]
    suggested = from_gaps(gaps, VISION)
    assert len(suggested) == 1
    values = suggested[0].values
    assert values["capacity_level"] == "individual" and values["priority"] == "high"
    assert values["sdg_targets"] == ["16.6", "9.c"] and values["origin"] == "ex05:skills"


def test_a_roadmap_row_is_a_complete_action_with_its_ex11_indicator():
    choices = indicator_choices([indicator(), indicator(id="i2", name="", baseline=None)])
    assert [c.direction for c in choices] == ["up"]
    suggestion = from_roadmap([row()], choices, VISION)[0]
    plan = ActionPlan(vision=VISION)
    plan.add_objective(new_objective("Permits online", "m1"))
    values = {k: v for k, v in suggestion.values.items() if k != "milestone"}
    values["objective"] = objective_for(plan, suggestion)
    action = new_action(**values, objectives=[o.id for o in plan.objectives])
    assert action.objective == plan.objectives[0].id
    assert action.lead == "HR office" and action.partners.people == "Staff union"
    assert (action.indicator.name, action.indicator.baseline, action.indicator.target) == (
        "Staff trained", 10, 60)
    plan.add(action)
    assert pending(plan, [suggestion]) == []


def test_dropped_and_used_suggestions_are_no_longer_offered():
    plan = ActionPlan(vision=VISION)
    suggestions = from_vision(VISION) + from_roadmap([row(), row(id="r2")], [], VISION)
    plan.drop_suggestion("ex10:r2")
    plan.add_objective(new_objective("Permits online", "m1"))
    assert [s.id for s in pending(plan, suggestions)] == ["ex10:r1"]


def test_an_action_suggestion_starts_without_lead_or_dates_under_its_milestones_objective():
    from dgtkit.models.plan_prefill import Suggestion, action_values

    plan = ActionPlan()
    plan.add_objective(new_objective("Permits online", "m1"))
    row = Suggestion("ex10:r1", "action", "Ex 10 roadmap", "Train staff",
                     values={"title": "Train staff", "milestone": "m1"})
    values = action_values(plan, row)
    assert values == {"title": "Train staff", "lead": "", "start": None, "end": None,
                      "objective": plan.objectives[0].id}
    gap = Suggestion("ex05:skills", "action", "Ex 5 gap profile", "Close the gap",
                     values={"title": "Close the gap", "lead": "HR"})
    assert action_values(plan, gap)["objective"] == ""
    assert action_values(plan, gap)["lead"] == "HR"


def test_a_gap_suggests_the_capacity_level_the_roadmap_suggests_for_its_pillar():
    """One rule, in frameworks.yaml: the plan and the Ex 10 canvas link a pillar to a level."""
    from dgtkit.course.frameworks import frameworks
    from dgtkit.models.roadmap import Roadmap

    canvas = Roadmap()
    for pillar in frameworks().pillars:
        gap = SimpleNamespace(pillar=pillar.id, name=pillar.name, current=1, target=3, gap=2,
                              evidence="")
        (suggestion,) = from_gaps([gap])
        assert suggestion.values["capacity_level"] == (canvas.suggested_level(pillar.id) or "")
    assert canvas.suggested_level("leadership") == "organizational"
