"""The sandbox a submission's code runs in (``dgtkit.instructor.sandbox``), tried from the
inside with real bubblewrap and a real kernel: its own user, nothing of the machine in view
but the system and the course's package, no network, limits, nothing left running."""

from __future__ import annotations

import json
import os
import socket
import sys
import time
from pathlib import Path

import psutil
import pytest

from dgtkit.instructor import sandbox
from dgtkit.instructor.judge import Judge
from tests.helpers import REPO

pytestmark = pytest.mark.slow
RUNNER = [sys.executable, "-I", "-m", "dgtkit.instructor.sandbox_runner"]


def run(cells: list[str], limits: sandbox.Limits | None = None, timeout: int = 20,
        files: dict[str, bytes] | None = None) -> list[dict]:
    """Each cell's printed text (or error), run in a fresh sandbox's kernel."""
    box = sandbox.Sandbox(limits=limits or sandbox.Limits())
    notebook = {"cells": [{"cell_type": "code", "source": source, "metadata": {},
                           "outputs": [], "execution_count": None, "id": f"c{n}"}
                          for n, source in enumerate(cells)],
                "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    running = box.start(RUNNER, "autograde", files or {}, f"{sandbox.TMP}/work/test")
    sandbox.send_json(running, {
        "channel": running.channel_number, "workdir": running.workdir, "notebook": notebook,
        "timeout": timeout, "kernel": "dgt-sandbox",
        "kernel_arguments": ["--HistoryManager.hist_file=:memory:"],
        "startup_timeout": 120, "max_output_bytes": box.limits.output_bytes})
    records = []
    try:
        for line in running.lines(time.monotonic() + 300):
            record = json.loads(line)
            if record.get("done"):
                break
            records.append(record)
    finally:
        running.stop()
    return records


def printed(record: dict) -> str:
    return "".join(o.get("text", "") + o.get("ename", "") + ": " + o.get("evalue", "")
                   if o.get("output_type") == "error" else o.get("text", "")
                   for o in record["outputs"])


def test_a_sandbox_can_start_here():
    sandbox.check()


def test_the_sandbox_sees_its_copy_and_the_course_package_only(tmp_path):
    course = REPO / "exercises"
    records = run([
        "import os\nprint(sorted(os.listdir('.')), os.getcwd())",
        f"print(os.path.exists({str(course)!r}), os.path.exists({str(Path.home())!r} + "
        "'/.bashrc'))",
        "import dgtkit.grading\nprint(dgtkit.grading.__file__)",
        "print(os.environ['HOME'], sorted(k for k in os.environ if 'DGT' in k))",
        "open('/usr/dgt-test', 'w')",
    ], files={"workbook.sqlite": b"not really a workbook"})
    assert printed(records[0]).startswith("['workbook.sqlite'] /tmp/work/test")
    assert printed(records[1]).strip() == "False False"
    assert printed(records[2]).strip().startswith(str(REPO / "dgtkit"))
    assert printed(records[3]).strip() == "/tmp/home []"
    assert "Read-only file system" in printed(records[4]) or "Permission" in printed(
        records[4])


@pytest.mark.skipif(os.geteuid() != 0, reason="a throwaway user is given when run as root")
def test_a_course_under_tmp_is_in_view_over_the_private_tmp(tmp_path, monkeypatch):
    """A checkout in a folder made by mktemp (under /tmp, mode 0700, as CI makes it) is
    bound over the sandbox's own /tmp, readable, and nothing else of the real /tmp shows."""
    course = tmp_path / "course"
    course.mkdir()
    (course / "marker.txt").write_text("the course")
    (tmp_path / "beside.txt").write_text("not the course")
    tmp_path.chmod(0o700)
    real = sandbox._package_paths
    monkeypatch.setattr(sandbox, "_package_paths", lambda: [*real(), course])
    records = run([f"print(open({str(course / 'marker.txt')!r}).read())",
                   f"import os; print(os.path.exists({str(tmp_path / 'beside.txt')!r}))"])
    assert printed(records[0]).strip() == "the course"
    assert printed(records[1]).strip() == "False"


def test_the_sandbox_runs_as_a_throwaway_user_with_no_capabilities():
    records = run(["import os\nprint(os.getuid(), os.getgid(), os.getgroups())",
                   "print(open('/proc/self/status').read().split('CapEff:')[1].split()[0])",
                   "os.setuid(0)", "import subprocess\n"
                   "print(subprocess.run(['unshare', '-U', 'true']).returncode)"])
    uid, gid, groups = printed(records[0]).split(" ", 2)
    assert int(uid) in sandbox.THROWAWAY_UIDS and uid == gid and groups.strip() == "[]"
    assert printed(records[1]).strip() == "0000000000000000"
    assert "unshare failed" in printed(records[3])  # no user namespace of its own making
    assert any(refused in printed(records[2]) for refused in ("PermissionError",
                                                                "Invalid argument"))


def test_there_is_no_network():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        server.settimeout(0.5)
        records = run([f"import socket\ntry:\n    socket.create_connection(('127.0.0.1', "
                       f"{port}), timeout=2)\n    print('connected')\nexcept OSError as e:\n"
                       "    print('refused', e)"])
        assert printed(records[0]).startswith("refused")
        with pytest.raises(TimeoutError):
            server.accept()


def test_memory_files_processes_and_output_are_limited():
    limits = sandbox.Limits(memory_bytes=1 << 30, file_bytes=8 << 20, processes=64,
                            disk_bytes=32 << 20, output_bytes=5_000)
    records = run([
        "try:\n    b = bytearray(2 << 30)\nexcept MemoryError:\n    print('no memory')",
        "try:\n    open('big', 'wb').write(b'0' * (9 << 20))\nexcept OSError as e:\n"
        "    print('too big', e.errno)",
        "try:\n    for n in range(5):\n        open(f'f{n}', 'wb').write(b'0' * (7 << 20))\n"
        "except OSError as e:\n    print('disk full', e.errno)",
        "import subprocess\nstarted = 0\ntry:\n    for _ in range(200):\n"
        "        subprocess.Popen(['sleep', '60'])\n        started += 1\n"
        "except OSError:\n    print('no more processes', started < 100)",
        "print('x' * 50_000)",
    ], limits=limits)
    assert printed(records[0]).strip() == "no memory"
    assert printed(records[1]).strip() == "too big 27"  # EFBIG
    assert printed(records[2]).strip() == "disk full 28"  # ENOSPC
    assert printed(records[3]).strip() == "no more processes True"
    assert len(printed(records[4])) < 5_000 and "Output truncated" in printed(records[4])


def test_nothing_started_in_the_sandbox_outlives_it():
    marker = f"dgt-sandbox-test-{os.getpid()}"
    run([f"import subprocess\nsubprocess.Popen(['sh', '-c', 'sleep 300; : {marker}'], "
         "start_new_session=True)\nimport os\nif os.fork() == 0:\n    os.setsid()\n"
         f"    os.execvp('sh', ['sh', '-c', 'sleep 300; : {marker}'])\nprint('started')"])
    deadline = time.monotonic() + 10
    left = ["x"]
    while left and time.monotonic() < deadline:
        left = [p.pid for p in psutil.process_iter(["cmdline"])
                if marker in " ".join(p.info["cmdline"] or [])]
        time.sleep(0.2)
    assert left == []


def test_a_cell_that_ignores_the_interrupt_is_stopped_and_said():
    records = run(["import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                   "while True:\n    pass", "print('never')"], timeout=3)
    assert "CellTimeoutError" in printed(records[0])
    assert records[-1] == {"stopped": "hung", "cell": 0}


def test_the_judge_runs_the_tests_on_plain_data_and_knows_whose_work_it_is(tmp_path):
    from dgtkit.instructor.sample_answers import write_workbook

    write_workbook(tmp_path / "workbook.sqlite", "friend", ["ex03_pillar_rating"])
    judge = Judge(sandbox.Sandbox())
    try:
        answer = judge.judge([
            {"test": "q1", "source": 'assert answer_1 == "B", "no"', "names": ["answer_1"],
             "answers": {"answer_1": ["other", "Anything"]}},
            {"test": "own", "source": "import os\nfrom dgtkit.grading import check_own_work\n"
             "print(os.getcwd() != '/', sorted(os.listdir('.')))\n"
             "check_own_work('ex03_pillar_rating')", "answers": {}},
        ], {"workbook.sqlite": (tmp_path / "workbook.sqlite").read_bytes()}, "alice",
            "autograde", 60)
    finally:
        judge.close()
    first, second = answer["results"]
    assert first["not_plain"] == ["answer_1"] and first["outputs"][0]["ename"] == \
        "AssertionError"
    assert second["outputs"][0]["text"] == "True ['workbook.sqlite']\n"
    assert "saved by 'friend', not by 'alice'" in second["outputs"][1]["evalue"]
    assert answer["texts"]["workbook"]["ex03_pillar_rating"]["participant"] == "friend"
