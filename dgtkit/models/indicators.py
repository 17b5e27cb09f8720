"""Ex 11 (Module 6): the SMART indicator clinic.

Each indicator measures one intervention of the Ex 10 roadmap and records the eight parts of
session 6.3: name, definition, unit, baseline (value and date), target (value and date), data
source and frequency, plus who owns it. The form checks it against each SMART criterion and
says why it fails; what it cannot judge (whether a target can be reached), the team confirms
and the form records who did. Actual values can be added as they are measured.

Public API, for later exercises (saved under ``EXERCISE_KEY``)::

    clinic = IndicatorSet.from_dict(workbook.latest(EXERCISE_KEY).data)
    clinic.indicators        # every indicator, drafts (no name yet) included
    clinic.summaries()       # the named indicators as ``IndicatorSummary`` (see its fields)
    clinic.smart(indicator)  # five ``Check``s, S, M, A, R, T, each with its reason
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

from dgtkit.course import read_yaml
from dgtkit.models import dates
from dgtkit.models.checks import Check, FormErrors, collect
from dgtkit.models.roadmap import Intervention
from dgtkit.models.text import FieldError, clean_text

#: The workbook key under which Ex 11 saves; the action plan reads it.
EXERCISE_KEY = "ex11_indicators"
NAME_LIMIT = 150
DEFINITION_LIMIT = 500
#: Words a definition adds to the name, at least: it says what is counted, and how (6.3).
DEFINITION_EXTRA = 3
UNIT_LIMIT = 40
SOURCE_LIMIT = 200
FREQUENCY_LIMIT = 60
OWNER_LIMIT = 120
CONFIRMER_LIMIT = 100
VALUE_TEXT_LIMIT = 40
VALUE_LIMIT = 1e12
MAX_INDICATORS = 20
MAX_ACTUALS = 60
TEXT_FIELDS = {  # field: (label, limit)
    "name": ("The name", NAME_LIMIT),
    "definition": ("The definition", DEFINITION_LIMIT),
    "unit": ("The unit", UNIT_LIMIT),
    "data_source": ("The data source", SOURCE_LIMIT),
    "frequency": ("The frequency", FREQUENCY_LIMIT),
    "owner": ("The owner", OWNER_LIMIT),
}


# -- the course's content ------------------------------------------------------------------


@dataclass(frozen=True)
class Criterion:
    id: str
    letter: str
    doran: str
    toolkit: str
    question: str
    rule: str

    @property
    def label(self) -> str:
        """'A: Achievable', as the toolkit writes it (Doran's 1981 words stay in the data)."""
        return f"{self.letter}: {self.toolkit}"


@dataclass(frozen=True)
class IndicatorGuide:
    """What ``course/indicators.yaml`` says: the criteria, units, frequencies, the example."""

    criteria: tuple[Criterion, ...]
    vague_words: frozenset[str]
    fewest_words: int
    units: tuple[str, ...]
    percentage_units: frozenset[str]
    yes_no_units: frozenset[str]
    ratio_words: tuple[str, ...]
    frequencies: tuple[str, ...]
    set_size: int
    example: dict[str, str]

    def criterion(self, criterion_id: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(f"No SMART criterion {criterion_id!r}")


@cache
def indicator_guide() -> IndicatorGuide:
    """The clinic's content, read once per process."""
    raw = read_yaml("indicators.yaml")
    criteria = tuple(Criterion(**c) for c in raw["smart"]["criteria"])
    if "".join(c.letter for c in criteria) != "SMART":
        raise ValueError("indicators.yaml must list the criteria S, M, A, R, T in order")
    units = raw["units"]
    return IndicatorGuide(
        criteria=criteria,
        vague_words=frozenset(w.casefold() for w in raw["vague_words"]["words"]),
        fewest_words=int(raw["vague_words"]["fewest_words"]),
        units=tuple(units["items"]),
        percentage_units=frozenset(u.casefold() for u in units["percentage"]),
        yes_no_units=frozenset(u.casefold() for u in units["yes_no"]),
        ratio_words=tuple(w.casefold() for w in units["ratio_words"]),
        frequencies=tuple(raw["frequencies"]["items"]),
        set_size=int(raw["set"]["indicators"]),
        example={k: str(v) for k, v in raw["example"].items()},
    )


# -- values and dates ------------------------------------------------------------------------


def is_yes_no(unit: str) -> bool:
    return unit.strip().casefold() in indicator_guide().yes_no_units


def is_percentage(unit: str) -> bool:
    return unit.strip().casefold() in indicator_guide().percentage_units


def format_value(value: float | None, unit: str = "") -> str:
    """41 → '41%' for a percentage; 1 → 'Yes' for a yes-or-no indicator; '' for None."""
    if value is None:
        return ""
    if is_yes_no(unit):
        return "Yes" if value else "No"
    text = str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0")
    return text + "%" if is_percentage(unit) else text


def parse_value(field: str, value: object, unit: str, label: str) -> float | None:
    """What was typed as a value in ``unit``: None when empty, else a number or a FieldError."""
    if value is None or isinstance(value, bool):
        if value is None:
            return None
        raise FieldError(field, f"{label} must be a number, like 41 or 41.5.")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = " ".join(str(value).split())
        if not text:
            return None
        if len(text) > VALUE_TEXT_LIMIT:
            raise FieldError(field, f"{label} is too long: write only the number.")
        if is_yes_no(unit):
            if text.casefold() not in ("yes", "no"):
                raise FieldError(field, f"{label}: for a yes-or-no indicator, write Yes or No.")
            return 1.0 if text.casefold() == "yes" else 0.0
        try:
            number = float(text.removesuffix("%").strip())
        except ValueError:
            raise FieldError(
                field, f"{label} must be a number, like 41 or 41.5 (no commas or words)."
            ) from None
    if not math.isfinite(number) or abs(number) > VALUE_LIMIT:
        raise FieldError(field, f"{label} is not a number the form can use.")
    if is_yes_no(unit) and number not in (0.0, 1.0):
        raise FieldError(field, f"{label}: for a yes-or-no indicator, write Yes or No.")
    if is_percentage(unit) and not 0 <= number <= 100:
        raise FieldError(field, f"{label} is a percentage, so it lies between 0 and 100.")
    return number


def _day(field: str, value: object, label: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise FieldError(field, f"{label} is not a date. Pick it in the calendar.") from None
    if not isinstance(value, date):
        raise FieldError(field, f"{label} is not a date. Pick it in the calendar.")
    return value


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# -- parts of the clinic ---------------------------------------------------------------------


@dataclass(frozen=True)
class Actual:
    """A value measured on ``day``."""

    day: date
    value: float
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    def to_dict(self) -> dict:
        return {"id": self.id, "date": self.day.isoformat(), "value": self.value}


@dataclass(frozen=True)
class Indicator:
    """One indicator; a draft (from Ex 10) has its intervention and owner, and no name yet."""

    intervention: str = ""  # id of the Ex 10 row (``Intervention.id``) it measures
    name: str = ""
    definition: str = ""
    unit: str = ""
    baseline: float | None = None
    baseline_date: date | None = None
    target: float | None = None
    target_date: date | None = None
    data_source: str = ""
    frequency: str = ""
    owner: str = ""
    confirmed_by: str = ""  # who confirmed the target can be reached
    confirmed_for: tuple | None = None  # the ambition they confirmed (see ``ambition``)
    actuals: tuple[Actual, ...] = ()
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    @property
    def is_draft(self) -> bool:
        return not self.name

    @property
    def ambition(self) -> tuple:
        """What a confirmation is about: the unit, baseline, target and target date."""
        return (self.unit.casefold(), self.baseline, self.target, _iso(self.target_date))

    @property
    def confirmation_holds(self) -> bool:
        return bool(self.confirmed_by) and self.confirmed_for == self.ambition

    def value_text(self, value: float | None) -> str:
        return format_value(value, self.unit)

    @property
    def step_text(self) -> str:
        """'from 41% to 70% by June 2028' (as far as it is known)."""
        words = (
            f"from {self.value_text(self.baseline) or '?'} to {self.value_text(self.target) or '?'}"
        )
        return words + (f" by {dates.month(self.target_date)}" if self.target_date else "")

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "intervention": self.intervention,
            "name": self.name,
            "definition": self.definition,
            "unit": self.unit,
            "baseline": self.baseline,
            "baseline_date": _iso(self.baseline_date),
            "target": self.target,
            "target_date": _iso(self.target_date),
            "data_source": self.data_source,
            "frequency": self.frequency,
            "owner": self.owner,
            "confirmed_by": self.confirmed_by,
            "confirmed_for": list(self.confirmed_for) if self.confirmed_for else None,
            "actuals": [a.to_dict() for a in self.actuals],
        }


@dataclass(frozen=True)
class IndicatorSummary:
    """A named indicator as the action plan reads it.

    Fields: ``id``, ``name``, ``definition``, ``unit``, ``baseline`` and ``target`` (numbers in
    the unit; a yes-or-no indicator uses 1 for yes and 0 for no; None if not given),
    ``baseline_text`` and ``target_text`` ('41%', 'Yes'), ``baseline_date`` and
    ``target_date`` (dates or None), ``data_source``, ``frequency``, ``owner``,
    ``intervention_id`` and ``intervention`` (the Ex 10 row it measures, "" if none),
    ``level`` (its capacity level id, "" if none), ``smart`` (criterion id → passed),
    ``passes`` (all five passed), ``confirmed_by``, ``latest_actual`` (the last ``Actual``
    measured, or None).
    """

    id: str
    name: str
    definition: str
    unit: str
    baseline: float | None
    baseline_text: str
    baseline_date: date | None
    target: float | None
    target_text: str
    target_date: date | None
    data_source: str
    frequency: str
    owner: str
    intervention_id: str
    intervention: str
    level: str
    smart: dict[str, bool]
    passes: bool
    confirmed_by: str
    latest_actual: Actual | None

    def to_dict(self) -> dict:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["baseline_date"] = _iso(self.baseline_date)
        data["target_date"] = _iso(self.target_date)
        data["latest_actual"] = self.latest_actual.to_dict() if self.latest_actual else None
        return data


# -- the clinic ------------------------------------------------------------------------------


@dataclass
class IndicatorSet:
    """The team's indicators and the Ex 10 interventions they measure."""

    indicators: list[Indicator] = field(default_factory=list)
    interventions: list[Intervention] = field(default_factory=list)
    current_date: date = field(default_factory=lambda: dates.today(), compare=False, repr=False)

    @classmethod
    def from_interventions(cls, interventions: Iterable[Intervention], **kwargs) -> IndicatorSet:
        """A new clinic with one draft per Ex 10 intervention (``dgtkit.store.handoff.roadmap``)."""
        interventions = list(interventions)
        drafts = [
            Indicator(intervention=i.id, owner=i.owner[:OWNER_LIMIT])
            for i in interventions[:MAX_INDICATORS]
        ]
        return cls(indicators=drafts, interventions=interventions, **kwargs)

    def follow_roadmap(self, interventions: Iterable[Intervention]) -> None:
        """Take the interventions of Ex 10 when it has any; else keep those saved."""
        interventions = list(interventions)
        if interventions:
            self.interventions = interventions

    def intervention(self, intervention_id: str) -> Intervention | None:
        return next((i for i in self.interventions if i.id == intervention_id), None)

    def indicator(self, indicator_id: str) -> Indicator:
        return self.indicators[self._index(indicator_id)]

    def number_of(self, indicator_id: str) -> int:
        return self._index(indicator_id) + 1

    def _index(self, indicator_id: str) -> int:
        for index, indicator in enumerate(self.indicators):
            if indicator.id == indicator_id:
                return index
        raise FieldError("indicator", "That indicator is no longer in the list.")

    # -- editing -----------------------------------------------------------------------------

    def new_indicator(self, **values: object) -> Indicator:
        """An indicator from the form, or ``FormErrors`` with every problem, by field.

        Only the name is required: what else is missing, the SMART check explains."""
        errors: list[FieldError] = []
        parts: dict[str, object] = {}
        for name, (label, limit) in TEXT_FIELDS.items():
            parts[name] = collect(
                errors, clean_text, name, values.get(name), label, limit, name == "name"
            )
        unit = parts["unit"] or ""
        for name, label in (("baseline", "The baseline"), ("target", "The target")):
            parts[name] = collect(errors, parse_value, name, values.get(name), unit, label)
        for name, label in (
            ("baseline_date", "The baseline date"),
            ("target_date", "The target date"),
        ):
            parts[name] = collect(errors, _day, name, values.get(name), label)
        parts["intervention"] = collect(errors, self._intervention, values.get("intervention"))
        if errors:
            raise FormErrors(errors)
        return Indicator(**parts)

    def _intervention(self, value: object) -> str:
        if value in (None, ""):
            return ""
        if self.intervention(str(value)) is None:
            raise FieldError("intervention", "That intervention is no longer on your roadmap.")
        return str(value)

    def save_indicator(self, indicator_id: str | None, **values: object) -> Indicator:
        """Replace the indicator ``indicator_id`` with the form's values (keeping its actual
        values and confirmation), or add it (``indicator_id`` None)."""
        indicator = self.new_indicator(**values)
        if indicator_id is None:
            if len(self.indicators) >= MAX_INDICATORS:
                raise FormErrors(
                    [FieldError("name", f"The clinic holds at most {MAX_INDICATORS} indicators.")]
                )
            self.indicators.append(indicator)
            return indicator
        index = self._index(indicator_id)
        old = self.indicators[index]
        indicator = replace(
            indicator,
            id=old.id,
            actuals=old.actuals,
            confirmed_by=old.confirmed_by,
            confirmed_for=old.confirmed_for,
        )
        self.indicators[index] = indicator
        return indicator

    def remove_indicator(self, indicator_id: str) -> None:
        self.indicators = [i for i in self.indicators if i.id != indicator_id]

    def confirm(self, indicator_id: str, who: object) -> Indicator:
        """Record who confirmed that the saved target can be reached with the team's means."""
        index = self._index(indicator_id)
        indicator = self.indicators[index]
        who = clean_text(
            "confirmed_by", who, "The name of who confirmed", CONFIRMER_LIMIT, required=True
        )
        if indicator.baseline is None or indicator.target is None or not indicator.target_date:
            raise FieldError(
                "confirmed_by",
                "Save a baseline, a target and a target date first: the team confirms that "
                "this step can be reached.",
            )
        indicator = replace(indicator, confirmed_by=who, confirmed_for=indicator.ambition)
        self.indicators[index] = indicator
        return indicator

    def add_actual(self, indicator_id: str, day: object, value: object) -> Actual:
        """A value measured on ``day`` (not in the future), in the indicator's unit."""
        index = self._index(indicator_id)
        indicator = self.indicators[index]
        errors: list[FieldError] = []
        measured = collect(errors, _day, "actual_date", day, "The date measured")
        number = collect(
            errors, parse_value, "actual_value", value, indicator.unit, "The value measured"
        )
        if not errors and measured is None:
            errors.append(FieldError("actual_date", "Pick the date the value was measured."))
        if not errors and number is None:
            errors.append(FieldError("actual_value", "Write the value that was measured."))
        if not errors and measured > self.current_date:
            errors.append(
                FieldError("actual_date", "That date is in the future: a value is measured first.")
            )
        if not errors and len(indicator.actuals) >= MAX_ACTUALS:
            errors.append(FieldError("actual_value", f"At most {MAX_ACTUALS} values are kept."))
        if errors:
            raise FormErrors(errors)
        actual = Actual(measured, number)
        actuals = tuple(sorted((*indicator.actuals, actual), key=lambda a: a.day))
        self.indicators[index] = replace(indicator, actuals=actuals)
        return actual

    def remove_actual(self, indicator_id: str, actual_id: str) -> None:
        index = self._index(indicator_id)
        indicator = self.indicators[index]
        actuals = tuple(a for a in indicator.actuals if a.id != actual_id)
        self.indicators[index] = replace(indicator, actuals=actuals)

    # -- the SMART check ---------------------------------------------------------------------

    def smart(self, indicator: Indicator) -> list[Check]:
        """The five criteria, in order, each passed or not with the reason."""
        return [
            self._specific(indicator),
            self._measurable(indicator),
            self._achievable(indicator),
            self._relevant(indicator),
            self._time_bound(indicator),
        ]

    def passes(self, indicator: Indicator) -> bool:
        return all(check.passed for check in self.smart(indicator))

    def _check(self, criterion_id: str, passed: bool, reason: str) -> Check:
        label = indicator_guide().criterion(criterion_id).label
        return Check(criterion_id, label, passed, reason)

    def _specific(self, indicator: Indicator) -> Check:
        guide = indicator_guide()
        name, fewest = indicator.name, guide.fewest_words
        if not name:
            return self._check(
                "specific",
                False,
                f"No name yet. Write what is counted, for example: '{guide.example['name']}'.",
            )
        words = name.split()
        vague = [w for w in words if w.strip(".,;:!?()'\"").casefold() in guide.vague_words]
        if vague:
            listed = ", ".join(f"'{w}'" for w in dict.fromkeys(vague))
            return self._check(
                "specific",
                False,
                f"The name uses the vague word{'s' * (len(vague) > 1)} {listed}: it says a "
                "direction, not what is counted. Name the service, group or unit and what "
                "is counted (the rule: no vague word, at least "
                f"{fewest} words).",
            )
        if len(words) < fewest:
            return self._check(
                "specific",
                False,
                f"The name has {len(words)} word{'s' * (len(words) > 1)}. Say which service, "
                f"group or unit it covers (the rule: at least {fewest} words, no vague word).",
            )
        return self._check(
            "specific",
            True,
            f"The name has {len(words)} words and no vague word. Ask the other team whether "
            "it names the service, group or unit exactly: the form cannot judge that.",
        )

    def _measurable(self, indicator: Indicator) -> Check:
        missing = [
            words
            for words, present in (
                ("a definition", indicator.definition),
                ("a unit", indicator.unit),
                ("a data source", indicator.data_source),
                ("a baseline value", indicator.baseline is not None),
                ("a target value", indicator.target is not None),
            )
            if not present
        ]
        if missing:
            return self._check(
                "measurable",
                False,
                "Missing: "
                + ", ".join(missing)
                + ". With all of them, anyone gets the same number. If you do not know the "
                "baseline yet, say in the data source who will measure it, and by when.",
            )
        name_words = set(indicator.name.casefold().split())
        if len(set(indicator.definition.casefold().split()) - name_words) < DEFINITION_EXTRA:
            return self._check(
                "measurable",
                False,
                "The definition repeats the name. Say exactly what is counted, and how, so "
                f"that anyone gets the same number: '{indicator_guide().example['definition']}'.",
            )
        ratio = f" {' '.join(indicator.definition.casefold().split())} "
        if is_percentage(indicator.unit) and not any(
                w in ratio for w in indicator_guide().ratio_words):
            return self._check(
                "measurable",
                False,
                "A percentage is one number divided by another: say in the definition what is "
                "divided by what (for example 'applications completed online divided by "
                "applications started online').",
            )
        return self._check(
            "measurable",
            True,
            f"Definition, unit ({indicator.unit}), data source, baseline "
            f"{indicator.value_text(indicator.baseline)} and target "
            f"{indicator.value_text(indicator.target)} are all there.",
        )

    def _achievable(self, indicator: Indicator) -> Check:
        if not indicator.owner:
            return self._check(
                "achievable",
                False,
                "Nobody owns it yet: name who measures and reports it. An indicator that "
                "nobody owns is seldom measured.",
            )
        if indicator.baseline is None or indicator.target is None or not indicator.target_date:
            return self._check(
                "achievable",
                False,
                "The form cannot judge a target that is not there yet: give the baseline, "
                "the target and the target date, then ask your team whether it can be reached.",
            )
        if not indicator.confirmed_by:
            return self._check(
                "achievable",
                False,
                f"The form cannot judge whether going {indicator.step_text} can be reached "
                "with your resources. Ask your team, then record who confirmed.",
            )
        if not indicator.confirmation_holds:
            return self._check(
                "achievable",
                False,
                f"The unit, baseline, target or date changed after {indicator.confirmed_by} "
                "confirmed it: ask again and record the confirmation.",
            )
        return self._check(
            "achievable",
            True,
            f"Owner: {indicator.owner}. Confirmed by {indicator.confirmed_by}: going "
            f"{indicator.step_text} can be reached.",
        )

    def _relevant(self, indicator: Indicator) -> Check:
        if not indicator.intervention:
            return self._check(
                "relevant",
                False,
                "It is not linked to your roadmap: choose the Ex 10 intervention it measures.",
            )
        intervention = self.intervention(indicator.intervention)
        if intervention is None:
            return self._check(
                "relevant",
                False,
                "The intervention it measured is no longer on your roadmap: choose another.",
            )
        if indicator.baseline is not None and indicator.baseline == indicator.target:
            return self._check(
                "relevant",
                False,
                f"The target equals the baseline ({indicator.value_text(indicator.target)}): "
                "the indicator would show no progress.",
            )
        return self._check(
            "relevant",
            True,
            f"It measures row {intervention.number} of your roadmap, "
            f"'{intervention.intervention}' (gap: {intervention.gap}).",
        )

    def _time_bound(self, indicator: Indicator) -> Check:
        start, end = indicator.baseline_date, indicator.target_date
        missing = [w for w, d in (("the baseline date", start), ("the target date", end)) if not d]
        if missing:
            return self._check(
                "time_bound",
                False,
                "Missing: " + " and ".join(missing) + ". Pick them in the form.",
            )
        if end < self.current_date:
            return self._check(
                "time_bound",
                False,
                f"The target date ({dates.day(end)}) has passed: choose a date in the future.",
            )
        if end <= start:
            return self._check(
                "time_bound", False, "The target date must come after the baseline date."
            )
        return self._check(
            "time_bound", True, f"Baseline {dates.day(start)}; target {dates.day(end)}."
        )

    # -- the whole set -----------------------------------------------------------------------

    def named(self) -> list[Indicator]:
        return [i for i in self.indicators if not i.is_draft]

    def set_checks(self) -> list[Check]:
        """Ex 11 asks for five indicators, over more than one capacity level (session 6.3)."""
        size = indicator_guide().set_size
        named = self.named()
        passing = [i for i in named if self.passes(i)]
        count = Check(
            "count",
            f"{size} indicators that pass all five tests",
            len(passing) >= size,
            f"Passing all five tests: {len(passing)} of {len(named)} named "
            f"indicator{'s' * (len(named) != 1)}. The clinic asks for {size}.",
        )
        levels = sorted(
            {i.level_name for i in filter(None, (self.intervention(x.intervention) for x in named))}
        )
        spread = Check(
            "levels",
            "More than one capacity level",
            len(levels) > 1,
            ("Levels measured: " + ", ".join(levels) + ".")
            if levels
            else "No indicator is linked to an intervention yet.",
        )
        return [count, spread]

    def confirmation_check(self) -> Check:
        """A target is confirmed by those who will have to reach it, not by one person for
        the whole team. Advice shown under the form (the grader holds ``set_checks``)."""
        label = "Targets confirmed by more than one person"
        confirmed = [i for i in self.named() if i.confirmation_holds]
        people = {i.confirmed_by.casefold() for i in confirmed}
        if len(confirmed) >= 2 and len(people) == 1:
            who = confirmed[0].confirmed_by
            return Check(
                "confirmers", label, False,
                f"{who} confirmed all {len(confirmed)} targets. Ask the owner of each "
                "indicator, who will have to reach it, or the team that tested it.",
            )
        if not confirmed:
            return Check("confirmers", label, False, "No target is confirmed yet.")
        return Check(
            "confirmers", label, True,
            f"{len(confirmed)} target{'s' * (len(confirmed) != 1)} confirmed by "
            f"{len(people)} {'people' if len(people) != 1 else 'person'}.",
        )

    def summaries(self) -> list[IndicatorSummary]:
        """The named indicators, in order, as the action plan reads them."""
        found = []
        for indicator in self.named():
            intervention = self.intervention(indicator.intervention)
            checks = self.smart(indicator)
            found.append(
                IndicatorSummary(
                    id=indicator.id,
                    name=indicator.name,
                    definition=indicator.definition,
                    unit=indicator.unit,
                    baseline=indicator.baseline,
                    baseline_text=indicator.value_text(indicator.baseline),
                    baseline_date=indicator.baseline_date,
                    target=indicator.target,
                    target_text=indicator.value_text(indicator.target),
                    target_date=indicator.target_date,
                    data_source=indicator.data_source,
                    frequency=indicator.frequency,
                    owner=indicator.owner,
                    intervention_id=indicator.intervention if intervention else "",
                    intervention=intervention.intervention if intervention else "",
                    level=intervention.level if intervention else "",
                    smart={c.id: c.passed for c in checks},
                    passes=all(c.passed for c in checks),
                    confirmed_by=indicator.confirmed_by,
                    latest_actual=indicator.actuals[-1] if indicator.actuals else None,
                )
            )
        return found

    # -- saving ------------------------------------------------------------------------------

    def to_dict(self) -> dict:
        return {
            "interventions": [i.to_dict() for i in self.interventions],
            "indicators": [i.to_dict() for i in self.indicators],
            # What later exercises read, so they need neither the guide nor this model.
            "summaries": [s.to_dict() for s in self.summaries()],
        }

    @classmethod
    def from_dict(cls, data: dict) -> IndicatorSet:
        """Load saved indicators; missing parts start empty, malformed ones raise ValueError,
        KeyError or TypeError. Dates are not held to today here: a target date that has
        passed since shows up in the SMART check instead."""
        if not isinstance(data, dict):
            raise TypeError("an indicator set is saved as a mapping")
        model = cls(
            interventions=[Intervention.from_dict(i) for i in data.get("interventions") or []]
        )
        for raw in list(data.get("indicators") or [])[:MAX_INDICATORS]:
            model.indicators.append(model._indicator_from_dict(raw))
        return model

    def _indicator_from_dict(self, raw: dict) -> Indicator:
        """A saved indicator, named or draft; a part that breaks a rule raises ValueError."""
        texts = {
            name: clean_text(name, raw.get(name), label, limit, required=False)
            for name, (label, limit) in TEXT_FIELDS.items()
        }
        unit = texts["unit"]
        confirmed_for = raw.get("confirmed_for")
        actuals = tuple(
            Actual(
                day=date.fromisoformat(a["date"]),
                value=parse_value("actual", a["value"], unit, "A value measured"),
                id=str(a["id"]),
            )
            for a in list(raw.get("actuals") or [])[:MAX_ACTUALS]
        )
        return Indicator(
            intervention=str(raw.get("intervention") or ""),
            **texts,
            baseline=parse_value("baseline", raw.get("baseline"), unit, "The baseline"),
            baseline_date=_day("baseline_date", raw.get("baseline_date"), "The baseline date"),
            target=parse_value("target", raw.get("target"), unit, "The target"),
            target_date=_day("target_date", raw.get("target_date"), "The target date"),
            confirmed_by=clean_text(
                "confirmed_by", raw.get("confirmed_by"), "Who confirmed", CONFIRMER_LIMIT, False
            ),
            confirmed_for=tuple(confirmed_for) if confirmed_for else None,
            actuals=tuple(sorted(actuals, key=lambda a: a.day)),
            id=str(raw["id"]),
        )
