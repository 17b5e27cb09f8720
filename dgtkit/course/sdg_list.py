"""The full official list of the SDGs: the 17 goals, the 169 targets (with the deadline each
target's text gives) and the global indicators, read from ``data/sdg_goals.csv``,
``data/sdg_targets.csv`` and ``data/sdg_indicators.csv`` (source: ``data/README.md``;
A/RES/70/1 and the global indicator framework) with the ``csv`` module, so that the
action-plan app's kernel can check a target id without pandas.

``course/sdgs.py`` keeps the short list of targets whose wording the course confirmed.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from dgtkit.course.files import data_dir

#: The Agenda's horizon: a target that gives no year of its own falls due in 2030.
AGENDA_YEAR = 2030


@dataclass(frozen=True)
class OfficialTarget:
    id: str  # "11.2", "16.a"
    goal: int
    deadline: int | None  # the year the text gives ("by 2020"), None where it gives none
    text: str

    def passed(self, year: int) -> bool:
        """Whether the deadline the target's own text gives was before ``year``."""
        return self.deadline is not None and self.deadline < year

    def label(self, year: int, width: int = 90) -> str:
        """'11.2 By 2030, provide access to ...' cut to ``width``, with a passed deadline said
        in words: '17.8 (deadline 2017 passed) Fully operationalize ...'."""
        head = self.id + (f" (deadline {self.deadline} passed)" if self.passed(year) else "")
        text = f"{head} {self.text}"
        return text if len(text) <= width else text[: width - 3].rstrip() + "..."


@dataclass(frozen=True)
class OfficialIndicator:
    id: str  # "11.2.1"
    target: str
    text: str


@dataclass(frozen=True)
class SdgList:
    goals: dict[int, str]  # number → short title ("Sustainable cities and communities")
    targets: tuple[OfficialTarget, ...]
    indicators: tuple[OfficialIndicator, ...]

    @property
    def target_ids(self) -> frozenset[str]:
        return frozenset(t.id for t in self.targets)

    def target(self, target_id: str) -> OfficialTarget:
        for target in self.targets:
            if target.id == target_id:
                return target
        raise KeyError(f"No SDG target {target_id!r}")

    def indicators_of(self, target_id: str) -> tuple[OfficialIndicator, ...]:
        return tuple(i for i in self.indicators if i.target == target_id)

    def find(self, goal: int | None = None, words: str = "") -> tuple[OfficialTarget, ...]:
        """The targets of ``goal`` (all goals if None) whose id or text holds every word of
        ``words`` (case ignored): what a team searching the list sees."""
        wanted = words.casefold().split()
        found = []
        for target in self.targets:
            if goal is not None and target.goal != goal:
                continue
            haystack = f"{target.id} {target.text}".casefold()
            if all(word in haystack for word in wanted):
                found.append(target)
        return tuple(found)


def deadline_note(target_id: str, year: int) -> str:
    """'Its own deadline, 2017, has passed.' for a target whose deadline is before ``year``;
    else '' (also for an id not in the list)."""
    try:
        target = sdg_list().target(target_id)
    except KeyError:
        return ""
    return f"Its own deadline, {target.deadline}, has passed." if target.passed(year) else ""


def _rows(name: str) -> list[dict[str, str]]:
    with (data_dir() / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def sdg_list() -> SdgList:
    """The goals, targets and indicators in English, read once per process."""
    goals = {int(row["goal"]): row["short_en"] for row in _rows("sdg_goals.csv")}
    targets = tuple(
        OfficialTarget(id=row["target"], goal=int(row["goal"]),
                       deadline=int(row["deadline"]) if row["deadline"] else None,
                       text=row["text_en"])
        for row in _rows("sdg_targets.csv")
    )
    indicators = tuple(OfficialIndicator(id=row["indicator"], target=row["target"],
                                         text=row["text_en"])
                       for row in _rows("sdg_indicators.csv"))
    return SdgList(goals=goals, targets=targets, indicators=indicators)
