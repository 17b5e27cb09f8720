"""The room's kernel manager decides which kernel to cull and which preheated kernel to serve
(dgtkit.exercises.room_server); the browser tests kill real kernels, these hold the rules."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest

from dgtkit.exercises import room_server
from dgtkit.exercises.room_server import RoomKernelManager, _Pool


class Clock:
    def __init__(self):
        self.now = 1000.0

    def monotonic(self):
        return self.now


@pytest.fixture
def manager(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(room_server.time, "monotonic", clock.monotonic)
    manager = RoomKernelManager(alone_grace=25, connect_grace=60)
    manager.clock = clock
    manager.shut = []
    manager.idle_checked = []

    async def shutdown(kernel_id, *args, **kwargs):
        manager.shut.append(kernel_id)

    async def idle(self, kernel_id):  # Jupyter's own idle rule (15 minutes)
        manager.idle_checked.append(kernel_id)

    monkeypatch.setattr(manager, "shutdown_kernel", shutdown)
    monkeypatch.setattr(room_server.AsyncMappingKernelManager, "cull_kernel_if_idle", idle)
    monkeypatch.setattr(manager, "get_kernel", lambda k: SimpleNamespace(last_activity=None))
    return manager


def run(coroutine):
    """Run ``coroutine`` on a loop of its own, in a thread: the browser tests' driver may
    already run a loop in this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def cull(manager, kernel_id):
    run(manager.cull_kernel_if_idle(kernel_id))


def test_a_kernel_waiting_in_the_pool_is_never_culled(manager):
    manager._pooled.add("pool")
    manager.clock.now += 7200  # two hours without activity
    cull(manager, "pool")
    assert manager.shut == [] and manager.idle_checked == []


def test_a_kernel_just_handed_out_has_time_for_its_page_to_connect(manager):
    manager._pooled.add("k")
    manager._hand_out("k")  # its activity is renewed, and it has a minute to connect
    manager._kernel_connections["k"] = 0
    assert manager.get_kernel("k") is not None
    for _ in range(4):  # culls every 15 s: alone for 60 s, but just handed out
        cull(manager, "k")
        manager.clock.now += 15
    assert manager.shut == []
    manager._kernel_connections["k"] = 1  # the page connected
    manager.clock.now += 600
    cull(manager, "k")
    assert manager.shut == []


def test_a_kernel_no_page_is_connected_to_is_freed_within_a_minute(manager):
    manager._kernel_connections["k"] = 1
    cull(manager, "k")
    manager._kernel_connections["k"] = 0  # the page was closed (its beacon was lost)
    cull(manager, "k")  # first seen alone now
    manager.clock.now += 15  # the next cull
    cull(manager, "k")
    assert manager.shut == []
    manager.clock.now += 15
    cull(manager, "k")
    assert manager.shut == ["k"]


def test_a_restarted_kernel_is_never_served(manager):
    async def take():
        loop = asyncio.get_running_loop()
        contents = []
        for kernel_id in ("dead", "fine"):
            future = loop.create_future()
            future.set_result({"kernel_id": kernel_id, "task": None})
            contents.append(future)
        pool = _Pool(manager, "action_plan.ipynb", contents)

        async def healthy(content):
            return content["kernel_id"] != "dead"

        async def drop(kernel_id, delay=0.0):
            manager.shut.append(kernel_id)

        manager._healthy, manager._drop = healthy, drop
        content = await pool.pop(0)
        await asyncio.sleep(0)
        return content

    assert run(take())["kernel_id"] == "fine"
    assert manager.shut == ["dead"] and "dead" in manager._broken


def test_the_pool_refills_only_once_the_crowd_has_arrived(manager, monkeypatch):
    started = []

    async def start(self, *args, **kwargs):
        started.append((manager.clock.now, kwargs["env"]["VOILA_PREHEAT"]))
        return f"k{len(started)}"

    async def sleep(seconds):  # time passes only on the fake clock
        manager.clock.now += seconds

    monkeypatch.setattr(room_server.AsyncMappingKernelManager, "start_kernel", start)
    monkeypatch.setattr(room_server.asyncio, "sleep", sleep)
    monkeypatch.setattr(manager, "get_kernel", lambda k: SimpleNamespace(
        add_restart_callback=lambda *a: None, last_activity=None))
    manager._hand_out("visitor")  # a visitor just took a kernel from the pool
    arrived = manager.clock.now
    run(manager.start_kernel(env={"VOILA_PREHEAT": "False"}))  # a visitor's: at once
    run(manager.start_kernel(env={"VOILA_PREHEAT": "True"}))  # the pool's: later
    assert started[0] == (arrived, "False")
    assert started[1][1] == "True" and started[1][0] >= arrived + manager.refill_pause
