"""A real Voila server on a free loopback port, for the browser tests."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from tests.helpers import REPO, free_port, tool_env, wait_for_http


@contextlib.contextmanager
def voila_server(notebook: str | None = None, *, folder: Path = REPO / "notebooks",
                 ready: str = "", unset: Iterable[str] = (), log: Path | None = None,
                 timeout: float = 120, **env: str):
    """Serve ``notebook`` (or, without one, every notebook of ``folder`` under
    ``voila/render/``) from ``folder``; yields the server's URL once ``ready`` (a path under
    it) answers. ``env`` is added to the environment, ``unset`` names are taken out of it.
    What Voila prints goes to ``log`` (to read when a test fails), else nowhere."""
    port = free_port()
    environment = tool_env(**env)
    for name in unset:
        environment.pop(name, None)
    with log.open("a") if log else open(os.devnull, "w") as output:  # noqa: SIM115
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "voila"), *([notebook] if notebook else []),
             "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1"],
            cwd=folder, env=environment, stdout=output, stderr=output,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}/"
        try:
            wait_for_http(url + ready, process, timeout=timeout)
            yield url
        finally:
            process.send_signal(signal.SIGTERM)  # Voila ignores SIGINT when in the background
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
