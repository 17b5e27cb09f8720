"""The data tasks of Modules 3 and 6 ask only for what the release can give: every value a
student is told to read off is printed by a cell of the notebook, run in a real kernel; the
values that need pandas are the ones the landing page and the instructor guide name."""

from __future__ import annotations

import json
import re

import nbformat
import pandas as pd
import pytest
from nbclient import NotebookClient

from dgtkit.course import data
from dgtkit.grading.answers import NEEDS_PANDAS
from tests.conftest import REPO

COUNTRY = "IDN"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _cells(assignment: str) -> dict[str, str]:
    path = REPO / "exercises" / "source" / assignment / f"{assignment}.ipynb"
    cells = json.loads(path.read_text("utf-8"))["cells"]
    return {c["metadata"]["nbgrader"]["grade_id"]: "".join(c["source"]) for c in cells
            if c.get("metadata", {}).get("nbgrader", {}).get("grade_id")}


def _printed(assignment: str) -> list[float]:
    """Every number the country and look-up cells print, run in a real kernel."""
    cells = _cells(assignment)
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(f'country = "{COUNTRY}"'),
        nbformat.v4.new_code_cell(cells["data_lookup"])])
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    text = "".join(o.get("text", "") for cell in notebook.cells for o in cell.outputs)
    return [float(x) for x in _NUMBER.findall(text)]


def _shown(value: float, printed: list[float]) -> bool:
    return any(abs(value - x) < 5e-5 for x in printed)


def test_module_6_prints_the_ranks_and_the_medians_the_task_asks_to_compare():
    printed = _printed("m6_monitoring")
    survey = data.egov_survey()
    recent = survey[survey.year >= 2016]
    own = recent[recent.iso3 == COUNTRY].set_index("year")
    medians = recent[recent.income_group == own.income_group.iloc[0]].groupby("year").egdi
    for year in own.index:  # the ranks, each edition's EGDI and the median it is compared with
        assert _shown(own.loc[year, "rank"], printed)
        assert _shown(own.loc[year, "egdi"], printed)
        assert _shown(medians.median()[year], printed), f"median of {year} not printed"
    assert "median EGDI" in _cells("m6_monitoring")["data_lookup"].replace("Median", "median")


def test_module_3_prints_both_shares_and_names_the_median_as_the_one_pandas_item():
    printed = _printed("m3_situation")
    coverage = data.mobile_coverage().set_index("iso3").loc[COUNTRY]
    users = data.internet_users().set_index("iso3").loc[COUNTRY]
    assert _shown(coverage.coverage_4g_pct, printed) and _shown(users.internet_users_pct,
                                                                  printed)
    # The two shares may come from different years: their difference is not a share of people.
    check = _cells("m3_situation")["data_values_check"]
    assert "not online" not in check and "percentage points" in check
    assert "not as a number of people" in check
    assert not pd.isna(coverage.year) and not pd.isna(users.year)


@pytest.mark.parametrize("page", ["book/intro.md", "book/instructor-guide.md"])
def test_the_items_that_need_pandas_are_named_for_students_and_lecturers(page):
    text = " ".join((REPO / page).read_text("utf-8").split())
    assert "never have to write code." not in text.replace("in the workshop you never", "")
    for assignment, grade_ids in NEEDS_PANDAS.items():
        for grade_id in grade_ids:
            names = re.findall(r"^(\w+) = \.\.\.", _cells(assignment)[grade_id], re.MULTILINE)
            assert names and all(f"`{name}`" in text for name in names), (page, names)
    others = [re.findall(r"^(\w+) = \.\.\.", source, re.MULTILINE)
              for assignment in ("m3_situation", "m6_monitoring")
              for grade_id, source in _cells(assignment).items()
              if grade_id.startswith("data_") and grade_id not in NEEDS_PANDAS.get(assignment, ())]
    assert all(f"`{name}`" not in text for names in others for name in names)
