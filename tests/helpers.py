"""Running the venv's tools and servers: shared by the tests and the benchmarks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
#: Debian's Chromium, headless, on a machine whose network is closed (background calls off).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def tool_env(**extra: str) -> dict[str, str]:
    """The environment for running the venv's command-line tools (nbgrader calls alembic)."""
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url: str, process: subprocess.Popen | None = None, timeout: float = 60) -> None:
    """Wait until ``url`` answers; fail early if the server ``process`` has exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"The server for {url} exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.25)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def freeze_clock(monkeypatch, day, hour: int = 10) -> None:
    """Set the course's one clock (dgtkit.models.dates) to ``day`` at ``hour`` UTC."""
    from datetime import UTC, datetime

    from dgtkit.models import dates

    monkeypatch.setattr(dates, "today", lambda: day)
    monkeypatch.setattr(dates, "now", lambda: datetime(day.year, day.month, day.day, hour,
                                                       tzinfo=UTC))
