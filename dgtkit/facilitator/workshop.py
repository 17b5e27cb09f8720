"""The workshop as it was run: its dates, organizers and place (``workshop.yaml``, or
``START=`` on the command line), and its roster of participants (a CSV file), each checked
with messages in plain words. Plain Python: what the report and the certificates read.

``workshop.yaml`` (every key optional but the start, which ``START=`` may give instead)::

    start: 2027-03-01          # Day 1; Day n is n - 1 days later
    organizers: [UN DESA Division for Public Institutions and Digital Government,
                 National School of Government]
    place: Nairobi

The roster (``ROSTER=roster.csv``), UTF-8, one participant a row, with a header row::

    name,organization,sessions
    Amina Diallo,Ministry of ICT,all
    Tomás Ruiz,City of Quito,1.1 1.2 1.3 2.1

``sessions``: ``all``, or the session numbers of week.yaml they attended, separated by spaces,
commas or semicolons.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

from dgtkit.course.week import week
from dgtkit.models import dates

NAME_LIMIT = 120
ORGANIZATION_LIMIT = 200
MAX_ROWS = 2000
MAX_ROSTER_BYTES = 1_000_000
HEADER = ("name", "organization", "sessions")
#: A cell a spreadsheet would run as a formula when the file is opened again.
_FORMULA = re.compile(r"^[=+\-@\t\r]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class WorkshopError(ValueError):
    """The workshop's settings or roster cannot be used; the message says why."""


@dataclass(frozen=True)
class Workshop:
    start: date
    organizers: tuple[str, ...] = ()
    place: str = ""

    def day(self, number: int) -> date:
        """The date of Day ``number`` (Day 1 is the start)."""
        return self.start + timedelta(days=number - 1)

    @property
    def end(self) -> date:
        return self.day(len(week().days))

    @property
    def dates_text(self) -> str:
        """"1 to 5 March 2027", as the course writes days."""
        return f"{dates.day(self.start)} to {dates.day(self.end)}"


def load_workshop(path: str | Path | None = None, start: str | None = None) -> Workshop:
    """The workshop from ``path`` (a missing file is no settings), ``start`` overriding."""
    raw: dict = {}
    if path is not None and Path(path).is_file():
        try:
            raw = yaml.safe_load(Path(path).read_text("utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            raise WorkshopError(f"{Path(path).name} cannot be read: {error}") from None
        if not isinstance(raw, dict):
            raise WorkshopError(f"{Path(path).name} must hold keys such as 'start:'.")
    first = start or raw.get("start")
    if not first:
        raise WorkshopError("Give the workshop's first day: make report START=2027-03-01, or "
                            "'start: 2027-03-01' in workshop.yaml.")
    try:
        day_one = first if isinstance(first, date) else date.fromisoformat(str(first).strip())
    except ValueError:
        raise WorkshopError(f"'{first}' is not a date: write it as 2027-03-01.") from None
    organizers = raw.get("organizers") or []
    if isinstance(organizers, str):
        organizers = [organizers]
    return Workshop(day_one, tuple(_clean(str(o), "An organizer", ORGANIZATION_LIMIT)
                                   for o in organizers if str(o).strip()),
                    _clean(str(raw.get("place") or ""), "The place", ORGANIZATION_LIMIT))


@dataclass(frozen=True)
class Participant:
    name: str
    organization: str
    sessions: tuple[str, ...]  # session ids, in the week's order


def read_roster(data: bytes) -> list[Participant]:
    """The participants in a roster file's bytes (see the module), or a WorkshopError that
    lists every problem with its row number. Nothing is written when any row is wrong."""
    if len(data) > MAX_ROSTER_BYTES:
        raise WorkshopError(f"The roster is too large ({len(data):,} bytes).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise WorkshopError(
            f"The roster is not UTF-8 text (byte {error.start + 1} cannot be read). Save it "
            "again as 'CSV UTF-8' (Excel) or 'Text CSV, Unicode (UTF-8)' (LibreOffice)."
        ) from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or [c.strip().lower() for c in rows[0]] != list(HEADER):
        raise WorkshopError("The roster's first row must be: name,organization,sessions")
    if len(rows) > MAX_ROWS + 1:
        raise WorkshopError(f"The roster has more than {MAX_ROWS} participants.")
    known = [s.id for s in week().sessions]
    people, problems = [], []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 3:
            problems.append(f"Row {number}: it has {len(row)} cells, not 3.")
            continue
        name, organization, sessions = (cell.strip() for cell in row)
        where = f"Row {number}"
        try:
            name = _clean(name, f"{where}: the name", NAME_LIMIT, required=True)
            organization = _clean(organization, f"{where}: the organization",
                                  ORGANIZATION_LIMIT)
        except WorkshopError as error:
            problems.append(str(error))
            continue
        wanted = re.split(r"[\s,;]+", sessions.strip()) if sessions.strip() else []
        if [s.lower() for s in wanted] == ["all"]:
            attended = tuple(known)
        else:
            unknown = [s for s in wanted if s not in known]
            if unknown or not wanted:
                problems.append(f"{where}: " + (
                    f"no session {', '.join(unknown)} in the week (sessions are 1.1 to "
                    f"{known[-1]}, or 'all')." if unknown else "no sessions given (write "
                    "'all' or the session numbers, like 1.1 1.2)."))
                continue
            attended = tuple(s for s in known if s in wanted)
        people.append(Participant(name, organization, attended))
    if problems:
        raise WorkshopError("The roster was not used: " + " ".join(problems))
    if not people:
        raise WorkshopError("The roster lists nobody.")
    return people


def _clean(value: str, label: str, limit: int, required: bool = False) -> str:
    text = " ".join(_CONTROL.sub(" ", value).split())
    if required and not text:
        raise WorkshopError(f"{label} is empty.")
    if len(text) > limit:
        raise WorkshopError(f"{label} is longer than {limit} characters.")
    if _FORMULA.match(text):
        raise WorkshopError(f"{label} starts with '{text[0]}', as a spreadsheet formula "
                            "does; remove that character.")
    return text
