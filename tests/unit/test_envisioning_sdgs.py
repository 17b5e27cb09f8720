"""The SDG data: all 17 goals, and only targets whose official wording was confirmed."""

import pytest

from dgtkit.course.sdgs import sdgs


def test_the_17_goals_in_order_with_their_short_titles():
    goals = sdgs().goals
    assert [g.number for g in goals] == list(range(1, 18))
    assert sdgs().goal(16).title == "Peace, justice and strong institutions"
    assert sdgs().goal(9).label == "SDG 9 Industry, innovation and infrastructure"
    assert all(g.title and g.title[0].isupper() for g in goals)


def test_the_course_targets_carry_official_wording_and_how_it_was_confirmed():
    data = sdgs()
    assert set(data.target_ids) >= {"9.c", "16.6", "16.10", "17.9"}
    assert data.target("16.6").text == (
        "Develop effective, accountable and transparent institutions at all levels"
    )
    assert data.target("9.c").text.endswith("in least developed countries by 2020")
    for target in data.targets:
        assert target.confirmed.strip(), f"{target.id} says nothing on how it was confirmed"
        assert "  " not in target.text and not target.text.endswith(".")


def test_targets_belong_to_the_goal_their_number_names():
    data = sdgs()
    assert [t.id for t in data.targets_of(16)] == ["16.6", "16.7", "16.10"]
    assert data.targets_of(1) == ()
    assert all(t.goal == int(t.id.split(".")[0]) for t in data.targets)


def test_the_source_is_the_2030_agenda_resolution():
    data = sdgs()
    assert data.source_key == "un-ares-70-1"
    assert "A/RES/70/1" in data.citation and "2030 Agenda" in data.citation


def test_unknown_goal_or_target_is_a_key_error():
    with pytest.raises(KeyError):
        sdgs().goal(18)
    with pytest.raises(KeyError):
        sdgs().target("99.9")
