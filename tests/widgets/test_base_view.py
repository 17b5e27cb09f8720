"""The base of every exercise view: quiet updates, the field handler, save before redraw."""

import ipywidgets as w
import pytest

from dgtkit.models.text import FieldError
from dgtkit.widgets.base import View


class Name:
    """A one-field model: a name, never empty."""

    def __init__(self):
        self.name = ""

    def rename(self, text):
        if not text.strip():
            raise FieldError("name", "Write a name <first>.")
        self.name = text


class NameView(View):
    """One text box, its message, and a log of every save and redraw."""

    def __init__(self, model, on_change):
        super().__init__(model, on_change)
        self.log = []
        self.broken = False  # True: redraw fails, as a chart might
        self.name = w.Text()
        self.message = w.HTML()
        self.name.observe(self.field_handler(model.rename, self.message), names="value")
        self.widget = w.VBox([self.name, self.message, self.status])

    def redraw(self):
        self.log.append(("redraw", self.model.name))
        if self.broken:
            raise RuntimeError("the chart could not be drawn")


@pytest.fixture
def view():
    saves = []
    view = NameView(Name(), on_change=lambda: saves.append(view.model.name))
    view.saves = saves
    return view


def test_an_accepted_change_is_saved_then_redrawn(view):
    view.name.value = "Ana"
    assert view.model.name == "Ana" and view.saves == ["Ana"]
    assert view.log == [("redraw", "Ana")] and view.message.value == ""


def test_a_failing_redraw_never_costs_the_change(view):
    view.broken = True
    with pytest.raises(RuntimeError):
        view.name.value = "Ana"
    assert view.saves == ["Ana"]  # saved before the redraw failed


def test_a_field_error_shows_beside_the_field_and_saves_nothing(view):
    view.name.value = "Ana"
    view.name.value = "   "
    assert "Problem" in view.message.value and "Write a name" in view.message.value
    assert "&lt;first&gt;" in view.message.value  # escaped, never markup
    assert view.model.name == "Ana" and view.saves == ["Ana"] and len(view.log) == 1
    view.name.value = "Bo"
    assert view.message.value == "" and view.saves == ["Ana", "Bo"]


def test_values_the_form_sets_quietly_are_not_saved(view):
    view.set_quietly(view.name, "Shown")
    with view.quietly():
        view.name.value = "   "  # not even a message: the form set it
    assert view.saves == [] and view.log == [] and view.message.value == ""
    assert view.model.name == "" and not view.quiet


def test_quiet_blocks_nest_and_end_even_after_an_error(view):
    with view.quietly():
        with view.quietly():
            view.name.value = "Inner"
        assert view.quiet
        view.name.value = "Outer"  # still quiet after the inner block ended
    assert not view.quiet and view.saves == []
    with pytest.raises(KeyError), view.quietly():
        raise KeyError("a fault while the form fills itself")
    assert not view.quiet
    view.name.value = "Ana"
    assert view.saves == ["Ana"]


def test_accepted_can_redraw_a_part_or_nothing(view):
    parts = []
    view.accepted(lambda: parts.append("chart"))
    view.accepted(redraw=False)
    assert len(view.saves) == 2 and parts == ["chart"] and view.log == []


def test_a_part_shares_the_status_line_of_the_whole(view):
    part = View(view.model, lambda: None, status=view.status)
    assert part.status is view.status
    assert NameView(Name(), lambda: None).status is not view.status


def test_a_buttons_change_is_applied_like_a_fields(view):
    assert not view.apply(lambda: view.model.rename(""), view.message)
    assert "Write a name" in view.message.value and view.saves == [] and view.log == []
    assert view.apply(lambda: view.model.rename("Ana"), view.message)
    assert view.message.value == "" and view.saves == ["Ana"] and view.log == [("redraw", "Ana")]
