"""The Word plan of a real week, as a planning office would receive it: read back with
python-docx, and drawn by LibreOffice to PDF and read with pdftotext. No word is broken inside
a table cell, no action is split across pages, the page count fits the plan's size, and the
week's evidence, SWOT, stakeholders and monitoring are in it, in sentences."""

from __future__ import annotations

import io
import math
import re

import pytest
from docx import Document

from dgtkit.exercises.action_plan import ActionPlanApp
from dgtkit.planfile import export
from tests.helpers import freeze_clock
from tests.rendering import pdf_pages, to_pdf, words
from tests.week import GAPS, INDICATORS, STAKEHOLDERS, SWOT, TODAY, complete_the_plan, walk_the_week


def page_limit(actions: int) -> int:
    """The plan's length for its size: the cover; the summary, background, vision and
    objectives (two pages); two actions a page (the table, then one block each); and three
    pages for the timeline, monitoring, budget, risks, partners, approval and annexes."""
    return 1 + 2 + math.ceil(actions / 2) + 3


def longer(plan):
    """The same plan with twice the actions, each with a description of its own length, so
    that page ends fall in the middle of some action's block unless blocks are kept whole."""
    from dataclasses import replace

    from dgtkit.models.action_plan import ActionPlan, new_id

    bigger = ActionPlan.from_dict(plan.to_dict())
    for number, action in enumerate(list(plan.actions), start=1):
        words = "The team meets each department head to agree the steps and the dates. "
        bigger.add(replace(action, id=new_id(), title=f"Second phase: {action.title}",
                           description=words * number))
    return bigger


@pytest.fixture(scope="module")
def plan_files(tmp_path_factory):
    """The plan of the week (six actions) and a longer one (twelve), drawn by LibreOffice."""
    folder = tmp_path_factory.mktemp("plan")
    with pytest.MonkeyPatch.context() as patch:
        freeze_clock(patch, TODAY)
        app = ActionPlanApp(walk_the_week(folder / "workbook.sqlite"))
        complete_the_plan(app)
        plans = {"week": app.model, "longer": longer(app.model)}
        files = []
        for name, plan in plans.items():
            files.append(folder / f"action-plan-{name}.docx")
            files[-1].write_bytes(export(plan, "docx"))
    drawn = dict(zip(plans, to_pdf(*files), strict=True))
    return {name: (plan, Document(io.BytesIO(docx.read_bytes())), pdf_pages(drawn[name]))
            for (name, plan), docx in zip(plans.items(), files, strict=True)}


def cell_texts(document) -> list[str]:
    return [cell.text for table in document.tables for row in table.rows for cell in row.cells]


def test_the_plan_carries_the_weeks_evidence_swot_stakeholders_and_monitoring(plan_files):
    plan, document, pages = plan_files["week"]
    text = "\n".join(p.text for p in document.paragraphs) + "\n" + "\n".join(cell_texts(document))
    pdf = " ".join(" ".join(page.split()) for page in pages)
    for _pillar, _today, _target, problem, evidence in GAPS:
        for said in (problem, evidence):
            assert said in text, said
            assert " ".join(said.split()) in pdf, said
    for _category, entry in SWOT:
        assert entry in text and entry in pdf
    for name, _power, _interest in STAKEHOLDERS:
        assert name in text and name in pdf
    for _name, _unit, _b, _t, _start, _end, source, frequency, _who in INDICATORS:
        assert source in text and source in pdf
        assert f"Measured {frequency.lower()}" in text
    # Indicators and priorities are sentences; no score phrase, no run-together words.
    assert "Median days to issue a business permit: from 63 days in January 2026 to 10 days " \
           "by December 2027." in text
    assert "County e-services law in force: No in January 2026; Yes by March 2027." in text
    assert "Priority: High. Permits are the service businesses complain about most." in text
    assert "(gap " not in text and "Yes/No" not in text and "target 1" not in text
    assert "Level of government: County, district or regency" in text
    assert "KES" in text and "USD" not in text
    for heading in ("Background and rationale", "Monitoring and evaluation", "Budget",
                    "Risks and how we reduce them", "Approval"):
        assert heading in text and heading in pdf
    assert plan.approver in pdf


@pytest.mark.parametrize("name", ["week", "longer"])
def test_no_word_is_broken_inside_a_table_cell(plan_files, name):
    """Every word of every table cell is drawn whole: a word that LibreOffice broke across
    two lines ("Organizatio" / "nal") would be missing from the PDF's words."""
    _plan, document, pages = plan_files[name]
    drawn = words(" ".join(pages))
    wanted = set()
    for cell in cell_texts(document):
        wanted |= {w for w in words(cell) if len(w) > 3}
    broken = sorted(wanted - drawn)
    assert broken == [], broken
    assert all(s.orientation == 0 for s in document.sections)  # portrait throughout


@pytest.mark.parametrize("name", ["week", "longer"])
def test_no_action_is_split_across_pages(plan_files, name):
    plan, _document, pages = plan_files[name]
    for number, action in enumerate(plan.actions, start=1):
        heading = re.compile(rf"^Action {number}\. ", re.M)
        [start] = [i for i, page in enumerate(pages) if heading.search(page)]
        last = "Priority: " + action.priority_sentence().split(".")[0]
        assert last in " ".join(pages[start].split()), (number, start)


@pytest.mark.parametrize("name", ["week", "longer"])
def test_the_page_count_fits_the_plan(plan_files, name):
    plan, _document, pages = plan_files[name]
    assert len(plan.actions) == {"week": 6, "longer": 12}[name]
    # The first Word plan took 14 pages for six actions.
    assert len(pages) <= page_limit(len(plan.actions)), len(pages)
