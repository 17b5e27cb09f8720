"""Module 7's plan file among what a student hands in beside a notebook.

Module 7 grades the action plan as the app exports it: a JSON file beside the notebook. This
module finds such files, and nothing else: it imports only the standard library, because
the course's nbgrader configuration reads it for every nbgrader command.
"""

from __future__ import annotations

import json
from pathlib import Path

from dgtkit.planfile.identity import JSON_FORMAT, MAX_FILE_BYTES, PLAN_FILE_PREFIX


def json_document(data: bytes) -> dict:
    """``data`` as a JSON object, or {} when it is not one."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return {}
    return document if isinstance(document, dict) else {}


def plan_files(folder: Path) -> tuple[list[tuple[Path, bytes]], list[str]]:
    """The JSON files in ``folder`` meant as the plan, with their content (at most one byte
    more than MAX_FILE_BYTES), and the names of the other JSON files.

    A file is meant as the plan if its content says it is an exported plan, or if it is
    named as the app names its exports (action-plan....json): such a file is graded, or
    refused with the reason, never passed over."""
    plans, others = [], []
    try:
        paths = sorted(p for p in Path(folder).iterdir()
                       if p.suffix.lower() == ".json" and not p.name.startswith(".")
                       and p.is_file())
    except OSError:
        return [], []
    for path in paths:
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        except OSError:
            data = b""
        if (path.name.lower().startswith(PLAN_FILE_PREFIX)
                or json_document(data).get("format") == JSON_FORMAT):
            plans.append((path, data))
        else:
            others.append(path.name)
    return plans, others
