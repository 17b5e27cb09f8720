"""What every exercise shares: load the latest revision, show the form, save every change.

Each exercise loads the participant's latest answers from the workbook, shows its form, and
saves a new revision after every accepted change. If the workbook cannot be used, the form
still works and says plainly that nothing is being saved.

Several windows may work on one exercise at once (two members of a team on two computers).
Each window remembers the saved answers it last loaded or saved (its *base*). A save is
applied to the latest revision, whoever saved it: ``store.merge`` merges this window's
changes since its base into it, per item and field. A value both windows changed keeps this
window's value, and the other is offered beside the form until the team chooses (the open
questions are saved under ``<key>.conflicts``, so every window asks them). In a running
kernel each window also checks the workbook every few seconds and shows the team's changes
from other windows (``refresh``).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import os
import uuid
from typing import ClassVar

import ipywidgets as w
from IPython.display import display

from dgtkit.models import UNREADABLE, dates
from dgtkit.store.merge import MISSING, Conflict, merge, set_path
from dgtkit.store.workbook import (
    NBGRADER_EXECUTION,
    Revision,
    Workbook,
    WorkbookError,
    open_workbook,
)
from dgtkit.widgets.common import message_html, saved_text, status_html
from dgtkit.widgets.together import ConflictBox

log = logging.getLogger(__name__)


class Exercise:
    """Model + view + workbook: load the latest revision, save after every change."""

    key: ClassVar[str]
    model_class: ClassVar[type]  # a model with from_dict/to_dict and an empty default
    view_class: ClassVar[type]  # a view built as view_class(model, on_change=...)
    #: How often a window in a running kernel looks for changes saved by another window.
    poll_seconds: ClassVar[float] = 2.0

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
        self._base = self.model.to_dict()  # what this window shows: its changes start here
        self._conflicts_id: int | None = None
        self._open_conflicts: list[dict] = []
        self.view = self._build_view()
        self.conflict_box = ConflictBox(self.choose)
        self.frame = w.VBox([self.conflict_box.widget, self.view.widget])
        if self.workbook is None:
            self.view.status.value = status_html(self.problem, problem=True)
        elif self.problem:
            self.view.status.value = message_html(self.problem)
        self._read_conflicts()
        self.watch()

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
        return self.frame

    @property
    def conflicts_key(self) -> str:
        return f"{self.key}.conflicts"

    # -- saving ----------------------------------------------------------------------------

    def save(self) -> None:
        """Save the model, applied to the latest revision (merged with other windows')."""
        if self.workbook is None:
            self.view.status.value = status_html(self.problem, problem=True)
            return
        try:
            before = self.workbook.latest(self.key)
            data, conflicts = self.model.to_dict(), list(self._view_conflicts())
            if before is not None and before.id != self.revision_id:
                data, merged = self._merged(before, data)
                conflicts += merged
            revision = self.workbook.save(self.key, data)
            if conflicts:
                self._add_conflicts(conflicts)
        except WorkbookError as error:
            self.view.status.value = status_html(str(error), problem=True)
            return
        note = self._saved_note(before)
        self.revision_id = revision.id
        self._base = revision.data
        self.view.status.value = status_html(saved_text(revision) + note, saved=True)

    def _view_conflicts(self) -> list[Conflict]:
        """Conflicts a form found itself (the action plan's editor merges an action edited
        while another window changed it), handed over once."""
        found = getattr(self.view, "pending_conflicts", None) or []
        if found:
            self.view.pending_conflicts = []
        return found

    def _merged(self, latest: Revision, mine: dict) -> tuple[dict, list[Conflict]]:
        """This window's changes applied to ``latest``: the data to save, and the conflicts.
        The model becomes the merged one (in place: the form holds it)."""
        result = merge(self._base, mine, latest.data)
        try:
            model = self.model_class.from_dict(result.data)
        except UNREADABLE:  # the other window's revision cannot be read: keep this one's
            return mine, []
        self._adopt(model)
        return self.model.to_dict(), result.conflicts

    def _adopt(self, new) -> None:
        """Make the model the view holds equal to ``new``, in place (nested models too)."""
        _adopt(self.model, new)

    def _saved_note(self, before: Revision | None) -> str:
        """What to add to "Saved at …", given the revision that was current before the save."""
        if before is None or before.id == self.revision_id:
            return ""
        note = (f" Another window of your team saved too (at {dates.moment(before.saved_at)}): "
                "both windows' changes are kept.")
        if self._open_conflicts:
            note += " Both changed the same thing: please choose above which to keep."
        return note

    # -- other windows ---------------------------------------------------------------------

    def watch(self) -> None:
        """In a running kernel, look for other windows' changes every ``poll_seconds``."""
        if getattr(self, "_watching", False) or os.environ.get(NBGRADER_EXECUTION):
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no kernel loop (a test, a script): ``refresh`` when asked
            return
        self._watching = True

        def tick() -> None:
            try:
                self.refresh()
            except Exception:  # noqa: BLE001 - a failed look must not stop the next one
                log.exception("Looking for changes from other windows failed")
            loop.call_later(self.poll_seconds, tick)

        loop.call_later(self.poll_seconds, tick)

    def refresh(self) -> bool:
        """Show what other windows saved since this one last looked; True if anything."""
        if self.workbook is None or self.view is None:
            return False
        try:
            newest = self.workbook.latest_ids([self.key, self.conflicts_key])
        except WorkbookError:
            return False
        changed = False
        if newest.get(self.conflicts_key) != self._conflicts_id:
            self._read_conflicts()
            changed = True
        latest_id = newest.get(self.key)
        if latest_id is None or latest_id == self.revision_id:
            return changed
        try:
            latest = self.workbook.latest(self.key)
        except WorkbookError:
            return changed
        mine = self.model.to_dict()
        result = merge(self._base, mine, latest.data)
        try:
            model = self.model_class.from_dict(result.data)
        except UNREADABLE:
            return changed
        self._adopt(model)
        self.revision_id, self._base = latest.id, latest.data
        with self.view.quietly():
            self.view.redraw()
        if _differs(self.model.to_dict(), latest.data):  # this window had changes to add
            self.save()
        else:
            self.view.status.value = status_html(
                f"Updated with your team's changes from another window (saved at "
                f"{dates.moment(latest.saved_at)}).", saved=True)
        return True

    # -- conflicts: both values kept until the team chooses --------------------------------

    def _read_conflicts(self) -> None:
        if self.workbook is None:
            return
        try:
            revision = self.workbook.latest(self.conflicts_key)
        except WorkbookError:
            return
        self._conflicts_id = revision.id if revision else None
        items = revision.data.get("open", []) if revision else []
        self._open_conflicts = [c for c in items if isinstance(c, dict) and "id" in c]
        self._show_conflicts()

    def _show_conflicts(self) -> None:
        shown = []
        for item in self._open_conflicts:
            try:
                conflict = Conflict.from_dict(item)
            except (KeyError, TypeError, ValueError):
                continue
            shown.append((item["id"], conflict, item.get("removed") == "mine",
                          item.get("removed") == "theirs"))
        self.conflict_box.show(shown)

    def _add_conflicts(self, conflicts: list[Conflict]) -> None:
        added = []
        for conflict in conflicts:
            item = conflict.to_dict()
            item["id"] = uuid.uuid4().hex[:12]
            item["removed"] = ("mine" if conflict.mine is MISSING else
                               "theirs" if conflict.theirs is MISSING else "")
            added.append(item)
        self._save_conflicts(lambda items: [*items, *added])

    def _save_conflicts(self, change) -> None:
        latest = self.workbook.latest(self.conflicts_key)
        items = latest.data.get("open", []) if latest else []
        revision = self.workbook.save(self.conflicts_key, {"open": change(list(items))})
        self._conflicts_id = revision.id
        self._open_conflicts = revision.data["open"]
        self._show_conflicts()

    def choose(self, conflict_id: str, keep_mine: bool) -> None:
        """The team chose which of a conflict's two values the answers keep."""
        item = next((c for c in self._open_conflicts if c.get("id") == conflict_id), None)
        if item is None or self.workbook is None:
            return
        removed = item.get("removed") == ("mine" if keep_mine else "theirs")
        value = MISSING if removed else item.get("mine" if keep_mine else "theirs")
        data = set_path(self.model.to_dict(), tuple(item["path"]), value)
        try:
            model = self.model_class.from_dict(data)
        except UNREADABLE as error:
            self.view.status.value = message_html(f"That value cannot be kept: {error}")
            return
        self._adopt(model)
        try:
            self._save_conflicts(lambda items: [c for c in items if c.get("id") != conflict_id])
        except WorkbookError as error:
            self.view.status.value = status_html(str(error), problem=True)
            return
        self.save()
        with self.view.quietly():
            self.view.redraw()


def _adopt(old, new) -> None:
    for field in dataclasses.fields(old):
        before, after = getattr(old, field.name), getattr(new, field.name)
        if (dataclasses.is_dataclass(before) and type(before) is type(after)
                and not type(before).__dataclass_params__.frozen):
            _adopt(before, after)
        else:
            setattr(old, field.name, after)


def _differs(a: dict, b: dict) -> bool:
    """Whether two saved forms differ, once both are as the workbook stores them."""
    return json.loads(json.dumps(a, sort_keys=True)) != b
