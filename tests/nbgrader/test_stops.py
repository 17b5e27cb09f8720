"""When the autograde run itself is stopped or killed, its workers and every sandbox go with it,
and ``autograde.log``, written before each submission starts, says which were in flight."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import psutil
import pytest

from tests.helpers import tool_env
from tests.nbgrader import submissions
from tests.nbgrader.course import copy_course, nbgrader

pytestmark = pytest.mark.slow
ASSIGNMENT = submissions.ASSIGNMENT


def wait_for(condition, seconds: float = 180):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("waited in vain")


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_a_stopped_run_leaves_nothing_running_and_the_log_says_what_was_in_flight(tmp_path,
                                                                                  how):
    course = copy_course(tmp_path)
    nbgrader(course, "generate_assignment", ASSIGNMENT)
    submissions.infinite_loop(course, "loops")  # its first answer cell runs for a minute
    run = subprocess.Popen([sys.executable, "-m", "dgtkit.instructor.autograde"], cwd=course,
                           env=tool_env(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           text=True)
    log = course / "autograde.log"
    started = f"+++ loops/{ASSIGNMENT} (try 1) started by worker"
    try:
        wait_for(lambda: log.is_file() and started in log.read_text("utf-8"))
        parent = psutil.Process(run.pid)
        # The submission's sandbox is running (bubblewrap under the worker).
        wait_for(lambda: any(p.name() == "bwrap" for p in parent.children(recursive=True)))
        everything = parent.children(recursive=True)
        run.send_signal(how)
        out, _ = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            run.kill()
    wait_for(lambda: not any(p.is_running() and p.status() != psutil.STATUS_ZOMBIE
                             for p in everything), seconds=60)
    text = log.read_text("utf-8")
    assert started in text
    if how == signal.SIGTERM:
        assert f"the run was stopped; in flight: loops/{ASSIGNMENT}" in text
        assert "says which submissions were being graded" in out
        assert run.returncode == 130
