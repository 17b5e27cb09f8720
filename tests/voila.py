"""A real Voila server on a free loopback port, for the browser tests."""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO, free_port, tool_env, wait_for_http


@contextlib.contextmanager
def voila_server(notebook: str, **env: str):
    """Serve ``notebooks/<notebook>``; yields its URL. ``env`` is added to the environment."""
    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "voila"), notebook, "--no-browser",
         f"--port={port}", "--Voila.ip=127.0.0.1"],
        cwd=REPO / "notebooks", env=tool_env(**env),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_http(url, process, timeout=90)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)  # Voila ignores SIGINT when in the background
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
