"""A participant as the Voila server sees one: what a browser asks of the server to show the
app, without the browser's own work (parsing the JavaScript, drawing the page).

It fetches the page (pre-rendered in a preheated kernel), every static file a real Chromium
visit fetched (six at a time, like a browser), connects to the kernel's websocket and asks
for the widgets' states, as the widget manager does; it stops when the states arrive.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid

from tornado.httpclient import AsyncHTTPClient
from tornado.websocket import websocket_connect

WIDGET_CONTROL_VERSION = "1.0.0"  # ipywidgets 8's control-comm protocol


def _message(msg_type: str, content: dict, session: str, metadata: dict | None = None) -> str:
    return json.dumps({
        "header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": session,
                   "username": "benchmark", "date": "", "version": "5.3"},
        "parent_header": {}, "metadata": metadata or {}, "content": content,
        "channel": "shell", "buffers": [],
    })


async def participant(base: str, assets: list[str]) -> tuple[float, int]:
    """Seconds until the widgets' states arrived, and how many widgets there are."""
    start = time.perf_counter()
    http = AsyncHTTPClient(force_instance=True, max_clients=6)
    try:
        page = (await http.fetch(base, connect_timeout=600, request_timeout=600)).body.decode()
        await asyncio.gather(*(http.fetch(base + asset, connect_timeout=600, request_timeout=600)
                               for asset in assets))
    finally:
        http.close()
    found = re.search(r'kernelId": "([0-9a-f-]+)"', page)
    if found is None:
        text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
        raise RuntimeError(f"The page came without a kernel: {text[:300]}")
    kernel = found.group(1)
    session = uuid.uuid4().hex
    socket = await websocket_connect(
        f"{base.replace('http', 'ws', 1)}api/kernels/{kernel}/channels?session_id={session}")
    comm = uuid.uuid4().hex
    await socket.write_message(_message("kernel_info_request", {}, session))
    await socket.write_message(_message(
        "comm_open", {"comm_id": comm, "target_name": "jupyter.widget.control", "data": {}},
        session, {"version": WIDGET_CONTROL_VERSION}))
    await socket.write_message(_message(
        "comm_msg", {"comm_id": comm, "data": {"method": "request_states"}}, session))
    while True:
        raw = await socket.read_message()
        if raw is None:
            raise RuntimeError("The kernel's websocket closed before the widgets arrived")
        if not isinstance(raw, str):
            continue
        reply = json.loads(raw)
        data = reply.get("content", {}).get("data", {})
        if reply["header"]["msg_type"] == "comm_msg" and data.get("method") == "update_states":
            elapsed = time.perf_counter() - start
            socket.close()
            return elapsed, len(data.get("states", {}))


async def room(base: str, assets: list[str], people: int) -> tuple[list[float], list[str]]:
    """The seconds of each participant who got the widgets, and what the others got."""
    results = await asyncio.gather(*(participant(base, assets) for _ in range(people)),
                                   return_exceptions=True)
    seconds = [r[0] for r in results if isinstance(r, tuple) and r[1] > 0]
    failures = [str(r) if isinstance(r, Exception) else "no widgets" for r in results
                if not (isinstance(r, tuple) and r[1] > 0)]
    return seconds, failures
