"""The evaluation of the training (session 7.2): the final reaction survey (Kirkpatrick level
1: ratings 1-5 and three open questions) and one to three personal commitments (level 3), each
with what, by when, how I will know it is done and who will know about it, for the follow-up
three to six months after the workshop.

Public API (saved under ``EXERCISE_KEY``)::

    data = workbook.latest(EXERCISE_KEY).data
    data["ratings"]      # {"relevance": 4, ...}, None where not rated
    data["texts"]        # {"most_useful": "...", "unclear": "...", "to_change": "..."}
    data["commitments"]  # [{"id", "what", "by_when" (ISO date), "how_known", "who_knows"}]
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache

from dgtkit.course import read_yaml
from dgtkit.models import dates
from dgtkit.models.checks import Check, FormErrors, collect
from dgtkit.models.text import FieldError, clean_text

EXERCISE_KEY = "training_evaluation"
TEXT_LIMIT = 1000
WHAT_LIMIT = 200
PART_LIMIT = 200
LATEST = timedelta(days=366)  # a commitment is for the months after the workshop


# -- the course's data -------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingQuestion:
    id: str
    short: str
    prompt: str
    low: str
    high: str


@dataclass(frozen=True)
class TextQuestion:
    id: str
    short: str
    prompt: str
    placeholder: str


@dataclass(frozen=True)
class CommitmentPart:
    id: str
    label: str
    example: str
    required: bool


@dataclass(frozen=True)
class EvaluationForm:
    lowest: int
    highest: int
    ratings: tuple[RatingQuestion, ...]
    texts: tuple[TextQuestion, ...]
    parts: tuple[CommitmentPart, ...]
    least: int
    most: int
    follow_up: str
    levels: dict[str, dict]
    citations: dict[str, str]

    def part(self, part_id: str) -> CommitmentPart:
        return next(p for p in self.parts if p.id == part_id)

    def cite(self, source: str) -> str:
        return self.citations.get(source, source)


def parse_form(raw: dict) -> EvaluationForm:
    """The form from its YAML data; a ValueError, KeyError or TypeError says what is wrong."""
    reaction, commitments = raw["reaction"], raw["commitments"]
    form = EvaluationForm(
        lowest=int(reaction["scale"]["lowest"]),
        highest=int(reaction["scale"]["highest"]),
        ratings=tuple(RatingQuestion(**q) for q in reaction["ratings"]),
        texts=tuple(TextQuestion(**q) for q in reaction["texts"]),
        parts=tuple(CommitmentPart(**p) for p in commitments["parts"]),
        least=int(commitments["least"]),
        most=int(commitments["most"]),
        follow_up=str(commitments["follow_up"]),
        levels=dict(raw["levels"]),
        citations={str(k): str(v) for k, v in raw["citations"].items()},
    )
    sources = [reaction["source"], commitments["source"]]
    sources += [level["source"] for level in form.levels.values()]
    for source in sources:
        if source not in form.citations:
            raise ValueError(f"Source {source!r} is not in 'citations'")
    if [p.id for p in form.parts] != ["what", "by_when", "how_known", "who_knows"]:
        raise ValueError("A commitment has the parts what, by_when, how_known, who_knows")
    if not form.lowest < form.highest:
        raise ValueError("The scale goes from a lower to a higher number")
    return form


@cache
def evaluation_form() -> EvaluationForm:
    """The form of ``course/evaluation.yaml``, read and checked once."""
    return parse_form(read_yaml("evaluation.yaml"))


# -- commitments -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Commitment:
    what: str
    by_when: date
    how_known: str = ""
    who_knows: str = ""
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "what": self.what,
            "by_when": self.by_when.isoformat(),
            "how_known": self.how_known,
            "who_knows": self.who_knows,
        }


def _date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            message = "Write the date as year-month-day, like 2026-05-31."
            raise FieldError("by_when", message) from None
    if value in (None, ""):
        return None
    raise FieldError("by_when", "Choose the date in the calendar.")


def _by_when(value: object, today: date) -> date:
    when = _date(value)
    if when is None:
        raise FieldError("by_when", "Choose the date by when you will have done it.")
    if when <= today:
        raise FieldError(
            "by_when", f"Choose a date after today ({dates.day(today)}): the commitment is ahead."
        )
    if when > today + LATEST:
        raise FieldError(
            "by_when",
            f"Choose a date within a year ({dates.day(today + LATEST)} at the latest): the "
            "follow-up comes three to six months after the workshop.",
        )
    return when


def new_commitment(
    what: object, by_when: object, how_known: object, who_knows: object, today: date
) -> Commitment:
    """A commitment from what was typed, or ``FormErrors`` with every problem, by field."""
    errors: list[FieldError] = []
    form = evaluation_form()
    values = {
        "what": collect(
            errors, clean_text, "what", what, form.part("what").label, WHAT_LIMIT, True
        ),
        "by_when": collect(errors, _by_when, by_when, today),
        "how_known": collect(
            errors,
            clean_text,
            "how_known",
            how_known,
            form.part("how_known").label,
            PART_LIMIT,
            False,
        ),
        "who_knows": collect(
            errors,
            clean_text,
            "who_knows",
            who_knows,
            form.part("who_knows").label,
            PART_LIMIT,
            False,
        ),
    }
    if errors:
        raise FormErrors(errors)
    return Commitment(**values)


# -- the evaluation ----------------------------------------------------------------------------


@dataclass
class TrainingEvaluation:
    """A participant's ratings, answers and commitments."""

    ratings: dict[str, int | None] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    commitments: list[Commitment] = field(default_factory=list)
    today: date = field(default_factory=lambda: dates.today(), repr=False, compare=False)
    form: EvaluationForm = field(default_factory=evaluation_form, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.ratings = {q.id: self.ratings.get(q.id) for q in self.form.ratings}
        self.texts = {q.id: self.texts.get(q.id, "") for q in self.form.texts}

    def rate(self, question_id: str, value: int | None) -> None:
        if question_id not in self.ratings:
            raise FieldError(question_id, "That question is not in the survey.")
        low, high = self.form.lowest, self.form.highest
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high
        ):
            raise FieldError(question_id, f"A rating is a whole number from {low} to {high}.")
        self.ratings[question_id] = value

    def write(self, question_id: str, text: str) -> None:
        if question_id not in self.texts:
            raise FieldError(question_id, "That question is not in the survey.")
        self.texts[question_id] = clean_text(
            question_id, text, "Your answer", TEXT_LIMIT, required=False
        )

    def add_commitment(self, commitment: Commitment) -> None:
        if len(self.commitments) >= self.form.most:
            raise FormErrors(
                [
                    FieldError(
                        "what",
                        f"You have {self.form.most} commitments already, the most this form "
                        "takes. Remove one to add another.",
                    )
                ]
            )
        if any(c.what.casefold() == commitment.what.casefold() for c in self.commitments):
            raise FormErrors([FieldError("what", "You have made this commitment already.")])
        self.commitments.append(commitment)

    def remove_commitment(self, commitment_id: str) -> None:
        self.commitments = [c for c in self.commitments if c.id != commitment_id]

    @property
    def unrated(self) -> list[str]:
        return [q.short for q in self.form.ratings if self.ratings[q.id] is None]

    def checks(self) -> list[Check]:
        """Is the form complete? The open questions and two commitment parts are optional."""
        count, least = len(self.commitments), self.form.least
        unrated = self.unrated
        return [
            Check(
                "ratings",
                "Every question rated",
                not unrated,
                "Still to rate: " + ", ".join(unrated) + "." if unrated else "All rated.",
            ),
            Check(
                "commitments",
                f"{least} to {self.form.most} commitments",
                count >= least,
                f"{count} commitment{'' if count == 1 else 's'} so far.",
            ),
        ]

    def to_dict(self) -> dict:
        return {
            "ratings": dict(self.ratings),
            "texts": dict(self.texts),
            "commitments": [c.to_dict() for c in self.commitments],
        }

    @classmethod
    def from_dict(cls, data: dict) -> TrainingEvaluation:
        """Load saved answers. Ratings or answers that break a rule are left out; a value of
        the wrong kind raises TypeError, ValueError or KeyError. A commitment's date is not
        held to today here: a date that has passed since it was saved is kept."""
        if not isinstance(data, dict):
            raise TypeError("an evaluation is saved as a mapping")
        model = cls()
        for question_id, value in dict(data.get("ratings") or {}).items():
            _quietly(model.rate, question_id, value)
        for question_id, text in dict(data.get("texts") or {}).items():
            _quietly(model.write, question_id, text)
        saved = data.get("commitments") or []
        if not isinstance(saved, list):
            raise TypeError("the commitments are saved as a list")
        for item in saved[: model.form.most]:
            try:
                model.commitments.append(_load_commitment(item))
            except FieldError:
                continue  # a commitment that breaks a rule is left out
        return model


def _load_commitment(item: dict) -> Commitment:
    if not isinstance(item, dict):
        raise TypeError("a commitment is saved as a mapping")
    when = _date(item["by_when"])
    if when is None:
        raise FieldError("by_when", "A saved commitment has no date.")
    before = when - timedelta(days=1)  # only the form of the parts is checked here
    try:
        commitment = new_commitment(
            item["what"], when, item.get("how_known", ""), item.get("who_knows", ""), before
        )
    except FormErrors as errors:
        raise FieldError("what", str(errors)) from None
    return replace(commitment, id=str(item.get("id") or commitment.id))


def _quietly(method, *args) -> None:
    try:
        method(*args)
    except FieldError:
        return
