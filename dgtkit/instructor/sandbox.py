"""The sandbox a submission's code runs in, and the judge's, built with bubblewrap.

A sandbox is a bubblewrap (``bwrap``) container started for one notebook and gone after it:

- **its own user**: run by root, the sandbox becomes a throwaway user id that owns no file of
  the machine (``THROWAWAY_UIDS``), with no capabilities, then enters a user namespace of its
  own in which no further one can be made; run by another user, bubblewrap's user namespace
  alone, with nothing writable of that user in view;
- **its own view of the files**: the system's programs and libraries, the Python environment
  and the course's package (``dgtkit`` and its ``data/``), all read-only; a private ``/tmp`` of
  limited size (a tmpfs) that holds the copy of the submission, the home folder and a fresh
  IPython and Jupyter configuration. Nothing of the course directory, the gradebook, the
  lecturer's home or other submissions is in view;
- **no network** (a network namespace of its own, with nothing but loopback), its own process
  ids, host name and IPC; no new user namespaces inside;
- **limits**: CPU time, address space, processes, file size and open files per process
  (``Limits``), a wall-clock limit for the whole run, and a cap on the bytes read back;
- **every process gone at the end**: the sandbox's processes live in a PID namespace whose
  first process dies with its parent (``--die-with-parent``), and the trusted side kills it
  when the notebook is done, stopped or out of time. When the PID namespace's first process
  dies, the kernel kills every process left in it.

Without bubblewrap (or a kernel that allows user namespaces) nothing is graded unless the
lecturer says so: ``make autograde UNSAFE=1`` (``--no-sandbox``) runs the same runner and
judge as plain processes of the lecturer, with the same limits but no isolation.
"""

from __future__ import annotations

import base64
import contextlib
import ctypes
import json
import os
import resource
import secrets
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BWRAP = "bwrap"
#: Root hands each sandbox a user id from this range: no file on the machine belongs to it.
THROWAWAY_UIDS = range(1_900_000_000, 1_900_100_000)
PR_SET_PDEATHSIG = 1
_SYSTEM_DIRS = ("/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
#: Inside the sandbox: its private, size-limited writable folder, and the home in it.
TMP = "/tmp"
HOME = f"{TMP}/home"


class SandboxUnavailable(RuntimeError):
    """bubblewrap cannot run a sandbox here; the message says why and what to do."""


@dataclass(frozen=True)
class Limits:
    """What one sandboxed process may use (the address space and CPU time per process)."""

    cpu_seconds: int = 900
    memory_bytes: int = 4 << 30
    processes: int = 128
    file_bytes: int = 64 << 20
    open_files: int = 512
    #: The size of the private /tmp (the copy of the submission, home, caches).
    disk_bytes: int = 256 << 20
    #: Characters of one cell's outputs kept (streams are cut, the rest dropped past it).
    output_bytes: int = 200_000
    #: Bytes read back from a sandbox in all; past this it is stopped.
    channel_bytes: int = 64 << 20


# -- what the sandbox sees -----------------------------------------------------------------


def _package_paths() -> list[Path]:
    """The Python environment and the course's package, which the sandbox may read."""
    import dgtkit
    from dgtkit.course import data

    paths = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.executable).resolve().parent,
             Path(dgtkit.__file__).resolve().parent}
    with contextlib.suppress(Exception):
        paths.add(data.data_dir().resolve())
    # Only the outermost of nested paths is bound.
    ordered = sorted(paths, key=lambda p: len(p.parts))
    kept: list[Path] = []
    for path in ordered:
        if path.exists() and not any(path.is_relative_to(k) for k in kept):
            kept.append(path)
    return kept


def view_arguments() -> list[str]:
    """bubblewrap's arguments for the read-only view: the system, the Python environment and
    the course's package. The folders above a bound one are made readable and searchable in
    the sandbox (a Python under root's home, say), without their other contents."""
    args: list[str] = []
    for name in _SYSTEM_DIRS:
        path = Path(name)
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), name]
        elif path.is_dir():
            args += ["--ro-bind", name, name]
    made: set[Path] = set()
    for path in _package_paths():
        if any(str(path).startswith(d + "/") or str(path) == d for d in _SYSTEM_DIRS):
            continue
        for parent in reversed(path.parents[:-1]):
            if parent not in made:
                made.add(parent)
                args += ["--perms", "0755", "--dir", str(parent)]
        args += ["--ro-bind", str(path), str(path)]
    return args


def environment(mode: str) -> dict[str, str]:
    """The sandbox's whole environment: nothing of the lecturer's, a fresh home and config."""
    venv_bin = str(Path(sys.prefix) / "bin")
    return {
        "PATH": f"{venv_bin}:/usr/local/bin:/usr/bin:/bin",
        "HOME": HOME,
        "USER": "student",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TMPDIR": TMP,
        "IPYTHONDIR": f"{HOME}/.ipython",
        "JUPYTER_CONFIG_DIR": f"{HOME}/.jupyter",
        "JUPYTER_DATA_DIR": f"{HOME}/.local/share/jupyter",
        "JUPYTER_RUNTIME_DIR": f"{HOME}/.local/share/jupyter/runtime",
        "JUPYTER_PLATFORM_DIRS": "1",
        "MPLCONFIGDIR": f"{HOME}/.config/matplotlib",
        "XDG_CACHE_HOME": f"{HOME}/.cache",
        "XDG_CONFIG_HOME": f"{HOME}/.config",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "NBGRADER_EXECUTION": mode,
    }


def _throwaway_uid() -> int:
    return THROWAWAY_UIDS[secrets.randbelow(len(THROWAWAY_UIDS))]


def _prctl(option: int, value: int) -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)


def _processes_of(uid: int) -> int:
    """How many processes ``uid`` runs now (so that a process limit leaves it room)."""
    count = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                count += entry.stat().st_uid == uid
    return count


def _preexec(limits: Limits, throwaway: bool):
    """Run in the child before bubblewrap starts: the limits, which every process of the
    sandbox inherits, and death with the grading process. The process limit counts the
    processes of a user: the throwaway user has none yet; the lecturer's own are added."""
    processes = limits.processes + (0 if throwaway else _processes_of(os.getuid()))

    def prepare() -> None:
        for which, value in ((resource.RLIMIT_CPU, limits.cpu_seconds),
                             (resource.RLIMIT_AS, limits.memory_bytes),
                             (resource.RLIMIT_NPROC, processes),
                             (resource.RLIMIT_FSIZE, limits.file_bytes),
                             (resource.RLIMIT_NOFILE, limits.open_files),
                             (resource.RLIMIT_CORE, 0)):
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(which, (value, value))
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == 1:  # the grading process died before this line
            os._exit(1)

    return prepare


# -- starting one -------------------------------------------------------------------------


@dataclass
class Sandbox:
    """How sandboxes are made on this machine: with bubblewrap, or (``isolated=False``,
    the lecturer's explicit choice) as plain processes."""

    isolated: bool = True
    limits: Limits = field(default_factory=Limits)

    def command(self, argv: list[str], mode: str, files: dict[str, int] | None = None,
                workdir: str = f"{TMP}/work", uid: int | None = None
                ) -> tuple[list[str], dict[str, str] | None]:
        """The command line that runs ``argv`` in a sandbox, and its environment (None:
        bubblewrap sets it). ``files`` maps a name in ``workdir`` to a file descriptor whose
        content bubblewrap copies there. With ``uid`` (the grading process is root),
        bubblewrap runs privileged and the sandbox's first process becomes that throwaway
        user, with no capabilities and no way to gain any; else bubblewrap puts the sandbox
        in a user namespace of its own."""
        env = environment(mode)
        if not self.isolated:
            return argv, env
        args = [BWRAP, "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
                "--unshare-cgroup-try", "--die-with-parent", "--new-session",
                "--hostname", "sandbox"]
        if uid is None:
            args += ["--unshare-user", "--disable-userns"]
        # The private /tmp first, then the view: a course under /tmp (a folder made by
        # mktemp, say) is bound over the tmpfs, where mounting the tmpfs last would hide it.
        args += ["--proc", "/proc", "--dev", "/dev",
                 "--perms", "1777", "--size", str(self.limits.disk_bytes), "--tmpfs", TMP,
                 *view_arguments(),
                 "--perms", "0777", "--dir", HOME, "--perms", "0777", "--dir", workdir]
        for name, descriptor in (files or {}).items():
            args += ["--perms", "0666", "--file", str(descriptor), f"{workdir}/{name}"]
        args += ["--chdir", TMP, "--clearenv"]
        for key, value in env.items():
            args += ["--setenv", key, value]
        if uid is not None:
            # The throwaway user, with no capability and no way to gain one; then, as that
            # user, a user namespace of its own in which no other can be made (the kernel's
            # user namespaces are a large attack surface), over the same view of the files.
            args += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--",
                     "setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
                     "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--",
                     BWRAP, "--unshare-user", "--disable-userns", "--die-with-parent",
                     "--bind", "/", "/", "--dev-bind", "/dev", "/dev", "--proc", "/proc",
                     "--chdir", TMP]
        return [*args, "--", *argv], None

    def start(self, argv: list[str], mode: str, files: dict[str, bytes] | None = None,
              workdir: str = f"{TMP}/work", channel: bool = True) -> Running:
        """Start ``argv`` in a new sandbox; ``files`` (name → content) are copied into its
        ``workdir`` (``Running.workdir``). With ``channel``, the process writes its results
        to the descriptor ``Running.channel_number``."""
        descriptors: dict[str, int] = {}
        scratch = None
        if files and self.isolated:
            descriptors = {name: _memory_file(name, content) for name, content in files.items()}
        elif not self.isolated:  # no sandbox: a private folder of the lecturer's stands in
            scratch = _private_folder()
            workdir = str(Path(scratch) / "work")
            os.makedirs(workdir)
            for name, content in (files or {}).items():
                (Path(workdir) / name).write_bytes(content)
        read_end = write_end = None
        if channel:
            read_end, write_end = os.pipe()
        uid = _throwaway_uid() if self.isolated and os.geteuid() == 0 else None
        argv, env = self.command(argv, mode, descriptors, workdir, uid)
        if env is not None and scratch is not None:
            home = Path(scratch) / "home"
            home.mkdir()
            env = {**env, **{k: v.replace(HOME, str(home)) for k, v in env.items()
                             if v.startswith(HOME)}, "TMPDIR": scratch}
        keep = [*descriptors.values(), *([write_end] if write_end is not None else [])]
        process = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env=env, pass_fds=keep, preexec_fn=_preexec(self.limits, uid is not None),
            start_new_session=True, cwd=workdir if scratch else "/",
        )
        for descriptor in keep:
            os.close(descriptor)
        running = Running(process, read_end, self.limits.channel_bytes, scratch)
        running.workdir, running.channel_number = workdir, write_end
        return running


def _memory_file(name: str, content: bytes) -> int:
    """A descriptor to read ``content`` from (an anonymous in-memory file)."""
    descriptor = os.memfd_create(f"dgt-{name}"[:200], 0)
    os.write(descriptor, content)
    os.lseek(descriptor, 0, os.SEEK_SET)
    return descriptor


def _private_folder() -> str:
    import tempfile

    return tempfile.mkdtemp(prefix="dgt-unsandboxed-")


class Running:
    """A sandbox that runs: its channel read line by line, within a deadline and a byte cap;
    what it printed besides (the last few kilobytes) kept for the log."""

    TAIL = 20_000

    def __init__(self, process: subprocess.Popen, channel: int | None, cap: int,
                 scratch: str | None):
        self.process, self.channel, self.cap, self.scratch = process, channel, cap, scratch
        self.workdir = ""
        self.channel_number: int | None = None
        self.read = 0
        self.buffer = b""
        self.tail = b""
        self.overflow = False
        self._printer = threading.Thread(target=self._drain, daemon=True)
        self._printer.start()

    def _drain(self) -> None:
        stream = self.process.stdout
        with contextlib.suppress(OSError, ValueError):
            while chunk := stream.read1(65536):
                self.tail = (self.tail + chunk)[-self.TAIL:]

    def send(self, data: bytes) -> None:
        """Give the process its job on standard input, then close it."""
        with contextlib.suppress(BrokenPipeError, OSError):
            self.process.stdin.write(data)
            self.process.stdin.close()

    def send_line(self, data: bytes) -> bool:
        """Write one line to standard input, keeping it open; False if the process is gone."""
        try:
            self.process.stdin.write(data + b"\n")
            self.process.stdin.flush()
            return True
        except (BrokenPipeError, OSError, ValueError):
            return False

    def lines(self, deadline: float):
        """Each line the process writes to the channel until it closes it, the deadline
        passes or the byte cap is reached (``self.overflow``)."""
        while True:
            while b"\n" in self.buffer:
                line, self.buffer = self.buffer.split(b"\n", 1)
                yield line
            left = deadline - time.monotonic()
            if left <= 0:
                return
            ready, _, _ = select.select([self.channel], [], [], min(left, 1.0))
            if not ready:
                continue
            chunk = os.read(self.channel, 1 << 20)
            if not chunk:
                return
            self.read += len(chunk)
            if self.read > self.cap:
                self.overflow = True
                return
            self.buffer += chunk

    def printed(self) -> str:
        """The last lines the sandbox printed outside the channel (bubblewrap's errors too)."""
        return self.tail.decode("utf-8", "replace")

    def stop(self) -> int | None:
        """Stop the sandbox and everything in it; its exit code (None if it had to be
        killed)."""
        code = self.process.poll()
        if code is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGKILL)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=30)
        if self.channel is not None:
            with contextlib.suppress(OSError):
                os.close(self.channel)
            self.channel = None
        self._printer.join(timeout=5)
        if self.scratch:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None
        return code


# -- is it there? ------------------------------------------------------------------------


def check(sandbox: Sandbox | None = None) -> None:
    """Raise ``SandboxUnavailable`` with the reason if a sandbox cannot run here."""
    sandbox = sandbox or Sandbox()
    if not sandbox.isolated:
        return
    if shutil.which(BWRAP) is None:
        raise SandboxUnavailable(
            "bubblewrap (the bwrap command) is not installed. Install it (Debian or Ubuntu: "
            "apt-get install bubblewrap), or grade without a sandbox at your own risk: "
            "make autograde UNSAFE=1."
        )
    running = sandbox.start([sys.executable, "-I", "-c", "print('ok')"], "check",
                            channel=False)
    deadline = time.monotonic() + 60
    while running.process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    code = running.stop()
    if code != 0 or "ok" not in running.printed():
        raise SandboxUnavailable(
            "bubblewrap is installed but could not start a sandbox here: "
            f"{running.printed().strip()[-500:] or f'exit code {code}'}. It needs a kernel "
            "that lets unprivileged users create user namespaces (Debian: sysctl "
            "kernel.unprivileged_userns_clone=1; Ubuntu 24.04: an AppArmor profile for "
            "bwrap), and the Python environment and the course's package readable by every "
            "user. Or grade without a sandbox at your own risk: make autograde UNSAFE=1."
        )


def encode_files(files: dict[str, bytes]) -> dict[str, str]:
    return {name: base64.b64encode(content).decode("ascii") for name, content in files.items()}


def decode_files(files: dict[str, str]) -> dict[str, bytes]:
    return {name: base64.b64decode(content) for name, content in files.items()}


def send_json(running: Running, job: dict) -> None:
    running.send(json.dumps(job).encode("utf-8"))
