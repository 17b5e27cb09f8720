"""A file sent to the browser in one click: the button that makes it also starts the
download, in Voila, JupyterLab and Jupyter Notebook, with no internet (the file travels in the
page as a data URL). A link stays beside the button in case a browser blocks the download."""

from __future__ import annotations

import base64
import json
from html import escape

import ipywidgets as w
from IPython.display import Javascript, display

#: Larger files are offered as a link only: a data URL this long slows the page.
MAX_BYTES = 8_000_000


class Download:
    """``send(name, mime, data)`` downloads ``data`` as the file ``name`` at once."""

    def __init__(self):
        self.output = w.Output(layout=w.Layout(height="0px", overflow="hidden"))
        self.link = w.HTML()
        self.widget = w.VBox([self.link, self.output])
        self.sent: list[str] = []  # the names of the files sent, for the tests

    def send(self, name: str, mime: str, data: bytes, what: str = "file") -> None:
        href = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
        size = f"{len(data) // 1024 + 1} KB"
        self.link.value = (
            f'<p class="dgt-download" role="status">Your {escape(what)} is downloading as '
            f"<b>{escape(name)}</b> ({size}). If it does not appear in your downloads, "
            f'<a download="{escape(name)}" href="{href}">download it here</a>.</p>'
        )
        self.sent.append(name)
        if len(data) > MAX_BYTES:
            return
        script = (
            "(function(){const a=document.createElement('a');"
            f"a.href={json.dumps(href)};a.download={json.dumps(name)};"
            "a.style.display='none';document.body.appendChild(a);a.click();a.remove();})();"
        )
        self.output.clear_output()
        with self.output:
            display(Javascript(script))
