"""Every exercise shows hostile text as text: type it into every box, press every button,
and no HTML the form shows may contain a live tag."""

import ipywidgets as w
import pytest

import dgtkit.exercises as exercises
from dgtkit.store.workbook import Workbook

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">'
NO_TEXT_BOXES = {"KnowledgeTest"}  # answers are radio buttons only


def widgets_in(root):
    seen, stack = [], [root]
    while stack:
        widget = stack.pop()
        seen.append(widget)
        stack.extend(getattr(widget, "children", ()))
    return seen


def shown_html(root):
    return " ".join(x.value for x in widgets_in(root) if isinstance(x, w.HTML | w.HTMLMath))


@pytest.mark.parametrize("name", sorted(exercises.EXERCISES))
def test_hostile_text_in_every_box_is_never_live_html(name, tmp_path):
    exercise = getattr(exercises, name)(Workbook(tmp_path / "workbook.sqlite"))
    boxes = [x for x in widgets_in(exercise.widget) if isinstance(x, w.Text | w.Textarea)]
    assert bool(boxes) == (name not in NO_TEXT_BOXES)
    for box in boxes:
        box.value = HOSTILE
    for button in [x for x in widgets_in(exercise.widget) if isinstance(x, w.Button)]:
        button.click()
    # Widgets may be rebuilt by a click: look again at everything the form now shows.
    html = shown_html(exercise.widget)
    assert "<script" not in html and "<img src=x" not in html
