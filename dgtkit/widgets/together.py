"""Working together on one exercise from several windows: the question a true conflict asks,
and the hidden marks the app's page uses to tell whether its connection is alive.

``ConflictBox`` shows each value that two windows changed differently, with both values, and
lets the team keep one. ``Liveness`` is a hidden field the page's script writes a number into
every few seconds and a hidden mark the kernel answers with: no answer, no connection (see
``share/jupyter/voila/templates/dgt-offline/static/dgt-room.js``).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.store.merge import Conflict


def shown(value: object) -> str:
    """A value of a conflict as the team reads it."""
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, dict):
        for key in ("title", "name", "statement", "text"):
            if isinstance(value.get(key), str) and value[key].strip():
                return value[key].strip()
        return "(an item)"
    if isinstance(value, list):
        return ", ".join(shown(v) for v in value) or "(none)"
    if isinstance(value, float) and value.is_integer():
        return f"{value:g}"
    return str(value)


def _button_text(prefix: str, value: object, removed: bool) -> str:
    if removed:
        return f"{prefix}: remove it"
    text = shown(value)
    return f"{prefix}: '{text[:32]}{'...' if len(text) > 32 else ''}'"


class ConflictBox:
    """Asks, for each conflict, which of the two values to keep.

    ``on_choose(conflict_id, keep_mine)``: the team chose; ``show(conflicts)`` with a list of
    ``(conflict_id, Conflict, removed_here, removed_there)``."""

    def __init__(self, on_choose: Callable[[str, bool], None]):
        self._on_choose = on_choose
        self.widget = w.VBox(layout=w.Layout(display="none"))
        self.widget.add_class("dgt-conflicts")

    def show(self, conflicts: list[tuple[str, Conflict, bool, bool]]) -> None:
        rows: list[w.Widget] = []
        for conflict_id, conflict, removed_here, removed_there in conflicts:
            if removed_here:
                said = (f"One window removed {escape(conflict.where)}, while another changed "
                        "it.")
            elif removed_there:
                said = (f"One window changed {escape(conflict.where)}, while another removed "
                        "it.")
            else:
                said = (f"Two windows of your team changed {escape(conflict.where)} at the "
                        f"same time: one to <b>'{escape(shown(conflict.mine))}'</b>, the other "
                        f"to <b>'{escape(shown(conflict.theirs))}'</b>.")
            keep_mine = w.Button(description=_button_text("Keep", conflict.mine, removed_here),
                                 layout=w.Layout(width="auto"))
            keep_theirs = w.Button(description=_button_text("Keep", conflict.theirs,
                                                            removed_there),
                                   layout=w.Layout(width="auto"))
            keep_mine.on_click(lambda _b, c=conflict_id: self._on_choose(c, True))
            keep_theirs.on_click(lambda _b, c=conflict_id: self._on_choose(c, False))
            rows.append(w.HTML(f'<p role="status">{said} The plan shows the first for now; '
                               "both are kept until you choose. Which should it keep?</p>"))
            rows.append(w.HBox([keep_mine, keep_theirs]))
        if rows:
            rows.insert(0, w.HTML("<h3>Please choose: two changes to the same thing</h3>"))
        self.widget.children = rows
        self.widget.layout.display = None if rows else "none"


class Liveness:
    """The kernel's half of the page's connection check, and who the page belongs to."""

    def __init__(self):
        self.team = ""
        self.ping = w.Text(layout=w.Layout(display="none"))
        self.ping.add_class("dgt-ping")
        self.pong = w.HTML(layout=w.Layout(display="none"))
        self.pong.add_class("dgt-pong")
        self.ping.observe(self._answer, names="value")
        self.widget = w.Box([self.ping, self.pong], layout=w.Layout(display="none"))

    def _answer(self, change) -> None:
        self.pong.value = (f'<span data-pong="{escape(str(change["new"])[:40])}" '
                           f'data-team="{escape(self.team)}"></span>')

    def opened(self, team: str) -> None:
        """Say whose plan the page now shows (the page keeps unsaved typing per team)."""
        self.team = team
        self._answer({"new": ""})
