"""Helpers shared by the benchmark scripts (not part of the test suite)."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.helpers import (  # noqa: E402
    BIN,
    CHROMIUM,
    CHROMIUM_ARGS,
    free_port,
    tool_env,
    wait_for_http,
)

__all__ = ["BIN", "CHROMIUM", "CHROMIUM_ARGS", "REPO", "free_port", "summary", "tool_env",
           "wait_for_http"]


def summary(label: str, seconds: list[float]) -> str:
    runs = ", ".join(f"{s:.2f}" for s in seconds)
    return f"{label:<40} median {statistics.median(seconds):6.2f} s   (runs: {runs})"
