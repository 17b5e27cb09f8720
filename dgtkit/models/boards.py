"""Ex 5, part 3: SWOT and PESTEL boards. Entries are added, edited, removed and ranked.

Each category keeps its entries in rank order: the first entry is the most important.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from dgtkit.models.text import FieldError, clean_text

ENTRY_LIMIT = 300
MAX_ENTRIES = 12  # per category: a board is for priorities, not for everything

SWOT = {
    "strengths": "Strengths",
    "weaknesses": "Weaknesses",
    "opportunities": "Opportunities",
    "threats": "Threats",
}
PESTEL = {
    "political": "Political",
    "economic": "Economic",
    "social": "Social",
    "technological": "Technological",
    "environmental": "Environmental",
    "legal": "Legal",
}


@dataclass(frozen=True)
class Entry:
    text: str
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])


@dataclass
class Board:
    """Entries by category, each list in rank order."""

    categories: dict[str, str]
    entries: dict[str, list[Entry]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.entries = {c: list(self.entries.get(c, [])) for c in self.categories}

    def _category(self, category: str) -> list[Entry]:
        if category not in self.categories:
            raise FieldError("category", f"There is no category {category!r} on this board.")
        return self.entries[category]

    def _find(self, entry_id: str) -> tuple[list[Entry], int]:
        for entries in self.entries.values():
            for index, entry in enumerate(entries):
                if entry.id == entry_id:
                    return entries, index
        raise FieldError("entry", "That entry is no longer on the board.")

    def _text(self, category: str, text: str) -> str:
        label = f"The {self.categories[category].lower()} entry"
        return clean_text(category, text, label, ENTRY_LIMIT, required=True)

    def add(self, category: str, text: str) -> Entry:
        entries = self._category(category)
        if len(entries) >= MAX_ENTRIES:
            raise FieldError(
                category,
                f"{self.categories[category]} holds at most "
                f"{MAX_ENTRIES} entries. Merge or remove one first.",
            )
        entry = Entry(self._text(category, text))
        entries.append(entry)
        return entry

    def edit(self, entry_id: str, text: str) -> None:
        entries, index = self._find(entry_id)
        category = self.category_of(entry_id)
        entries[index] = Entry(self._text(category, text), entry_id)

    def remove(self, entry_id: str) -> Entry:
        entries, index = self._find(entry_id)
        return entries.pop(index)

    def move(self, entry_id: str, steps: int) -> None:
        """Move an entry up (negative) or down (positive) in its category's ranking."""
        entries, index = self._find(entry_id)
        new = max(0, min(len(entries) - 1, index + steps))
        entries.insert(new, entries.pop(index))

    def category_of(self, entry_id: str) -> str:
        entries, _ = self._find(entry_id)
        return next(c for c, e in self.entries.items() if e is entries)

    def count(self) -> int:
        return sum(len(e) for e in self.entries.values())

    def to_dict(self) -> dict:
        return {
            c: [{"id": e.id, "text": e.text} for e in entries]
            for c, entries in self.entries.items()
        }

    @classmethod
    def from_dict(cls, categories: dict[str, str], data: dict) -> Board:
        board = cls(categories)
        for category, entries in dict(data or {}).items():
            if category not in categories:
                continue
            for item in list(entries)[:MAX_ENTRIES]:
                try:
                    text = board._text(category, item["text"])
                except FieldError:
                    continue
                board.entries[category].append(
                    Entry(text, str(item.get("id") or uuid.uuid4().hex[:12]))
                )
        return board

    def markdown(self, title: str) -> str:
        lines = [f"### {title}", ""]
        for category, label in self.categories.items():
            lines.append(
                f"**{label}:** "
                + ("; ".join(e.text for e in self.entries[category]) or "none recorded")
            )
            lines.append("")
        return "\n".join(lines)
