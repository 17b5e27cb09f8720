"""Ex 5, part 4: the stakeholder map. Each stakeholder's power and interest place it in one
of four quadrants, and each quadrant calls for its own way of working with them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from dgtkit.models.text import FieldError, clean_text

NAME_LIMIT = 80
MAX_STAKEHOLDERS = 30
SCALE = range(1, 11)  # 1 = none at all, 10 = decisive
HIGH = 6  # from 6 on a 1-10 scale, power or interest counts as high

QUADRANTS = {
    # (high power, high interest): (name, strategy)
    (True, True): ("Manage closely", "Involve them fully and early; agree decisions together."),
    (True, False): ("Keep satisfied", "Consult them on what affects them; do not overload them."),
    (False, True): ("Keep informed", "Tell them regularly what is happening; listen to ideas."),
    (False, False): ("Monitor", "Watch for changes in their power or interest."),
}


@dataclass(frozen=True)
class Stakeholder:
    name: str
    power: int
    interest: int
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    @property
    def quadrant(self) -> str:
        return QUADRANTS[(self.power >= HIGH, self.interest >= HIGH)][0]

    @property
    def strategy(self) -> str:
        return QUADRANTS[(self.power >= HIGH, self.interest >= HIGH)][1]


def _score(field_name: str, label: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE:
        raise FieldError(field_name, f"{label} is a whole number from 1 to 10.")
    return value


def new_stakeholder(name: str, power: int, interest: int, id: str | None = None) -> Stakeholder:
    """A checked stakeholder, or a FieldError naming the field to fix."""
    name = clean_text("name", name, "The stakeholder's name", NAME_LIMIT, required=True)
    power = _score("power", "Power", power)
    interest = _score("interest", "Interest", interest)
    return Stakeholder(name, power, interest, id or uuid.uuid4().hex[:12])


@dataclass
class StakeholderMap:
    stakeholders: list[Stakeholder] = field(default_factory=list)

    def add(self, name: str, power: int, interest: int) -> Stakeholder:
        stakeholder = new_stakeholder(name, power, interest)
        if any(s.name.casefold() == stakeholder.name.casefold() for s in self.stakeholders):
            raise FieldError("name", f"{stakeholder.name} is already on the map.")
        if len(self.stakeholders) >= MAX_STAKEHOLDERS:
            raise FieldError("name", f"The map holds at most {MAX_STAKEHOLDERS} stakeholders.")
        self.stakeholders.append(stakeholder)
        return stakeholder

    def update(self, stakeholder_id: str, power: int, interest: int,
               name: str | None = None) -> None:
        """New scores (and, with ``name``, a new name) for a stakeholder on the map."""
        for index, old in enumerate(self.stakeholders):
            if old.id == stakeholder_id:
                changed = new_stakeholder(old.name if name is None else name, power, interest,
                                          old.id)
                if any(s.id != old.id and s.name.casefold() == changed.name.casefold()
                       for s in self.stakeholders):
                    raise FieldError("name", f"{changed.name} is already on the map.")
                self.stakeholders[index] = changed
                return
        raise FieldError("name", "That stakeholder is no longer on the map.")

    def remove(self, stakeholder_id: str) -> None:
        self.stakeholders = [s for s in self.stakeholders if s.id != stakeholder_id]

    def by_quadrant(self) -> dict[str, list[Stakeholder]]:
        groups: dict[str, list[Stakeholder]] = {name: [] for name, _ in QUADRANTS.values()}
        for stakeholder in self.stakeholders:
            groups[stakeholder.quadrant].append(stakeholder)
        return groups

    def to_dict(self) -> list[dict]:
        return [
            {"id": s.id, "name": s.name, "power": s.power, "interest": s.interest}
            for s in self.stakeholders
        ]

    @classmethod
    def from_dict(cls, data: list) -> StakeholderMap:
        model = cls()
        for item in list(data or [])[:MAX_STAKEHOLDERS]:
            try:
                model.stakeholders.append(
                    new_stakeholder(
                        item["name"], item["power"], item["interest"], str(item.get("id") or "")
                    )
                )
            except (FieldError, KeyError, TypeError):
                continue
        return model
