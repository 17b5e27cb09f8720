"""The seven learning outcomes and where the course teaches, practises and assesses each
(``course/outcomes.yaml``): what the instructor guide's matrix shows."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from dgtkit.course import read_yaml


@dataclass(frozen=True)
class Outcome:
    number: int
    short: str
    text: str
    taught: tuple[str, ...]  # session ids ("6.1")
    practised: tuple[str, ...]  # exercise ids ("ex12")
    assessed: tuple[str, ...]  # graded items ("m6_monitoring:ex12_check")


@cache
def outcomes() -> tuple[Outcome, ...]:
    """The seven outcomes in order, each with at least one session, exercise and item."""
    found = tuple(
        Outcome(number=int(o["number"]), short=str(o["short"]), text=" ".join(o["text"].split()),
                taught=tuple(map(str, o["taught"])), practised=tuple(map(str, o["practised"])),
                assessed=tuple(map(str, o["assessed"])))
        for o in read_yaml("outcomes.yaml")["outcomes"]
    )
    if [o.number for o in found] != list(range(1, 8)):
        raise ValueError("outcomes.yaml must list the outcomes 1 to 7 in order")
    for outcome in found:
        if not (outcome.taught and outcome.practised and outcome.assessed):
            raise ValueError(f"Outcome {outcome.number} needs a session, an exercise and a "
                             "graded item")
    return found
