"""Validate the course's assignments with nbgrader: ``make validate``.

Two promises are checked, with nbgrader's own validator and the course's configuration, and
the notebooks run as autograding runs them (``dgtkit.instructor.sandboxed``): the cells in a
sandbox (where bubblewrap can run one; these are the lecturer's own notebooks), the tests in
the judge, on the answers as plain data. So a test that passes only in the same Python as the
answers (it reads a value no plain data can hold, or one an earlier test computed) fails here:

- every **source** notebook passes: run from the top, every graded cell gets full marks. Its
  checks read a workbook (and Module 7's, the action plan the app exports), so each source is
  validated in a temporary copy of its folder that holds what a student hands in, from
  ``dgtkit.instructor.sample_answers``: a workbook of sample answers, and Module 7's plan
  file. Neither is ever written into the source folder, which would release it to every student;
- every **release** fails, cell by cell: validated with ``--invert``, no graded cell passes
  while the notebook is unanswered and no workbook has been saved.

Run from the course directory (``exercises/``)::

    python -m dgtkit.instructor.validate [ASSIGNMENT ...]
"""

from __future__ import annotations

import argparse
import functools
import shutil
import sys
import tempfile
from pathlib import Path

from dgtkit.instructor.autograde import course_config
from dgtkit.instructor.sample_answers import write_submission


def assignments(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "source").iterdir() if p.is_dir())


@functools.cache
def _sandbox_runs() -> bool:
    from dgtkit.instructor import sandbox

    try:
        sandbox.check()
    except sandbox.SandboxUnavailable:
        return False
    return True


def _validator(config, invert: bool):
    from nbgrader.preprocessors import CheckCellMetadata, ClearOutput
    from nbgrader.validator import Validator

    from dgtkit.instructor.sandboxed import SandboxedExecute

    if not _sandbox_runs():
        config.SandboxedExecute.sandbox = False  # the lecturer's own notebooks
    validator = Validator(config=config)
    validator.preprocessors = [CheckCellMetadata, ClearOutput, SandboxedExecute]
    validator.invert = invert
    return validator


def validate_source(root: Path, assignment: str, config=None) -> list[str]:
    """What fails in the source notebooks of ``assignment``, with sample answers handed in."""
    config = config or course_config(root)
    problems = []
    with tempfile.TemporaryDirectory(prefix=f"validate-{assignment}-") as scratch:
        folder = Path(scratch) / assignment
        shutil.copytree(root / "source" / assignment, folder)
        write_submission(folder, "sample", assignment)
        for notebook in sorted(folder.glob("*.ipynb")):
            results = _validator(config, invert=False).validate(str(notebook))
            for kind in ("type_changed", "changed", "failed"):
                for cell in results.get(kind, []):
                    detail = cell.get("raw_error", "").strip().splitlines()[-1:] or [""]
                    problems.append(f"{notebook.name}: {kind}: {_first_line(cell)} {detail[0]}")
    return problems


def validate_release(root: Path, assignment: str, config=None) -> list[str]:
    """The graded cells of the release of ``assignment`` that pass while unanswered."""
    config = config or course_config(root)
    release = root / "release" / assignment
    if not release.is_dir():
        return [f"{assignment} has no release: run `make assignments` first."]
    problems = []
    with tempfile.TemporaryDirectory(prefix=f"validate-{assignment}-") as scratch:
        folder = Path(scratch) / assignment
        shutil.copytree(release, folder)
        for notebook in sorted(folder.glob("*.ipynb")):
            results = _validator(config, invert=True).validate(str(notebook))
            for kind in ("type_changed", "changed", "passed"):
                for cell in results.get(kind, []):
                    problems.append(f"{notebook.name}: {kind} unanswered: {_first_line(cell)}")
    return problems


def _first_line(cell: dict) -> str:
    return (cell.get("source", "").splitlines() or [""])[0][:80]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("assignment", nargs="*", help="assignments to validate (default: all)")
    parser.add_argument("--course", type=Path, default=Path.cwd(),
                        help="the course directory (default: the current folder)")
    args = parser.parse_args(argv)
    root = args.course.resolve()
    config = course_config(root)
    failed = False
    for assignment in args.assignment or assignments(root):
        for label, check in (("source passes", validate_source),
                             ("release fails when unanswered", validate_release)):
            problems = check(root, assignment, config)
            print(f"{assignment}: {label}: {'yes' if not problems else 'NO'}", flush=True)
            for problem in problems:
                print(f"    {problem}")
            failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
