"""The course's clock, and the one way it writes a day or a month.

Every part of the course asks this module for today (so a test freezes one clock, not ten), and
writes a day as people do, "5 March 2027", never with a leading zero ("05 March 2027").
"""

from __future__ import annotations

from datetime import UTC, date, datetime


def today() -> date:
    """Today on this computer's calendar."""
    return date.today()


def now() -> datetime:
    """This moment, in UTC (what saves and exports are stamped with)."""
    return datetime.now(UTC)


def day(value: date, short: bool = False) -> str:
    """A date as people write it: "5 March 2027", or with ``short`` "5 Mar 2027" (tables)."""
    return f"{value.day} {value:%b %Y}" if short else f"{value.day} {value:%B %Y}"


def month(value: date, short: bool = False) -> str:
    """A month as people write it: "March 2027", or with ``short`` "Mar 2027"."""
    return f"{value:%b %Y}" if short else f"{value:%B %Y}"


def moment(value: datetime) -> str:
    """A saved time, on this computer's clock: "5 Mar 2027, 14:03:07"."""
    local = value.astimezone()
    return f"{day(local, short=True)}, {local:%H:%M:%S}"
