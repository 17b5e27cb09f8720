"""The item-writing rules a program can check, on every multiple-choice item of the course.

The items are the self-check quizzes (``dgtkit/course/quizzes/m*.yaml``), the knowledge test
of the whole course (``dgtkit/course/prepost.yaml``, the Day 1 pre-test and Day 5 post-test)
and the knowledge checks (Part A) of the seven source assignments
(``exercises/source/*/*.ipynb``). The rules
follow Haladyna, Downing and Rodriguez (2002), "A review of multiple-choice item-writing
guidelines for classroom assessment"; the instructor guide's section "How the questions are
written" explains them. What a program cannot judge (is the scenario realistic, does each
distractor's feedback name a real misconception, is the item answerable from the module's
pages) is left to the people who review the items.

Per item:

- 3 to 5 options, all different;
- no "all of the above", "none of the above", "both ..." or an option that points at other
  options by their letters;
- no specific determiners that give the answer away ("always", "never", "completely",
  "absolutely", "guaranteed");
- options of about equal length: the longest at most ``LENGTH_RATIO`` times the shortest, in
  characters, so that no option stands out as the longest and most qualified;
- a stem that sets a scenario: at least ``MIN_STEM_WORDS`` words, naming an actor of
  government (a ministry, a district, a team ...);
- the session it tests, a session of its module in ``dgtkit/course/week.yaml``;
- in a notebook: the solution's letter and the hidden test's letter agree, and the hidden
  test's message names a session to read again but neither the letter nor the text of the
  right option.

Per group (one quiz, one assignment, the knowledge test and each module's questions in it)
and over the course:

- the right answer's position is balanced: each position is right in a number of items
  within ``max(1, 5% of the items)`` of the number expected if the key were placed at random
  (the sum of 1/k over the items, k their number of options);
- the right option is the unique longest in no more items than chance would make it, within
  the same tolerance.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from dgtkit.course import quizzes
from dgtkit.course.week import week
from tests.helpers import REPO

SOURCE = REPO / "exercises" / "source"
LENGTH_RATIO = 1.6
MIN_STEM_WORDS = 20
#: Knowledge-check points per assignment: the same as before the items were rewritten.
KNOWLEDGE_POINTS = {
    "m1_introduction": 3,
    "m2_holistic": 3,
    "m3_situation": 3,
    "m4_envisioning": 3,
    "m5_strategy": 3,
    "m6_monitoring": 3,
    "m7_action_plan": 0,
}
#: Words that name an actor of a scenario: a body, a unit, a place that governs, or a person
#: with a public role. A stem names at least one (plurals count).
ACTORS = {
    "administration", "agency", "assembly", "authority", "board", "bureau", "cabinet",
    "city", "civil", "clerk", "college", "commission", "committee", "council", "county",
    "department", "director", "district", "facilitator", "governor", "government",
    "head", "institute", "lecturer", "manager", "mayor", "minister", "ministry",
    "municipality", "office", "officer", "official", "parliament", "participant", "planner",
    "province", "regency", "regent", "region", "school", "secretariat", "staff", "team",
    "town", "trainer", "unit", "village",
}
ABOVE = re.compile(r"\b(all|none) of (the )?(above|these|them|those)\b", re.I)
BOTH = re.compile(r"^\s*(both|neither)\b|\b[A-E] and [A-E]\b", re.I)
DETERMINERS = re.compile(r"\b(always|never|completely|absolutely|guaranteed?)\b", re.I)
SESSION = re.compile(r"\(session (\d+\.\d+)\)")


@dataclass(frozen=True)
class Item:
    group: str  # the quiz or the assignment the item belongs to
    id: str
    module: int  # the module the group tests
    session: str  # the session the item names, "" if none
    stem: str
    options: tuple[str, ...]
    correct: int  # index of the right option
    message: str = ""  # a notebook's hidden-test message, shown after grading

    @property
    def where(self) -> str:
        return f"{self.group} {self.id}"


# -- loading -------------------------------------------------------------------------------


def quiz_items() -> list[Item]:
    found = []
    for quiz in quizzes.all_quizzes():
        for question in quiz.questions:
            found.append(
                Item(
                    group=f"quiz m{quiz.module}",
                    id=question.id,
                    module=quiz.module,
                    session=question.session,
                    stem=question.prompt,
                    options=tuple(c.text for c in question.choices),
                    correct=next(i for i, c in enumerate(question.choices) if c.correct),
                )
            )
    return found


PREPOST = "knowledge test"


def prepost_items() -> list[Item]:
    return [
        Item(
            group=PREPOST,
            id=question.id,
            module=question.module,
            session=question.session,
            stem=question.prompt,
            options=tuple(c.text for c in question.choices),
            correct=next(i for i, c in enumerate(question.choices) if c.correct),
        )
        for question in quizzes.load_prepost().questions
    ]


def assignments() -> list[Path]:
    return sorted(SOURCE.glob("*/*.ipynb"))


def _grade_id(cell: dict) -> str:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")


def _text(cell: dict) -> str:
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


def notebook_items(path: Path) -> list[Item]:
    """The knowledge-check items of one source notebook: question ``N`` is the markdown cell
    ``qN_text`` (stem, then options ``- A. ...``), the solution cell ``qN_answer`` and the
    graded test cell ``qN_check``."""
    cells = {_grade_id(c): c for c in json.loads(path.read_text("utf-8"))["cells"]}
    module = int(re.match(r"m(\d+)_", path.parent.name).group(1))
    found = []
    for grade_id in sorted(cells):
        number = re.fullmatch(r"q(\d+)_text", grade_id)
        if not number:
            continue
        n = number.group(1)
        text = _text(cells[grade_id])
        lines = text.strip().splitlines()
        options = [re.match(r"- ([A-E])\. (.+)", line) for line in lines]
        letters = "".join(m.group(1) for m in options if m)
        assert letters == "ABCDE"[: len(letters)], f"{path.name} q{n}: options lettered {letters}"
        stem = " ".join(line for line, m in zip(lines, options, strict=True) if not m)
        stem = re.sub(r"^\*\*Question \d+\.\*\*\s*", "", stem.strip())
        solution = re.search(
            r"### BEGIN SOLUTION\s+answer_\d+ = \"([A-E])\"", _text(cells[f"q{n}_answer"])
        )
        check = _text(cells[f"q{n}_check"])
        hidden = re.search(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", check, re.S)
        test = ast.parse(hidden.group(1)).body[0] if hidden else None
        assert isinstance(test, ast.Assert), f"{path.name} q{n}: the hidden test is one assert"
        hidden_letter = test.test.comparators[0].value
        assert solution and solution.group(1) == hidden_letter, (
            f"{path.name} q{n}: the solution's letter and the hidden test's letter differ"
        )
        session = SESSION.search(stem)
        found.append(
            Item(
                group=path.parent.name,
                id=f"q{n}",
                module=module,
                session=session.group(1) if session else "",
                stem=stem,
                options=tuple(m.group(2).strip() for m in options if m),
                correct=letters.index(hidden_letter),
                message=test.msg.value if isinstance(test.msg, ast.Constant) else "",
            )
        )
    return found


def all_items() -> list[Item]:
    notebooks = [item for path in assignments() for item in notebook_items(path)]
    return quiz_items() + prepost_items() + notebooks


ITEMS = all_items()
GROUPS = sorted({item.group for item in ITEMS})
#: The knowledge test is read per module too: each module's questions are a group of their own.
MODULE_GROUPS = sorted({f"{PREPOST}, module {i.module}" for i in ITEMS if i.group == PREPOST})


def in_group(group: str) -> list[Item]:
    if group.startswith(f"{PREPOST}, module "):
        module = int(group.rsplit(" ", 1)[1])
        return [i for i in ITEMS if i.group == PREPOST and i.module == module]
    return [item for item in ITEMS if item.group == group]


def report(problems: list[str]) -> str:
    return f"{len(problems)} problems:\n" + "\n".join(problems)


# -- rules on each item --------------------------------------------------------------------


def test_every_item_has_three_to_five_different_options():
    problems = []
    for item in ITEMS:
        if not 3 <= len(item.options) <= 5:
            problems.append(f"{item.where}: {len(item.options)} options")
        if len(set(item.options)) < len(item.options):
            problems.append(f"{item.where}: two options are alike")
    assert not problems, report(problems)


def test_no_option_is_all_none_or_both_of_the_others():
    problems = [
        f"{i.where}: {option!r}"
        for i in ITEMS
        for option in i.options
        if ABOVE.search(option) or BOTH.search(option)
    ]
    assert not problems, report(problems)


def test_no_option_gives_itself_away_with_always_or_never():
    problems = [
        f"{i.where}: {option!r}"
        for i in ITEMS
        for option in i.options
        if DETERMINERS.search(option)
    ]
    assert not problems, report(problems)


def test_options_are_of_about_equal_length():
    problems = []
    for item in ITEMS:
        lengths = [len(option) for option in item.options]
        if max(lengths) > LENGTH_RATIO * min(lengths):
            problems.append(
                f"{item.where}: longest {max(lengths)} characters, shortest {min(lengths)}"
            )
    assert not problems, report(problems)


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]+", text.lower())


def names_an_actor(stem: str) -> bool:
    return any(word in ACTORS or word.rstrip("s") in ACTORS for word in words(stem))


def test_every_stem_sets_a_scenario_with_an_actor():
    problems = [
        f"{i.where}: {len(words(i.stem))} words, "
        f"actor {'named' if names_an_actor(i.stem) else 'missing'}"
        for i in ITEMS
        if len(words(i.stem)) < MIN_STEM_WORDS or not names_an_actor(i.stem)
    ]
    assert not problems, report(problems)


def test_every_item_names_a_session_of_its_module():
    sessions = {s.id: s.module for m in week().modules for s in m.sessions}
    problems = [
        f"{i.where}: session {i.session or 'not named'}"
        for i in ITEMS
        if sessions.get(i.session) != i.module
    ]
    assert not problems, report(problems)


def test_hidden_test_messages_point_to_a_session_and_never_give_the_answer():
    problems = []
    for item in ITEMS:
        if item.group.startswith("quiz") or item.group == PREPOST:
            continue
        right = item.options[item.correct]
        letter = "ABCDE"[item.correct]
        if not re.search(r"\bsessions? \d+\.\d+", item.message):
            problems.append(f"{item.where}: the message names no session to read again")
        names_letter = rf"[\"']{letter}[\"']|\b(answer|option|choice|letter) {letter}\b"
        if right.lower() in item.message.lower() or re.search(names_letter, item.message):
            problems.append(f"{item.where}: the message gives the answer away")
    assert not problems, report(problems)


def test_knowledge_check_points_per_assignment_are_kept():
    points = {}
    for path in assignments():
        cells = json.loads(path.read_text("utf-8"))["cells"]
        points[path.parent.name] = sum(
            c["metadata"]["nbgrader"].get("points", 0)
            for c in cells
            if re.fullmatch(r"q\d+_check", _grade_id(c))
        )
    assert points == KNOWLEDGE_POINTS


# -- rules on each group and on the course -------------------------------------------------


def tolerance(items: list[Item]) -> float:
    return max(1.0, 0.05 * len(items))


def position_problems(name: str, items: list[Item]) -> list[str]:
    """Each position right in about as many items as chance would make it."""
    problems = []
    for position in range(max(len(i.options) for i in items)):
        expected = sum(1 / len(i.options) for i in items if len(i.options) > position)
        count = sum(i.correct == position for i in items)
        if abs(count - expected) > tolerance(items):
            problems.append(
                f"{name}: {'ABCDE'[position]} is right in {count} of {len(items)} items, "
                f"chance gives {expected:.1f} (tolerance {tolerance(items):.1f})"
            )
    return problems


def unique_longest(item: Item) -> bool:
    lengths = [len(option) for option in item.options]
    return lengths.count(max(lengths)) == 1 and lengths.index(max(lengths)) == item.correct


def longest_problems(name: str, items: list[Item]) -> list[str]:
    expected = sum(1 / len(i.options) for i in items)
    count = sum(unique_longest(i) for i in items)
    if count > expected + tolerance(items):
        return [
            f"{name}: the right option is the unique longest in {count} of {len(items)} items, "
            f"chance gives {expected:.1f}"
        ]
    return []


@pytest.mark.parametrize("group", GROUPS + MODULE_GROUPS)
def test_right_answers_are_spread_over_the_positions_in_each_group(group):
    problems = position_problems(group, in_group(group))
    assert not problems, report(problems)


def test_right_answers_are_spread_over_the_positions_across_the_course():
    assignments_only = [i for i in ITEMS if i.group[:1] == "m"]
    problems = position_problems("the course", ITEMS)
    problems += position_problems("the assignments", assignments_only)
    assert not problems, report(problems)


@pytest.mark.parametrize("group", GROUPS)
def test_the_right_option_is_not_the_longest_more_than_by_chance(group):
    problems = longest_problems(group, in_group(group))
    assert not problems, report(problems)


def test_the_right_option_is_not_the_longest_more_than_by_chance_across_the_course():
    problems = longest_problems("the course", ITEMS)
    assert not problems, report(problems)


# -- the knowledge test is new to the participants ---------------------------------------------


def test_the_knowledge_test_asks_nothing_the_week_rehearses():
    """No question of the pre/post test is a self-check or assignment question: the gain should
    not come from having practised the very items during the week."""
    def key(text: str) -> str:
        return " ".join(words(text))

    rehearsed = {key(i.stem) for i in ITEMS if i.group != PREPOST}
    rehearsed_options = {key(o) for i in ITEMS if i.group != PREPOST for o in i.options}
    problems = []
    for item in ITEMS:
        if item.group != PREPOST:
            continue
        if key(item.stem) in rehearsed:
            problems.append(f"{item.id}: its question is asked elsewhere")
        if key(item.options[item.correct]) in rehearsed_options:
            problems.append(f"{item.id}: its right answer is an option elsewhere")
    ids = [i.id for i in ITEMS if i.group == PREPOST or i.group.startswith("quiz")]
    problems += sorted({f"{i}: id used twice" for i in ids if ids.count(i) > 1})
    assert not problems, report(problems)
