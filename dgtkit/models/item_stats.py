"""Item statistics for the lecturer: how hard each autograded item was, and how well it
separates stronger from weaker students (classical test theory). Pure: scores in, rows out.

- **Difficulty** (p): the mean share of the item's points the students earned; for an item
  of one point, the share who got it right.
- **Discrimination**: the point-biserial correlation between the item's score and the *rest
  score* (the student's points on the other items, so that the item does not correlate with
  itself). Near 0: the item does not separate; below 0: stronger students did worse on it.

The thresholds that flag an item for review are written once, here; the instructor guide
explains them (``book/instructor-guide.md``, "Item statistics").
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

#: Above this difficulty almost everyone earns the item: it tells you little.
TOO_EASY = 0.90
#: Below this, fewer students earn the item than would guess right among four choices.
TOO_HARD = 0.25
#: A point-biserial below this separates poorly (Ebel and Frisbie: below 0.20, "poor").
LOW_DISCRIMINATION = 0.20
#: Fewest students for a statistic worth reading; with fewer, nothing is flagged.
FEWEST_STUDENTS = 5

FLAGS = {
    "too_easy": f"too easy (more than {TOO_EASY:.0%} earned it)",
    "too_hard": f"too hard (fewer than {TOO_HARD:.0%} earned it)",
    "negative": "negative discrimination (stronger students did worse: check the key)",
    "low": f"low discrimination (below {LOW_DISCRIMINATION:.2f})",
}


@dataclass(frozen=True)
class ItemStat:
    """One item: who answered, its difficulty and discrimination, and the flags to review."""

    group: str  # the assignment, or "pre-test" / "post-test"
    item: str  # the grade cell's id, or the question's id
    max_score: float
    students: int
    difficulty: float | None
    discrimination: float | None  # None when the item or the rest score did not vary
    flags: tuple[str, ...]

    @property
    def review(self) -> str:
        """The flags in words, '' when the item looks sound."""
        return "; ".join(FLAGS[f] for f in self.flags)

    def to_row(self) -> dict:
        return {"group": self.group, "item": self.item, "max_score": self.max_score,
                "students": self.students,
                "difficulty": _rounded(self.difficulty),
                "discrimination": _rounded(self.discrimination),
                "review": self.review}


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def point_biserial(item: list[float], rest: list[float]) -> float | None:
    """Pearson's correlation of the two lists (the point-biserial when ``item`` is right or
    wrong); None when either does not vary."""
    count = len(item)
    if count < 2 or count != len(rest):
        return None
    mean_item, mean_rest = sum(item) / count, sum(rest) / count
    spread_item = sum((x - mean_item) ** 2 for x in item)
    spread_rest = sum((y - mean_rest) ** 2 for y in rest)
    if spread_item == 0 or spread_rest == 0:
        return None
    both = sum((x - mean_item) * (y - mean_rest) for x, y in zip(item, rest, strict=True))
    return both / math.sqrt(spread_item * spread_rest)


def flags_of(difficulty: float | None, discrimination: float | None,
             students: int) -> tuple[str, ...]:
    """What to review in an item with these statistics (the thresholds above)."""
    if students < FEWEST_STUDENTS or difficulty is None:
        return ()
    found = []
    if difficulty > TOO_EASY:
        found.append("too_easy")
    if difficulty < TOO_HARD:
        found.append("too_hard")
    if discrimination is not None and discrimination < 0:
        found.append("negative")
    elif discrimination is not None and discrimination < LOW_DISCRIMINATION:
        found.append("low")
    return tuple(found)


def item_statistics(group: str, scores: Mapping[str, Mapping[str, float]],
                    max_scores: Mapping[str, float]) -> list[ItemStat]:
    """The statistics of each item of ``max_scores`` (item → its points), in that order.

    ``scores``: student → item → points earned. A student counts for an item only if scored
    on it; the rest score is the student's points on the group's other items.
    """
    found = []
    for item, top in max_scores.items():
        earned, rest = [], []
        for marks in scores.values():
            if item not in marks or marks[item] is None:
                continue
            earned.append(float(marks[item]) / top if top else 0.0)
            rest.append(sum(float(v or 0) for k, v in marks.items() if k != item))
        difficulty = sum(earned) / len(earned) if earned else None
        discrimination = point_biserial(earned, rest)
        found.append(ItemStat(group, item, float(top), len(earned), difficulty,
                              discrimination, flags_of(difficulty, discrimination, len(earned))))
    return found


def knowledge_test_statistics(saved: Mapping[str, Mapping], bank=None) -> list[ItemStat]:
    """The statistics of the pre/post knowledge test across a cohort, each attempt apart:
    ``saved`` is participant → saved test (``KnowledgeTest.to_dict``). Only submitted
    attempts count; a test that cannot be read is left out."""
    from dgtkit.models.knowledge_test import ATTEMPTS, KnowledgeTest, course_bank

    bank = bank or course_bank()
    scores: dict[str, dict[str, dict[str, float]]] = {key: {} for key in ATTEMPTS}
    for who, data in saved.items():
        try:
            test = KnowledgeTest.from_dict(dict(data), bank=bank)
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
        for key in ATTEMPTS:
            if test.score(key) is None:
                continue
            scores[key][who] = {
                q.id: float(test.chosen(key, q.id) is not None
                            and q.choices[test.chosen(key, q.id)].correct)
                for q in bank.questions}
    items = {q.id: 1.0 for q in bank.questions}
    return [stat for key, label in ATTEMPTS.items()
            for stat in item_statistics(label, scores[key], items)]
