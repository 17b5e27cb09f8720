"""Running the venv's tools and servers: shared by the tests and the benchmarks."""

from __future__ import annotations

import contextlib
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


#: What GitHub Pages sends compressed (gzip) when the browser accepts it; fonts and pictures
#: are compressed already and go as they are.
GZIP_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml",
              "application/xml", "text/javascript")


@contextlib.contextmanager
def serve_gzip(folder: Path):
    """Serve ``folder`` on a free loopback port as GitHub Pages serves a site: HTTP/1.1 with
    keep-alive, text compressed with gzip, 404 for what is not there. Yields the base URL."""
    import gzip
    import mimetypes
    import threading
    from functools import lru_cache
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import unquote, urlsplit

    root = Path(folder).resolve()

    @lru_cache(maxsize=512)
    def compressed(path: Path, mtime: float) -> bytes:
        return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # quiet
            pass

        def do_GET(self):  # noqa: N802 (the stdlib's name)
            self._serve(body=True)

        def do_HEAD(self):  # noqa: N802
            self._serve(body=False)

        def _serve(self, body: bool) -> None:
            target = (root / unquote(urlsplit(self.path).path).lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if root not in target.parents or not target.is_file():
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if target.suffix == ".js":
                kind = "application/javascript"
            zipped = (kind.startswith(GZIP_TYPES)
                      and "gzip" in self.headers.get("Accept-Encoding", ""))
            data = compressed(target, target.stat().st_mtime) if zipped else target.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith(
                ("text/", "application/javascript")) else ""))
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages
            if zipped:
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            if body:
                self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
