"""nbgrader's autograder with the student's code in a sandbox and the tests in a judge.

nbgrader's own pipeline is kept: sanitize (clear outputs, deduplicate ids, put back the locked
cells from the gradebook), execute, save the grades in the gradebook. Two course
preprocessors change it (``exercises/nbgrader_config.py`` wires them):

- ``TrustCellsFromTheGradebook`` (sanitize, before ``OverwriteCells``): what kind of cell each
  nbgrader cell is (graded, answer, locked, its points) is read from the gradebook, never
  from the submission's metadata; a cell whose id the assignment does not know (pasted from
  another assignment) becomes a plain cell and is flagged, and the rest is graded.
- ``SandboxedExecute`` (in place of nbgrader's ``Execute``):

  1. the student's cells run in a sandbox (``dgtkit.instructor.sandbox``): a private copy of
     the notebook and of the files handed in that belong to the assignment (the workbook,
     Module 7's plan file), a throwaway user, no network, limits. Each test cell is replaced
     there by a line that prints the values the test reads, as plain data;
  2. the tests run in the judge (``dgtkit.instructor.judge``), a process where no student
     code ran: each test cell's source from the gradebook, in a fresh namespace, with the
     captured answers and a copy of the files handed in, told by nbgrader whose submission it
     is;
  3. the judge's outputs are written into the test cells, the sandbox's (limited in bytes)
     into the others, and nbgrader's ``SaveAutoGrades`` scores them as usual.

Whatever needs the lecturer's eye is logged as ``NEEDS A LOOK: ...``;
``dgtkit.instructor.autograde`` lists it at the end of the run.
"""

from __future__ import annotations

import atexit
import copy
import fnmatch
import json
import os
import shutil
import stat
import time
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool, Integer, List, Unicode

from dgtkit.grading.judged import CAPTURE_SETUP, capture_source, free_names, read_captures
from dgtkit.instructor import sandbox as sandboxes
from dgtkit.instructor.judge import Judge
from dgtkit.instructor.sandbox_runner import limit_outputs
from dgtkit.store.workbook import DEFAULT_FILENAME

#: What a flag for the lecturer starts with in nbgrader's log.
FLAG = "NEEDS A LOOK: "
#: The files a student hands in with the notebook: the workbook (and SQLite's side files)
#: and JSON files (Module 7's plan, which the app exports). Anything else is ignored.
HANDED_IN = [DEFAULT_FILENAME, f"{DEFAULT_FILENAME}-wal", f"{DEFAULT_FILENAME}-shm", "*.json"]
#: JSON files that configure a program rather than hold a plan are never handed in.
NEVER = ["*config*", ".*"]
#: The most bytes of the files handed in with one notebook.
MAX_HANDED_IN_BYTES = 100 << 20
KERNEL = "dgt-sandbox"
RECORDS = "similarity/records"

_judges: dict[bool, Judge] = {}
_checked: dict[bool, str] = {}


def close_judges() -> None:
    """Stop this process's judges (and remove what they used)."""
    while _judges:
        _judges.popitem()[1].close()


def mark_checked() -> None:
    """Say that a sandbox was seen to start in this process (and the workers it forks)."""
    _checked[True] = "ok"


def flag(log, text: str) -> None:
    """Tell the lecturer (through nbgrader's log) what to look at, on one line."""
    log.warning(FLAG + " ".join(str(text).split())[:500])


def _matches(name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(name.lower(), p.lower()) for p in patterns)


def is_handed_in(name: str) -> bool:
    """Whether a file of this name beside the notebook is part of what a student hands in."""
    return _matches(name, HANDED_IN) and not _matches(name, NEVER)


def unsafe_entries(folder: Path) -> list[str]:
    """What in a submitted folder must never be read by the grader: symbolic links (to a
    classmate's work, the gradebook, a device) and anything but files and folders."""
    found = []
    for path, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            entry = Path(path) / name
            mode = entry.lstat().st_mode
            if stat.S_ISLNK(mode):
                found.append(f"{entry.relative_to(folder)} (a link to {os.readlink(entry)})")
            elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                found.append(f"{entry.relative_to(folder)} (not a file)")
    return found


def _read_regular(path: Path) -> bytes:
    """A regular file's bytes, never through a link."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(f"{path.name} is not a file")
        return handle.read(MAX_HANDED_IN_BYTES + 1)


def _meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def is_judged(cell) -> bool:
    """A test cell: graded, code, not an answer. Its outputs decide its points."""
    meta = _meta(cell)
    return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution")


class TrustCellsFromTheGradebook(NbGraderPreprocessor):
    """Each nbgrader cell's kind and points as the gradebook has them; unknown ids dropped.

    A student who edits a cell's metadata could make a test cell look like an answer, an
    answer like a test, or carry over a cell from another assignment, whose id this one does
    not know (nbgrader then fails the whole submission). Here the gradebook decides: a known
    id gets the gradebook's kind, lock and points (``OverwriteCells`` then puts back its
    source); an unknown id's metadata is removed, so the cell runs as a plain cell and is
    never graded, and the lecturer is told."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            notebook = gradebook.find_notebook(info["notebook"], info["assignment"])
            sources = {c.name: c.locked for c in notebook.source_cells}
            points = {c.name: c.max_score for c in notebook.grade_cells}
            solutions = {c.name for c in notebook.solution_cells}
            tasks = {c.name for c in notebook.task_cells}
        known = set(sources) | set(points) | solutions | tasks
        unknown = []
        for cell in nb.cells:
            if "nbgrader" not in cell.metadata:
                continue
            meta = cell.metadata.nbgrader
            grade_id = meta.get("grade_id")
            if grade_id not in known:
                if meta:
                    unknown.append(str(grade_id))
                del cell.metadata["nbgrader"]
                continue
            meta["grade"] = grade_id in points
            meta["solution"] = grade_id in solutions
            meta["task"] = grade_id in tasks
            meta["locked"] = sources.get(grade_id, False)
            if grade_id in points:
                meta["points"] = points[grade_id]
            else:
                meta.pop("points", None)
            meta.setdefault("schema_version", 3)
        if unknown:
            flag(self.log, f"cells with nbgrader ids this assignment does not know, run as "
                           f"plain cells and not graded: {', '.join(sorted(unknown))[:200]}")
        return nb, resources


class SandboxedExecute(NbGraderPreprocessor):
    """Run the student's cells in a sandbox and the tests in the judge (see the module)."""

    sandbox = Bool(
        True, help="Run student code in a bubblewrap sandbox. False grades WITHOUT a sandbox: "
                   "the student's code runs with your rights (the lecturer's explicit choice, "
                   "make autograde UNSAFE=1)."
    ).tag(config=True)
    check_own_work = Bool(
        True, help="Tell the judge whose submission it is, so that answers saved by someone "
                   "else earn nothing. Switch off where student ids are not the names "
                   "students work under (submissions from a learning platform)."
    ).tag(config=True)
    timeout = Integer(None, allow_none=True,
                      help="Seconds a cell may run (default: Execute.timeout, else 30)"
                      ).tag(config=True)
    kernel_arguments = List(Unicode(), help="Extra arguments of the sandbox's kernel "
                                            "(default: Execute.extra_arguments)").tag(config=True)
    cpu_seconds = Integer(sandboxes.Limits.cpu_seconds).tag(config=True)
    memory_bytes = Integer(sandboxes.Limits.memory_bytes).tag(config=True)
    processes = Integer(sandboxes.Limits.processes).tag(config=True)
    file_bytes = Integer(sandboxes.Limits.file_bytes).tag(config=True)
    disk_bytes = Integer(sandboxes.Limits.disk_bytes).tag(config=True)
    output_bytes = Integer(sandboxes.Limits.output_bytes,
                           help="Characters of one cell's outputs kept").tag(config=True)

    # -- settings ------------------------------------------------------------------------

    def _timeout(self) -> int:
        if self.timeout is not None:
            return self.timeout
        return int(self.config.Execute.get("timeout", 30) or 30)

    def _kernel_arguments(self) -> list[str]:
        extra = list(self.kernel_arguments or self.config.Execute.get("extra_arguments", []))
        return [*extra, "--HistoryManager.hist_file=:memory:", "--IPKernelApp.ignore_cwd=True"]

    def _sandbox(self) -> sandboxes.Sandbox:
        limits = sandboxes.Limits(
            cpu_seconds=self.cpu_seconds, memory_bytes=self.memory_bytes,
            processes=self.processes, file_bytes=self.file_bytes, disk_bytes=self.disk_bytes,
            output_bytes=self.output_bytes)
        box = sandboxes.Sandbox(isolated=self.sandbox, limits=limits)
        if self.sandbox and self.sandbox not in _checked:
            sandboxes.check(box)  # raises SandboxUnavailable: nothing is graded unsafely
            _checked[self.sandbox] = "ok"
        if not self.sandbox and self.sandbox not in _checked:
            flag(self.log, "graded WITHOUT a sandbox (UNSAFE, the lecturer's choice): the "
                           "students' code ran with the lecturer's rights")
            _checked[self.sandbox] = "warned"
        return box

    def _judge(self, box: sandboxes.Sandbox) -> Judge:
        if self.sandbox not in _judges:
            if not _judges:
                atexit.register(close_judges)
            _judges[self.sandbox] = Judge(box)
        return _judges[self.sandbox]

    # -- the files -----------------------------------------------------------------------

    def _course(self):
        from nbgrader.coursedir import CourseDirectory

        return CourseDirectory(config=self.config)

    def _files(self, folder: Path, resources) -> dict[str, bytes]:
        """The files the sandbox and the judge get: the assignment's own (from its source
        folder) and those a student hands in. Anything else beside the notebook is flagged
        and removed from the graded copy, so that nothing ever imports or runs it."""
        info = resources.get("nbgrader", {})
        files: dict[str, bytes] = {}
        course_files: set[str] = set()
        if info.get("assignment") and info.get("student"):
            course = self._course()
            submitted = Path(course.format_path(course.submitted_directory, info["student"],
                                                info["assignment"]))
            unsafe = unsafe_entries(submitted) if submitted.is_dir() else []
            if unsafe:
                raise RuntimeError(
                    "The submission holds what the grader must never read: "
                    + "; ".join(unsafe[:5]) + ". Not graded: look at it."
                )
            source = Path(course.format_path(course.source_directory, ".", info["assignment"]))
            for path in sorted(source.iterdir()) if source.is_dir() else []:
                if path.is_file() and path.suffix != ".ipynb" and not is_handed_in(path.name):
                    course_files.add(path.name)
                    files[path.name] = _read_regular(path)
        ignored = []
        total = 0
        for path in sorted(folder.iterdir()):
            name = path.name
            if name.endswith(".ipynb") or name in course_files:
                continue
            if path.is_file() and not path.is_symlink() and is_handed_in(name):
                files[name] = _read_regular(path)
                total += len(files[name])
                continue
            ignored.append(name + ("/" if path.is_dir() else ""))
            if not info.get("student"):
                continue  # the lecturer validates: their folder is left as it is
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        if total > MAX_HANDED_IN_BYTES:
            raise RuntimeError(f"The files handed in are larger than "
                               f"{MAX_HANDED_IN_BYTES >> 20} MB. Not graded: look at them.")
        if ignored:
            flag(self.log, "handed in beside the notebook, not part of the assignment, never "
                           f"imported or run (removed from the graded copy): "
                           f"{', '.join(ignored)[:300]}")
        return files

    # -- the run -------------------------------------------------------------------------

    def preprocess(self, nb, resources):
        mode = os.environ.get("NBGRADER_EXECUTION") or "autograde"
        info = resources.get("nbgrader", {})
        student = info.get("student", "") if mode == "autograde" and self.check_own_work else ""
        folder = Path(resources.get("metadata", {}).get("path") or ".").resolve()
        box = self._sandbox()
        files = self._files(folder, resources)
        sources = self._trusted_sources(nb, resources)
        names = {grade_id: free_names(source) for grade_id, source in sources.items()}

        plain = copy.deepcopy(nb)
        for cell in plain.cells:
            cell.metadata = {}
            if cell.cell_type == "code":
                cell.outputs = []
        for cell, twin in zip(nb.cells, plain.cells, strict=True):
            if is_judged(cell):
                twin.source = capture_source(_meta(cell)["grade_id"],
                                             names[_meta(cell)["grade_id"]])
        records, stopped = self._run(box, plain, files, mode)
        if stopped:
            index = stopped[1]
            where = (_meta(nb.cells[index]).get("grade_id") or f"number {index + 1}"
                     if 0 <= index < len(nb.cells) else "one")
            flag(self.log, f"{stopped[0]} in cell {where}; the cells after it were not run, "
                           "the tests after it were judged on the files handed in")

        reached = stopped[1] if stopped else len(nb.cells)
        captures = {}
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            record = records.get(index)
            if is_judged(cell):
                text = "".join(o.get("text", "") for o in (record or {}).get("outputs", [])
                               if o.get("output_type") == "stream")
                captures.update(read_captures(text))
                continue
            cell.outputs = [nbformat.from_dict(o) for o in (record or {}).get("outputs", [])]
            cell.execution_count = (record or {}).get("execution_count")

        tests = []
        for index, cell in enumerate(nb.cells):
            if not is_judged(cell):
                continue
            grade_id = _meta(cell)["grade_id"]
            test = {"test": grade_id, "source": sources[grade_id], "names": names[grade_id],
                    "answers": captures.get(grade_id, {})}
            if names[grade_id] and grade_id not in captures:
                test["missing"] = (stopped[0] if stopped and index > reached
                                   else "its values were not captured")
            tests.append((index, test))
        seconds = 30 + 10 * len(tests)
        answer = self._judge(box).judge([t for _i, t in tests], files, student, mode, seconds,
                                        texts=mode == "autograde")
        if answer.get("error"):
            raise RuntimeError(f"The tests could not be judged: {answer['error']}")
        results = {r.get("test"): r for r in answer.get("results", [])}
        not_plain: list[str] = []
        for index, test in tests:
            cell = nb.cells[index]
            result = results.get(test["test"]) or {"outputs": [{
                "output_type": "error", "ename": "JudgeError", "evalue": "not judged",
                "traceback": []}]}
            outputs, _cut = limit_outputs([_clean(o) for o in result.get("outputs", [])
                                           if _clean(o)], self.output_bytes)
            cell.outputs = [nbformat.from_dict(o) for o in outputs]
            cell.execution_count = (records.get(index) or {}).get("execution_count")
            not_plain += [n for n in result.get("not_plain") or [] if n not in not_plain]
        if not_plain:
            flag(self.log, "an answer that is not plain data (a string, a number, True or "
                           f"False, a list of them): {', '.join(not_plain)}; no points for it")
        if mode == "autograde" and info.get("student"):
            self._record(nb, info, answer.get("texts") or {})
        return nb, resources

    def _trusted_sources(self, nb, resources) -> dict[str, str]:
        """Each test cell's source: from the gradebook while autograding (never from the
        submission), from the notebook itself when the lecturer validates it."""
        judged = [_meta(c)["grade_id"] for c in nb.cells if is_judged(c)]
        info = resources.get("nbgrader", {})
        if not info.get("db_url"):
            return {_meta(c)["grade_id"]: c.source for c in nb.cells if is_judged(c)}
        sources = {}
        with Gradebook(info["db_url"]) as gradebook:
            for grade_id in judged:
                try:
                    sources[grade_id] = gradebook.find_source_cell(
                        grade_id, info["notebook"], info["assignment"]).source
                except MissingEntry:
                    sources[grade_id] = "raise RuntimeError('This test is not in the gradebook')"
        return sources

    def _run(self, box, plain, files: dict[str, bytes], mode: str):
        """Run the student's notebook in a sandbox: each code cell's record, and why and
        where it stopped early (None if it ran to the end)."""
        code_cells = sum(c.cell_type == "code" for c in plain.cells)
        timeout = self._timeout()
        workdir = f"{sandboxes.TMP}/work/submission"
        running = box.start([sandboxes.sys.executable, "-I", "-m",
                             "dgtkit.instructor.sandbox_runner"], mode, files, workdir)
        deadline = time.monotonic() + 120 + (timeout + 5) * (code_cells + 1)
        records: dict[int, dict] = {}
        stopped = None
        done = False
        try:
            sandboxes.send_json(running, {
                "channel": running.channel_number, "workdir": running.workdir,
                "notebook": plain, "timeout": timeout, "kernel": KERNEL,
                "kernel_arguments": self._kernel_arguments(), "startup_timeout": 120,
                "max_output_bytes": self.output_bytes, "setup": CAPTURE_SETUP})
            for line in running.lines(deadline):
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if not isinstance(record, dict):
                    continue
                if record.get("done") is True:
                    done = True
                    break
                index = record.get("cell")
                if type(index) is not int or not 0 <= index < len(plain.cells):
                    continue
                if "stopped" in record:
                    stopped = (_STOPS.get(str(record["stopped"]), "the kernel stopped"), index)
                    continue
                if index not in records:
                    records[index] = _record(record, self.output_bytes)
        finally:
            if not done and stopped is None:
                last = max(records, default=-1)
                # The cell it stopped in: the first code cell that reported nothing.
                last = next((i for i in range(last + 1, len(plain.cells))
                             if plain.cells[i].cell_type == "code"), last)
                why = ("its output was larger than the limit" if running.overflow else
                       "it ran out of time" if time.monotonic() >= deadline else
                       "the runner was stopped by the student's code")
                stopped = (f"the notebook stopped early: {why}", last)
            printed = running.printed()
            running.stop()
        if stopped and printed.strip():
            self.log.info("The sandbox printed: %s",
                          printed[-2000:].replace(FLAG.strip(), "[flag]"))
        return records, stopped

    def _record(self, nb, info: dict, texts: dict) -> None:
        """What the student wrote, for the similarity report after the run."""
        written = {_meta(c)["grade_id"]: c.source for c in nb.cells
                   if c.cell_type == "markdown" and _meta(c).get("solution")}
        course = self._course()
        folder = Path(course.root) / RECORDS / info["assignment"]
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{info['student']}.{info['notebook']}.json"
        target.write_text(json.dumps({
            "student": info["student"], "assignment": info["assignment"],
            "notebook": info["notebook"], "written": written, **texts}), "utf-8")


_STOPS = {
    "died": "the kernel died",
    "hung": "a cell ran out of time and the kernel did not stop when interrupted: killed",
}
_OUTPUT_TYPES = {"stream", "display_data", "execute_result", "error"}


def _text(value) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "".join(value)
    return None


def _clean(output) -> dict | None:
    """An output from outside the trusted side as a well-formed nbformat output, or None.
    JavaScript is dropped: the lecturer's browser shows these outputs in Formgrader."""
    if not isinstance(output, dict) or output.get("output_type") not in _OUTPUT_TYPES:
        return None
    kind = output["output_type"]
    if kind == "stream":
        text = _text(output.get("text"))
        name = output.get("name")
        return None if text is None or name not in ("stdout", "stderr") else {
            "output_type": "stream", "name": name, "text": text}
    if kind == "error":
        traceback = output.get("traceback")
        traceback = [t for t in traceback if isinstance(t, str)] if isinstance(
            traceback, list) else []
        return {"output_type": "error", "ename": str(output.get("ename", ""))[:200],
                "evalue": str(output.get("evalue", ""))[:100_000], "traceback": traceback}
    data = output.get("data")
    if not isinstance(data, dict):
        return None
    clean = {}
    for mime, value in data.items():
        if not isinstance(mime, str) or "javascript" in mime.lower():
            continue
        if mime.endswith("json") and isinstance(value, dict):
            clean[mime] = json.loads(json.dumps(value))
        elif (text := _text(value)) is not None:
            clean[mime] = text
    metadata = output.get("metadata") if isinstance(output.get("metadata"), dict) else {}
    result = {"output_type": kind, "data": clean, "metadata": json.loads(json.dumps(metadata))}
    if kind == "execute_result":
        count = output.get("execution_count")
        result["execution_count"] = count if type(count) is int else None
    return result


def _record(record: dict, limit: int) -> dict:
    outputs = record.get("outputs") if isinstance(record.get("outputs"), list) else []
    cleaned = [o for o in (_clean(o) for o in outputs) if o is not None]
    kept, _cut = limit_outputs(cleaned, limit)
    count = record.get("execution_count")
    return {"outputs": kept, "execution_count": count if type(count) is int else None}
