"""The week's data file, _toc.yml and the pages on disk agree."""

from __future__ import annotations

import re

import pytest
import yaml

from dgtkit.course.week import week
from tests.conftest import REPO


def toc_chapters() -> list[dict]:
    toc = yaml.safe_load((REPO / "_toc.yml").read_text("utf-8"))
    return [chapter for part in toc["parts"] for chapter in part["chapters"]]


def toc_files() -> list[str]:
    toc = yaml.safe_load((REPO / "_toc.yml").read_text("utf-8"))
    files = [toc["root"]]
    for chapter in toc_chapters():
        files.append(chapter["file"])
        files += [section["file"] for section in chapter.get("sections", [])]
    return files


def source_of(docname: str):
    for suffix in (".md", ".ipynb"):
        if (REPO / f"{docname}{suffix}").is_file():
            return REPO / f"{docname}{suffix}"
    return None


def test_every_file_in_the_toc_exists():
    missing = [f for f in toc_files() if source_of(f) is None]
    assert missing == []


def test_every_page_the_week_implies_is_in_the_toc():
    assert set(week().pages()) - set(toc_files()) == set()


def test_each_module_chapter_holds_its_sessions_in_order_and_its_exercises():
    chapters = {c["file"]: [s["file"] for s in c.get("sections", [])] for c in toc_chapters()}
    w = week()
    for module in w.modules:
        sections = chapters[module.page]
        sessions = [s for s in sections if s.startswith("book/")]
        assert sessions == [s.page for s in module.sessions]
        notebooks = {e.notebook for e in w.exercises_of(module.number) if e.notebook}
        assert notebooks == {s for s in sections if s.startswith("notebooks/")}


def test_exercise_pages_follow_the_session_they_run_with():
    """Each exercise's page comes right after its session's page, or after the pages of the
    other exercises of the same slot, in the slot's order ("Your week so far", then the
    action plan, both after session 7.1)."""
    chapters = {c["file"]: [s["file"] for s in c.get("sections", [])] for c in toc_chapters()}
    w = week()
    for exercise in w.exercises:
        if not exercise.notebook:
            continue
        sections = chapters[w.module(exercise.module).page]
        position = sections.index(exercise.notebook)
        session = _session_run_with(w, exercise.id)
        before = [w.exercise(e).notebook for e in _slot_mates_before(w, exercise.id)
                  if w.exercise(e).module == exercise.module and w.exercise(e).notebook]
        if session is None:  # before any session of the week: it opens its chapter
            assert position == len(before)
        else:
            start = sections.index(w.session(session).page)
            assert sections[start + 1:position] == before, exercise.id


def _slot_mates_before(w, exercise_id: str) -> list[str]:
    """The exercises listed before ``exercise_id`` in its own (first) slot."""
    for day in w.days:
        for slot in day.slots:
            if exercise_id in slot.exercises:
                return list(slot.exercises[: slot.exercises.index(exercise_id)])
    return []


def _session_run_with(w, exercise_id: str) -> str:
    """The session of the exercise's own slot, or else the last session taught before it."""
    last = None
    for day in w.days:
        for slot in day.slots:
            if exercise_id in slot.exercises:
                return slot.sessions[0] if slot.sessions else last
            last = slot.sessions[-1] if slot.sessions else last
    raise AssertionError(f"{exercise_id} has no slot")


def test_no_module_page_on_disk_is_left_out_of_the_toc():
    on_disk = {str(p.relative_to(REPO).with_suffix("")) for p in (REPO / "book").glob("m*/*.md")}
    assert on_disk - set(toc_files()) == set()


@pytest.mark.parametrize("session", week().sessions, ids=lambda s: s.id)
def test_session_page_has_its_title_slot_and_learning_goal(session):
    text = source_of(session.page).read_text("utf-8")
    body = re.sub(
        r"\A---\n.*?\n---\n", "", text, flags=re.S
    )  # a page with figures has front matter
    assert body.lstrip("\n").splitlines()[0] == f"# {session.id} {session.title}"
    assert re.search(r"```\{session-info\} " + re.escape(session.id) + r"\n```", text)
    assert ":class: learning-goal" in text
    assert "## Question for discussion" in text


@pytest.mark.parametrize("module", week().modules, ids=lambda m: str(m.number))
def test_module_overview_states_outcomes_and_renders_its_slots(module):
    text = source_of(module.page).read_text("utf-8")
    assert text.splitlines()[0] == f"# Module {module.number}. {module.title}"
    assert f"```{{module-overview}} {module.number}\n```" in text
    assert "## Learning outcomes" in text
    outcomes = text.split("## Learning outcomes", 1)[1]
    assert len(re.findall(r"^- ", outcomes, flags=re.M)) >= 3


def test_pages_carry_no_placeholder_text():
    for docname in toc_files():
        text = source_of(docname).read_text("utf-8")
        for marker in ("TODO", "TBD", "lorem", "coming soon", "FIXME"):
            assert marker.lower() not in text.lower(), f"{docname} contains {marker!r}"
