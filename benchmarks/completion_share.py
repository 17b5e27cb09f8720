"""The share of each assignment's automatic points that completion alone earns: a careless
but complete submission (every form filled until its checklist is green, every knowledge
question and data value answered, but wrongly) is graded by the assignments' own test cells,
with the checks of this tree and of an earlier commit.

    .venv/bin/python benchmarks/completion_share.py [--before main]

The careless answers are ``dgtkit.instructor.sample_answers.CARELESS`` (and its plan file),
built once with this tree's models. Each source notebook is then run cell by cell in a fresh
Python process whose ``dgtkit`` is this tree's, or the earlier commit's (``git archive``):
knowledge answers get a wrong letter, data answers a wrong value, the forms are not drawn
(grading reads the workbook), and each graded cell earns its points if it raises nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _grade(repo: Path, folder: Path, assignment: str) -> dict:
    """Run in the child process: the points each graded cell earns for the submission."""
    notebook = json.loads((repo / "exercises" / "source" / assignment /
                           f"{assignment}.ipynb").read_text("utf-8"))
    os.chdir(folder)
    space: dict = {}
    earned = total = 0
    for cell in notebook["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        source = "".join(cell["source"])
        if cell["cell_type"] != "code" or ".show(" in source or "bring_forward" in source:
            continue
        name = meta.get("grade_id", "")
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(source, name or "cell", "exec"), space)  # noqa: S102
        except Exception:  # noqa: BLE001 - a graded cell that fails earns nothing
            if not meta.get("grade"):
                raise
            total += meta["points"]
            continue
        if meta.get("grade"):
            earned += meta["points"]
            total += meta["points"]
        elif meta.get("solution") and re.fullmatch(r"q\d+_answer", name):
            number = name[1:-len("_answer")]
            right = space[f"answer_{number}"]
            space[f"answer_{number}"] = next(x for x in "ABCD" if x != right)
        elif meta.get("solution") and name != "data_country":
            for variable in re.findall(r"^(\w+) = \.\.\.", source, re.MULTILINE):
                value = space[variable]
                space[variable] = (not value) if isinstance(value, bool) else value + 11
    return {"earned": earned, "total": total}


def _careless(folder: Path, assignment: str) -> Path:
    from dgtkit.instructor.sample_answers import write_careless_submission

    target = folder / assignment
    target.mkdir(parents=True)
    write_careless_submission(target, "careless", assignment)
    return target


def _shares(repo: Path, submissions: dict[str, Path]) -> dict[str, dict]:
    found = {}
    for assignment, folder in submissions.items():
        result = subprocess.run(
            [sys.executable, __file__, "--grade", str(repo), str(folder), assignment],
            env={**os.environ, "PYTHONPATH": str(repo)}, capture_output=True, text=True,
            check=True, timeout=300)
        found[assignment] = json.loads(result.stdout.strip().splitlines()[-1])
    return found


def _export(ref: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(REPO), "archive", ref], capture_output=True,
                             check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="main", help="the commit to compare with")
    parser.add_argument("--grade", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.grade:
        repo, folder, assignment = args.grade
        print(json.dumps(_grade(Path(repo), Path(folder), assignment)))
        return
    sys.path.insert(0, str(REPO))
    assignments = sorted(p.name for p in (REPO / "exercises" / "source").iterdir()
                         if p.is_dir())
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        submissions = {a: _careless(scratch / "submitted", a) for a in assignments}
        before = _shares(_export(args.before, scratch / "before"), submissions)
        after = _shares(REPO, submissions)
    print(f"Completion alone: automatic points a careless but complete submission earns "
          f"(before = {args.before}, after = this tree)\n")
    print(f"{'assignment':<18} {'before':>14} {'after':>14}")
    for assignment in assignments:
        cells = [f"{r['earned']}/{r['total']} {r['earned'] / r['total']:4.0%}"
                 for r in (before[assignment], after[assignment])]
        print(f"{assignment:<18} {cells[0]:>14} {cells[1]:>14}")


if __name__ == "__main__":
    main()
