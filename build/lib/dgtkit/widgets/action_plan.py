"""The action-plan form: add an action (title, lead, start, end) and see the plan as a table."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.models.action_plan import Action, ActionErrors, ActionPlan, new_action
from dgtkit.widgets.common import message_html, status_line

FIELD_STYLE = {"description_width": "8em"}


class ActionPlanView:
    """Builds the form around an ActionPlan; calls ``on_change`` after an action is added."""

    def __init__(self, model: ActionPlan, on_change: Callable[[], None]):
        self.model = model
        self._on_change = on_change
        wide = w.Layout(width="36em")
        self.title = w.Text(description="Action", placeholder="What will change?",
                            style=FIELD_STYLE, layout=wide)
        self.lead = w.Text(description="Lead", placeholder="Who is responsible?",
                           style=FIELD_STYLE, layout=wide)
        self.start = w.DatePicker(description="Start", style=FIELD_STYLE)
        self.end = w.DatePicker(description="End", style=FIELD_STYLE)
        self.fields = {"title": self.title, "lead": self.lead, "start": self.start, "end": self.end}
        self.messages = {name: w.HTML() for name in self.fields}
        self.add_button = w.Button(description="Add action", button_style="primary",
                                   tooltip="Add this action to the plan and save it")
        self.add_button.on_click(self._add_clicked)
        self.table = w.HTML()
        self.status = status_line()
        form = [w.HBox([self.fields[n], self.messages[n]]) for n in self.fields]
        self.widget = w.VBox(
            [
                w.HTML("<h3>Add an action</h3>"),
                *form,
                self.add_button,
                self.status,
                w.HTML("<h3>Your action plan</h3>"),
                self.table,
            ]
        )
        self.redraw()

    def _add_clicked(self, _button=None) -> None:
        for message in self.messages.values():
            message.value = ""
        try:
            action = new_action(self.title.value, self.lead.value, self.start.value, self.end.value)
        except ActionErrors as errors:
            for name, text in errors.by_field.items():
                self.messages[name].value = message_html(text)
            count = len(errors.by_field)
            self.status.value = message_html(
                f"The action was not added: {count} field{'s' if count > 1 else ''} "
                "to correct (see the messages next to them)."
            )
            return
        self.model.add(action)
        self._on_change()  # saved first: a redraw can never cost the team an action
        self.redraw()
        self.title.value = self.lead.value = ""
        self.start.value = self.end.value = None

    def redraw(self) -> None:
        self.table.value = actions_table_html(self.model.actions)


def actions_table_html(actions: list[Action]) -> str:
    """The plan as an accessible HTML table; every text a participant typed is escaped."""
    if not actions:
        return "<p><i>No actions yet. Add the first one above.</i></p>"
    rows = "".join(
        "<tr>"
        f"<td>{number}</td><td>{escape(a.title)}</td><td>{escape(a.lead)}</td>"
        f"<td>{a.start:%d %b %Y}</td><td>{a.end:%d %b %Y}</td>"
        "</tr>"
        for number, a in enumerate(actions, start=1)
    )
    return (
        '<table class="dgt-actions" style="border-collapse:collapse">'
        "<caption>Actions in the plan</caption>"
        '<thead><tr><th scope="col">#</th><th scope="col">Action</th><th scope="col">Lead</th>'
        '<th scope="col">Start</th><th scope="col">End</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
