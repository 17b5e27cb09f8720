"""What every exercise shares: load the latest revision, show the form, save every change.

Each exercise loads the participant's latest answers from the workbook, shows its form, and
saves a new revision after every accepted change. If the workbook cannot be used, the form
still works and says plainly that nothing is being saved.
"""

from __future__ import annotations

from typing import ClassVar

import ipywidgets as w
from IPython.display import display

from dgtkit.models import UNREADABLE
from dgtkit.store.workbook import Revision, Workbook, WorkbookError, open_workbook
from dgtkit.widgets.common import message_html, saved_text, status_html


class Exercise:
    """Model + view + workbook: load the latest revision, save after every change."""

    key: ClassVar[str]
    model_class: ClassVar[type]  # a model with from_dict/to_dict and an empty default
    view_class: ClassVar[type]  # a view built as view_class(model, on_change=...)

    def __init__(self, workbook: Workbook | str | None = None, participant: str | None = None):
        """``workbook``: a Workbook, the path of one, or None for the default location."""
        self._workbook_arg = workbook
        self.open(participant)

    def open(self, participant: str | None = None) -> None:
        """Read the latest saved answers now, and build the form around them."""
        self.problem = ""
        try:
            self.workbook: Workbook | None = open_workbook(self._workbook_arg, participant)
            latest = self.workbook.latest(self.key)
        except WorkbookError as error:
            self.workbook, latest, self.problem = None, None, str(error)
        self.revision_id = latest.id if latest else None
        self.model = self._load(latest)
        self.view = self._build_view()
        if self.workbook is None:
            self.view.status.value = status_html(self.problem, problem=True)
        elif self.problem:
            self.view.status.value = message_html(self.problem)

    def _load(self, latest: Revision | None):
        if latest is None:
            return self.model_class()
        try:
            return self.model_class.from_dict(latest.data)
        except UNREADABLE:
            # Nothing is lost: the revision stays in the workbook, under the newer ones.
            self.problem = (
                f"Your last saved answers (revision {latest.id}) could not be read, so the "
                "form starts empty. They are still in the workbook: a facilitator can "
                "restore them."
            )
            return self.model_class()

    def _build_view(self):
        return self.view_class(self.model, on_change=self.save)

    @classmethod
    def show(cls, workbook: Workbook | str | None = None, participant: str | None = None) -> None:
        """Display the exercise's form (what a notebook cell calls)."""
        display(cls(workbook, participant).widget)

    @property
    def widget(self) -> w.Widget:
        return self.view.widget

    def save(self) -> None:
        if self.workbook is None:
            self.view.status.value = status_html(self.problem, problem=True)
            return
        try:
            before = self.workbook.latest(self.key)
            revision = self.workbook.save(self.key, self.model.to_dict())
        except WorkbookError as error:
            self.view.status.value = status_html(str(error), problem=True)
            return
        note = self._saved_note(before)
        self.revision_id = revision.id
        self.view.status.value = status_html(saved_text(revision) + note)

    def _saved_note(self, before: Revision | None) -> str:
        """What to add to "Saved at …", given the revision that was current before the save."""
        return ""
