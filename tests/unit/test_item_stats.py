"""Item statistics: difficulty and point-biserial discrimination per item, and the flags,
on a generated class where some items are made too easy and one misleading; the report read
from a real nbgrader gradebook made with nbgrader's API."""

from __future__ import annotations

import csv
import io

import pytest
from nbgrader.api import Gradebook

from dgtkit.instructor import items
from dgtkit.models import item_stats
from dgtkit.models.knowledge_test import POST, PRE, KnowledgeTest, course_bank
from tests.helpers import tool_env

STUDENTS = 30
#: Item → who earns it, by ability (0 weakest .. 1 strongest).
PLANTED = {
    "q_mid": lambda a: a > 0.5,
    "q_harder": lambda a: a > 0.65,
    "q_easier": lambda a: a > 0.3,
    "ex_sound": lambda a: a > 0.4,
    "q_easy": lambda a: True,  # everyone
    "ex_easy": lambda a: a > 0.02,  # all but the weakest
    "q_misleading": lambda a: a < 0.5,  # stronger students get it wrong
}
EXPECTED = {"q_easy": ("too_easy",), "ex_easy": ("too_easy",), "q_misleading": ("negative",)}


def _class() -> dict[str, dict[str, float]]:
    return {f"s{n:02d}": {item: float(rule(n / (STUDENTS - 1))) for item, rule in PLANTED.items()}
            for n in range(STUDENTS)}


def test_point_biserial_is_pearsons_correlation_and_none_without_variance():
    assert item_stats.point_biserial([0, 0, 1, 1], [1, 2, 3, 4]) == pytest.approx(0.894, abs=1e-3)
    assert item_stats.point_biserial([1, 1, 1], [1, 2, 3]) is None
    assert item_stats.point_biserial([0, 1], [2, 2]) is None


def test_the_planted_items_and_only_they_are_flagged():
    stats = item_stats.item_statistics("m1", _class(), dict.fromkeys(PLANTED, 1.0))
    flagged = {s.item: s.flags for s in stats if s.flags}
    assert flagged == EXPECTED
    by_item = {s.item: s for s in stats}
    assert by_item["q_easy"].difficulty == 1.0 and by_item["q_easy"].discrimination is None
    assert by_item["q_misleading"].discrimination < 0
    assert all(by_item[i].discrimination >= item_stats.LOW_DISCRIMINATION
               for i in PLANTED if i not in EXPECTED)
    assert all(s.students == STUDENTS for s in stats)


def test_too_hard_and_low_discrimination_and_a_small_class_flags_nothing():
    assert item_stats.flags_of(0.1, 0.5, 30) == ("too_hard",)
    assert item_stats.flags_of(0.5, 0.1, 30) == ("low",)
    assert item_stats.flags_of(0.99, -0.5, 4) == ()


def test_the_pre_post_test_is_analysed_per_attempt_across_the_cohort():
    bank = course_bank()
    misleading = bank.questions[3].id
    saved = {}
    for n in range(STUDENTS):
        ability = n / (STUDENTS - 1)
        test = KnowledgeTest(bank=bank)
        for key, bonus in ((PRE, 0.0), (POST, 0.2)):
            for number, question in enumerate(bank.questions):
                right = ability + bonus > (number % 5 + 1) / 7
                if question.id == misleading:
                    right = ability < 0.5
                choice = next(i for i, c in enumerate(question.choices) if c.correct == right)
                test.answer(key, question.id, choice)
            test.submit(key)
        saved[f"p{n}"] = test.to_dict()
    stats = item_stats.knowledge_test_statistics(saved, bank)
    assert len(stats) == 2 * len(bank.questions)
    for label in ("Day 1 pre-test", "Day 5 post-test"):
        negative = [s.item for s in stats if s.group == label and "negative" in s.flags]
        assert negative == [misleading]


def test_the_report_reads_nbgraders_gradebook_and_writes_terminal_csv_and_html(
        tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", tool_env()["PATH"])  # nbgrader runs the venv's alembic
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    scores = _class()
    with Gradebook(url, "course") as gradebook:
        gradebook.add_assignment("m1")
        gradebook.add_notebook("m1", "m1")
        for item in PLANTED:
            gradebook.add_grade_cell(item, "m1", "m1", max_score=1, cell_type="code")
        gradebook.add_grade_cell("written_answer", "m1", "m1", max_score=5,
                                 cell_type="markdown")
        for student, marks in scores.items():
            gradebook.add_student(student)
            gradebook.add_submission("m1", student)
            for item, score in marks.items():
                gradebook.find_grade(item, "m1", "m1", student).auto_score = score
        gradebook.db.commit()
    out = io.StringIO()
    stats = items.report(tmp_path, url, "course", out)
    assert {s.item: s.flags for s in stats if s.group == "m1" and s.flags} == EXPECTED
    assert "written_answer" not in {s.item for s in stats}
    text = out.getvalue()
    assert "3 to review" in text and "negative discrimination" in text
    rows = list(csv.DictReader((tmp_path / items.CSV_NAME).open(encoding="utf-8")))
    assert {r["item"] for r in rows if r["review"]} == set(EXPECTED)
    page = (tmp_path / items.HTML_NAME).read_text("utf-8")
    assert '<html lang="en">' in page and "<caption>" in page and "q_misleading" in page
