"""The worked examples of the exercises that ask for writing (``course/examples.yaml``): what an
invented team wrote, shown under each form and marked as invented."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from dgtkit.course import read_yaml


@dataclass(frozen=True)
class Example:
    exercise: str
    title: str
    team: str
    items: tuple[tuple[str, str], ...]  # (label, text)


@cache
def examples() -> dict[str, Example]:
    raw = read_yaml("examples.yaml")
    return {
        key: Example(key, item["title"], raw["team"],
                     tuple((str(i["label"]), str(i["text"])) for i in item["items"]))
        for key, item in raw["exercises"].items()
    }
