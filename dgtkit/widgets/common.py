"""Pieces every exercise form shares: status line, field messages, escaped text."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from dgtkit.store.workbook import Revision

ERROR_STYLE = "color:#a4000f"  # dark red, 7:1 on white, and always with the word "Problem"


def message_html(text: str) -> str:
    """A field's error message: an icon-free, worded warning (not colour alone)."""
    if not text:
        return ""
    return f'<span role="alert" style="{ERROR_STYLE}"><b>Problem:</b> {escape(text)}</span>'


def status_html(text: str, problem: bool = False, saved: bool = False) -> str:
    """A form's status line. ``saved``: it says the workbook confirmed a save (the app's page
    hides such a line while its connection is lost: nothing is being saved then)."""
    style = ERROR_STYLE if problem else "color:#1b5e20"
    prefix = "<b>Not saved:</b> " if problem else ""
    mark = ' class="dgt-saved"' if saved else ""
    return f'<div role="status"{mark} style="{style}">{prefix}{escape(text)}</div>'


def saved_text(revision: Revision) -> str:
    return f"Saved at {revision.saved_at.astimezone():%H:%M:%S}."


def status_line() -> w.HTML:
    return w.HTML(value="", layout=w.Layout(min_height="1.6em"))


def side_by_side(left: w.Widget, right: w.Widget, left_basis: str = "30em",
                 right_basis: str = "26em") -> w.Box:
    """``left`` and ``right`` beside each other where the screen is wide enough, one under
    the other on a phone (the row wraps)."""
    for part, basis in ((left, left_basis), (right, right_basis)):
        part.layout.flex = f"1 1 {basis}"
        part.layout.min_width = "0"
    return w.Box([left, right], layout=w.Layout(display="flex", flex_flow="row wrap",
                                                align_items="flex-start", width="100%"))


def example_box(exercise: str) -> w.HTML:
    """The worked example of ``exercise`` (course/examples.yaml), folded, marked invented.

    A plain ``<details>``: it folds by keyboard and screen reader without a script, prints
    open, and needs no icon font (an ipywidgets Accordion asks for Font Awesome's)."""
    from dgtkit.course.examples import examples

    example = examples()[exercise]
    items = "".join(f"<dt><b>{escape(label)}</b></dt><dd>{escape(text)}</dd>"
                    for label, text in example.items)
    return w.HTML(
        '<details class="dgt-example"><summary>See a worked example (an invented team)'
        "</summary><p><i>An example, not your answer: this is what an invented team wrote "
        f"({escape(example.team)}).</i></p><dl>{items}</dl></details>"
    )
