"""Ex 4 model, data and chart: the five steps of page 2.3, ordering, checks, links, storage."""

from pathlib import Path

import pytest
import yaml
from matplotlib.figure import Figure

from dgtkit.charts import to_png
from dgtkit.charts.sequencing import BLUE, GREEN, GREY, INK, RED, order_alt_text, order_chart
from dgtkit.models.sequencing import (
    REVEAL_AFTER,
    ProcessSequence,
    evaluate,
    parse_steps,
    process_steps,
)
from dgtkit.models.text import FieldError
from tests.unit.test_classification import HOSTILE, contrast_on_white

REPO = Path(__file__).resolve().parents[2]
BIB = (REPO / "book" / "references.bib").read_text("utf-8")
PAGE = (REPO / "book" / "m2-holistic-approach" / "2-3-process.md").read_text("utf-8")
DATA = REPO / "dgtkit" / "course" / "ex04_steps.yaml"
RIGHT = ["framing", "situation", "envisioning", "strategy", "monitoring"]


def placed(order: list[str]) -> ProcessSequence:
    model = ProcessSequence()
    for position, step_id in enumerate(order, start=1):
        model.place(step_id, position)
    return model


def texts(figure: Figure) -> list[str]:
    """The chart's texts; a step's name may take two lines (the chart is drawn for a phone)."""
    return [t.get_text().replace("\n", " ") for axes in figure.axes for t in axes.texts]


# -- the data -------------------------------------------------------------------------------


def test_the_five_steps_are_those_of_page_2_3_with_their_source():
    steps = process_steps()
    assert list(steps.ids) == RIGHT
    assert [s.section for s in steps.steps] == ["7.2", "7.3", "7.4", "7.5", "7.6"]
    for step in steps.steps:  # the page's table: "7.2 (p. 180)", ...
        assert f"{step.section} ({step.page})" in PAGE, step.id
        assert step.hint and step.text
    assert "{" + steps.source + "," in BIB
    assert "results of step 5 feed a new situation analysis" in PAGE and steps.cycle


def test_the_cards_are_dealt_shuffled_with_nothing_in_place_and_no_pair_swapped():
    steps = process_steps()
    dealt = evaluate(steps.deal, steps.ids)
    assert sorted(steps.deal) == sorted(steps.ids)
    assert dealt.right == 0 and dealt.swapped == ()


@pytest.mark.parametrize(
    "deal",
    [RIGHT, ["situation", "framing", "strategy", "monitoring", "envisioning"], RIGHT[:4]],
)
def test_a_deal_that_shows_the_answer_or_misses_a_step_is_refused(deal):
    raw = yaml.safe_load(DATA.read_text("utf-8"))
    raw["deal"] = deal
    with pytest.raises(ValueError, match="deal"):
        parse_steps(raw)


def test_the_hints_never_give_a_position():
    for step in process_steps().steps:
        for word in ("first", "second", "third", "fourth", "fifth", "last", "position"):
            assert word not in step.hint.lower(), (step.id, word)


# -- ordering -------------------------------------------------------------------------------


def test_placing_on_a_taken_position_swaps_the_two_cards():
    model = ProcessSequence()
    assert model.place("framing", 1) == "\u201cHolistic framing\u201d is now at position 1."
    model.place("situation", 2)
    said = model.place("situation", 1)
    assert said == (
        "\u201cSituation analysis\u201d is now at position 1. "
        "\u201cHolistic framing\u201d is now at position 2."
    )
    assert model.order == ["situation", "framing", None, None, None]
    said = model.place("monitoring", 2)
    assert "\u201cHolistic framing\u201d has no position now." in said
    assert model.positions["framing"] is None
    assert model.place("monitoring", 2) == ""  # no change
    model.place("monitoring", None)
    assert model.order == ["situation", None, None, None, None]


@pytest.mark.parametrize("position", [0, 6, 2.5, "3", True])
def test_a_position_is_a_whole_number_from_1_to_5(position):
    model = ProcessSequence()
    with pytest.raises(FieldError, match="from 1 to 5"):
        model.place("framing", position)
    assert model.positions["framing"] is None


def test_an_unknown_step_gets_a_plain_message():
    with pytest.raises(FieldError, match="not in the exercise"):
        ProcessSequence().place("procurement", 1)


# -- checking -------------------------------------------------------------------------------


def test_checking_needs_every_step_placed_and_names_the_missing():
    model = ProcessSequence()
    model.place("framing", 1)
    with pytest.raises(FieldError, match="Still without a position") as error:
        model.check()
    assert "\u201cSituation analysis\u201d" in str(error.value)
    assert model.checks == 0


def test_feedback_says_what_is_in_place_which_pairs_are_swapped_and_hints_once():
    model = placed(["framing", "envisioning", "situation", "monitoring", "strategy"])
    feedback = model.check()
    assert feedback.right_positions == (1,)
    assert set(feedback.swapped) == {("envisioning", "situation"), ("monitoring", "strategy")}
    assert feedback.hint_step is None  # every misplaced step is in a swapped pair
    lines = model.feedback_lines(feedback)
    assert lines[0] == "1 of 5 steps are in the right place: position 1."
    assert "\u201cEnvisioning\u201d and \u201cSituation analysis\u201d are swapped" in lines[1]
    assert len(lines) == 3


def test_the_dealt_order_gets_one_hint_and_not_the_whole_answer():
    model = placed(list(process_steps().deal))
    feedback = model.check()
    lines = model.feedback_lines(feedback)
    assert lines[0] == "0 of 5 steps are in the right place yet."
    assert len(lines) == 2 and lines[1].startswith("A hint for \u201cStrategy and roadmap\u201d")
    assert process_steps().step("strategy").hint in lines[1]
    for step in process_steps().steps:  # no other step is named
        if step.id != "strategy":
            assert step.name not in " ".join(lines)


def test_the_hint_is_for_the_first_misplaced_step_outside_the_swaps():
    model = placed(["framing", "strategy", "situation", "envisioning", "monitoring"])
    feedback = model.check()
    assert feedback.right_positions == (1, 5)
    assert feedback.hint_step == "strategy"


def test_a_right_order_is_praised_and_opens_the_answer():
    model = placed(RIGHT)
    assert model.is_right and not model.shows_answer
    lines = model.feedback_lines(model.check())
    assert lines[0] == "All 5 steps are in the right order. Well done."
    assert model.shows_answer and model.can_reveal


def test_checks_are_counted_and_the_first_is_remembered():
    model = placed(list(process_steps().deal))
    model.check()
    model.place("framing", 1)
    model.check()
    assert model.checks == 2 and model.first_check_right == 0
    assert model.score()["right"] == 1
    model.place("situation", 2)
    assert model.changed_since_check
    assert "You have changed the order since then." in model.summary()


def test_the_answer_can_be_revealed_only_after_some_checks():
    model = placed(list(process_steps().deal))
    with pytest.raises(FieldError, match="2 more times"):
        model.reveal()
    for _ in range(REVEAL_AFTER):
        model.check()
    model.reveal()
    assert model.revealed and model.shows_answer
    assert model.score()["revealed"] is True


# -- links ----------------------------------------------------------------------------------


def test_links_belong_to_a_pair_of_steps_and_are_kept_when_the_order_changes():
    model = placed(RIGHT)
    model.explain_link("framing", "situation", "  The weakest pillars   show where to look. ")
    assert model.link("framing", "situation") == "The weakest pillars show where to look."
    assert model.links_explained == 1
    model.place("situation", 3)  # now framing -> envisioning -> situation
    assert model.link("framing", "envisioning") == ""
    assert model.other_links() == [
        ("framing", "situation", "The weakest pillars show where to look.")
    ]
    assert model.links_explained == 0
    model.explain_link("framing", "situation", "")
    assert model.links == {}


def test_a_link_has_rules():
    model = ProcessSequence()
    with pytest.raises(FieldError, match="too long"):
        model.explain_link("framing", "situation", "x" * 10_000)
    with pytest.raises(FieldError, match="two different steps"):
        model.explain_link("framing", "framing", "itself")
    with pytest.raises(FieldError, match="not in the exercise"):
        model.explain_link("framing", "procurement", "text")
    with pytest.raises(FieldError, match="too long"):
        model.explain_cycle("x" * 10_000)
    assert model.links == {} and model.cycle_link == ""


def test_the_course_links_follow_the_expected_order():
    links = ProcessSequence().expected_links()
    assert [(a, b) for a, b, _ in links] == list(zip(RIGHT[:-1], RIGHT[1:], strict=True))
    assert all(text for _, _, text in links)


# -- storage --------------------------------------------------------------------------------


def test_round_trip_keeps_order_links_checks_and_reveal():
    model = placed(list(process_steps().deal))
    model.explain_link("strategy", "envisioning", HOSTILE)
    model.explain_cycle("Indicators feed the next analysis.")
    model.check()
    model.check()
    model.reveal()
    data = model.to_dict()
    assert data["order"] == list(process_steps().deal)
    assert data["links"] == {"strategy>envisioning": HOSTILE}
    assert data["score"] == {
        "right": 0,
        "total": 5,
        "checks": 2,
        "right_at_first_check": 0,
        "revealed": True,
        "links_explained": 1,
        "links_needed": 4,
    }
    again = ProcessSequence.from_dict(data)
    assert again == model and again.to_dict() == data


def test_loading_tolerates_missing_keys_and_drops_what_breaks_a_rule():
    assert ProcessSequence.from_dict({}) == ProcessSequence()
    model = ProcessSequence.from_dict(
        {
            "positions": {"framing": 1, "situation": 1, "strategy": 9, "x": 2, "monitoring": [3]},
            "links": {"framing>situation": "ok", "framing>nowhere": "lost", "oops": "lost"},
            "checks": -1,
            "checked_order": ["framing", "framing"],
            "first_check_right": 99,
            "revealed": "yes",
        }
    )
    assert model.order == ["framing", None, None, None, None]
    assert model.links == {"framing>situation": "ok"}
    assert model.checks == 0 and model.checked_order is None
    assert model.first_check_right is None and model.revealed is False


@pytest.mark.parametrize(
    "garbage", ["order", [1, 2], None, {"positions": [1, 2]}, {"links": "text"}]
)
def test_loading_garbage_raises(garbage):
    with pytest.raises((TypeError, ValueError, KeyError)):
        ProcessSequence.from_dict(garbage)


# -- the chart ------------------------------------------------------------------------------


def test_chart_before_any_check_hides_the_expected_order():
    model = ProcessSequence()
    model.place("framing", 3)
    figure = order_chart(model)
    assert isinstance(figure, Figure)
    drawn = texts(figure)
    assert "Your order (not checked yet)" in drawn
    assert "3. Holistic framing" in drawn and "1. (no step yet)" in drawn
    assert sum("? (hidden)" in t for t in drawn) == 5
    assert not any("right" in t or "not here" in t for t in drawn)
    assert to_png(figure).startswith(b"\x89PNG")


def test_chart_after_a_check_marks_each_position_and_shows_only_the_right_ones():
    model = placed(list(process_steps().deal))
    model.place("framing", 1)  # framing right; strategy moves to the end
    model.check()
    drawn = texts(order_chart(model))
    assert "Your order at check 1" in drawn
    assert drawn.count("\u2713 right") == 1 and drawn.count("\u2717 not here") == 4
    assert sum("? (hidden)" in t for t in drawn) == 4
    assert "1. Holistic framing" in drawn and "2. Situation analysis" not in drawn
    alt = order_alt_text(model)
    assert "1 Holistic framing (right place)" in alt
    assert "Expected order, shown only where you are right: 1 Holistic framing." in alt


def test_chart_shows_the_whole_expected_order_once_revealed():
    model = placed(list(process_steps().deal))
    model.check()
    model.check()
    model.reveal()
    figure = order_chart(model)
    drawn = texts(figure)
    assert not any("? (hidden)" in t for t in drawn)
    assert "5. Monitoring and evaluation" in drawn
    styles = [line.get_linestyle() for line in figure.axes[0].lines]
    assert styles.count("--") == 5  # every step misplaced: dashed, not colour alone
    alt = order_alt_text(model)
    assert "Expected order: 1 Holistic framing; 2 Situation analysis;" in alt


def test_chart_alt_text_before_a_check():
    alt = order_alt_text(ProcessSequence())
    assert alt.startswith("Chart of your order, not checked yet. Your order: 1 no step yet;")
    assert alt.endswith("The expected order is hidden until you have steps in the right place.")


def test_chart_draws_hostile_course_text_literally():
    raw = yaml.safe_load(DATA.read_text("utf-8"))
    raw["steps"][0]["name"] = "$x^2$ <b>"
    model = ProcessSequence(steps=parse_steps(raw))
    model.place("framing", 1)
    model.explain_link("framing", "situation", HOSTILE)
    figure = order_chart(model)
    to_png(figure)
    assert "1. $x^2$ <b>" in texts(figure)


@pytest.mark.parametrize("colour", [GREEN, RED, GREY, INK, BLUE])
def test_colours_have_enough_contrast_on_white(colour):
    assert contrast_on_white(colour) >= 4.5
