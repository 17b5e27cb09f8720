"""The knowledge test (Kirkpatrick level 2, session 7.2): the bank of questions about every
module (``dgtkit/course/prepost.yaml``) taken twice, as the Day 1 pre-test and the Day 5
post-test. Each attempt is scored, for the whole test and per module; a submitted attempt is
locked; the post-test can only be submitted after the pre-test. The gain is the post-test score
minus the pre-test score, for the whole test and for each module.

Why each answer is right or not is shown only once the post-test is submitted: shown after the
pre-test, it would teach the answers to the questions asked again on Day 5.

The questions are those of ``dgtkit.course.quizzes.load_prepost()``; nothing here repeats them. An
answer is saved as the text of the chosen choice, so that reordering the choices never changes
it. A saved answer to a question the bank no longer has is ignored. A saved attempt that was
submitted but does not answer every question of today's bank was taken on an earlier version
of the test: it is opened again (``KnowledgeTest.outdated``), keeping the answers that still
match, since its score could not be compared with a post-test on today's questions.

Public API, for later readers (saved under ``EXERCISE_KEY``)::

    data = workbook.latest(EXERCISE_KEY).data
    data["scores"]["pre"], data["scores"]["post"]  # {"score", "total", "percent"} or None
    data["gain"]  # {"points", "percent_points"} once both are submitted, else None
    data["modules"]["3"]  # {"total", "pre", "post", "gain"}: right answers in Module 3's
                          # questions per attempt (None until submitted) and the gain in
                          # percentage points (None until both are submitted)

For a group, ``cohort_gain`` reads several participants' saved tests and returns the mean
scores and the gain per module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache

from dgtkit.course import quizzes
from dgtkit.course.week import week
from dgtkit.models.text import FieldError

EXERCISE_KEY = "knowledge_test"
PRE, POST = "pre", "post"
ATTEMPTS = {PRE: "Day 1 pre-test", POST: "Day 5 post-test"}


@cache
def course_bank() -> quizzes.Bank:
    """The course's knowledge-test bank (read once; a ``Bank`` is immutable)."""
    return quizzes.load_prepost()


def module_label(number: int) -> str:
    """'3. Situation analysis': a module's number and short name, for charts and tables."""
    short = {m.number: m.short for m in week().modules}.get(number, "")
    return f"{number}. {short}" if short else f"Module {number}"


def _percent(right: int, total: int) -> float:
    return round(100 * right / total, 1) if total else 0.0


@dataclass
class Attempt:
    answers: dict[str, int] = field(default_factory=dict)  # question id -> choice index
    submitted_at: str = ""  # ISO date and time (UTC); empty while not submitted

    @property
    def submitted(self) -> bool:
        return bool(self.submitted_at)


@dataclass(frozen=True)
class Feedback:
    """What a participant sees for one question once the feedback is shown."""

    number: int
    prompt: str
    chosen: str
    right: bool
    feedback: str
    answer: str  # the right choice


@dataclass(frozen=True)
class Change:
    """One question from the pre-test to the post-test."""

    number: int
    prompt: str
    pre_right: bool
    post_right: bool
    module: int = 0

    @property
    def word(self) -> str:
        return {
            (False, True): "Improved",
            (True, True): "Right both times",
            (True, False): "Right before, wrong now",
            (False, False): "Wrong both times",
        }[(self.pre_right, self.post_right)]


@dataclass(frozen=True)
class Gain:
    points: int  # post-test score minus pre-test score, in questions
    percent_points: float  # the same, as percentage points of all the questions


@dataclass(frozen=True)
class ModuleResult:
    """One participant's right answers in one module's questions, before and after."""

    module: int
    total: int  # the bank's questions about this module
    pre: int | None  # right answers in the pre-test; None while it is not submitted
    post: int | None

    @property
    def pre_percent(self) -> float | None:
        return None if self.pre is None else _percent(self.pre, self.total)

    @property
    def post_percent(self) -> float | None:
        return None if self.post is None else _percent(self.post, self.total)

    @property
    def gain(self) -> float | None:
        """Post-test minus pre-test, in percentage points of the module's questions."""
        if self.pre is None or self.post is None:
            return None
        return round(100 * (self.post - self.pre) / self.total, 1)


@dataclass
class KnowledgeTest:
    """The two attempts at the course's knowledge test, and what they show."""

    attempts: dict[str, Attempt] = field(default_factory=dict)
    bank: quizzes.Bank = field(default_factory=course_bank, repr=False, compare=False)
    #: The attempts that were submitted on an earlier version of the test and are open again.
    outdated: set[str] = field(default_factory=set, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.attempts = {key: self.attempts.get(key, Attempt()) for key in ATTEMPTS}

    @property
    def total(self) -> int:
        return len(self.bank.questions)

    # -- answering -----------------------------------------------------------------------------

    def _attempt(self, key: str) -> Attempt:
        if key not in ATTEMPTS:
            raise FieldError("attempt", "Choose the Day 1 pre-test or the Day 5 post-test.")
        return self.attempts[key]

    def _question(self, question_id: str) -> quizzes.Question:
        for question in self.bank.questions:
            if question.id == question_id:
                return question
        raise FieldError(question_id, "That question is not in the test.")

    def answer(self, key: str, question_id: str, choice: int | None) -> None:
        """Choose an answer (an index into the question's choices), or None to clear it."""
        attempt = self._attempt(key)
        if attempt.submitted:
            raise FieldError(
                question_id,
                f"You have already submitted the {ATTEMPTS[key]}. Its answers are locked.",
            )
        question = self._question(question_id)
        if choice is None:
            attempt.answers.pop(question_id, None)
            return
        if isinstance(choice, bool) or not isinstance(choice, int):
            raise FieldError(question_id, "Choose one of the answers.")
        if not 0 <= choice < len(question.choices):
            raise FieldError(question_id, "Choose one of the answers.")
        attempt.answers[question_id] = choice

    def chosen(self, key: str, question_id: str) -> int | None:
        return self._attempt(key).answers.get(question_id)

    def unanswered(self, key: str) -> list[int]:
        """The numbers (from 1) of the questions not answered yet."""
        answers = self._attempt(key).answers
        return [n for n, q in enumerate(self.bank.questions, start=1) if q.id not in answers]

    def problem_with_submitting(self, key: str) -> str:
        """Why the attempt cannot be submitted now, or "" if it can."""
        attempt = self._attempt(key)
        if attempt.submitted:
            return f"You have already submitted the {ATTEMPTS[key]}."
        if key == POST and not self.attempts[PRE].submitted:
            return (
                "Submit the Day 1 pre-test first. The post-test is compared with it, so it "
                "can only be submitted after the pre-test."
            )
        missing = self.unanswered(key)
        if missing:
            listed = ", ".join(map(str, missing))
            word = "Question" if len(missing) == 1 else "Questions"
            verb = "has" if len(missing) == 1 else "have"
            return f"Answer every question first. {word} {listed} {verb} no answer yet."
        return ""

    def submit(self, key: str, now: datetime | None = None) -> int:
        """Lock the attempt and return its score; a FieldError says why it cannot be."""
        problem = self.problem_with_submitting(key)
        if problem:
            raise FieldError("submit", problem)
        self.attempts[key].submitted_at = (now or datetime.now(UTC)).isoformat(timespec="seconds")
        self.outdated.discard(key)
        return self.score(key)

    # -- scoring -------------------------------------------------------------------------------

    def _right(self, key: str, question: quizzes.Question) -> bool:
        choice = self.attempts[key].answers.get(question.id)
        return choice is not None and question.choices[choice].correct

    def score(self, key: str) -> int | None:
        """Right answers of a submitted attempt, or None while it is not submitted."""
        if not self._attempt(key).submitted:
            return None
        return sum(self._right(key, q) for q in self.bank.questions)

    def percent(self, key: str) -> float | None:
        score = self.score(key)
        return None if score is None else _percent(score, self.total)

    def gain(self) -> Gain | None:
        """Post-test minus pre-test, once both are submitted."""
        pre, post = self.score(PRE), self.score(POST)
        if pre is None or post is None:
            return None
        return Gain(post - pre, round(100 * (post - pre) / self.total, 1))

    def module_results(self) -> list[ModuleResult]:
        """Per module of the bank, in order: the right answers of each submitted attempt."""
        results = []
        for module in self.bank.modules:
            questions = self.bank.in_module(module)
            right = {
                key: sum(self._right(key, q) for q in questions)
                if self.attempts[key].submitted
                else None
                for key in ATTEMPTS
            }
            results.append(ModuleResult(module, len(questions), right[PRE], right[POST]))
        return results

    def feedback_withheld(self, key: str) -> bool:
        """True for a submitted attempt whose feedback waits for the post-test."""
        return self._attempt(key).submitted and not self.attempts[POST].submitted

    def feedback(self, key: str) -> list[Feedback]:
        """Per question, the chosen answer, right or not, and why: for a submitted attempt,
        once the post-test is submitted (until then the pre-test would teach its answers)."""
        attempt = self._attempt(key)
        if not attempt.submitted or self.feedback_withheld(key):
            return []
        found = []
        for number, question in enumerate(self.bank.questions, start=1):
            index = attempt.answers.get(question.id)
            choice = question.choices[index] if index is not None else None
            found.append(
                Feedback(
                    number,
                    question.prompt,
                    choice.text if choice else "",
                    bool(choice and choice.correct),
                    choice.feedback if choice else "No answer was given.",
                    question.answer.text,
                )
            )
        return found

    def changes(self) -> list[Change]:
        """Per question, right or wrong before and after, once both are submitted."""
        if self.gain() is None:
            return []
        return [
            Change(n, q.prompt, self._right(PRE, q), self._right(POST, q), q.module)
            for n, q in enumerate(self.bank.questions, start=1)
        ]

    def status(self, key: str) -> str:
        """One plain sentence on the attempt, for the form and screen readers."""
        score = self.score(key)
        if score is not None:
            text = (
                f"{ATTEMPTS[key]}: submitted. Score {score} of {self.total} "
                f"({self.percent(key):g}%). The answers are locked."
            )
            if self.feedback_withheld(key):
                text += " Why each answer is right or not is shown after the Day 5 post-test."
            return text
        answered = self.total - len(self.unanswered(key))
        text = f"{ATTEMPTS[key]}: not submitted yet. {answered} of {self.total} answered."
        if key in self.outdated:
            text += (
                " The test you submitted earlier had other questions, so it is open again: "
                "answer these questions and submit."
            )
        return text

    # -- saving --------------------------------------------------------------------------------

    def to_dict(self) -> dict:
        attempts = {}
        for key, attempt in self.attempts.items():
            answers = {}
            for question in self.bank.questions:
                index = attempt.answers.get(question.id)
                if index is not None:
                    answers[question.id] = question.choices[index].text
            attempts[key] = {"answers": answers, "submitted_at": attempt.submitted_at}
        gain = self.gain()
        return {
            "attempts": attempts,
            # What a facilitator's sheet or a later reader needs, without the bank.
            "scores": {key: self._score_dict(key) for key in ATTEMPTS},
            "gain": {"points": gain.points, "percent_points": gain.percent_points}
            if gain
            else None,
            "modules": {
                str(r.module): {"total": r.total, "pre": r.pre, "post": r.post, "gain": r.gain}
                for r in self.module_results()
            },
        }

    def _score_dict(self, key: str) -> dict | None:
        score = self.score(key)
        if score is None:
            return None
        return {"score": score, "total": self.total, "percent": self.percent(key)}

    @classmethod
    def from_dict(cls, data: dict, bank: quizzes.Bank | None = None) -> KnowledgeTest:
        """Load saved attempts. An answer whose question or choice the bank no longer has is
        left out, and a submitted attempt that no longer answers every question is opened
        again; a value of the wrong kind raises TypeError, ValueError or KeyError."""
        if not isinstance(data, dict):
            raise TypeError("a knowledge test is saved as a mapping")
        model = cls(bank=bank or course_bank())
        saved = data.get("attempts") or {}
        if not isinstance(saved, dict):
            raise TypeError("'attempts' is saved as a mapping")
        for key in ATTEMPTS:
            model.attempts[key] = model._load_attempt(key, saved.get(key) or {})
        return model

    def _load_attempt(self, key: str, data: dict) -> Attempt:
        if not isinstance(data, dict):
            raise TypeError("an attempt is saved as a mapping")
        answers = data.get("answers") or {}
        if not isinstance(answers, dict):
            raise TypeError("the answers are saved as a mapping")
        attempt = Attempt()
        for question in self.bank.questions:
            texts = [choice.text for choice in question.choices]
            if answers.get(question.id) in texts:
                attempt.answers[question.id] = texts.index(answers[question.id])
        submitted_at = str(data.get("submitted_at") or "")
        if submitted_at:
            datetime.fromisoformat(submitted_at)  # ValueError if it is not a date and time
            if len(attempt.answers) < self.total:  # taken on an earlier bank of questions
                self.outdated.add(key)
                submitted_at = ""
        attempt.submitted_at = submitted_at
        return attempt


# -- a group of participants -------------------------------------------------------------------


@dataclass(frozen=True)
class ModuleGain:
    """A group's mean result in one module's questions (or, with ``module`` None, the whole
    test), over the participants who submitted both tests."""

    module: int | None  # None: the whole test
    questions: int  # questions about the module in the bank
    pre_percent: float | None  # mean share of right answers on Day 1, in percent; None: nobody
    post_percent: float | None  # the same on Day 5
    gain: float | None  # mean post-test minus mean pre-test, in percentage points


@dataclass(frozen=True)
class CohortGain:
    """What ``cohort_gain`` finds in a group's saved knowledge tests."""

    participants: int  # saved tests with both attempts submitted: the ones counted
    incomplete: int  # saved tests read, but without both attempts submitted on today's bank
    unreadable: int  # saved tests that could not be read (left out, never a crash)
    whole: ModuleGain  # the whole test
    modules: tuple[ModuleGain, ...]  # one per module of the bank, in module order

    def module(self, number: int) -> ModuleGain:
        return next(m for m in self.modules if m.module == number)


def cohort_gain(saved: Iterable[Mapping], bank: quizzes.Bank | None = None) -> CohortGain:
    """The group's gain per module, from several participants' saved knowledge tests.

    ``saved``: one saved test per participant, as the exercise saves it
    (``workbook.latest(EXERCISE_KEY).data``, the mapping of ``KnowledgeTest.to_dict``).
    ``bank``: the questions to score against (the course's bank by default).

    Only participants who submitted both the pre-test and the post-test count, so that the
    means before and after are over the same people. For each module, and for the whole test,
    the result is the mean share of right answers on Day 1 and on Day 5 (in percent of the
    module's questions) and the gain between them (percentage points). Saved tests with one
    attempt or none, or taken on an earlier version of the questions, are counted as
    ``incomplete``; saved data that cannot be read are counted as ``unreadable``. Pure: it
    reads nothing but its arguments and changes nothing.
    """
    bank = bank or course_bank()
    paired: list[list[ModuleResult]] = []
    incomplete = unreadable = 0
    for data in saved:
        try:
            test = KnowledgeTest.from_dict(dict(data), bank=bank)
        except (KeyError, TypeError, ValueError, AttributeError):
            unreadable += 1
            continue
        if test.gain() is None:
            incomplete += 1
            continue
        paired.append(test.module_results())
    modules = tuple(
        _mean(module, len(bank.in_module(module)), [r[i] for r in paired])
        for i, module in enumerate(bank.modules)
    )
    whole = _mean(
        None,
        len(bank.questions),
        [
            ModuleResult(0, len(bank.questions), sum(m.pre for m in r), sum(m.post for m in r))
            for r in paired
        ],
    )
    return CohortGain(len(paired), incomplete, unreadable, whole, modules)


def _mean(module: int | None, questions: int, results: list[ModuleResult]) -> ModuleGain:
    if not results:
        return ModuleGain(module, questions, None, None, None)
    asked = questions * len(results)
    pre, post = sum(r.pre for r in results), sum(r.post for r in results)
    return ModuleGain(
        module, questions, _percent(pre, asked), _percent(post, asked), _percent(post - pre, asked)
    )
