"""Run first in every kernel nbgrader starts (validate, autograde): see ``nbgrader_config.py``.

A notebook is graded by running every cell. Code that stops the kernel (``os._exit``, ``exit()``)
would end the run and leave the rest of the notebook ungraded, so here it raises an error
instead: the cell that called it fails, and every other cell is still graded. ``sys.exit``
needs nothing: IPython already reports it as an error of its cell and carries on.
"""

from __future__ import annotations

import os


class KernelStopRefused(RuntimeError):
    """Raised in place of stopping the kernel while a notebook is graded."""


def _refuse(name: str):
    def refuse(*_args, **_kwargs):
        raise KernelStopRefused(
            f"{name} was called. While a notebook is graded every cell is run, so nothing may "
            "stop the kernel: remove this call. The other cells are graded as usual."
        )

    return refuse


os._exit = _refuse("os._exit()")
os.abort = _refuse("os.abort()")

try:
    _shell = get_ipython()  # noqa: F821 (defined in the kernel this module runs in)
except NameError:
    _shell = None
if _shell is not None:
    _shell.ask_exit = _refuse("exit()")
