"""Autograde the same 40 generated submissions serially with stock nbgrader and in parallel
with ``dgtkit.instructor.autograde`` (each submission in a sandbox, its tests in the judge), in
one run; print the times, the ratio, the sandbox's cost per submission, and whether the scores
agree.

    .venv/bin/python benchmarks/autograde_parallel.py [--submissions 40] [--workers N]
        [--assignment m3_situation] [--rounds 2]

Three ways are timed:

- ``serial``: ``nbgrader autograde ASSIGNMENT`` with nbgrader's own preprocessors (its
  ``Execute``: the tests in the student's kernel, no sandbox), as a course without this
  project's grading would run it;
- ``serial-sandbox``: the same command with the course's configuration (the sandbox and the
  judge), one submission after another: the difference from ``serial``, per submission, is
  the sandbox's cost;
- ``parallel``: ``python -m dgtkit.instructor.autograde ASSIGNMENT``, sandboxed, in parallel.

The course is copied from ``exercises/`` into a temporary folder, the assignment generated,
and the submissions made once: a third complete (the source notebook with a workbook of
sample answers), a third blank (the release), a third half done (the release with every
knowledge question answered and a workbook of sample answers). For each run the folder is
copied afresh, so both ways grade exactly the same files: ``nbgrader autograde ASSIGNMENT``
in one copy, ``python -m dgtkit.instructor.autograde ASSIGNMENT`` in the other. Each time
includes the command's own start-up. The scores of every graded cell are compared, cell by cell.

On a shared machine, other work can slow one run and not the other: with ``--rounds 2`` (the
default) each way runs twice, in the order serial, serial-sandbox, parallel, then parallel,
serial-sandbox, serial, and the ratio is that of the fastest run of each.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from _common import BIN, REPO, tool_env
from nbgrader.api import Gradebook

from dgtkit.instructor.sample_answers import write_submission

COURSE_ID = "dgt-capacities"
#: Appended to the course's configuration for the ``serial`` way: nbgrader's own pipeline.
STOCK = """
# The benchmark's stock nbgrader: its own preprocessors, no sandbox, no judge.
c.Autograde.sanitize_preprocessors = Autograde.class_traits()["sanitize_preprocessors"].default()
c.Autograde.autograde_preprocessors = (
    Autograde.class_traits()["autograde_preprocessors"].default())
"""


def make_course(folder: Path, assignment: str, count: int) -> Path:
    course = folder / "exercises"
    shutil.copytree(REPO / "exercises", course, ignore=shutil.ignore_patterns(
        "release", "submitted", "autograded", "feedback", "exchange", "gradebook.db*",
        "workbook.sqlite*", "*.csv", "*.log"))
    subprocess.run([str(BIN / "nbgrader"), "generate_assignment", assignment, "--force"],
                   cwd=course, env=tool_env(), check=True, capture_output=True)
    source = course / "source" / assignment / f"{assignment}.ipynb"
    release = course / "release" / assignment / f"{assignment}.ipynb"
    answers = answered(source, release)
    for number in range(count):
        student = f"student{number + 1:02d}"
        target = course / "submitted" / student / assignment
        target.mkdir(parents=True)
        kind = number % 3
        notebook = {0: source, 1: release, 2: answers}[kind]
        shutil.copy(notebook, target / f"{assignment}.ipynb")
        if kind != 1:
            write_submission(target, student, assignment)
    return course


def answered(source: Path, release: Path) -> Path:
    """The release with the knowledge questions answered as in the source (a half-done
    submission: no data task, no written answer)."""
    answers = dict(re.findall(r'^(answer_\d+) = ("[A-D]")$', source.read_text("utf-8"),
                              flags=re.M))
    notebook = json.loads(release.read_text("utf-8"))
    for cell in notebook["cells"]:
        text = "".join(cell["source"])
        for name, letter in answers.items():
            text = re.sub(rf'^{name} = "".*$', f"{name} = {letter}", text, flags=re.M)
        cell["source"] = text
    path = release.parent.parent / "half-done.ipynb"
    path.write_text(json.dumps(notebook), "utf-8")
    return path


def timed(command: list[str], course: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=course, env=tool_env(), capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}"
                         f"{result.stderr[-3000:]}")
    return seconds


def scores(course: Path, assignment: str) -> dict[tuple[str, str], float]:
    found = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID) as gradebook:
        for submission in gradebook.find_assignment(assignment).submissions:
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    found[(submission.student.id, grade.name)] = grade.score
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--submissions", type=int, default=40)
    parser.add_argument("--workers", type=int, default=None,
                        help="parallel workers (default: dgtkit.instructor.autograde's, cores + 1)")
    parser.add_argument("--assignment", default="m3_situation")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    workers = ["--workers", str(args.workers)] if args.workers else []
    commands = {
        "serial": [str(BIN / "nbgrader"), "autograde", args.assignment],
        "serial-sandbox": [str(BIN / "nbgrader"), "autograde", args.assignment],
        "parallel": [str(BIN / "python"), "-m", "dgtkit.instructor.autograde", args.assignment,
                     *workers],
    }
    times: dict[str, list[float]] = {way: [] for way in commands}
    found: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="autograde-benchmark-") as scratch:
        made = make_course(Path(scratch) / "made", args.assignment, args.submissions)
        order = []
        for round_ in range(args.rounds):
            ways = list(commands)
            order += ways if round_ % 2 == 0 else ways[::-1]
        for number, way in enumerate(order):
            copy = Path(scratch) / f"{way}-{number}"
            shutil.copytree(made.parent, copy)
            if way == "serial":
                with (copy / "exercises" / "nbgrader_config.py").open("a") as config:
                    config.write(STOCK)
            times[way].append(timed(commands[way], copy / "exercises"))
            found[way] = scores(copy / "exercises", args.assignment)
            shutil.rmtree(copy)
    best = {way: min(values) for way, values in times.items()}
    count = args.submissions
    students = len({student for student, _ in found["serial"]})
    runs = {way: ", ".join(f"{t:.1f}" for t in times[way]) for way in times}
    print(f"{count} submissions of {args.assignment}, {os.cpu_count()} cores, "
          f"{args.rounds} runs each way")
    labels = {"serial": "serial stock nbgrader autograde (no sandbox)",
              "serial-sandbox": "serial nbgrader autograde, sandboxed",
              "parallel": "parallel dgtkit.instructor.autograde, sandboxed"}
    for way, label in labels.items():
        print(f"{label:<50} best {best[way]:6.1f} s  ({best[way] / count:.2f} s per "
              f"submission; runs: {runs[way]})")
    ratio = best["serial"] / best["parallel"]
    print(f"ratio (serial stock / parallel sandboxed)          {ratio:6.2f}x")
    cost = (best["serial-sandbox"] - best["serial"]) / count
    print(f"the sandbox's cost per submission (serial-sandbox - serial) / {count}: "
          f"{cost:+.2f} s")
    same = all(found[way] == found["serial"] for way in found) and students == count
    print(f"scores of {len(found['serial'])} graded cells of {students} students: "
          f"{'the same all three ways' if same else 'DIFFERENT'}")
    if not same:
        for way in ("serial-sandbox", "parallel"):
            for key in sorted(set(found["serial"]) | set(found[way])):
                if found["serial"].get(key) != found[way].get(key):
                    print(f"  {key}: serial {found['serial'].get(key)}, {way} "
                          f"{found[way].get(key)}")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
