"""The first screen of the app in a workshop room: the team types its code."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from dgtkit.models.team_codes import normalize
from dgtkit.models.text import FieldError
from dgtkit.widgets.common import message_html


class TeamScreen:
    """Asks for the team code; ``on_code(code)`` opens that team's plan (the code normalized,
    ``dgtkit.models.team_codes``), or says why not and returns False."""

    def __init__(self, on_code: Callable[[str], bool]):
        self._on_code = on_code
        self.opened = False
        self.code = w.Text(description="Team code",
                           placeholder="three words, e.g. apple-river-stone",
                           style={"description_width": "7em"})
        self.code.continuous_update = False
        self.open = w.Button(description="Open our plan", button_style="primary")
        self.open.on_click(self._submit)
        self.code.observe(lambda change: change["new"] and self._submit(), names="value")
        self.message = w.HTML()
        self.widget = w.VBox([
            w.HTML("<h3>Which team are you?</h3><p>Type the team code the facilitator gave "
                   "you. Each team sees only its own plan. Keep your code to your team, and "
                   "use the same code when you come back.</p>"),
            w.HBox([self.code, self.open]), self.message,
        ])

    def _submit(self, _button=None) -> None:
        if self.opened:  # Enter, then a click on the button: open once
            return
        try:
            code = normalize(self.code.value)
        except FieldError as error:
            self.message.value = message_html(error.message)
            return
        self.opened = True
        self.message.value = '<p role="status">Opening your plan...</p>'
        self._on_code(code)

    def problem(self, text: str) -> None:
        self.opened = False
        self.message.value = message_html(text)
