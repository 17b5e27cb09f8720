"""Ex 4 "Process sequencing": put the five steps of the DGT process in order and explain how
each step feeds the next.

The steps are data (``course/ex04_steps.yaml``), in the order page 2.3 teaches. Each check
of the order says which steps are in the right place, which pairs are swapped, and gives a hint
for one misplaced step; the whole answer is shown only when the order is right, or on request
after a few checks.

Public API, for later exercises and grading (saved under ``EXERCISE_KEY``)::

    data = workbook.latest(EXERCISE_KEY).data
    data["order"]          # step ids by position (None where no step is placed yet)
    data["links"]          # "from_id>to_id" -> the team's explanation of that link
    data["cycle_link"]     # how the last step feeds a new round (optional)
    data["score"]          # {"right", "total", "checks", "right_at_first_check", "revealed",
                           #  "links_explained", "links_needed"}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from dgtkit.course import read_yaml
from dgtkit.models.text import FieldError, clean_text, repeated

EXERCISE_KEY = "ex04_sequencing"
LINK_LIMIT = 500
REVEAL_AFTER = 2  # checks before the team may ask to see the whole answer
LINK_SEPARATOR = ">"


@dataclass(frozen=True)
class ProcessStep:
    id: str
    name: str
    text: str
    section: str  # the section of chapter 7 of the E-Government Survey 2020
    page: str
    passes_on: str  # what the step hands to the next (this course's teaching text)
    hint: str  # a nudge for when the step is out of place (never its position)


@dataclass(frozen=True)
class ProcessSteps:
    """The steps in the expected order, their source, the cycle note and the first deal."""

    source: str
    steps: tuple[ProcessStep, ...]
    cycle: str
    deal: tuple[str, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(step.id for step in self.steps)

    def step(self, step_id: str) -> ProcessStep:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(f"No step {step_id!r}")

    def name(self, step_id: str) -> str:
        return self.step(step_id).name


def parse_steps(raw: dict) -> ProcessSteps:
    """The steps from their YAML data, checked; a ValueError names the first problem."""
    steps = tuple(ProcessStep(**item) for item in raw["steps"])
    ids = [step.id for step in steps]
    deal = tuple(raw["deal"])
    if len(set(ids)) != len(ids):
        raise ValueError("Two steps share an id")
    if sorted(deal) != sorted(ids):
        raise ValueError("The deal must hold every step once")
    dealt = evaluate(deal, tuple(ids))
    if dealt.right or dealt.swapped:
        raise ValueError("The deal must put no step in its place and swap no two steps")
    if not raw.get("source"):
        raise ValueError("The steps need a source")
    return ProcessSteps(str(raw["source"]), steps, str(raw["cycle"]).strip(), deal)


@cache
def process_steps() -> ProcessSteps:
    """The steps of Ex 4, read and checked once per process."""
    return parse_steps(read_yaml("ex04_steps.yaml"))


def link_key(from_id: str, to_id: str) -> str:
    return f"{from_id}{LINK_SEPARATOR}{to_id}"


@dataclass(frozen=True)
class OrderFeedback:
    """What one check of a complete order found."""

    order: tuple[str, ...]
    right_positions: tuple[int, ...]  # 1-based
    swapped: tuple[tuple[str, str], ...]  # pairs of step ids that only need exchanging
    hint_step: str | None  # the first misplaced step not in a swapped pair

    @property
    def right(self) -> int:
        return len(self.right_positions)

    @property
    def total(self) -> int:
        return len(self.order)

    @property
    def all_right(self) -> bool:
        return self.right == self.total


def evaluate(order: tuple[str, ...], expected: tuple[str, ...]) -> OrderFeedback:
    """Compare a complete order with the expected one."""
    right = tuple(
        i + 1 for i, (mine, good) in enumerate(zip(order, expected, strict=True)) if mine == good
    )
    swapped = []
    for i in range(len(order)):
        for j in range(i + 1, len(order)):
            if order[i] == expected[j] and order[j] == expected[i] and order[i] != order[j]:
                swapped.append((order[i], order[j]))
    in_swaps = {step for pair in swapped for step in pair}
    misplaced = [
        step for i, step in enumerate(order) if step != expected[i] and step not in in_swaps
    ]
    return OrderFeedback(tuple(order), right, tuple(swapped), misplaced[0] if misplaced else None)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


@dataclass
class ProcessSequence:
    """The team's order of the steps, its explanations of the links, and its checks."""

    positions: dict[str, int | None] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)  # link_key(a, b) -> explanation
    cycle_link: str = ""
    checks: int = 0
    checked_order: tuple[str, ...] | None = None
    first_check_right: int | None = None
    revealed: bool = False
    steps: ProcessSteps = field(default_factory=process_steps, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.positions = {sid: self.positions.get(sid) for sid in self.steps.ids}

    @property
    def size(self) -> int:
        return len(self.steps.steps)

    @property
    def expected(self) -> tuple[str, ...]:
        return self.steps.ids

    # -- ordering ----------------------------------------------------------------------------
    def _step(self, step_id: str) -> str:
        if step_id not in self.positions:
            raise FieldError("order", "This step is not in the exercise.")
        return step_id

    def place(self, step_id: str, position: int | None) -> str:
        """Put a step at a position (None: take it out). A step already there takes the
        moved step's old place. Returns what happened, in one or two plain sentences."""
        self._step(step_id)
        if position is not None and (
            isinstance(position, bool)
            or not isinstance(position, int)
            or not 1 <= position <= self.size
        ):
            raise FieldError("order", f"A position is a whole number from 1 to {self.size}.")
        old = self.positions[step_id]
        if position == old:
            return ""
        other = self.order[position - 1] if position is not None else None
        self.positions[step_id] = position
        said = [self._where(step_id)]
        if other is not None:
            self.positions[other] = old
            said.append(self._where(other))
        return " ".join(said)

    def _where(self, step_id: str) -> str:
        name, position = self.quoted(step_id), self.positions[step_id]
        if position is None:
            return f"{name} has no position now."
        return f"{name} is now at position {position}."

    @property
    def order(self) -> list[str | None]:
        """The step at each position, first to last (None where no step is placed)."""
        order: list[str | None] = [None] * self.size
        for step_id, position in self.positions.items():
            if position is not None:
                order[position - 1] = step_id
        return order

    @property
    def missing(self) -> list[str]:
        """Steps without a position, in the order the cards were dealt."""
        return [sid for sid in self.steps.deal if self.positions[sid] is None]

    @property
    def is_complete(self) -> bool:
        return not self.missing

    @property
    def is_right(self) -> bool:
        return tuple(self.order) == self.expected

    # -- links -------------------------------------------------------------------------------
    def slots(self) -> list[tuple[int, str | None, str | None]]:
        """Each link between consecutive positions: (first position, its step, the next)."""
        order = self.order
        return [(i + 1, order[i], order[i + 1]) for i in range(self.size - 1)]

    def link(self, from_id: str | None, to_id: str | None) -> str:
        if from_id is None or to_id is None:
            return ""
        return self.links.get(link_key(from_id, to_id), "")

    def explain_link(self, from_id: str, to_id: str, text: object) -> None:
        """Save how ``from_id`` feeds ``to_id``; empty text removes the explanation."""
        self._step(from_id)
        self._step(to_id)
        if from_id == to_id:
            raise FieldError("link", "A link joins two different steps.")
        cleaned = clean_text("link", text, "The explanation of the link", LINK_LIMIT, False)
        key = link_key(from_id, to_id)
        if cleaned:
            self.links[key] = cleaned
        else:
            self.links.pop(key, None)

    def explain_cycle(self, text: object) -> None:
        self.cycle_link = clean_text(
            "cycle_link", text, "The explanation of the cycle", LINK_LIMIT, False
        )

    @property
    def current_links(self) -> list[tuple[str, str]]:
        """The pairs of consecutive steps in the team's order (both placed)."""
        return [(a, b) for _, a, b in self.slots() if a is not None and b is not None]

    @property
    def links_explained(self) -> int:
        return sum(bool(self.link(a, b)) for a, b in self.current_links)

    @property
    def links_own(self) -> int:
        """Links explained each in its own words: one sentence pasted under several links
        explains one of them (the graded rule of Ex 4's links)."""
        texts = [self.link(a, b) for a, b in self.current_links if self.link(a, b)]
        return len(texts) - repeated(texts)

    def other_links(self) -> list[tuple[str, str, str]]:
        """Explanations kept for pairs that are no longer next to each other."""
        current = {link_key(a, b) for a, b in self.current_links}
        found = []
        for key, text in self.links.items():
            if key not in current:
                a, b = key.split(LINK_SEPARATOR)
                found.append((a, b, text))
        return found

    # -- checking ----------------------------------------------------------------------------
    def check(self) -> OrderFeedback:
        """Check the complete order; counts the check and keeps the order checked."""
        if not self.is_complete:
            names = [self.quoted(sid) for sid in self.missing]
            raise FieldError(
                "order",
                f"Give every step a position first. Still without a position: {_join(names)}.",
            )
        feedback = evaluate(tuple(self.order), self.expected)
        self.checks += 1
        self.checked_order = feedback.order
        if self.first_check_right is None:
            self.first_check_right = feedback.right
        return feedback

    @property
    def last_feedback(self) -> OrderFeedback | None:
        if self.checked_order is None:
            return None
        return evaluate(self.checked_order, self.expected)

    @property
    def changed_since_check(self) -> bool:
        return self.checked_order is not None and tuple(self.order) != self.checked_order

    def quoted(self, step_id: str) -> str:
        """A step's name in quotes, so names joined by "and" stay readable."""
        return f"\u201c{self.steps.name(step_id)}\u201d"

    def feedback_lines(self, feedback: OrderFeedback) -> list[str]:
        """The feedback of a check in plain sentences: never the whole answer at once."""
        name = self.quoted
        if feedback.all_right:
            return [
                f"All {feedback.total} steps are in the right order. Well done.",
                "Now compare your links with the course's explanations below.",
            ]
        if feedback.right:
            places = _join([str(p) for p in feedback.right_positions])
            word = "position" if feedback.right == 1 else "positions"
            lines = [
                f"{feedback.right} of {feedback.total} steps are in the right place: "
                f"{word} {places}."
            ]
        else:
            lines = [f"0 of {feedback.total} steps are in the right place yet."]
        for a, b in feedback.swapped:
            lines.append(f"{name(a)} and {name(b)} are swapped: exchange them.")
        if feedback.hint_step is not None:
            step = self.steps.step(feedback.hint_step)
            position = feedback.order.index(step.id) + 1
            lines.append(f"A hint for {name(step.id)} (now at position {position}): {step.hint}")
        return lines

    # -- the answer --------------------------------------------------------------------------
    @property
    def can_reveal(self) -> bool:
        return self.checks >= REVEAL_AFTER or self.shows_answer

    def reveal(self) -> None:
        if not self.can_reveal:
            left = REVEAL_AFTER - self.checks
            raise FieldError(
                "reveal",
                f"Check your order {left} more time{'s' if left > 1 else ''} first. "
                "Each check gives you a hint.",
            )
        self.revealed = True

    @property
    def shows_answer(self) -> bool:
        """True once the team may see the expected order: its checked order was right, or
        it asked to see the answer."""
        feedback = self.last_feedback
        return self.revealed or (feedback is not None and feedback.all_right)

    def expected_links(self) -> list[tuple[str, str, str]]:
        """The course's explanation of each link of the expected order."""
        steps = self.steps.steps
        return [(a.id, b.id, a.passes_on) for a, b in zip(steps[:-1], steps[1:], strict=True)]

    def score(self) -> dict:
        feedback = self.last_feedback
        return {
            "right": feedback.right if feedback else 0,
            "total": self.size,
            "checks": self.checks,
            "right_at_first_check": self.first_check_right,
            "revealed": self.revealed,
            "links_explained": self.links_explained,
            "links_needed": self.size - 1,
        }

    def summary(self) -> str:
        """The score in one plain sentence."""
        feedback = self.last_feedback
        if feedback is None:
            return "Not checked yet. Place every step, then check your order."
        text = f"Score: {feedback.right} of {feedback.total} steps in the right place"
        text += f" at your last check (check {self.checks})."
        if self.changed_since_check:
            text += " You have changed the order since then."
        links = f" {self.links_explained} of {self.size - 1} links explained."
        return text + links

    # -- storage -----------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "positions": dict(self.positions),
            "order": self.order,
            "links": dict(self.links),
            "cycle_link": self.cycle_link,
            "checks": self.checks,
            "checked_order": list(self.checked_order) if self.checked_order else None,
            "first_check_right": self.first_check_right,
            "revealed": self.revealed,
            "score": self.score(),
        }

    @classmethod
    def from_dict(cls, data: Mapping, steps: ProcessSteps | None = None) -> ProcessSequence:
        """Load saved answers; anything the course no longer has, or that breaks a rule, is
        left out."""
        if not isinstance(data, Mapping):
            raise TypeError("Saved answers of Ex 4 must be a mapping")
        model = cls(steps=steps or process_steps())
        model._load_positions(_mapping(data, "positions"))
        for key, text in _mapping(data, "links").items():
            a, _, b = str(key).partition(LINK_SEPARATOR)
            try:
                model.explain_link(a, b, text)
            except FieldError:
                continue
        try:
            model.explain_cycle(data.get("cycle_link", ""))
        except FieldError:
            model.cycle_link = ""
        checks = data.get("checks", 0)
        model.checks = checks if _count(checks) else 0
        checked = data.get("checked_order")
        if isinstance(checked, list) and sorted(map(str, checked)) == sorted(model.expected):
            model.checked_order = tuple(checked)
        first = data.get("first_check_right")
        model.first_check_right = first if _count(first) and first <= model.size else None
        model.revealed = data.get("revealed") is True
        return model

    def _load_positions(self, saved: Mapping) -> None:
        taken: set[int] = set()
        for step_id, position in saved.items():
            if step_id not in self.positions or not isinstance(position, int) or position in taken:
                continue
            try:
                self.place(step_id, position)
            except FieldError:
                continue
            taken.add(position)


def _mapping(data: Mapping, key: str) -> Mapping:
    value = data.get(key) or {}
    if not isinstance(value, Mapping):
        raise TypeError(f"'{key}' of Ex 4 must be a mapping")
    return value


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
