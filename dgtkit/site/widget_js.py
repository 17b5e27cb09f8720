"""The widget JavaScript the book serves itself, so that widgets render with no internet.

Jupyter Book loads require.js and ``@jupyter-widgets/html-manager`` from a CDN by default; in a
workshop room without internet the exercises would then render as nothing. This module fetches
pinned releases of both from the npm registry once (checked against their published SHA-512),
keeps them in ``book/_vendor/widgets/`` and the book serves them from ``_static/widgets/``.

Run ``python -m dgtkit.site.widget_js`` to fetch them ahead of time (for example on a
machine that will go offline). ``$DGTKIT_NPM_REGISTRY`` points at a mirror of the registry.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import shutil
import sys
import tarfile
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

#: Where the files live, relative to the book's root, and where Sphinx copies them.
VENDOR_DIR = Path("book/_vendor")
SUBFOLDER = "widgets"


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    integrity: str  # the registry's "dist.integrity"
    members: tuple[str, ...]  # files taken from the tarball, relative to "package/"
    licence: str

    @property
    def tarball(self) -> str:
        registry = os.environ.get("DGTKIT_NPM_REGISTRY", "https://registry.npmjs.org").rstrip("/")
        return f"{registry}/{self.name}/-/{self.name.split('/')[-1]}-{self.version}.tgz"


_FONTS = (
    "1551f4f60c37af51121f.woff2", "7a3337626410ca2f4071.woff2", "d878b0a6a1144760244f.woff2",
    "2285773e6b4b172f07d9.woff", "bb58e57c48a3e911f15f.woff", "eeccf4f66002c6f2ba24.woff",
)

PACKAGES = (
    Package(
        name="requirejs",
        version="2.3.8",
        integrity="sha512-7/cTSLOdYkNBNJcDMWf+luFvMriVm7eYxp4BcFCsAX0wF421Vyce5SXP17c+Jd5otXKGNeh"
        "IonFlyQXSowL6Mw==",
        members=("require.js",),
        licence="MIT",
    ),
    Package(
        name="@jupyter-widgets/html-manager",
        version="1.0.15",
        integrity="sha512-5thBIV6ymNgmPVOHvzx+gGy8ZSKmSazhtGw4/c4xJDVzRhG9PTeQsRjF3FUTopvFi//SABeN"
        "z1yp47bCrJ3CQA==",
        members=("dist/embed-amd.js", *(f"dist/{font}" for font in _FONTS)),
        licence="BSD-3-Clause",
    ),
)

_STAMP = "VERSIONS.txt"


class WidgetJsError(RuntimeError):
    """The widget JavaScript is missing and could not be fetched."""


def _stamp_text() -> str:
    lines = [f"{p.name} {p.version} ({p.licence}) {p.integrity}" for p in PACKAGES]
    header = "Fetched by dgtkit.site.widget_js from the npm registry:"
    return "\n".join([header, *lines]) + "\n"


def is_present(root: Path) -> bool:
    folder = root / VENDOR_DIR / SUBFOLDER
    stamp = folder / _STAMP
    return stamp.is_file() and stamp.read_text("utf-8") == _stamp_text()


def _download(package: Package) -> bytes:
    try:
        with urllib.request.urlopen(package.tarball, timeout=60) as response:
            payload = response.read()
    except OSError as error:
        raise WidgetJsError(
            f"Could not download {package.name} {package.version} from {package.tarball} "
            f"({error}). The book needs it once to show its exercises without internet. "
            "Connect this machine once and build again, or copy the folder "
            f"{VENDOR_DIR} from a machine that has it."
        ) from error
    algorithm, expected = package.integrity.split("-", 1)
    actual = base64.b64encode(hashlib.new(algorithm, payload).digest()).decode()
    if actual != expected:
        raise WidgetJsError(f"{package.tarball} does not match its published checksum.")
    return payload


def fetch(root: Path) -> Path:
    """Download, check and unpack the pinned packages into ``root/book/_vendor/widgets``."""
    target = root / VENDOR_DIR / SUBFOLDER
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        staging = Path(tmp) / SUBFOLDER
        staging.mkdir()
        for package in PACKAGES:
            with tarfile.open(fileobj=io.BytesIO(_download(package)), mode="r:gz") as archive:
                for member in package.members:
                    extracted = archive.extractfile(f"package/{member}")
                    if extracted is None:
                        raise WidgetJsError(f"{package.name} has no file {member}")
                    (staging / Path(member).name).write_bytes(extracted.read())
        (staging / _STAMP).write_text(_stamp_text(), "utf-8")
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    return target


def ensure(root: Path) -> Path:
    """The vendored folder under ``root``, fetched first if it is missing or out of date."""
    if not is_present(root):
        fetch(root)
    return root / VENDOR_DIR / SUBFOLDER


def ensure_for_sphinx(app, config) -> None:
    """Sphinx ``config-inited`` hook: fetch if needed, before static paths are checked."""
    if str(VENDOR_DIR) in [str(Path(p)) for p in config.html_static_path]:
        ensure(Path(app.confdir))


if __name__ == "__main__":
    folder = ensure(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd())
    print(f"Widget JavaScript ready in {folder}")
