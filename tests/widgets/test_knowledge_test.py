"""The knowledge test driven from Python: choose the attempt, answer, submit, read the gain per
module, and the feedback once the post-test is in."""

import pytest

from dgtkit.exercises.knowledge_test import KnowledgeTest
from dgtkit.models.knowledge_test import EXERCISE_KEY, POST, PRE
from dgtkit.store.workbook import Workbook


@pytest.fixture
def workbook(tmp_path):
    return Workbook(tmp_path / "workbook.sqlite", participant="ana")


def saved(workbook):
    return workbook.latest(EXERCISE_KEY).data


def answer(view, right_count: int) -> None:
    for n, question in enumerate(view.model.bank.questions):
        correct = next(i for i, c in enumerate(question.choices) if c.correct)
        view.radios[question.id].value = (
            correct if n < right_count else (correct + 1) % len(question.choices)
        )


def test_every_question_has_a_labelled_radio_group(workbook):
    view = KnowledgeTest(workbook).view
    questions = view.model.bank.questions
    assert [r.description for r in view.radios.values()] == [
        f"Question {n}" for n in range(1, len(questions) + 1)
    ]
    first = view.radios[questions[0].id]
    assert first.value is None and [label for label, _ in first.options] == [
        c.text for c in questions[0].choices
    ]
    assert view.attempt.label == "Day 1 pre-test"


def test_pre_test_then_post_test_then_the_gain(workbook):
    view = KnowledgeTest(workbook).view
    total = view.model.total
    answer(view, 4)
    assert saved(workbook)["attempts"][PRE]["submitted_at"] == ""
    view.submit.click()
    data = saved(workbook)
    assert data["scores"][PRE]["score"] == 4 and data["gain"] is None
    assert data["modules"]["1"] == {"total": 3, "pre": 3, "post": None, "gain": None}
    first = view.model.bank.questions[0].id
    last = view.model.bank.questions[-1].id
    assert view.radios[first].disabled and view.submit.disabled
    # No feedback yet: it would teach the answers of the questions asked again on Day 5.
    assert view.feedback[first].value == view.feedback[last].value == ""
    assert "shown after the Day 5 post-test" in view.attempt_status.value
    assert "Day 5 post-test not submitted" in view.chart.value
    view.attempt.value = POST
    assert not view.radios[first].disabled and view.radios[first].value is None
    assert view.feedback[first].value == ""
    answer(view, 9)
    view.submit.click()
    assert saved(workbook)["gain"] == {"points": 5, "percent_points": round(500 / total, 1)}
    assert "Your gain: +5 points" in view.gain.value
    assert "Your score and gain per module" in view.gain.value
    assert "<th scope=\"row\">2. Holistic approach</th><td>1 of 3</td><td>3 of 3</td>" in (
        view.gain.value
    )
    assert "Improved" in view.changes.value
    assert f"Day 1 pre-test 4 of {total}" in view.chart.value
    assert "Right." in view.feedback[first].value  # the post-test's feedback
    assert "Not right." in view.feedback[last].value
    assert "The right answer:" in view.feedback[last].value
    view.attempt.value = PRE  # and now the pre-test's too
    assert "Right." in view.feedback[first].value and "Not right." in view.feedback[last].value


def test_the_post_test_waits_for_the_pre_test(workbook):
    view = KnowledgeTest(workbook).view
    view.attempt.value = POST
    assert "pre-test is not submitted yet" in view.attempt_status.value
    answer(view, 2)
    before = workbook.latest(EXERCISE_KEY).id
    view.submit.click()
    assert "Submit the Day 1 pre-test first" in view.submit_message.value
    assert workbook.latest(EXERCISE_KEY).id == before
    assert saved(workbook)["attempts"][POST]["submitted_at"] == ""


def test_an_incomplete_test_is_not_submitted(workbook):
    view = KnowledgeTest(workbook).view
    view.radios[view.model.bank.questions[0].id].value = 0
    view.submit.click()
    assert "Answer every question first" in view.submit_message.value
    assert "Questions 2, 3" in view.submit_message.value
    assert saved(workbook)["scores"][PRE] is None


def test_reopening_restores_answers_locks_and_the_next_attempt(workbook):
    view = KnowledgeTest(workbook).view
    answer(view, 6)
    view.submit.click()
    view.attempt.value = POST
    first = view.model.bank.questions[0].id
    view.radios[first].value = 2
    again = KnowledgeTest(workbook).view
    assert again.model == view.model
    assert again.attempt.value == POST and again.radios[first].value == 2
    again.attempt.value = PRE
    assert again.radios[first].disabled and "Score 6 of" in again.attempt_status.value


def test_a_locked_test_cannot_be_changed_from_the_model_either(workbook):
    exercise = KnowledgeTest(workbook)
    answer(exercise.view, 3)
    exercise.view.submit.click()
    before = workbook.latest(EXERCISE_KEY).id
    first = exercise.model.bank.questions[0].id
    radio = exercise.view.radios[first]
    radio.disabled = False  # a tampered form
    radio.value = (radio.value + 1) % len(radio.options)
    assert "answers are locked" in exercise.view.messages[first].value
    assert workbook.latest(EXERCISE_KEY).id == before


def test_the_questions_come_under_a_heading_per_module(workbook):
    view = KnowledgeTest(workbook).view
    headings = [
        child.value for child in view.questions.children if "<h4>" in getattr(child, "value", "")
    ]
    assert headings[0] == "<h4>Module 1. Introduction</h4>" and len(headings) == 7
    assert "21 questions cover all 7 modules of the course, 3 for each module" in (
        view.widget.children[0].value
    )


def test_a_test_saved_on_the_old_questions_opens_again_with_a_note(workbook):
    workbook.save(
        EXERCISE_KEY,
        {"attempts": {PRE: {"answers": {"m1-q01": "Digitisation"},
                            "submitted_at": "2026-03-02T09:30:00+00:00"}}},
    )
    view = KnowledgeTest(workbook).view
    assert view.attempt.value == PRE and not view.submit.disabled
    assert "had other questions, so it is open again" in view.attempt_status.value
