"""One participant, one workbook, the whole thread of the week: Ex 3 → Ex 5 → Ex 7 → Ex 10 →
Ex 11, each driven through its own form, each opening pre-filled from the one before."""

from datetime import date

import pytest

from dgtkit.exercises.ex03_pillar_rating import PillarSelfRating
from dgtkit.exercises.ex05_situation import SituationAnalysisLab
from dgtkit.exercises.ex07_vision import VisionBuilder
from dgtkit.exercises.ex10_roadmap import CapacityRoadmap
from dgtkit.exercises.ex11_indicators import IndicatorClinic
from dgtkit.store import handoff
from dgtkit.store.workbook import Workbook
from tests.helpers import freeze_clock

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """Every exercise counts from the same pinned day, so the test does not age."""
    freeze_clock(monkeypatch, TODAY)


def test_one_participant_carries_the_thread_from_ex3_to_ex11(tmp_path):
    workbook = Workbook(tmp_path / "workbook.sqlite", participant="ana")

    # Ex 3: the team rates its government on the pillars.
    ex03 = PillarSelfRating(workbook).view
    ex03.government.value = "Deli Serdang Regency"
    ex03.selectors["skills"].value = 2
    ex03.selectors["organization"].value = 1

    # Ex 5 opens with today's levels from Ex 3; the team sets two targets.
    ex05 = SituationAnalysisLab(workbook)
    assessment = ex05.view.assessment
    assert ex05.model.government == "Deli Serdang Regency"
    assert assessment.today["skills"].value == 2
    assert assessment.today["organization"].value == 1
    assessment.target["skills"].value = 4
    assessment.target["organization"].value = 3
    assessment.evidence["organization"].value = "Departments do not share data"
    assessment.problem["organization"].value = "Residents give the same papers to five offices"

    # Ex 7 opens with the gaps of Ex 5; the team writes the vision and backcasts.
    ex07 = VisionBuilder(workbook)
    view = ex07.view
    assert [(g.pillar, g.current, g.target) for g in ex07.model.gaps_considered] == [
        ("organization", 1, 3),
        ("skills", 2, 4),
    ]
    # The gap comes with its problem and its evidence, not as a score.
    assert "Organizational structure and collaboration (level 1 today, 3 wanted)" in (
        view.gaps.value)
    assert "Residents give the same papers to five offices" in view.gaps.value
    assert "Evidence: Departments do not share data" in view.gaps.value
    view.statement.value = "By 2035, every resident can use council services online."
    view.year.value = 2035
    for year, title in ((2026, "Digital unit set up"), (2030, "Services online"),
                        (2033, "Every district connected")):  # fmt: skip
        view.milestone_year.value = year
        view.milestone_title.value = title
        view.must_be_true.value = "It is in place."
        view.add_milestone.click()
    assert len(handoff.vision(workbook).milestones) == 3

    # Ex 10 opens with a row per Ex 5 gap, and the vision year and milestones of Ex 7.
    ex10 = CapacityRoadmap(workbook)
    canvas = ex10.view
    assert [row.gap for row in ex10.model.rows] == [
        "Residents give the same papers to five offices",  # the problem, in the team's words
        "Digital skills of public servants: level 2 today, 4 wanted",
    ]
    assert [row.pillar for row in ex10.model.rows] == ["organization", "skills"]
    assert ex10.model.vision_year == 2035
    assert [label for label, _ in canvas.milestone.options] == [
        "No milestone",
        "2026: Digital unit set up",
        "2030: Services online",
        "2033: Every district connected",
    ]
    assert "2026: Digital unit set up" in canvas.chart.value
    first_milestone = canvas.milestone.options[1][1]
    for row, values in zip(
        ex10.model.rows,
        (
            {"level": "organizational", "intervention": "A data-sharing agreement",
             "owner": "Office of the regional secretary", "horizon": "short",
             "milestone": first_milestone},
            {"level": "individual", "intervention": "A skills plan for every role",
             "owner": "Human resources unit", "horizon": "medium", "milestone": ""},
        ),
        strict=True,
    ):  # fmt: skip
        canvas.row_choice.value = row.id
        for name, value in values.items():
            getattr(canvas, name).value = value
        canvas.save_row.click()
        assert "Saved at" in canvas.status.value
    interventions = handoff.roadmap(workbook)
    assert [(i.number, i.intervention, i.milestone) for i in interventions] == [
        (1, "A data-sharing agreement", "Digital unit set up"),
        (2, "A skills plan for every role", ""),
    ]

    # Ex 11 opens with a draft indicator per Ex 10 intervention.
    ex11 = IndicatorClinic(workbook)
    clinic = ex11.view
    assert [(i.intervention, i.name, i.owner) for i in ex11.model.indicators] == [
        (interventions[0].id, "", "Office of the regional secretary"),
        (interventions[1].id, "", "Human resources unit"),
    ]
    assert [label for label, _ in clinic.intervention.options][1:] == [
        "Row 1: A data-sharing agreement",
        "Row 2: A skills plan for every role",
    ]
    assert clinic.intervention.value == interventions[0].id
    for name, value in {
        "name": "Data-sharing agreement in force", "unit": "Yes or no",
        "definition": "A signed agreement lets the departments share address data",
        "baseline": "No", "baseline_date": date(2026, 6, 1), "target": "Yes",
        "target_date": date(2027, 5, 31), "data_source": "Legal office records",
        "frequency": "Quarterly",
    }.items():  # fmt: skip
        getattr(clinic, name).value = value
    clinic.save.click()
    clinic.confirmed_by.value = "Budi, regional secretary"
    clinic.confirm.click()
    assert "Not yet" not in clinic.smart_checklist.value

    # What the action plan will read.
    [indicator] = handoff.indicators(workbook)
    assert (indicator.name, indicator.baseline_text, indicator.target_text) == (
        "Data-sharing agreement in force", "No", "Yes",
    )  # fmt: skip
    assert indicator.intervention == "A data-sharing agreement" and indicator.passes

    # The action plan offers the week's work: the milestones as objectives, the Ex 10 rows
    # as actions, each with the Ex 11 indicator that measures it.
    from dgtkit.exercises.action_plan import ActionPlanApp

    plan = ActionPlanApp(workbook)
    assert plan.model.vision.statement.startswith("By 2035")
    suggestions = {s.title: s for s in plan.view.suggestions}
    assert {"Digital unit set up", "A data-sharing agreement",
            "A skills plan for every role"} <= set(suggestions)
    panel = plan.view.suggestions_panel
    for title in ("Digital unit set up", "A data-sharing agreement"):
        panel.choose.value = suggestions[title].id
        panel.accept.click()
    [action] = plan.model.actions
    assert (action.lead, action.capacity_level) == ("Office of the regional secretary",
                                                    "organizational")
    assert action.objective == plan.model.objectives[0].id  # the milestone the row prepares
    assert action.indicator.name == "Data-sharing agreement in force"
    assert (action.indicator.baseline, action.indicator.target) == (0, 1)
    # The evidence and the monitoring of the week travel with the action.
    assert action.problem == "Residents give the same papers to five offices"
    assert action.evidence == "Departments do not share data"
    assert (action.indicator.data_source, action.indicator.frequency) == (
        "Legal office records", "Quarterly")
    assert action.indicator.sentence() == (
        "Data-sharing agreement in force: No in June 2026; Yes by May 2027.")
    # Ex 5's organization gap has a roadmap row: it is not offered a second time.
    assert "ex05:organization" not in {s.id for s in plan.view.suggestions}
