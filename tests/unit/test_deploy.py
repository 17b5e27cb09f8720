"""The hub configurations: what can be checked without a cluster or a hub running."""

from __future__ import annotations

import os
import stat
import subprocess

import pytest
import yaml

from dgtkit.instructor.exchange import prepare_exchange
from dgtkit.site.launch import repository, user_image
from tests.conftest import REPO

VALUES = REPO / "deploy" / "kubernetes" / "values.yaml"


def test_kubernetes_values_use_the_course_image_and_its_hub_settings():
    values = yaml.safe_load(VALUES.read_text())
    image = values["singleuser"]["image"]
    assert image["name"] == user_image(repository(REPO))
    (init,) = values["singleuser"]["initContainers"]
    assert init["image"] == f"{image['name']}:{image['tag']}"
    config_path = values["singleuser"]["extraEnv"]["JUPYTER_CONFIG_PATH"]
    assert config_path == "/srv/course/deploy/jupyter"
    assert (REPO / "deploy" / "jupyter" / "nbgrader_config.py").is_file()
    for name, code in values["hub"]["extraConfig"].items():
        compile(code, f"hub.extraConfig.{name}", "exec")  # no syntax error reaches the hub
    mounts = {m["mountPath"] for m in values["singleuser"]["storage"]["extraVolumeMounts"]}
    assert values["singleuser"]["extraEnv"]["DGT_EXCHANGE_ROOT"] in mounts


def test_the_exchange_is_laid_out_for_its_owner_and_the_graders(tmp_path):
    if os.geteuid() != 0:
        pytest.fail("Laying out the exchange changes owners: run as root (CI does).")
    course = prepare_exchange(tmp_path / "exchange", "dgt-capacities", owner=0, graders="0")
    modes = {p.name: stat.S_IMODE(p.stat().st_mode)
             for p in (course.parent, course, course / "outbound", course / "inbound")}
    assert modes == {"exchange": 0o1777, "dgt-capacities": 0o2775, "outbound": 0o2775,
                     "inbound": 0o2773}


def test_the_publishing_workflow_builds_strictly_and_checks_the_repository_it_publishes():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "book.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    assert any(step.get("run") == "make build" for step in steps)  # -W -n: warnings fail
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "_build/html"
    assert workflow["jobs"]["publish"]["if"].startswith("github.ref == 'refs/heads/main'")
    check = next(s for s in steps if "configured=$(" in s.get("run", ""))["run"]
    configured = check.split("configured=$(", 1)[1].split(")\n", 1)[0]
    found = subprocess.run(["bash", "-c", configured], cwd=REPO, capture_output=True,
                           text=True, check=True).stdout.strip()
    assert found == repository(REPO).url  # the workflow reads the same URL the book uses
    assert "jupyter-book build . -W -n --keep-going" in (REPO / "Makefile").read_text()
