"""Office files as a reader's office suite draws them: Debian's LibreOffice, headless, turns
them into PDF (``make libreoffice`` installs it), and poppler's pdftotext reads the pages."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

#: Words as a reader sees them: letters, with apostrophes or hyphens inside.
WORD = re.compile(r"[A-Za-z]+(?:['\u2019-][A-Za-z]+)*")


def to_pdf(*files: Path, timeout: int = 180) -> list[Path]:
    """Each Office file as a PDF beside it, drawn by LibreOffice in one run."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "Install LibreOffice: make libreoffice (or apt-get install libreoffice-writer)"
    folder = files[0].parent
    profile = folder / "lo-profile"  # its own profile: never the user's, never shared
    env = dict(os.environ, HOME=str(folder))
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(folder), *map(str, files)],
        check=True, capture_output=True, timeout=timeout, env=env,
    )
    return [f.with_suffix(".pdf") for f in files]


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page, as pdftotext reads it (reading order, no layout)."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def words(text: str) -> set[str]:
    return set(WORD.findall(text))
