"""Pieces the exercise forms share: the checklist, a chart that can never stop the form, and
the per-field messages of a submitted form."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.charts import figure_html
from dgtkit.course.sdg_list import deadline_note
from dgtkit.models.checks import Check, this_year
from dgtkit.widgets.base import Redraw, View
from dgtkit.widgets.common import example_box, message_html, side_by_side  # noqa: F401

WIDE = w.Layout(width="40em")
LABEL_STYLE = {"description_width": "11em"}
PASS_STYLE = "color:#1b5e20"
FAIL = ("\u2717", "Not yet", "color:#a4000f")  # mark, word, style: never colour alone


def checklist_html(title: str, checks: list[Check]) -> str:
    """The facilitator's checks as a list: each says Pass or Not yet in words, and why."""
    items = []
    for check in checks:
        mark, word, style = ("\u2713", "Pass", PASS_STYLE) if check.passed else FAIL
        items.append(
            f'<li style="list-style:none;margin:0.2em 0"><span style="{style}">'
            f'<b aria-hidden="true">{mark}</b> <b>{word}:</b></span> {escape(check.label)}. '
            f'<span style="color:#333">{escape(check.reason)}</span></li>'
        )
    return (
        f'<div role="group" aria-label="{escape(title)}"><b>{escape(title)}</b>'
        f'<ul style="padding-left:0.5em;margin:0.3em 0">{"".join(items)}</ul></div>'
    )


def chart_html(draw: Callable, alt: Callable, model, caption: str) -> str:
    """The chart of ``model``; if drawing fails, a message instead (answers are saved first)."""
    try:
        return figure_html(draw(model), alt=alt(model), caption=caption)
    except Exception as error:  # a chart must never stop the form, whatever went wrong
        return message_html(f"The chart could not be drawn ({error}). Your answers are saved.")


def clear(messages: dict[str, w.HTML]) -> None:
    for message in messages.values():
        message.value = ""


def show_errors(
    messages: dict[str, w.HTML], by_field: dict[str, str], status: w.HTML, what: str
) -> None:
    """Each message next to its field, and one line in the status saying nothing was added."""
    for name, text in by_field.items():
        messages[name].value = message_html(text)
    count = len(by_field)
    status.value = message_html(
        f"{what} was not saved: {count} field{'s' if count > 1 else ''} "
        "to correct (see the messages next to them)."
    )


def labelled(field: w.Widget, message: w.HTML) -> w.HBox:
    return w.HBox([field, message])


def government_box(view: View, redraw: Redraw = True, description: str = "Your government",
                   placeholder: str = "For example: the city of ... or the district of ...",
                   style: dict | None = None, layout: w.Layout | None = None,
                   ) -> tuple[w.Text, w.HTML]:
    """The box in which a team names the government of ``view.model``, and its message: the
    model (``name_government``) accepts the name, or the message says why not; an accepted
    name is saved, then ``redraw`` runs (as in ``View.accepted``)."""
    text = w.Text(value=view.model.government, description=description,
                  placeholder=placeholder, style=style or LABEL_STYLE, layout=layout or WIDE,
                  continuous_update=False)
    message = w.HTML()
    text.observe(view.field_handler(view.model.name_government, message, redraw),
                 names="value")
    return text, message



def deadline_html(target_id: str) -> str:
    """' <b>Its own deadline, 2017, has passed.</b>' for such an SDG target (17.8), else ''."""
    note = deadline_note(target_id, this_year())
    return f" <b>{escape(note)}</b>" if note else ""
