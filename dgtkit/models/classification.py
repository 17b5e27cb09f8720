"""Ex 1 "Digitize, digitalize or transform?": sort twelve local services into the three steps.

The steps and the examples are data (``course/ex01_services.yaml``). Every choice gets
feedback at once: why it is right, or what to reconsider (never the answer itself).

Public API, for later exercises and grading (saved under ``EXERCISE_KEY``)::

    data = workbook.latest(EXERCISE_KEY).data
    data["answers"]   # example id -> {"choice", "first_choice", "tries", "reason"}
    data["score"]     # {"right", "answered", "total", "first_try_right"}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from dgtkit.course import read_yaml
from dgtkit.models.checks import Check
from dgtkit.models.text import FieldError, clean_text, repeated

EXERCISE_KEY = "ex01_classification"
REASON_LIMIT = 500
#: Examples right at the first choice that a graded Ex 1 needs, of twelve: a team that
#: understood the three steps gets most of them; guessing gets about a third (session 1.1).
FIRST_TRY_PASS = 8
#: Fewest words in a reason that counts, and how many such reasons, each its own, Ex 1 asks.
REASON_WORDS, REASONS_ASKED = 5, 3
COURSE_EXAMPLE = "course-example"  # the source of an example written for this course


@dataclass(frozen=True)
class Step:
    """Digitization, digitalization or transformation, in the working usage of page 1.1."""

    id: str
    name: str
    meaning: str
    question: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ServiceExample:
    id: str
    title: str
    text: str
    answer: str  # the id of the step the example illustrates
    why: str
    reconsider: str
    source: str


@dataclass(frozen=True)
class ServiceCatalogue:
    steps: tuple[Step, ...]
    examples: tuple[ServiceExample, ...]

    @property
    def step_ids(self) -> tuple[str, ...]:
        return tuple(step.id for step in self.steps)

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(f"No step {step_id!r}")

    def example(self, example_id: str) -> ServiceExample:
        for example in self.examples:
            if example.id == example_id:
                return example
        raise KeyError(f"No example {example_id!r}")


def parse_catalogue(raw: dict) -> ServiceCatalogue:
    """The catalogue from its YAML data, checked; a ValueError names the first problem."""
    steps = tuple(
        Step(s["id"], s["name"], s["meaning"], s["question"], tuple(s["sources"]))
        for s in raw["steps"]
    )
    examples = tuple(ServiceExample(**item) for item in raw["examples"])
    step_ids = {step.id for step in steps}
    ids = [example.id for example in examples]
    if len(set(ids)) != len(ids):
        raise ValueError("Two examples share an id")
    for example in examples:
        if example.answer not in step_ids:
            raise ValueError(f"{example.id}: the answer {example.answer!r} is not a step")
        if not example.source:
            raise ValueError(f"{example.id}: no source")
    return ServiceCatalogue(steps, examples)


@cache
def service_catalogue() -> ServiceCatalogue:
    """The steps and the twelve examples of Ex 1, read and checked once per process."""
    return parse_catalogue(read_yaml("ex01_services.yaml"))


@dataclass(frozen=True)
class Feedback:
    """What the participant sees at once after a choice."""

    right: bool
    text: str


@dataclass(frozen=True)
class Score:
    right: int
    answered: int
    total: int
    first_try_right: int

    def to_dict(self) -> dict:
        return {
            "right": self.right,
            "answered": self.answered,
            "total": self.total,
            "first_try_right": self.first_try_right,
        }


@dataclass
class Answer:
    """The participant's answer to one example: the current choice, the first, and a reason."""

    choice: str | None = None
    first_choice: str | None = None
    tries: int = 0
    reason: str = ""
    #: False when a workbook saved before first choices were recorded gave only the choice.
    first_recorded: bool = True

    def to_dict(self) -> dict:
        return {
            "choice": self.choice,
            "first_choice": self.first_choice,
            "tries": self.tries,
            "reason": self.reason,
        }


@dataclass
class ServiceClassification:
    """The participant's step for each example, with optional reasons."""

    answers: dict[str, Answer] = field(default_factory=dict)
    catalogue: ServiceCatalogue = field(
        default_factory=service_catalogue, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        self.answers = {e.id: self.answers.get(e.id) or Answer() for e in self.catalogue.examples}

    # -- answering ---------------------------------------------------------------------------
    def _example(self, example_id: str) -> ServiceExample:
        try:
            return self.catalogue.example(example_id)
        except KeyError:
            raise FieldError(example_id, "This example is not in the exercise.") from None

    def choose(self, example_id: str, step_id: str | None) -> Feedback | None:
        """Record the step chosen for an example (None clears it) and return the feedback."""
        self._example(example_id)
        if step_id is not None and step_id not in self.catalogue.step_ids:
            raise FieldError(example_id, "Choose digitization, digitalization or transformation.")
        answer = self.answers[example_id]
        if step_id is not None and step_id != answer.choice:
            answer.tries += 1
            if answer.first_choice is None:
                answer.first_choice = step_id
        answer.choice = step_id
        return self.feedback(example_id)

    def explain(self, example_id: str, text: object) -> None:
        """Save the team's optional reason for its choice."""
        self._example(example_id)
        self.answers[example_id].reason = clean_text(
            example_id, text, "Your reason", REASON_LIMIT, required=False
        )

    # -- feedback and score ------------------------------------------------------------------
    def is_right(self, example_id: str) -> bool:
        return self.answers[example_id].choice == self._example(example_id).answer

    def feedback(self, example_id: str) -> Feedback | None:
        """Why the choice is right, or what to reconsider; None before any choice."""
        example = self._example(example_id)
        choice = self.answers[example_id].choice
        if choice is None:
            return None
        chosen = self.catalogue.step(choice)
        if choice == example.answer:
            return Feedback(True, f"Right: this is {chosen.name.lower()}. {example.why}")
        return Feedback(
            False,
            f"Not quite yet. {chosen.name} means that {_lower_first(chosen.meaning)} "
            f"What to reconsider: {example.reconsider} You can choose again.",
        )

    def score(self) -> Score:
        examples = self.catalogue.examples
        answers = [self.answers[e.id] for e in examples]
        return Score(
            right=sum(self.is_right(e.id) for e in examples),
            answered=sum(a.choice is not None for a in answers),
            total=len(examples),
            first_try_right=sum(self.answers[e.id].first_choice == e.answer for e in examples),
        )

    def unrecorded_first(self) -> list[str]:
        """Titles of the answered examples whose first choice the saved data did not record
        (an older workbook): they are graded on the choice they have."""
        return [e.title for e in self.catalogue.examples
                if self.answers[e.id].choice is not None
                and not self.answers[e.id].first_recorded]

    def first_try_check(self, least: int = FIRST_TRY_PASS) -> Check:
        """The graded rule of Ex 1: enough examples right at the first choice. The form
        still lets the team choose again and read why; only the first choice is graded."""
        score = self.score()
        note = ""
        if old := len(self.unrecorded_first()):
            note = (f" Your workbook was saved before the form recorded first choices, so "
                    f"{old} example{'s are' if old != 1 else ' is'} graded on the choice "
                    "saved.")
        return Check(
            "first_try", f"At least {least} of {score.total} right at the first choice",
            score.first_try_right >= least,
            f"Right at the first choice: {score.first_try_right} of {score.total}.{note}",
        )

    def reasons_check(self, least: int = REASONS_ASKED) -> Check:
        """Reasons of at least REASON_WORDS words for ``least`` examples, each its own: the
        same sentence pasted under every example does not count twice."""
        given = [a.reason for a in self.answers.values()
                 if len(a.reason.split()) >= REASON_WORDS]
        own = len(given) - repeated(given)
        pasted = " The same reason written under several examples counts once." if (
            own < len(given)) else ""
        return Check(
            "reasons", f"A reason of at least {REASON_WORDS} words for {least} examples",
            own >= least,
            f"Reasons of at least {REASON_WORDS} words, each its own, are saved for {own} "
            f"example{'s' * (own != 1)}.{pasted}")

    def summary(self) -> str:
        """The score in one plain sentence, e.g. '9 of 12 right.'"""
        score = self.score()
        if score.answered < score.total:
            left = score.total - score.answered
            return (
                f"{score.right} of {score.total} right so far. "
                f"{left} example{'s' if left > 1 else ''} still to answer."
            )
        text = f"{score.right} of {score.total} right."
        if score.first_try_right != score.right:
            text += f" At the first try: {score.first_try_right} of {score.total}."
        return text

    def tally(self) -> dict[str, dict[str, int]]:
        """Per step: how many examples the team put there, how many belong there, how many
        of the team's are right."""
        counts = {s: {"chosen": 0, "expected": 0, "right": 0} for s in self.catalogue.step_ids}
        for example in self.catalogue.examples:
            counts[example.answer]["expected"] += 1
            choice = self.answers[example.id].choice
            if choice is not None:
                counts[choice]["chosen"] += 1
                counts[choice]["right"] += choice == example.answer
        return counts

    # -- storage -----------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "answers": {example_id: a.to_dict() for example_id, a in self.answers.items()},
            "score": self.score().to_dict(),
        }

    @classmethod
    def from_dict(
        cls, data: Mapping, catalogue: ServiceCatalogue | None = None
    ) -> ServiceClassification:
        """Load saved answers; examples or steps the course no longer has are left out."""
        if not isinstance(data, Mapping):
            raise TypeError("Saved answers of Ex 1 must be a mapping")
        saved = data.get("answers") or {}
        if not isinstance(saved, Mapping):
            raise TypeError("The answers of Ex 1 must be a mapping")
        model = cls(catalogue=catalogue or service_catalogue())
        steps = model.catalogue.step_ids
        for example_id, item in saved.items():
            if example_id not in model.answers or not isinstance(item, Mapping):
                continue
            answer = model.answers[example_id]
            answer.choice = _step_or_none(item.get("choice"), steps)
            first = _step_or_none(item.get("first_choice"), steps)
            answer.first_recorded = first is not None or answer.choice is None
            answer.first_choice = first or answer.choice
            tries = item.get("tries", 0)
            valid = isinstance(tries, int) and not isinstance(tries, bool) and tries >= 0
            answer.tries = tries if valid else 0
            try:
                model.explain(example_id, item.get("reason", ""))
            except FieldError:
                continue
        return model


#: The step ids of the first edition, spelled -ise; the UN spells -ize. Workbooks saved
#: then still load.
FIRST_EDITION_STEPS = {"digitisation": "digitization", "digitalisation": "digitalization"}


def _step_or_none(value: object, steps: tuple[str, ...]) -> str | None:
    value = FIRST_EDITION_STEPS.get(value, value) if isinstance(value, str) else value
    return value if isinstance(value, str) and value in steps else None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
