"""What the exercise models share: facilitator checks, per-field form errors, words, years.

First written for Ex 6 and Ex 7; the later exercises use the same checks and messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dgtkit.models import dates
from dgtkit.models.text import FieldError

_YEAR = re.compile(r"\b(2\d{3})\b")
#: Years a participant may type anywhere; outside them the value is surely a typing slip.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2200


@dataclass(frozen=True)
class Check:
    """One check a facilitator would make, with the reason in plain words."""

    id: str
    label: str
    passed: bool
    reason: str

    def to_dict(self) -> dict:
        return {"id": self.id, "label": self.label, "passed": self.passed, "reason": self.reason}


def this_year() -> int:
    return dates.today().year


def word_count(text: str) -> int:
    return len(text.split())


def years_in(text: str) -> list[int]:
    """The four-digit years (2000-2999) written in ``text``, in order."""
    return [int(y) for y in _YEAR.findall(text)]


def whole_year(field: str, value: object, label: str) -> int | None:
    """``value`` as a year, None when empty (None or 0), or a FieldError in plain words."""
    if value is None or value == 0 or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError(field, f"{label} must be a year written in four digits, like 2035.")
    if not EARLIEST_YEAR <= value <= LATEST_YEAR:
        raise FieldError(
            field, f"{label} {value} is not a year we can plan for. Please write a year like 2035."
        )
    return value


class FormErrors(ValueError):
    """Everything wrong with one submitted form, one message per field."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(e.message for e in errors))
        self.by_field = {e.field: e.message for e in errors}


def collect(errors: list[FieldError], field_check, *args):
    """Run ``field_check(*args)``; on a FieldError, note it and return None."""
    try:
        return field_check(*args)
    except FieldError as error:
        errors.append(error)
        return None
