"""Ex 1 driven from Python: choose, read the feedback, give reasons, then check the model and
the workbook; reopening restores everything."""

import ipywidgets as w
import pytest

from dgtkit.exercises.ex01_classification import ServiceClassification
from dgtkit.models.classification import EXERCISE_KEY
from dgtkit.store.workbook import Workbook

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture
def workbook(tmp_path):
    return Workbook(tmp_path / "workbook.sqlite", participant="team-a")


def saved(workbook):
    return workbook.latest(EXERCISE_KEY).data


def html_values(widget) -> str:
    """Every HTML shown by the form, in order."""
    found = []
    if isinstance(widget, w.HTML):
        found.append(widget.value)
    for child in getattr(widget, "children", ()):
        found.append(html_values(child))
    return "\n".join(found)


def test_every_choice_is_saved_and_gets_feedback_at_once(workbook):
    exercise = ServiceClassification(workbook)
    view = exercise.view
    assert workbook.latest(EXERCISE_KEY) is None  # opening saves nothing
    view.choices["city-app"].value = "transformation"
    assert exercise.model.answers["city-app"].choice == "transformation"
    assert saved(workbook)["answers"]["city-app"]["choice"] == "transformation"
    feedback = view.feedback["city-app"].value
    assert "Not quite yet." in feedback and "What to reconsider" in feedback
    assert "digitalization" not in feedback.lower()  # the answer is not given away
    view.choices["city-app"].value = "digitalization"
    assert "Right: this is digitalization." in view.feedback["city-app"].value
    assert saved(workbook)["answers"]["city-app"]["first_choice"] == "transformation"
    assert saved(workbook)["score"]["right"] == 1


def test_the_score_and_the_chart_follow_the_answers(workbook):
    exercise = ServiceClassification(workbook)
    view = exercise.view
    assert "0 of 12 right so far" in view.score.value
    for example in exercise.model.catalogue.examples:
        view.choices[example.id].value = example.answer
    assert "12 of 12 right." in view.score.value
    assert saved(workbook)["score"] == {
        "right": 12,
        "answered": 12,
        "total": 12,
        "first_try_right": 12,
    }
    assert view.chart.value.startswith("<figure")
    assert 'alt="Chart of your answers to 12 examples. 12 of 12 right.' in view.chart.value


def test_every_choice_has_a_visible_label():
    exercise = ServiceClassification(Workbook(participant="team-b"))
    for number, radio in enumerate(exercise.view.choices.values(), start=1):
        assert radio.description == f"Example {number} is"
        assert [label for label, _ in radio.options] == [
            "Digitization",
            "Digitalization",
            "Transformation",
        ]
    assert all(box.description.startswith("Reason") for box in exercise.view.reasons.values())


def test_reasons_are_saved_and_bad_ones_get_a_message_and_change_nothing(workbook):
    exercise = ServiceClassification(workbook)
    view = exercise.view
    view.choices["land-maps"].value = "digitization"
    view.reasons["land-maps"].value = "Only the format changed."
    assert saved(workbook)["answers"]["land-maps"]["reason"] == "Only the format changed."
    before = workbook.latest(EXERCISE_KEY).id
    view.reasons["land-maps"].value = "x" * 10_000
    assert "too long" in view.messages["land-maps"].value
    assert workbook.latest(EXERCISE_KEY).id == before
    assert saved(workbook)["answers"]["land-maps"]["reason"] == "Only the format changed."
    view.reasons["land-maps"].value = HOSTILE
    assert view.messages["land-maps"].value == ""
    assert saved(workbook)["answers"]["land-maps"]["reason"] == HOSTILE
    assert "<script>" not in html_values(view.widget)


def test_closing_and_reopening_restores_everything(workbook):
    exercise = ServiceClassification(workbook)
    exercise.view.choices["proactive-benefit"].value = "digitalization"
    exercise.view.choices["proactive-benefit"].value = "transformation"
    exercise.view.choices["market-fee-mobile"].value = "digitization"
    exercise.view.reasons["proactive-benefit"].value = "Data flows between offices."
    again = ServiceClassification(workbook)
    assert again.model.to_dict() == exercise.model.to_dict()
    assert again.view.choices["proactive-benefit"].value == "transformation"
    assert again.view.choices["land-maps"].value is None
    assert again.view.reasons["proactive-benefit"].value == "Data flows between offices."
    assert "Right: this is transformation." in again.view.feedback["proactive-benefit"].value
    assert "Not quite yet." in again.view.feedback["market-fee-mobile"].value
    assert "1 of 12 right so far" in again.view.score.value
    assert again.model.score().first_try_right == 0


def test_an_unreadable_saved_state_starts_empty_and_says_so(workbook):
    workbook.save(EXERCISE_KEY, {"answers": ["not", "a", "mapping"]})
    exercise = ServiceClassification(workbook)
    assert exercise.model.score().answered == 0
    assert "could not be read" in exercise.view.status.value
