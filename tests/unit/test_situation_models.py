"""Ex 5 models: self-assessment, boards, stakeholders, benchmark and the gap profile."""

import pytest

from dgtkit.models.assessment import TeamAssessment
from dgtkit.models.boards import PESTEL, SWOT, Board
from dgtkit.models.peers import Benchmark, UnknownCountry, country_options
from dgtkit.models.situation import SituationAnalysis
from dgtkit.models.stakeholders import StakeholderMap
from dgtkit.models.text import FieldError


def test_members_rate_alone_and_the_team_sees_disagreement():
    team = TeamAssessment()
    team.add_member("Ana")
    team.add_member(" Ben ")
    team.rate_member("Ana", "skills", 1)
    team.rate_member("Ben", "skills", 4)
    team.rate_member("Ana", "leadership", 3)
    team.rate_member("Ben", "leadership", 4)
    [disagreement] = team.disagreements()
    assert (disagreement.pillar, disagreement.lowest, disagreement.highest) == ("skills", 1, 4)
    assert team.members_median("skills") == 1


@pytest.mark.parametrize("name", ["", "   ", "x" * 61])
def test_a_member_needs_a_short_name(name):
    with pytest.raises(FieldError):
        TeamAssessment().add_member(name)


def test_the_same_member_cannot_be_added_twice():
    team = TeamAssessment()
    team.add_member("Ana")
    with pytest.raises(FieldError, match="already"):
        team.add_member("ana")


def test_gaps_are_sorted_biggest_first_and_flag_a_target_below_today():
    team = TeamAssessment()
    team.set_current("skills", 1)
    team.set_target("skills", 4)
    team.set_current("leadership", 2)
    team.set_target("leadership", 3)
    team.set_current("inclusion", 4)
    team.set_target("inclusion", 2)
    assert [(g.pillar, g.gap) for g in team.gaps()] == [
        ("skills", 3),
        ("leadership", 1),
        ("inclusion", -2),
    ]
    assert "below today's level" in team.problems()["inclusion"]
    assert "skills" not in team.missing and "institutions" in team.missing


@pytest.mark.parametrize("level", [0, 6, 2.5, "3", True])
def test_levels_are_whole_numbers_on_the_scale(level):
    with pytest.raises(FieldError):
        TeamAssessment().set_target("skills", level)


def test_prefill_from_ex3_keeps_what_the_team_already_set():
    team = TeamAssessment()
    team.set_current("skills", 3)
    team.prefill({"skills": 1, "leadership": 2, "nonsense": 4, "inclusion": 9})
    assert team.current["skills"] == 3
    assert team.current["leadership"] == 2
    assert team.current["inclusion"] is None


def test_board_add_edit_rank_and_remove():
    board = Board(SWOT)
    first = board.add("strengths", "Mobile money is widely used")
    second = board.add("strengths", "A national ID")
    board.move(second.id, -1)
    assert [e.text for e in board.entries["strengths"]] == [
        "A national ID",
        "Mobile money is widely used",
    ]
    board.edit(first.id, "Mobile money is used by most adults")
    assert board.entries["strengths"][1].text == "Mobile money is used by most adults"
    board.remove(second.id)
    assert board.count() == 1
    assert Board.from_dict(SWOT, board.to_dict()).to_dict() == board.to_dict()


def test_board_refuses_empty_huge_and_unknown_entries():
    board = Board(PESTEL)
    with pytest.raises(FieldError, match="empty"):
        board.add("legal", "  ")
    with pytest.raises(FieldError, match="too long"):
        board.add("legal", "x" * 10_000)
    with pytest.raises(FieldError):
        board.add("strengths", "not a PESTEL category")
    assert board.count() == 0


def test_stakeholder_quadrants_and_strategies():
    stakeholders = StakeholderMap()
    minister = stakeholders.add("Minister", 9, 8)
    citizens = stakeholders.add("Citizens", 3, 9)
    treasury = stakeholders.add("Treasury", 8, 2)
    press = stakeholders.add("Press", 2, 2)
    assert [s.quadrant for s in (minister, citizens, treasury, press)] == [
        "Manage closely",
        "Keep informed",
        "Keep satisfied",
        "Monitor",
    ]
    stakeholders.update(press.id, 7, 7)
    assert stakeholders.by_quadrant()["Manage closely"][-1].name == "Press"
    with pytest.raises(FieldError):
        stakeholders.add("Minister", 1, 1)
    with pytest.raises(FieldError):
        stakeholders.add("Mayor", 11, 1)


def test_benchmark_compares_with_peers_from_the_data():
    kenya = Benchmark("KEN")
    assert kenya.name == "Kenya"
    table = kenya.latest_vs_peers()
    assert list(table.columns) == ["country", "un_region", "un_sub_region", "income_group"]
    assert table.loc["egdi", "country"] == pytest.approx(0.63, abs=0.01)
    assert 40 < kenya.percentile() < 50
    evidence = " ".join(kenya.evidence())
    assert "rank 109 of 193" in evidence and "Eastern Africa" in evidence and "GovTech" in evidence


def test_benchmark_of_an_unknown_country_is_refused():
    with pytest.raises(UnknownCountry):
        Benchmark("XXX").country  # noqa: B018
    with pytest.raises(FieldError):
        SituationAnalysis().choose_country("XXX")


def test_country_picker_offers_every_member_state():
    options = country_options()
    assert len(options) == 193
    assert ("Denmark (DNK)", "DNK") in options


def test_gap_profile_markdown_is_escaped_and_complete():
    analysis = SituationAnalysis(government="City of <b>Medan</b>")
    analysis.choose_country("IDN")
    analysis.assessment.set_current("skills", 1)
    analysis.assessment.set_target("skills", 4)
    analysis.assessment.note_evidence("skills", "Only 3 | 40 staff trained <script>")
    analysis.swot.add("threats", "Cyber attacks")
    profile = analysis.gap_profile()
    assert [g.pillar for g in profile.gaps] == ["skills"]
    assert profile.country == "Indonesia"
    markdown = profile.markdown()
    assert "| Digital skills of public servants | 1 | 4 | 3 |" in markdown
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown
    assert "Only 3 / 40" in markdown
    assert "Not finished" in markdown  # seven pillars are not set
    assert "- Cyber attacks" in markdown


def test_situation_round_trip_and_garbage():
    analysis = SituationAnalysis()
    analysis.choose_country("DNK")
    analysis.assessment.add_member("Ana")
    analysis.assessment.rate_member("Ana", "skills", 5)
    analysis.pestel.add("legal", "A data protection law")
    analysis.stakeholders.add("Parliament", 10, 5)
    saved = analysis.to_dict()
    assert SituationAnalysis.from_dict(saved).to_dict() == saved
    with pytest.raises(TypeError):
        SituationAnalysis.from_dict(["not", "a", "mapping"])
    odd = SituationAnalysis.from_dict({"country": "XXX", "assessment": {"target": {"skills": 99}}})
    assert odd.country == "" and odd.assessment.target["skills"] is None
