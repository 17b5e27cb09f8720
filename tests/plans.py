"""A realistic action plan for the tests, with hostile text in every text field."""

from __future__ import annotations

from datetime import date

from dgtkit.models.action_plan import (
    ActionPlan,
    Indicator,
    Milestone,
    Partners,
    VisionLink,
    new_action,
    new_objective,
)

HOSTILE = '<img src=x onerror="window.__hacked=true"><script>window.__hacked=true</script>'
FORMULA = "=HYPERLINK(\"http://example.invalid\",\"click\")"


def sample_plan(hostile: bool = False) -> ActionPlan:
    """Two objectives, three actions; with ``hostile``, script and formula text everywhere."""
    odd = f" {HOSTILE} {FORMULA}" if hostile else ""
    plan = ActionPlan(vision=VisionLink(
        statement="By 2035, every resident of Deli Serdang gets public services online." + odd,
        year=2035, sdg_targets=("16.6", "9.c"),
        milestones=(Milestone(2028, "Permits online", "m1"), Milestone(2031, "One-stop portal",
                                                                          "m2")),
    ))
    plan.describe(team="team-blue", country="Indonesia",
                  government="Deli Serdang Regency" + odd, level="local", currency="IDR")
    plan.add_objective(new_objective("Residents get the ten most used permits online" + odd,
                                     "m1"))
    plan.add_objective(new_objective("Every department shares its data" + odd, "vision"))
    first, second = (o.id for o in plan.objectives)
    plan.add(new_action(
        "Train 200 staff in digital service design" + odd,
        "HR office" + (f" {HOSTILE}" if hostile else ""),
        date(2027, 1, 15), date(2027, 9, 30),
        description="Short courses in work time.\nOne per department." + odd,
        objective=first, capacity_level="individual", pillar="skills",
        partners=Partners("School of public administration" + odd, "Local university" + odd,
                          "Residents' panel" + odd),
        budget=120_000_000, budget_source="national",
        indicator=Indicator("Staff trained" + odd, "%", 10, 60, "up"), sdg_targets=["16.6"],
        risks="Staff too busy" + odd, mitigation="Training counted as work time" + odd,
        priority="high", priority_reason="The biggest gap in Ex 5." + odd,
    ))
    plan.add(new_action(
        FORMULA if hostile else "Agree a data-sharing rule", "-Secretariat" if hostile
        else "Regional secretariat", date(2027, 3, 1), date(2027, 12, 31),
        objective=second, capacity_level="institutional", pillar="organization",
        budget=15_000_000, budget_source="own",
        indicator=Indicator("Departments sharing data", "departments", 2, 12, "up"),
        priority="medium",
    ))
    plan.add(new_action("Open a one-stop service desk" + odd, "@ICT office" if hostile
                        else "ICT office", date(2028, 1, 1), date(2028, 6, 30)))
    return plan
