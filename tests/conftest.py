"""Fixtures shared by the test suite: the repository, the venv's tools, a real Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import CHROMIUM, CHROMIUM_ARGS, REPO, free_port, tool_env, wait_for_http

__all__ = ["REPO", "free_port", "tool_env", "wait_for_http"]


@pytest.fixture(autouse=True)
def _isolated_workbook(tmp_path, monkeypatch):
    """No test ever writes a workbook into the repository or the working directory."""
    monkeypatch.setenv("DGTKIT_WORKBOOK", str(tmp_path / "default-workbook.sqlite"))
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """A clean build of the book, with execution, into a temporary folder.

    ``DGT_TEST_BOOK=_build/html`` tests a book already built instead (a developer's quick
    round: build once with ``make build``, then run the book's tests as often as needed)."""
    if os.environ.get("DGT_TEST_BOOK"):
        built = Path(os.environ["DGT_TEST_BOOK"]).resolve()
        assert (built / "index.html").is_file(), f"DGT_TEST_BOOK={built} holds no built book"
        return built
    out = tmp_path_factory.mktemp("book")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "jupyter-book"), "build", str(REPO), "-W", "-n",
         "--keep-going", "--path-output", str(out)],
        capture_output=True, text=True, env=tool_env(), timeout=900,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return out / "_build" / "html"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Install Debian's chromium: apt-get install chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def offline_page(browser):
    """A browser page that can reach 127.0.0.1 and nothing else (a room with no internet)."""
    context = browser.new_context()
    page = context.new_page()
    blocked: list[str] = []

    def only_loopback(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    page.route("**/*", only_loopback)
    page.blocked_requests = blocked
    yield page
    context.close()


@pytest.fixture
def serve_directory() -> Iterator:
    """Serve a folder over HTTP on a free loopback port; returns its base URL."""
    servers = []

    def serve(folder: Path) -> str:
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
             "--directory", str(folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        servers.append(process)
        url = f"http://127.0.0.1:{port}/"
        wait_for_http(url, process)
        return url

    yield serve
    for process in servers:
        process.terminate()
        process.wait(timeout=10)

