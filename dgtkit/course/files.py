"""Where the course's data files (``data/*.csv``) are, without pandas: the app's kernel and
the SDG list read them with the ``csv`` module."""

from __future__ import annotations

import os
import sys
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2] / "data"


def data_dir() -> Path:
    """``DGTKIT_DATA``; else ``data/`` of the checkout dgtkit runs from; else the installed copy
    (``share/dgtkit/data``, for a ``pip install`` as on Binder or Colab)."""
    if os.environ.get("DGTKIT_DATA"):
        return Path(os.environ["DGTKIT_DATA"])
    if (CHECKOUT / "egov_survey.csv").is_file():
        return CHECKOUT
    return Path(sys.prefix) / "share" / "dgtkit" / "data"
