"""The participant's workbook: what every exercise saves, kept as append-only revisions.

One SQLite file (WAL mode) holds the answers of one or more participants. Every save adds a
revision; nothing is updated or deleted, so nothing a participant typed is ever lost, and the
latest revision of an exercise is its current state. Several processes (Voila kernels, a
notebook, the autograder) may write to the same file at once.

The file is ``$DGTKIT_WORKBOOK`` if set, else ``workbook.sqlite`` in the working directory.
The participant is the one given, else ``$JUPYTERHUB_USER``, else the operating-system user.
"""

from __future__ import annotations

import getpass
import json
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

#: Written into the SQLite header so that a workbook can be told from any other database.
APPLICATION_ID = 0x44475457  # "DGTW"
SCHEMA_VERSION = 1
#: A revision larger than this is refused: no form produces it, a runaway paste might.
MAX_REVISION_BYTES = 5_000_000
DEFAULT_FILENAME = "workbook.sqlite"
#: Set by nbgrader while it runs a notebook (validate, autograde): nobody clicks then.
NBGRADER_EXECUTION = "NBGRADER_EXECUTION"
_EXERCISE_KEY = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,99}$")
_BUSY_TIMEOUT_S = 60.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS revisions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    participant TEXT NOT NULL,
    exercise    TEXT NOT NULL,
    saved_at    TEXT NOT NULL,
    data        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS revisions_by_owner ON revisions (participant, exercise, id);
CREATE TRIGGER IF NOT EXISTS revisions_no_update BEFORE UPDATE ON revisions
BEGIN SELECT RAISE(ABORT, 'workbook revisions are append-only'); END;
CREATE TRIGGER IF NOT EXISTS revisions_no_delete BEFORE DELETE ON revisions
BEGIN SELECT RAISE(ABORT, 'workbook revisions are append-only'); END;
"""


class WorkbookError(Exception):
    """The workbook cannot be used; the message says why in plain words."""


@dataclass(frozen=True)
class Revision:
    """One saved state of one exercise for one participant."""

    id: int
    participant: str
    exercise: str
    saved_at: datetime
    data: dict[str, Any]


def default_path() -> Path:
    """Where the workbook lives unless told otherwise."""
    configured = os.environ.get("DGTKIT_WORKBOOK", "").strip()
    return Path(configured) if configured else Path.cwd() / DEFAULT_FILENAME


def default_participant() -> str:
    """Who is working: the JupyterHub user, else the operating-system user."""
    hub_user = os.environ.get("JUPYTERHUB_USER", "").strip()
    if hub_user:
        return hub_user
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a bare container
        return "participant"


def open_workbook(workbook: Workbook | str | os.PathLike[str] | None = None,
                  participant: str | None = None) -> Workbook:
    """The workbook a form saves to: ``workbook`` itself (for ``participant``, if one is
    given), or the file it names (None: the default file). While nbgrader runs the notebook
    nobody clicks: a workbook that exists is read, and none is created."""
    if isinstance(workbook, Workbook):
        if participant and participant != workbook.participant:
            return Workbook(workbook.path, participant=participant)
        return workbook
    return Workbook(workbook, participant=participant,
                    create=not os.environ.get(NBGRADER_EXECUTION))


class Workbook:
    """Append-only store of a participant's answers, one SQLite file."""

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        participant: str | None = None,
        create: bool = True,
        read_only: bool = False,
        settled: bool = False,
    ):
        self.path = Path(path) if path is not None else default_path()
        self.participant = _check_participant(participant or default_participant())
        self.read_only = read_only or settled
        self.settled = settled
        if (self.read_only or not create) and not self.path.is_file():
            raise WorkbookError(f"There is no workbook at {self.path}.")
        if self.read_only:  # another's workbook, read as it is: nothing created or changed
            with self._connection() as db:
                _check_identity(self.path, *_identity(db)[:2])
        else:
            self._open_or_create()

    def __repr__(self) -> str:
        return f"Workbook({str(self.path)!r}, participant={self.participant!r})"

    # -- writing ---------------------------------------------------------------------------

    def save(self, exercise: str, data: dict[str, Any], participant: str | None = None) -> Revision:
        """Add a revision of ``exercise`` holding ``data`` (a JSON-compatible dict)."""
        if self.read_only:
            raise WorkbookError(f"The workbook {self.path} was opened to be read only.")
        exercise = _check_exercise(exercise)
        who = _check_participant(participant or self.participant)
        text = _encode(data)
        saved_at = datetime.now(UTC)
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO revisions (participant, exercise, saved_at, data) VALUES (?, ?, ?, ?)",
                (who, exercise, saved_at.isoformat(), text),
            )
            revision_id = cursor.lastrowid
        return Revision(revision_id, who, exercise, saved_at, json.loads(text))

    def restore(self, revision_id: int, participant: str | None = None) -> Revision:
        """Make an earlier revision current again, by saving a copy of it as the newest."""
        who = participant or self.participant
        with self._connection() as db:
            row = db.execute(
                "SELECT * FROM revisions WHERE id = ? AND participant = ?", (revision_id, who)
            ).fetchone()
        if row is None:
            raise WorkbookError(f"There is no revision {revision_id} for {who!r} in this workbook.")
        old = _revision(row)
        return self.save(old.exercise, old.data, participant=who)

    # -- reading ---------------------------------------------------------------------------

    def latest(self, exercise: str, participant: str | None = None) -> Revision | None:
        """The current state of ``exercise``, or None if it was never saved."""
        with self._connection() as db:
            row = db.execute(
                "SELECT * FROM revisions WHERE participant = ? AND exercise = ? "
                "ORDER BY id DESC LIMIT 1",
                (participant or self.participant, _check_exercise(exercise)),
            ).fetchone()
        return _revision(row) if row else None

    def latest_ids(self, exercises: list[str], participant: str | None = None
                   ) -> dict[str, int]:
        """The id of the newest revision of each of ``exercises`` that was ever saved: one
        cheap query, for a window that checks every few seconds whether anything changed."""
        keys = [_check_exercise(key) for key in exercises]
        marks = ", ".join("?" for _ in keys)
        with self._connection() as db:
            rows = db.execute(
                f"SELECT exercise, MAX(id) AS id FROM revisions WHERE participant = ? "
                f"AND exercise IN ({marks}) GROUP BY exercise",
                (participant or self.participant, *keys),
            ).fetchall()
        return {row["exercise"]: row["id"] for row in rows}

    def history(self, exercise: str, participant: str | None = None) -> list[Revision]:
        """Every revision of ``exercise``, oldest first."""
        with self._connection() as db:
            rows = db.execute(
                "SELECT * FROM revisions WHERE participant = ? AND exercise = ? ORDER BY id",
                (participant or self.participant, _check_exercise(exercise)),
            ).fetchall()
        return [_revision(row) for row in rows]

    def latest_by_anyone(self, exercise: str) -> Revision | None:
        """The newest revision of ``exercise`` whoever saved it (used when grading a file)."""
        with self._connection() as db:
            row = db.execute(
                "SELECT * FROM revisions WHERE exercise = ? ORDER BY id DESC LIMIT 1",
                (_check_exercise(exercise),),
            ).fetchone()
        return _revision(row) if row else None

    def participants(self) -> list[str]:
        """Everyone who has saved something in this workbook."""
        with self._connection() as db:
            rows = db.execute("SELECT DISTINCT participant FROM revisions ORDER BY 1").fetchall()
        return [row["participant"] for row in rows]

    # -- the file --------------------------------------------------------------------------

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        # A short-lived connection per operation: when the last one closes, SQLite folds the
        # write-ahead log back into the main file, so copying the workbook (nbgrader submit)
        # copies everything.
        # Read only: SQLite's own "mode=ro", so no write can reach the file by any path; a
        # settled copy (a hand-in nobody writes to) as immutable: nothing is made beside it.
        mode = "immutable=1" if self.settled else "mode=ro"
        target = f"{self.path.resolve().as_uri()}?{mode}" if self.read_only else self.path
        try:
            db = sqlite3.connect(target, timeout=_BUSY_TIMEOUT_S, isolation_level=None,
                                 uri=self.read_only)
        except sqlite3.Error as error:
            raise WorkbookError(f"The workbook {self.path} cannot be opened: {error}.") from error
        db.row_factory = sqlite3.Row
        try:
            if not self.read_only:
                db.execute("PRAGMA synchronous = FULL")
            yield db
        except sqlite3.DatabaseError as error:
            raise WorkbookError(_explain(self.path, error)) from error
        finally:
            db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._connection() as db, _immediate(db):
            yield db

    def _open_or_create(self) -> None:
        if self.path.is_dir():
            raise WorkbookError(f"{self.path} is a folder, not a workbook file.")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WorkbookError(f"The folder for the workbook {self.path} cannot be made: "
                                f"{error.strerror}.") from error
        with self._connection() as db:
            with _immediate(db):  # read and, for a new file, create in one step
                app_id, version, tables = _identity(db)
                if app_id == 0 and tables == 0:  # a new, empty file: make it a workbook
                    for statement in _split_schema():
                        db.execute(statement)
                    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    app_id, version = APPLICATION_ID, SCHEMA_VERSION
            _check_identity(self.path, app_id, version)
            check = db.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise WorkbookError(
                    f"The workbook {self.path} is damaged ({check}). Keep the file: "
                    "a facilitator may be able to recover earlier answers from it."
                )
            db.execute("PRAGMA journal_mode = WAL")


def _check_identity(path: Path, app_id: int, version: int) -> None:
    if app_id != APPLICATION_ID:
        raise WorkbookError(
            f"{path} is a database, but not a course workbook. Nothing was "
            "changed in it. Choose another file, or move this one away so that a new "
            "workbook can be started."
        )
    if version > SCHEMA_VERSION:
        raise WorkbookError(
            f"{path} was written by a newer version of dgtkit "
            f"(workbook format {version}); update dgtkit to open it."
        )


def _identity(db: sqlite3.Connection) -> tuple[int, int, int]:
    """The file's application id, format version and number of tables."""
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    tables = db.execute(
        "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    ).fetchone()[0]
    return app_id, version, tables


@contextmanager
def _immediate(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _split_schema() -> list[str]:
    """The schema as single statements (executescript would commit our transaction)."""
    statements, current = [], []
    for line in _SCHEMA.strip().splitlines():
        current.append(line)
        joined = "\n".join(current)
        if line.rstrip().endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            current = []
    return statements


def _explain(path: Path, error: sqlite3.DatabaseError) -> str:
    message = str(error)
    if "file is not a database" in message or "malformed" in message:
        return (
            f"{path} is not a readable course workbook: the file is damaged or is another kind "
            "of file. Nothing was read from it or written to it."
        )
    if "locked" in message or "busy" in message:
        return f"The workbook {path} stayed busy for {_BUSY_TIMEOUT_S:.0f} s; try again."
    if "readonly" in message:
        return f"The workbook {path} cannot be written here (read-only file or folder)."
    return f"The workbook {path} could not be used: {message}."


def _revision(row: sqlite3.Row) -> Revision:
    return Revision(
        id=row["id"],
        participant=row["participant"],
        exercise=row["exercise"],
        saved_at=datetime.fromisoformat(row["saved_at"]),
        data=json.loads(row["data"]),
    )


def _encode(data: dict[str, Any]) -> str:
    if not isinstance(data, dict):
        raise WorkbookError(f"An exercise saves a dict of answers, not {type(data).__name__}.")
    try:
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise WorkbookError(f"These answers cannot be saved as they are: {error}.") from error
    if len(text.encode("utf-8")) > MAX_REVISION_BYTES:
        raise WorkbookError(
            f"These answers are too large to save ({len(text):,} characters; the limit is "
            f"{MAX_REVISION_BYTES:,}). Shorten the longest text and save again."
        )
    return text


def _check_exercise(exercise: str) -> str:
    if not isinstance(exercise, str) or not _EXERCISE_KEY.match(exercise):
        raise WorkbookError(f"{exercise!r} is not a valid exercise key.")
    return exercise


def _check_participant(participant: str) -> str:
    if not isinstance(participant, str) or not participant.strip() or len(participant) > 200:
        raise WorkbookError("A participant name must be between 1 and 200 characters.")
    return participant.strip()
