"""Copying detected: submissions whose answers are the same, or nearly, as another student's
or as the course's sample answers (``dgtkit.instructor.sample_answers``).

While a submission is autograded, the judge reads what the student wrote (``texts_of``): for
each exercise saved in the workbook, the text typed into it and a fingerprint of the whole
answer; the plan file's; and the written answers of the notebook. It is kept in
``similarity/records/`` of the course directory. After the run, ``report`` compares every pair
of submissions of an assignment, part by part, and each with the sample answers, and lists
the pairs that match in the terminal and in ``similarity.csv``:

- **identical**: the whole saved answer is the same (the same fingerprint), and it holds at
  least ``MIN_IDENTICAL_WORDS`` typed words (or it is the sample answer itself);
- **nearly identical**: the typed texts, each at least ``MIN_WORDS`` words long, share at
  least ``THRESHOLD`` of their word three-grams (Jaccard similarity of shingles, after
  lower-casing and dropping punctuation).

A match is a reason to look, not proof: students in one team may hand in the same team work;
short or formulaic answers can match by chance; a student who rewrites a copied text in their
own words is not found. It says nothing about who copied from whom.

Run from the course directory: ``python -m dgtkit.instructor.similarity [ASSIGNMENT ...]``.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import hashlib
import json
import re
import sqlite3
import sys
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any, TextIO

#: Where the records are kept, and the report written, in the course directory.
RECORDS = "similarity/records"
REPORT = "similarity.csv"
#: Shared word three-grams (Jaccard) from which two texts count as nearly identical.
THRESHOLD = 0.6
#: The fewest words a typed text needs to be compared (shorter ones match by chance).
MIN_WORDS = 12
#: The fewest typed words an identical saved answer needs to be listed between students.
MIN_IDENTICAL_WORDS = 5
SAMPLE = "(the course's sample answers)"
#: What a written answer's cell holds before the student writes anything.
STUBS = {"write your answer here."}


# -- what a student wrote (in the judge) -----------------------------------------------------


def typed_text(data: Any) -> str:
    """Every text of two words or more in a saved answer, in order: what was typed."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            if len(value.split()) >= 2:
                found.append(value.strip())
        elif isinstance(value, dict):
            for key in sorted(value, key=str):
                walk(value[key])
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(data)
    return "\n".join(found)


def fingerprint(data: Any) -> str:
    """The same for two answers that hold the same data, whatever the order of its keys."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def texts_of(folder: Path) -> dict:
    """What a submission's workbook and plan file hold, for the report (run by the judge,
    on its own copy of the files)."""
    from dgtkit.planfile.handed_in import json_document, plan_files
    from dgtkit.store.workbook import DEFAULT_FILENAME, Workbook

    result: dict[str, dict] = {"workbook": {}, "plan": {}}
    path = Path(folder) / DEFAULT_FILENAME
    if path.is_file():
        try:
            with sqlite3.connect(path) as db:
                keys = [row[0] for row in db.execute(
                    "SELECT DISTINCT exercise FROM revisions ORDER BY exercise LIMIT 100")]
            workbook = Workbook(path, create=False)
            for key in keys:
                revision = workbook.latest_by_anyone(key)
                if revision is not None:
                    result["workbook"][key] = {
                        "participant": revision.participant, "text": typed_text(revision.data),
                        "fingerprint": fingerprint(revision.data)}
        except Exception:  # noqa: BLE001 - an unreadable workbook has nothing to compare
            pass
    for plan_path, data in plan_files(Path(folder))[0]:
        plan = json_document(data).get("plan")
        result["plan"][plan_path.name] = {"text": typed_text(plan),
                                          "fingerprint": fingerprint(plan)}
    return result


# -- the report (on the lecturer's side) ----------------------------------------------------


@dataclass(frozen=True)
class Part:
    text: str
    fingerprint: str | None

    def words(self) -> list[str]:
        return re.findall(r"\w+", self.text.casefold())


@dataclass(frozen=True)
class Match:
    assignment: str
    part: str
    student: str
    other: str
    similarity: float
    how: str
    excerpt: str


def parts_of(record: dict) -> dict[str, Part]:
    """A record's parts, by name: each workbook exercise, the plan, each written answer."""
    parts = {}
    for key, value in (record.get("workbook") or {}).items():
        parts[f"workbook {key}"] = Part(str(value.get("text", "")), value.get("fingerprint"))
    for value in (record.get("plan") or {}).values():
        parts["plan file"] = Part(str(value.get("text", "")), value.get("fingerprint"))
    for grade_id, text in (record.get("written") or {}).items():
        if str(text).strip().casefold() not in STUBS:
            parts[f"written {grade_id}"] = Part(str(text), None)
    return parts


def sample_parts(root: Path, assignment: str) -> dict[str, Part]:
    """The course's sample answers as parts: the workbook answers and plan of
    ``sample_answers``, and the model answers of the assignment's source notebook."""
    from dgtkit.instructor import sample_answers

    parts = {}
    for key, make in sample_answers.ANSWERS.items():
        data = make()
        parts[f"workbook {key}"] = Part(typed_text(data), fingerprint(data))
    plan = json.loads(json.dumps(sample_answers.action_plan_model().to_dict()))
    parts["plan file"] = Part(typed_text(plan), fingerprint(plan))
    for notebook in sorted((root / "source" / assignment).glob("*.ipynb")):
        try:
            cells = json.loads(notebook.read_text("utf-8"))["cells"]
        except (OSError, ValueError, KeyError):
            continue
        for cell in cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if cell.get("cell_type") == "markdown" and meta.get("solution"):
                text = "".join(cell.get("source", ""))
                parts[f"written {meta.get('grade_id')}"] = Part(text, None)
    return parts


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def _excerpt(one: list[str], other: list[str]) -> str:
    matcher = difflib.SequenceMatcher(None, one, other, autojunk=False)
    block = matcher.find_longest_match(0, len(one), 0, len(other))
    words = one[block.a: block.a + block.size]
    return " ".join(words[:15]) + (" ..." if len(words) > 15 else "")


def compare(one: Part, other: Part, sample: bool = False) -> tuple[float, str] | None:
    """How alike two parts are, and how, if they are alike enough to be listed."""
    words_one, words_other = one.words(), other.words()
    identical = bool(one.fingerprint) and one.fingerprint == other.fingerprint
    if identical and (sample or len(words_one) >= MIN_IDENTICAL_WORDS):
        return 1.0, "identical"
    if len(words_one) < MIN_WORDS or len(words_other) < MIN_WORDS:
        return None
    first, second = _shingles(words_one), _shingles(words_other)
    similarity = len(first & second) / len(first | second)
    if similarity >= THRESHOLD:
        return similarity, "identical text" if words_one == words_other else "nearly identical"
    return None


def load(root: Path, assignment: str) -> dict[str, dict[str, Part]]:
    """Each student's parts for ``assignment`` (several notebooks merge)."""
    students: dict[str, dict[str, Part]] = {}
    folder = root / RECORDS / assignment
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            record = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        student = str(record.get("student", ""))
        if student:
            students.setdefault(student, {}).update(parts_of(record))
    return students


def graded_keys(root: Path, assignment: str) -> set[str] | None:
    """The workbook exercises an assignment grades: those its source notebook names outside
    the cell that brings earlier work forward (None if it names none: compare all)."""
    from dgtkit.instructor import sample_answers
    from dgtkit.models import action_plan

    code = []
    for notebook in sorted((root / "source" / assignment).glob("*.ipynb")):
        try:
            cells = json.loads(notebook.read_text("utf-8"))["cells"]
        except (OSError, ValueError, KeyError):
            continue
        code += ["".join(c.get("source", "")) for c in cells if c.get("cell_type") == "code"]
    text = "\n".join(c for c in code if "bring_forward" not in c)
    keys = {key for key in sample_answers.ANSWERS if f'"{key}"' in text}
    if "check_action_plan_own_work" in text:
        keys.add(action_plan.EXERCISE_KEY)
    return keys or None


def _only(parts: dict[str, Part], keys: set[str] | None) -> dict[str, Part]:
    if keys is None:
        return parts
    return {name: part for name, part in parts.items()
            if not name.startswith("workbook ") or name.removeprefix("workbook ") in keys}


def matches(root: Path, assignment: str) -> list[Match]:
    keys = graded_keys(root, assignment)
    students = {s: _only(p, keys) for s, p in load(root, assignment).items()}
    samples = _only(sample_parts(root, assignment), keys) if students else {}
    found = []
    like_sample: set[tuple[str, str]] = set()
    for student, parts in sorted(students.items()):
        for name, part in sorted(parts.items()):
            if name in samples and (alike := compare(part, samples[name], sample=True)):
                like_sample.add((student, name))
                found.append(Match(assignment, name, student, SAMPLE, round(alike[0], 2),
                                   alike[1], _excerpt(part.words(), samples[name].words())))
    # Two students whose part is each like the sample answer are listed once each, with the
    # sample, not as a pair.
    for (one, one_parts), (other, other_parts) in combinations(sorted(students.items()), 2):
        for name in sorted(set(one_parts) & set(other_parts)):
            if (one, name) in like_sample and (other, name) in like_sample:
                continue
            alike = compare(one_parts[name], other_parts[name])
            if alike:
                found.append(Match(assignment, name, one, other, round(alike[0], 2), alike[1],
                                   _excerpt(one_parts[name].words(), other_parts[name].words())))
    return found


def report(root: Path, assignments: list[str] | None = None,
           stream: TextIO = sys.stdout, most: int = 40) -> list[Match]:
    """Compare the recorded submissions; write ``similarity.csv``; say what was found."""
    root = Path(root)
    folder = root / RECORDS
    names = assignments or (sorted(p.name for p in folder.iterdir() if p.is_dir())
                            if folder.is_dir() else [])
    found = [m for assignment in names for m in matches(root, assignment)]
    target = root / REPORT
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["assignment", "part", "student", "same as", "similarity", "how",
                         "words in common"])
        for match in found:
            writer.writerow([match.assignment, match.part, match.student, match.other,
                             f"{match.similarity:.2f}", match.how, match.excerpt])
    if not found:
        stream.write(f"Similar answers: none found (report: {target}).\n")
        return found
    stream.write(f"Similar answers ({len(found)}; a reason to look, not proof; all in "
                 f"{target}):\n")
    for match in found[:most]:
        stream.write(f"  {match.student}/{match.assignment}: {match.part} {match.how} "
                     f"({match.similarity:.2f}) to {match.other}\n")
    if len(found) > most:
        stream.write(f"  ... and {len(found) - most} more in {target}\n")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("assignment", nargs="*", help="assignments (default: all recorded)")
    parser.add_argument("--course", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    report(args.course.resolve(), args.assignment or None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
