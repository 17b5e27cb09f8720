"""The week: five days, 31 sessions, every session and exercise in exactly one slot."""

import pytest

from dgtkit.course.week import week


def test_the_week_is_consistent():
    assert week().problems() == []


def test_seven_modules_and_31_sessions_in_order():
    w = week()
    assert [m.number for m in w.modules] == [1, 2, 3, 4, 5, 6, 7]
    assert [len(m.sessions) for m in w.modules] == [5, 4, 4, 4, 8, 4, 2]
    ids = [s.id for s in w.sessions]
    assert ids[0] == "1.1" and ids[-1] == "7.2" and len(ids) == 31


def test_five_days_covering_the_agenda():
    w = week()
    assert [d.number for d in w.days] == [1, 2, 3, 4, 5]
    day_of = {s.id: w.slot_of(s.id)[0].number for s in w.sessions}
    assert day_of["1.1"] == 1 and day_of["2.2"] == 1 and day_of["2.3"] == 2
    assert day_of["5.1"] == 3 and day_of["5.2"] == 4 and day_of["7.2"] == 5


def test_twelve_numbered_exercises_and_the_action_plan():
    w = week()
    numbers = [e.number for e in w.exercises if e.number]
    assert numbers == list(range(1, 13))
    assert w.exercise("action_plan").module == 7
    assert w.slot_of("ex03")[1].sessions == ("2.2",)


def test_problems_are_found(monkeypatch):
    w = week()
    broken_day = w.days[0]
    slots = list(broken_day.slots)
    slots[1], slots[2] = slots[2], slots[1]  # out of order: overlaps
    from dataclasses import replace

    broken = replace(w, days=(replace(broken_day, slots=tuple(slots)),) + w.days[1:])
    assert any("overlaps" in p for p in broken.problems())
    dropped = replace(w, days=w.days[1:])
    assert any("session 1.1" in p for p in dropped.problems())


def test_unknown_ids_raise():
    with pytest.raises(KeyError):
        week().session("8.1")
    with pytest.raises(KeyError):
        week().exercise("ex99")


def test_only_a_repeated_exercise_may_be_on_the_agenda_twice():
    from dataclasses import replace

    w = week()
    assert w.exercise("knowledge_test").repeated
    assert [d.number for d in w.days if any("knowledge_test" in s.exercises for s in d.slots)] == [
        1,
        5,
    ]
    once = tuple(replace(e, repeated=False) if e.id == "knowledge_test" else e for e in w.exercises)
    assert (
        "exercise knowledge_test is not on the agenda exactly once"
        in replace(w, exercises=once).problems()
    )
