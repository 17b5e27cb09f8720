"""Export the plan (Word, Excel, CSV, Markdown, JSON): one click makes the file and starts its
download; import a JSON or Excel file the app exported. A refused file changes nothing and
says why."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.models.action_plan import ActionPlan
from dgtkit.widgets.common import message_html
from dgtkit.widgets.download import Download


class TransferPanel:
    def __init__(self, plan: ActionPlan, on_import: Callable[[ActionPlan, str], None]):
        from dgtkit.planfile import FORMATS
        from dgtkit.planfile.identity import MAX_FILE_BYTES

        self.plan = plan
        self._on_import = on_import
        self.buttons = {}
        for key, fmt in FORMATS.items():
            button = w.Button(description=f"Export {fmt.label}",
                              tooltip=f"Make a .{fmt.extension} file of the plan")
            button.on_click(lambda _b, key=key: self.export(key))
            self.buttons[key] = button
        self.download = Download()
        self.link = self.download.link  # what the last export said, with a link to it
        self.upload = w.FileUpload(accept=".json,.xlsx", multiple=False,
                                   description="Import a plan")
        self.upload.observe(self._uploaded, names="value")
        # A file over the limit never reaches the kernel: the page refuses it (dgt-room.js).
        self.upload.add_class("dgt-import")
        self.upload.add_class(f"dgt-max-bytes-{MAX_FILE_BYTES}")
        self.message = w.HTML()
        self.widget = w.VBox([
            w.HTML("<h3>Export</h3><p>The Word document is the plan to take home, submit "
                   "and circulate. Excel and CSV are for working on the table; JSON keeps "
                   "everything, to import it again later. Each button downloads its file "
                   "at once.</p>"),
            w.HBox(list(self.buttons.values())), self.download.widget,
            w.HTML("<h3>Import</h3><p>Import a JSON or Excel file exported by this app. It "
                   "replaces the plan on screen; the current plan stays in the history.</p>"),
            self.upload, self.message,
        ])

    def export(self, key: str) -> None:
        from dgtkit.planfile import FORMATS, export, filename

        fmt = FORMATS[key]
        try:
            data = export(self.plan, key)
        except Exception as error:  # an export must never break the app; the plan is saved
            self.link.value = message_html(f"The {fmt.label} file could not be made "
                                           f"({error}). Your plan is saved.")
            return
        self.download.send(filename(self.plan, key), fmt.mime, data, f"{fmt.label} file")

    def _uploaded(self, change) -> None:
        from dgtkit.planfile.reading import ImportRefused, read_plan

        files = change["new"]
        if not files:
            return
        upload = files[0]
        name = str(upload.get("name", ""))
        try:
            plan = read_plan(name, bytes(upload.get("content", b"")))
        except ImportRefused as error:
            self.message.value = message_html(
                f"{name} was not imported: {error} Your plan is unchanged.")
        else:
            self._on_import(plan, name)
        finally:
            self.upload.value = ()

    def done(self, text: str) -> None:
        self.message.value = f'<div role="status" style="color:#1b5e20">{escape(text)}</div>'
