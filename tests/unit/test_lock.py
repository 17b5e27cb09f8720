"""The course installs one locked set of packages, and the venv holds exactly that set.

``requirements.lock`` is made by ``make lock`` (uv pip compile, against PyPI) from
requirements-test.txt, which takes in deploy/requirements.txt and requirements.txt. It pins every
package, transitive ones too, to one version, with the hash of every file PyPI serves for it, and
it is universal: an entry may carry an environment marker (``appnope ; sys_platform ==
'darwin'``, or one version for Python 3.11 and another for 3.12 on), and only the entries whose
marker holds here are this machine's locked set.

Installed and not locked, on purpose: the course itself (``dgtkit``, installed by ``make setup``
after the lock, editable and without its dependencies) and ``pip``, which every venv is born with,
which installs the lock, and which no package depends on. ``setuptools`` and ``wheel`` are
locked like any other package (nbgrader, sphinx-togglebutton and textstat need them), so a venv
born with another setuptools must have the lock's.

``deploy/requirements.lock`` is the part of that lock which Binder (and so the hub users' image)
and the one-server hub install: deploy/requirements.txt resolved within requirements.lock, without
the test tools. Every entry in it is the same as in requirements.lock.
"""

from __future__ import annotations

import importlib.metadata
import re
import site
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import REPO

LOCK = REPO / "requirements.lock"
HUB_LOCK = REPO / "deploy" / "requirements.lock"
NOT_LOCKED = {"dgtkit", "pip"}
REQUIREMENTS = [REPO / "requirements.txt", REPO / "requirements-test.txt",
                REPO / "deploy" / "requirements.txt"]
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")


def _entries(path: Path) -> list[tuple[Requirement, list[str]]]:
    """Each requirement of a requirements file, with its hashes (continuation lines joined)."""
    entries = []
    for line in path.read_text().replace("\\\n", " ").splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-r ", "-c ")):
            continue
        assert not line.startswith("-"), f"{path.name}: an option in the lock: {line}"
        spec, *hashes = re.split(r"\s+(?=--hash=)", line)
        entries.append((Requirement(spec), hashes))
    return entries


def _pinned(requirement: Requirement) -> Version:
    (specifier,) = requirement.specifier
    assert specifier.operator == "==", f"{requirement} is not pinned to one version"
    return Version(specifier.version)


def _locked_here() -> dict[str, Version]:
    """The locked set of this environment: every entry whose marker holds here."""
    locked: dict[str, Version] = {}
    for requirement, _ in _entries(LOCK):
        if requirement.marker is None or requirement.marker.evaluate():
            name = canonicalize_name(requirement.name)
            assert name not in locked, f"two locked versions of {name} hold here"
            locked[name] = _pinned(requirement)
    return locked


@pytest.mark.parametrize("lock", [LOCK, HUB_LOCK], ids=["course", "hub"])
def test_every_locked_package_has_one_version_and_the_hashes_of_its_files(lock):
    entries = _entries(lock)
    assert len(entries) > 100
    for requirement, hashes in entries:
        _pinned(requirement)
        assert not requirement.url and not requirement.extras, requirement
        assert hashes and all(HASH.fullmatch(h) for h in hashes), f"{requirement}: {hashes}"


@pytest.mark.parametrize("lock", [LOCK, HUB_LOCK], ids=["course", "hub"])
def test_the_lock_names_no_index_so_pip_installs_it_from_pypi_or_any_mirror_of_it(lock):
    text = lock.read_text()
    for option in ("--index-url", "--extra-index-url", "--find-links", "-e ", "file:"):
        assert option not in text, option


def test_the_hubs_lock_is_part_of_the_course_lock_without_the_test_tools():
    def keyed(lock):
        return {(canonicalize_name(r.name), str(r.marker)): (_pinned(r), sorted(hashes))
                for r, hashes in _entries(lock)}

    course, hub = keyed(LOCK), keyed(HUB_LOCK)
    assert {key: course.get(key) for key in hub} == hub, "make lock"
    hub_names = {name for name, _ in hub}
    for requirement, _ in _entries(REPO / "deploy" / "requirements.txt"):
        assert canonicalize_name(requirement.name) in hub_names, requirement
    for requirement, _ in _entries(REPO / "requirements-test.txt"):
        assert canonicalize_name(requirement.name) not in hub_names, requirement


def test_the_lock_keeps_every_pin_of_the_requirements_files():
    """A pin changed in requirements*.txt without ``make lock`` afterwards is caught here."""
    locked = _locked_here()
    for path in REQUIREMENTS:
        for requirement, _ in _entries(path):
            name = canonicalize_name(requirement.name)
            assert name in locked, f"{requirement} ({path.name}) is not in the lock: make lock"
            assert locked[name] == _pinned(requirement), (
                f"{path.name} pins {requirement}, the lock has {locked[name]}: make lock")


def test_the_venv_holds_exactly_the_locked_packages_at_their_locked_versions():
    locked = _locked_here()
    installed = {
        canonicalize_name(dist.metadata["Name"]): Version(dist.version)
        for dist in importlib.metadata.distributions(path=site.getsitepackages())
    }
    missing = sorted(set(locked) - set(installed))
    unlocked = sorted(set(installed) - set(locked) - NOT_LOCKED)
    other_version = {name: f"{installed[name]} installed, {locked[name]} locked"
                     for name in set(locked) & set(installed) if installed[name] != locked[name]}
    assert not missing, f"locked but not installed (run make setup): {missing}"
    assert not unlocked, f"installed but not locked: {unlocked}"
    assert not other_version, other_version
    assert set(NOT_LOCKED) - {"pip"} <= set(installed), "the course itself is not installed"


def test_binder_and_the_hub_install_the_hubs_lock():
    binder = (REPO / "binder" / "requirements.txt").read_text()
    assert "-r ../deploy/requirements.lock" in binder.splitlines()
    setup = (REPO / "deploy" / "one-server" / "setup.sh").read_text()
    assert 'pip install --quiet --require-hashes -r "$COURSE/deploy/requirements.lock"' in setup
    assert '-r "$COURSE/deploy/requirements.txt"' not in setup
