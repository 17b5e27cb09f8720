"""Ex 2: the benefit-risk matrix. A team lists benefits and risks of digital technologies for
its own government, rates each for likelihood and impact, and gives every risk a mitigation
and an owner.

Public API, for later exercises (saved under ``EXERCISE_KEY``)::

    matrix = BenefitRiskMatrix.from_dict(workbook.latest(EXERCISE_KEY).data)
    matrix.government          # the team's government, as typed ("" if not given)
    matrix.benefits            # [MatrixItem], in the order added: B1, B2, ...
    matrix.risks               # [MatrixItem]: R1, R2, ... each with mitigation and owner
    item.category, item.likelihood, item.impact, item.score   # score = likelihood x impact
    matrix.summary(), matrix.checks(), matrix.passes()

The categories are course data (``course/ex02_categories.yaml``), as sessions 1.3 and 1.4
teach them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from functools import cache

from dgtkit.course import read_yaml
from dgtkit.models.checks import Check, FormErrors, collect
from dgtkit.models.text import FieldError, clean_text, repeated

EXERCISE_KEY = "ex02_benefit_risk"
KINDS = {"benefit": "Benefit", "risk": "Risk"}
PREFIX = {"benefit": "B", "risk": "R"}
SCALE = (1, 2, 3, 4, 5)
ASKED = 3  # "Each team maps 3 benefits and 3 risks" (course/week.yaml)
MAX_PER_KIND = 10
TITLE_LIMIT = 120
MITIGATION_LIMIT = 500
OWNER_LIMIT = 100
GOVERNMENT_LIMIT = 200


# -- course data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Category:
    """A kind of benefit or risk taught in session 1.3 or 1.4."""

    id: str
    kind: str
    name: str
    about: str
    hint: str  # benefit: an example; risk: a first mitigation to discuss (the course's own)
    sources: tuple[str, ...]
    own: bool  # this course's own category, with no source


@dataclass(frozen=True)
class CourseData:
    categories: tuple[Category, ...]
    scale_words: dict[str, dict[int, str]]  # "likelihood" / "impact" -> 1..5 -> words

    def of_kind(self, kind: str) -> tuple[Category, ...]:
        return tuple(c for c in self.categories if c.kind == kind)

    def category(self, category_id: str) -> Category:
        for category in self.categories:
            if category.id == category_id:
                return category
        raise KeyError(f"No category {category_id!r}")

    def fallback(self, kind: str) -> Category:
        """The "another benefit/risk" category of ``kind``."""
        return next(c for c in self.of_kind(kind) if c.own)


@cache
def course_data() -> CourseData:
    """The categories and scale words, read and checked once per process."""
    raw = read_yaml("ex02_categories.yaml")
    categories = []
    for kind, hint in (("benefit", "example"), ("risk", "first_mitigation")):
        for item in raw[f"{kind}s"]:
            category = Category(
                id=item["id"],
                kind=kind,
                name=item["name"],
                about=item["about"],
                hint=item.get(hint, ""),
                sources=tuple(item.get("sources", ())),
                own=bool(item.get("own", False)),
            )
            if not category.sources and not category.own:
                raise ValueError(f"Category {category.id!r} needs a source or own: true")
            categories.append(category)
    if len({c.id for c in categories}) != len(categories):
        raise ValueError("Category ids must be unique")
    words = {name: {int(k): v for k, v in raw["scale"][name].items()} for name in raw["scale"]}
    data = CourseData(tuple(categories), words)
    for kind in KINDS:
        data.fallback(kind)  # StopIteration if a kind has no "another ..." category
    return data


# -- one item ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixItem:
    """One benefit or risk, rated 1-5 for likelihood and impact.

    Only a risk has a mitigation and an owner; for a benefit both stay empty."""

    kind: str
    category: str
    title: str
    likelihood: int
    impact: int
    mitigation: str = ""
    owner: str = ""
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    @property
    def score(self) -> int:
        """Likelihood x impact, from 1 to 25: the higher, the sooner the team should act."""
        return self.likelihood * self.impact

    @property
    def missing(self) -> list[str]:
        """What a risk still needs, in words: "a mitigation", "an owner"."""
        if self.kind != "risk":
            return []
        needs = [("a mitigation", self.mitigation), ("an owner", self.owner)]
        return [what for what, value in needs if not value]

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "category": self.category,
            "title": self.title,
            "likelihood": self.likelihood,
            "impact": self.impact,
            "mitigation": self.mitigation,
            "owner": self.owner,
        }

    @classmethod
    def from_dict(cls, data: dict) -> MatrixItem:
        kind = str(data["kind"])
        category = str(data.get("category") or "")
        if kind in KINDS and category not in {c.id for c in course_data().of_kind(kind)}:
            category = course_data().fallback(kind).id  # a category the course has renamed
        item = new_item(
            kind,
            category,
            data["title"],
            data["likelihood"],
            data["impact"],
            data.get("mitigation", ""),
            data.get("owner", ""),
        )
        return replace(item, id=str(data["id"]))


def _kind(value: object) -> str:
    if value not in KINDS:
        raise FieldError("kind", "Choose whether this is a benefit or a risk.")
    return str(value)


def _category(kind: str | None, value: object) -> str:
    if kind is None:
        return ""  # the kind has its own message
    ids = [c.id for c in course_data().of_kind(kind)]
    if value not in ids:
        raise FieldError("category", f"Choose a category of {kind}s from the list.")
    return str(value)


def _rating(name: str, value: object) -> int:
    if isinstance(value, bool) or value not in SCALE:
        words = course_data().scale_words[name]
        raise FieldError(name, f"Rate the {name} from 1 ({words[1]}) to 5 ({words[5]}).")
    return int(value)


def new_item(
    kind: object,
    category: object,
    title: object,
    likelihood: object,
    impact: object,
    mitigation: object = "",
    owner: object = "",
) -> MatrixItem:
    """An item from what was typed, or ``FormErrors`` with every problem, field by field.

    A risk may be saved without a mitigation or an owner: the matrix then says what is
    missing. A benefit keeps neither."""
    errors: list[FieldError] = []
    kind = collect(errors, _kind, kind)
    risk = kind == "risk"
    values = {
        "kind": kind,
        "category": collect(errors, _category, kind, category),
        "title": collect(errors, clean_text, "title", title, "The title", TITLE_LIMIT, True),
        "likelihood": collect(errors, _rating, "likelihood", likelihood),
        "impact": collect(errors, _rating, "impact", impact),
        "mitigation": collect(
            errors,
            clean_text,
            "mitigation",
            mitigation if risk else "",
            "The mitigation",
            MITIGATION_LIMIT,
            False,
        ),
        "owner": collect(
            errors, clean_text, "owner", owner if risk else "", "The owner", OWNER_LIMIT, False
        ),
    }
    if errors:
        raise FormErrors(errors)
    return MatrixItem(**values)


# -- the matrix ----------------------------------------------------------------------------


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


@dataclass
class BenefitRiskMatrix:
    """The team's benefits and risks, in the order added."""

    government: str = ""
    items: list[MatrixItem] = field(default_factory=list)

    @property
    def benefits(self) -> list[MatrixItem]:
        return [i for i in self.items if i.kind == "benefit"]

    @property
    def risks(self) -> list[MatrixItem]:
        return [i for i in self.items if i.kind == "risk"]

    def item(self, item_id: str) -> MatrixItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(f"No item {item_id!r}")

    def label(self, item: MatrixItem) -> str:
        """The item's mark on the chart: B1, B2, ... for benefits, R1, R2, ... for risks."""
        same_kind = [i.id for i in self.items if i.kind == item.kind]
        return f"{PREFIX[item.kind]}{same_kind.index(item.id) + 1}"

    def name_government(self, name: object) -> None:
        self.government = clean_text(
            "government", name, "The name of the government", GOVERNMENT_LIMIT, required=False
        )

    def add(self, item: MatrixItem) -> None:
        self._refuse_same_title(item)
        self._refuse_too_many(item)
        self.items.append(item)

    def edit(self, item_id: str, edited: MatrixItem) -> None:
        """Change an item in place; it keeps its place in the list."""
        place = self.items.index(self.item(item_id))
        edited = replace(edited, id=item_id)
        self._refuse_same_title(edited)
        if edited.kind != self.items[place].kind:
            self._refuse_too_many(edited)
        self.items[place] = edited

    def remove(self, item_id: str) -> MatrixItem:
        item = self.item(item_id)
        self.items.remove(item)
        return item

    def _refuse_same_title(self, item: MatrixItem) -> None:
        for other in self.items:
            same = other.kind == item.kind and other.title.casefold() == item.title.casefold()
            if same and other.id != item.id:
                raise FormErrors(
                    [FieldError("title", f"There is already a {item.kind} called '{other.title}'.")]
                )

    def _refuse_too_many(self, item: MatrixItem) -> None:
        if len([i for i in self.items if i.kind == item.kind]) >= MAX_PER_KIND:
            raise FormErrors(
                [
                    FieldError(
                        "kind",
                        f"The matrix holds at most {MAX_PER_KIND} {item.kind}s. "
                        "Merge or remove one first.",
                    )
                ]
            )

    # -- feedback ----------------------------------------------------------------------------

    def missing(self) -> list[str]:
        """One plain sentence for each risk that still needs a mitigation or an owner."""
        return [
            f"{self.label(r)} '{r.title}' still needs {' and '.join(r.missing)}."
            for r in self.risks
            if r.missing
        ]

    def summary(self) -> str:
        """One line: "3 benefits, 3 risks, 1 risk still needs an owner." (or "2 benefits
        (3 asked), ..." while fewer than asked are listed)."""
        parts = [
            _count(count, kind) + (f" ({ASKED} asked)" if count < ASKED else "")
            for kind, count in (("benefit", len(self.benefits)), ("risk", len(self.risks)))
        ]
        for what in ("a mitigation", "an owner"):
            count = sum(what in r.missing for r in self.risks)
            if count:
                verb = "needs" if count == 1 else "need"
                parts.append(f"{_count(count, 'risk')} still {verb} {what}")
        if self.risks and not any(r.missing for r in self.risks):
            parts.append("every risk has a mitigation and an owner")
        return ", ".join(parts) + "."

    def top_risk(self) -> MatrixItem | None:
        """The risk with the highest likelihood x impact (the first one added, on a tie)."""
        return max(self.risks, key=lambda r: r.score, default=None)

    def checks(self) -> list[Check]:
        return [
            self._check_count("benefit"),
            self._check_count("risk"),
            self._check_risks_have("a mitigation", "mitigations"),
            self._check_risks_have("an owner", "owners"),
        ]

    def passes(self) -> bool:
        return all(check.passed for check in self.checks())

    def judgment_checks(self) -> list[Check]:
        """What a matrix made with thought has and a careless one lacks (the graded rule of
        Ex 2): risks weighed apart, so that the matrix says which comes first, and a
        mitigation of its own for each risk."""
        scores = {r.score for r in self.risks}
        pasted = repeated([r.mitigation for r in self.risks if r.mitigation])
        return [
            Check("weighed", "The risks are weighed apart", len(scores) > 1,
                  "Every risk has the same likelihood x impact: the matrix does not say "
                  "which to act on first. Rate each on its own." if len(scores) <= 1 else
                  f"Scores from {min(scores)} to {max(scores)}."),
            Check("own_mitigations", "Each risk has its own mitigation", not pasted,
                  f"{pasted} mitigation{'s repeat' if pasted != 1 else ' repeats'} another: "
                  "say how each risk in particular will be reduced." if pasted else
                  "Each mitigation is written for its risk."),
        ]

    def _check_count(self, kind: str) -> Check:
        count = len([i for i in self.items if i.kind == kind])
        label = f"At least {ASKED} {kind}s"
        if count >= ASKED:
            return Check(f"{kind}s", label, True, f"You have listed {_count(count, kind)}.")
        return Check(
            f"{kind}s",
            label,
            False,
            f"You have listed {_count(count, kind)}: add {ASKED - count} more.",
        )

    def _check_risks_have(self, what: str, plural: str) -> Check:
        label = f"Every risk has {what}"
        lacking = [f"{self.label(r)} '{r.title}'" for r in self.risks if what in r.missing]
        if not self.risks:
            return Check(plural, label, False, "No risks listed yet.")
        if lacking:
            return Check(plural, label, False, f"Still without {what}: " + ", ".join(lacking) + ".")
        count = len(self.risks)
        every = "The risk has" if count == 1 else f"All {count} risks have"
        return Check(plural, label, True, f"{every} {what}.")

    # -- saving ------------------------------------------------------------------------------

    def to_dict(self) -> dict:
        return {"government": self.government, "items": [i.to_dict() for i in self.items]}

    @classmethod
    def from_dict(cls, data: dict) -> BenefitRiskMatrix:
        """Load saved answers; missing parts start empty, malformed ones raise ValueError,
        KeyError or TypeError (the exercise then keeps the revision and starts afresh)."""
        if not isinstance(data, dict):
            raise TypeError("Saved answers of Ex 2 must be a mapping")
        model = cls()
        model.name_government(data.get("government", ""))
        items = data.get("items") or []
        if not isinstance(items, list):
            raise TypeError("The items of Ex 2 must be a list")
        for raw in items:
            model.add(MatrixItem.from_dict(raw))
        return model
