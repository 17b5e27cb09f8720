"""The hub configurations: what can be checked without a cluster or a hub running."""

from __future__ import annotations

import os
import stat

import pytest
import yaml

from dgtkit.exchange import prepare_exchange
from dgtkit.launch import repository, user_image
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
