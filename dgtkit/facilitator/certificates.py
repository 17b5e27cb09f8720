"""Certificates of participation (``make certificates``): one Word file per participant of the
roster, naming the course, the dates, the organizers and the sessions attended, and the same
as PDF, converted by LibreOffice in one call for all of them."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from dgtkit.course import TITLE as COURSE
from dgtkit.course.week import week
from dgtkit.facilitator.workshop import Participant, Workshop
from dgtkit.planfile.docx import BLUE, _page_setup


def certificate_docx(person: Participant, workshop: Workshop) -> bytes:
    """One participant's certificate, on one A4 page."""
    document = Document()
    _page_setup(document)
    document.sections[0].top_margin = Cm(3)
    document.sections[0].footer.paragraphs[0].text = ""

    def centred(text: str, size: float, bold: bool = False, space: float = 8, colour=None):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(space)
        run = paragraph.add_run(text)
        run.font.size, run.bold = Pt(size), bold
        if colour is not None:
            run.font.color.rgb = colour
        return paragraph

    centred("Certificate of participation", 26, bold=True, space=24, colour=BLUE)
    centred("This certifies that", 12)
    centred(person.name, 22, bold=True)
    if person.organization:
        centred(person.organization, 13)
    centred("took part in the workshop", 12, space=4)
    centred(COURSE, 16, bold=True, colour=BLUE)
    held = f"held from {workshop.dates_text}"
    centred(held + (f" in {workshop.place}" if workshop.place else "") + ".", 12, space=4)
    if workshop.organizers:
        centred("Organized by " + " and ".join(workshop.organizers) + ".", 12, space=18)
    the_week = week()
    every = len(the_week.sessions)
    count = len(person.sessions)
    heading = (f"Sessions attended: all {every}" if count == every
               else f"Sessions attended: {count} of {every}")
    centred(heading, 12, bold=True, space=4)
    listed = "; ".join(f"{s} {the_week.session(s).title}" for s in person.sessions)
    centred(listed, 8.5, space=30)
    centred("_____________________________", 12, space=2)
    centred("For the organizers", 10)
    document.core_properties.title = f"Certificate of participation: {person.name}"[:250]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def file_name(number: int, person: Participant) -> str:
    """``certificate-07-amina-diallo.docx``: numbered (two people may share a name), in
    plain letters."""
    plain = unicodedata.normalize("NFKD", person.name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:40] or "participant"
    return f"certificate-{number:02d}-{slug}.docx"


def write_certificates(people: list[Participant], workshop: Workshop, out: Path,
                       pdf: bool = True) -> list[Path]:
    """Every certificate as .docx in ``out`` and, with ``pdf``, as .pdf beside it."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for number, person in enumerate(people, start=1):
        path = out / file_name(number, person)
        path.write_bytes(certificate_docx(person, workshop))
        written.append(path)
    if pdf:
        written += to_pdf(written, out)
    return written


def to_pdf(files: list[Path], out: Path, timeout: float = 900) -> list[Path]:
    """``files`` converted to PDF into ``out`` by LibreOffice, headless, in one call, with a
    profile of its own (so it never waits for a LibreOffice already open)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("LibreOffice is needed to write PDF files: make office installs it.")
    with tempfile.TemporaryDirectory(prefix="dgt-office-") as profile:
        command = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", str(out),
                   *(str(f) for f in files)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                env={**os.environ, "HOME": profile})
    pdfs = [out / f.with_suffix(".pdf").name for f in files]
    missing = [p.name for p in pdfs if not p.is_file()]
    if missing:
        raise RuntimeError(f"LibreOffice did not convert {', '.join(missing[:5])}: "
                           f"{result.stderr[-500:]}")
    return pdfs
