"""Ex 6: a horizon scan of signals, two critical uncertainties and four futures (2 x 2).

Public API, for later exercises (saved under ``EXERCISE_KEY``)::

    scenarios = ScenarioSet.from_dict(workbook.latest(EXERCISE_KEY).data)
    scenarios.horizon                 # the year of the futures (default 2035)
    scenarios.signals                 # [Signal(id, title, note, impact, uncertainty)]
    scenarios.critical_signals()      # high impact and high uncertainty (both 4 or 5)
    scenarios.axes                    # [Axis(signal_id, low, high)] x 2: axis 1, axis 2
    scenarios.scenarios               # {quadrant id: Scenario(name, narrative)}
    scenarios.checks(), scenarios.passes()
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace

from dgtkit.models.checks import (
    Check,
    FormErrors,
    collect,
    this_year,
    whole_year,
    word_count,
)
from dgtkit.models.text import FieldError, clean_text, repeated

EXERCISE_KEY = "ex06_scenarios"
DEFAULT_HORIZON = 2035
SCALE = (1, 2, 3, 4, 5)
SCALE_WORDS = {1: "very low", 2: "low", 3: "medium", 4: "high", 5: "very high"}
CRITICAL_FROM = 4  # a signal is critical when rated at least this on impact AND uncertainty
SIGNALS_ASKED = 10  # "Teams list ten signals" (course/week.yaml)
TITLE_LIMIT = 80
NOTE_LIMIT = 500
END_LIMIT = 60
NAME_LIMIT = 60
NARRATIVE_LIMIT = 1_000  # characters: a guard; the rule participants see is in words
NARRATIVE_WORDS = 80
HORIZON_REACH = 50  # the horizon lies at most this many years ahead
AXIS_COUNT = 2
ENDS = ("low", "high")
#: The four quadrants, named by the end of axis 1 (horizontal) then axis 2 (vertical).
QUADRANTS = ("high_high", "low_high", "low_low", "high_low")


def quadrant_ends(quadrant: str) -> tuple[str, str]:
    """("high", "low") for "high_low": the end of axis 1, then of axis 2."""
    first, second = quadrant.split("_")
    return first, second


@dataclass(frozen=True)
class Signal:
    """A sign of change spotted in the horizon scan, rated 1-5 for impact and uncertainty."""

    title: str
    note: str
    impact: int
    uncertainty: int
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    @property
    def critical(self) -> bool:
        return self.impact >= CRITICAL_FROM and self.uncertainty >= CRITICAL_FROM

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "note": self.note,
            "impact": self.impact,
            "uncertainty": self.uncertainty,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Signal:
        signal = new_signal(
            data["title"], data.get("note", ""), data["impact"], data["uncertainty"]
        )
        return replace(signal, id=str(data["id"]))


def _rating(name: str, value: object, label: str) -> int:
    if isinstance(value, bool) or value not in SCALE:
        raise FieldError(name, f"Rate the {label} from 1 (very low) to 5 (very high).")
    return int(value)


def new_signal(title: object, note: object, impact: object, uncertainty: object) -> Signal:
    """A signal from what was typed, or ``FormErrors`` with every problem, field by field."""
    errors: list[FieldError] = []
    values = {
        "title": collect(errors, clean_text, "title", title, "The signal", TITLE_LIMIT, True),
        "note": collect(errors, clean_text, "note", note, "The note", NOTE_LIMIT, False),
        "impact": collect(errors, _rating, "impact", impact, "impact"),
        "uncertainty": collect(errors, _rating, "uncertainty", uncertainty, "uncertainty"),
    }
    if errors:
        raise FormErrors(errors)
    return Signal(**values)


@dataclass(frozen=True)
class Axis:
    """A critical uncertainty used as an axis of the matrix, with its two extreme outcomes."""

    signal_id: str | None = None
    low: str = ""
    high: str = ""

    def end(self, which: str) -> str:
        return self.low if which == "low" else self.high

    def to_dict(self) -> dict:
        return {"signal_id": self.signal_id, "low": self.low, "high": self.high}

    @classmethod
    def from_dict(cls, data: dict) -> Axis:
        signal_id = data.get("signal_id")
        return cls(
            signal_id=None if signal_id is None else str(signal_id),
            low=clean_text("low", data.get("low", ""), "The low end", END_LIMIT, False),
            high=clean_text("high", data.get("high", ""), "The high end", END_LIMIT, False),
        )


@dataclass(frozen=True)
class Scenario:
    """One of the four futures: a name and a short narrative."""

    name: str = ""
    narrative: str = ""

    @property
    def words(self) -> int:
        return word_count(self.narrative)

    def to_dict(self) -> dict:
        return {"name": self.name, "narrative": self.narrative}

    @classmethod
    def from_dict(cls, data: dict) -> Scenario:
        return cls(
            name=clean_text("name", data.get("name", ""), "The name", NAME_LIMIT, False),
            narrative=clean_text(
                "narrative", data.get("narrative", ""), "The narrative", NARRATIVE_LIMIT, False
            ),
        )


def _empty_axes() -> list[Axis]:
    return [Axis() for _ in range(AXIS_COUNT)]


def _empty_scenarios() -> dict[str, Scenario]:
    return {quadrant: Scenario() for quadrant in QUADRANTS}


@dataclass
class ScenarioSet:
    """The team's horizon scan, its two critical uncertainties and its four futures."""

    signals: list[Signal] = field(default_factory=list)
    axes: list[Axis] = field(default_factory=_empty_axes)
    scenarios: dict[str, Scenario] = field(default_factory=_empty_scenarios)
    horizon: int = DEFAULT_HORIZON
    current_year: int = field(default_factory=this_year, compare=False, repr=False)

    # -- signals ---------------------------------------------------------------------------

    def signal(self, signal_id: str) -> Signal:
        for signal in self.signals:
            if signal.id == signal_id:
                return signal
        raise KeyError(f"No signal {signal_id!r}")

    def number_of(self, signal_id: str) -> int:
        """The signal's number on the chart: its place in the list, from 1."""
        return [s.id for s in self.signals].index(signal_id) + 1

    def critical_signals(self) -> list[Signal]:
        return [s for s in self.signals if s.critical]

    def add_signal(self, signal: Signal) -> None:
        self._refuse_same_title(signal)
        self.signals.append(signal)

    def replace_signal(self, signal_id: str, edited: Signal) -> None:
        """Change a signal in place; it keeps its number and any axis built on it."""
        place = self.number_of(signal_id) - 1
        edited = replace(edited, id=signal_id)
        self._refuse_same_title(edited)
        self.signals[place] = edited

    def remove_signal(self, signal_id: str) -> None:
        signal = self.signal(signal_id)
        for number, axis in enumerate(self.axes, start=1):
            if axis.signal_id == signal_id:
                raise FieldError(
                    "signal",
                    f"'{signal.title}' is axis {number} of your "
                    "scenarios. Choose another axis first.",
                )
        self.signals.remove(signal)

    def _refuse_same_title(self, signal: Signal) -> None:
        for other in self.signals:
            if other.id != signal.id and other.title.casefold() == signal.title.casefold():
                raise FormErrors(
                    [FieldError("title", f"There is already a signal called '{other.title}'.")]
                )

    # -- axes and futures ------------------------------------------------------------------

    def axis_signal(self, index: int) -> Signal | None:
        signal_id = self.axes[index].signal_id
        return None if signal_id is None else self.signal(signal_id)

    def choose_axis(self, index: int, signal_id: str | None) -> None:
        """Make a critical signal axis ``index`` (0 or 1); None clears the choice."""
        name = f"axis{index + 1}"
        if signal_id is not None:
            try:
                signal = self.signal(signal_id)
            except KeyError:
                raise FieldError(name, "That signal is no longer in the list.") from None
            if not signal.critical:
                raise FieldError(
                    name,
                    f"'{signal.title}' is not a critical uncertainty: "
                    "an axis needs impact and uncertainty of 4 or 5.",
                )
            if self.axes[1 - index].signal_id == signal_id:
                raise FieldError(
                    name,
                    f"'{signal.title}' is already the other axis. "
                    "The two axes must be different uncertainties.",
                )
        self.axes[index] = replace(self.axes[index], signal_id=signal_id)

    def name_axis_end(self, index: int, end: str, text: object) -> None:
        """Name the ``end`` ("low" or "high") of axis ``index``: an extreme outcome."""
        label = f"The {end} end of axis {index + 1}"
        value = clean_text(f"axis{index + 1}_{end}", text, label, END_LIMIT, required=False)
        self.axes[index] = replace(self.axes[index], **{end: value})

    def name_scenario(self, quadrant: str, name: object) -> None:
        value = clean_text(f"{quadrant}_name", name, "The name", NAME_LIMIT, required=False)
        self.scenarios[quadrant] = replace(self.scenarios[quadrant], name=value)

    def tell_scenario(self, quadrant: str, narrative: object) -> None:
        value = clean_text(
            f"{quadrant}_narrative", narrative, "The narrative", NARRATIVE_LIMIT, required=False
        )
        self.scenarios[quadrant] = replace(self.scenarios[quadrant], narrative=value)

    def set_horizon(self, year: object) -> None:
        first, last = self.current_year + 1, self.current_year + HORIZON_REACH
        value = whole_year("horizon", year, "The year of the futures")
        if value is None or not first <= value <= last:
            raise FieldError(
                "horizon", f"The year of the futures must lie ahead, between {first} and {last}."
            )
        self.horizon = value

    def quadrant_title(self, quadrant: str) -> str:
        """The quadrant in words, from the axes' ends: "high trust + slow adoption"."""
        parts = []
        for index, end in enumerate(quadrant_ends(quadrant)):
            text = self.axes[index].end(end)
            parts.append(text or f"axis {index + 1} {end}")
        return " + ".join(parts)

    # -- the facilitator's checks ----------------------------------------------------------

    def checks(self) -> list[Check]:
        return [
            self._check_signals(),
            self._check_axes(),
            self._check_ends(),
            self._check_names(),
            self._check_narratives(),
            self._check_horizon(),
        ]

    def passes(self) -> bool:
        return all(check.passed for check in self.checks())

    def _check_signals(self) -> Check:
        count = len(self.signals)
        label = f"About {SIGNALS_ASKED} signals scanned"
        if count >= SIGNALS_ASKED:
            return Check("signals", label, True, f"You have {count} signals.")
        return Check(
            "signals",
            label,
            False,
            f"You have {count} signal{'s' * (count != 1)}: "
            f"scan for {SIGNALS_ASKED - count} more, so that the critical ones stand out.",
        )

    def _check_axes(self) -> Check:
        label = "Two critical uncertainties chosen"
        chosen = [self.axis_signal(i) for i in range(AXIS_COUNT)]
        missing = [str(i + 1) for i, s in enumerate(chosen) if s is None]
        if missing:
            return Check(
                "axes",
                label,
                False,
                f"Choose a critical uncertainty for axis {' and axis '.join(missing)}.",
            )
        weak = [s.title for s in chosen if not s.critical]
        if weak:
            return Check(
                "axes",
                label,
                False,
                f"'{weak[0]}' is no longer rated critical "
                "(impact and uncertainty 4 or 5): re-rate it or choose another.",
            )
        return Check(
            "axes", label, True, f"Axis 1: '{chosen[0].title}'; axis 2: '{chosen[1].title}'."
        )

    def _check_ends(self) -> Check:
        label = "Each axis has two extreme outcomes"
        for number, axis in enumerate(self.axes, start=1):
            if not axis.low or not axis.high:
                return Check(
                    "ends",
                    label,
                    False,
                    f"Name both ends of axis {number}, for example 'low trust' and 'high trust'.",
                )
            if axis.low.casefold() == axis.high.casefold():
                return Check(
                    "ends",
                    label,
                    False,
                    f"The two ends of axis {number} are the "
                    "same: they should be opposite outcomes.",
                )
        return Check("ends", label, True, "Both axes run between two opposite outcomes.")

    def _check_names(self) -> Check:
        label = "Four futures named"
        names = [s.name for s in self.scenarios.values() if s.name]
        if len(names) < len(QUADRANTS):
            return Check("names", label, False, f"{len(names)} of 4 futures have a name.")
        if len({n.casefold() for n in names}) < len(names):
            return Check(
                "names",
                label,
                False,
                "Two futures have the same name: give each "
                "its own, so that people can tell them apart.",
            )
        return Check("names", label, True, "; ".join(names) + ".")

    def judgment_checks(self) -> list[Check]:
        """The graded rule of Ex 6 beyond its checklist: four futures told apart, since one
        narrative pasted into every quadrant explores nothing."""
        texts = [s.narrative for s in self.scenarios.values() if s.narrative]
        pasted = repeated(texts)
        return [Check("told_apart", "The four futures are told apart", bool(texts) and not pasted,
                      f"{pasted} narrative{'s repeat' if pasted != 1 else ' repeats'} another: "
                      "tell what is different in each future." if pasted else
                      "Each future has its own story." if texts else "No narrative yet.")]

    def _check_narratives(self) -> Check:
        label = f"Each future told in at most {NARRATIVE_WORDS} words"
        missing, problems = [], []
        for quadrant, scenario in self.scenarios.items():
            name = f"'{scenario.name or self.quadrant_title(quadrant)}'"
            if not scenario.narrative:
                missing.append(name)
            elif scenario.words > NARRATIVE_WORDS:
                problems.append(f"{name} has {scenario.words} words: cut it to {NARRATIVE_WORDS}.")
        if len(missing) == len(QUADRANTS):
            problems.append("No future has a narrative yet.")
        elif missing:
            problems.append("No narrative yet for " + ", ".join(missing) + ".")
        if problems:
            return Check("narratives", label, False, " ".join(problems))
        return Check("narratives", label, True, "All four futures have a short narrative.")

    def _check_horizon(self) -> Check:
        ahead = self.horizon - self.current_year
        return Check(
            "horizon",
            "A time horizon",
            ahead > 0,
            f"The futures are set in {self.horizon}, {ahead} years from now."
            if ahead > 0
            else f"{self.horizon} is not in the future: choose a later year.",
        )

    # -- saving ----------------------------------------------------------------------------

    def to_dict(self) -> dict:
        return {
            "horizon": self.horizon,
            "signals": [s.to_dict() for s in self.signals],
            "axes": [a.to_dict() for a in self.axes],
            "scenarios": {q: s.to_dict() for q, s in self.scenarios.items()},
        }

    @classmethod
    def from_dict(cls, data: dict) -> ScenarioSet:
        """Load a saved set; missing parts start empty, malformed ones raise ValueError,
        KeyError or TypeError (the exercise then keeps the revision and starts afresh)."""
        model = cls(horizon=int(data.get("horizon", DEFAULT_HORIZON)))
        for raw in data.get("signals") or []:
            model.add_signal(Signal.from_dict(raw))
        axes = list(data.get("axes") or [])
        if len(axes) > AXIS_COUNT:
            raise ValueError("A scenario set has two axes")
        for index, raw in enumerate(axes):
            axis = Axis.from_dict(raw)
            if axis.signal_id is not None:
                model.signal(axis.signal_id)  # KeyError when it points nowhere
            model.axes[index] = axis
        for quadrant, raw in dict(data.get("scenarios") or {}).items():
            if quadrant not in QUADRANTS:
                raise ValueError(f"No quadrant {quadrant!r}")
            model.scenarios[quadrant] = Scenario.from_dict(raw)
        return model
