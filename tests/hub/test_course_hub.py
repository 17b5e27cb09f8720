"""The course hub of deploy/one-server, run for real: a JupyterHub on loopback, one Unix user each.

The hub runs the repository's own deploy/one-server/jupyterhub_config.py. The test only swaps
PAM logins for JupyterHub's test authenticator (``dummy``), adds a service token to drive the
hub's REST API, and serves the course's last commit with git daemon on loopback in place of
GitHub. It creates three throwaway Unix users (an instructor in a throwaway graders' group and
two students), which needs root (CI runs as root), and removes them afterwards. If the venv's
Python sits where other users cannot reach it (pyenv in root's home), the users' servers run
the system's Python of the same version on this venv's packages.

What it checks, through each user's own Jupyter server (each runs as that Unix user):

- nbgitpuller pulls the course into every home, and the home is closed to others;
- the instructor generates and releases the Module 2 assignment with the formgrader,
  both students fetch and submit it with the assignment list, the instructor collects both;
- student B cannot list the exchange's inbound, nor read or change student A's submission,
  nor read A's home, nor the instructor's collected copy, nor rename the course in the
  exchange; A and the instructor can read A's submission (so the refusals are permissions,
  not missing files); students get no formgrader;
- the book's JupyterHub launch link opens the exercise in JupyterLab, and Voila serves the
  action-plan app to a student with nothing loaded from outside.
"""

from __future__ import annotations

import grp
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import nbformat
import pytest
import requests

from dgtkit.site.launch import repository
from tests.conftest import REPO, free_port, tool_env, wait_for_http

pytestmark = [pytest.mark.slow]

PROXY = REPO / "deploy" / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
HUB_CONFIG = REPO / "deploy" / "one-server" / "jupyterhub_config.py"
COURSE = "dgt-capacities"
ASSIGNMENT = "m2_holistic"
PASSWORD = secrets.token_urlsafe(12)


@dataclass
class Hub:
    url: str
    token: str
    base: Path
    folder: str  # where nbgitpuller puts the course in a home
    repo: str  # the course's git URL on loopback
    teacher: str
    ana: str
    ben: str
    graders: str
    exchange: Path
    log: Path
    session: requests.Session = field(default_factory=requests.Session)

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", 120)
        headers = {"Authorization": f"token {self.token}"}
        return self.session.request(method, self.url + path, headers=headers, **kwargs)

    def home(self, user: str) -> Path:
        return Path(pwd.getpwnam(user).pw_dir)

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-6000:]


def run(*command: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


def readable_by_all(path: Path) -> bool:
    """Whether another user could execute ``path`` (every folder above it traversable)."""
    path = path.resolve()
    return all(p.stat().st_mode & 0o001 for p in path.parents) and path.stat().st_mode & 0o005


@dataclass(frozen=True)
class Staged:
    """What the hub's users run: a copy of the checkout and an environment, both theirs to read."""

    course: Path
    python: str

    @property
    def hub_config(self) -> Path:
        return self.course / HUB_CONFIG.relative_to(REPO)


def share(source: Path, target: Path, skip=lambda path: False) -> None:
    """Give ``target`` the files of ``source``, readable by all: hard links where the file is
    already readable by all and on the same disk, else copies opened to all. Symbolic links
    are kept as they are; the caller re-points those into the checkout."""
    for folder, subfolders, files in os.walk(source):
        here = Path(folder)
        there = target / here.relative_to(source)
        there.mkdir(parents=True, exist_ok=True)
        there.chmod(0o755)
        for name in subfolders + files:
            path = here / name
            if skip(path):
                if name in subfolders:
                    subfolders.remove(name)
                continue
            if path.is_symlink():
                (there / name).symlink_to(os.readlink(path))
                if name in subfolders:
                    subfolders.remove(name)  # not followed: it would be copied twice
            elif name in files:
                mode = path.stat().st_mode
                try:
                    if mode & 0o004 != 0o004:
                        raise PermissionError  # a private file: copy it, never open the original
                    os.link(path, there / name)
                except OSError:  # another disk, or private
                    shutil.copy2(path, there / name)
                    (there / name).chmod(0o755 if mode & 0o100 else 0o644)


def stage_for_users(base: Path) -> Staged:
    """The course and this test run's environment, staged in ``base`` for the hub's users.

    The checkout may sit where other users cannot reach it (a clone in a 0700 folder, or in
    root's home), and the venv's own Python may too (pyenv in root's home). So the users run
    the system's Python of the same minor version in a venv of their own, whose
    site-packages, share/ and etc/ are this venv's (hard links, so it costs no copy), with
    dgtkit taken from a copy of the checkout's files; the hub reads its configuration from
    that copy, so the users' Jupyter configuration and Voila's template come from it too.
    """
    course = base / "course"
    listed = run("git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others",
                 "--exclude-standard").stdout.split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            target = course / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
            target.chmod(0o755 if source.stat().st_mode & 0o100 else 0o644)
    for folder, _, _ in os.walk(course):
        os.chmod(folder, 0o755)
    proxy = PROXY.parents[1]  # node_modules: run by the hub, which is root, never by a user
    (course / proxy.relative_to(REPO)).symlink_to(proxy)

    minor = f"python{sys.version_info.major}.{sys.version_info.minor}"
    system = shutil.which(minor, path="/usr/bin:/usr/local/bin")
    assert system and readable_by_all(Path(system)), (
        f"The hub's users need a {minor} they can run: install Debian's {minor}.")
    venv = base / "userenv"
    run(system, "-m", "venv", "--without-pip", str(venv))
    ours = Path(next(p for p in sys.path if p.endswith("site-packages") and sys.prefix in p))
    site = venv / "lib" / minor / "site-packages"
    share(ours, site, skip=lambda path: path.name.startswith("__editable__"))
    (site / "dgtkit-course.pth").write_text(f"{course}\n")  # dgtkit from the staged checkout
    for shared in ("share", "etc"):
        share(Path(sys.prefix) / shared, venv / shared)
    for link in (venv / "share").rglob("*"):  # the Voila template, linked into the checkout
        if link.is_symlink() and Path(os.readlink(link)).is_relative_to(REPO):
            target = course / Path(os.readlink(link)).relative_to(REPO)
            link.unlink()
            link.symlink_to(target)
    for script in Path(sys.executable).parent.iterdir():  # the venv's tools, on that Python
        if script.is_file() and not script.name.startswith("python"):
            text = script.read_bytes()
            if text.startswith(b"#!") and b"python" in text.split(b"\n", 1)[0]:
                copy = venv / "bin" / script.name
                copy.write_bytes(b"#!" + str(venv / "bin" / "python").encode()
                                 + b"\n" + text.split(b"\n", 1)[1])
                copy.chmod(0o755)
    python = venv / "bin" / "python"
    assert readable_by_all(python) and readable_by_all(course / "dgtkit" / "__init__.py"), (
        f"The hub's users must be able to reach {base}: set TMPDIR to a folder they can "
        "traverse.")
    return Staged(course, str(python))


def as_user(user: str, code: str) -> dict:
    """Run Python ``code`` as ``user`` (with their groups); it prints a JSON object."""
    result = run("runuser", "-u", user, "--", "/usr/bin/python3", "-c", textwrap.dedent(code))
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def hub():
    """The course hub, three throwaway Unix users, and the course's repository on loopback."""
    if os.geteuid() != 0:
        pytest.fail("The hub test creates throwaway Unix users and runs a hub that spawns "
                    "servers as them: run it as root (CI does).")
    assert PROXY.is_file(), "Install the hub's proxy first: make proxy"
    tag = secrets.token_hex(3)
    graders, teacher, ana, ben = (f"dgt{tag}{r}" for r in ("g", "t", "a", "b"))
    base = Path(tempfile.mkdtemp(prefix="dgt-hub-"))
    os.chmod(base, 0o755)
    created: list[str] = []
    process = None
    log = base / "hub.log"
    stack = ExitStack()
    try:
        run("groupadd", graders)
        (base / "home").mkdir()
        for user in (teacher, ana, ben):
            extra = ["-G", graders] if user == teacher else []
            run("useradd", "--create-home", "--home-dir", str(base / "home" / user),
                "--shell", "/bin/bash", "--user-group", *extra, user)
            created.append(user)

        # The course's repository (its last commit), served on loopback.
        folder = repository(REPO).url.rsplit("/", 1)[-1]
        mirror = base / "git" / folder
        run("git", "init", "--quiet", "--bare", str(mirror))
        run("git", "-C", str(REPO), "push", "--quiet", str(mirror), "HEAD:refs/heads/main")
        repo_url = stack.enter_context(git_daemon(base / "git")) + folder

        staged = stage_for_users(base / "stage")
        token = secrets.token_hex(32)
        config = base / "test_config.py"
        config.write_text(textwrap.dedent(f"""
            c = get_config()
            load_subconfig({str(staged.hub_config)!r})
            # The test's only changes: its own logins and a token to drive the REST API.
            c.JupyterHub.authenticator_class = "dummy"
            c.DummyAuthenticator.password = {PASSWORD!r}
            c.Authenticator.allow_all = True
            c.JupyterHub.services = [{{"name": "course-test", "api_token": {token!r}}}]
            c.JupyterHub.load_roles = [{{
                "name": "course-test", "services": ["course-test"],
                "scopes": ["admin:users", "admin:servers", "access:servers"],
            }}]
        """))
        port = free_port()
        env = tool_env(
            DGT_HUB_STATE=str(base / "state"), DGT_EXCHANGE_ROOT=str(base / "exchange"),
            DGT_GRADERS_GROUP=graders, DGT_COURSE_REPO=repo_url, DGT_COURSE_BRANCH="main",
            DGT_USER_PYTHON=staged.python,
        )
        with log.open("w") as out:
            process = subprocess.Popen(
                [str(Path(sys.executable).parent / "jupyterhub"), "-f", str(config),
                 f"--JupyterHub.bind_url=http://127.0.0.1:{port}",
                 f"--JupyterHub.hub_bind_url=http://127.0.0.1:{free_port()}",
                 f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{free_port()}"],
                cwd=base, env=env, stdout=out, stderr=subprocess.STDOUT,
            )
        url = f"http://127.0.0.1:{port}"
        wait_for_http(f"{url}/hub/api", process, timeout=90)
        hub = Hub(url, token, base, folder, repo_url, teacher, ana, ben, graders,
                  base / "exchange", log)
        for user in (teacher, ana, ben):
            assert hub.api("POST", f"/hub/api/users/{user}").status_code in (201, 409)
            assert hub.api("POST", f"/hub/api/users/{user}/server").status_code in (201, 202)
        for user in (teacher, ana, ben):
            wait_until_ready(hub, user, process)
            pull_course(hub, user)
        yield hub
    finally:
        if process is not None:
            process.send_signal(signal.SIGTERM)  # the hub stops the users' servers and proxy
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
        for user in created:
            end_processes_of(user)
            subprocess.run(["userdel", user], capture_output=True)
        subprocess.run(["groupdel", graders], capture_output=True)
        stack.close()
        shutil.rmtree(base, ignore_errors=True)


@contextmanager
def git_daemon(folder: Path):
    """Serve the git repositories in ``folder`` on loopback (git://), as GitHub serves them."""
    port = free_port()
    process = subprocess.Popen(
        ["git", "daemon", "--reuseaddr", "--export-all", f"--base-path={folder}",
         "--listen=127.0.0.1", f"--port={port}", str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, "git daemon exited"
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "git daemon did not answer"
                time.sleep(0.2)
        yield f"git://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


def end_processes_of(user: str) -> None:
    """Stop what the hub started as ``user`` and left running (by pid, this user's only)."""
    uid = pwd.getpwnam(user).pw_uid
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    os.kill(int(entry.name), signal.SIGKILL)
            except (FileNotFoundError, ProcessLookupError):
                pass


def wait_until_ready(hub: Hub, user: str, process, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the hub exited:\n" + hub.log_tail()
        server = hub.api("GET", f"/hub/api/users/{user}").json()["servers"].get("")
        if server and server.get("ready"):
            return
        time.sleep(0.5)
    raise AssertionError(f"{user}'s server did not start:\n{hub.log_tail()}")


def pull_course(hub: Hub, user: str) -> None:
    """What the first page of every user does: nbgitpuller pulls the course into the home."""
    query = urlencode({"repo": hub.repo, "branch": "main", "targetpath": hub.folder})
    response = hub.api("GET", f"/user/{user}/git-pull/api?{query}", stream=True)
    events = [json.loads(line[6:]) for line in response.iter_lines(decode_unicode=True)
              if line.startswith("data: ")]
    assert events and events[-1]["phase"] == "finished", events[-3:]


def user_api(hub: Hub, user: str, method: str, path: str, **kwargs) -> dict:
    response = hub.api(method, f"/user/{user}/{path}", **kwargs)
    assert response.status_code == 200, (response.status_code, response.text[:500])
    return response.json()


def test_each_user_gets_the_course_in_a_home_closed_to_others(hub):
    for user in (hub.teacher, hub.ana, hub.ben):
        home = hub.home(user)
        assert (home.stat().st_mode & 0o777) == 0o700, f"{user}'s home is open to others"
        notebook = home / hub.folder / "notebooks" / "ex03_pillar_self_rating.ipynb"
        assert notebook.is_file()
        assert notebook.stat().st_uid == pwd.getpwnam(user).pw_uid


def test_release_fetch_submit_collect_and_no_student_reads_another(hub):
    # The instructor generates and releases the assignment with the formgrader.
    for action in ("assign", "release"):
        result = user_api(hub, hub.teacher, "POST",
                          f"formgrader/api/assignment/{ASSIGNMENT}/{action}")
        assert result["success"], json.dumps(result, indent=1)[-3000:]
    outbound = hub.exchange / COURSE / "outbound" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert outbound.is_file()

    # Both students fetch it with the assignment list; A writes an answer; both submit.
    secret = f"Ana's answer {secrets.token_hex(8)}"
    for student in (hub.ana, hub.ben):
        user_api(hub, student, "POST", "assignments/fetch",
                 data={"course_id": COURSE, "assignment_id": ASSIGNMENT})
        assert (hub.home(student) / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file()
    path = f"api/contents/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    model = user_api(hub, hub.ana, "GET", path)
    notebook = nbformat.from_dict(model["content"])
    notebook.cells.append(nbformat.v4.new_markdown_cell(secret))
    user_api(hub, hub.ana, "PUT", path, json={"type": "notebook", "content": notebook})
    for student in (hub.ana, hub.ben):
        result = user_api(hub, student, "POST", "assignments/submit",
                          data={"course_id": COURSE, "assignment_id": ASSIGNMENT})
        assert not (isinstance(result, dict) and result.get("success") is False), result

    # The instructor collects both submissions into the course.
    result = user_api(hub, hub.teacher, "POST", f"formgrader/api/assignment/{ASSIGNMENT}/collect")
    assert result["success"], json.dumps(result, indent=1)[-3000:]
    course = hub.home(hub.teacher) / hub.folder / "exercises"
    collected = course / "submitted" / hub.ana / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert secret in collected.read_text()
    assert (course / "submitted" / hub.ben / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").is_file()

    # Where Ana's work now is (found as root).
    inbound = hub.exchange / COURSE / "inbound"
    (submission,) = inbound.glob(f"{hub.ana}+{ASSIGNMENT}+*")
    submitted = submission / f"{ASSIGNMENT}.ipynb"
    assert secret in submitted.read_text()
    paths = {
        "inbound": str(inbound), "submission": str(submitted), "folder": str(submission),
        "home": str(hub.home(hub.ana) / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"),
        "collected": str(collected), "course": str(hub.exchange / COURSE),
    }
    probe = f"""
        import json, os
        p = {paths!r}
        def attempt(action):
            try:
                action()
                return "allowed"
            except PermissionError:
                return "denied"
        print(json.dumps({{
            "list inbound": attempt(lambda: os.listdir(p["inbound"])),
            "read submission": attempt(lambda: open(p["submission"]).read()),
            "write into submission": attempt(
                lambda: open(os.path.join(p["folder"], "planted.txt"), "w").close()),
            "read home": attempt(lambda: open(p["home"]).read()),
            "read collected": attempt(lambda: open(p["collected"]).read()),
        }}))
    """
    rename = f"""
        import json, os
        try:
            os.rename({paths["course"]!r}, {paths["course"]!r} + "-x")
            print(json.dumps({{"rename course": "allowed"}}))
        except PermissionError:
            print(json.dumps({{"rename course": "denied"}}))
    """
    ben = as_user(hub.ben, probe) | as_user(hub.ben, rename)
    assert ben == dict.fromkeys(ben, "denied") and len(ben) == 6, ben
    ana = as_user(hub.ana, probe)
    assert ana["read submission"] == "allowed" and ana["read home"] == "allowed", ana
    teacher = as_user(hub.teacher, probe)
    assert teacher["list inbound"] == teacher["read submission"] == "allowed", teacher
    assert grp.getgrgid(submission.stat().st_gid).gr_name == hub.graders
    assert submission.stat().st_mode & 0o777 == 0o770  # author and graders only

    # Students get no formgrader: Ben cannot collect through his own server either.
    response = hub.api("POST", f"/user/{hub.ben}/formgrader/api/assignment/{ASSIGNMENT}/collect")
    assert response.status_code == 404


@pytest.mark.browser
def test_the_book_launch_link_opens_the_exercise_and_voila_serves_the_app(
        hub, browser):
    context = browser.new_context()
    page = context.new_page()
    # Log in as a student, as a learner coming from the book would.
    page.goto(f"{hub.url}/hub/login")
    page.fill("input[name=username]", hub.ana)
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit], button[type=submit]")
    # Her first page pulls the course (nothing new: the fixture pulled it) and opens it.
    page.wait_for_url(f"**/user/{hub.ana}/lab/tree/{hub.folder}/notebooks", timeout=90_000)

    # The exercise page's JupyterHub button, as the book's theme builds it once a school names
    # its hub (make repository HUB=...: launch_buttons.jupyterhub_url), for this hub and the
    # loopback repository (sphinx_book_theme.header_buttons.launch, JupyterHub links).
    query = urlencode({"repo": hub.repo, "branch": "main",
                       "urlpath": f"lab/tree/{hub.folder}/notebooks/ex03_pillar_self_rating.ipynb"},
                      safe="/")
    page.goto(f"{hub.url}/hub/user-redirect/git-pull?{query}")
    page.wait_for_url(f"**/lab/tree/{hub.folder}/notebooks/ex03_pillar_self_rating.ipynb",
                      timeout=90_000)
    page.locator(".jp-Notebook").first.wait_for(timeout=90_000)

    # Voila serves the Day 5 app from the student's copy, loading nothing from outside.
    blocked = block_all_but_loopback(page)
    page.goto(f"{hub.url}/user/{hub.ana}/voila/render/{hub.folder}/notebooks/action_plan.ipynb")
    page.get_by_role("button", name="Add action").wait_for(timeout=90_000)
    assert page.locator("text=from dgtkit").count() == 0
    assert blocked == []
    context.close()


def block_all_but_loopback(page) -> list[str]:
    """From now on, let ``page`` reach this machine only; returns the list of what it tried."""
    blocked: list[str] = []

    def only_loopback(route):
        if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", only_loopback)
    return blocked
