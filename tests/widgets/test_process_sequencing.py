"""Ex 4 driven from Python: place the cards, explain the links, check, reveal; then check the
model and the workbook; reopening restores everything."""

import pytest

from dgtkit.exercises.ex04_sequencing import ProcessSequencing
from dgtkit.models.sequencing import EXERCISE_KEY, process_steps
from dgtkit.store.workbook import Workbook
from tests.widgets.test_service_classification import HOSTILE, html_values

RIGHT = ["framing", "situation", "envisioning", "strategy", "monitoring"]


@pytest.fixture
def workbook(tmp_path):
    return Workbook(tmp_path / "workbook.sqlite", participant="team-a")


def saved(workbook):
    return workbook.latest(EXERCISE_KEY).data


def place(view, order):
    for position, step_id in enumerate(order, start=1):
        view.positions[step_id].value = position


def test_cards_are_dealt_shuffled_with_labelled_position_choices(workbook):
    view = ProcessSequencing(workbook).view
    assert list(view.positions) == list(process_steps().deal)
    dropdown = view.positions["framing"]
    assert dropdown.description == "Position of Holistic framing"
    assert [label for label, _ in dropdown.options] == [
        "No position yet",
        "1 (first)",
        "2",
        "3",
        "4",
        "5 (last)",
    ]
    assert all(box.disabled for box in view.link_boxes)  # nothing placed: no link yet
    assert 'alt="Chart of your order, not checked yet.' in view.chart.value


def test_placing_saves_and_a_taken_position_swaps_the_cards(workbook):
    exercise = ProcessSequencing(workbook)
    view = exercise.view
    view.positions["framing"].value = 1
    assert saved(workbook)["order"] == ["framing", None, None, None, None]
    view.positions["situation"].value = 2
    view.positions["situation"].value = 1
    assert saved(workbook)["order"] == ["situation", "framing", None, None, None]
    assert view.positions["framing"].value == 2  # the form follows the swap
    assert "Holistic framing\u201d is now at position 2." in view.moved.value
    assert 'role="status"' in view.moved.value
    assert "<li>Situation analysis</li><li>Holistic framing</li>" in view.order_view.value


def test_links_are_saved_by_pair_and_kept_when_the_order_changes(workbook):
    exercise = ProcessSequencing(workbook)
    view = exercise.view
    place(view, RIGHT)
    assert not any(box.disabled for box in view.link_boxes)
    assert "Holistic framing</b> \u2192 <b>Situation analysis" in view.link_titles[0].value
    view.link_boxes[0].value = HOSTILE
    assert saved(workbook)["links"] == {"framing>situation": HOSTILE}
    view.positions["situation"].value = 3  # framing -> envisioning -> situation
    assert view.link_boxes[0].value == ""  # a new pair, not yet explained
    assert "&lt;script&gt;" in view.kept.value
    assert "<script>" not in html_values(view.widget)
    assert saved(workbook)["links"] == {"framing>situation": HOSTILE}  # nothing lost
    view.positions["situation"].value = 2
    assert view.link_boxes[0].value == HOSTILE


def test_bad_link_text_gets_a_message_and_changes_nothing(workbook):
    exercise = ProcessSequencing(workbook)
    view = exercise.view
    place(view, RIGHT)
    view.link_boxes[1].value = "The gaps keep the vision realistic."
    before = workbook.latest(EXERCISE_KEY).id
    view.link_boxes[1].value = "x" * 10_000
    assert "too long" in view.link_messages[1].value
    assert workbook.latest(EXERCISE_KEY).id == before
    assert saved(workbook)["links"] == {
        "situation>envisioning": "The gaps keep the vision realistic."
    }
    view.cycle.value = "x" * 10_000
    assert "too long" in view.cycle_message.value
    assert workbook.latest(EXERCISE_KEY).id == before


def test_check_needs_every_card_then_gives_feedback_and_a_score(workbook):
    exercise = ProcessSequencing(workbook)
    view = exercise.view
    view.positions["framing"].value = 1
    before = workbook.latest(EXERCISE_KEY).id
    view.check.click()
    assert "Still without a position" in view.check_message.value
    assert workbook.latest(EXERCISE_KEY).id == before and saved(workbook)["checks"] == 0
    place(view, ["framing", "envisioning", "situation", "strategy", "monitoring"])
    view.check.click()
    assert view.check_message.value == ""
    assert "3 of 5 steps are in the right place: positions 1, 4 and 5." in view.feedback.value
    assert "are swapped: exchange them." in view.feedback.value
    assert "Score: 3 of 5 steps in the right place" in view.score.value
    assert saved(workbook)["score"]["right"] == 3 and saved(workbook)["checks"] == 1
    assert 'alt="Chart of your order at check 1 against the expected order.' in view.chart.value
    assert view.answer.value == ""  # not the whole answer yet


def test_the_expected_order_can_be_shown_after_two_checks(workbook):
    exercise = ProcessSequencing(workbook)
    view = exercise.view
    place(view, list(process_steps().deal))
    assert view.reveal.disabled
    view.reveal.click()
    assert "2 more times" in view.check_message.value
    view.check.click()
    view.check.click()
    assert not view.reveal.disabled
    view.reveal.click()
    assert saved(workbook)["revealed"] is True
    assert "The expected order" in view.answer.value
    assert "section 7.5, pp. 186 to 208" in view.answer.value
    assert view.reveal.disabled


def test_a_right_order_shows_the_course_links_to_compare(workbook):
    exercise = ProcessSequencing(workbook)
    view = exercise.view
    place(view, RIGHT)
    view.check.click()
    assert "All 5 steps are in the right order." in view.feedback.value
    assert "Compare your links with the course's:" in view.answer.value
    assert "The process works as a cycle" in view.answer.value
    assert saved(workbook)["score"]["revealed"] is False


def test_closing_and_reopening_restores_everything(workbook):
    exercise = ProcessSequencing(workbook)
    view = exercise.view
    place(view, ["framing", "envisioning", "situation", "strategy", "monitoring"])
    view.link_boxes[0].value = "The pillars show where to look."
    view.cycle.value = "The indicators start the next analysis."
    view.check.click()
    again = ProcessSequencing(workbook)
    assert again.model.to_dict() == exercise.model.to_dict()
    assert again.view.positions["envisioning"].value == 2
    assert again.view.link_boxes[0].value == "The pillars show where to look."
    assert again.view.cycle.value == "The indicators start the next analysis."
    assert "3 of 5 steps are in the right place" in again.view.feedback.value
    assert again.view.score.value == view.score.value


def test_an_unreadable_saved_state_starts_empty_and_says_so(workbook):
    workbook.save(EXERCISE_KEY, {"positions": "garbage"})
    exercise = ProcessSequencing(workbook)
    assert exercise.model.order == [None] * 5
    assert "could not be read" in exercise.view.status.value
