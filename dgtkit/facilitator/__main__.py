"""``python -m dgtkit.facilitator slides|pdf|worksheets|report|certificates``: what
``make slides``, ``make pdf``, ``make worksheets``, ``make report`` and ``make certificates``
run."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dgtkit.facilitator", description=__doc__)
    verbs = parser.add_subparsers(dest="verb", required=True)
    slides = verbs.add_parser("slides", help="one PowerPoint deck per module")
    slides.add_argument("--out", type=Path, default=Path("_build/slides"))
    slides.add_argument("--module", type=int, action="append",
                        help="only this module (may be given more than once)")
    pdf = verbs.add_parser("pdf", help="the whole book as one PDF, from the built HTML")
    pdf.add_argument("--html", type=Path, default=Path("_build/html"))
    pdf.add_argument("--out", type=Path, default=Path("_build/print/book.pdf"))
    sheets = verbs.add_parser("worksheets", help="a paper worksheet (PDF) for each exercise")
    sheets.add_argument("--out", type=Path, default=Path("_build/print/worksheets"))
    report = verbs.add_parser("report", help="the organizers' report (Word)")
    report.add_argument("--out", type=Path, default=Path("_build/report/report.docx"))
    certificates = verbs.add_parser("certificates",
                                    help="a certificate per participant (Word and PDF)")
    certificates.add_argument("--roster", type=Path, required=True)
    certificates.add_argument("--out", type=Path, default=Path("_build/certificates"))
    for verb in (report, certificates):
        verb.add_argument("--start", help="Day 1 of the workshop, as 2027-03-01")
        verb.add_argument("--workshop", type=Path, default=Path("workshop.yaml"),
                          help="the workshop's dates, organizers and place (YAML)")
    args = parser.parse_args(argv)

    started = time.monotonic()
    if args.verb in ("report", "certificates"):
        try:
            written = _end_of_week(args)
        except ValueError as error:  # WorkshopError: a message in plain words
            print(error, file=sys.stderr)
            return 2
    elif args.verb == "slides":
        from dgtkit.facilitator.slides import build_all

        written = build_all(args.out, args.module)
    elif args.verb == "pdf":
        from dgtkit.facilitator.pdf import book_pdf

        written = [book_pdf(args.html, args.out)]
    else:
        from dgtkit.facilitator.pdf import worksheet_pdfs

        written = worksheet_pdfs(args.out)
    for path in written:
        print(f"  {path}")
    print(f"{len(written)} file(s) in {time.monotonic() - started:.0f} s")
    return 0


def _end_of_week(args) -> list[Path]:
    from dgtkit.facilitator.workshop import load_workshop, read_roster

    workshop = load_workshop(args.workshop, args.start)
    if args.verb == "report":
        from dgtkit.facilitator.report import report_docx
        from dgtkit.facilitator.room import read_room

        room = read_room()
        for problem in room.problems:
            print(f"Not read: {problem}", file=sys.stderr)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(report_docx(room, workshop))
        return [args.out]
    from dgtkit.facilitator.certificates import write_certificates

    try:
        data = args.roster.read_bytes()
    except OSError as error:
        raise ValueError(f"The roster {args.roster} cannot be read: {error.strerror}.") from None
    return write_certificates(read_roster(data), workshop, args.out)


if __name__ == "__main__":
    sys.exit(main())
