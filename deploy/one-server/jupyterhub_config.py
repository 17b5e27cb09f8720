"""JupyterHub for a school on one server (The Littlest JupyterHub's way: one Unix user each).

Run as root from a checkout of the course, after deploy/one-server/setup.sh:

    jupyterhub -f deploy/one-server/jupyterhub_config.py

Every person logs in with their Unix account (PAM) and gets their own Jupyter server running
as that account. Their first page pulls the course into their home with nbgitpuller and opens
the exercises; Voila serves the action-plan app to everyone; nbgrader's exchange carries
assignments between the graders (the Unix group ``$DGT_GRADERS_GROUP``) and the students, who
cannot read each other's work (see dgtkit/instructor/exchange.py). Settings, all optional:

==================== ======================================================================
DGT_HUB_BIND_URL     where the hub listens (``http://:8800``, every address of the machine)
DGT_HUB_STATE        folder for the hub's database and secrets (``/srv/dgt-hub``)
DGT_EXCHANGE_ROOT    nbgrader's exchange (``/srv/nbgrader/exchange``)
DGT_GRADERS_GROUP    Unix group of the instructors and assistants (``dgt-graders``)
DGT_STUDENTS_GROUP   Unix group of the students; with the graders, who may log in
                     (``dgt-students``)
DGT_COURSE_OWNER     grader who owns the course in the exchange (the group's first member)
DGT_COURSE_REPO      git URL to pull the course from, e.g. a mirror in the school (the book's
                     ``repository: url`` in _config.yml)
DGT_COURSE_BRANCH    its branch (the book's ``repository: branch``)
DGT_USER_PYTHON      the Python of the users' servers, with the course's requirements and
                     dgtkit installed, readable by every user (this hub's own Python)
==================== ======================================================================
"""

import grp
import os
import pwd
import sys
from pathlib import Path

from dgtkit.instructor.exchange import (
    DEFAULT_COURSE_ID,
    EXCHANGE_ENV,
    GRADERS_ENV,
    prepare_exchange,
)
from dgtkit.site.launch import BRANCH_ENV, REPO_ENV

c = get_config()  # noqa: F821 (provided by JupyterHub when it reads this file)

DEPLOY = Path(__file__).resolve().parent.parent
state = Path(os.environ.get("DGT_HUB_STATE", "/srv/dgt-hub"))
exchange = os.environ.get(EXCHANGE_ENV, "/srv/nbgrader/exchange")
graders = os.environ.get(GRADERS_ENV, "dgt-graders")
students = os.environ.get("DGT_STUDENTS_GROUP", "dgt-students")

# -- the hub itself --------------------------------------------------------------------------
c.JupyterHub.bind_url = os.environ.get("DGT_HUB_BIND_URL", "http://:8800")
state.mkdir(parents=True, exist_ok=True)
os.chmod(state, 0o700)
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
c.ConfigurableHTTPProxy.command = [
    str(DEPLOY / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy")
]

# -- who may log in: Unix accounts in the two groups; graders are the hub's admins ------------
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.allowed_groups = {students, graders}
c.PAMAuthenticator.admin_groups = {graders}

# -- everyone's server: their own Unix account, home folder closed to others ----------------
c.JupyterHub.spawner_class = "localprocess"
user_python = os.environ.get("DGT_USER_PYTHON", sys.executable)
c.Spawner.cmd = [user_python, "-m", "jupyterhub.singleuser"]
c.Spawner.disable_user_config = True  # the course's settings below are not the user's to undo
c.Spawner.environment = {
    "JUPYTER_CONFIG_PATH": str(DEPLOY / "jupyter"),  # nbgrader, Voila, nbgitpuller: see there
    EXCHANGE_ENV: exchange,
    GRADERS_ENV: graders,
    # The tools beside the users' Python first (nbgrader runs alembic, for one).
    "PATH": os.pathsep.join([str(Path(user_python).parent), os.environ.get("PATH", "")]),
    # A mirror of the course to pull from, if this hub has one (else the book's repository).
    **{name: os.environ[name] for name in (REPO_ENV, BRANCH_ENV) if name in os.environ},
}


def close_home(spawner):
    """Make the user's home readable by them alone: it holds their workbook and their work."""
    home = pwd.getpwnam(spawner.user.name).pw_dir
    if os.path.isdir(home):
        os.chmod(home, 0o700)


c.Spawner.pre_spawn_hook = close_home

# -- nbgrader's exchange, laid out for the course's owner and the graders ---------------------
try:
    members = grp.getgrnam(graders).gr_mem
except KeyError:
    sys.exit(f"Create the graders' Unix group {graders!r} first (deploy/one-server/setup.sh).")
owner = os.environ.get("DGT_COURSE_OWNER") or (members[0] if members else "")
if not owner:
    sys.exit(f"Add the course's instructor to the Unix group {graders!r} first.")
prepare_exchange(exchange, DEFAULT_COURSE_ID, owner=owner, graders=graders)
