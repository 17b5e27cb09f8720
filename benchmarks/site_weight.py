"""Weigh the published site: what a learner on a slow connection downloads.

    .venv/bin/python benchmarks/site_weight.py [--html _build/html] [--top 10]

Builds the book first if ``--html`` holds no build. Reports the size of ``_build/html`` on disk,
then opens every page in headless Chromium with an empty cache, on loopback, and adds up every
response the page needed (HTML, scripts, styles, fonts, pictures): the page's weight on a first
visit. Sizes are given as served (raw) and gzip-compressed (what GitHub Pages sends), with the
pages that weigh most, and the time each would take at 1 Mbit/s (a slow connection).
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
from collections import Counter
from pathlib import Path

from _common import BIN, CHROMIUM, CHROMIUM_ARGS, REPO, free_port, tool_env, wait_for_http
from playwright.sync_api import sync_playwright

SLOW_BITS_PER_S = 1_000_000


def kib(n: float) -> str:
    return f"{n / 1024:8.1f} KiB"


def weigh_page(browser, url: str) -> dict[str, tuple[int, int]]:
    """Every response a cold visit to ``url`` needs: {url: (raw bytes, gzip bytes)}."""
    context = browser.new_context()
    page = context.new_page()
    seen: dict[str, tuple[int, int]] = {}

    def record(response):
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            return
        seen[response.url] = (len(body), len(gzip.compress(body, compresslevel=6)))

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    context.close()
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--html", type=Path, default=REPO / "_build" / "html")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    if not (args.html / "index.html").is_file():
        subprocess.run([str(BIN / "jupyter-book"), "build", str(REPO), "-W", "-n",
                        "--keep-going"], check=True, env=tool_env(), capture_output=True)
    files = [p for p in args.html.rglob("*") if p.is_file()]
    pages = sorted(p.relative_to(args.html).as_posix() for p in files if p.suffix == ".html")
    disk = sum(p.stat().st_size for p in files)
    kinds = Counter()
    for p in files:
        kinds[p.suffix or "(none)"] += p.stat().st_size

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(args.html)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for_http(base, server)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 args=CHROMIUM_ARGS)
            weights = {name: weigh_page(browser, base + name) for name in pages}
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)

    everything: dict[str, tuple[int, int]] = {}
    for responses in weights.values():
        everything.update(responses)
    per_page = {name: (sum(r for r, _ in w.values()), sum(g for _, g in w.values()), len(w))
                for name, w in weights.items()}
    raw = sorted(r for r, _, _ in per_page.values())
    zipped = sorted(g for _, g, _ in per_page.values())

    print(f"_build/html on disk: {len(files)} files, {kib(disk).strip()}")
    print("  by kind: " + ", ".join(f"{k} {kib(v).strip()}" for k, v in kinds.most_common(6)))
    print(f"Everything the {len(pages)} pages load, each file once: "
          f"{kib(sum(r for r, _ in everything.values())).strip()} raw, "
          f"{kib(sum(g for _, g in everything.values())).strip()} gzip")
    print(f"One page, first visit (empty cache): median {kib(raw[len(raw) // 2]).strip()} raw, "
          f"{kib(zipped[len(zipped) // 2]).strip()} gzip; "
          f"largest {kib(raw[-1]).strip()} raw, {kib(zipped[-1]).strip()} gzip")
    print(f"\nThe {args.top} heaviest pages, first visit:")
    print(f"{'page':<58}{'raw':>13}{'gzip':>13}{'files':>7}{'at 1 Mbit/s':>13}")
    for name, (r, g, n) in sorted(per_page.items(), key=lambda item: -item[1][0])[:args.top]:
        print(f"{name:<58}{kib(r):>13}{kib(g):>13}{n:>7}{g * 8 / SLOW_BITS_PER_S:>11.1f} s")
    print("\nThe largest files the pages load:")
    for url, (r, g) in sorted(everything.items(), key=lambda item: -item[1][0])[:args.top]:
        print(f"{url.removeprefix(base):<58}{kib(r):>13}{kib(g):>13}")


if __name__ == "__main__":
    main()
