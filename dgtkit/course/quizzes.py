"""The self-check quizzes, one per module, read from ``course/quizzes/m<N>.yaml``, and the
knowledge test of the whole course, read from ``course/prepost.yaml``.

Plain data and validation, nothing else: the book's ``self-check`` directive renders a quiz
as HTML, and the knowledge-test exercise (the Day 1 pre-test and Day 5 post-test) asks the
questions of the bank (``load_prepost``), a few from every module.

A quiz file::

    module: 1
    title: "Self-check: Module 1"
    questions:
      - id: m1-q01
        prompt: "Which statement ...?"
        session: "1.1"
        choices:
          - {text: "...", correct: true, feedback: "Yes. ..."}
          - {text: "...", feedback: "Not quite. ..."}
          - {text: "...", feedback: "..."}

The bank of the knowledge test has the same questions, from every module, in module order,
and no ``module`` key: each question's module is the one of its session::

    title: "Knowledge test of the whole course"
    questions:
      - id: pp-m1-q1
        prompt: "A ministry of finance ...?"
        session: "1.1"
        choices: [...]
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from dgtkit.course.week import Week, week

MIN_QUESTIONS, MAX_QUESTIONS = 8, 12
MIN_CHOICES, MAX_CHOICES = 3, 4
#: The knowledge test asks at least this many questions about each module of the week, so
#: that its gain can be read per module.
MIN_PER_MODULE = 3

_QUIZ_KEYS = {"module", "title", "questions"}
_BANK_KEYS = {"title", "questions"}
_QUESTION_KEYS = {"id", "prompt", "session", "choices"}
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


class QuizError(ValueError):
    """A quiz file that cannot be used, with where and why."""


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    session: str  # the session that teaches it, e.g. "1.1"
    choices: tuple[Choice, ...]

    @property
    def answer(self) -> Choice:
        """The one correct choice."""
        return next(choice for choice in self.choices if choice.correct)

    @property
    def module(self) -> int:
        """The module of the session the question tests: 3 for session "3.2"."""
        return int(self.session.split(".", 1)[0])


@dataclass(frozen=True)
class Quiz:
    module: int
    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Bank:
    """The knowledge test of the whole course: questions about every module, in module order."""

    title: str
    questions: tuple[Question, ...]

    @property
    def modules(self) -> tuple[int, ...]:
        """The modules the bank asks about, in order."""
        return tuple(sorted({question.module for question in self.questions}))

    def in_module(self, module: int) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.module == module)


def quiz_folder() -> Path:
    return Path(str(resources.files("dgtkit").joinpath("course", "quizzes")))


def quiz_file(module: int, folder: Path | None = None) -> Path:
    return (folder or quiz_folder()) / f"m{module}.yaml"


def load(module: int, folder: Path | None = None) -> Quiz:
    """Module ``module``'s quiz, checked; a missing or invalid file raises ``QuizError``."""
    path = quiz_file(module, folder)
    if not path.is_file():
        raise QuizError(f"Module {module} has no quiz: {path} does not exist")
    try:
        raw = yaml.safe_load(path.read_text("utf-8"))
    except yaml.YAMLError as error:
        raise QuizError(f"{path.name} is not valid YAML: {error}") from error
    quiz = parse(raw, source=path.name)
    if quiz.module != module:
        raise QuizError(f"{path.name}: says module {quiz.module}, expected {module}")
    return quiz


def all_quizzes(folder: Path | None = None) -> list[Quiz]:
    """Every quiz file present, checked, in module order."""
    paths = (folder or quiz_folder()).glob("m*.yaml")
    numbers = sorted(int(p.stem[1:]) for p in paths if p.stem[1:].isdigit())
    quizzes = [load(number, folder) for number in numbers]
    _expect_unique_ids([q for quiz in quizzes for q in quiz.questions], "the quizzes")
    return quizzes


def prepost_file() -> Path:
    return Path(str(resources.files("dgtkit").joinpath("course", "prepost.yaml")))


def load_prepost(path: Path | None = None) -> Bank:
    """The bank of the knowledge test, checked; a missing or invalid file raises ``QuizError``."""
    path = path or prepost_file()
    if not path.is_file():
        raise QuizError(f"The knowledge test has no questions: {path} does not exist")
    try:
        raw = yaml.safe_load(path.read_text("utf-8"))
    except yaml.YAMLError as error:
        raise QuizError(f"{path.name} is not valid YAML: {error}") from error
    return parse_prepost(raw, source=path.name)


def parse_prepost(
    raw: object, source: str = "prepost.yaml", the_week: Week | None = None
) -> Bank:
    """The knowledge test's bank from its YAML data, or ``QuizError`` naming the first problem:
    every question's session is a session of the week, the questions come in module order, and
    every module has at least ``MIN_PER_MODULE`` of them."""
    the_week = the_week or week()
    _expect_mapping(raw, _BANK_KEYS, source)
    questions = raw["questions"]
    if not isinstance(questions, list):
        raise QuizError(f"{source}: 'questions' must be a list")
    sessions = {s.id for m in the_week.modules for s in m.sessions}
    parsed = tuple(
        _question(q, f"{source}, question {i}", sessions, "the week")
        for i, q in enumerate(questions, start=1)
    )
    _expect_unique_ids(parsed, source)
    modules = [question.module for question in parsed]
    if modules != sorted(modules):
        raise QuizError(f"{source}: put the questions in module order (1 first, then 2 ...)")
    for module in the_week.modules:
        count = modules.count(module.number)
        if count < MIN_PER_MODULE:
            raise QuizError(
                f"{source}: Module {module.number} has {count} questions, "
                f"needs at least {MIN_PER_MODULE}"
            )
    return Bank(title=_text(raw, "title", source), questions=parsed)


def parse(raw: object, source: str = "quiz", the_week: Week | None = None) -> Quiz:
    """A quiz from its YAML data, or ``QuizError`` naming the first problem found."""
    the_week = the_week or week()
    _expect_mapping(raw, _QUIZ_KEYS, source)
    module = raw["module"]
    if not isinstance(module, int) or module not in {m.number for m in the_week.modules}:
        raise QuizError(f"{source}: module {module!r} is not a module of the course")
    sessions = {s.id for s in the_week.module(module).sessions}
    questions = raw["questions"]
    if not isinstance(questions, list):
        raise QuizError(f"{source}: 'questions' must be a list")
    if not MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS:
        raise QuizError(
            f"{source}: has {len(questions)} questions, needs {MIN_QUESTIONS} to {MAX_QUESTIONS}"
        )
    parsed = tuple(
        _question(q, f"{source}, question {i}", sessions) for i, q in enumerate(questions, start=1)
    )
    _expect_unique_ids(parsed, source)
    return Quiz(module=module, title=_text(raw, "title", source), questions=parsed)


def _question(
    raw: object, where: str, sessions: set[str], scope: str = "this module"
) -> Question:
    _expect_mapping(raw, _QUESTION_KEYS, where)
    where = f"{where} ({raw['id']})"
    if not isinstance(raw["id"], str) or not _ID.fullmatch(raw["id"]):
        raise QuizError(f"{where}: an id is lowercase letters, digits and hyphens, e.g. m1-q01")
    session = str(raw["session"])
    if session not in sessions:
        raise QuizError(
            f"{where}: session {session!r} is not a session of {scope} "
            f"({', '.join(sorted(sessions))})"
        )
    choices = raw["choices"]
    if not isinstance(choices, list) or not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
        count = len(choices) if isinstance(choices, list) else "no list of"
        raise QuizError(f"{where}: has {count} choices, needs {MIN_CHOICES} to {MAX_CHOICES}")
    parsed = tuple(_choice(c, f"{where}, choice {i}") for i, c in enumerate(choices, start=1))
    correct = sum(choice.correct for choice in parsed)
    if correct != 1:
        raise QuizError(f"{where}: {correct} choices are marked correct; exactly one must be")
    return Question(
        id=_text(raw, "id", where),
        prompt=_text(raw, "prompt", where),
        session=session,
        choices=parsed,
    )


def _choice(raw: object, where: str) -> Choice:
    _expect_mapping(raw, {"text", "feedback"}, where, optional=("correct",))
    correct = raw.get("correct", False)
    if not isinstance(correct, bool):
        raise QuizError(f"{where}: 'correct' must be true or false, not {correct!r}")
    return Choice(
        text=_text(raw, "text", where), correct=correct, feedback=_text(raw, "feedback", where)
    )


def _expect_mapping(
    raw: object, required: set[str], where: str, optional: tuple[str, ...] = ()
) -> None:
    if not isinstance(raw, dict):
        raise QuizError(f"{where}: expected a mapping with {', '.join(sorted(required))}")
    missing = required - raw.keys()
    if missing:
        raise QuizError(f"{where}: missing {', '.join(sorted(missing))}")
    unknown = raw.keys() - required - set(optional)
    if unknown:
        raise QuizError(f"{where}: unknown key {', '.join(sorted(map(str, unknown)))}")


def _text(raw: dict, key: str, where: str) -> str:
    value = raw[key]
    if not isinstance(value, str) or not value.strip():
        raise QuizError(f"{where}: {key!r} must be a non-empty text")
    return " ".join(value.split())


def _expect_unique_ids(questions: Sequence[Question], source: str) -> None:
    ids = [question.id for question in questions]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise QuizError(f"{source}: question ids used more than once: {', '.join(repeated)}")


def paper(bank: Bank, key: bool = False) -> str:
    """The knowledge test as plain text to print: the questions numbered in order under a
    heading per module, each choice with a letter, and no answers. With ``key``, the answer
    key instead: the right letter of every question, module by module."""
    the_week = week()
    lines = [bank.title + (": answer key" if key else ""), ""]
    number = 0
    for module in bank.modules:
        lines.append(f"Module {module}. {the_week.module(module).short}")
        lines.append("")
        for question in bank.in_module(module):
            number += 1
            letters = "ABCDE"
            if key:
                right = letters[[c.correct for c in question.choices].index(True)]
                lines.append(f"{number}. {right}")
                continue
            lines.append(f"{number}. {question.prompt}")
            lines += [f"   {letters[i]}. {c.text}" for i, c in enumerate(question.choices)]
            lines.append("")
        if key:
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m dgtkit.course.quizzes paper`` prints the knowledge test to hand out;
    ``python -m dgtkit.course.quizzes key`` prints its answer key, module by module."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args not in (["paper"], ["key"]):
        print("Usage: python -m dgtkit.course.quizzes paper | key", file=sys.stderr)
        return 2
    print(paper(load_prepost(), key=args == ["key"]), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
