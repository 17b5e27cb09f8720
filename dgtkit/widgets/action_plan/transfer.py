"""Export the plan (Word, Excel, CSV, Markdown, JSON) as a download link; import a JSON or
Excel file the app exported. A refused file changes nothing and says why."""

from __future__ import annotations

import base64
from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.models.action_plan import ActionPlan
from dgtkit.widgets.common import message_html


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
        self.link = w.HTML()
        self.upload = w.FileUpload(accept=".json,.xlsx", multiple=False,
                                   description="Import a plan")
        self.upload.observe(self._uploaded, names="value")
        # A file over the limit never reaches the kernel: the page refuses it (dgt-room.js).
        self.upload.add_class("dgt-import")
        self.upload.add_class(f"dgt-max-bytes-{MAX_FILE_BYTES}")
        self.message = w.HTML()
        self.widget = w.VBox([
            w.HTML("<h3>Export</h3><p>The Word document is the plan to take home and "
                   "circulate. Excel and CSV are for working on the table; JSON keeps "
                   "everything, to import it again later.</p>"),
            w.HBox(list(self.buttons.values())), self.link,
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
        name = filename(self.plan, key)
        encoded = base64.b64encode(data).decode("ascii")
        self.link.value = (
            f'<p class="dgt-download"><a download="{escape(name)}" '
            f'href="data:{fmt.mime};base64,{encoded}">Download the {escape(fmt.label)} file '
            f"({escape(name)}, {len(data) // 1024 + 1} KB)</a></p>"
        )

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
