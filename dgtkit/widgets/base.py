"""The one base of every exercise view: the model, the save callback, the status line, quiet
updates, and one way to apply a change (a field's or a button's).

A view is built as ``view_class(model, on_change=callback)`` and shows ``.widget``, with
``.status`` (the line that says "Saved at ...") and ``.redraw()``. Every accepted change is
saved through ``on_change`` first and only then redrawn (``View.accepted``). ``Quiet`` alone
serves the parts of a form that save nothing themselves (the action plan's panels).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import ipywidgets as w

from dgtkit.models.text import FieldError
from dgtkit.widgets.common import message_html, status_line

#: What ``accepted`` redraws: True the whole view, False nothing (nothing shown depends on
#: the change), or a function that redraws only the part that does.
Redraw = bool | Callable[[], object]


class Quiet:
    """Lets a form set its own fields without its observers saving or saying anything."""

    _quiet_depth = 0

    @property
    def quiet(self) -> bool:
        """True while the form itself sets values: observers then do nothing."""
        return self._quiet_depth > 0

    @contextmanager
    def quietly(self) -> Iterator[None]:
        """A block in which the form sets fields quietly; blocks may nest."""
        self._quiet_depth += 1
        try:
            yield
        finally:
            self._quiet_depth -= 1

    def set_quietly(self, field: w.ValueWidget, value) -> None:
        """Show ``value`` in ``field`` without saving or a message."""
        with self.quietly():
            field.value = value


class View(Quiet):
    """A form around a model; ``on_change()`` saves the model after each accepted change.

    ``status`` is the form's status line; a part of a larger form shares the status line of
    the whole.
    """

    def __init__(self, model, on_change: Callable[[], None], status: w.HTML | None = None):
        self.model = model
        self._on_change = on_change
        self.status = status_line() if status is None else status

    def redraw(self) -> None:
        """Show the model as it is now (every view defines it)."""
        raise NotImplementedError

    def accepted(self, redraw: Redraw = True) -> None:
        """Save the change the model has accepted, then redraw (see ``Redraw``).

        Saved first, always: a redraw can never cost an answer. If drawing fails (a chart, a
        table), the change is already in the workbook.
        """
        self._on_change()
        if redraw is True:
            self.redraw()
        elif redraw:
            redraw()

    def apply(self, action: Callable[[], object], message: w.HTML,
              redraw: Redraw = True) -> bool:
        """Make a change to the model (a button's action, or a field's new value).

        A ``FieldError`` from ``action()`` shows its message in ``message`` (beside the field
        or button) and nothing is saved; otherwise the message is cleared and the change
        ``accepted``. Returns whether the change was accepted.
        """
        try:
            action()
        except FieldError as error:
            message.value = message_html(error.message)
            return False
        message.value = ""
        self.accepted(redraw)
        return True

    def field_handler(self, write: Callable[[object], object], message: w.HTML,
                      redraw: Redraw = True) -> Callable[[dict], None]:
        """An observer of a field's ``value``: ``write(new value)`` puts it into the model,
        as ``apply`` does. Values the form sets quietly are ignored."""

        def handler(change) -> None:
            if not self.quiet:
                self.apply(lambda: write(change["new"]), message, redraw)

        return handler
