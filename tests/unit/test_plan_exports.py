"""The plan out (Word, Excel, CSV, Markdown, JSON) and back in: read back with python-docx
and openpyxl, hostile text kept as text, bad files refused whole with the reason."""

import csv
import io
import json
import subprocess
import zipfile

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook

from dgtkit.models.action_plan import ActionPlan, new_action
from dgtkit.planfile import FORMATS, export, filename
from dgtkit.planfile.identity import MAX_FILE_BYTES
from dgtkit.planfile.reading import ImportRefused, read_plan
from tests.plans import FORMULA, HOSTILE, sample_plan


def docx_text(data: bytes) -> tuple[str, list]:
    document = Document(io.BytesIO(data))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    return paragraphs, cells


def test_the_word_document_has_every_part_a_planning_office_needs():
    plan = sample_plan()
    text, cells = docx_text(export(plan, "docx"))
    for heading in ("Action plan for digital government transformation", "1 Summary",
                    "Vision and objectives", "Actions", "Timeline",
                    "Monitoring and evaluation", "Budget", "Risks and how we reduce them",
                    "Approval", "Annex A. Coverage", "Points still open"):
        assert heading in text, heading
    assert "Deli Serdang Regency, Indonesia" in text
    assert "By 2035, every resident" in text
    assert ["No.", "Action", "Lead", "Period", "Budget"] in cells
    flat = " ".join(" ".join(row) for row in cells)
    assert "Train 200 staff in digital service design" in flat
    assert "120,000,000 IDR" in flat and "Staff trained: from 10% to 60%." in flat
    # Priorities and indicators are sentences, not words run together.
    assert "Priority: High. The biggest gap in Ex 5." in text
    assert "Indicator: Staff trained: from 10% to 60%." in text
    assert ["Year", "Own budget", "National programme", "Total"] in cells  # by year, source
    assert ["", "Name", "Post", "Signature", "Date"] in cells  # the approval block
    document = Document(io.BytesIO(export(plan, "docx")))
    assert len(document.inline_shapes) == 1  # the timeline chart
    alt = document.inline_shapes[0]._inline.docPr.get("descr")
    assert "Train 200 staff" in alt and "Jan 2027" in alt
    section = document.sections[-1]
    assert section.page_width < section.page_height  # portrait throughout


def test_hostile_text_is_written_as_text_in_word_and_excel():
    plan = sample_plan(hostile=True)
    text, cells = docx_text(export(plan, "docx"))
    assert HOSTILE in text and FORMULA in " ".join(" ".join(r) for r in cells)
    book = load_workbook(io.BytesIO(export(plan, "xlsx")))
    actions = book["Actions"]
    formulas = [c.coordinate for row in actions.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    titles = [actions.cell(row=r, column=3).value for r in range(2, 5)]
    assert FORMULA in titles
    lead = actions.cell(row=3, column=7)
    assert lead.value == "-Secretariat" and lead.data_type == "s" and lead.quotePrefix
    rows = list(csv.reader(io.StringIO(export(plan, "csv").decode("utf-8-sig"))))
    assert "\u200b" + FORMULA in rows[2] and "\u200b-Secretariat" in rows[2]
    markdown = export(plan, "md").decode()
    assert "<script>" not in markdown and "<img" not in markdown


def test_excel_has_the_plan_objectives_actions_and_budget_as_values():
    book = load_workbook(io.BytesIO(export(sample_plan(), "xlsx")))
    assert book.sheetnames == ["Plan", "Vision", "Objectives", "Actions", "Budget", "About"]
    actions = book["Actions"]
    header = [c.value for c in actions[1]]
    assert header[:3] == ["ID", "Objective", "Action"]
    first = {h: c.value for h, c in zip(header, actions[2], strict=False)}
    assert first["Budget"] == 120_000_000 and first["Start"].year == 2027
    assert first["Capacity level"] == "Individual"
    assert first["Pillar"] == "Digital skills of public servants"
    budget = [[c.value for c in row] for row in book["Budget"].iter_rows()]
    assert ["Total", 135_000_000, None] in budget


@pytest.mark.parametrize("key", ["json", "xlsx"])
def test_what_is_exported_imports_back_the_same(key):
    plan = sample_plan(hostile=True)
    again = read_plan(filename(plan, key), export(plan, key))
    assert again == plan


def test_every_format_exports_an_empty_plan_and_the_old_format():
    for plan in (ActionPlan(), ActionPlan.from_dict({"actions": [
            {"id": "a1", "title": "T", "lead": "L", "start": "2027-01-01",
             "end": "2027-02-01"}]})):
        for key in FORMATS:
            assert export(plan, key)
    assert filename(sample_plan(hostile=True), "docx").startswith("action-plan-deli-serdang")


def xlsx_with(change) -> bytes:
    book = load_workbook(io.BytesIO(export(sample_plan(), "xlsx")))
    change(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def set_formula(book):
    book["Actions"]["M2"] = "=1+1"


def end_before_start(book):
    book["Actions"]["L2"] = "2020-01-01"


def newer(book):
    book["About"]["B2"] = 99


def no_actions_sheet(book):
    del book["Actions"]


def foreign_objective(book):
    book["Actions"]["B2"] = "Not an objective"


def plain_book() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/big.xml", b"0" * 30_000_000)
    return buffer.getvalue()


def entity_xlsx() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(export(sample_plan(), "xlsx")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/workbook.xml":
                data = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + data.split(b"?>", 1)[-1]
            archive.writestr(entry, data)
    return buffer.getvalue()


def json_with(**changes) -> bytes:
    document = json.loads(export(sample_plan(), "json"))
    document.update(changes)
    return json.dumps(document).encode()


def json_plan_with(**changes) -> bytes:
    document = json.loads(export(sample_plan(), "json"))
    document["plan"]["actions"][0].update(changes)
    return json.dumps(document).encode()


BAD_FILES = [
    ("plan.json", b"", "empty"),
    ("plan.json", b"{not json", "not readable JSON"),
    ("plan.json", b"[" * 50_000 + b"]" * 50_000, "not readable JSON"),
    ("plan.json", b'{"format": "something-else", "version": 1}', "not an action plan"),
    ("plan.json", json_with(version=99), "newer version"),
    ("plan.json", json_with(version="2"), "which version"),
    ("plan.json", json_plan_with(end="2020-01-01"), "end date is before the start date"),
    ("plan.json", json_plan_with(title=""), "title is empty"),
    ("plan.json", json_plan_with(budget="NaN"), "not a number"),
    ("plan.json", json_plan_with(title="x" * 10_000), "too long"),
    ("plan.json", json_plan_with(objective="elsewhere"), "objective"),
    ("plan.xlsx", xlsx_with(set_formula), "formula in cell M2"),
    ("plan.xlsx", xlsx_with(end_before_start), "end date is before the start date"),
    ("plan.xlsx", xlsx_with(newer), "newer version"),
    ("plan.xlsx", xlsx_with(no_actions_sheet), "needs the sheets"),
    ("plan.xlsx", xlsx_with(foreign_objective), "not in the sheet Objectives"),
    ("plan.xlsx", plain_book(), "needs the sheets"),
    ("plan.xlsx", b"PK\x03\x04 not really a zip", "not a readable Excel"),
    ("plan.xlsx", zip_bomb(), "unpacks to far more"),
    ("plan.xlsx", entity_xlsx(), "refused for safety"),
    ("plan.docx", b"anything", "Only the JSON"),
    ("plan.json", b"x" * (MAX_FILE_BYTES + 1), "too large"),
]


@pytest.mark.parametrize(("name", "data", "reason"), BAD_FILES,
                         ids=[f"{i}-{b[2][:20]}" for i, b in enumerate(BAD_FILES)])
def test_a_bad_file_is_refused_whole_with_the_reason(name, data, reason):
    with pytest.raises(ImportRefused) as refused:
        read_plan(name, data)
    assert reason in str(refused.value)


def test_both_timelines_say_each_priority_in_words_not_only_in_colour():
    import re

    from dgtkit.charts.gantt import timeline_alt_text, timeline_chart
    from dgtkit.widgets.action_plan.html import timeline_html

    plan = sample_plan()
    alt = timeline_alt_text(plan)
    assert "Train 200 staff in digital service design, Jan 2027 to Sep 2027, priority: high" \
        in alt
    assert "Open a one-stop service desk, Jan 2028 to Jun 2028, priority: none yet" in alt
    html = timeline_html(plan)
    written = re.findall(r'class="dgt-gantt-priority"[^>]*>([^<]*)<', html)
    assert written == ["High", "Medium", "None yet"]
    assert 'priority high"' in html
    hatches = {bar.get_hatch() for bar in timeline_chart(plan).axes[0].patches
               if bar.get_height() > 0}  # not the legend's empty bars
    assert len(hatches) == 3  # high, medium and none are drawn with different patterns


def test_dates_are_written_as_people_write_them():
    from dgtkit.widgets.action_plan.html import actions_table_html

    document = Document(io.BytesIO(export(sample_plan(), "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "When: 1 March 2027 to 31 December 2027" in text
    assert "01 March" not in text
    plan = sample_plan()
    assert "<td" in actions_table_html(plan, plan.actions)
    assert ">1 Mar 2027<" in actions_table_html(plan, plan.actions)


def test_libreoffice_opens_the_csv_with_formulas_as_plain_text(tmp_path):
    """LibreOffice Calc, set to evaluate formulas in a CSV, shows each formula-like text as it
    was typed: no apostrophe, nothing run."""
    source = tmp_path / "plan.csv"
    source.write_bytes(export(sample_plan(hostile=True), "csv"))
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--infilter=CSV:44,34,76,1,,0,false,true,false,false,false,-1,true",
         "--convert-to", "xlsx", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=240)
    converted = tmp_path / "plan.xlsx"
    assert converted.is_file(), result.stdout + result.stderr
    sheet = load_workbook(converted).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    shown = {str(c.value).replace("\u200b", "") for c in cells}
    assert FORMULA in shown and "-Secretariat" in shown
    assert not any(str(c.value).startswith("'") for c in cells)


@pytest.mark.parametrize(("start", "end"), [
    ("2027-01-01", "2028-02-28"), ("2027-01-15", "2027-03-31"), ("2026-11-01", "2031-12-31"),
])
def test_the_timelines_month_labels_never_run_into_each_other(start, end):
    """Each label sits in a box as wide as the months it stands for, cut there; the boxes of
    two labels never overlap ("Jan 2027Feb"), and there are at most eight."""
    import re
    from datetime import date

    from dgtkit.widgets.action_plan.html import timeline_html

    plan = ActionPlan()
    plan.add(new_action("Long action", "Lead", date.fromisoformat(start),
                        date.fromisoformat(end)))
    html = timeline_html(plan)
    boxes = [(float(left), float(width), text) for left, width, text in re.findall(
        r'class="dgt-gantt-month" style="position:absolute;left:([\d.]+)%;.*?width:([\d.]+)%;'
        r'[^"]*">([^<]*)<', html)]
    labelled = [(left, width, text) for left, width, text in boxes if text]
    assert 2 <= len(labelled) <= 8
    for (left, width, _), (next_left, _, _) in zip(labelled, labelled[1:], strict=False):
        assert left + width <= next_left + 0.01
    assert all("overflow:hidden" in box for box in re.findall(
        r'<div class="dgt-gantt-month"[^>]*>', html))
    assert re.match(r"[A-Z][a-z]{2} \d{4}$", labelled[0][2])  # the first says its year


def test_an_export_file_name_never_ends_with_a_hyphen():
    plan = ActionPlan()
    plan.describe(government="A" * 39 + " B")  # cut at 40 characters: just after the space
    assert filename(plan, "csv") == f"action-plan-{'a' * 39}.csv"


def test_an_import_refusal_says_which_row_or_action(tmp_path):
    plan = sample_plan()
    book = load_workbook(io.BytesIO(export(plan, "xlsx")))
    actions = book["Actions"]
    lead = [c.value for c in actions[1]].index("Lead") + 1
    actions.cell(row=3, column=lead).value = None  # the second action loses its lead
    actions.insert_rows(3)  # a blank row before it: it is now row 4 of the sheet
    changed = io.BytesIO()
    book.save(changed)
    with pytest.raises(ImportRefused) as refused:
        read_plan("plan.xlsx", changed.getvalue())
    message = str(refused.value)
    assert "row 4 of the sheet Actions" in message and "The lead is empty" in message
    assert plan.actions[1].title[:30] in message
    document = json.loads(export(plan, "json"))
    document["plan"]["actions"][2]["end"] = "not a date"
    with pytest.raises(ImportRefused, match=r"action 3 of the plan \('.+'\).*not a date"):
        read_plan("plan.json", json.dumps(document).encode())
