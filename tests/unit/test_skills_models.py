"""Ex 9, the skills-gap matrix: the course's data, the rules, the gaps and the saved form."""

import re

import pytest

from dgtkit.models.skills import (
    MAX_COMPETENCIES,
    MAX_ROLES,
    Cell,
    SkillsMatrix,
    catalogue,
    parse_catalogue,
)
from dgtkit.models.text import FieldError
from tests.conftest import REPO

PAGE = (REPO / "book/m5-strategy-roadmap/5-4-individual.md").read_text("utf-8")
BIB_KEYS = set(
    re.findall(r"^@\w+\{([^,]+),", (REPO / "book/references.bib").read_text("utf-8"), flags=re.M)
)


def matrix_with(*roles: str) -> SkillsMatrix:
    matrix = SkillsMatrix()
    for name in roles:
        matrix.add_role(name)
    return matrix


# -- the course's data --------------------------------------------------------------------------


def test_the_measures_are_exactly_the_seven_of_session_5_4_with_their_source():
    measures = catalogue().measures
    table = re.findall(r"^\| (.+?) \| .+ \| .+ \|$", PAGE, flags=re.M)
    assert table[0] == "Measure in the deck"  # the header row
    table = table[1:]
    assert [m.name for m in measures if m.id != "outside-experts"] == table
    assert "seven tools" in PAGE and "**Bring in outside experts**" in PAGE
    assert len(measures) == 7
    assert {m.source for m in measures} == {"seed-local-dt"}
    for measure in measures:
        assert measure.meaning.rstrip(".") in PAGE or measure.id == "outside-experts"


def test_the_scale_and_the_competencies_are_those_the_page_teaches():
    data = catalogue()
    scale = ", ".join(f"{lv.value} = {lv.name.lower()}" for lv in data.levels)
    assert scale in PAGE  # "0 = missing, 1 = some, 2 = enough for the role"
    listed = PAGE.split("A possible list: ", 1)[1].split(".\n", 1)[0]
    listed = re.sub(r"\{term\}`([^<`]+?)\s*(<[^>]*>)?`", r"\1", listed)
    assert [c.name.lower() for c in data.competencies] == listed.lower().split("; ")
    assert [g.name for g in data.role_groups] == re.findall(
        r"^- \*\*(.+?)\*\*, who", PAGE, flags=re.M
    )


def test_every_item_names_a_known_source_or_says_it_is_the_courses_own():
    data = catalogue()
    for source in data.citations:
        assert source == "course" or source in BIB_KEYS
    assert "own teaching example" in data.cite("course")


def test_a_broken_catalogue_is_refused():
    import yaml

    raw = yaml.safe_load((REPO / "dgtkit/course/ex09_competencies.yaml").read_text("utf-8"))
    raw["measures"][0]["source"] = "a-blog"
    with pytest.raises(ValueError, match="a-blog"):
        parse_catalogue(raw)
    raw = yaml.safe_load((REPO / "dgtkit/course/ex09_competencies.yaml").read_text("utf-8"))
    raw["scale"]["levels"][0]["value"] = 1
    with pytest.raises(ValueError, match="numbered 0, 1, 2"):
        parse_catalogue(raw)


# -- roles and competencies ---------------------------------------------------------------------


def test_a_new_matrix_has_the_courses_competencies_and_no_role():
    matrix = SkillsMatrix()
    assert [c.id for c in matrix.competencies] == [c.id for c in catalogue().competencies]
    assert matrix.roles == [] and matrix.gaps() == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("   ", "is empty"),
        ("x" * 10_000, "too long (10,000 characters)"),
        ("front-office STAFF", "already in the matrix"),
    ],
)
def test_role_names_are_checked(name, message):
    matrix = matrix_with("Front-office staff")
    with pytest.raises(FieldError, match=re.escape(message)) as error:
        matrix.add_role(name)
    assert error.value.field == "role"


def test_the_matrix_stays_small():
    matrix = matrix_with(*(f"Role {n}" for n in range(MAX_ROLES)))
    with pytest.raises(FieldError, match=f"at most {MAX_ROLES} roles"):
        matrix.add_role("One too many")
    with pytest.raises(FieldError, match=f"at most {MAX_COMPETENCIES} competencies"):
        matrix.add_own_competency("Artificial intelligence")


def test_competencies_are_added_from_the_list_or_named_by_the_team():
    matrix = SkillsMatrix()
    matrix.remove_competency("data")
    matrix.remove_competency("projects")
    assert matrix.add_competency("data").name == "Using and sharing data"
    own = matrix.add_own_competency("  Records   management ")
    assert own.own and own.name == "Records management" and own.id.startswith("own-")
    with pytest.raises(FieldError, match="Choose a competency from the list"):
        matrix.add_competency("no-such-thing")
    matrix.remove_competency(own.id)
    with pytest.raises(FieldError, match="Basic cybersecurity is already in the matrix"):
        matrix.add_own_competency("basic cybersecurity")
    with pytest.raises(FieldError, match="already in the matrix"):
        matrix.add_competency("data")


def test_removing_a_role_or_competency_removes_its_cells():
    matrix = matrix_with("Head of department", "IT officer")
    head, it = matrix.roles
    for role in (head, it):
        matrix.set_today(role.id, "data", 0)
        matrix.set_needed(role.id, "leadership", 2)
    matrix.remove_role(head.id)
    matrix.remove_competency("leadership")
    assert list(matrix.cells) == [(it.id, "data")]
    with pytest.raises(FieldError, match="no longer in the matrix"):
        matrix.set_today(head.id, "data", 1)
    with pytest.raises(FieldError, match="no longer in the matrix"):
        matrix.set_today(it.id, "leadership", 1)


# -- cells and gaps -----------------------------------------------------------------------------


@pytest.mark.parametrize("level", [3, -1, True, "2", 1.0])
def test_a_level_is_a_whole_number_on_the_scale(level):
    matrix = matrix_with("IT officer")
    with pytest.raises(FieldError, match="whole number from 0 to 2"):
        matrix.set_today(matrix.roles[0].id, "data", level)


def test_the_gap_is_needed_minus_today_and_never_below_zero():
    assert Cell(0, 2).gap == 2
    assert Cell(1, 2).gap == 1
    assert Cell(2, 1).gap == 0  # more than the role needs is no gap
    assert Cell(None, 2).gap is None and not Cell(1, None).rated


def test_only_a_gap_takes_a_measure_and_a_provider():
    matrix = matrix_with("Front-office staff")
    role = matrix.roles[0].id
    matrix.set_today(role, "cybersecurity", 2)
    matrix.set_needed(role, "cybersecurity", 2)
    with pytest.raises(FieldError, match="no gap, so it needs no measure"):
        matrix.choose_measure(role, "cybersecurity", "training-by-position")
    with pytest.raises(FieldError, match="no gap"):
        matrix.name_provider(role, "cybersecurity", "The IT unit")
    matrix.set_today(role, "cybersecurity", 0)
    with pytest.raises(FieldError, match="Choose a measure from the list"):
        matrix.choose_measure(role, "cybersecurity", "free-laptops")
    matrix.choose_measure(role, "cybersecurity", "training-by-position")
    with pytest.raises(FieldError, match="too long") as error:
        matrix.name_provider(role, "cybersecurity", "x" * 10_000)
    assert error.value.field == "provider"
    matrix.name_provider(role, "cybersecurity", "The national school of government")
    gap = matrix.gaps()[0]
    assert (gap.gap, gap.measure_name, gap.provider) == (
        2,
        "Training guides tailored to each position",
        "The national school of government",
    )


def test_gaps_come_biggest_first_then_in_matrix_order_and_are_summed_up():
    matrix = matrix_with("Head of department", "Front-office staff", "IT officer")
    head, front, it = (r.id for r in matrix.roles)
    for role, competency, today, needed in [
        (head, "leadership", 1, 2),
        (front, "helping-residents", 0, 2),
        (front, "data", 1, 2),
        (it, "cybersecurity", 0, 2),
        (it, "data", 2, 2),
    ]:
        matrix.set_today(role, competency, today)
        matrix.set_needed(role, competency, needed)
    assert [(g.role_name, g.competency, g.gap) for g in matrix.gaps()] == [
        ("Front-office staff", "helping-residents", 2),
        ("IT officer", "cybersecurity", 2),
        ("Head of department", "leadership", 1),
        ("Front-office staff", "data", 1),
    ]
    assert matrix.biggest_gaps(1)[0].competency == "helping-residents"
    assert matrix.summary() == [
        "4 of 18 cells have a gap; 6 levels to gain.",
        "The biggest gaps: Front-office staff, Helping residents online (2); IT officer, Basic "
        "cybersecurity (2); Head of department, Digital leadership (1); Front-office staff, "
        "Using and sharing data (1).",
        "The competency with the biggest total gap: Basic cybersecurity and Helping residents "
        "online (2 levels).",
        "The role with the biggest total gap: Front-office staff (3 levels).",
    ]
    assert matrix.unrated() == 13


def test_the_checklist_follows_the_steps_of_the_page():
    matrix = matrix_with("Head of department")
    checks = {c.id: c for c in matrix.checks()}
    assert not checks["roles"].passed and "Add 3 more" in checks["roles"].reason
    assert checks["competencies"].passed
    assert checks["rated"].reason == "6 cells still to rate."
    assert checks["measures"].passed and checks["measures"].reason == "No gap so far."
    role = matrix.roles[0].id
    matrix.set_today(role, "data", 0)
    matrix.set_needed(role, "data", 1)
    checks = {c.id: c for c in matrix.checks()}
    assert not checks["measures"].passed and not checks["providers"].passed
    assert "1 of 1 gaps have no measure yet" in checks["measures"].reason
    assert "no gap yet" in SkillsMatrix().summary()[0].lower()


# -- saving -------------------------------------------------------------------------------------


def filled() -> SkillsMatrix:
    matrix = matrix_with("Head of department", "Front-office staff")
    matrix.remove_competency("projects")
    matrix.add_own_competency("Records management")
    front = matrix.roles[1].id
    matrix.set_today(front, "data", 0)
    matrix.set_needed(front, "data", 2)
    matrix.choose_measure(front, "data", "cross-training")
    matrix.name_provider(front, "data", "The university's data lab")
    matrix.set_today(matrix.roles[0].id, "leadership", 1)
    return matrix


def test_the_matrix_survives_a_round_trip_and_hands_its_gaps_on():
    matrix = filled()
    data = matrix.to_dict()
    assert data["gaps"] == [g.to_dict() for g in matrix.gaps()]
    assert data["gaps"][0]["measure_name"] == "Cross-training with outside groups"
    again = SkillsMatrix.from_dict(data)
    assert again == matrix and again.to_dict() == data
    assert again.competencies[-1].own


def test_loading_is_tolerant_of_missing_and_outdated_parts():
    assert SkillsMatrix.from_dict({}) == SkillsMatrix()
    data = filled().to_dict()
    data["cells"][0]["measure"] = "a-measure-the-course-dropped"
    data["cells"].append({"role": "gone", "competency": "data", "today": 1})
    data["cells"].append({"role": data["roles"][0]["id"], "competency": "data", "today": 7})
    data["roles"].append({"id": "x", "name": ""})
    model = SkillsMatrix.from_dict(data)
    assert len(model.roles) == 2 and len(model.cells) == 2
    assert model.gaps()[0].measure == ""


@pytest.mark.parametrize(
    "garbage",
    [
        [],
        "matrix",
        {"roles": "Head"},
        {"roles": ["Head"]},
        {"roles": [{"id": "x"}]},
        {"cells": [{"today": 1}]},
    ],
)
def test_garbage_is_refused(garbage):
    with pytest.raises((TypeError, ValueError, KeyError)):
        SkillsMatrix.from_dict(garbage)


def test_a_cleared_cell_is_not_kept():
    matrix = matrix_with("IT officer")
    role = matrix.roles[0].id
    matrix.set_today(role, "data", 1)
    matrix.set_today(role, "data", None)
    matrix.choose_measure(role, "data", "")
    assert matrix.cells == {} and matrix.to_dict()["cells"] == []
    assert SkillsMatrix.from_dict(matrix.to_dict()) == matrix
