"""The Day 5 action plan: the government, its objectives, and the actions that reach them.

Public API (saved in the workbook under ``EXERCISE_KEY``)::

    plan = ActionPlan.from_dict(workbook.latest(EXERCISE_KEY).data)
    plan.team, plan.country, plan.government, plan.level, plan.currency
    plan.background, plan.review, plan.approver   # the team's own words for the document
    plan.vision             # VisionLink: the Ex 7 statement, year, SDG targets, milestones
    plan.objectives         # [Objective(id, title, link)]
    plan.actions            # [Action(...)]: title, description, problem and evidence,
                            #   objective, capacity level, pillar, lead, partners, dates,
                            #   budget, indicator (with its monitoring), SDG targets, risks,
                            #   mitigation, priority
    plan.context            # [ContextItem]: what the team carried over from the week (gaps,
                            #   benchmark findings, SWOT, stakeholders, risks, structure)
    new_action(title, lead, start, end, **more)   # an Action, or ActionErrors by field

Plans saved before the plan had objectives (actions with only a title, a lead and dates)
load as they were, and so do plans saved before the plan carried the week's context, the
indicators' monitoring or the newer levels of government (an older level's name still
reads). Everything a participant typed passes ``clean_text`` or ``clean_paragraphs``: no
control characters, no runaway lengths.
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from dgtkit.course.governments import governments
from dgtkit.models import dates
from dgtkit.models.text import FieldError, clean_text, within_limits

EXERCISE_KEY = "action_plan"
#: The version of the saved and exported format (1: actions with title, lead and dates only).
FORMAT_VERSION = 2

TITLE_LIMIT = 200
LEAD_LIMIT = 120
DESCRIPTION_LIMIT = 2000
PARTNERS_LIMIT = 300
RISK_LIMIT = 1000
REASON_LIMIT = 300
INDICATOR_LIMIT = 200
UNIT_LIMIT = 40
TEAM_LIMIT = 60
COUNTRY_LIMIT = 100
GOVERNMENT_LIMIT = 200
CURRENCY_LIMIT = 12
VISION_LIMIT = 600
BACKGROUND_LIMIT = 3000
REVIEW_LIMIT = 1000
APPROVER_LIMIT = 200
PROBLEM_LIMIT = 300
EVIDENCE_LIMIT = 600
SOURCE_LIMIT = 200
FREQUENCY_LIMIT = 60
CONTEXT_TITLE_LIMIT = 300
CONTEXT_TEXT_LIMIT = 1000
MAX_CONTEXT = 80
MAX_OBJECTIVES = 20
MAX_ACTIONS = 200
MAX_BUDGET = 1e13
MAX_NUMBER = 1e12
EARLIEST_DATE, LATEST_DATE = date(2000, 1, 1), date(2100, 12, 31)

#: The four capacity levels of Module 5 (ids as in dgtkit/course/frameworks.yaml).
CAPACITY_LEVELS = {
    "institutional": "Institutional",
    "organizational": "Organizational",
    "individual": "Individual",
    "societal": "Societal",
}
#: The levels of government (course/governments.yaml), national first. A county, district or
#: regency has its own level; the names of earlier versions still read (``level_choice``).
LEVELS_OF_GOVERNMENT = governments().level_names
BUDGET_SOURCES = {
    "own": "Own budget",
    "national": "National programme",
    "partner": "Partner",
    "donor": "Donor",
    "other": "Other",
}
PRIORITIES = {"high": "High", "medium": "Medium", "low": "Low"}
DIRECTIONS = {"up": "Up", "down": "Down"}
PARTNER_KINDS = {"public": "Public bodies", "private": "Private sector", "people": "People"}
#: What the team can carry over from the week into the plan, by the section of the document
#: it belongs to.
CONTEXT_SECTIONS = {
    "gap": "Capacity gaps (Ex 5)",
    "finding": "Benchmark findings (Ex 5)",
    "swot": "SWOT analysis (Ex 5)",
    "stakeholder": "Stakeholders (Ex 5)",
    "risk": "Risks (Ex 2, Ex 5, Ex 6)",
    "structure": "Organization (Ex 8)",
}

# Characters that Word, Excel and XML cannot hold (C0 controls but tab and new line, etc.).
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def plain(value: object) -> str:
    """``value`` as text without the characters no document format can hold."""
    return _NOT_TEXT.sub("", str(value if value is not None else ""))


def clean_line(field_name: str, value: object, label: str, limit: int,
               required: bool = False) -> str:
    """One line of text (spaces collapsed), checked against ``limit``."""
    return clean_text(field_name, plain(value), label, limit, required)


def clean_paragraphs(field_name: str, value: object, label: str, limit: int,
                     required: bool = False) -> str:
    """Text that may have paragraphs: lines kept, spaces inside each line collapsed."""
    lines = [" ".join(line.split()) for line in plain(value).replace("\r", "\n").split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return within_limits(field_name, text, label, limit, required)


def choice(field_name: str, value: object, options: dict[str, str], label: str) -> str:
    """One of ``options`` (by id, or by its name as shown), or "" for none."""
    text = plain(value).strip()
    if not text:
        return ""
    if text in options:
        return text
    for key, name in options.items():
        if text.casefold() == name.casefold():
            return key
    raise FieldError(field_name, f"{label} must be one of: {', '.join(options.values())}.")


def level_choice(value: object) -> str:
    """A level of government: its id, its name, or a name an earlier version wrote; "" for
    none. Anything else is a FieldError naming the levels."""
    text = plain(value).strip()
    if not text:
        return ""
    found = governments().level_id(text)
    if found is None:
        raise FieldError("level", "The level of government must be one of: "
                                  f"{', '.join(LEVELS_OF_GOVERNMENT.values())}.")
    return found


def optional_date(field_name: str, value: object, label: str) -> date | None:
    """A date, or None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return a_date(field_name, value, label)


def number(field_name: str, value: object, label: str, minimum: float | None = None,
           maximum: float = MAX_NUMBER) -> float | None:
    """A number typed as text ("120,000", "45 %", "12.5"), or None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise FieldError(field_name, f"{label} must be a number, such as 45 or 12.5.")
    if isinstance(value, int | float):
        result = float(value)
    else:
        text = plain(value).strip().replace(" ", "").replace("\u00a0", "").rstrip("%")
        if re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?", text):
            text = text.replace(",", "")
        try:
            result = float(text)
        except ValueError:
            raise FieldError(field_name,
                             f"{label} must be a number, such as 45 or 12.5.") from None
    if not math.isfinite(result) or abs(result) > maximum:
        raise FieldError(field_name, f"{label} is not a number we can plan with.")
    if minimum is not None and result < minimum:
        raise FieldError(field_name, f"{label} cannot be below {minimum:g}.")
    return result


def a_date(field_name: str, value: object, label: str) -> date:
    if isinstance(value, str) and value.strip():
        try:
            value = date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise FieldError(field_name,
                             f"{label} is not a date. Please write it as 2027-01-31.") from None
    if not isinstance(value, date):
        raise FieldError(field_name, f"{label} is empty. Please pick a date.")
    if hasattr(value, "date"):  # a datetime (as Excel gives dates back)
        value = value.date()
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise FieldError(field_name, f"{label} ({dates.day(value)}) is not a date we can plan for.")
    return value


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def _clean_id(value: object) -> str:
    text = plain(value).strip()
    if not re.fullmatch(r"[A-Za-z0-9_.:-]{1,64}", text):
        raise ValueError(f"{text[:40]!r} is not a valid identifier")
    return text


def _each_field(checks: dict) -> dict:
    """``{name: (function, *args)}`` → ``{name: function(*args)}``, checking every one, so
    that ``ActionErrors`` names each field that is wrong, not only the first."""
    values, errors = {}, []
    for name, (function, *args) in checks.items():
        try:
            values[name] = function(*args)
        except FieldError as error:
            errors.append(error)
    if errors:
        raise ActionErrors(errors)
    return values


@dataclass(frozen=True)
class Indicator:
    """How the team will know the action worked: a measure, from a baseline to a target, and
    how it is monitored (Ex 11's data source, frequency, dates and who reports)."""

    name: str = ""
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    direction: str = ""  # "up", "down" or "" (not said)
    baseline_date: date | None = None
    target_date: date | None = None
    data_source: str = ""
    frequency: str = ""
    owner: str = ""  # who measures and reports it
    ref: str = ""  # the id of the Ex 11 indicator it was taken from, or ""

    @property
    def is_empty(self) -> bool:
        return not self.name and self.baseline is None and self.target is None

    def problems(self) -> dict[str, str]:
        """What does not hold together, by field (name, baseline, target)."""
        found: dict[str, str] = {}
        if self.is_empty:
            return found
        if not self.name:
            found["indicator"] = "Name the indicator the baseline and target measure."
        if self.target is not None and self.baseline is not None:
            if self.target == self.baseline:
                found["target"] = ("The target equals the baseline: nothing would change. "
                                   "Set the value you want to reach.")
            elif self.direction == "up" and self.target < self.baseline:
                found["target"] = ("The indicator should go up, but the target is below the "
                                   "baseline.")
            elif self.direction == "down" and self.target > self.baseline:
                found["target"] = ("The indicator should go down, but the target is above the "
                                   "baseline.")
        if _is_percentage(self.unit):
            for name, value in (("baseline", self.baseline), ("target", self.target)):
                if value is not None and not 0 <= value <= 100:
                    found[name] = f"A percentage lies between 0 and 100, not {value:g}."
        if (self.baseline_date and self.target_date
                and self.target_date <= self.baseline_date):
            found["target_date"] = "The target date must come after the baseline date."
        return found

    def value(self, value: float | None) -> str:
        """A value as people read it: 'Yes', '41%', '60 days', '12' ('' for None)."""
        return value_text(value, self.unit)

    def label(self) -> str:
        """One line: 'Staff trained: from 10% to 60%' (the table's short form)."""
        if self.is_empty:
            return ""
        if self.baseline is None and self.target is None:
            return self.name
        if self.baseline is None:
            return f"{self.name}: target {self.value(self.target)}"
        if self.target is None:
            return f"{self.name}: {self.value(self.baseline)} today"
        if is_yes_no(self.unit):
            return f"{self.name}: now {self.value(self.baseline)}, target {self.value(self.target)}"
        return f"{self.name}: from {self.value(self.baseline)} to {self.value(self.target)}"

    def sentence(self) -> str:
        """The indicator as a sentence of a plan: 'Staff trained: from 10% in June 2026 to
        60% by September 2027.'"""
        if self.is_empty:
            return ""

        def when(day: date | None, word: str) -> str:
            return f" {word} {dates.month(day)}" if day else ""

        parts = []
        yes_no = is_yes_no(self.unit)
        if self.baseline is not None:
            parts.append(("" if yes_no else "from ") + self.value(self.baseline)
                         + when(self.baseline_date, "in"))
        if self.target is not None:
            parts.append(("" if yes_no else "to ") + self.value(self.target)
                         + when(self.target_date, "by"))
        text = self.name + (": " + ("; " if yes_no else " ").join(parts) if parts else "")
        return text.rstrip(".") + "."

    def monitoring(self) -> str:
        """How it is measured: 'Measured quarterly (source: HR records), reported by the HR
        office.' ('' when none of it is known)."""
        text = ""
        if self.frequency:
            text = f"measured {self.frequency[0].lower()}{self.frequency[1:]}"
        if self.data_source:
            text += f"{' ' if text else 'source: '}{'(source: ' if text else ''}" \
                    f"{self.data_source}{')' if text else ''}"
        if self.owner:
            text += f"{', ' if text else ''}reported by {self.owner}"
        return (text[0].upper() + text[1:]).rstrip(".") + "." if text else ""

    def to_dict(self) -> dict:
        return {"name": self.name, "unit": self.unit, "baseline": self.baseline,
                "target": self.target, "direction": self.direction,
                "baseline_date": self.baseline_date.isoformat() if self.baseline_date else None,
                "target_date": self.target_date.isoformat() if self.target_date else None,
                "data_source": self.data_source, "frequency": self.frequency,
                "owner": self.owner, "ref": self.ref}

    @classmethod
    def from_dict(cls, data: object) -> Indicator:
        """An indicator as saved or typed; ``ActionErrors`` names every field that is wrong."""
        if not data:
            return cls()
        if not isinstance(data, dict):
            raise TypeError("an indicator is saved as a mapping")
        values = _each_field({
            "name": (clean_line, "indicator", data.get("name", ""), "The indicator",
                     INDICATOR_LIMIT),
            "unit": (clean_line, "unit", data.get("unit", ""), "The unit", UNIT_LIMIT),
            "baseline": (number, "baseline", data.get("baseline"), "The baseline"),
            "target": (number, "target", data.get("target"), "The target"),
            "direction": (choice, "direction", data.get("direction", ""), DIRECTIONS,
                          "The direction"),
            "baseline_date": (optional_date, "baseline_date", data.get("baseline_date"),
                              "The baseline date"),
            "target_date": (optional_date, "target_date", data.get("target_date"),
                            "The target date"),
            "data_source": (clean_line, "data_source", data.get("data_source", ""),
                            "The data source", SOURCE_LIMIT),
            "frequency": (clean_line, "frequency", data.get("frequency", ""),
                          "How often it is measured", FREQUENCY_LIMIT),
            "owner": (clean_line, "indicator_owner", data.get("owner", ""), "Who reports it",
                      LEAD_LIMIT),
        })
        return cls(**values, ref=plain(data.get("ref", "")).strip()[:64])


_PERCENT_UNITS = {"%", "percent", "percentage", "per cent"}
_YES_NO_UNITS = {"yes or no", "yes/no", "yes-no", "yes / no"}
_NUMBER_UNITS = {"number", "count", ""}


def _is_percentage(unit: str) -> bool:
    return unit.strip().casefold() in _PERCENT_UNITS


def is_yes_no(unit: str) -> bool:
    return unit.strip().casefold() in _YES_NO_UNITS


def value_text(value: float | None, unit: str = "") -> str:
    """A value in its unit as a plan writes it: 'Yes'/'No' for a yes-or-no indicator, '41%',
    '60 days', or the number alone for a count."""
    if value is None:
        return ""
    if is_yes_no(unit):
        return "Yes" if value else "No"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
    if _is_percentage(unit):
        return f"{text}%"
    if unit.strip().casefold() in _NUMBER_UNITS:
        return text
    unit = unit.strip()
    if unit[:1].isupper() and unit[1:].islower():  # "Days", as a list offers it: "63 days"
        unit = unit.lower()
    return f"{text} {unit}"


@dataclass(frozen=True)
class Partners:
    """Who takes part besides the lead: public bodies, private companies, people (PPPP)."""

    public: str = ""
    private: str = ""
    people: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.public or self.private or self.people)

    def label(self) -> str:
        return "; ".join(f"{PARTNER_KINDS[k]}: {v}" for k, v in self.to_dict().items() if v)

    def to_dict(self) -> dict:
        return {"public": self.public, "private": self.private, "people": self.people}

    @classmethod
    def from_dict(cls, data: object) -> Partners:
        """Partners as saved or typed; ``ActionErrors`` names every field that is wrong."""
        if not data:
            return cls()
        if not isinstance(data, dict):
            raise TypeError("partners are saved as a mapping")
        return cls(**_each_field({
            kind: (clean_line, f"partners_{kind}", data.get(kind, ""), f"Partners ({name})",
                   PARTNERS_LIMIT)
            for kind, name in PARTNER_KINDS.items()
        }))


@dataclass(frozen=True)
class Objective:
    """One change that brings the vision closer; ``link`` is what of the vision it serves."""

    title: str
    link: str = ""  # "vision", a milestone's id, or "" (not linked yet)
    id: str = field(default_factory=new_id)

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "link": self.link}

    @classmethod
    def from_dict(cls, data: dict) -> Objective:
        if not isinstance(data, dict):
            raise TypeError("an objective is saved as a mapping")
        return cls(
            id=_clean_id(data.get("id") or new_id()),
            title=clean_line("objective", data.get("title", ""), "The objective", TITLE_LIMIT,
                             required=True),
            link=plain(data.get("link", ""))[:64],
        )


@dataclass(frozen=True)
class Action:
    """One action of the plan. Only the title, lead and dates are required to save it."""

    title: str
    lead: str
    start: date
    end: date
    description: str = ""
    problem: str = ""  # the problem it solves, as the team stated it in Ex 5 (or typed)
    evidence: str = ""  # what shows the problem (Ex 5's evidence, or typed)
    objective: str = ""  # the id of an Objective, or ""
    capacity_level: str = ""  # a key of CAPACITY_LEVELS, or ""
    pillar: str = ""  # a pillar id of the course framework, or ""
    partners: Partners = field(default_factory=Partners)
    budget: float | None = None
    budget_source: str = ""  # a key of BUDGET_SOURCES, or ""
    indicator: Indicator = field(default_factory=Indicator)
    sdg_targets: tuple[str, ...] = ()
    risks: str = ""
    mitigation: str = ""
    priority: str = ""  # a key of PRIORITIES, or ""
    priority_reason: str = ""
    origin: str = ""  # the suggestion it came from ("ex05:skills"), or ""
    id: str = field(default_factory=new_id)

    @property
    def months(self) -> int:
        return max(1, (self.end.year - self.start.year) * 12 + self.end.month - self.start.month
                   + 1)

    def priority_sentence(self) -> str:
        """'High. The biggest gap in Ex 5.' ('' when no priority is given)."""
        name = PRIORITIES.get(self.priority, "")
        if not name:
            return ""
        reason = self.priority_reason.strip()
        if not reason:
            return f"{name}."
        return f"{name}. {reason[0].upper()}{reason[1:]}".rstrip(".") + "."

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "problem": self.problem,
            "evidence": self.evidence,
            "objective": self.objective,
            "capacity_level": self.capacity_level,
            "pillar": self.pillar,
            "lead": self.lead,
            "partners": self.partners.to_dict(),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "budget": self.budget,
            "budget_source": self.budget_source,
            "indicator": self.indicator.to_dict(),
            "sdg_targets": list(self.sdg_targets),
            "risks": self.risks,
            "mitigation": self.mitigation,
            "priority": self.priority,
            "priority_reason": self.priority_reason,
            "origin": self.origin,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Action:
        """A saved or imported action, checked field by field like one typed in the form
        (an action of the first format, with only title, lead and dates, reads as well)."""
        if not isinstance(data, dict):
            raise TypeError("an action is saved as a mapping")
        fields = {k: data.get(k) for k in ("description", "problem", "evidence", "objective",
                                           "capacity_level",
                                           "pillar", "budget", "budget_source", "risks",
                                           "mitigation", "priority", "priority_reason",
                                           "origin")}
        fields = {k: v for k, v in fields.items() if v is not None}
        action = new_action(
            data["title"], data["lead"], data["start"], data["end"],
            partners=Partners.from_dict(data.get("partners")),
            indicator=Indicator.from_dict(data.get("indicator")),
            sdg_targets=data.get("sdg_targets") or (),
            **fields,
        )
        return replace(action, id=_clean_id(data.get("id") or new_id()))


class ActionErrors(ValueError):
    """Everything wrong with an action as typed, one message per field."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(e.message for e in errors))
        self.errors = list(errors)
        self.by_field: dict[str, str] = {}
        for error in errors:
            self.by_field.setdefault(error.field, error.message)


def new_action(title: object, lead: object, start: object, end: object, *,
               description: object = "", problem: object = "", evidence: object = "",
               objective: object = "", capacity_level: object = "",
               pillar: object = "", partners: Partners | dict | None = None,
               budget: object = None, budget_source: object = "",
               indicator: Indicator | dict | None = None, sdg_targets: Iterable = (),
               risks: object = "", mitigation: object = "", priority: object = "",
               priority_reason: object = "", origin: object = "",
               objectives: Iterable[str] | None = None) -> Action:
    """An action from what was typed in the form, or every problem found, field by field.

    Raises ``ActionErrors``; its ``by_field`` maps each form field to a message in plain
    words, so that the form shows each one beside its field. ``objectives``, when given, are
    the ids the objective must be one of.
    """
    from dgtkit.course.frameworks import frameworks
    from dgtkit.course.sdg_list import sdg_list

    errors: list[FieldError] = []

    def check(function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except FieldError as error:
            errors.append(error)
            return None
        except ActionErrors as found:  # partners or an indicator: every field of them
            errors.extend(found.errors)
            return None

    values: dict[str, object] = {
        "title": check(clean_line, "title", title, "The title", TITLE_LIMIT, required=True),
        "lead": check(clean_line, "lead", lead, "The lead", LEAD_LIMIT, required=True),
        "start": check(a_date, "start", start, "The start date"),
        "end": check(a_date, "end", end, "The end date"),
        "description": check(clean_paragraphs, "description", description, "The description",
                             DESCRIPTION_LIMIT),
        "problem": check(clean_line, "problem", problem, "The problem it solves",
                         PROBLEM_LIMIT),
        "evidence": check(clean_paragraphs, "evidence", evidence, "The evidence",
                          EVIDENCE_LIMIT),
        "capacity_level": check(choice, "capacity_level", capacity_level, CAPACITY_LEVELS,
                                "The capacity level"),
        "budget": check(number, "budget", budget, "The budget", minimum=0, maximum=MAX_BUDGET),
        "budget_source": check(choice, "budget_source", budget_source, BUDGET_SOURCES,
                               "The source of the budget"),
        "risks": check(clean_paragraphs, "risks", risks, "The risks", RISK_LIMIT),
        "mitigation": check(clean_paragraphs, "mitigation", mitigation, "The mitigation",
                            RISK_LIMIT),
        "priority": check(choice, "priority", priority, PRIORITIES, "The priority"),
        "priority_reason": check(clean_line, "priority_reason", priority_reason,
                                 "The reason for the priority", REASON_LIMIT),
        "origin": plain(origin).strip()[:64],
    }
    pillars = {p.id: p.name for p in frameworks().pillars}
    values["pillar"] = check(choice, "pillar", pillar, pillars, "The pillar")
    objective_id = plain(objective).strip()
    if objective_id and objectives is not None and objective_id not in set(objectives):
        errors.append(FieldError("objective", "Choose one of the plan's objectives."))
    values["objective"] = objective_id[:64]
    if isinstance(partners, dict):
        partners = check(Partners.from_dict, partners)
    values["partners"] = partners or Partners()
    if isinstance(indicator, dict):
        indicator = check(Indicator.from_dict, indicator)
    indicator = indicator or Indicator()
    for name, message in indicator.problems().items():
        errors.append(FieldError(name, message))
    values["indicator"] = indicator
    targets = []
    for target in sdg_targets if not isinstance(sdg_targets, str) else sdg_targets.split(","):
        target = plain(target).strip()
        if not target:
            continue
        if target not in sdg_list().target_ids:
            errors.append(FieldError("sdg_targets", f"'{target[:20]}' is not one of the 169 "
                                                    "SDG targets."))
        elif target not in targets:
            targets.append(target)
    values["sdg_targets"] = tuple(targets)
    start_date, end_date = values["start"], values["end"]
    if isinstance(start_date, date) and isinstance(end_date, date) and end_date < start_date:
        errors.append(FieldError("end", "The end date is before the start date."))
    if errors:
        raise ActionErrors(errors)
    return Action(**values)


def new_objective(title: object, link: object = "", others: Iterable[Objective] = ()) -> Objective:
    """An objective from what was typed, or a FieldError (empty, too long, already there)."""
    text = clean_line("objective", title, "The objective", TITLE_LIMIT, required=True)
    for other in others:
        if other.title.casefold() == text.casefold():
            raise FieldError("objective", f"There is already an objective '{other.title}'.")
    return Objective(title=text, link=plain(link)[:64])


#: The most SDG targets the plan keeps beside its vision (Ex 7's two or three, or Ex 12's).
SDG_MOST = 12


@dataclass(frozen=True)
class Milestone:
    year: int
    title: str
    id: str = ""


@dataclass(frozen=True)
class VisionLink:
    """The part of the Ex 7 vision the plan serves, copied into the plan (and its exports)."""

    statement: str = ""
    year: int | None = None
    sdg_targets: tuple[str, ...] = ()
    milestones: tuple[Milestone, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.statement and not self.milestones

    def link_label(self, link: str) -> str:
        if link == "vision":
            return "The vision" + (f" ({self.year})" if self.year else "")
        for milestone in self.milestones:
            if milestone.id and milestone.id == link:
                return f"Milestone {milestone.year}: {milestone.title}"
        return ""

    def to_dict(self) -> dict:
        return {
            "statement": self.statement,
            "year": self.year,
            "sdg_targets": list(self.sdg_targets),
            "milestones": [{"id": m.id, "year": m.year, "title": m.title}
                           for m in self.milestones],
        }

    @classmethod
    def from_dict(cls, data: object) -> VisionLink:
        if not data:
            return cls()
        if not isinstance(data, dict):
            raise TypeError("the vision is saved as a mapping")
        year = data.get("year")
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)
                                 or not 2000 <= year <= 2200):
            raise ValueError("the vision year is not a year")
        milestones = []
        for item in data.get("milestones") or []:
            if not isinstance(item, dict):
                raise TypeError("a milestone is saved as a mapping")
            milestone_year = item.get("year")
            if isinstance(milestone_year, bool) or not isinstance(milestone_year, int):
                raise ValueError("a milestone's year is not a year")
            milestones.append(Milestone(
                year=milestone_year,
                title=clean_line("milestone", item.get("title", ""), "A milestone", TITLE_LIMIT),
                id=plain(item.get("id", ""))[:64],
            ))
        return cls(
            statement=clean_line("vision", data.get("statement", ""), "The vision",
                                 VISION_LIMIT),
            year=year,
            sdg_targets=tuple(plain(t)[:10] for t in data.get("sdg_targets") or [])[:SDG_MOST],
            milestones=tuple(milestones[:20]),
        )


@dataclass(frozen=True)
class ContextItem:
    """Something of the week the team carried into the plan: a capacity gap, a benchmark
    finding, a SWOT entry, a stakeholder, a risk or the organization's structure.

    ``section`` is a key of CONTEXT_SECTIONS; ``title`` the item itself (a risk, a
    stakeholder's name, 'Strength'), ``text`` what goes with it (the evidence, the
    mitigation, how to work with the stakeholder), ``detail`` a short extra (a risk's owner).
    """

    section: str
    title: str
    text: str = ""
    detail: str = ""
    origin: str = ""  # the suggestion it came from ("ex05:swot:<id>"), or ""
    id: str = field(default_factory=new_id)

    def to_dict(self) -> dict:
        return {"id": self.id, "section": self.section, "title": self.title,
                "text": self.text, "detail": self.detail, "origin": self.origin}

    @classmethod
    def from_dict(cls, data: object) -> ContextItem:
        if not isinstance(data, dict):
            raise TypeError("an item of the plan's context is saved as a mapping")
        section = plain(data.get("section", "")).strip()
        if section not in CONTEXT_SECTIONS:
            raise ValueError(f"{section[:20]!r} is not a section of the plan")
        return cls(
            section=section,
            title=clean_line("context", data.get("title", ""), "The item", CONTEXT_TITLE_LIMIT,
                             required=True),
            text=clean_paragraphs("context", data.get("text", ""), "Its text",
                                  CONTEXT_TEXT_LIMIT),
            detail=clean_paragraphs("context", data.get("detail", ""), "Its detail",
                                    EVIDENCE_LIMIT),
            origin=plain(data.get("origin", "")).strip()[:64],
            id=_clean_id(data.get("id") or new_id()),
        )


@dataclass
class ActionPlan:
    """The team's plan: who the government is, its objectives and its actions."""

    team: str = ""
    country: str = ""
    government: str = ""  # the city, region or agency (or the country's government)
    level: str = ""  # a key of LEVELS_OF_GOVERNMENT, or ""
    currency: str = ""  # ISO 4217; follows the country until the team chooses another
    vision: VisionLink = field(default_factory=VisionLink)
    objectives: list[Objective] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # suggestions the team dropped
    context: list[ContextItem] = field(default_factory=list)  # carried over from the week
    background: str = ""  # the team's own words on why the plan is needed
    review: str = ""  # who reviews progress, how often, and when the plan is checked again
    approver: str = ""  # who approves the plan (a post, such as "County Executive Committee")
    _undo: list[tuple[int, Action]] = field(default_factory=list, repr=False, compare=False)

    # -- the government --------------------------------------------------------------------

    def describe(self, *, team: object = None, country: object = None,
                 government: object = None, level: object = None,
                 currency: object = None, background: object = None,
                 review: object = None, approver: object = None) -> None:
        """Set who the plan is for; raises FormErrors-like ActionErrors naming each field.

        A new country brings its currency (ISO 4217, course/governments.yaml) unless the
        team chose another currency than the one the country had."""
        errors: list[FieldError] = []
        values = {}
        for name, value, label, limit in (
            ("team", team, "The team", TEAM_LIMIT),
            ("country", country, "The country", COUNTRY_LIMIT),
            ("government", government, "The government", GOVERNMENT_LIMIT),
            ("currency", currency, "The currency", CURRENCY_LIMIT),
            ("approver", approver, "Who approves the plan", APPROVER_LIMIT),
        ):
            if value is not None:
                try:
                    values[name] = clean_line(name, value, label, limit)
                except FieldError as error:
                    errors.append(error)
        for name, value, label, limit in (
            ("background", background, "The background", BACKGROUND_LIMIT),
            ("review", review, "How progress is reviewed", REVIEW_LIMIT),
        ):
            if value is not None:
                try:
                    values[name] = clean_paragraphs(name, value, label, limit)
                except FieldError as error:
                    errors.append(error)
        if level is not None:
            try:
                values["level"] = level_choice(level)
            except FieldError as error:
                errors.append(error)
        if errors:
            raise ActionErrors(errors)
        if "country" in values and "currency" not in values:
            table = governments()
            before = table.currency_of(self.country)
            if not self.currency or self.currency == before:
                values["currency"] = table.currency_of(values["country"]) or self.currency
        if "currency" in values:
            values["currency"] = values["currency"].upper()
        for name, value in values.items():
            setattr(self, name, value)

    @property
    def name(self) -> str:
        """How the plan names its government in titles."""
        if self.government and self.country and self.country not in self.government:
            return f"{self.government}, {self.country}"
        return self.government or self.country or self.team or "our government"

    # -- objectives ------------------------------------------------------------------------

    def add_objective(self, objective: Objective) -> None:
        if len(self.objectives) >= MAX_OBJECTIVES:
            raise FieldError("objective",
                             f"A plan has at most {MAX_OBJECTIVES} objectives; two to four "
                             "is best.")
        self.objectives.append(objective)

    def remove_objective(self, objective_id: str) -> None:
        """Remove an objective; its actions stay, no longer linked to it."""
        self.objectives = [o for o in self.objectives if o.id != objective_id]
        self.actions = [replace(a, objective="") if a.objective == objective_id else a
                        for a in self.actions]

    def objective(self, objective_id: str) -> Objective | None:
        return next((o for o in self.objectives if o.id == objective_id), None)

    # -- actions ---------------------------------------------------------------------------

    def add(self, action: Action) -> None:
        if len(self.actions) >= MAX_ACTIONS:
            raise FieldError("title", f"A plan has at most {MAX_ACTIONS} actions.")
        self.actions.append(action)

    def action(self, action_id: str) -> Action | None:
        return next((a for a in self.actions if a.id == action_id), None)

    def update(self, action: Action) -> None:
        """Replace the action with the same id, in place."""
        for index, old in enumerate(self.actions):
            if old.id == action.id:
                self.actions[index] = action
                return
        raise KeyError(action.id)

    def remove(self, action_id: str) -> Action:
        """Remove an action; ``undo_remove`` puts the last removed one back where it was."""
        for index, old in enumerate(self.actions):
            if old.id == action_id:
                del self.actions[index]
                self._undo.append((index, old))
                return old
        raise KeyError(action_id)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo_remove(self) -> Action | None:
        if not self._undo:
            return None
        index, action = self._undo.pop()
        if self.action(action.id) is None:
            self.actions.insert(min(index, len(self.actions)), action)
        return action

    # -- what the week brought -------------------------------------------------------------

    def add_context(self, item: ContextItem) -> None:
        if len(self.context) >= MAX_CONTEXT:
            raise FieldError("context", f"A plan carries at most {MAX_CONTEXT} items from the "
                                        "week; remove some first.")
        self.context.append(item)

    def remove_context(self, item_id: str) -> None:
        self.context = [c for c in self.context if c.id != item_id]

    def context_of(self, section: str) -> list[ContextItem]:
        return [c for c in self.context if c.section == section]

    def drop_suggestion(self, suggestion_id: str) -> None:
        if suggestion_id not in self.dropped:
            self.dropped.append(plain(suggestion_id)[:64])

    def take(self, other: ActionPlan) -> None:
        """Become ``other`` (an earlier version, or an imported file) in place, so that
        whoever holds this plan sees the new one; the undo of deletions starts afresh. A plan
        that names no team keeps this one's team."""
        team = other.team or self.team
        for name in ("country", "government", "level", "currency", "vision", "objectives",
                     "actions", "dropped", "context", "background", "review", "approver"):
            setattr(self, name, getattr(other, name))
        self.team = team
        self._undo.clear()

    # -- saving ----------------------------------------------------------------------------

    def to_dict(self) -> dict:
        return {
            "version": FORMAT_VERSION,
            "team": self.team,
            "country": self.country,
            "government": self.government,
            "level": self.level,
            "currency": self.currency,
            "vision": self.vision.to_dict(),
            "objectives": [o.to_dict() for o in self.objectives],
            "actions": [a.to_dict() for a in self.actions],
            "dropped": list(self.dropped),
            "context": [c.to_dict() for c in self.context],
            "background": self.background,
            "review": self.review,
            "approver": self.approver,
        }

    @classmethod
    def from_dict(cls, data: dict) -> ActionPlan:
        """A saved plan (format 1 or 2). Anything malformed raises ValueError, KeyError or
        TypeError, with nothing half-read: the caller keeps whatever plan it had."""
        if not isinstance(data, dict):
            raise TypeError("an action plan is saved as a mapping")
        version = data.get("version", 1)
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise ValueError(f"{str(version)[:20]!r} is not a version of the plan's format")
        if version > FORMAT_VERSION:
            raise ValueError(
                f"this plan was written in format {version}, by a newer version of the "
                f"course's app (this one reads formats 1 to {FORMAT_VERSION})"
            )
        raw_objectives = data.get("objectives") or []
        raw_actions = data.get("actions") or []
        if not isinstance(raw_objectives, list) or not isinstance(raw_actions, list):
            raise TypeError("objectives and actions are saved as lists")
        if len(raw_objectives) > MAX_OBJECTIVES or len(raw_actions) > MAX_ACTIONS:
            raise ValueError(f"a plan has at most {MAX_OBJECTIVES} objectives and "
                             f"{MAX_ACTIONS} actions")
        plan = cls(vision=VisionLink.from_dict(data.get("vision")))
        plan.describe(
            team=data.get("team", ""), country=data.get("country", ""),
            government=data.get("government", ""), level=data.get("level", ""),
            # A plan of the first format had no currency, and said US dollars.
            currency=data.get("currency", "USD") or "",
            background=data.get("background", ""), review=data.get("review", ""),
            approver=data.get("approver", ""),
        )
        for number, raw in enumerate(raw_objectives, 1):
            plan.objectives.append(_item(Objective.from_dict, raw, "objective", number))
        ids = {o.id for o in plan.objectives}
        if len(ids) != len(plan.objectives):
            raise ValueError("two objectives have the same id")
        for number, raw in enumerate(raw_actions, 1):
            action = _item(Action.from_dict, raw, "action", number)
            if action.objective and action.objective not in ids:
                raise ValueError(f"the action '{action.title[:40]}' names an objective that "
                                 "is not in the plan")
            plan.actions.append(action)
        if len({a.id for a in plan.actions}) != len(plan.actions):
            raise ValueError("two actions have the same id")
        dropped = data.get("dropped") or []
        if not isinstance(dropped, list):
            raise TypeError("dropped suggestions are saved as a list")
        plan.dropped = [plain(d)[:64] for d in dropped[:500]]
        raw_context = data.get("context") or []
        if not isinstance(raw_context, list):
            raise TypeError("the plan's context is saved as a list")
        plan.context = [ContextItem.from_dict(raw) for raw in raw_context[:MAX_CONTEXT]]
        return plan


class ItemError(ValueError):
    """An objective or action of a saved or imported plan that cannot be read: which one
    (``kind``, its 1-based ``number`` in the plan, its ``title``) and why (``reason``)."""

    def __init__(self, kind: str, number: int, title: str, reason: str):
        self.kind, self.number, self.title, self.reason = kind, number, title, reason
        named = f" ('{title[:40]}')" if title else ""
        super().__init__(f"{kind} {number}{named}: {reason}")


def _item(parse, raw: object, kind: str, number: int):
    try:
        return parse(raw)
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, KeyError):
            reason = f"it has no {str(error.args[0])[:30]}"
        else:
            reason = (str(error) or type(error).__name__)[:300].rstrip(".")
        title = plain(raw.get("title", "")).strip() if isinstance(raw, dict) else ""
        raise ItemError(kind, number, title, reason) from None
