"""Ex 6 model: signals, the two critical uncertainties, four futures and the checks."""

import pytest

from dgtkit.models.checks import FormErrors
from dgtkit.models.scenarios import (
    DEFAULT_HORIZON,
    ScenarioSet,
    new_signal,
)
from dgtkit.models.text import FieldError


def scan(*ratings, current_year=2026):
    """A scenario set with one signal per (impact, uncertainty) pair, titled S1, S2, ..."""
    model = ScenarioSet(current_year=current_year)
    for number, (impact, uncertainty) in enumerate(ratings, start=1):
        model.add_signal(new_signal(f"S{number}", "", impact, uncertainty))
    return model


def complete(model=None):
    """A set that passes every check: ten signals, two axes, four named short futures."""
    model = model or scan((5, 5), (4, 4), *[(2, 2)] * 8)
    first, second = model.signals[0].id, model.signals[1].id
    model.choose_axis(0, first)
    model.choose_axis(1, second)
    for index, (low, high) in enumerate((("low trust", "high trust"), ("slow", "fast"))):
        model.name_axis_end(index, "low", low)
        model.name_axis_end(index, "high", high)
    for number, quadrant in enumerate(model.scenarios, start=1):
        model.name_scenario(quadrant, f"Future {number}")
        model.tell_scenario(quadrant, "People use services on their phones. " * 3)
    return model


def test_a_new_set_is_empty_and_set_in_2035():
    model = ScenarioSet()
    assert model.signals == [] and model.horizon == DEFAULT_HORIZON == 2035
    assert [a.signal_id for a in model.axes] == [None, None]
    assert list(model.scenarios) == ["high_high", "low_high", "low_low", "high_low"]
    assert not model.passes()


def test_every_problem_of_a_signal_is_reported_by_field():
    with pytest.raises(FormErrors) as caught:
        new_signal("  ", "x" * 10_000, 0, 6)
    assert set(caught.value.by_field) == {"title", "note", "impact", "uncertainty"}
    assert "empty" in caught.value.by_field["title"]
    assert "10,000 characters" in caught.value.by_field["note"]
    assert caught.value.by_field["impact"] == "Rate the impact from 1 (very low) to 5 (very high)."


@pytest.mark.parametrize("rating", [0, 6, 2.5, "3", True, None])
def test_ratings_are_whole_numbers_from_1_to_5(rating):
    with pytest.raises(FormErrors, match="from 1 \\(very low\\) to 5"):
        new_signal("Signal", "", rating, 3)


def test_critical_means_high_impact_and_high_uncertainty():
    model = scan((5, 5), (4, 4), (5, 3), (3, 5), (1, 1))
    assert [s.title for s in model.critical_signals()] == ["S1", "S2"]


def test_two_signals_cannot_share_a_title():
    model = scan((3, 3))
    with pytest.raises(FormErrors) as caught:
        model.add_signal(new_signal(" s1 ", "", 2, 2))
    assert "already a signal called 'S1'" in caught.value.by_field["title"]
    assert len(model.signals) == 1


def test_editing_a_signal_keeps_its_number_and_id():
    model = scan((3, 3), (2, 2))
    first = model.signals[0]
    model.replace_signal(first.id, new_signal("Trust online", "note", 5, 4))
    assert model.signals[0].id == first.id and model.signals[0].title == "Trust online"
    assert model.number_of(first.id) == 1


def test_only_a_critical_signal_can_be_an_axis_and_the_axes_differ():
    model = scan((5, 5), (2, 5))
    critical, plain = model.signals
    with pytest.raises(FieldError, match="not a critical uncertainty"):
        model.choose_axis(0, plain.id)
    model.choose_axis(0, critical.id)
    with pytest.raises(FieldError, match="already the other axis"):
        model.choose_axis(1, critical.id)
    assert model.axes[1].signal_id is None
    model.choose_axis(0, None)
    assert model.axes[0].signal_id is None


def test_a_signal_used_as_an_axis_cannot_be_removed():
    model = scan((5, 5), (1, 1))
    model.choose_axis(0, model.signals[0].id)
    with pytest.raises(FieldError, match="axis 1 of your scenarios"):
        model.remove_signal(model.signals[0].id)
    model.remove_signal(model.signals[1].id)
    assert [s.title for s in model.signals] == ["S1"]


def test_quadrant_titles_use_the_ends_of_the_axes():
    model = complete()
    assert model.quadrant_title("high_low") == "high trust + slow"
    assert ScenarioSet().quadrant_title("low_high") == "axis 1 low + axis 2 high"


def test_horizon_must_lie_ahead():
    model = ScenarioSet(current_year=2026)
    model.set_horizon(2040)
    assert model.horizon == 2040
    for bad in (2026, 2100, 0, "2035", 20.35):
        with pytest.raises(FieldError):
            model.set_horizon(bad)
    assert model.horizon == 2040


def test_a_complete_set_passes_every_check():
    model = complete()
    failed = [c for c in model.checks() if not c.passed]
    assert failed == []
    assert model.passes()


def test_checks_fail_with_reasons_in_plain_words():
    model = complete(scan((5, 5), (4, 4), (1, 1)))
    model.tell_scenario("low_low", "word " * 81)
    model.name_scenario("high_low", "Future 1")
    by_id = {c.id: c for c in model.checks()}
    assert not by_id["signals"].passed
    assert "You have 3 signals: scan for 7 more" in by_id["signals"].reason
    assert not by_id["narratives"].passed and "81 words: cut it to 80" in by_id["narratives"].reason
    assert not by_id["names"].passed and "same name" in by_id["names"].reason
    assert by_id["axes"].passed and by_id["ends"].passed and by_id["horizon"].passed
    model.tell_scenario("high_high", "")
    reason = next(c.reason for c in model.checks() if c.id == "narratives")
    assert reason == "'Future 3' has 81 words: cut it to 80. No narrative yet for 'Future 1'."
    assert "No future has a narrative yet." in ScenarioSet().checks()[4].reason


def test_an_axis_re_rated_below_critical_is_flagged():
    model = complete()
    model.replace_signal(model.signals[0].id, new_signal("S1", "", 2, 5))
    check = next(c for c in model.checks() if c.id == "axes")
    assert not check.passed and "no longer rated critical" in check.reason


def test_same_ends_on_an_axis_are_flagged():
    model = complete()
    model.name_axis_end(1, "low", "FAST")
    check = next(c for c in model.checks() if c.id == "ends")
    assert not check.passed and "axis 2 are the same" in check.reason


def test_overlong_texts_are_refused_and_the_old_value_kept():
    model = complete()
    with pytest.raises(FieldError, match="too long"):
        model.name_scenario("high_high", "x" * 10_000)
    with pytest.raises(FieldError, match="too long"):
        model.name_axis_end(0, "low", "x" * 10_000)
    assert model.scenarios["high_high"].name == "Future 1"
    assert model.axes[0].low == "low trust"


def test_round_trip_keeps_everything():
    model = complete()
    model.set_horizon(2040)
    model.name_scenario("low_low", "<script>alert(1)</script>")
    again = ScenarioSet.from_dict(model.to_dict())
    assert again == model
    assert again.to_dict() == model.to_dict()


def test_missing_parts_start_empty():
    model = ScenarioSet.from_dict({})
    assert model == ScenarioSet()
    partial = ScenarioSet.from_dict({"scenarios": {"low_low": {"name": "Stall"}}})
    assert partial.scenarios["low_low"].name == "Stall"
    assert partial.scenarios["low_low"].narrative == ""


@pytest.mark.parametrize(
    "garbage",
    [
        {"signals": [{"title": "No id", "impact": 3, "uncertainty": 3}]},
        {"signals": [{"id": "a", "title": "A", "impact": 9, "uncertainty": 3}]},
        {"signals": "not a list of signals"},
        {"axes": [{"signal_id": "nowhere"}]},
        {"axes": [{}, {}, {}]},
        {"scenarios": {"middle": {"name": "x"}}},
        {"horizon": "soon"},
        {"scenarios": {"low_low": {"name": "x" * 10_000}}},
    ],
)
def test_garbage_is_rejected(garbage):
    with pytest.raises((KeyError, TypeError, ValueError, AttributeError)):
        ScenarioSet.from_dict(garbage)
