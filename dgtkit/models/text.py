"""Rules for the free text participants type, shared by every model."""

from __future__ import annotations


class FieldError(ValueError):
    """A value a participant entered breaks a rule; ``field`` names the form field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def clean_text(field: str, value: object, label: str, limit: int, required: bool) -> str:
    """``value`` as tidy text, or a FieldError that says in plain words what to change."""
    return within_limits(field, " ".join(str(value or "").split()), label, limit, required)


def within_limits(field: str, text: str, label: str, limit: int, required: bool) -> str:
    """``text`` if it is there when ``required`` and no longer than ``limit``; else a
    FieldError that says so."""
    if required and not text:
        raise FieldError(field, f"{label} is empty. Please fill it in.")
    if len(text) > limit:
        raise FieldError(
            field,
            f"{label} is too long ({len(text):,} characters). Please keep it under {limit:,}.",
        )
    return text


def repeated(texts: list[str]) -> int:
    """How many of ``texts`` repeat an earlier one (case, spaces and punctuation aside): the
    mark of one sentence pasted everywhere instead of a thought for each."""
    seen: set[str] = set()
    count = 0
    for text in texts:
        key = " ".join("".join(c for c in text.casefold() if c.isalnum() or c.isspace()).split())
        count += key in seen
        seen.add(key)
    return count
