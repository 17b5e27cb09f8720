"""Every result a team makes prints on one page: each exercise's form downloads its result as
a Word page in one click (named in plain words), and the forms that ask for writing show a
worked example of an invented team."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from dgtkit.instructor.sample_answers import write_workbook
from dgtkit.store.workbook import Workbook
from tests.helpers import freeze_clock

EXERCISES = {  # class: (module, a word of its page, shows a worked example)
    "ServiceClassification": ("ex01_classification", "of 12", False),
    "BenefitRiskMatrix": ("ex02_benefit_risk", "Mitigation", True),
    "PillarSelfRating": ("ex03_pillar_rating", "Level today", True),
    "ProcessSequencing": ("ex04_sequencing", "Score", False),
    "HorizonScan": ("ex06_horizon_scan", "signals", True),
    "VisionBuilder": ("ex07_vision", "Milestones", True),
    "OrganizationStructure": ("ex08_structure", "First step", True),
    "SkillsGapMatrix": ("ex09_skills", "Provider", True),
    "CapacityRoadmap": ("ex10_roadmap", "Intervention", True),
    "IndicatorClinic": ("ex11_indicators", "Baseline", True),
    "LocalSdgReview": ("ex12_local_review", "Tracked by", True),
}


@pytest.fixture(scope="module")
def week(tmp_path_factory):
    path = tmp_path_factory.mktemp("week") / "workbook.sqlite"
    with pytest.MonkeyPatch.context() as patch:
        freeze_clock(patch, date(2026, 6, 3))
        write_workbook(path, "team-1")
    return path


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_each_result_downloads_as_a_word_page_and_writing_has_an_example(week, name):
    import importlib

    module, word, example = EXERCISES[name]
    exercise = getattr(importlib.import_module(f"dgtkit.exercises.{module}"), name)(
        Workbook(week, participant="team-1"))
    view = exercise.view
    download = view.page_download
    assert download.button.description == "Download as a Word page"
    download.button.click()
    [sent] = download.download.sent
    assert sent.endswith(".docx") and "markdown" not in sent.lower()
    href = download.download.link.value.split('href="', 1)[1].split('"', 1)[0]
    import base64

    document = Document(io.BytesIO(base64.b64decode(href.split(",", 1)[1])))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])
    assert word in text, text[:400]
    shown = [c.value for c in view.widget.children if hasattr(c, "value")
             and isinstance(c.value, str)]
    assert any("<summary>See a worked example (an invented team)</summary>" in v
               for v in shown) == example
