"""The plan's new parts as plain models: levels that fit real governments (older names still
read), the currency of the country, indicators and priorities as sentences, what the week
carries into the plan, the budget by year, and the history in groups."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from dgtkit.course.governments import governments
from dgtkit.models.action_plan import (
    ActionErrors,
    ActionPlan,
    ContextItem,
    Indicator,
    level_choice,
    new_action,
)
from dgtkit.models.plan_prefill import (
    from_gaps,
    from_risks,
    from_roadmap,
    from_situation,
    from_skills,
    from_structure,
    indicator_choices,
    pending,
)
from dgtkit.models.plan_tables import budget_by_year, group_versions
from tests.plans import sample_plan


def test_levels_fit_counties_districts_and_regencies_and_older_names_still_read():
    names = governments().level_names
    assert names["district"] == "County, district or regency"
    assert list(names)[:4] == ["national", "regional", "district", "local"]
    assert level_choice("Local (city or municipality)") == "local"  # saved by an older app
    assert level_choice("Regional (state or province)") == "regional"
    assert level_choice("county, district or regency") == "district"
    with pytest.raises(ValueError):
        level_choice("a village")
    old = sample_plan().to_dict() | {"level": "local", "currency": "IDR"}
    for name in ("context", "background", "review", "approver"):
        old.pop(name)
    for action in old["actions"]:
        action.pop("problem"), action.pop("evidence")
    assert ActionPlan.from_dict(old).level == "local"  # a plan saved before this version


def test_the_currency_follows_the_country_until_the_team_chooses_another():
    assert governments().currency_of("KEN") == "KES" and governments().currency_of("Kenya")
    assert "ISO 4217" in governments().currency_source
    assert len(governments().countries) == 193
    plan = ActionPlan()
    assert plan.currency == ""  # not dollars by default
    plan.describe(country="Kenya")
    assert plan.currency == "KES"
    plan.describe(country="Indonesia")
    assert plan.currency == "IDR"
    plan.describe(currency="usd")
    plan.describe(country="Kenya")
    assert plan.currency == "USD"  # the team's own choice stays
    assert ActionPlan.from_dict({"version": 1, "actions": []}).currency == "USD"


def test_indicators_and_priorities_are_sentences():
    yes_no = Indicator("Data-sharing rule in force", "Yes or no", 0, 1, "up", date(2026, 6, 1),
                       date(2027, 5, 31), "Legal office records", "Quarterly", "Legal office")
    assert yes_no.sentence() == "Data-sharing rule in force: No in June 2026; Yes by May 2027."
    assert yes_no.label() == "Data-sharing rule in force: now No, target Yes"
    assert yes_no.monitoring() == ("Measured quarterly (source: Legal office records), "
                                   "reported by Legal office.")
    days = Indicator("Days to a permit", "Days", 63, 10)
    assert days.sentence() == "Days to a permit: from 63 days to 10 days."
    action = sample_plan().actions[0]
    assert action.priority_sentence() == "High. The biggest gap in Ex 5."
    with pytest.raises(ActionErrors) as caught:
        new_action("A", "B", date(2027, 1, 1), date(2027, 2, 1), indicator={
            "name": "x", "baseline": 1, "target": 2, "baseline_date": "2027-01-01",
            "target_date": "2026-01-01"})
    assert "after the baseline date" in caught.value.by_field["target_date"]


def gap(pillar="skills", current=1, target=3, problem="Requests wait for weeks",
        evidence="Two trained staff"):
    return SimpleNamespace(pillar=pillar, name="Digital skills of public servants",
                           current=current, target=target, gap=target - current,
                           problem=problem, evidence=evidence)


def test_a_gap_a_roadmap_row_covers_is_not_offered_twice_and_carries_its_evidence():
    row = SimpleNamespace(id="r1", number=1, gap="Requests wait for weeks", pillar="skills",
                          level="individual", level_name="Individual",
                          intervention="Train 200 staff", owner="HR office", public="",
                          private="", people="", horizon="short", horizon_label="0-12 months",
                          start=date(2027, 1, 1), end=date(2027, 12, 31), milestone="",
                          evidence="")
    summary = SimpleNamespace(id="i1", name="Staff trained", unit="%", baseline=10.0,
                              target=60.0, intervention_id="r1", baseline_date=date(2026, 6, 1),
                              target_date=date(2027, 12, 1), data_source="HR records",
                              frequency="Quarterly", owner="HR office")
    [suggestion] = from_roadmap([row], indicator_choices([summary]), gaps=[gap()])
    values = suggestion.values
    assert (values["problem"], values["evidence"]) == ("Requests wait for weeks",
                                                       "Two trained staff")
    assert values["indicator"]["data_source"] == "HR records"
    assert values["indicator"]["ref"] == "i1" and "description" not in values
    assert from_gaps([gap()], covered={"skills"}) == []
    [alone] = from_gaps([gap()])
    assert "(level" not in alone.title and alone.values["evidence"] == "Two trained staff"


def test_the_week_offers_background_risks_partners_structure_and_training():
    from dgtkit.models.benefit_risk import BenefitRiskMatrix, course_data, new_item
    from dgtkit.models.boards import SWOT, Board
    from dgtkit.models.stakeholders import StakeholderMap

    swot = Board(SWOT)
    swot.add("threats", "Power cuts in the wards")
    people = StakeholderMap()
    people.add("County Executive Committee", 9, 8)
    situation = SimpleNamespace(findings=("EGDI 2024: 0.631",), swot=swot, stakeholders=people)
    offered = {s.id: s for s in from_situation([gap()], situation)}
    assert offered["ex05:gap:skills"].values["detail"] == "Two trained staff"
    assert offered["ex05:finding:1"].values["section"] == "finding"
    [threat] = [s for s in offered.values() if s.values["section"] == "swot"]
    assert threat.values["detail"] == "Threat"
    [person] = [s for s in offered.values() if s.values["section"] == "stakeholder"]
    assert person.values["detail"] == "Manage closely"
    matrix = BenefitRiskMatrix()
    matrix.add(new_item("risk", course_data().of_kind("risk")[0].id, "People left offline", 4,
                        5, "Helped counters", "Chief officer"))
    [risk] = from_risks(matrix)
    assert (risk.values["title"], risk.values["text"], risk.values["detail"]) == (
        "People left offline", "Helped counters", "Chief officer")
    structure = SimpleNamespace(recommendation="federal", reasons="Shared standards.",
                                first_step="Appoint a digital officer", risk="Drift")
    kinds = {s.kind for s in from_structure(structure)}
    assert kinds == {"context", "action"}
    plan = ActionPlan()
    plan.add_context(ContextItem.from_dict(threat.values))
    assert threat.id not in {s.id for s in pending(plan, [threat])}
    again = ActionPlan.from_dict(plan.to_dict())
    assert again.context[0].title == "Power cuts in the wards"
    assert from_skills(None) == []


def test_the_budget_is_spread_over_the_years_an_action_runs():
    plan = ActionPlan()
    plan.add(new_action("Counters", "Devolution", date(2026, 7, 1), date(2027, 6, 30),
                        budget=365_000, budget_source="partner"))  # 184 days, then 181
    plan.add(new_action("Law", "Attorney", date(2026, 1, 1), date(2026, 3, 31), budget=90_000,
                        budget_source="own"))
    view = budget_by_year(plan)
    assert view.years == [2026, 2027]
    shares = {name: [round(v) for v in values] for name, values, _total in view.by_source}
    assert shares == {"Own budget": [90_000, 0], "Partner": [184_000, 181_000]}
    assert round(view.total) == 455_000


def test_the_history_groups_saves_made_one_after_another():
    start = datetime(2026, 6, 3, 9, tzinfo=UTC)

    def revision(number, minutes, actions):
        data = {"actions": [{"id": f"a{n}"} for n in range(actions)], "objectives": []}
        return SimpleNamespace(id=number, saved_at=start + timedelta(minutes=minutes),
                               data=data)

    revisions = [revision(1, 0, 1), revision(2, 1, 1), revision(3, 2, 1),  # typing
                 revision(4, 3, 2), revision(5, 4, 2),  # an action added, then typing
                 revision(6, 40, 2)]  # after a pause
    groups = group_versions(revisions)
    assert [(g.newest, g.count, g.actions) for g in groups] == [(6, 1, 2), (5, 2, 2),
                                                                 (3, 3, 1)]
