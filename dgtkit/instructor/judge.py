"""The judge: where a notebook's tests decide its points, and no student code ever runs.

One judge serves one grading worker: ``python -I -m dgtkit.instructor.judge``, started in a
sandbox of its own (no network, a read-only view, a private /tmp) and kept for the worker's
life, with the course's grading code and data already imported. For each notebook the worker
sends one request (JSON on the judge's standard input):

- the tests: each test cell's trusted source (from the gradebook, never from the submission)
  and the answers the student's kernel captured for it, as plain data;
- the files handed in (the workbook, Module 7's plan file), as bytes;
- whose submission it is (from nbgrader, never from anything the student controlled) and
  the mode (``autograde`` or ``validate``).

The judge forks a child for the request: it writes the files into a fresh folder, sets whose
submission it is for the own-work check, runs each test in a fresh namespace
(``dgtkit.grading.judged.judge_cells``), reads what the student wrote for the similarity
report (``dgtkit.instructor.similarity.texts_of``), writes one JSON line back and exits. A
child that runs out of time is killed; the judge itself answers the next request.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import select
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from dgtkit.instructor.sandbox import Running, Sandbox, decode_files, encode_files

#: CPU seconds one request may use in the judge.
REQUEST_CPU_SECONDS = 120


def _warm() -> None:
    """Import what the tests use once, before any request: each child starts with it."""
    import importlib

    for name in ("dgtkit.grading.answers", "dgtkit.grading.saved", "dgtkit.grading.exercises",
                 "dgtkit.grading.earlier_work", "dgtkit.grading.action_plan",
                 "dgtkit.grading.judged", "dgtkit.instructor.similarity",
                 "dgtkit.planfile.reading", "dgtkit.models.plan_checks", "dgtkit.course.data"):
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    with contextlib.suppress(Exception):
        from dgtkit.course import data

        for loader in ("member_states", "mobile_coverage", "internet_users", "egov_survey"):
            getattr(data, loader)()


def _answer(request: dict) -> dict:
    """One request, in the child: the judged tests and the texts for the similarity report."""
    from dgtkit.grading.judged import judge_cells
    from dgtkit.grading.saved import GRADED_STUDENT
    from dgtkit.instructor.similarity import texts_of
    from dgtkit.store.workbook import NBGRADER_EXECUTION

    resource.setrlimit(resource.RLIMIT_CPU, (REQUEST_CPU_SECONDS, REQUEST_CPU_SECONDS))
    folder = Path(tempfile.mkdtemp(prefix="judge-"))
    for name, content in decode_files(request.get("files") or {}).items():
        if "/" in name or name.startswith("."):
            continue
        (folder / name).write_bytes(content)  # a copy: the handed-in file stays as it is
    os.chdir(folder)
    os.environ[NBGRADER_EXECUTION] = request.get("mode") or "autograde"
    student = request.get("student") or ""
    if student:
        os.environ[GRADED_STUDENT] = student
    else:
        os.environ.pop(GRADED_STUDENT, None)
    try:
        results = judge_cells(request["tests"])
        texts = {}
        if request.get("texts"):
            with contextlib.suppress(Exception):
                texts = texts_of(folder)
    finally:
        os.chdir("/")
        shutil.rmtree(folder, ignore_errors=True)
    return {"results": results, "texts": texts}


def serve(channel: int) -> int:
    """The judge's loop: one request a line on standard input, one answer a line on the
    descriptor ``channel``."""
    _warm()
    out = os.fdopen(channel, "w", encoding="utf-8")
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child
            os.close(read_end)
            code = 0
            try:
                answer = _answer(request)
            except BaseException as error:  # noqa: BLE001 - said to the worker
                answer = {"error": f"{type(error).__name__}: {error}"[:2000]}
                code = 1
            with os.fdopen(write_end, "w", encoding="utf-8") as pipe:
                pipe.write(json.dumps(answer))
            os._exit(code)
        os.close(write_end)
        chunks = []
        deadline = time.monotonic() + float(request.get("seconds") or 300)
        while True:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([read_end], [], [], max(0.0, left))
            if not ready:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                chunks = [json.dumps({"error": "the tests ran out of time"}).encode()]
                break
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        os.close(read_end)
        os.waitpid(pid, 0)
        answer = b"".join(chunks).decode("utf-8", "replace") or json.dumps(
            {"error": "the judge's child ended without an answer"})
        out.write(answer.replace("\n", " ") + "\n")
        out.flush()
    return 0


class Judge:
    """The worker's side: a judge started on first use (in a sandbox, unless the lecturer
    chose to grade without), restarted if it ever dies."""

    def __init__(self, sandbox: Sandbox):
        self.sandbox = sandbox
        self.running: Running | None = None
        self.buffer = b""

    def _start(self) -> Running:
        running = self.sandbox.start([sys.executable, "-I", "-m", "dgtkit.instructor.judge"],
                                     "judge")
        running.send_line(str(running.channel_number).encode())
        return running

    def judge(self, tests: list[dict], files: dict[str, bytes], student: str, mode: str,
              seconds: float, texts: bool = True) -> dict:
        """The judged tests of one notebook (and the texts for the similarity report)."""
        if self.running is None or self.running.process.poll() is not None:
            self.close()
            self.running = self._start()
        request = {"tests": tests, "files": encode_files(files), "student": student,
                   "mode": mode, "seconds": seconds, "texts": texts}
        if not self.running.send_line(json.dumps(request).encode("utf-8")):
            self.close()
            return {"error": "the judge could not be reached"}
        line = next(self.running.lines(time.monotonic() + seconds + 120), None)
        if line is None:
            printed = self.running.printed() if self.running else ""
            self.close()
            return {"error": f"the judge gave no answer {printed[-500:]}".strip()}
        try:
            return json.loads(line)
        except ValueError:
            return {"error": "the judge's answer could not be read"}

    def close(self) -> None:
        if self.running is not None:
            self.running.stop()
            self.running = None


if __name__ == "__main__":
    sys.exit(serve(int(sys.stdin.readline())))
