"""Team codes for a workshop room: issued by the facilitator, never guessed.

The facilitator issues the room's codes (``make codes N=12``): each is three short common
words from the course's list (``dgtkit/course/team_codes.yaml``), such as
``apple-river-stone``, easy to read aloud and to type and about one in 13.7 million to guess.
The app opens a plan only for a code that was issued.

One normalization, applied to what a team types and to every issued code before they are
compared (``normalize``):

1. Unicode NFKC (compatibility forms become plain letters: the Kelvin sign "K" is "K", a
   full-width "Ａ" is "A"), then case-folding ("B" is "b", "ß" is "ss"), then NFKC again;
2. every run of spaces, hyphens or dashes (any Unicode dash), underscores, dots or slashes
   becomes one hyphen, and hyphens at either end go.

So "Apple River Stone", " apple-river-stone " and "APPLE_river—stone" are one code. What is
left must be letters a-z and digits 0-9 joined by single hyphens, 1 to 60 characters; any
other text is refused with a message. Two issued codes that normalize alike are refused when
the codes are read, so no two teams can ever share a plan by accident.
"""

from __future__ import annotations

import random
import re
import secrets
import unicodedata
from collections.abc import Iterable

from dgtkit.models.text import FieldError

CODE_LIMIT = 60
WORDS_PER_CODE = 3
_SEPARATORS = re.compile(r"[\s_./\\]+")
_CODE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def normalize(value: object) -> str:
    """The one form of a team code that codes are compared in (see the module), or a
    FieldError that says in plain words what is wrong with what was typed."""
    text = unicodedata.normalize("NFKC", str(value if value is not None else ""))
    text = unicodedata.normalize("NFKC", text.casefold())
    text = "".join("-" if unicodedata.category(c) == "Pd" else c for c in text)
    text = _SEPARATORS.sub("-", text)
    text = re.sub(r"-{2,}", "-", text).strip("-")
    if not text:
        raise FieldError("team_code", "Type your team's code, as the facilitator gave it.")
    if len(text) > CODE_LIMIT:
        raise FieldError("team_code", f"A team code is at most {CODE_LIMIT} characters long.")
    if not _CODE.fullmatch(text):
        raise FieldError("team_code", "A team code has only letters and digits, in words "
                                      "joined by hyphens or spaces, like 'apple-river-stone'.")
    return text


def words() -> list[str]:
    """The course's words for codes (each one a valid code word on its own)."""
    from dgtkit.course import read_yaml

    found = [normalize(w) for w in read_yaml("team_codes.yaml")["words"]]
    return sorted(set(found))


def generate(count: int, taken: Iterable[str] = (), reserved: Iterable[str] = (),
             rng: random.Random | None = None) -> list[str]:
    """``count`` new codes of three different words, none equal (once normalized) to a code
    in ``taken`` (already issued) or a name in ``reserved`` (the computer's user)."""
    if not 1 <= count <= 500:
        raise ValueError("Issue between 1 and 500 team codes at a time.")
    rng = rng or secrets.SystemRandom()
    pool = words()
    seen = {_quiet_normalize(c) for c in [*taken, *reserved]}
    codes: list[str] = []
    while len(codes) < count:
        code = "-".join(rng.sample(pool, WORDS_PER_CODE))
        if code not in seen:
            seen.add(code)
            codes.append(code)
    return codes


def collisions(codes: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs of codes, as written, that normalize to the same code."""
    first: dict[str, str] = {}
    pairs = []
    for code in codes:
        key = _quiet_normalize(code)
        if key in first:
            pairs.append((first[key], code))
        else:
            first[key] = code
    return pairs


def _quiet_normalize(code: str) -> str:
    try:
        return normalize(code)
    except FieldError:
        return str(code)
