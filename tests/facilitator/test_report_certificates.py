"""The end of the week: the organizers' report and the certificates, opened by a real client
(LibreOffice, headless, converts them: the certificates as ``make certificates`` does, the
report in one more call) and read back with pdftotext; the roster's and the workshop's checks."""

from __future__ import annotations

from datetime import date

import pytest

from dgtkit.facilitator.certificates import to_pdf, write_certificates
from dgtkit.facilitator.report import report_docx
from dgtkit.facilitator.room import read_room
from dgtkit.facilitator.workshop import WorkshopError, load_workshop, read_roster
from dgtkit.instructor.sample_answers import write_workbook
from dgtkit.models.knowledge_test import cohort_gain
from dgtkit.store.workbook import Workbook
from tests.facilitator.conftest import text_of
from tests.helpers import freeze_clock
from tests.room import knowledge

TEAMS = ["apple-river-stone", "cedar-harbor-kite"]
HOSTILE = "<script>alert(1)</script> too fast"
ROSTER = ("name,organization,sessions\n"
          "Amina Diallo,Ministry of ICT,all\n"
          "Tomás Ruiz,City of Quito,1.1 1.2; 7.2\n").encode()
WORKSHOP = ("start: 2027-03-01\nplace: Nairobi\norganizers:\n"
            "  - UN DESA Division for Public Institutions and Digital Government\n"
            "  - Kenya School of Government\n")


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """The report and the certificates of a small room, each converted to PDF once."""
    folder = tmp_path_factory.mktemp("end-of-week")
    with pytest.MonkeyPatch.context() as patch:
        freeze_clock(patch, date(2027, 3, 5))
        workbook = folder / "room.sqlite"
        write_workbook(workbook, TEAMS[0])
        Workbook(workbook, participant=TEAMS[1]).save("training_evaluation", {
            "ratings": {"relevance": 5, "pace": 2}, "texts": {"to_change": HOSTILE},
            "commitments": []})
        for team, pre, post in ((TEAMS[0], 3, 15), (TEAMS[1], 5, 12)):
            Workbook(workbook, participant=team).save("knowledge_test", knowledge(pre, post))
        (folder / "workshop.yaml").write_text(WORKSHOP, "utf-8")
        workshop = load_workshop(folder / "workshop.yaml")
        report = folder / "report.docx"
        report.write_bytes(report_docx(read_room([workbook]), workshop))
        certificates = write_certificates(read_roster(ROSTER), workshop, folder / "certificates")
        [report_pdf] = to_pdf([report], folder)
    return report_pdf, [p for p in certificates if p.suffix == ".pdf"], folder


def test_the_report_gives_the_programme_participation_evaluation_and_each_plan(written):
    report_pdf, _certificates, folder = written
    text = text_of(report_pdf, folder)
    assert "Dates: 1 March 2027 to 5 March 2027" in text and "Place: Nairobi" in text
    assert "Day 1, 1 March 2027" in text and "Day 5, 5 March 2027" in text
    assert "Kenya School of Government" in text
    assert "2 teams saved work" in text and "Ex 11: SMART indicator clinic" in text
    for question in ("Relevance to my work", "Clarity", "Pace", "Exercises", "Facilitation"):
        assert question in text  # every row, on whichever page it falls
    assert "5.0 of 5" in text and "2.0 of 5" in text
    assert HOSTILE in text  # the comment as written, as text
    assert f"Team {TEAMS[0]}" in text and "Nothing is missing" in text
    assert f"Team {TEAMS[1]}" not in text  # no plan, no page
    assert "over the 2 team(s) that took both" in text and "Whole test" in text
    whole = cohort_gain([knowledge(3, 15), knowledge(5, 12)]).whole.gain
    assert "1. Introduction" in text and f"{whole:+.0f} points" in text


def test_each_participant_has_a_certificate_with_course_dates_organizers_sessions(written):
    _report, certificates, folder = written
    assert [p.name for p in certificates] == ["certificate-01-amina-diallo.pdf",
                                              "certificate-02-tomas-ruiz.pdf"]
    amina, tomas = (text_of(p, folder) for p in certificates)
    for text in (amina, tomas):
        assert "Certificate of participation" in text
        assert "Capacities for Digital Government Transformation" in text
        assert "held from 1 March 2027 to 5 March 2027 in Nairobi" in text
        assert "UN DESA Division for Public Institutions and Digital Government" in text
    assert "Amina Diallo" in amina and "Sessions attended: all 31" in amina
    assert "Tomás Ruiz" in tomas and "City of Quito" in tomas
    assert "Sessions attended: 3 of 31" in tomas and "7.2 Evaluation of the training" in tomas
    assert "Amina" not in tomas


@pytest.mark.parametrize(("data", "message"), [
    (b"name,organization,sessions\n,Ministry,all\n", "Row 2: the name is empty"),
    (b"name,organization,sessions\nAmina,Ministry,1.1 9.9\n", "no session 9.9"),
    (b"name,organization,sessions\nAmina,Ministry,\n", "no sessions given"),
    ("name,organization,sessions\nTomás,Quito,all\n".encode("latin-1"), "not UTF-8"),
    (b"name,organization,sessions\n=HYPERLINK(\"http://x\"),Ministry,all\n", "formula"),
    (b"name,organization,sessions\nAmina,@SUM(A1),all\n", "organization starts with '@'"),
    (b"name;organization;sessions\nAmina;Ministry;all\n", "first row must be"),
    (b"name,organization,sessions\n", "lists nobody"),
])
def test_a_bad_roster_is_refused_whole_with_its_reason(data, message):
    with pytest.raises(WorkshopError, match=message):
        read_roster(data)


def test_a_roster_saved_by_excel_is_read_and_sessions_follow_the_week():
    people = read_roster(b"\xef\xbb\xbfName,Organization,Sessions\r\n"
                         b"Amina,Ministry,2.1;1.1\r\n\r\n")
    assert [(p.name, p.sessions) for p in people] == [("Amina", ("1.1", "2.1"))]


def test_the_workshop_needs_a_real_first_day(tmp_path):
    with pytest.raises(WorkshopError, match="START=2027-03-01"):
        load_workshop(tmp_path / "none.yaml")
    with pytest.raises(WorkshopError, match="not a date"):
        load_workshop(None, "1 March")
    workshop = load_workshop(None, "2027-03-01")
    assert workshop.dates_text == "1 March 2027 to 5 March 2027"


def test_the_guide_and_make_help_name_each_verb_and_what_it_needs():
    import subprocess

    from tests.helpers import REPO

    guide = (REPO / "book" / "facilitator-guide.md").read_text("utf-8")
    shown = subprocess.run(["make", "-s", "help"], cwd=REPO, capture_output=True, text=True,
                           check=True).stdout
    for verb in ("make dashboard", "make report START=", "make certificates ROSTER="):
        assert verb in guide and verb in shown
    assert "name,organization,sessions" in guide and "facilitator-code.txt" in guide
