"""What the facilitator's kit is tested with: the decks, each converted to PDF once by
LibreOffice (one ``soffice`` call for all of them), and the PDFs read back by poppler."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest

from dgtkit.course.week import week


def _tool(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is missing: make test installs it (make office)"
    return found


def plain_env(tmp: Path) -> dict[str, str]:
    """An environment with a fixed locale and time zone and its own home: nothing a test
    reads depends on the machine's settings."""
    env = dict(os.environ)
    env.update({"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC", "HOME": str(tmp)})
    return env


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: tuple[Word, ...]

    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def title(self, below: float) -> str:
        """The words above ``below`` points from the top: a slide's title."""
        return " ".join(w.text for w in self.words if w.y1 <= below)


def words_of(pdf: Path, tmp: Path) -> list[Page]:
    """Every page of ``pdf`` with the box of each word on it (``pdftotext -bbox``)."""
    result = subprocess.run([_tool("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True,
                            check=True, env=plain_env(tmp))
    markup = result.stdout.decode("utf-8")
    markup = re.sub(r"<!DOCTYPE[^>]*>", "", markup).replace(' xmlns="http://www.w3.org/1999/xhtml"',
                                                             "")
    root = ElementTree.fromstring(markup)
    pages = []
    for page in root.iter("page"):
        words = tuple(
            Word(w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
            for w in page.iter("word")
        )
        pages.append(Page(float(page.get("width")), float(page.get("height")), words))
    return pages


def text_of(pdf: Path, tmp: Path) -> str:
    """The text of ``pdf`` in reading order (``pdftotext``), whitespace made single spaces."""
    result = subprocess.run([_tool("pdftotext"), str(pdf), "-"], capture_output=True,
                            check=True, env=plain_env(tmp))
    return " ".join(result.stdout.decode("utf-8").split())


def page_count(pdf: Path, tmp: Path) -> int:
    result = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, check=True,
                            env=plain_env(tmp))
    return int(re.search(r"^Pages:\s+(\d+)", result.stdout.decode("utf-8"), re.M).group(1))


@pytest.fixture(scope="session")
def decks(built_book) -> dict[int, Path]:
    """Every module's deck, as the published book serves it: the book's build made them
    (with the code ``make slides`` runs) and copied them into the site."""
    from dgtkit.facilitator.slides import deck_name

    return {m.number: built_book / "slides" / deck_name(m) for m in week().modules}


@pytest.fixture(scope="session")
def deck_pdfs(decks, tmp_path_factory) -> dict[int, Path]:
    """Each deck as LibreOffice Impress prints it: all of them in one headless call, with a
    profile of its own (so it never waits for another LibreOffice on the machine)."""
    out = tmp_path_factory.mktemp("slides-pdf")
    profile = tmp_path_factory.mktemp("lo-profile")
    command = [_tool("soffice"), f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--norestore", "--convert-to", "pdf", "--outdir", str(out),
               *(str(path) for path in decks.values())]
    result = subprocess.run(command, capture_output=True, timeout=900, env=plain_env(profile))
    pdfs = {number: out / path.with_suffix(".pdf").name for number, path in decks.items()}
    missing = [p.name for p in pdfs.values() if not p.is_file()]
    assert not missing, f"LibreOffice did not convert {missing}: {result.stderr[-2000:]!r}"
    return pdfs


@pytest.fixture(scope="session")
def deck_pages(deck_pdfs, tmp_path_factory) -> dict[int, list[Page]]:
    tmp = tmp_path_factory.mktemp("pdftotext")
    return {number: words_of(pdf, tmp) for number, pdf in deck_pdfs.items()}
