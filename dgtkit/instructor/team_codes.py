"""Issue the room's team codes for the Day 5 action-plan app (``make codes N=12``).

    python -m dgtkit.instructor.team_codes 12 [--fresh] [--file PATH]

Keeps the codes already issued (teams may have started their plans under them) and adds new
ones until there are N; ``--fresh`` starts a new list. Prints every code, one per line, to
read aloud or print on cards, and writes them where the app reads them
(``dgtkit.store.team_codes.codes_path``).
"""

from __future__ import annotations

import argparse
import secrets
import sys

from dgtkit.models.team_codes import generate, words
from dgtkit.store.team_codes import (
    CodesError,
    codes_path,
    facilitator_code_path,
    read_codes,
    read_facilitator_code,
    reserved_names,
    write_codes,
    write_facilitator_code,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="how many teams the room has")
    parser.add_argument("--fresh", action="store_true",
                        help="forget the codes already issued and start a new list")
    parser.add_argument("--file", help="where to write the codes (default: beside the "
                                       "workbook, or $DGTKIT_TEAM_CODES_FILE)")
    parser.add_argument("--facilitator-file",
                        help="where to write the facilitator's code (default: beside the "
                             "workbook, or $DGTKIT_FACILITATOR_CODE_FILE)")
    args = parser.parse_args(argv)
    path = codes_path() if args.file is None else args.file
    own_path = (facilitator_code_path() if args.facilitator_file is None
                else args.facilitator_file)
    issued: list[str] = []
    own = ""
    if not args.fresh:
        try:
            issued = read_codes(path)
        except CodesError:
            issued = []
        try:
            own = read_facilitator_code(own_path)
        except CodesError:
            own = ""
    reserved = reserved_names() | ({own} if own else set())
    try:
        new = generate(args.count - len(issued), taken=issued, reserved=reserved) \
            if args.count > len(issued) else []
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    codes = issued + new
    if not own or own in codes:
        own = facilitator_code(taken=codes)
        write_facilitator_code(own_path, own)
    write_codes(path, codes)
    print(f"{len(codes)} team codes in {path} ({len(new)} new):")
    for number, code in enumerate(codes, 1):
        print(f"  Team {number:>2}: {code}")
    print(f"The facilitator's code, for the dashboard only (in {own_path}; keep it to "
          "yourself):")
    print(f"  {own}")
    return 0


def facilitator_code(taken: list[str]) -> str:
    """A new facilitator's code: four different words (harder to guess than a team's three)."""
    rng = secrets.SystemRandom()
    pool = words()
    while True:
        code = "-".join(rng.sample(pool, 4))
        if code not in taken:
            return code

if __name__ == "__main__":
    sys.exit(main())
