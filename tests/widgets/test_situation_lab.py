"""Ex 5 driven from Python: set values, click, then check the model and the workbook."""

import pytest

from dgtkit.exercises import PillarSelfRating, SituationAnalysisLab
from dgtkit.models.situation import EXERCISE_KEY
from dgtkit.store import handoff
from dgtkit.store.workbook import Workbook


@pytest.fixture
def workbook(tmp_path):
    return Workbook(tmp_path / "workbook.sqlite", participant="team-a")


def saved(workbook):
    return workbook.latest(EXERCISE_KEY).data


def test_first_visit_starts_from_the_ex3_rating(workbook):
    ex03 = PillarSelfRating(workbook)
    ex03.view.government.value = "City of Medan"
    ex03.view.selectors["skills"].value = 2
    lab = SituationAnalysisLab(workbook)
    assert lab.model.government == "City of Medan"
    assert lab.view.assessment.today["skills"].value == 2


def test_members_then_team_then_profile_flow_into_the_workbook(workbook):
    lab = SituationAnalysisLab(workbook)
    part = lab.view.assessment
    for name, level in (("Ana", 1), ("Ben", 4)):
        part.member_name.value = name
        part.add_member.click()
        part.member.value = name
        part.own["skills"].value = level
    assert saved(workbook)["assessment"]["members"]["Ben"]["skills"] == 4
    assert "Digital skills of public servants (from 1 to 4)" in part.spread.value
    part.today["skills"].value = 2
    part.target["skills"].value = 4
    part.evidence["skills"].value = "Two trained staff"
    part.problem["skills"].value = "Requests wait weeks for the two trained staff"
    gaps = saved(workbook)["gap_profile"]["gaps"]
    assert gaps == [
        {
            "pillar": "skills",
            "name": "Digital skills of public servants",
            "current": 2,
            "target": 4,
            "gap": 2,
            "evidence": "Two trained staff",
            "problem": "Requests wait weeks for the two trained staff",
        }
    ]
    assert [g.pillar for g in handoff.capacity_gaps(workbook)] == ["skills"]


def test_switching_member_shows_their_own_ratings(workbook):
    lab = SituationAnalysisLab(workbook)
    part = lab.view.assessment
    for name in ("Ana", "Ben"):
        part.member_name.value = name
        part.add_member.click()
    part.member.value = "Ana"
    part.own["leadership"].value = 5
    part.member.value = "Ben"
    assert part.own["leadership"].value == 0
    assert saved(workbook)["assessment"]["members"]["Ben"]["leadership"] is None


def test_bad_input_gets_a_message_and_loses_nothing(workbook):
    lab = SituationAnalysisLab(workbook)
    part = lab.view.assessment
    part.today["inclusion"].value = 4
    before = workbook.latest(EXERCISE_KEY).id
    part.member_name.value = "   "
    part.add_member.click()
    assert "Problem" in part.member_message.value
    part.evidence["inclusion"].value = "x" * 10_000
    assert "too long" in part.messages["inclusion"].value
    assert workbook.latest(EXERCISE_KEY).id == before
    part.target["inclusion"].value = 2
    assert "below today" in part.messages["inclusion"].value
    assert saved(workbook)["assessment"]["current"]["inclusion"] == 4


def test_benchmark_tab_shows_evidence_and_charts(workbook):
    lab = SituationAnalysisLab(workbook)
    bench = lab.view.benchmark
    bench.country.value = "IDN"
    assert saved(workbook)["country"] == "IDN"
    assert "Indonesia" in bench.evidence.value
    for chart in (bench.trend, bench.components, bench.distribution):
        assert chart.value.startswith("<figure") and 'alt="' in chart.value


def test_boards_add_rank_edit_remove_and_escape(workbook):
    lab = SituationAnalysisLab(workbook)
    swot = lab.view.swot
    swot.text.value = "<script>alert(1)</script>"
    swot.add.click()
    swot.text.value = "A national ID"
    swot.add.click()
    assert "&lt;script&gt;" in swot.view.value and "<script>" not in swot.view.value
    second = saved(workbook)["swot"]["strengths"][1]["id"]
    swot.entries.value = second
    assert swot.text.value == "A national ID"  # the entry comes back into the box to edit
    swot.buttons["Move up"].click()
    assert saved(workbook)["swot"]["strengths"][0]["text"] == "A national ID"
    swot.text.value = "A national digital ID"
    swot.buttons["Save changes"].click()
    assert saved(workbook)["swot"]["strengths"][0]["text"] == "A national digital ID"
    swot.category.value = "opportunities"  # edited into another category: it moves there
    swot.buttons["Save changes"].click()
    assert saved(workbook)["swot"]["opportunities"][0]["text"] == "A national digital ID"
    assert len(saved(workbook)["swot"]["strengths"]) == 1
    swot.buttons["Remove"].click()
    assert saved(workbook)["swot"]["opportunities"] == []
    swot.entries.value = None
    swot.buttons["Remove"].click()
    assert "Select an entry" in swot.message.value


def test_stakeholders_are_placed_and_explained(workbook):
    lab = SituationAnalysisLab(workbook)
    part = lab.view.stakeholders
    part.name.value = "Ministry of Finance"
    part.power.value, part.interest.value = 9, 3
    part.add.click()
    assert saved(workbook)["stakeholders"][0]["power"] == 9
    assert "Keep satisfied" in part.table.value
    part.name.value = "somebody else"
    part.listing.value = saved(workbook)["stakeholders"][0]["id"]
    assert (part.name.value, part.power.value) == ("Ministry of Finance", 9)  # edit in place
    part.interest.value = 9
    part.name.value = "Ministry of Finance and Planning"
    part.update.click()
    assert "Manage closely" in part.table.value
    assert saved(workbook)["stakeholders"][0]["name"] == "Ministry of Finance and Planning"
    part.name.value = ""
    part.add.click()
    assert "empty" in part.message.value


def test_closing_and_reopening_restores_everything(workbook):
    lab = SituationAnalysisLab(workbook)
    lab.view.benchmark.country.value = "KEN"
    lab.view.pestel.category.value = "legal"
    lab.view.pestel.text.value = "Data protection law of 2019"
    lab.view.pestel.add.click()
    lab.view.assessment.target["skills"].value = 5
    again = SituationAnalysisLab(workbook)
    assert again.model.to_dict() == lab.model.to_dict()
    assert again.view.benchmark.country.value == "KEN"
    assert again.view.assessment.target["skills"].value == 5
    assert "Data protection law of 2019" in again.view.pestel.view.value


def test_profile_tab_offers_downloads(workbook):
    lab = SituationAnalysisLab(workbook)
    lab.view.assessment.today["skills"].value = 1
    lab.view.assessment.target["skills"].value = 3
    lab.view.tabs.selected_index = 4
    profile = lab.view.profile
    assert "Digital skills of public servants" in profile.view.value
    profile.word.button.click()  # one click: a Word page of the profile, downloading
    assert profile.word.download.sent == ["capacity-gap-profile.docx"]
    assert 'download="capacity-gap-profile.docx"' in profile.word.download.link.value
    assert "Word page" in profile.word.button.description
    profile.picture.click()
    assert profile.word.download.sent[-1] == "capacity-gaps.png"
