"""The Day 5 action plan: the actions a team commits to, each with a lead and dates."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from dgtkit.models.text import FieldError, clean_text

EXERCISE_KEY = "action_plan"
TITLE_LIMIT = 200
LEAD_LIMIT = 120


@dataclass(frozen=True)
class Action:
    title: str
    lead: str
    start: date
    end: date
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "lead": self.lead,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Action:
        return cls(
            id=str(data["id"]),
            title=str(data["title"]),
            lead=str(data["lead"]),
            start=date.fromisoformat(data["start"]),
            end=date.fromisoformat(data["end"]),
        )


def new_action(title: object, lead: object, start: object, end: object) -> Action:
    """An action from what was typed in the form, or every problem found, field by field.

    Raises ``ActionErrors`` when anything is wrong; its ``by_field`` maps each field to its
    message, so that the form can show every message next to its field at once.
    """
    errors: list[FieldError] = []
    values: dict[str, object] = {}
    for name, value, label, limit in (
        ("title", title, "The title", TITLE_LIMIT),
        ("lead", lead, "The lead", LEAD_LIMIT),
    ):
        try:
            values[name] = clean_text(name, value, label, limit, required=True)
        except FieldError as error:
            errors.append(error)
    for name, value, label in (("start", start, "The start date"), ("end", end, "The end date")):
        if not isinstance(value, date):
            errors.append(FieldError(name, f"{label} is empty. Please pick a date."))
        else:
            values[name] = value
    if isinstance(start, date) and isinstance(end, date) and end < start:
        errors.append(FieldError("end", "The end date is before the start date."))
    if errors:
        raise ActionErrors(errors)
    return Action(**values)


class ActionErrors(ValueError):
    """Everything wrong with a new action, one FieldError per field."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(e.message for e in errors))
        self.by_field = {e.field: e.message for e in errors}


@dataclass
class ActionPlan:
    actions: list[Action] = field(default_factory=list)

    def add(self, action: Action) -> None:
        self.actions.append(action)

    def to_dict(self) -> dict:
        return {"actions": [a.to_dict() for a in self.actions]}

    @classmethod
    def from_dict(cls, data: dict) -> ActionPlan:
        return cls(actions=[Action.from_dict(a) for a in data.get("actions", [])])
