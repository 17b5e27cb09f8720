"""The item report after autograding: for each autograded item of each assignment, and for
each question of the pre/post knowledge test, how many students, the difficulty, the
discrimination, and the items to review (``dgtkit.models.item_stats`` computes them).

    python -m dgtkit.instructor.items [--course exercises]      (or: make items)

The scores are read from nbgrader's gradebook with nbgrader's API; the knowledge tests from
the workbooks students submitted (``submitted/<student>/<assignment>/workbook.sqlite``: the
newest saved test of each student). Writes ``item_statistics.csv`` and
``item_statistics.html`` into the course folder, and prints the same table.
"""

from __future__ import annotations

import argparse
import csv
import html
import os
import sys
from pathlib import Path
from typing import TextIO

from dgtkit.models.item_stats import ItemStat, item_statistics, knowledge_test_statistics

CSV_NAME, HTML_NAME = "item_statistics.csv", "item_statistics.html"
COLUMNS = ("group", "item", "max_score", "students", "difficulty", "discrimination", "review")


def gradebook_statistics(db_url: str, course_id: str) -> list[ItemStat]:
    """Each autograded item (a graded code cell) of each assignment in the gradebook."""
    from nbgrader.api import Gradebook

    found = []
    with Gradebook(db_url, course_id) as gradebook:
        for assignment in sorted(gradebook.assignments, key=lambda a: a.name):
            items = {cell.name: cell.max_score for notebook in assignment.notebooks
                     for cell in notebook.grade_cells if cell.cell_type == "code"}
            scores = {}
            for submission in assignment.submissions:
                marks = {grade.name: grade.score for notebook in submission.notebooks
                         for grade in notebook.grades
                         if grade.name in items and grade.auto_score is not None}
                if marks:
                    scores[submission.student_id] = marks
            found += item_statistics(assignment.name, scores, items)
    return found


def saved_knowledge_tests(root: Path) -> dict[str, dict]:
    """Student → the newest knowledge test saved in any workbook they submitted."""
    from dgtkit.models.knowledge_test import EXERCISE_KEY
    from dgtkit.store.workbook import DEFAULT_FILENAME, Workbook, WorkbookError

    newest: dict[str, tuple[str, dict]] = {}
    for path in sorted((root / "submitted").glob(f"*/*/{DEFAULT_FILENAME}")):
        student = path.parent.parent.name
        try:
            revision = Workbook(path, create=False).latest_by_anyone(EXERCISE_KEY)
        except WorkbookError:
            continue
        if revision is None or not isinstance(revision.data, dict):
            continue
        if student not in newest or revision.saved_at > newest[student][0]:
            newest[student] = (revision.saved_at, revision.data)
    return {student: data for student, (_at, data) in newest.items()}


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def write_report(root: Path, stats: list[ItemStat], stream: TextIO = sys.stdout) -> None:
    """The table in the terminal, and as CSV and HTML files in ``root``."""
    rows = [s.to_row() for s in stats]
    with (root / CSV_NAME).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    cells = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str('' if row[c] is None else row[c]))}</td>"
                         for c in COLUMNS) + "</tr>\n" for row in rows)
    head = "".join(f'<th scope="col">{c.replace("_", " ").capitalize()}</th>' for c in COLUMNS)
    (root / HTML_NAME).write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Item statistics</title></head><body>\n<h1>Item statistics</h1>\n"
        "<p>Difficulty: the share of the item's points earned. Discrimination: the "
        "point-biserial correlation with the rest score. Review: why an item is flagged.</p>\n"
        f"<table>\n<caption>Every autograded item and pre/post question</caption>\n"
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{cells}</tbody></table>\n</body></html>\n",
        "utf-8")
    flagged = [s for s in stats if s.flags]
    stream.write(f"Item statistics ({len(stats)} items, {len(flagged)} to review; "
                 f"{root / CSV_NAME}, {root / HTML_NAME}):\n")
    stream.write(f"  {'group':<18} {'item':<28} {'n':>4} {'diff.':>6} {'discr.':>7}  review\n")
    for stat in stats:
        stream.write(f"  {stat.group[:18]:<18} {stat.item[:28]:<28} {stat.students:>4} "
                     f"{_number(stat.difficulty):>6} {_number(stat.discrimination):>7}  "
                     f"{stat.review}\n")


def report(root: Path, db_url: str, course_id: str, stream: TextIO = sys.stdout
           ) -> list[ItemStat]:
    """Compute the statistics of the gradebook and the submitted knowledge tests; report."""
    stats = gradebook_statistics(db_url, course_id)
    stats += knowledge_test_statistics(saved_knowledge_tests(root))
    write_report(root, stats, stream)
    return stats


def main(argv: list[str] | None = None) -> int:
    from nbgrader.coursedir import CourseDirectory

    from dgtkit.instructor.autograde import course_config

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--course", type=Path, default=Path.cwd(),
                        help="the course directory (default: the current folder)")
    args = parser.parse_args(argv)
    root = args.course.resolve()
    # nbgrader calls the alembic command of the environment it is installed in.
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    coursedir = CourseDirectory(config=course_config(root))
    coursedir.root = str(root)
    report(root, coursedir.db_url, coursedir.course_id)
    return 0


if __name__ == "__main__":
    sys.exit(main())
