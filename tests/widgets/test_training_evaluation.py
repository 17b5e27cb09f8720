"""The training evaluation driven from Python: rate, answer, commit, reopen, bad input."""

from datetime import date, timedelta

import pytest

from dgtkit.exercises.evaluation import TrainingEvaluation
from dgtkit.models.evaluation import EXERCISE_KEY
from dgtkit.store.workbook import Workbook


@pytest.fixture
def workbook(tmp_path):
    return Workbook(tmp_path / "workbook.sqlite", participant="team-a")


def saved(workbook):
    return workbook.latest(EXERCISE_KEY).data


def soon(days=30) -> date:
    return date.today() + timedelta(days=days)


def commit(view, what, when, who=""):
    view.what.value = what
    view.by_when.value = when
    view.who_knows.value = who
    view.add_commitment.click()


def test_the_form_says_the_facilitator_will_see_the_answers(workbook):
    view = TrainingEvaluation(workbook).view
    intro = view.widget.children[0].value
    assert "facilitator will see them with the workbook" in intro
    assert "not anonymous" in intro


def test_ratings_have_labelled_ends_and_are_saved_and_drawn(workbook):
    view = TrainingEvaluation(workbook).view
    relevance = view.ratings["relevance"]
    assert relevance.description == "Relevance to my work"
    labels = [label for label, _ in relevance.options]
    assert labels[1] == "1 = Not useful" and labels[-1] == "5 = Very useful"
    relevance.value = 4
    view.texts["most_useful"].value = "The skills-gap matrix"
    assert saved(workbook)["ratings"]["relevance"] == 4
    assert saved(workbook)["texts"]["most_useful"] == "The skills-gap matrix"
    assert "Relevance to my work 4 of 5" in view.chart.value
    assert "Clarity not rated yet" in view.chart.value


def test_commitments_are_added_listed_removed_and_restored(workbook):
    view = TrainingEvaluation(workbook).view
    commit(view, "Present our action plan to my director", soon(28), "Ana from planning")
    commit(view, "Run a skills-gap matrix with my unit", soon(60))
    assert [c["what"] for c in saved(workbook)["commitments"]] == [
        "Present our action plan to my director",
        "Run a skills-gap matrix with my unit",
    ]
    assert saved(workbook)["commitments"][0]["by_when"] == soon(28).isoformat()
    assert view.what.value == "" and view.by_when.value is None
    assert "Ana from planning" in view.commitment_table.value
    assert "Pass:</b></span> 1 to 3 commitments" in view.checklist.value
    again = TrainingEvaluation(workbook)
    assert again.model == view.model
    view.commitment_to_remove.value = view.model.commitments[0].id
    view.remove_commitment.click()
    assert len(saved(workbook)["commitments"]) == 1


def test_a_commitment_needs_a_what_and_a_date_in_the_future(workbook):
    view = TrainingEvaluation(workbook).view
    view.ratings["pace"].value = 3
    before = workbook.latest(EXERCISE_KEY).id
    commit(view, "", date.today())
    assert "What I will do is empty" in view.commitment_messages["what"].value
    assert "Choose a date after today" in view.commitment_messages["by_when"].value
    assert "The commitment was not saved: 2 fields" in view.status.value
    commit(view, "Brief my director", None)
    assert "Choose the date" in view.commitment_messages["by_when"].value
    assert view.commitment_messages["what"].value == ""
    assert workbook.latest(EXERCISE_KEY).id == before
    assert saved(workbook)["commitments"] == []


def test_no_more_than_three_commitments(workbook):
    view = TrainingEvaluation(workbook).view
    for n in range(3):
        commit(view, f"Commitment {n}", soon(10 + n))
    commit(view, "A fourth", soon(20))
    assert "3 commitments already" in view.commitment_messages["what"].value
    assert len(saved(workbook)["commitments"]) == 3


def test_bad_and_hostile_text_gets_a_message_or_is_escaped(workbook):
    view = TrainingEvaluation(workbook).view
    view.texts["unclear"].value = "The logframe"
    before = workbook.latest(EXERCISE_KEY).id
    view.texts["to_change"].value = "x" * 10_000
    assert "too long" in view.messages["to_change"].value
    assert workbook.latest(EXERCISE_KEY).id == before
    commit(view, "<script>alert(1)</script>", soon(), "<b>me</b>")
    table = view.commitment_table.value
    assert "<script>" not in table and "&lt;script&gt;" in table and "&lt;b&gt;me" in table
    assert saved(workbook)["commitments"][0]["what"] == "<script>alert(1)</script>"


def test_remove_without_a_choice_says_so(workbook):
    view = TrainingEvaluation(workbook).view
    view.remove_commitment.click()
    assert "Choose the commitment to remove first" in view.status.value
