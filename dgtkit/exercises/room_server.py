"""The Voila server's kernels for a workshop room: never serve a broken one, free a closed
page's kernel within a minute, keep the preheated pool full.

Voila (``notebooks/voila.json``: ``VoilaConfiguration.multi_kernel_manager_class``) builds its
pool of preheated kernels on top of this class. What it adds:

- **A kernel that fails is never served.** A kernel that dies is restarted blank by Jupyter
  (its forms are gone: "model not found"). Such a kernel is shut down, whether it waits in the
  pool or a page uses it (the page says its connection is lost), and the pool refills. When a
  visitor arrives, the kernel taken from the pool is checked first (still managed, never
  restarted, its process alive, its notebook run without error); a bad one is dropped and the
  next one (or a new one) is served instead.
- **A crowd is served before the pool refills.** Kernels for the pool start only after
  ``refill_pause`` seconds without a new visitor, two at a time, ``refill_spacing`` apart:
  40 kernels starting at once took both cores while the room's pages were still loading.
- **The culler never takes a kernel as it is handed out.** A preheated kernel waits without
  activity, so it looks idle for as long as the pool is not used: when it is handed to a
  visitor its activity is renewed, and it has ``connect_grace`` seconds for the page to connect.
- **A closed page's kernel is freed.** The page sends a beacon to Voila's shutdown handler when
  it goes (``dgt-room.js``); if that is lost, a kernel that no page has been connected to for
  ``alone_grace`` seconds is shut down at the next cull (every ``cull_interval`` seconds), so
  within a minute with the room's settings (voila issue 1458: Voila's own request on closing
  is refused).

Only the Voila server imports this module; the app's kernels never do.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from jupyter_core.utils import ensure_async
from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Float, TraitError


class RoomKernelManager(AsyncMappingKernelManager):
    """Jupyter's kernel manager, with the room's rules (see the module)."""

    alone_grace = Float(25.0, config=True,
                        help="Seconds a kernel that a page used may stay without any page "
                             "connected before it is shut down.")
    connect_grace = Float(60.0, config=True,
                          help="Seconds a kernel just handed to a visitor has to get its "
                               "page connected.")
    refill_pause = Float(10.0, config=True,
                         help="Seconds without a new visitor before the pool refills: while "
                              "a crowd arrives, its pages are served first.")
    refill_spacing = Float(1.0, config=True,
                           help="Seconds between two kernels started for the pool, two at "
                                "a time, so that a refill never takes the whole machine.")

    def __init__(self, **kwargs):
        self._room_pools: dict = _Pools(self)
        self._pooled: set[str] = set()  # started for the pool
        self._handed: set[str] = set()  # taken from the pool by a visitor
        self._broken: set[str] = set()  # restarted or dead: never to be served
        self._alone_since: dict[str, float] = {}
        self._last_hand_out = float("-inf")
        self._visitors_waiting = 0  # visitors whose pool kernels were all broken
        self._refill_slots: asyncio.Semaphore | None = None
        super().__init__(**kwargs)

    # Voila's pool (``self._pools``, set in its __init__) is kept in lists that check a kernel
    # as it is taken.
    @property
    def _pools(self) -> dict:
        return self._room_pools

    @_pools.setter
    def _pools(self, value: dict) -> None:
        pools = _Pools(self)
        for name, items in value.items():
            pools[name] = items
        self._room_pools = pools

    async def start_kernel(self, *args, **kwargs) -> str:
        pooled = (kwargs.get("env") or {}).get("VOILA_PREHEAT") == "True"
        if pooled:  # a kernel for the pool: never while a crowd arrives, two at a time
            while (time.monotonic() - self._last_hand_out < self.refill_pause
                   and not self._visitors_waiting):
                await asyncio.sleep(1.0)
            if self._refill_slots is None:
                self._refill_slots = asyncio.Semaphore(2)
            async with self._refill_slots:
                kernel_id = await super().start_kernel(*args, **kwargs)
                await asyncio.sleep(self.refill_spacing)
            self._pooled.add(kernel_id)
        else:  # a visitor's own kernel (the pool was empty): at once
            kernel_id = await super().start_kernel(*args, **kwargs)
        kernel = self.get_kernel(kernel_id)
        for event in ("restart", "dead"):
            kernel.add_restart_callback(lambda k=kernel_id: self._failed(k), event)
        return kernel_id

    def _failed(self, kernel_id: str) -> None:
        """The kernel died (Jupyter restarts it blank): drop it, and fill the pool again."""
        if kernel_id in self._broken:
            return
        self._broken.add(kernel_id)
        self.log.warning("Kernel %s died; it will not be served again.", kernel_id)
        asyncio.get_event_loop().create_task(self._drop(kernel_id, delay=2.0))

    async def _drop(self, kernel_id: str, delay: float = 0.0) -> None:
        if delay:
            await asyncio.sleep(delay)  # let Jupyter finish its restart first
        if kernel_id in self:
            try:
                await ensure_async(self.shutdown_kernel(kernel_id, now=True))
            except Exception:  # noqa: BLE001 - already gone
                self.log.debug("Kernel %s was already gone", kernel_id, exc_info=True)
        self.refill()

    def refill(self) -> None:
        fill = getattr(self, "fill_if_needed", None)  # only with preheated kernels
        if fill is None:
            return
        for name in list(self._room_pools):
            fill(delay=0, notebook_name=name)

    async def _healthy(self, content: dict[str, Any]) -> bool:
        kernel_id = content.get("kernel_id")
        if kernel_id is None or kernel_id in self._broken or kernel_id not in self:
            return False
        task = content.get("task")
        if task is not None and task.done() and (task.cancelled() or task.exception()):
            return False
        try:
            return bool(await ensure_async(self.get_kernel(kernel_id).is_alive()))
        except Exception:  # noqa: BLE001
            return False

    def _hand_out(self, kernel_id: str) -> None:
        self._last_hand_out = time.monotonic()
        self._handed.add(kernel_id)
        self.get_kernel(kernel_id).last_activity = utcnow()
        self._alone_since[kernel_id] = time.monotonic() + self.connect_grace

    async def shutdown_kernel(self, kernel_id: str, *args, **kwargs):
        for known in (self._pooled, self._handed, self._broken):
            known.discard(kernel_id)
        self._alone_since.pop(kernel_id, None)
        return await ensure_async(super().shutdown_kernel(kernel_id, *args, **kwargs))

    async def cull_kernel_if_idle(self, kernel_id: str):
        if kernel_id in self._pooled and kernel_id not in self._handed:
            return  # waiting in the pool for a visitor
        if kernel_id in self._broken:
            await ensure_async(self.shutdown_kernel(kernel_id, now=True))
            return
        if self._kernel_connections.get(kernel_id, 0):
            self._alone_since.pop(kernel_id, None)
        else:
            now = time.monotonic()
            since = self._alone_since.setdefault(kernel_id, now)
            if now - since >= self.alone_grace:
                self.log.info("Kernel %s has had no page for %.0f s: shutting it down.",
                              kernel_id, now - since)
                await ensure_async(self.shutdown_kernel(kernel_id, now=True))
                return
        try:
            return await ensure_async(super().cull_kernel_if_idle(kernel_id))
        except TraitError:  # still starting: it has no last activity yet
            return None


class _Pools(dict):
    """Voila's pools (notebook → list of kernel tasks), each a ``_Pool``."""

    def __init__(self, manager: RoomKernelManager):
        super().__init__()
        self.manager = manager

    def get(self, name, default=None):
        if name in self:
            return self[name]
        return _Pool(self.manager, name, default or ())

    def __setitem__(self, name, items) -> None:
        if not isinstance(items, _Pool):
            items = _Pool(self.manager, name, items)
        super().__setitem__(name, items)


class _Pool(list):
    """A pool whose first kernel is checked as a visitor takes it (``pop(0)``)."""

    def __init__(self, manager: RoomKernelManager, name: str, items=()):
        super().__init__(items)
        self.manager = manager
        self.name = name

    def pop(self, index: int = -1):
        task = super().pop(index)
        return _Checked(self, task) if index == 0 else task


class _Checked:
    """A pool's kernel, checked when awaited (Voila awaits what it takes from the pool; what
    it pops to forget is never awaited, and then nothing happens)."""

    def __init__(self, pool: _Pool, task):
        self.pool = pool
        self.task = task

    def __await__(self):
        return self._take().__await__()

    async def _take(self) -> dict:
        manager, task = self.pool.manager, self.task
        for _ in range(100):
            try:
                content = await task
            except Exception:  # noqa: BLE001 - the kernel did not start: take the next
                manager.log.warning("A preheated kernel failed to start; taking another.")
                content = None
            if content is not None and await manager._healthy(content):
                manager._hand_out(content["kernel_id"])
                return content
            if content is not None:
                manager.log.warning("Preheated kernel %s is broken; serving another.",
                                    content.get("kernel_id"))
                manager._broken.add(content.get("kernel_id"))
                asyncio.get_event_loop().create_task(manager._drop(content["kernel_id"]))
            if not list.__len__(self.pool):
                manager.fill_if_needed(delay=0, notebook_name=self.pool.name)
            task = _waited(manager, list.pop(self.pool, 0))
        raise RuntimeError("No working kernel could be started for this page.")


async def _waited(manager: RoomKernelManager, task):
    """A pool task a visitor waits for: the pool starts it without pausing."""
    manager._visitors_waiting += 1
    try:
        return await task
    finally:
        manager._visitors_waiting -= 1
