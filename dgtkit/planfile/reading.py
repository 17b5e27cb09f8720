"""The action plan back into the app, from the JSON and Excel files the app exports.

``read_plan(name, data) -> ActionPlan`` or ``ImportRefused`` with the reason in plain words.
A file is refused whole (too large, not one of ours, an unknown version, a formula in a
cell, an unreadable value): nothing is half-imported, and the caller's plan is never touched.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime

from dgtkit.models.action_plan import (
    FORMAT_VERSION,
    ActionPlan,
    ItemError,
    level_choice,
    plain,
)
from dgtkit.planfile.identity import JSON_FORMAT, MAX_FILE_BYTES

MAX_UNZIPPED_BYTES = 20_000_000  # an Excel file is a zip: refuse a zip bomb before reading
MAX_ZIP_ENTRIES = 200
MAX_ROWS = 1_000
ROW = "\x00row"  # where a record keeps its row number (no header can be this)


class ImportRefused(ValueError):
    """The file was not imported; the message says why, for the participant."""


def read_plan(name: str, data: bytes) -> ActionPlan:
    """The plan in an exported ``.json`` or ``.xlsx`` file, checked throughout."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise ImportRefused("Nothing was uploaded.")
    data = bytes(data)
    if not data:
        raise ImportRefused("The file is empty.")
    if len(data) > MAX_FILE_BYTES:
        raise ImportRefused(f"The file is too large ({len(data):,} bytes; an exported plan is "
                            f"well under {MAX_FILE_BYTES:,}).")
    lower = name.lower()
    if lower.endswith(".json"):
        return from_json(data)
    if lower.endswith(".xlsx"):
        return from_xlsx(data)
    raise ImportRefused("Only the JSON (.json) and Excel (.xlsx) files this app exports can "
                        "be imported.")


def from_json(data: bytes) -> ActionPlan:
    try:
        document = json.loads(data.decode("utf-8-sig"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ImportRefused("The file is not readable JSON: it is damaged, or it is another "
                            "kind of file.") from None
    if not isinstance(document, dict) or document.get("format") != JSON_FORMAT:
        raise ImportRefused("This JSON file is not an action plan exported by this app.")
    _check_version(document.get("version"))
    return _plan(document.get("plan"))


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number")


def _check_version(version: object) -> None:
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ImportRefused("The file does not say which version of the plan's format it uses.")
    if version > FORMAT_VERSION:
        raise ImportRefused(f"The file was written in format {version} by a newer version of "
                            f"the app; this one reads formats up to {FORMAT_VERSION}.")


def _plan(data: object, rows: dict[str, list[int]] | None = None) -> ActionPlan:
    """The plan, or why not; ``rows``: the sheet row of each objective and action (Excel)."""
    try:
        return ActionPlan.from_dict(data)
    except ItemError as error:
        named = f" ('{error.title[:40]}')" if error.title else ""
        numbers = (rows or {}).get(error.kind) or []
        if 0 < error.number <= len(numbers):
            sheet = "Actions" if error.kind == "action" else "Objectives"
            where = f"the {error.kind} in row {numbers[error.number - 1]} of the sheet {sheet}"
        else:
            where = f"{error.kind} {error.number} of the plan"
        raise ImportRefused(f"The plan in the file is not valid: {where}{named}: "
                            f"{error.reason}.") from None
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as error:
        raise ImportRefused(f"The plan in the file is not valid: {_reason(error)}.") from None


def _reason(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"an action has no {str(error.args[0])[:30]}"
    text = str(error) or type(error).__name__
    return text[:300].rstrip(".")


# -- Excel -----------------------------------------------------------------------------------


def _check_zip(data: bytes) -> None:
    """A real xlsx: a zip of reasonable size, with no DTDs or entities in its XML."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportRefused("The file is not a readable Excel workbook: it is damaged, or "
                            "it is another kind of file.") from None
    if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_UNZIPPED_BYTES:
        raise ImportRefused("The Excel file unpacks to far more than an exported plan.")
    with archive:
        for entry in entries:
            if not entry.filename.endswith((".xml", ".rels")):
                continue
            try:
                head = archive.read(entry)
            except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
                raise ImportRefused("The Excel file is damaged.") from None
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise ImportRefused("The Excel file holds XML declarations that no exported "
                                    "plan has; it was refused for safety.")


def from_xlsx(data: bytes) -> ActionPlan:
    _check_zip(data)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds of error for a broken file
        raise ImportRefused("The file is not a readable Excel workbook.") from None
    try:
        sheets = {name: _rows(book[name]) for name in book.sheetnames
                  if name in ("Plan", "Objectives", "Actions", "Vision", "About")}
    finally:
        book.close()
    if not {"Plan", "Objectives", "Actions", "About"} <= set(sheets):
        raise ImportRefused("This Excel file is not an action plan exported by this app (it "
                            "needs the sheets Plan, Objectives, Actions and About).")
    about = {str(row[0]): row[1] for row in sheets["About"] if row and row[0]}
    if about.get("Format") != JSON_FORMAT:
        raise ImportRefused("This Excel file is not an action plan exported by this app.")
    _check_version(about.get("Version"))
    data = _plan_dict(sheets)
    return _plan(data, rows=data.pop("_rows"))


def _rows(sheet) -> list[tuple]:
    rows = []
    for number, row in enumerate(sheet.iter_rows(), start=1):
        if number > MAX_ROWS:
            raise ImportRefused(f"The sheet {sheet.title} has more than {MAX_ROWS:,} rows.")
        values = []
        for cell in row:
            if getattr(cell, "data_type", None) == "f":
                raise ImportRefused(
                    f"The sheet {sheet.title} has a formula in cell {cell.coordinate}. "
                    "Plans are imported from values only: replace formulas by their values.")
            values.append(cell.value)
        rows.append(tuple(values))
    return rows


def _records(rows: list[tuple], sheet: str, required: list[str]) -> list[dict]:
    if not rows:
        raise ImportRefused(f"The sheet {sheet} is empty.")
    headers = [str(h).strip() if h is not None else "" for h in rows[0]]
    absent = [h for h in required if h not in headers]
    if absent:
        raise ImportRefused(f"The sheet {sheet} lacks the column(s) {', '.join(absent)}.")
    records = []
    for number, row in enumerate(rows[1:], start=2):
        if all(v is None or v == "" for v in row):
            continue
        record = {h: row[i] if i < len(row) else None for i, h in enumerate(headers) if h}
        record[ROW] = number  # the sheet's row, for a message about it
        records.append(record)
    return records


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return plain(value)


def _date(value: object) -> object:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return _text(value)


def _plan_dict(sheets: dict[str, list[tuple]]) -> dict:
    from dgtkit.planfile.tabular import ACTION_COLUMNS, OBJECTIVE_COLUMNS, PLAN_FIELDS

    fields = {str(row[0]).strip(): row[1] if len(row) > 1 else None
              for row in sheets["Plan"][1:] if row and row[0]}
    plan: dict = {"version": FORMAT_VERSION}
    for label, attr in PLAN_FIELDS:
        plan[attr] = _text(fields.get(label))
    try:
        plan["level"] = level_choice(plan["level"])  # an older version's name reads too
    except ValueError as error:
        raise ImportRefused(f"The sheet Plan: {error}") from None
    year = fields.get("Vision year")
    plan["vision"] = {
        "statement": _text(fields.get("Vision")),
        "year": int(year) if isinstance(year, int | float) and not isinstance(year, bool)
        else None,
        "sdg_targets": [t.strip() for t in _text(fields.get("Vision SDG targets")).split(",")
                        if t.strip()],
        "milestones": [
            {"id": _text(r.get("ID")), "year": _year(r.get("Year")),
             "title": _text(r.get("Milestone"))}
            for r in _records(sheets.get("Vision") or [("ID", "Year", "Milestone")], "Vision",
                              ["Year", "Milestone"])
        ],
    }
    objectives = _records(sheets["Objectives"], "Objectives",
                          [label for label, _ in OBJECTIVE_COLUMNS[:2]])
    by_title = {}
    plan["objectives"] = []
    plan["_rows"] = {"objective": [r[ROW] for r in objectives],
                     "action": []}
    for record in objectives:
        title = _text(record.get("Objective"))
        entry = {"id": _text(record.get("ID")) or None, "title": title,
                 "link": _text(record.get("Link")) or _link(_text(record.get("Serves")))}
        plan["objectives"].append(entry)
        by_title[" ".join(title.split()).casefold()] = entry
    for entry in plan["objectives"]:
        if not entry["id"]:
            from dgtkit.models.action_plan import new_id

            entry["id"] = new_id()
    actions = _records(sheets["Actions"], "Actions",
                       ["Action", "Lead", "Start", "End"])
    plan["actions"] = []
    known = {label for label, _ in ACTION_COLUMNS}
    plan["_rows"]["action"] = [r[ROW] for r in actions]
    for record in actions:
        row = {key: record.get(label) for label, key in ACTION_COLUMNS if label in known}
        objective_title = " ".join(_text(row.get("objective")).split()).casefold()
        objective = by_title.get(objective_title)
        if objective_title and objective is None:
            raise ImportRefused(f"The action in row {record[ROW]} of the sheet Actions "
                                f"('{_text(row.get('title'))[:40]}') names the "
                                "objective '" + _text(row.get("objective"))[:40]
                                + "', which is not in the sheet Objectives.")
        plan["actions"].append({
            "id": _text(row.get("id")) or None,
            "title": _text(row.get("title")),
            "description": _text(row.get("description")),
            "objective": objective["id"] if objective else "",
            "capacity_level": _text(row.get("capacity_level")),
            "pillar": _pillar_id(_text(row.get("pillar"))),
            "lead": _text(row.get("lead")),
            "partners": {"public": _text(row.get("partners_public")),
                         "private": _text(row.get("partners_private")),
                         "people": _text(row.get("partners_people"))},
            "start": _date(row.get("start")),
            "end": _date(row.get("end")),
            "budget": row.get("budget") if row.get("budget") != "" else None,
            "budget_source": _text(row.get("budget_source")),
            "indicator": {"name": _text(row.get("indicator")), "unit": _text(row.get("unit")),
                          "baseline": row.get("baseline"), "target": row.get("target"),
                          "direction": _text(row.get("direction"))},
            "sdg_targets": [t.strip() for t in _text(row.get("sdg_targets")).split(",")
                            if t.strip()],
            "risks": _text(row.get("risks")),
            "mitigation": _text(row.get("mitigation")),
            "priority": _text(row.get("priority")),
            "priority_reason": _text(row.get("priority_reason")),
        })
    for action in plan["actions"]:
        if not action["id"]:
            from dgtkit.models.action_plan import new_id

            action["id"] = new_id()
    return plan


def _year(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _link(label: str) -> str:
    """The objective's link as exported ("The vision (2035)") back to its id."""
    if label.startswith("The vision") or label == "vision":
        return "vision"
    return ""


def _pillar_id(text: str) -> str:
    from dgtkit.course.frameworks import frameworks

    for pillar in frameworks().pillars:
        if text.casefold() in (pillar.id.casefold(), pillar.name.casefold()):
            return pillar.id
    return text  # unknown: ActionPlan.from_dict refuses it with the reason
