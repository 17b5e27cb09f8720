"""nbgrader's exchange on a shared server, with students kept apart by Unix permissions.

nbgrader's default exchange leaves every submission world-readable (folder 0777, files 0644),
hidden only by a name that others cannot list (nbgrader issues 978, 1225). On the course hub
every person is a Unix user and the graders (instructors, teaching assistants) share one Unix
group, so a submission can be closed to everyone but its author and the graders:

- the exchange root is ``1777`` (everyone may create, as nbgrader requires, but the sticky bit
  stops anyone renaming or deleting what is not theirs: the hazard of issue 1225);
- the course folder and ``outbound`` belong to the course's owner and the graders' group;
- ``inbound`` is ``2773``: students may create their submission there but not list it, and
  the set-group-ID bit gives each submission the graders' group;
- :class:`PrivateSubmit` then closes the submission's folder to others (``0770``): only its
  author (the owner) and the graders (the group) may enter it.

:func:`prepare_exchange` lays this out (the hub runs it as root when it starts). The hub's
Jupyter configuration (``deploy/jupyter``) selects :class:`PrivateSubmit` for everyone.
"""

from __future__ import annotations

import grp
import os
import pwd
from pathlib import Path

from nbgrader.exchange.default.submit import ExchangeSubmit

#: The environment variables the hub passes to every user's server.
EXCHANGE_ENV = "DGT_EXCHANGE_ROOT"
GRADERS_ENV = "DGT_GRADERS_GROUP"
COURSE_ENV = "DGT_COURSE_ID"
DEFAULT_COURSE_ID = "dgt-capacities"


class PrivateSubmit(ExchangeSubmit):
    """nbgrader's submit, leaving the submission readable by its author and the graders only."""

    def copy_files(self):
        super().copy_files()
        # The folder took the graders' group from inbound (set-group-ID); closing it to others
        # closes everything in it, whatever group its files got.
        os.chmod(Path(self.inbound_path) / self.assignment_filename, 0o770)


def _gid(group: str | int) -> int:
    """A group's id, from its name or its number (a container may have no name for it)."""
    if isinstance(group, int) or group.isdigit():
        return int(group)
    return grp.getgrnam(group).gr_gid


def _uid(user: str | int) -> int:
    if isinstance(user, int) or user.isdigit():
        return int(user)
    return pwd.getpwnam(user).pw_uid


def is_grader(group: str | None = None) -> bool:
    """Whether this process belongs to the graders' group (``$DGT_GRADERS_GROUP``)."""
    group = group or os.environ.get(GRADERS_ENV, "")
    if not group:
        return False
    try:
        gid = _gid(group)
    except KeyError:
        return False
    return gid in os.getgroups() or gid == os.getgid()


def prepare_exchange(
    root: str | os.PathLike, course_id: str, owner: str | int, graders: str | int
) -> Path:
    """Create or repair the exchange folders of one course (run as root). Returns the course.

    ``owner`` (the course's instructor) and ``graders`` are names or numeric ids.
    """
    root = Path(root)
    uid = _uid(owner)
    gid = _gid(graders)
    root.mkdir(parents=True, exist_ok=True)
    os.chown(root, 0, 0)
    os.chmod(root, 0o1777)
    course = root / course_id
    for folder, mode in ((course, 0o2775), (course / "outbound", 0o2775),
                         (course / "inbound", 0o2773)):
        folder.mkdir(exist_ok=True)
        os.chown(folder, uid, gid)
        os.chmod(folder, mode)
    return course


# python -m dgtkit.instructor.exchange ROOT COURSE OWNER GRADERS (as root)
if __name__ == "__main__":
    import sys

    print(prepare_exchange(*sys.argv[1:5]))
