"""The published site on a slow line: when each page shows its text, and what it downloads.

    .venv/bin/python benchmarks/site_weight.py [--html _build/html] [--pages REGEX] [--top 10]

Builds the book first if ``--html`` holds no build. Serves it on loopback as GitHub Pages does
(text compressed with gzip: ``tests.helpers.serve_gzip``) and opens every page in headless
Chromium, each in a new profile (empty cache), on an emulated slow line: 1 Mbit/s down and up,
100 ms latency (Chrome DevTools Protocol ``Network.emulateNetworkConditions``). For each page:

- **first text**: when the browser first drew text (first contentful paint), from the start of
  the navigation;
- **forms drawn**: on an exercise page, when every form (ipywidgets view) is on the screen;
- **bytes**: everything the page downloaded, as it came over the wire (compressed), and how
  many requests.

Then the budgets (issue 17): first text within 3 s on every page; on an exercise page the text
before the forms (never waiting for them); a text page (no form) at most 500 KB compressed.
Prints OVER for a budget a page misses and exits 1 if any does (timings are a benchmark's, not
a test's: they depend on the machine; ``tests/book/test_reach.py`` checks bytes and that the
widget script does not block the text).
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from _common import BIN, CHROMIUM, CHROMIUM_ARGS, REPO, tool_env
from playwright.sync_api import sync_playwright

from tests.helpers import serve_gzip

DOWN_BYTES_PER_S = 1_000_000 / 8  # 1 Mbit/s
UP_BYTES_PER_S = 1_000_000 / 8
LATENCY_MS = 100
TEXT_BUDGET_S = 3.0
TEXT_PAGE_BUDGET_BYTES = 500 * 1000
WIDGET_VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'

FORMS_DRAWN = """selector => [...document.querySelectorAll(selector)].every(script => {
  const drawn = script.previousElementSibling;
  return drawn && drawn.querySelector('.jupyter-widgets');
})"""


def kib(n: float) -> str:
    return f"{n / 1024:.1f} KiB"


def visit(browser, url: str, timeout_s: float) -> dict:
    """One cold visit on the slow line: first text, forms drawn, bytes and requests."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": LATENCY_MS,
        "downloadThroughput": DOWN_BYTES_PER_S, "uploadThroughput": UP_BYTES_PER_S,
    })
    wire: dict[str, int] = {}
    urls: dict[str, str] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"],
                                                                     e["request"]["url"]))
    cdp.on("Network.loadingFinished",
           lambda e: wire.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
    forms = 0
    try:
        page.wait_for_load_state("domcontentloaded", timeout=timeout_s * 1000)
        forms = page.locator(WIDGET_VIEW).count()
        if forms:
            page.wait_for_function(FORMS_DRAWN, arg=WIDGET_VIEW, polling=100,
                                   timeout=timeout_s * 1000)
            drawn = page.evaluate("() => performance.now()")
        else:
            drawn = None
        page.wait_for_load_state("networkidle", timeout=timeout_s * 1000)
    except Exception as error:  # a page that never finishes is reported, not fatal
        print(f"  {url}: {type(error).__name__}: {str(error).splitlines()[0]}", file=sys.stderr)
        drawn = None
    paint = page.evaluate(
        "() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime")
    context.close()
    files = {urls.get(k, k): v for k, v in wire.items()}
    return {"text": paint / 1000 if paint else None, "forms": forms,
            "drawn": drawn / 1000 if drawn else None,
            "bytes": sum(files.values()), "requests": len(files), "files": files}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--html", type=Path, default=REPO / "_build" / "html")
    parser.add_argument("--pages", default="", help="only the pages whose path matches")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=120, help="seconds per page")
    args = parser.parse_args()
    if not (args.html / "index.html").is_file():
        subprocess.run([str(BIN / "jupyter-book"), "build", str(REPO), "-W", "-n",
                        "--keep-going"], check=True, env=tool_env(), capture_output=True)
    files = [p for p in args.html.rglob("*") if p.is_file()]
    disk = sum(p.stat().st_size for p in files)
    kinds = Counter()
    for p in files:
        kinds[p.suffix or "(none)"] += p.stat().st_size
    pages = sorted(p.relative_to(args.html).as_posix() for p in files
                   if p.suffix == ".html" and "_static" not in p.parts
                   and re.search(args.pages, p.relative_to(args.html).as_posix()))

    print(f"{args.html} on disk: {len(files)} files, {kib(disk)}; by kind: "
          + ", ".join(f"{k} {kib(v)}" for k, v in kinds.most_common(5)))
    print(f"Each page opened cold (empty cache) at 390 x 844 on {DOWN_BYTES_PER_S * 8 / 1e6:g} "
          f"Mbit/s, {LATENCY_MS} ms latency, served with gzip as GitHub Pages does.\n")
    started = time.monotonic()
    results: dict[str, dict] = {}
    with serve_gzip(args.html) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        print(f"{'page':<56}{'first text':>11}{'forms':>9}{'on the wire':>14}{'requests':>10}")
        for name in pages:
            result = results[name] = visit(browser, base + name, args.timeout)
            text = f"{result['text']:.2f} s" if result["text"] else "never"
            drawn = (f"{result['drawn']:.1f} s" if result["drawn"] else "never") \
                if result["forms"] else "-"
            over = []
            if not result["text"] or result["text"] > TEXT_BUDGET_S:
                over.append("text")
            if result["forms"] and result["drawn"] and result["text"] \
                    and result["drawn"] < result["text"]:
                over.append("forms before text")
            if not result["forms"] and result["bytes"] > TEXT_PAGE_BUDGET_BYTES:
                over.append("bytes")
            result["over"] = over
            flag = f"  OVER: {', '.join(over)}" if over else ""
            print(f"{name:<56}{text:>11}{drawn:>9}{kib(result['bytes']):>14}"
                  f"{result['requests']:>10}{flag}", flush=True)
        browser.close()

    exercise = {n: r for n, r in results.items() if r["forms"]}
    text_pages = {n: r for n, r in results.items() if not r["forms"]}
    print(f"\n{len(results)} pages in {time.monotonic() - started:.0f} s "
          f"({len(text_pages)} text pages, {len(exercise)} with a form)")
    for label, group in (("text pages", text_pages), ("exercise pages", exercise)):
        if not group:
            continue
        texts = [r["text"] for r in group.values() if r["text"]]
        sizes = [r["bytes"] for r in group.values()]
        line = (f"  {label}: first text median {statistics.median(texts):.2f} s, "
                f"slowest {max(texts):.2f} s; on the wire median {kib(statistics.median(sizes))},"
                f" largest {kib(max(sizes))}")
        drawn = [r["drawn"] for r in group.values() if r["drawn"]]
        if drawn:
            line += f"; forms drawn median {statistics.median(drawn):.1f} s, " \
                    f"slowest {max(drawn):.1f} s"
        print(line)
    everything: dict[str, int] = {}
    for result in results.values():
        for url, size in result["files"].items():
            everything[url] = max(size, everything.get(url, 0))
    print(f"\nThe {args.top} largest downloads (compressed, as on the wire):")
    for url, size in sorted(everything.items(), key=lambda item: -item[1])[:args.top]:
        print(f"  {kib(size):>12}  {re.sub(r'^https?://[^/]+/', '', url)[:90]}")
    missed = {n: r["over"] for n, r in results.items() if r["over"]}
    budgets = (f"Budgets: first text <= {TEXT_BUDGET_S:g} s, text before forms, text pages "
               f"<= {TEXT_PAGE_BUDGET_BYTES // 1000} KB")
    if missed:
        print(f"\n{budgets}: {len(missed)} page(s) OVER")
        return 1
    print(f"\n{budgets}: every page within them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
