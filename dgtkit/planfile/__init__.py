"""The action plan as a file: written out, read back, and found among what a student hands in.

``export`` writes a plan as bytes through one module per format: ``docx`` (Word, the
document an agency circulates), ``xlsx`` (Excel), ``tabular`` (CSV, Markdown and JSON). Each
is imported only when a team exports, so the app's kernel starts without python-docx,
openpyxl or matplotlib. ``reading`` takes the JSON and Excel files back; ``handed_in`` finds
the plan file beside a graded notebook; ``identity`` holds what names a plan file.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass

from dgtkit.planfile.identity import PLAN_FILE_PREFIX


@dataclass(frozen=True)
class Format:
    key: str
    label: str
    extension: str
    mime: str
    module: str
    function: str


FORMATS = {
    f.key: f
    for f in (
        Format("docx", "Word", "docx",
               "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
               "docx", "to_docx"),
        Format("xlsx", "Excel", "xlsx",
               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               "xlsx", "to_xlsx"),
        Format("csv", "CSV", "csv", "text/csv", "tabular", "to_csv"),
        Format("md", "Markdown", "md", "text/markdown", "tabular", "to_markdown"),
        Format("json", "JSON", "json", "application/json", "tabular", "to_json"),
    )
}


def export(plan, key: str) -> bytes:
    """``plan`` in the format ``key`` (a key of FORMATS)."""
    fmt = FORMATS[key]
    module = importlib.import_module(f"{__name__}.{fmt.module}")
    return getattr(module, fmt.function)(plan)


def filename(plan, key: str) -> str:
    """A safe file name: 'action-plan-<government>.<ext>' with letters, digits, hyphens."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", plan.government or plan.country or plan.team or "")
    stem = stem.strip("-").lower()[:40].strip("-")  # cut at 40, never ending in a hyphen
    return f"{PLAN_FILE_PREFIX}{'-' + stem if stem else ''}.{FORMATS[key].extension}"
