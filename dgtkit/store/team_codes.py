"""The room's issued team codes: a text file the facilitator writes (``make codes N=12``) and
the app reads when a team types its code.

The file is ``$DGTKIT_TEAM_CODES_FILE`` if set, else ``team-codes.txt`` beside the workbook
(``notebooks/`` for ``make app``). One code per line; a ``#`` starts a comment. The codes are
kept in their normalized form (``dgtkit.models.team_codes.normalize``). A file that lists two
codes that normalize alike, or a code that is a user of this computer or of the hub, is
refused whole: the app then opens no plan and says why.
"""

from __future__ import annotations

import contextlib
import getpass
import os
from pathlib import Path

from dgtkit.models.team_codes import collisions, normalize
from dgtkit.models.text import FieldError
from dgtkit.store.workbook import default_path

FILENAME = "team-codes.txt"


class CodesError(Exception):
    """The codes file cannot be used; the message says why in plain words."""


def codes_path(workbook: str | os.PathLike[str] | None = None) -> Path:
    """Where the room's codes are: the setting, else beside the workbook."""
    configured = os.environ.get("DGTKIT_TEAM_CODES_FILE", "").strip()
    if configured:
        return Path(configured)
    return Path(workbook if workbook is not None else default_path()).with_name(FILENAME)


def reserved_names() -> set[str]:
    """Names that are never a team's: this computer's user and the hub's user, normalized."""
    names = {"participant", os.environ.get("JUPYTERHUB_USER", "")}
    with contextlib.suppress(KeyError, OSError):  # no user name in a bare container
        names.add(getpass.getuser())
    found = set()
    for name in names:
        try:
            found.add(normalize(name))
        except FieldError:
            continue
    return found


def read_codes(path: str | os.PathLike[str]) -> list[str]:
    """The issued codes in ``path``, normalized, in the file's order."""
    path = Path(path)
    try:
        lines = path.read_text("utf-8").splitlines()
    except FileNotFoundError:
        raise CodesError("No team codes have been issued for this room yet. The facilitator "
                         "issues them with 'make codes N=12' (see the facilitator guide)."
                         ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise CodesError(f"The room's team codes cannot be read ({error}). Ask the "
                         "facilitator.") from None
    written = [line.split("#", 1)[0].strip() for line in lines]
    written = [code for code in written if code]
    pairs = collisions(written)
    if pairs:
        one, other = pairs[0]
        raise CodesError(f"The room's codes file lists one code twice ('{one}' and "
                         f"'{other}' are the same code). Ask the facilitator to issue the "
                         "codes again.")
    codes = []
    for code in written:
        try:
            codes.append(normalize(code))
        except FieldError as error:
            raise CodesError(f"The room's codes file has a code that is not valid "
                             f"('{code[:40]}': {error.message}) Ask the facilitator.") from None
    clash = sorted(set(codes) & reserved_names())
    if clash:
        raise CodesError(f"The room's codes file lists '{clash[0]}', the name of a user of "
                         "this computer, which is never a team code. Ask the facilitator to "
                         "issue the codes again.")
    return codes


def write_codes(path: str | os.PathLike[str], codes: list[str]) -> None:
    """Write ``codes`` (normalized) to ``path``, readable only by this computer's user."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = ("# Team codes for the action-plan app, issued with 'make codes'. One per team;\n"
            "# give each team its own, and keep this file private.\n"
            + "".join(f"{normalize(code)}\n" for code in codes))
    temporary = path.with_name(path.name + ".new")
    temporary.write_text(text, "utf-8")
    os.chmod(temporary, 0o600)
    temporary.replace(path)


# -- the facilitator's code: opens the room's dashboard, never a team's plan -------------------

FACILITATOR_FILENAME = "facilitator-code.txt"


def facilitator_code_path(workbook: str | os.PathLike[str] | None = None) -> Path:
    """Where the facilitator's code is: ``$DGTKIT_FACILITATOR_CODE_FILE``, else beside the
    workbook (``notebooks/facilitator-code.txt`` for ``make codes``)."""
    configured = os.environ.get("DGTKIT_FACILITATOR_CODE_FILE", "").strip()
    if configured:
        return Path(configured)
    return Path(workbook if workbook is not None else default_path()).with_name(
        FACILITATOR_FILENAME)


def read_facilitator_code(path: str | os.PathLike[str]) -> str:
    """The facilitator's code in ``path``, normalized (CodesError: none issued, or unusable)."""
    try:
        lines = Path(path).read_text("utf-8").splitlines()
    except FileNotFoundError:
        raise CodesError("No facilitator code has been issued yet: the facilitator issues it "
                         "with 'make codes' (see the facilitator guide).") from None
    except (OSError, UnicodeDecodeError) as error:
        raise CodesError(f"The facilitator code cannot be read ({error}).") from None
    written = [line.split("#", 1)[0].strip() for line in lines]
    written = [code for code in written if code]
    if len(written) != 1:
        raise CodesError("The facilitator code file must hold exactly one code. Issue it "
                         "again with 'make codes FRESH=1'.")
    try:
        return normalize(written[0])
    except FieldError as error:
        raise CodesError(f"The facilitator code file holds no valid code ({error.message})"
                         ) from None


def write_facilitator_code(path: str | os.PathLike[str], code: str) -> None:
    """Write the facilitator's ``code`` to ``path``, readable only by this computer's user."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".new")
    temporary.write_text("# The facilitator's code for the room's dashboard ('make dashboard'),"
                         "\n# issued with 'make codes'. Keep it to yourself: never give it to "
                         f"a team.\n{normalize(code)}\n", "utf-8")
    os.chmod(temporary, 0o600)
    temporary.replace(path)
