"""The workbook: append-only revisions in SQLite, safe with several writers."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from dgtkit.store.workbook import (
    APPLICATION_ID,
    MAX_REVISION_BYTES,
    Workbook,
    WorkbookError,
    default_participant,
    default_path,
)


@pytest.fixture
def path(tmp_path):
    return tmp_path / "workbook.sqlite"


def test_round_trip_keeps_every_value(path):
    data = {"government": "Ville de Dakar <b>", "ratings": {"a": 3, "b": None}, "note": "é ✓"}
    saved = Workbook(path, participant="ana").save("ex03_pillar_rating", data)
    again = Workbook(path, participant="ana").latest("ex03_pillar_rating")
    assert again.data == data
    assert again.id == saved.id
    assert again.participant == "ana"
    assert again.saved_at.tzinfo is not None


def test_latest_is_the_newest_and_history_keeps_all(path):
    workbook = Workbook(path, participant="ana")
    for value in range(5):
        workbook.save("ex03", {"value": value})
    assert workbook.latest("ex03").data == {"value": 4}
    assert [r.data["value"] for r in workbook.history("ex03")] == [0, 1, 2, 3, 4]


def test_participants_and_exercises_are_kept_apart(path):
    Workbook(path, participant="ana").save("ex03", {"who": "ana"})
    Workbook(path, participant="ben").save("ex03", {"who": "ben"})
    Workbook(path, participant="ben").save("action_plan", {"who": "ben"})
    assert Workbook(path, participant="ana").latest("ex03").data == {"who": "ana"}
    assert Workbook(path, participant="ana").latest("action_plan") is None
    assert Workbook(path).participants() == ["ana", "ben"]
    assert Workbook(path).latest_by_anyone("ex03").data == {"who": "ben"}


def test_restore_brings_back_an_earlier_revision_without_losing_later_ones(path):
    workbook = Workbook(path, participant="ana")
    first = workbook.save("ex03", {"v": 1})
    workbook.save("ex03", {"v": 2})
    restored = workbook.restore(first.id)
    assert workbook.latest("ex03").data == {"v": 1}
    assert restored.id > first.id
    assert [r.data["v"] for r in workbook.history("ex03")] == [1, 2, 1]


def test_restore_of_someone_elses_revision_is_refused(path):
    theirs = Workbook(path, participant="ben").save("ex03", {"v": 1})
    with pytest.raises(WorkbookError, match="no revision"):
        Workbook(path, participant="ana").restore(theirs.id)


def test_revisions_cannot_be_changed_or_deleted_even_with_sql(path):
    Workbook(path, participant="ana").save("ex03", {"v": 1})
    db = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE revisions SET data = '{}'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM revisions")
    db.close()


def test_file_is_in_wal_mode_and_marked_as_a_workbook(path):
    Workbook(path).save("ex03", {})
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    db.close()


def test_corrupt_file_is_refused_with_a_clear_message_and_left_untouched(path):
    garbage = os.urandom(4096)
    path.write_bytes(garbage)
    with pytest.raises(WorkbookError, match="damaged or is another kind of file"):
        Workbook(path)
    assert path.read_bytes() == garbage


def test_damaged_workbook_is_refused(path):
    workbook = Workbook(path)
    for i in range(200):
        workbook.save("ex03", {"text": "x" * 500, "i": i})
    raw = bytearray(path.read_bytes())
    raw[4096 * 2 : 4096 * 3] = os.urandom(4096)  # smash a page in the middle
    path.write_bytes(bytes(raw))
    with pytest.raises(WorkbookError, match="damaged|not a readable"):
        Workbook(path).history("ex03")


def test_foreign_sqlite_database_is_refused_and_left_unchanged(path):
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE customers (name TEXT)")
    db.execute("INSERT INTO customers VALUES ('x')")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(WorkbookError, match="not a course workbook"):
        Workbook(path)
    assert path.read_bytes() == before


def test_workbook_from_a_newer_version_is_refused(path):
    Workbook(path).save("ex03", {})
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    with pytest.raises(WorkbookError, match="newer version"):
        Workbook(path)


def test_empty_file_becomes_a_workbook(path):
    path.write_bytes(b"")
    Workbook(path).save("ex03", {"v": 1})
    assert Workbook(path).latest("ex03").data == {"v": 1}


def test_missing_file_is_not_created_when_reading_only(path):
    with pytest.raises(WorkbookError, match="no workbook"):
        Workbook(path, create=False)
    assert not path.exists()


def test_folder_is_refused(tmp_path):
    with pytest.raises(WorkbookError, match="is a folder"):
        Workbook(tmp_path)


@pytest.mark.parametrize("data", [["not", "a", "dict"], {"x": float("nan")}, {"x": object()}])
def test_data_that_cannot_be_saved_is_refused_and_nothing_is_written(path, data):
    workbook = Workbook(path)
    with pytest.raises(WorkbookError):
        workbook.save("ex03", data)
    assert workbook.history("ex03") == []


def test_huge_revision_is_refused_with_its_size(path):
    workbook = Workbook(path)
    workbook.save("ex03", {"ok": True})
    with pytest.raises(WorkbookError, match="too large"):
        workbook.save("ex03", {"text": "x" * (MAX_REVISION_BYTES + 1)})
    assert workbook.latest("ex03").data == {"ok": True}


@pytest.mark.parametrize("key", ["", "Ex 3", "../etc", "x" * 101, None])
def test_bad_exercise_keys_are_refused(path, key):
    with pytest.raises(WorkbookError):
        Workbook(path).save(key, {})


def test_hostile_text_is_stored_verbatim(path):
    text = "<script>alert(1)</script>'); DROP TABLE revisions; --"
    Workbook(path).save("ex03", {"text": text})
    assert Workbook(path).latest("ex03").data["text"] == text


def test_location_and_participant_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("DGTKIT_WORKBOOK", str(tmp_path / "sub" / "mine.sqlite"))
    monkeypatch.setenv("JUPYTERHUB_USER", "amina")
    assert default_path() == tmp_path / "sub" / "mine.sqlite"
    assert default_participant() == "amina"
    workbook = Workbook()
    workbook.save("ex03", {})
    assert (tmp_path / "sub" / "mine.sqlite").is_file()
    assert workbook.participant == "amina"


def test_default_location_is_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("DGTKIT_WORKBOOK")
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.chdir(tmp_path)
    assert default_path() == tmp_path / "workbook.sqlite"
    assert default_participant()  # the operating-system user


def test_an_explicit_participant_wins(monkeypatch, path):
    monkeypatch.setenv("JUPYTERHUB_USER", "amina")
    assert Workbook(path, participant="team-7").participant == "team-7"


def _save_many(path: str, writer: int, count: int) -> None:
    workbook = Workbook(path, participant=f"writer-{writer}")
    for i in range(count):
        workbook.save("ex03", {"writer": writer, "i": i})


def test_four_processes_saving_at_once_lose_nothing(path):
    Workbook(path)  # created once; the writers race on the saves
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_save_many, args=(str(path), n, 200)) for n in range(4)]
    for process in writers:
        process.start()
    for process in writers:
        process.join(timeout=300)
        assert process.exitcode == 0
    workbook = Workbook(path)
    for n in range(4):
        history = workbook.history("ex03", participant=f"writer-{n}")
        assert [r.data["i"] for r in history] == list(range(200))
    total = sqlite3.connect(path).execute("SELECT count(*) FROM revisions").fetchone()[0]
    assert total == 800


_KILLED_WRITER = textwrap.dedent(
    """
    import sys, time
    from dgtkit.store.workbook import Workbook
    workbook = Workbook(sys.argv[1], participant="writer")
    i = 0
    while True:
        workbook.save("ex03", {"i": i, "text": "x" * 2000})
        i += 1
        if i == 50:
            print("saving", flush=True)
    """
)


def test_writer_killed_mid_save_leaves_every_earlier_revision_readable(path):
    workbook = Workbook(path, participant="ana")
    earlier = [workbook.save("ex03", {"kept": i}) for i in range(20)]
    writer = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout.readline().strip() == "saving"
    time.sleep(0.3)  # let it be in the middle of more saves
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)

    reopened = Workbook(path, participant="ana")
    assert [r.data for r in reopened.history("ex03")] == [r.data for r in earlier]
    theirs = reopened.history("ex03", participant="writer")
    assert [r.data["i"] for r in theirs] == list(range(len(theirs)))  # no gap, no torn row
    assert len(theirs) >= 50
    reopened.save("ex03", {"after": True})  # the killed writer left no lock behind
    assert reopened.latest("ex03").data == {"after": True}


_HELD_TRANSACTION = textwrap.dedent(
    """
    import sqlite3, sys, time
    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO revisions (participant, exercise, saved_at, data) "
               "VALUES ('ana', 'ex03', '2026-01-01T00:00:00+00:00', '{\\"half\\": 1}')")
    print("inside", flush=True)
    time.sleep(60)
    """
)


def test_a_save_killed_before_commit_is_rolled_back(path):
    workbook = Workbook(path, participant="ana")
    workbook.save("ex03", {"v": 1})
    writer = subprocess.Popen(
        [sys.executable, "-c", _HELD_TRANSACTION, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout.readline().strip() == "inside"
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)
    assert [r.data for r in Workbook(path, participant="ana").history("ex03")] == [{"v": 1}]
