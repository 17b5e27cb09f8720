"""Ex 12 (Module 6): the local SDG review.

The team chooses, from the full official list of 169 targets (``course.sdg_list``), the SDG
targets its plan serves. For each, it says how it will track it: a global indicator of that
target or a local proxy, the data source, the baseline and its year, the target value, how
often it is measured, who reports it and how the data is broken down (sex, age, disability,
location); and it ties the target to the actions of its Ex 10 roadmap and the indicators of
Ex 11. The dashboard shows what is tracked, what has no data yet and which targets no action
serves. The targets and their actions feed the action plan's SDG field.

Public API, for later exercises (saved under ``EXERCISE_KEY``)::

    review = LocalReview.from_dict(workbook.latest(EXERCISE_KEY).data)
    review.targets            # TrackedTarget, in the team's order
    review.actions_of("11.2") # the Ex 10 row ids tied to a target
    review.targets_by_action()  # Ex 10 row id -> the target ids it serves
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from dgtkit.course.sdg_list import sdg_list
from dgtkit.models.checks import EARLIEST_YEAR, Check, this_year
from dgtkit.models.text import FieldError, clean_text

#: The workbook key under which Ex 12 saves; the action plan reads it.
EXERCISE_KEY = "ex12_local_sdg_review"
#: How the data of a target can be broken down (the groups the 2030 Agenda asks to see).
DISAGGREGATIONS = {"sex": "Sex", "age": "Age", "disability": "Disability",
                   "location": "Location (urban or rural, district)"}
#: The fewest and most targets a review tracks: a few that the plan really serves.
FEWEST_TARGETS, MOST_TARGETS = 3, 12
MOST_LINKS = 30  # actions or indicators tied to one target
TEXT_FIELDS = {  # field: (label, limit)
    "proxy": ("The local proxy", 300),
    "data_source": ("The data source", 200),
    "baseline": ("The baseline", 40),
    "target_value": ("The target value", 40),
    "frequency": ("The frequency", 60),
    "reporter": ("Who reports it", 120),
}


def _year(value: object) -> int | None:
    """The baseline's year: empty is None; else a year from 2000 to this year."""
    if value is None or value == "" or value == 0:
        return None
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit() or len(text) != 4:
        raise FieldError("baseline_year", "The baseline year must be a year in four digits, "
                                          "like 2024.")
    year = int(text)
    if not EARLIEST_YEAR <= year <= this_year():
        raise FieldError("baseline_year", f"The baseline year {year} is not a year already "
                                          f"measured: write a year from {EARLIEST_YEAR} to "
                                          f"{this_year()}.")
    return year


def _ids(field_name: str, values: object, what: str) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str) or not all(isinstance(v, str) for v in values):
        raise FieldError(field_name, f"The {what} must be a list of ids.")
    ids = tuple(dict.fromkeys(v.strip()[:40] for v in values if v.strip()))
    if len(ids) > MOST_LINKS:
        raise FieldError(field_name, f"Tie at most {MOST_LINKS} {what} to one target.")
    return ids


@dataclass(frozen=True)
class TrackedTarget:
    """One SDG target the plan serves and how the team tracks it."""

    target: str  # the official id, "11.2"
    indicator: str = ""  # a global indicator of this target ("11.2.1"), or "" for a proxy
    proxy: str = ""  # the local proxy, when no global indicator is used
    data_source: str = ""
    baseline: str = ""  # as written: "41%", "12 days"
    baseline_year: int | None = None
    target_value: str = ""
    frequency: str = ""
    reporter: str = ""
    disaggregation: tuple[str, ...] = ()  # keys of DISAGGREGATIONS
    actions: tuple[str, ...] = ()  # Ex 10 row ids
    indicators: tuple[str, ...] = ()  # Ex 11 indicator ids

    @property
    def measure(self) -> str:
        """What is tracked, in words: the global indicator's id, or the proxy."""
        if self.indicator:
            return f"{self.indicator} (global indicator)"
        return f"{self.proxy} (local proxy)" if self.proxy else ""

    @property
    def has_data(self) -> bool:
        return bool(self.baseline and self.baseline_year)

    @property
    def is_tracked(self) -> bool:
        """Measured by something, with a source, a target value, a frequency and a reporter."""
        return bool(self.measure and self.data_source and self.target_value
                    and self.frequency and self.reporter)

    def to_dict(self) -> dict:
        return {"target": self.target, "indicator": self.indicator, "proxy": self.proxy,
                "data_source": self.data_source, "baseline": self.baseline,
                "baseline_year": self.baseline_year, "target_value": self.target_value,
                "frequency": self.frequency, "reporter": self.reporter,
                "disaggregation": list(self.disaggregation), "actions": list(self.actions),
                "indicators": list(self.indicators)}

    @classmethod
    def from_dict(cls, data: dict) -> TrackedTarget:
        return _checked(cls(target=str(data["target"])), data)


def _checked(item: TrackedTarget, values: dict) -> TrackedTarget:
    """``item`` with ``values`` (any fields of TrackedTarget), each checked; a FieldError
    names the first field that breaks a rule."""
    changes: dict = {}
    for name, value in values.items():
        if name == "target":
            continue
        if name in TEXT_FIELDS:
            label, limit = TEXT_FIELDS[name]
            changes[name] = clean_text(name, value, label, limit, required=False)
        elif name == "indicator":
            text = str(value or "").strip()
            known = {i.id for i in sdg_list().indicators_of(item.target)}
            if text and text not in known:
                raise FieldError("indicator", f"{text} is not a global indicator of target "
                                              f"{item.target}. Choose one of its indicators, "
                                              "or write a local proxy.")
            changes[name] = text
        elif name == "baseline_year":
            changes[name] = _year(value)
        elif name == "disaggregation":
            keys = _ids(name, value, "ways to break down the data")
            unknown = [k for k in keys if k not in DISAGGREGATIONS]
            if unknown:
                raise FieldError(name, f"'{unknown[0]}' is not a way to break down the data: "
                                       f"choose from {', '.join(DISAGGREGATIONS)}.")
            changes[name] = tuple(k for k in DISAGGREGATIONS if k in keys)
        elif name in ("actions", "indicators"):
            changes[name] = _ids(name, value, "actions" if name == "actions" else
                                 "indicators")
        else:
            raise FieldError(name, f"Ex 12 has no field {name!r}.")
    return replace(item, **changes)


@dataclass
class LocalReview:
    """The team's local SDG review: the targets its plan serves and how each is tracked."""

    targets: list[TrackedTarget] = field(default_factory=list)

    # -- changes ---------------------------------------------------------------------------

    def add_target(self, target_id: object) -> TrackedTarget:
        """Add an official target by its id ("11.2"); its global indicator is offered first."""
        text = str(target_id or "").strip()
        if not text:
            raise FieldError("target", "Choose a target from the list first.")
        if text not in sdg_list().target_ids:
            raise FieldError("target", f"'{text[:20]}' is not one of the 169 SDG targets. "
                                       "Choose a target from the list.")
        if any(t.target == text for t in self.targets):
            raise FieldError("target", f"Target {text} is already in your review.")
        if len(self.targets) >= MOST_TARGETS:
            raise FieldError("target", f"Your review already tracks {MOST_TARGETS} targets. "
                                       "Remove one the plan serves least before adding another.")
        indicators = sdg_list().indicators_of(text)
        item = TrackedTarget(target=text, indicator=indicators[0].id if indicators else "")
        self.targets.append(item)
        return item

    def remove_target(self, target_id: str) -> None:
        self.targets = [t for t in self.targets if t.target != target_id]

    def get(self, target_id: str) -> TrackedTarget:
        for item in self.targets:
            if item.target == target_id:
                return item
        raise FieldError("target", f"Target {target_id} is not in your review.")

    def update(self, target_id: str, **values) -> TrackedTarget:
        """Change some fields of one target; a FieldError leaves it as it was."""
        item = self.get(target_id)
        new = _checked(item, values)
        if "indicator" in values and new.indicator:
            new = replace(new, proxy="")
        elif "proxy" in values and new.proxy:
            new = replace(new, indicator="")
        self.targets[self.targets.index(item)] = new
        return new

    # -- reading ---------------------------------------------------------------------------

    def actions_of(self, target_id: str) -> tuple[str, ...]:
        return self.get(target_id).actions

    def targets_by_action(self) -> dict[str, list[str]]:
        """Each Ex 10 row id → the target ids tied to it, in the review's order."""
        found: dict[str, list[str]] = {}
        for item in self.targets:
            for action in item.actions:
                found.setdefault(action, []).append(item.target)
        return found

    def passed(self) -> list[TrackedTarget]:
        """The targets whose own deadline (2017, 2020, 2025) is already past."""
        year = this_year()
        return [t for t in self.targets if sdg_list().target(t.target).passed(year)]

    def dashboard(self, action_ids: set[str] | None = None) -> Dashboard:
        """What is tracked, what has no data yet, which targets no action serves.
        ``action_ids``: the Ex 10 rows that still exist (ties to others do not count)."""
        def served(item: TrackedTarget) -> bool:
            return any(a in action_ids for a in item.actions) if action_ids is not None \
                else bool(item.actions)

        return Dashboard(
            tracked=tuple(t.target for t in self.targets if t.is_tracked),
            not_tracked=tuple(t.target for t in self.targets if not t.is_tracked),
            no_data=tuple(t.target for t in self.targets if not t.has_data),
            unserved=tuple(t.target for t in self.targets if not served(t)),
            passed=tuple(t.target for t in self.passed()),
        )

    def checks(self, action_ids: set[str] | None = None) -> list[Check]:
        """A facilitator's checks, each with its reason in plain words."""
        count = len(self.targets)
        board = self.dashboard(action_ids)
        undivided = [t.target for t in self.targets if not t.disaggregation]
        return [
            Check("targets", "Three or more targets the plan serves",
                  count >= FEWEST_TARGETS,
                  f"Your review tracks {count} target{'s' * (count != 1)}; choose at least "
                  f"{FEWEST_TARGETS} from the list." if count < FEWEST_TARGETS else
                  f"Your review tracks {count} targets."),
            Check("tracked", "Each target has a measure, a source, a target value, a "
                  "frequency and who reports it", count > 0 and not board.not_tracked,
                  _say(board.not_tracked, "still lack part of how they are tracked")),
            Check("baseline", "Each target has a baseline and its year",
                  count > 0 and not board.no_data,
                  _say(board.no_data, "have no data yet: find the baseline, or say in the "
                       "source who will measure it first")),
            Check("disaggregated", "Each target's data is broken down by at least one group",
                  count > 0 and not undivided,
                  _say(undivided, "do not say yet how the data is broken down (sex, age, "
                       "disability, location)")),
            Check("served", "Each target is served by an action of the roadmap (Ex 10)",
                  count > 0 and not board.unserved,
                  _say(board.unserved, "are served by no action yet: tie each to an Ex 10 "
                       "action, or drop it")),
        ]

    # -- saving ----------------------------------------------------------------------------

    def to_dict(self) -> dict:
        return {"targets": [t.to_dict() for t in self.targets]}

    @classmethod
    def from_dict(cls, data: dict) -> LocalReview:
        """Saved answers back; a FieldError (a ValueError) or KeyError if they break a rule."""
        model = cls()
        for item in data.get("targets") or []:
            model.add_target(item["target"])
            model.targets[-1] = TrackedTarget.from_dict(item)
        return model


@dataclass(frozen=True)
class Dashboard:
    """The one-page review: target ids in each state."""

    tracked: tuple[str, ...]
    not_tracked: tuple[str, ...]
    no_data: tuple[str, ...]
    unserved: tuple[str, ...]
    passed: tuple[str, ...]


def _say(ids, what: str) -> str:
    if not ids:
        return "Done for every target."
    ids = list(ids)
    return f"{', '.join(ids)} {what}." if len(ids) > 1 else f"{ids[0]} {_one(what)}."


def _one(what: str) -> str:
    """The same sentence for one target: 'still lack' → 'still lacks', 'have' → 'has'."""
    for plural, single in (("still lack", "still lacks"), ("have no", "has no"),
                           ("do not say", "does not say"), ("are served", "is served")):
        if what.startswith(plural):
            return (single + what[len(plural):]).replace("they are", "it is")
    return what
