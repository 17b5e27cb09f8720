"""The room as the facilitator's dashboard reads it (dgtkit.facilitator.room), from real
SQLite workbooks and plan files: the room's file held to its codes, hand-ins in a folder,
damaged files named and skipped, nothing ever written, and who may open it."""

from __future__ import annotations

import grp
import hashlib
import os
from datetime import date

import pytest

from dgtkit.charts.room import ratings_heatmap, ratings_heatmap_alt_text
from dgtkit.facilitator.dashboard import DashboardView, RoomDashboard
from dgtkit.facilitator.room import code_opens, hub_instructor, read_room, signature
from dgtkit.instructor.sample_answers import ANSWERS, write_plan_file, write_workbook
from dgtkit.store.team_codes import codes_path, write_codes, write_facilitator_code
from dgtkit.store.workbook import Workbook, WorkbookError
from tests.helpers import freeze_clock
from tests.room import knowledge

CODES = ["apple-river-stone", "cedar-harbor-kite"]
HOSTILE = "<img src=x onerror=alert(1)> =HYPERLINK(\"http://x\")"


@pytest.fixture
def room_file(tmp_path, monkeypatch):
    freeze_clock(monkeypatch, date(2027, 3, 5))
    path = tmp_path / "workbook.sqlite"
    write_workbook(path, CODES[0])
    team2 = Workbook(path, participant=CODES[1])
    team2.save("ex03_pillar_rating", ANSWERS["ex03_pillar_rating"]())
    team2.save("training_evaluation", {"ratings": {"relevance": 5, "clarity": 3},
                                       "texts": {"to_change": HOSTILE}, "commitments": []})
    Workbook(path, participant=CODES[0]).save("knowledge_test", knowledge(2, 6))
    team2.save("knowledge_test", knowledge(4, 4))
    Workbook(path, participant="not-a-team").save("ex07_vision", {"statement": "Secret"})
    write_codes(codes_path(path), CODES)
    return path


def test_the_room_file_shows_each_issued_team_and_nothing_else(room_file):
    room = read_room([room_file])
    assert [t.name for t in room.teams] == CODES
    first, second = room.teams
    assert {"ex03_pillar_rating", "ex07_vision", "action_plan"} <= first.done
    assert second.done == {"ex03_pillar_rating", "training_evaluation", "knowledge_test"}
    assert first.gaps and first.gaps[0].gap >= first.gaps[-1].gap  # biggest first
    assert "every resident of our regency" in first.vision and second.vision == ""
    assert "Nothing is missing" in first.plan_summary and first.plan_missing == []
    assert second.plan is None and second.plan_summary == "No plan saved yet."
    gain = room.gain()
    assert gain.participants == 2 and gain.whole.gain > 0
    means = {m.question: m.mean for m in room.rating_means()}
    assert means["Relevance to my work"] == 5.0 and means["Clarity"] == 3.0
    assert [(c.team, c.text) for c in room.comments()] == [(CODES[1], HOSTILE)]
    assert room.problems == []


def test_reading_changes_no_byte_and_a_read_only_workbook_refuses_to_save(room_file):
    before = hashlib.sha256(room_file.read_bytes()).hexdigest()
    read_room([room_file])
    assert hashlib.sha256(room_file.read_bytes()).hexdigest() == before
    with pytest.raises(WorkbookError, match="read only"):
        Workbook(room_file, participant=CODES[0], read_only=True).save("ex07_vision", {})
    with pytest.raises(WorkbookError, match="no workbook"):
        Workbook(room_file.with_name("none.sqlite"), read_only=True)
    assert not room_file.with_name("none.sqlite").exists()


def test_hand_ins_in_a_folder_a_damaged_file_is_named_and_the_rest_shown(tmp_path, room_file):
    folder = tmp_path / "handed-in"
    (folder / "laptop-3").mkdir(parents=True)
    write_workbook(folder / "laptop-3" / "workbook.sqlite", "team-lotus", ["ex07_vision"])
    write_plan_file(folder)  # a plan exported as JSON, named by its team
    (folder / "broken.sqlite").write_bytes(b"not a database" * 100)
    (folder / "broken.json").write_text("{", "utf-8")
    room = read_room([room_file, folder])
    names = [t.name for t in room.teams]
    assert "team-lotus" in names and set(CODES) <= set(names) and "not-a-team" not in names
    from_file = [t for t in room.teams if t.sources[-1].endswith(".json")]
    assert from_file and from_file[0].plan is not None and from_file[0].plan.actions
    assert sorted(p.split(":")[0] for p in room.problems) == ["broken.json", "broken.sqlite"]
    assert not list(folder.rglob("*-shm")) and not list(folder.rglob("*-wal"))  # nothing added


def test_the_signature_changes_when_a_team_saves(room_file):
    seen = signature([room_file])
    assert signature([room_file]) == seen
    Workbook(room_file, participant=CODES[1]).save("ex07_vision", ANSWERS["ex07_vision"]())
    assert signature([room_file]) != seen


def test_the_view_escapes_what_teams_typed_and_writes_every_rating_in_words(room_file):
    view = DashboardView(read_room([room_file]))
    html = "".join(part.value for part in view.parts.values())
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "✓ done" in html and "– not yet" in html  # never colour alone
    teams = [(t.name, t.ratings) for t in view.model.teams]
    alt = ratings_heatmap_alt_text(teams)
    assert f"{CODES[1]}: Digital leadership and vision 1" in alt
    figure = ratings_heatmap(teams)
    written = [t.get_text() for t in figure.axes[0].texts]
    assert written.count("1") >= 2 and len(written) == 2 * 8  # a number in every cell


def test_only_the_facilitators_code_opens_the_dashboard(tmp_path, room_file):
    code_file = tmp_path / "facilitator-code.txt"
    write_facilitator_code(code_file, "wizard-prairie-robin-glacier")
    assert code_opens("Wizard Prairie  Robin_Glacier", "wizard-prairie-robin-glacier")
    for guess in ("", CODES[0], "wizard-prairie-robin", "<b>", None):
        assert not code_opens(guess, "wizard-prairie-robin-glacier")
    assert not code_opens("", "")
    dashboard = RoomDashboard(sources=[room_file], code_file=code_file)
    assert dashboard.try_code(CODES[0]) is False and dashboard.view is None
    assert "facilitator only" in dashboard.gate.message.value
    assert dashboard.try_code("wizard prairie robin glacier") is True
    assert [t.name for t in dashboard.view.model.teams] == CODES
    assert dashboard.refresh() is False  # nothing new
    Workbook(room_file, participant=CODES[1]).save("ex07_vision", ANSWERS["ex07_vision"]())
    assert dashboard.refresh() is True and dashboard.view.model.teams[1].vision


def test_without_an_issued_code_nobody_opens_it(tmp_path, room_file):
    dashboard = RoomDashboard(sources=[room_file], code_file=tmp_path / "none.txt")
    assert dashboard.try_code("anything") is False and dashboard.view is None
    assert "make codes" in dashboard.gate.message.value


def test_on_a_hub_the_instructors_group_decides(monkeypatch, room_file):
    assert hub_instructor() is None  # off a hub: the code decides
    monkeypatch.setenv("JUPYTERHUB_USER", "someone")
    monkeypatch.setenv("DGT_GRADERS_GROUP", grp.getgrgid(os.getgid()).gr_name)
    assert hub_instructor() is True
    monkeypatch.setenv("DGT_GRADERS_GROUP", "no-such-group-dgt")
    assert hub_instructor() is False
    dashboard = RoomDashboard(sources=[room_file])
    assert dashboard.view is None and "facilitator only" in dashboard.root.children[0].value


def test_make_codes_issues_the_facilitators_code_once_apart_from_the_teams(tmp_path, capsys):
    from dgtkit.instructor.team_codes import main
    from dgtkit.store.team_codes import read_codes, read_facilitator_code

    codes, own = tmp_path / "team-codes.txt", tmp_path / "facilitator-code.txt"
    args = ["--file", str(codes), "--facilitator-file", str(own)]
    assert main(["3", *args]) == 0
    first = read_facilitator_code(own)
    assert len(first.split("-")) == 4 and first not in read_codes(codes)
    assert first in capsys.readouterr().out
    assert main(["5", *args]) == 0 and read_facilitator_code(own) == first  # kept
    assert main(["2", "--fresh", *args]) == 0 and read_facilitator_code(own) != first
    assert len(read_codes(codes)) == 2


def test_on_a_hub_the_dashboard_reads_the_exchanges_hand_ins(monkeypatch, tmp_path):
    from dgtkit.facilitator.room import default_sources

    assert default_sources()[1].name == "handed-in"  # beside the room's workbook
    monkeypatch.setenv("JUPYTERHUB_USER", "teacher")
    monkeypatch.setenv("DGT_EXCHANGE_ROOT", str(tmp_path / "exchange"))
    assert tmp_path / "exchange" / "dgt-capacities" / "inbound" in default_sources()
    monkeypatch.setenv("DGTKIT_DASHBOARD_SOURCES", os.pathsep.join(["a.sqlite", "b"]))
    assert [p.name for p in default_sources()] == ["a.sqlite", "b"]
