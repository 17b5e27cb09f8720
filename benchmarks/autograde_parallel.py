"""Autograde the same 40 generated submissions serially with nbgrader and in parallel with
``dgtkit.instructor.autograde``, in one run; print both times, the ratio, and whether the
scores agree.

    .venv/bin/python benchmarks/autograde_parallel.py [--submissions 40] [--workers N]
        [--assignment m3_situation]

The course is copied from ``exercises/`` into a temporary folder, the assignment generated,
and the submissions made once: a third complete (the source notebook with a workbook of
sample answers), a third blank (the release), a third half done (the release with every
knowledge question answered and a workbook of sample answers). For each run the folder is
copied afresh, so both ways grade exactly the same files: ``nbgrader autograde ASSIGNMENT``
in one copy, ``python -m dgtkit.instructor.autograde ASSIGNMENT`` in the other. Each time
includes the command's own start-up. The scores of every graded cell are compared, cell by cell.

On a shared machine, other work can slow one run and not the other: with ``--rounds 2`` (the
default) each way runs twice, in the order serial, parallel, parallel, serial, and the ratio
is that of the fastest run of each.
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
        "parallel": [str(BIN / "python"), "-m", "dgtkit.instructor.autograde", args.assignment,
                     *workers],
    }
    times: dict[str, list[float]] = {"serial": [], "parallel": []}
    found: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="autograde-benchmark-") as scratch:
        made = make_course(Path(scratch) / "made", args.assignment, args.submissions)
        order = []
        for round_ in range(args.rounds):
            order += ["serial", "parallel"] if round_ % 2 == 0 else ["parallel", "serial"]
        for number, way in enumerate(order):
            copy = Path(scratch) / f"{way}-{number}"
            shutil.copytree(made.parent, copy)
            times[way].append(timed(commands[way], copy / "exercises"))
            found[way] = scores(copy / "exercises", args.assignment)
            shutil.rmtree(copy)
    one, other = found["serial"], found["parallel"]
    serial_s, parallel_s = min(times["serial"]), min(times["parallel"])
    students = len({student for student, _ in one})
    runs = {way: ", ".join(f"{t:.1f}" for t in times[way]) for way in times}
    print(f"{args.submissions} submissions of {args.assignment}, {os.cpu_count()} cores, "
          f"{args.rounds} runs each way")
    print(f"serial nbgrader autograde   best {serial_s:6.1f} s  "
          f"({serial_s / args.submissions:.2f} s per submission; runs: {runs['serial']})")
    print(f"parallel dgtkit.instructor.autograde   best {parallel_s:6.1f} s  "
          f"({parallel_s / args.submissions:.2f} s per submission; runs: {runs['parallel']})")
    print(f"ratio (serial / parallel)        {serial_s / parallel_s:6.2f}x")
    same = one == other and students == args.submissions
    print(f"scores of {len(one)} graded cells of {students} students: "
          f"{'the same both ways' if same else 'DIFFERENT'}")
    if not same:
        for key in sorted(set(one) | set(other)):
            if one.get(key) != other.get(key):
                print(f"  {key}: serial {one.get(key)}, parallel {other.get(key)}")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
