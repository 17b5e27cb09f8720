"""The knowledge test (Kirkpatrick level 2, session 7.2): the Module 1 self-check taken twice,
as the Day 1 pre-test and as the Day 5 post-test. Each attempt is scored; a submitted attempt
is locked; the post-test can only be submitted after the pre-test. The gain is the post-test
score minus the pre-test score.

The questions are those of ``dgtkit.course.quizzes.load(1)``; nothing here repeats them. An
answer is
saved as the text of the chosen choice, so that reordering the choices never changes it.

Public API, for later readers (saved under ``EXERCISE_KEY``)::

    data = workbook.latest(EXERCISE_KEY).data
    data["scores"]["pre"], data["scores"]["post"]  # {"score", "total", "percent"} or None
    data["gain"]  # {"points", "percent_points"} once both are submitted, else None
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from dgtkit.course import quizzes
from dgtkit.models.text import FieldError

EXERCISE_KEY = "knowledge_test"
QUIZ_MODULE = 1
PRE, POST = "pre", "post"
ATTEMPTS = {PRE: "Day 1 pre-test", POST: "Day 5 post-test"}


def module_1_quiz() -> quizzes.Quiz:
    return quizzes.load(QUIZ_MODULE)


@dataclass
class Attempt:
    answers: dict[str, int] = field(default_factory=dict)  # question id -> choice index
    submitted_at: str = ""  # ISO date and time (UTC); empty while not submitted

    @property
    def submitted(self) -> bool:
        return bool(self.submitted_at)


@dataclass(frozen=True)
class Feedback:
    """What a participant sees for one question once an attempt is submitted."""

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


@dataclass
class KnowledgeTest:
    """The two attempts at the Module 1 questions, and what they show."""

    attempts: dict[str, Attempt] = field(default_factory=dict)
    quiz: quizzes.Quiz = field(default_factory=module_1_quiz, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.attempts = {key: self.attempts.get(key, Attempt()) for key in ATTEMPTS}

    @property
    def total(self) -> int:
        return len(self.quiz.questions)

    # -- answering -----------------------------------------------------------------------------

    def _attempt(self, key: str) -> Attempt:
        if key not in ATTEMPTS:
            raise FieldError("attempt", "Choose the Day 1 pre-test or the Day 5 post-test.")
        return self.attempts[key]

    def _question(self, question_id: str) -> quizzes.Question:
        for question in self.quiz.questions:
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
        return [n for n, q in enumerate(self.quiz.questions, start=1) if q.id not in answers]

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
        return self.score(key)

    # -- scoring -------------------------------------------------------------------------------

    def _right(self, key: str, question: quizzes.Question) -> bool:
        choice = self.attempts[key].answers.get(question.id)
        return choice is not None and question.choices[choice].correct

    def score(self, key: str) -> int | None:
        """Right answers of a submitted attempt, or None while it is not submitted."""
        if not self._attempt(key).submitted:
            return None
        return sum(self._right(key, q) for q in self.quiz.questions)

    def percent(self, key: str) -> float | None:
        score = self.score(key)
        return None if score is None else round(100 * score / self.total, 1)

    def gain(self) -> Gain | None:
        """Post-test minus pre-test, once both are submitted."""
        pre, post = self.score(PRE), self.score(POST)
        if pre is None or post is None:
            return None
        return Gain(post - pre, round(100 * (post - pre) / self.total, 1))

    def feedback(self, key: str) -> list[Feedback]:
        """Per question, the chosen answer, right or not, and why (after submitting only)."""
        attempt = self._attempt(key)
        if not attempt.submitted:
            return []
        found = []
        for number, question in enumerate(self.quiz.questions, start=1):
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
            Change(n, q.prompt, self._right(PRE, q), self._right(POST, q))
            for n, q in enumerate(self.quiz.questions, start=1)
        ]

    def status(self, key: str) -> str:
        """One plain sentence on the attempt, for the form and screen readers."""
        score = self.score(key)
        if score is not None:
            return (
                f"{ATTEMPTS[key]}: submitted. Score {score} of {self.total} "
                f"({self.percent(key):g}%). The answers are locked."
            )
        answered = self.total - len(self.unanswered(key))
        return f"{ATTEMPTS[key]}: not submitted yet. {answered} of {self.total} answered."

    # -- saving --------------------------------------------------------------------------------

    def to_dict(self) -> dict:
        attempts = {}
        for key, attempt in self.attempts.items():
            answers = {}
            for question in self.quiz.questions:
                index = attempt.answers.get(question.id)
                if index is not None:
                    answers[question.id] = question.choices[index].text
            attempts[key] = {"answers": answers, "submitted_at": attempt.submitted_at}
        gain = self.gain()
        return {
            "attempts": attempts,
            # What a facilitator's sheet or a later reader needs, without the quiz.
            "scores": {key: self._score_dict(key) for key in ATTEMPTS},
            "gain": {"points": gain.points, "percent_points": gain.percent_points}
            if gain
            else None,
        }

    def _score_dict(self, key: str) -> dict | None:
        score = self.score(key)
        if score is None:
            return None
        return {"score": score, "total": self.total, "percent": self.percent(key)}

    @classmethod
    def from_dict(cls, data: dict, quiz: quizzes.Quiz | None = None) -> KnowledgeTest:
        """Load saved attempts. An answer whose question or choice the quiz no longer has is
        left out; a value of the wrong kind raises TypeError, ValueError or KeyError."""
        if not isinstance(data, dict):
            raise TypeError("a knowledge test is saved as a mapping")
        model = cls(quiz=quiz or module_1_quiz())
        saved = data.get("attempts") or {}
        if not isinstance(saved, dict):
            raise TypeError("'attempts' is saved as a mapping")
        for key in ATTEMPTS:
            model.attempts[key] = model._load_attempt(saved.get(key) or {})
        return model

    def _load_attempt(self, data: dict) -> Attempt:
        if not isinstance(data, dict):
            raise TypeError("an attempt is saved as a mapping")
        answers = data.get("answers") or {}
        if not isinstance(answers, dict):
            raise TypeError("the answers are saved as a mapping")
        attempt = Attempt()
        for question in self.quiz.questions:
            texts = [choice.text for choice in question.choices]
            if answers.get(question.id) in texts:
                attempt.answers[question.id] = texts.index(answers[question.id])
        submitted_at = str(data.get("submitted_at") or "")
        if submitted_at:
            datetime.fromisoformat(submitted_at)  # ValueError if it is not a date and time
        attempt.submitted_at = submitted_at
        return attempt
