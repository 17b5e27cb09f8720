"""Time a clean book build (with notebook execution) and a no-op rebuild.

    .venv/bin/python benchmarks/book_build.py [--runs N]

Each run builds into a fresh temporary folder, so the first build executes every notebook
with an empty cache; the no-op rebuild then runs in the same folder.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from pathlib import Path

from _common import BIN, REPO, summary, tool_env


def build(output: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [str(BIN / "jupyter-book"), "build", str(REPO), "-W", "-n", "--keep-going",
         "--path-output", str(output)],
        check=True, env=tool_env(), capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    clean, noop = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            clean.append(build(Path(folder)))
            noop.append(build(Path(folder)))
    pages = len(list(REPO.glob("book/**/*.md"))) + len(list(REPO.glob("notebooks/*.ipynb")))
    print(f"Book of {pages} pages, {runs} runs")
    print(summary("clean build (executes notebooks)", clean))
    print(summary("no-op rebuild", noop))


if __name__ == "__main__":
    main()
