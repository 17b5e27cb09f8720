"""Run a student's notebook inside the sandbox: ``python -I -m dgtkit.instructor.sandbox_runner``.

Started by ``dgtkit.instructor.sandbox`` inside bubblewrap, as an unprivileged user with no
network, on a private copy of the submission. It reads its job (JSON) on standard input and
writes one JSON line per executed cell to the descriptor it is given, as soon as the cell is
done, so that whatever happens later (the kernel dies, the student's code kills this runner)
the cells already run are kept. The trusted side treats every byte of it as untrusted.

The notebook it runs is not the submitted one as such: every test cell has been replaced by a
line that prints the values the test reads (``dgtkit.grading.judged.capture``). The tests
themselves are judged elsewhere.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import sys
from pathlib import Path

#: What a cell that ran out of time shows (as nbgrader's own Execute does).
TIMEOUT_ERROR = {
    "ename": "CellTimeoutError",
    "evalue": "",
    "traceback": ["\x1b[0;31mCellTimeoutError\x1b[0m: No reply from kernel before timeout"],
}
#: Seconds a kernel has to answer again after a cell that ran out of time was interrupted.
INTERRUPT_GRACE = 5
PR_SET_DUMPABLE = 4


def _undumpable() -> None:
    """Other processes of the sandbox's user (the student's kernel) may not read or write
    this process's memory or file descriptors through /proc or ptrace."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def _text_size(output: dict) -> int:
    return len(json.dumps(output, ensure_ascii=False))


def limit_outputs(outputs: list, limit: int) -> tuple[list, bool]:
    """At most ``limit`` characters of outputs: streams cut, other outputs dropped past it."""
    kept, used, cut = [], 0, False
    for output in outputs:
        size = _text_size(output)
        if used + size <= limit:
            kept.append(output)
            used += size
            continue
        cut = True
        if output.get("output_type") == "stream":
            room = max(0, limit - used - 200)
            text = output.get("text", "")
            if isinstance(text, list):
                text = "".join(text)
            kept.append({**output, "text": text[:room] + "\n... Output truncated ...\n"})
        break
    return kept, cut


def _kernelspec(name: str) -> None:
    """A kernel of this Python in isolated mode (``-I``: neither the working folder nor
    PYTHONPATH is searched for modules), in the sandbox's own, fresh Jupyter data folder."""
    folder = Path(os.environ["JUPYTER_DATA_DIR"]) / "kernels" / name
    folder.mkdir(parents=True, exist_ok=True)
    spec = {"argv": [sys.executable, "-I", "-m", "ipykernel_launcher", "-f",
                     "{connection_file}"],
            "display_name": "Python 3 (sandbox)", "language": "python"}
    (folder / "kernel.json").write_text(json.dumps(spec), "utf-8")


def main() -> int:
    _undumpable()
    job = json.loads(sys.stdin.read())
    channel = os.fdopen(int(job["channel"]), "w", encoding="utf-8")

    def send(record: dict) -> None:
        channel.write(json.dumps(record, ensure_ascii=True) + "\n")
        channel.flush()

    work = Path(job["workdir"])  # the private copy of the submission's files
    os.chdir(work)
    _kernelspec(job["kernel"])

    # jsonschema (through nbformat) would build an IRI parser it never uses here, at about
    # 1.7 s per notebook graded: a grading run does without.
    sys.modules.setdefault("rfc3987_syntax", None)
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    limit = int(job["max_output_bytes"])

    class Client(NotebookClient):
        """nbclient, keeping at most ``limit`` characters of each cell's outputs in memory."""

        def output(self, outs, msg, display_id, cell_index):
            if sum(_text_size(o) for o in outs) > limit:
                return None
            return super().output(outs, msg, display_id, cell_index)

    def on_cell_executed(cell, cell_index, execute_reply):
        """As nbgrader's Execute: an error the kernel replied without showing it (a cell out
        of time) is added to the cell's outputs, so that it is seen and scored."""
        content = (execute_reply or {}).get("content", {})
        if content.get("status") != "error":
            return
        if any(o.get("output_type") == "error" and o.get("ename") == content.get("ename")
               for o in cell.outputs):
            return
        cell.outputs.append(nbformat.from_dict({
            "output_type": "error", "ename": content.get("ename", ""),
            "evalue": content.get("evalue", ""),
            "traceback": content.get("traceback") or ["An error occurred."]}))

    notebook = nbformat.reads(json.dumps(job["notebook"]), as_version=4)
    client = Client(
        notebook, timeout=job["timeout"], kernel_name=job["kernel"], allow_errors=True,
        interrupt_on_timeout=True, error_on_timeout=TIMEOUT_ERROR, raise_on_iopub_timeout=False,
        iopub_timeout=4, record_timing=False, store_widget_state=False,
        resources={"metadata": {"path": str(work)}}, extra_arguments=job["kernel_arguments"],
        startup_timeout=job["startup_timeout"], on_cell_executed=on_cell_executed,
    )
    stopped = ""
    with client.setup_kernel():
        if job.get("setup"):  # before the first cell, not part of the notebook
            setup = nbformat.from_dict({"cell_type": "code", "source": job["setup"],
                                        "metadata": {}, "outputs": [],
                                        "execution_count": None})
            with contextlib.suppress(Exception):
                client.execute_cell(setup, 0, store_history=False)
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            timed_out = False
            try:
                client.execute_cell(cell, index)
                timed_out = any(o.get("ename") == "CellTimeoutError"
                                for o in cell.get("outputs", []))
            except DeadKernelError:
                stopped = "died"
            except Exception as error:  # noqa: BLE001 - reported, the rest is not run
                stopped = f"failed: {type(error).__name__}"
            outputs, cut = limit_outputs(list(cell.get("outputs", [])), limit)
            send({"cell": index, "execution_count": cell.get("execution_count"),
                  "outputs": outputs, "cut": cut})
            if not stopped and timed_out and not _answers(client):
                with contextlib.suppress(Exception):
                    client.km.kill_kernel()
                stopped = "hung"
            if stopped:
                send({"stopped": stopped, "cell": index})
                break
        send({"done": True})  # before the kernel is shut down: the sandbox is stopped now
    return 0


def _answers(client) -> bool:
    """Whether the kernel runs code again after an interrupted cell (it may ignore it)."""
    probe = {"cell_type": "code", "source": "pass", "metadata": {}, "outputs": [],
             "execution_count": None}
    import nbformat

    cell = nbformat.from_dict(probe)
    saved = client.timeout
    client.timeout = INTERRUPT_GRACE
    try:
        client.execute_cell(cell, 0, store_history=False)
    except Exception:  # noqa: BLE001
        return False
    finally:
        client.timeout = saved
    return not any(o.get("ename") == "CellTimeoutError" for o in cell.get("outputs", []))


if __name__ == "__main__":
    sys.exit(main())
