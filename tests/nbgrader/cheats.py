"""What a clever student tries on the autograder, as fixture submissions of the Module 2
assignment: each makes a submission in ``submitted/`` and says (``EXPECTED``) the score it
deserves and (``FLAGS``) what the lecturer is told. ``test_cheats`` grades them all in one run
beside honest classmates, and checks that no cheat earns a point, each is flagged, the
classmates score as in a run without the cheaters, and nothing outside the cheater's own
folder changes.

Every one of them earned points it did not deserve, or did harm, with the autograder as it
was before the sandbox (all of it ran in the graded kernel, with the lecturer's rights).
"""

from __future__ import annotations

import json
import os
import sqlite3
import textwrap
from pathlib import Path

from dgtkit.instructor import sample_answers
from dgtkit.models import sequencing
from dgtkit.store.workbook import Workbook
from tests.nbgrader.course import notebook_json, release, source, submit
from tests.nbgrader.submissions import ASSIGNMENT, EXERCISES, FULL, ZERO, _find, _set

#: Honest classmates, graded in the same run after the cheaters (ids sort last).
HONEST = ("zz-honest-1", "zz-honest-2")
#: What a process started by a cheat carries in its command line, to be found afterwards.
MARKER = "dgt-cheat-process"
WRITTEN = "written_answer"


def _reference(course: Path) -> dict:
    return notebook_json(source(course, ASSIGNMENT))


def _release(course: Path) -> dict:
    return notebook_json(release(course, ASSIGNMENT))


def _written(notebook: dict, text: str) -> None:
    _set(_find(notebook, WRITTEN), text)


#: Written answers of different students: each their own words.
OWN_WORDS = {
    "zz-honest-1": "Our ministry should first agree a shared digital strategy with the "
                   "regions, then train the staff who serve people offline, and only then "
                   "buy new systems.",
    "zz-honest-2": "In my district the binding constraint is leadership: no unit owns the "
                   "service redesign, so a small delivery team with a mandate from the "
                   "governor comes before any platform.",
    "copy-source": "Budgets follow projects, not capacities, so every year we rebuild the "
                   "same skills; a standing academy funded from the recurrent budget would "
                   "keep what each project teaches.",
}


def honest_text(student: str) -> str:
    words = OWN_WORDS.get(student, f"{student} writes about the capacities of her own "
                                    "administration, in her own words, at some length.")
    return f"{words} Code word {student.upper()}."


def honest(course: Path, student: str) -> None:
    """A diligent student: every answer right, her own workbook, her own written answer."""
    notebook = _reference(course)
    _written(notebook, honest_text(student))
    submit(course, student, ASSIGNMENT, notebook, workbook_by=student)


def _append(notebook: dict, grade_id: str, code: str) -> None:
    cell = _find(notebook, grade_id)
    cell["source"] = "".join(cell["source"]) + "\n" + textwrap.dedent(code)


#: Wraps every later cell in try/except: no test could fail in the same kernel.
SWALLOW = """
def _swallow(lines):
    body = "".join(lines).splitlines()
    return (["try:\\n"] + ["    " + line + "\\n" for line in body] + ["    pass\\n"]
            + ["except BaseException:\\n", "    pass\\n"])

get_ipython().input_transformers_post.append(_swallow)
"""


def hides_errors(course: Path, student: str) -> None:
    """Wrong and empty answers, no workbook, and an answer cell that changes how the kernel
    runs every later cell, so that no error is ever reported."""
    notebook = _release(course)
    _set(_find(notebook, "q1_answer"), 'answer_1 = "D"\n' + SWALLOW)
    submit(course, student, ASSIGNMENT, notebook)


def replaces_module(course: Path, student: str) -> None:
    """Right answers, no workbook, and dgtkit.grading replaced in sys.modules by a module
    whose checks pass on anything."""
    notebook = _reference(course)
    _append(notebook, "q1_answer", """
        import sys, types

        class _Passes:
            def summary(self):
                return "All done."

        _fake = types.ModuleType("dgtkit.grading")
        _fake.__getattr__ = lambda name: (lambda *args, **kwargs: _Passes())
        sys.modules["dgtkit.grading"] = _fake
        """)
    submit(course, student, ASSIGNMENT, notebook)


ANYTHING = """
class Anything(str):
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    __hash__ = str.__hash__
    def strip(self, *args):
        return self
    def upper(self):
        return Anything("A")

answer_{n} = Anything("A")
"""


def equals_anything(course: Path, student: str) -> None:
    """Answers that say they equal any letter; her own workbook."""
    notebook = _reference(course)
    for number in (1, 2, 3):
        _set(_find(notebook, f"q{number}_answer"), ANYTHING.format(n=number))
    submit(course, student, ASSIGNMENT, notebook, workbook_by=student)


PEEK = """
import inspect, re

class Peek(str):
    def strip(self, *args):
        return self
    def upper(self):
        frame = inspect.currentframe().f_back
        lines = inspect.getframeinfo(frame, context=5).code_context or []
        found = re.search(r'== "([A-D])"', "".join(lines))
        return found.group(1) if found else "A"

answer_{n} = Peek("")
"""


def reads_the_test(course: Path, student: str) -> None:
    """Answers that read the expected letter from the test's own frame; her own workbook."""
    notebook = _reference(course)
    for number in (1, 2, 3):
        _set(_find(notebook, f"q{number}_answer"), PEEK.format(n=number))
    submit(course, student, ASSIGNMENT, notebook, workbook_by=student)


def shadows_the_course(course: Path, student: str) -> None:
    """The release as fetched, unanswered, with a folder dgtkit/ handed in beside it that is
    imported in place of the course's package when the kernel starts."""
    folder = submit(course, student, ASSIGNMENT, release(course, ASSIGNMENT))
    package = folder / "dgtkit"
    package.mkdir()
    (package / "__init__.py").write_text(SWALLOW.replace(
        "get_ipython()", "__import__('IPython').get_ipython()"), "utf-8")
    (folder / "helper.py").write_text("print('a helper module handed in')\n", "utf-8")


def switches_off_own_work(course: Path, student: str) -> None:
    """Right answers, a friend's workbook, and an answer cell that switches off the check
    that the answers are the student's own (the environment variable and the function)."""
    notebook = _reference(course)
    _append(notebook, "q1_answer", """
        import os
        import dgtkit.grading.saved as _saved

        os.environ.pop("DGT_GRADED_STUDENT", None)
        _saved.check_own_work = lambda *args, **kwargs: None
        """)
    submit(course, student, ASSIGNMENT, notebook, workbook_by="friend")


def sample_answers_as_own(course: Path, student: str) -> None:
    """The course's sample answers saved under her own name: points the autograder cannot
    refuse, so the similarity report must list it."""
    submit(course, student, ASSIGNMENT, source(course, ASSIGNMENT), workbook_by=student)


COPIED_LINKS = ("Our own words on this link: the situation analysis tells the vision which "
                "capacity gaps matter most for the people we serve")


def _workbook_with_own_links(path: Path, student: str, text: str) -> None:
    data = sample_answers.ex04_sequencing()
    links = data.get("links") or {}
    for key in list(links):
        links[key] = f"{text} (link {key})."
    workbook = Workbook(path, participant=student)
    workbook.save(sequencing.EXERCISE_KEY, data)
    workbook.save("ex03_pillar_rating", sample_answers.ex03_pillar_rating())


def copies_from(course: Path, student: str) -> None:
    """Wrote her own explanations of the links and her own written answer."""
    notebook = _reference(course)
    _written(notebook, honest_text("copy-source") + " Signed by the author.")
    folder = submit(course, student, ASSIGNMENT, notebook)
    _workbook_with_own_links(folder / "workbook.sqlite", student, COPIED_LINKS)


def copies_a_classmate(course: Path, student: str) -> None:
    """Copied a classmate's written answer (one word changed) and her answers, re-saved in a
    workbook under her own name."""
    notebook = _reference(course)
    _written(notebook, honest_text("copy-source") + " Signed by the copier.")
    folder = submit(course, student, ASSIGNMENT, notebook)
    _workbook_with_own_links(folder / "workbook.sqlite", student, COPIED_LINKS)


def _gradebook_rewrite(victim: str, cheater: str) -> str:
    """A process that outlives its kernel and rewrites the gradebook: the cheater's grades
    to full marks, an honest classmate's to zero."""
    script = textwrap.dedent(f"""
        import glob, os, sqlite3, time
        for _ in range(120):
            time.sleep(0.5)
            for path in glob.glob("../../../gradebook.db"):
                try:
                    db = sqlite3.connect(path, timeout=5)
                    for student, score in (({cheater!r}, "max_score"), ({victim!r}, "0")):
                        db.execute(
                            "UPDATE grade SET manual_score = (SELECT " + score + " FROM "
                            "grade_cells WHERE grade_cells.id = grade.cell_id) WHERE "
                            "notebook_id IN (SELECT n.id FROM submitted_notebook n JOIN "
                            "submitted_assignment a ON n.assignment_id = a.id WHERE "
                            "a.student_id = ?)", (student,))
                    db.commit()
                    db.close()
                except Exception:
                    pass
        """)
    return textwrap.dedent(f"""
        import subprocess, sys
        subprocess.Popen([sys.executable, "-c", {script!r}, {MARKER!r}],
                         start_new_session=True, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
        """)


def outlives_its_kernel(course: Path, student: str) -> None:
    """Unanswered, and a process left behind that rewrites the gradebook once the kernel is
    gone: its own grades to full marks, an honest classmate's to zero."""
    notebook = _release(course)
    _set(_find(notebook, "q1_answer"), 'answer_1 = ""\n' + _gradebook_rewrite(HONEST[0],
                                                                                  student))
    submit(course, student, ASSIGNMENT, notebook)


def leaks_into_feedback(course: Path, student: str) -> None:
    """Prints classmates' written answers and the source's hidden tests into its output,
    which the feedback shows; her own answers and workbook otherwise."""
    notebook = _reference(course)
    _append(notebook, "q1_answer", """
        import glob, json
        for path in sorted(glob.glob("../../../submitted/*/m2_holistic/*.ipynb")
                           + glob.glob("../../../source/m2_holistic/*.ipynb")):
            for cell in json.load(open(path))["cells"]:
                text = "".join(cell["source"])
                if "written_answer" in json.dumps(cell["metadata"]) or "HIDDEN" in text:
                    print(text[:500])
        """)
    submit(course, student, ASSIGNMENT, notebook, workbook_by=student)


def leaves_a_startup_file(course: Path, student: str) -> None:
    """Her own answers, and an IPython start-up file left in the grader's home that makes
    every cell of every kernel started after it fail."""
    notebook = _reference(course)
    _append(notebook, "q1_answer", """
        import os
        _folder = os.path.expanduser("~/.ipython/profile_default/startup")
        os.makedirs(_folder, exist_ok=True)
        with open(os.path.join(_folder, "00-zero.py"), "w") as _file:
            _file.write("get_ipython().input_transformers_post.append("
                        "lambda lines: ['raise RuntimeError(\\"zeroed\\")\\\\n'])\\n")
        """)
    submit(course, student, ASSIGNMENT, notebook, workbook_by=student)


def appends_to_the_config(course: Path, student: str) -> None:
    """Her own answers, and code appended to the course's nbgrader_config.py, which runs in
    every later nbgrader command of the lecturer."""
    notebook = _reference(course)
    _append(notebook, "q1_answer", """
        with open("../../../nbgrader_config.py", "a") as _config:
            _config.write("\\nopen('/tmp/dgt-cheat-config-ran', 'w').write('pwned')\\n")
        """)
    submit(course, student, ASSIGNMENT, notebook, workbook_by=student)


def kills_its_parent(course: Path, student: str) -> None:
    """Question 1 answered, then a cell that kills the process that runs the notebook."""
    notebook = _reference(course)
    _set(_find(notebook, "q2_answer"),
         'answer_2 = "C"\nimport os, signal\n\nos.kill(os.getppid(), signal.SIGKILL)')
    submit(course, student, ASSIGNMENT, notebook, workbook_by=student)


def forks_many(course: Path, student: str) -> None:
    """Her own answers, and a cell that starts as many long-lived processes as it can, each
    in a session of its own."""
    notebook = _reference(course)
    _append(notebook, "q1_answer", f"""
        import subprocess
        for _ in range(300):
            try:
                subprocess.Popen(["sh", "-c", "sleep 600; : {MARKER}"],
                                 start_new_session=True)
            except OSError:
                break
        """)
    submit(course, student, ASSIGNMENT, notebook, workbook_by=student)


def fills_the_disk(course: Path, student: str) -> None:
    """Her own answers, and a cell that writes files until the disk is full (at most 300 MB,
    so that the old autograder did not fill this machine's disk)."""
    notebook = _reference(course)
    _append(notebook, "q1_answer", """
        _block = b"0" * (1 << 20)
        try:
            for _number in range(20):
                with open(f"filler-{_number}.bin", "wb") as _file:
                    for _ in range(15):
                        _file.write(_block)
        except OSError as _error:
            print("The disk is full:", type(_error).__name__)
        """)
    submit(course, student, ASSIGNMENT, notebook, workbook_by=student)


def floods_the_output(course: Path, student: str) -> None:
    """Her own answers, and one line of 50 MB printed (nbgrader's limit counts lines)."""
    notebook = _reference(course)
    _append(notebook, "q1_answer", 'print("x" * 50_000_000)\n')
    submit(course, student, ASSIGNMENT, notebook, workbook_by=student)


def pastes_a_foreign_cell(course: Path, student: str) -> None:
    """Her own answers, and a cell pasted from another assignment, nbgrader id and all."""
    notebook = _reference(course)
    other = notebook_json(source(course, "m1_introduction"))
    pasted = next(c for c in other["cells"]
                  if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "ex01_check")
    pasted["id"] = "pasted-from-m1"
    cells = notebook["cells"]
    cells.insert(cells.index(_find(notebook, "q3_answer")) + 1, pasted)
    submit(course, student, ASSIGNMENT, notebook, workbook_by=student)


def links_to_the_gradebook(course: Path, student: str) -> None:
    """Her own answers, and a file handed in that is a link to the gradebook: copied by the
    grader, it came back to her with her feedback."""
    folder = submit(course, student, ASSIGNMENT, source(course, ASSIGNMENT),
                    workbook_by=student)
    os.symlink("../../../gradebook.db", folder / "notes.txt")


def hands_in_a_huge_file(course: Path, student: str) -> None:
    """Her own answers, and a file of 300 MB beside them (sparse: it takes no disk here),
    which the grader would copy, and the feedback back to her."""
    folder = submit(course, student, ASSIGNMENT, source(course, ASSIGNMENT),
                    workbook_by=student)
    with (folder / "notes.bin").open("wb") as handle:
        handle.truncate(300 << 20)


#: Student id → how the cheat is made. Ids sort before the honest classmates'.
CHEATS = {
    "cheat-hides-errors": hides_errors,
    "cheat-replaces-module": replaces_module,
    "cheat-equals-anything": equals_anything,
    "cheat-reads-the-test": reads_the_test,
    "cheat-shadows-the-course": shadows_the_course,
    "cheat-own-work-off": switches_off_own_work,
    "cheat-sample-answers": sample_answers_as_own,
    "cheat-copy-source": copies_from,
    "cheat-copier": copies_a_classmate,
    "cheat-outlives-kernel": outlives_its_kernel,
    "cheat-leaks-feedback": leaks_into_feedback,
    "cheat-startup-file": leaves_a_startup_file,
    "cheat-appends-config": appends_to_the_config,
    "cheat-kills-parent": kills_its_parent,
    "cheat-forks": forks_many,
    "cheat-fills-disk": fills_the_disk,
    "cheat-floods-output": floods_the_output,
    "cheat-foreign-cell": pastes_a_foreign_cell,
}
#: Submissions that are not graded at all (listed, with the reason).
REFUSED = {"cheat-links-gradebook": links_to_the_gradebook,
           "cheat-huge-file": hands_in_a_huge_file}

_QUESTIONS = ("q1_check", "q2_check", "q3_check")
#: Student id → the autograded scores the submission deserves.
EXPECTED = {
    "cheat-hides-errors": ZERO,
    "cheat-replaces-module": {**FULL, **dict.fromkeys(EXERCISES, 0)},
    "cheat-equals-anything": {**FULL, **dict.fromkeys(_QUESTIONS, 0)},
    "cheat-reads-the-test": {**FULL, **dict.fromkeys(_QUESTIONS, 0)},
    "cheat-shadows-the-course": ZERO,
    "cheat-own-work-off": {**FULL, **dict.fromkeys(EXERCISES, 0)},
    "cheat-sample-answers": FULL,
    "cheat-copy-source": FULL,
    "cheat-copier": FULL,
    "cheat-outlives-kernel": ZERO,
    "cheat-leaks-feedback": FULL,
    "cheat-startup-file": FULL,
    "cheat-appends-config": FULL,
    # Killed the runner in the cell of question 2: question 1 was captured before; the
    # exercises are judged on the workbook handed in.
    "cheat-kills-parent": {**FULL, "q2_check": 0, "q3_check": 0},
    "cheat-forks": FULL,
    "cheat-fills-disk": FULL,
    "cheat-floods-output": FULL,
    "cheat-foreign-cell": FULL,
}
#: Student id → what the lecturer is told about it at the end of the run.
FLAGS = {
    "cheat-replaces-module": "no workbook submitted",
    "cheat-equals-anything": "an answer that is not plain data",
    "cheat-reads-the-test": "an answer that is not plain data",
    "cheat-shadows-the-course": "handed in beside the notebook, not part of the assignment, "
                                "never imported or run",
    "cheat-own-work-off": "a workbook saved by someone else",
    "cheat-kills-parent": "the notebook stopped early: the runner was stopped by the "
                          "student's code",
    "cheat-foreign-cell": "cells with nbgrader ids this assignment does not know, run as "
                          "plain cells and not graded: ex01_check",
    "cheat-links-gradebook": "NOT GRADED: it holds what the grader must never read, so it was "
                             "not graded: notes.txt (a link to ../../../gradebook.db)",
    "cheat-huge-file": "NOT GRADED: it is larger than 200 MB (300 MB), so it was not graded",
}
#: (student, other) pairs the similarity report must list, with the part that matched.
SIMILAR = [
    ("cheat-sample-answers", "(the course's sample answers)", "workbook ex04_sequencing"),
    ("cheat-copier", "cheat-copy-source", "written written_answer"),
    ("cheat-copier", "cheat-copy-source", "workbook ex04_sequencing"),
]


def make_all(course: Path, cheaters: bool = True) -> None:
    """The honest classmates and (unless not ``cheaters``) every cheat, in ``submitted/``."""
    for student in HONEST:
        honest(course, student)
    if cheaters:
        for student, make in (CHEATS | REFUSED).items():
            make(course, student)


def gradebook_rows(course: Path, students) -> dict[tuple, tuple]:
    """Every grade of ``students`` in the gradebook, read with SQL (not nbgrader's API)."""
    with sqlite3.connect(course / "gradebook.db") as db:
        rows = db.execute(
            "SELECT a.student_id, c.name, g.auto_score, g.manual_score, g.needs_manual_grade "
            "FROM grade g JOIN submitted_notebook n ON g.notebook_id = n.id "
            "JOIN submitted_assignment a ON n.assignment_id = a.id "
            "JOIN base_cell c ON g.cell_id = c.id").fetchall()
    return {(r[0], r[1]): tuple(r[2:]) for r in rows if r[0] in students}


def feedback_text(course: Path, student: str) -> str:
    path = course / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html"
    return path.read_text("utf-8") if path.is_file() else ""


def autograded_text(course: Path, student: str) -> str:
    path = course / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    return path.read_text("utf-8") if path.is_file() else ""


def json_dump(value) -> str:
    return json.dumps(value, sort_keys=True)
