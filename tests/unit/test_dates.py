"""Days are written as people write them ("5 March 2027"), on every path that writes one.

The clock is frozen on a single-digit day: a day written with a leading zero ("05 March") or
through ``%d`` fails here on any day of the month, not only on the 1st to the 9th.
"""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from docx import Document

from dgtkit import grading, sample_answers
from dgtkit.exercises.evaluation import TrainingEvaluation
from dgtkit.exports import export
from dgtkit.models import dates
from dgtkit.models.action_plan import new_action
from dgtkit.models.checks import FormErrors
from dgtkit.models.evaluation import new_commitment
from dgtkit.models.indicators import IndicatorSet
from dgtkit.workbook import Workbook
from tests.helpers import REPO, freeze_clock

DAY = date(2027, 3, 5)
#: A day written with a leading zero, in any of the forms the course uses.
ZERO_PADDED = re.compile(r"\b0\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")


@pytest.fixture(autouse=True)
def _single_digit_day(monkeypatch):
    freeze_clock(monkeypatch, DAY)


def test_a_day_and_a_month_are_written_without_a_leading_zero():
    assert dates.day(DAY) == "5 March 2027"
    assert dates.day(DAY, short=True) == "5 Mar 2027"
    assert dates.month(DAY) == "March 2027" and dates.month(DAY, short=True) == "Mar 2027"
    assert dates.today() == DAY and dates.now().date() == DAY


def test_the_training_evaluation_messages_and_table(tmp_path):
    with pytest.raises(FormErrors) as error:
        new_commitment("Brief my director", DAY, "", "", today=DAY)
    assert "after today (5 March 2027)" in str(error.value)
    with pytest.raises(FormErrors) as error:
        new_commitment("Brief my director", DAY + timedelta(days=400), "", "", today=DAY)
    assert "(5 March 2028 at the latest)" in str(error.value)

    view = TrainingEvaluation(Workbook(tmp_path / "w.sqlite", participant="ana")).view
    view.what.value, view.by_when.value = "Brief my director", date(2027, 4, 2)
    view.add_commitment.click()
    assert "2 April 2027" in view.commitment_table.value
    assert view.commitment_to_remove.options[1][0] == "2 Apr 2027: Brief my director"
    view.by_when.value = DAY
    view.add_commitment.click()
    assert "after today (5 March 2027)" in view.commitment_messages["by_when"].value


def test_the_plan_its_word_document_and_its_grading(tmp_path, capsys, monkeypatch):
    with pytest.raises(ValueError) as error:
        new_action("Open a desk", "ICT office", date(1999, 1, 3), DAY)
    assert "(3 January 1999)" in str(error.value)

    plan = sample_answers.action_plan_model()
    document = Document(io.BytesIO(export(plan, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "5 March 2027" in text
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert not ZERO_PADDED.search(text + cells), ZERO_PADDED.search(text + cells)

    monkeypatch.setenv(grading.NBGRADER_EXECUTION, "autograde")
    monkeypatch.setenv(grading.GRADED_STUDENT, "alice")
    folder = tmp_path / "m7_action_plan"
    folder.mkdir()
    sample_answers.write_submission(folder, "alice", "m7_action_plan")
    assert "exported on 5 March 2027." in grading.submitted_plan(folder).describe()
    late = [replace_start(a, date(2027, 9, 1)) for a in plan.actions]
    plan.actions = late
    assert any("saved (5 March 2027)" in p for p in grading.plan_consistency(plan, DAY))
    capsys.readouterr()


def replace_start(action, start):
    from dataclasses import replace

    return replace(action, start=start, end=max(action.end, start + timedelta(days=30)))


def test_the_indicator_checks():
    indicators = IndicatorSet()
    passed = indicators.new_indicator(name="Permits issued online", unit="%", baseline="10",
                                      target="60", baseline_date="2027-01-04",
                                      target_date="2028-06-09")
    reasons = [c.reason for c in indicators.smart(passed) if c.id == "time_bound"]
    assert reasons == ["Baseline 4 January 2027; target 9 June 2028."]
    past = indicators.new_indicator(name="Old", baseline_date="2026-01-01",
                                    target_date="2027-03-04")
    (reason,) = [c.reason for c in indicators.smart(past) if c.id == "time_bound"]
    assert "(4 March 2027) has passed" in reason


def test_no_code_writes_a_day_with_a_zero_padded_directive():
    """``%d`` pads the day with a zero; only dgtkit.models.dates writes days, without it."""
    offenders = []
    for folder in ("dgtkit", "tests", "benchmarks", "tools"):
        for path in (REPO / folder).rglob("*.py"):
            for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
                if re.search(r"%d[ ./-]*%[bBm]|%[bBm][ ./-]*%d", line) and "%Y-%m-%d" not in line:
                    offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert offenders == []

