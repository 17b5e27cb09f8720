"""What dgtkit.site.pages changes in the theme's HTML, on small pieces of it."""

from __future__ import annotations

from dgtkit.site.pages import fix_bibliography, launch_links, name_menu_toggles, preview_note

BUTTONS = [{"type": "group", "label": "launch-buttons", "buttons": [
    {"type": "link", "text": "Binder", "url": "https://mybinder.org/v2/gh/o/r/main?x=1&y=2"},
    {"type": "link", "text": "Colab", "url": "https://colab.research.google.com/github/o/r"},
]}]


def test_the_launch_choices_are_the_theme_s_in_the_course_s_order_and_only_those():
    assert [words for words, _ in launch_links({"header_buttons": BUTTONS})] == [
        "on Colab", "on Binder"]
    hub = {"type": "link", "text": "JupyterHub", "url": "https://hub.school.test/hub/x"}
    with_hub = [{**BUTTONS[0], "buttons": [*BUTTONS[0]["buttons"], hub]}]
    assert launch_links({"header_buttons": with_hub})[0] == (
        "on your course's JupyterHub", "https://hub.school.test/hub/x")
    assert launch_links({}) == []


def test_the_preview_note_is_one_sentence_and_escapes_its_links():
    note = preview_note(launch_links({"header_buttons": BUTTONS}))
    assert note.count("<p>") == 1 and "cannot save your answers here" in note
    assert 'href="https://mybinder.org/v2/gh/o/r/main?x=1&amp;y=2"' in note
    assert "Open it on Colab" in note and "JupyterHub" not in note
    assert "open it live" not in preview_note([])  # nothing to open: no promise


def test_each_toggle_of_the_menu_is_named_after_its_chapter():
    html = ('<li><a class="reference internal" href="m1.html">Module 1. <em>Why</em> &amp; how'
            '</a><details><summary><span class="toctree-toggle" role="presentation">'
            '<i class="fa-solid fa-chevron-down"></i></span></summary><ul></ul></details></li>')
    named = name_menu_toggles(html)
    assert '<summary aria-label="Sessions of Module 1. Why &amp; how">' in named
    assert named.count("<summary") == 1 and "Module 1. <em>Why</em>" in named


def test_references_are_list_items():
    html = '<div role="list"><div class="citation" id="id1" role="doc-biblioentry"></div></div>'
    assert fix_bibliography(html) == (
        '<div role="list"><div class="citation" id="id1" role="listitem"></div></div>')
