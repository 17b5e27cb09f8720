"""Ex 12 driven from Python: the picker finds targets by goal and by words (never all 169 at
once) and says a passed deadline; each field of a target is saved as it changes, bad input is
refused beside the field, the actions come from the Ex 10 roadmap of the same workbook, and
reopening restores the review with its checks and dashboard."""

from datetime import date

import pytest

from dgtkit.exercises.ex12_local_review import LocalSdgReview
from dgtkit.instructor.sample_answers import write_workbook
from dgtkit.models.local_review import EXERCISE_KEY
from dgtkit.models.pages import local_review_page
from dgtkit.store import handoff
from dgtkit.store.workbook import Workbook
from dgtkit.widgets.local_review import MOST_LISTED
from dgtkit.widgets.pages import page_html
from tests.helpers import freeze_clock


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    freeze_clock(monkeypatch, date(2026, 6, 15))


@pytest.fixture
def path(tmp_path):
    """A workbook with the sample Ex 10 roadmap and Ex 11 indicators."""
    path = tmp_path / "workbook.sqlite"
    write_workbook(path, "ana", ["ex10_roadmap", "ex11_indicators"])
    return path


def open_exercise(path):
    return LocalSdgReview(Workbook(path, participant="ana"))


def saved(path):
    return Workbook(path, participant="ana").latest(EXERCISE_KEY).data


def test_the_picker_lists_a_goal_or_a_search_and_says_a_passed_deadline(path):
    view = open_exercise(path).view
    assert len(view.found.options) == 10 and view.found.value == "11.1"  # SDG 11 first
    view.goal.value = 0
    assert [v for _, v in view.found.options] == [""]  # all goals: search first
    view.search.value = "technology"
    assert len(view.found.options) <= MOST_LISTED + 1
    view.goal.value, view.search.value = 17, ""
    labels = dict((v, label) for label, v in view.found.options)
    assert labels["17.8"].startswith("17.8 (deadline 2017 passed)")
    view.found.value = "17.8"
    view.add_button.click()
    assert "Its own deadline, 2017, has passed." in view.target_text.value
    view.add_button.click()
    assert "already in your review" in view.pick_message.value


def test_a_target_is_described_field_by_field_tied_to_ex10_and_restored(path):
    exercise = open_exercise(path)
    view = exercise.view
    rows = handoff.roadmap(exercise.workbook)
    assert "4 actions" in view.context.value
    view.goal.value, view.search.value = 0, "birth registration"
    view.add_button.click()
    assert view.chosen.value == "16.9" and view.indicator.value == "16.9.1"
    view.fields["data_source"].value = "Civil registry"
    view.fields["baseline"].value = "78%"
    view.fields["baseline_year"].value = "1999"
    assert "not a year already measured" in view.message.value
    view.fields["baseline_year"].value = "2025"
    view.fields["target_value"].value = "95%"
    view.fields["frequency"].value = "Every six months"
    view.fields["reporter"].value = "<script>alert(1)</script>"
    view.breakdown["sex"].value = True
    view.tied_actions.value = (str(rows[0].id),)
    data = saved(path)["targets"][0]
    assert data["baseline_year"] == 2025 and data["disaggregation"] == ["sex"]
    assert data["actions"] == [str(rows[0].id)]
    page = page_html(local_review_page(exercise.model))
    assert "&lt;script&gt;" in page and "<script>" not in page  # the printed page escapes it
    assert "Pass" in view.checklist.value and "Not yet" in view.checklist.value  # 1 of 3
    assert 'alt="Local SDG review of 1 targets: 16.9. Tracked: 16.9.' in view.dashboard.value
    view.indicator.value = ""
    view.fields["proxy"].value = "Births registered within 90 days"
    again = open_exercise(path).view
    assert again.chosen.value == "16.9" and again.fields["proxy"].value.startswith("Births")
    assert again.indicator.value == "" and again.tied_actions.value == (str(rows[0].id),)
    again.remove_button.click()
    assert saved(path) == {"targets": []} and again.fields["data_source"].disabled
