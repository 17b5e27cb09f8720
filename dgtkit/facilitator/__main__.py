"""``python -m dgtkit.facilitator slides|pdf|worksheets``: what ``make slides``, ``make pdf``
and ``make worksheets`` run."""

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
    args = parser.parse_args(argv)

    started = time.monotonic()
    if args.verb == "slides":
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


if __name__ == "__main__":
    sys.exit(main())
