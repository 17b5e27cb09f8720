"""Autograde a whole class at once: ``make autograde``.

``nbgrader autograde`` grades one submission after another and shows no progress (nbgrader
issues 174 and 1456). This module grades the submissions of many students in parallel, with
one worker process per core (and one more), and a progress bar. Each worker runs nbgrader's
own autograder (``NbGraderAPI.autograde``) with the course's configuration, one submission
at a time, so the scores are those ``nbgrader autograde`` gives; only the order differs.

Every submission's code runs in a sandbox and its tests in a judge
(``dgtkit.instructor.sandboxed``): without bubblewrap nothing is graded, unless the lecturer
says ``--no-sandbox`` (``make autograde UNSAFE=1``), which runs the students' code with the
lecturer's rights and says so.

A submission that fails (the judge could not be reached, say) is tried once more, unless it
ran out of time. One that runs longer than ``--limit`` seconds in all is stopped with
everything it started, and reported; so is one that crashes its worker. A submission holding
a symbolic link or a device is not graded. The rest of the class is graded meanwhile. Workers
die with this process; before each submission starts, ``autograde.log`` in the course
directory says so, so that if the run is killed the log says which were in flight.

At the end, every submission that needs a look is listed: not graded, a cell that ran out of
time or tried to stop the kernel, a kernel that died, a graded cell deleted, a cell with an
id the assignment does not know, files handed in that are not part of the assignment, an
answer that is not plain data, no workbook, a workbook saved by someone else, or (Module 7)
no plan, a plan file that could not be read, or more than one. Then the similarity report
(``dgtkit.instructor.similarity``) lists answers identical or nearly identical to a
classmate's or to the course's sample answers, and writes ``similarity.csv``; and the item
report (``dgtkit.instructor.items``) gives each autograded item's difficulty and
discrimination, with the items to review.

Run from the course directory (``exercises/``)::

    python -m dgtkit.instructor.autograde [ASSIGNMENT ...] [--student ID ...] [--workers N]
                                          [--force] [--no-sandbox]
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import multiprocessing
import os
import shutil
import signal
import sys
import time
import traceback
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TextIO

#: Seconds one submission may take in all before its worker is stopped.
DEFAULT_LIMIT = 600.0
#: How long a worker waits for the gradebook while another one writes to it.
DB_BUSY_TIMEOUT = 120
LOG_NAME = "autograde.log"
#: A submission larger than this is not graded (a notebook and its workbook are a few MB).
MAX_SUBMISSION_BYTES = 200 << 20

#: What to look for in a graded notebook's error outputs, and what to tell the lecturer.
NOTES = {
    "CellTimeoutError": "a cell ran out of time (stopped; the other cells were graded)",
    "KernelStopRefused": "a cell tried to stop the kernel (refused; the other cells were graded)",
    "DeadKernelError": "the kernel died",
    "were saved by": "a workbook saved by someone else (no points for it)",
    "No saved answers were found": "no workbook submitted (no points for the exercises)",
    "No action plan was found to grade": "no action plan handed in (no points for the plan)",
    "cannot be graded. ": "a plan file that could not be read (no points for the plan)",
    "action-plan files beside this notebook": "more than one plan file (no points for the plan)",
}


@dataclass(frozen=True)
class Task:
    assignment: str
    student: str

    @property
    def label(self) -> str:
        return f"{self.student}/{self.assignment}"


@dataclass
class Outcome:
    task: Task
    success: bool
    seconds: float
    skipped: bool = False
    error: str = ""
    log: str = ""
    notes: list[str] = field(default_factory=list)
    score: tuple[float, float] | None = None
    tries: int = 1


# -- finding the work -----------------------------------------------------------------------


def course_config(root: Path):
    """The nbgrader configuration of the course in ``root``, for the workers to share."""
    from nbgrader.apps.nbgraderapp import NbGraderApp

    here = Path.cwd()
    os.chdir(root)
    try:
        app = NbGraderApp()
        app.initialize([])
        return app.config
    finally:
        os.chdir(here)


def refused(root: Path, task: Task) -> str:
    """Why a submission must not be graded at all, or "": it holds a symbolic link (to a
    classmate's work, the gradebook, a device: nbgrader would copy what it points to),
    something that is not a file or a folder, or more than ``MAX_SUBMISSION_BYTES``."""
    from dgtkit.instructor.sandboxed import unsafe_entries

    folder = root / "submitted" / task.student / task.assignment
    found = unsafe_entries(folder)
    if found:
        return ("it holds what the grader must never read, so it was not graded: "
                + "; ".join(found[:5]))
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    if size > MAX_SUBMISSION_BYTES:
        return (f"it is larger than {MAX_SUBMISSION_BYTES >> 20} MB "
                f"({size >> 20} MB), so it was not graded")
    return ""


def find_tasks(root: Path, assignments: list[str], students: list[str]) -> list[Task]:
    """Every submission in ``submitted/<student>/<assignment>/`` that matches the filters."""
    submitted = root / "submitted"
    if not submitted.is_dir():
        return []
    known = sorted(p.name for p in (root / "source").iterdir() if p.is_dir())
    wanted = [a for a in known if not assignments or a in assignments]
    tasks = []
    for student in sorted(p.name for p in submitted.iterdir() if p.is_dir()):
        if students and student not in students:
            continue
        tasks += [Task(a, student) for a in wanted if (submitted / student / a).is_dir()]
    return tasks


def prepare_gradebook(db_url: str, course_id: str, tasks: list[Task]) -> None:
    """Create the gradebook and every student once, before the workers write to it side by
    side (two workers creating the same student at once would collide)."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(db_url, course_id) as gradebook:
        for assignment in sorted({t.assignment for t in tasks}):
            try:
                gradebook.find_assignment(assignment)
            except MissingEntry:
                raise SystemExit(
                    f"The gradebook has no assignment {assignment!r}: generate it first "
                    "(make assignments, or nbgrader generate_assignment)."
                ) from None
        for student in sorted({t.student for t in tasks}):
            gradebook.update_or_create_student(student)


def with_busy_timeout(db_url: str) -> str:
    """A SQLite gradebook's URL that waits for a busy database instead of failing at once."""
    if db_url.startswith("sqlite:///") and "?" not in db_url:
        return f"{db_url}?timeout={DB_BUSY_TIMEOUT}"
    return db_url


# -- the workers ----------------------------------------------------------------------------


def _die_with(parent: int) -> None:
    """This process is killed when ``parent`` dies (it may already have)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)


def _worker(root: str, force: bool, sandbox: bool, parent: int,
            connection: Connection) -> None:
    """Grade what the parent sends, one submission at a time, until it sends None."""
    _die_with(parent)
    os.setsid()  # the parent can stop this worker and what it started in one go
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # kernels and libraries write here; nbgrader's log comes back
    os.dup2(devnull, 2)
    from nbgrader.apps import NbGraderAPI

    config = course_config(Path(root))
    os.chdir(root)
    config.CourseDirectory.root = root
    config.SandboxedExecute.sandbox = sandbox
    api = NbGraderAPI(config=config)
    api.coursedir.db_url = with_busy_timeout(api.coursedir.db_url)
    while True:
        message = connection.recv()
        if message is None:
            from dgtkit.instructor.sandboxed import close_judges

            close_judges()  # a worker ends with os._exit: no atexit
            return
        assignment, student = message
        started = time.monotonic()
        try:
            result = api.autograde(assignment, student, force=force, create=True)
        except Exception:  # noqa: BLE001 - reported to the parent, never fatal
            result = {"success": False, "error": traceback.format_exc(), "log": ""}
        connection.send({
            "success": bool(result.get("success")),
            "error": result.get("error") or "",
            "log": result.get("log") or "",
            "seconds": time.monotonic() - started,
        })


class Worker:
    """One worker process and the task it is grading."""

    def __init__(self, context, root: Path, force: bool, sandbox: bool = True):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker,
                                       args=(str(root), force, sandbox, os.getpid(), child),
                                       daemon=True)
        self.process.start()
        child.close()
        self.task: Task | None = None
        self.tries = 0
        self.started = 0.0

    def give(self, task: Task, tries: int) -> None:
        self.task, self.tries, self.started = task, tries, time.monotonic()
        self.connection.send((task.assignment, task.student))

    def stop(self) -> None:
        """Stop the worker and every process it started (kernels run in their own session)."""
        pids = [self.process.pid]
        try:
            import psutil

            pids += [c.pid for c in psutil.Process(self.process.pid).children(recursive=True)]
        except Exception:  # noqa: BLE001 - the worker may already be gone
            pass
        for pid in reversed(pids):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        self.process.join(timeout=10)
        self.connection.close()

    def finish(self) -> None:
        with contextlib.suppress(BrokenPipeError, OSError):
            self.connection.send(None)
        self.process.join(timeout=30)
        if self.process.is_alive():
            self.stop()


# -- progress -------------------------------------------------------------------------------


class Progress:
    """A plain-text progress bar: one line, redrawn in a terminal, appended to in a log."""

    def __init__(self, total: int, stream: TextIO, width: int = 30):
        self.total, self.stream, self.width = total, stream, width
        self.done = self.flagged = 0
        self.started = time.monotonic()
        self.live = stream.isatty()

    def line(self) -> str:
        filled = round(self.width * self.done / self.total) if self.total else self.width
        elapsed = time.monotonic() - self.started
        text = (f"[{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total} "
                f"graded, {self.flagged} to look at, {elapsed:.0f} s")
        if 0 < self.done < self.total:
            left = elapsed / self.done * (self.total - self.done)
            text += f", about {left:.0f} s left"
        return text

    def update(self, outcome: Outcome | None = None) -> None:
        if outcome is not None:
            self.done += 1
            self.flagged += bool(outcome.notes) or not outcome.success
        if self.live:
            self.stream.write("\r" + self.line() + "\033[K")
            if self.done == self.total:
                self.stream.write("\n")
        elif outcome is not None:
            self.stream.write(f"{self.line()}  {describe(outcome)}\n")
        self.stream.flush()


def describe(outcome: Outcome) -> str:
    if outcome.skipped:
        return f"{outcome.task.label}: already graded (use --force to grade again)"
    if not outcome.success:
        return f"{outcome.task.label}: NOT GRADED"
    score = ""
    if outcome.score is not None:
        score = f" {outcome.score[0]:g} of {outcome.score[1]:g} points so far"
    return f"{outcome.task.label}:{score} ({outcome.seconds:.1f} s)"


# -- reading the results --------------------------------------------------------------------


#: What a flag of the sandboxed grader starts with in nbgrader's log.
FLAG = "NEEDS A LOOK: "


def flags_in(log: str) -> list[str]:
    """The flags the sandboxed grader logged (``dgtkit.instructor.sandboxed.flag``)."""
    found = []
    for line in log.splitlines():
        if FLAG in line:
            text = line.split(FLAG, 1)[1].strip()
            if text and text not in found:
                found.append(text)
    return found


def notes_of(root: Path, task: Task, graded_cells: dict[str, set[str]], log: str = ""
             ) -> list[str]:
    """What in the graded notebooks a lecturer should look at (see ``NOTES``), graded cells
    the student deleted (``graded_cells``: notebook name → its graded cells' ids), and what
    the sandboxed grader flagged in the log."""
    folder = root / "autograded" / task.student / task.assignment
    found = flags_in(log)
    for notebook in sorted(folder.glob("*.ipynb")):
        try:
            cells = json.loads(notebook.read_text("utf-8"))["cells"]
        except (OSError, ValueError, KeyError):
            continue
        errors = " ".join(
            f"{o.get('ename', '')}: {o.get('evalue', '')} {' '.join(o.get('traceback', []))}"
            for c in cells for o in c.get("outputs", []) if o.get("output_type") == "error"
        )
        found += [note for key, note in NOTES.items() if key in errors and note not in found]
        present = {c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in cells}
        deleted = sorted(graded_cells.get(notebook.stem, set()) - present)
        if deleted:
            found.append(f"graded cells deleted from {notebook.name} (scored 0): "
                         + ", ".join(deleted))
    return found


def graded_cells_of(db_url: str, course_id: str, assignments: set[str]
                    ) -> dict[str, dict[str, set[str]]]:
    """Assignment → notebook → the ids of its graded cells, from the gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url, course_id) as gradebook:
        return {
            name: {nb.name: {g.name for g in nb.grade_cells}
                   for nb in gradebook.find_assignment(name).notebooks}
            for name in assignments
        }


def score_of(db_url: str, course_id: str, task: Task) -> tuple[float, float] | None:
    from nbgrader.api import Gradebook, MissingEntry

    try:
        with Gradebook(db_url, course_id) as gradebook:
            submission = gradebook.find_submission(task.assignment, task.student)
            return submission.score, submission.max_score
    except MissingEntry:
        return None


# -- the run --------------------------------------------------------------------------------


def default_workers() -> int:
    """One worker per core, and one more: while a worker waits (for its kernel to start, for
    the gradebook), the extra one keeps the cores busy."""
    return (os.cpu_count() or 1) + 1


def autograde(
    root: Path,
    assignments: list[str] | None = None,
    students: list[str] | None = None,
    workers: int | None = None,
    force: bool = False,
    limit: float = DEFAULT_LIMIT,
    retries: int = 1,
    stream: TextIO = sys.stdout,
    sandbox: bool = True,
) -> list[Outcome]:
    """Autograde the submissions in ``root/submitted`` in parallel; returns one outcome each.
    Without a sandbox (``sandbox=False``) only when the lecturer says so."""
    root = root.resolve()
    # nbgrader calls the alembic command of the environment it is installed in.
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    tasks = find_tasks(root, assignments or [], students or [])
    if not tasks:
        stream.write("Nothing to grade: no submission in submitted/ matches.\n")
        return []
    from dgtkit.instructor import sandbox as sandboxes

    if sandbox:
        try:
            sandboxes.check()
        except sandboxes.SandboxUnavailable as error:
            stream.write(f"Nothing was graded: {error}\n")
            raise SystemExit(2) from None
        from dgtkit.instructor import sandboxed

        sandboxed.mark_checked()  # the workers, forked from here, need not check again
    else:
        stream.write("WARNING: grading WITHOUT a sandbox (--no-sandbox, UNSAFE=1): every "
                     "student's code runs with your rights, and can read and change your "
                     "files, the gradebook and other students' work.\n")
    config = course_config(root)
    from nbgrader.coursedir import CourseDirectory

    coursedir = CourseDirectory(config=config)
    coursedir.root = str(root)
    db_url, course_id = coursedir.db_url, coursedir.course_id
    prepare_gradebook(db_url, course_id, tasks)
    graded_cells = graded_cells_of(db_url, course_id, {t.assignment for t in tasks})

    count = max(1, min(workers or default_workers(), len(tasks)))
    stream.write(f"Autograding {len(tasks)} submission{'s' * (len(tasks) != 1)} "
                 f"with {count} worker{'s' * (count != 1)}.\n")
    # Forked workers start at once with nbgrader already imported (the parent holds no
    # threads or open connections); where fork is not safe (macOS), they are spawned.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    outcomes: list[Outcome] = []
    progress = Progress(len(tasks), stream)
    refusals = {task: refused(root, task) for task in tasks}
    queue = deque((task, 1) for task in tasks if not refusals[task])
    pool = [Worker(context, root, force, sandbox) for _ in range(count)]
    progress.update()
    with (root / LOG_NAME).open("a", encoding="utf-8") as log:
        log.write(f"\n=== {time.strftime('%Y-%m-%d %H:%M:%S')}: {len(tasks)} submissions, "
                  f"{'in a sandbox' if sandbox else 'WITHOUT A SANDBOX'} ===\n")
        log.flush()
        for task, why in refusals.items():
            if why:
                log.write(f"\n--- {task.label}: not graded: {why}\n")
                outcomes.append(Outcome(task, False, 0.0, error=why + "\n", tries=0))
                progress.update(outcomes[-1])
        log.flush()

        def start(worker: Worker, task: Task, tries: int) -> None:
            # Written before the work starts: if this run is killed, the log says what was
            # being graded.
            log.write(f"\n+++ {task.label} (try {tries}) started by worker "
                      f"{worker.process.pid}\n")
            log.flush()
            worker.give(task, tries)

        def in_flight() -> str:
            return ", ".join(w.task.label for w in pool if w.task) or "none"

        def settle(worker: Worker, result: dict) -> None:
            task, tries = worker.task, worker.tries
            worker.task = None
            log.write(f"\n--- {task.label} (try {tries}) ---\n{result['log']}{result['error']}")
            log.flush()
            timed_out = "CellTimeoutError" in result["error"] + result["log"]
            again = not result.get("overdue") and not timed_out
            if not result["success"] and tries <= retries and again:
                queue.append((task, tries + 1))
                return
            outcome = Outcome(task, result["success"], result["seconds"], error=result["error"],
                              log=result["log"], tries=tries,
                              skipped="Skipping existing assignment" in result["log"])
            if outcome.success and not outcome.skipped:
                outcome.notes = notes_of(root, task, graded_cells[task.assignment],
                                         result["log"])
                outcome.score = score_of(db_url, course_id, task)
            outcomes.append(outcome)
            progress.update(outcome)

        try:
            while queue or any(w.task for w in pool):
                for worker in pool:
                    if worker.task is None and queue:
                        start(worker, *queue.popleft())
                busy = [w for w in pool if w.task is not None]
                ready = wait([w.connection for w in busy] + [w.process.sentinel for w in busy],
                             timeout=1.0)
                for index, worker in enumerate(pool):
                    if worker.task is None:
                        continue
                    if worker.connection in ready:
                        try:
                            settle(worker, worker.connection.recv())
                            continue
                        except (EOFError, OSError):
                            pass  # the worker died while sending: treated below
                    overdue = time.monotonic() - worker.started > limit
                    if worker.process.sentinel in ready or not worker.process.is_alive() or overdue:
                        why = (f"stopped after {limit:.0f} s (--limit)" if overdue
                               else f"the worker crashed (exit code {worker.process.exitcode})")
                        task = worker.task
                        worker.stop()
                        shutil.rmtree(root / "autograded" / task.student / task.assignment,
                                      ignore_errors=True)
                        settle(worker, {"success": False, "error": why + "\n", "log": "",
                                        "seconds": time.monotonic() - worker.started,
                                        "overdue": overdue})
                        pool[index] = Worker(context, root, force, sandbox)
        except BaseException:
            log.write(f"\n=== {time.strftime('%Y-%m-%d %H:%M:%S')}: the run was stopped; in "
                      f"flight: {in_flight()} ===\n")
            log.flush()
            for worker in pool:
                worker.stop()
            raise
        finally:
            for worker in pool:
                worker.finish()
    report(outcomes, stream, root / LOG_NAME)
    with contextlib.suppress(Exception):
        from dgtkit.instructor import similarity

        similarity.report(root, sorted({t.assignment for t in tasks}), stream)
    with contextlib.suppress(Exception):
        from dgtkit.instructor import items

        items.report(root, db_url, course_id, stream)
    return outcomes


def report(outcomes: list[Outcome], stream: TextIO, log: Path) -> None:
    graded = [o for o in outcomes if o.success and not o.skipped]
    failed = [o for o in outcomes if not o.success]
    skipped = [o for o in outcomes if o.skipped]
    stream.write(f"Graded {len(graded)}, not graded {len(failed)}, "
                 f"already graded {len(skipped)}.\n")
    look = [o for o in outcomes if o.notes or not o.success]
    if look:
        stream.write("To look at:\n")
    for outcome in look:
        if not outcome.success:
            reason = (outcome.error.strip().splitlines() or ["see the log"])[-1]
            tries = f" after {outcome.tries} tries" if outcome.tries else ""
            stream.write(f"  {outcome.task.label}: NOT GRADED{tries}: {reason}\n")
        for note in outcome.notes:
            stream.write(f"  {outcome.task.label}: {note}\n")
    if look or failed:
        stream.write(f"nbgrader's log of every submission: {log}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Autograde submitted work in parallel, with a progress bar."
    )
    parser.add_argument("assignment", nargs="*", help="assignments to grade (default: all)")
    parser.add_argument("--student", action="append", default=[],
                        help="grade only this student (may be repeated)")
    parser.add_argument("--workers", type=int, default=None,
                        help="submissions graded at once (default: the number of cores + 1)")
    parser.add_argument("--force", action="store_true",
                        help="grade again what was already graded")
    parser.add_argument("--limit", type=float, default=DEFAULT_LIMIT,
                        help=f"seconds one submission may take in all (default {DEFAULT_LIMIT:g})")
    parser.add_argument("--course", type=Path, default=Path.cwd(),
                        help="the course directory (default: the current folder)")
    parser.add_argument("--no-sandbox", action="store_true",
                        help="UNSAFE: grade without a sandbox; every student's code runs with "
                             "your rights (only where bubblewrap cannot run, and you accept it)")
    args = parser.parse_args(argv)
    # A stop (Ctrl+C, kill) ends the run through the same path: the log says what was in
    # flight, and the workers and their sandboxes go with it.
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGHUP, _stop)
    try:
        outcomes = autograde(args.course, args.assignment, args.student, args.workers,
                             args.force, args.limit, sandbox=not args.no_sandbox)
    except KeyboardInterrupt:
        print(f"\nThe run was stopped. {args.course.resolve() / LOG_NAME} says which "
              "submissions were being graded; grade them again with --force.")
        return 130
    return 1 if any(not o.success for o in outcomes) else 0


def _stop(signum, _frame) -> None:
    raise KeyboardInterrupt(f"stopped by signal {signum}")


if __name__ == "__main__":
    sys.exit(main())
