"""Time the action-plan app from page request to its form being visible, in Chromium.

    .venv/bin/python benchmarks/app_time_to_widgets.py [--runs N]

Measured twice against a real Voila on a loopback port: cold (a kernel starts for each
visitor) and with a preheated kernel pool (--preheat_kernel=True --pool_size=1).
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from _common import (
    BIN,
    CHROMIUM,
    CHROMIUM_ARGS,
    REPO,
    free_port,
    summary,
    tool_env,
    wait_for_http,
)
from playwright.sync_api import sync_playwright


@contextmanager
def voila(*extra: str):
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        process = subprocess.Popen(
            [str(BIN / "voila"), "action_plan.ipynb", "--no-browser", f"--port={port}",
             "--Voila.ip=127.0.0.1", *extra],
            cwd=REPO / "notebooks",
            env=tool_env(DGTKIT_WORKBOOK=str(Path(folder) / "bench.sqlite")),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            wait_for_http(f"http://127.0.0.1:{port}/voila/static/voila.js", process, 120)
            yield f"http://127.0.0.1:{port}/"
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)


def time_to_form(browser, url: str) -> float:
    page = browser.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.get_by_role("button", name="Add action").wait_for(timeout=120_000)
    elapsed = time.perf_counter() - start
    page.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--settle", type=float, default=12.0,
                        help="seconds to let a preheated pool refill between runs")
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             headless=True, args=CHROMIUM_ARGS)
        with voila() as url:
            cold = [time_to_form(browser, url) for _ in range(args.runs)]
        with voila("--preheat_kernel=True", "--pool_size=1") as url:
            preheated = []
            for _ in range(args.runs):
                time.sleep(args.settle)
                preheated.append(time_to_form(browser, url))
        browser.close()
    print(f"Action-plan app, request to form visible, {args.runs} runs each")
    print(summary("cold (kernel starts per visitor)", cold))
    print(summary("preheated kernel pool", preheated))


if __name__ == "__main__":
    main()
