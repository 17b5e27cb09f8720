"""The action-plan app under Voila: time to interactive, memory per session, and a room.

    .venv/bin/python benchmarks/app_time_to_widgets.py [--runs N] [--crowd N] [--no-crowd]

Against a real Voila on a loopback port, driven by Debian's Chromium (headless):

1. request -> widgets interactive (the team-code field and its button drawn from the
   kernel, so a click is answered), then team code -> plan form, N runs each:
   cold (``--preheat_kernel=False``: a kernel starts for each visitor) and preheated (the
   settings of ``notebooks/voila.json``, with time between visits to refill the pool);
2. memory per session: N teams with the plan open, the resident memory (RSS) and unique
   memory (USS) of each one's kernel, and the server's growth per session;
3. a room of ``--crowd`` participants (40) opening the app at the same moment, against the
   shipped settings (the pool filled first), p95 of request -> widgets:
   - server side: 40 clients that ask the server for all a browser asks (page, static
     files, kernel websocket, widget states; ``_room.py``), without a browser's own work,
     which in a room each participant's computer does;
   - in Chromium: ``--browser-crowd`` real pages (40) on this same machine, so the pages'
     own work (about 2 s of CPU each to parse the JavaScript and draw) competes with the
     server for the same cores: an upper bound, far from a room where each participant
     has a computer.

Goals (issue 7): <= 1.5 s preheated, <= 3 s cold, <= 110 MB per session, p95 <= 5 s for 40.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import psutil
from _common import BIN, CHROMIUM, CHROMIUM_ARGS, REPO, free_port, summary, tool_env
from _room import room
from playwright.async_api import TimeoutError as PlaywrightTimeout
from playwright.async_api import async_playwright
from playwright.sync_api import sync_playwright

from dgtkit.store.team_codes import codes_path, write_codes

NOTEBOOKS = REPO / "notebooks"
OPEN = "Open our plan"
FORM = "Add action"


@contextmanager
def voila(*extra: str, wait_for_pool: int = 0):
    """Voila serving the app (settings from notebooks/voila.json, then ``extra``)."""
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "voila.log"
        # The codes the visits below type, issued as 'make codes' would (the app opens no
        # plan for a code that was not issued).
        write_codes(codes_path(Path(folder) / "bench.sqlite"),
                    [f"{label}-{n}" for label in ("cold", "preheated", "memory", "room")
                     for n in range(200)])
        with log.open("w") as sink:
            process = subprocess.Popen(
                [str(BIN / "voila"), "action_plan.ipynb", "--no-browser", f"--port={port}",
                 "--Voila.ip=127.0.0.1", *extra],
                cwd=NOTEBOOKS, stdout=subprocess.DEVNULL, stderr=sink,
                env=tool_env(DGTKIT_WORKBOOK=str(Path(folder) / "bench.sqlite")),
            )
        try:
            deadline = time.monotonic() + 600
            wanted = f"filled with {wait_for_pool} kernel(s)" if wait_for_pool else "running at"
            while wanted not in log.read_text():
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("Voila did not start:\n" + log.read_text()[-3000:])
                time.sleep(0.2)
            quiet(process)
            yield f"http://127.0.0.1:{port}/", process
        finally:
            process.send_signal(signal.SIGTERM)  # Voila ignores SIGINT in the background
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
            if os.environ.get("BENCHMARK_VOILA_LOG"):  # keep the server's log to look into
                Path(os.environ["BENCHMARK_VOILA_LOG"]).write_text(log.read_text())


def quiet(server: subprocess.Popen, timeout: float = 120) -> None:
    """Wait until the server and its kernels have finished starting (CPU below 10 %)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        family = [psutil.Process(server.pid), *psutil.Process(server.pid).children(True)]
        before = sum(sum(p.cpu_times()[:2]) for p in family if p.is_running())
        time.sleep(2)
        after = sum(sum(p.cpu_times()[:2]) for p in family if p.is_running())
        if after - before < 0.2:
            return


def shipped_pool_size() -> int:
    """The app's pool of preheated kernels in notebooks/voila.json."""
    settings = json.loads((NOTEBOOKS / "voila.json").read_text())
    if not settings["VoilaConfiguration"].get("preheat_kernel"):
        return 0
    pools = settings["VoilaKernelManager"]["kernel_pools_config"]
    return int(pools["action_plan.ipynb"]["pool_size"])


def visit(browser, url: str, team: str) -> tuple[float, float, object]:
    """Seconds from request to the team screen interactive, and from the code to the form."""
    page = browser.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.get_by_role("button", name=OPEN).wait_for(timeout=120_000)
    interactive = time.perf_counter() - start
    page.get_by_label("Team code").fill(team)
    start = time.perf_counter()
    page.get_by_role("button", name=OPEN).click()
    page.get_by_role("button", name=FORM).wait_for(timeout=120_000)
    return interactive, time.perf_counter() - start, page


def assets_of(browser, url: str) -> list[str]:
    """The static files a real visit fetches (paths under ``url``)."""
    page = browser.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(url)
    page.get_by_role("button", name=OPEN).wait_for(timeout=120_000)
    page.close()
    return [u[len(url):] for u in asked if u.startswith(url) and u != url and "/api/" not in u]


def sequential(browser, url: str, runs: int, settle: float, label: str) -> list[str]:
    first, second = [], []
    for run in range(runs):
        time.sleep(settle)
        interactive, opened, page = visit(browser, url, f"{label}-{run}")
        page.close()
        first.append(interactive)
        second.append(opened)
    return [summary(f"{label}: request -> interactive", first),
            summary(f"{label}: team code -> plan form", second)]


def kernels(server: subprocess.Popen) -> list[psutil.Process]:
    return [p for p in psutil.Process(server.pid).children(recursive=True)
            if "ipykernel" in " ".join(p.cmdline())]


def memory(browser, url: str, server: subprocess.Popen, sessions: int) -> list[str]:
    """Open ``sessions`` plans side by side; weigh each kernel and the server's growth."""
    before = psutil.Process(server.pid).memory_info().rss
    pages = [visit(browser, url, f"memory-{n}")[2] for n in range(sessions)]
    time.sleep(3)
    rss, uss = [], []
    for kernel in kernels(server):
        info = kernel.memory_full_info()
        rss.append(info.rss / 2**20)
        uss.append(info.uss / 2**20)
    growth = (psutil.Process(server.pid).memory_info().rss - before) / 2**20 / sessions
    for page in pages:
        page.close()
    per_session = statistics.median(rss) + max(growth, 0)
    return [
        f"{'memory: kernel RSS per session':<40} median {statistics.median(rss):6.1f} MB   "
        f"(max {max(rss):.1f}; unique to the kernel, USS: {statistics.median(uss):.1f} MB)",
        f"{'memory: server growth per session':<40} {growth:6.1f} MB",
        f"{'memory per session (kernel + server)':<40} {per_session:6.1f} MB",
    ]


async def crowd(url: str, people: int) -> tuple[list[float], list[float]]:
    """``people`` participants open the app at the same moment, then enter their codes."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                   args=CHROMIUM_ARGS)
        contexts = [await browser.new_context() for _ in range(people)]
        pages = [await context.new_page() for context in contexts]

        async def one(page, n):
            start = time.perf_counter()
            try:
                await page.goto(url, timeout=300_000)
                await page.get_by_role("button", name=OPEN).wait_for(timeout=300_000)
            except PlaywrightTimeout:
                return None  # counted as a page that never became interactive
            return time.perf_counter() - start, page, n

        results = [r for r in await asyncio.gather(*(one(page, n) for n, page in
                                                     enumerate(pages))) if r]

        async def code(page, n):
            await page.get_by_label("Team code").fill(f"room-{n}")
            start = time.perf_counter()
            await page.get_by_role("button", name=OPEN).click()
            try:
                await page.get_by_role("button", name=FORM).wait_for(timeout=300_000)
            except PlaywrightTimeout:
                return None
            return time.perf_counter() - start

        opened = [o for o in await asyncio.gather(*(code(page, n) for _, page, n in results))
                  if o is not None]
        await browser.close()
    return [r[0] for r in results], opened


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--settle", type=float, default=12.0,
                        help="seconds between preheated visits, for the pool to refill")
    parser.add_argument("--crowd", type=int, default=40,
                        help="participants at once, server side (0: skip)")
    parser.add_argument("--browser-crowd", type=int, default=40,
                        help="participants at once in Chromium on this machine (0: skip)")
    args = parser.parse_args()
    lines = [f"Action-plan app under Voila, on {os.cpu_count()} cores; {args.runs} runs each"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        with voila("--preheat_kernel=False") as (url, _server):
            lines += sequential(browser, url, args.runs, 0.5, "cold")
        with voila("--preheat_kernel=False") as (url, server):
            lines += memory(browser, url, server, args.runs)
        with voila(wait_for_pool=shipped_pool_size()) as (url, _server):
            lines += sequential(browser, url, args.runs, args.settle, "preheated")
            assets = assets_of(browser, url)
        browser.close()
    for line in lines:
        print(line, flush=True)
    pool = shipped_pool_size()
    if args.crowd:
        with voila(wait_for_pool=pool) as (url, _server):
            seconds, failures = asyncio.run(room(url, assets, args.crowd))
        print(f"{args.crowd} participants at once, server side (pool of {pool}; page, "
              f"{len(assets)} static files, kernel, widget states):")
        if seconds:
            print(f"  request -> widgets: {spread(seconds)}", flush=True)
        for failure in sorted(set(failures)):
            print(f"  {failures.count(failure)} did not get the app: {failure}", flush=True)
    if args.browser_crowd:
        with voila(wait_for_pool=pool) as (url, _server):
            interactive, opened = asyncio.run(crowd(url, args.browser_crowd))
        print(f"{args.browser_crowd} participants at once in Chromium pages on this same "
              f"machine (pool of {pool}):")
        for label, values in (("request -> interactive", interactive),
                              ("team code -> plan form", opened)):
            missed = args.browser_crowd - len(values) if label.startswith("request") \
                else len(interactive) - len(values)
            print(f"  {label}: {spread(values) if values else 'none'}"
                  + (f"; {missed} not within 300 s" if missed else ""))


def spread(values: list[float]) -> str:
    return (f"p95 {p95(values):.2f} s, median {statistics.median(values):.2f} s, "
            f"max {max(values):.2f} s")


if __name__ == "__main__":
    main()
