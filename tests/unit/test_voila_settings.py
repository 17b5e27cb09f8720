"""The settings ``make app`` serves a room with (notebooks/voila.json)."""

import json

from tests.helpers import REPO

SETTINGS = json.loads((REPO / "notebooks" / "voila.json").read_text())


def test_only_the_app_is_preheated_for_a_room_of_40():
    pools = SETTINGS["VoilaKernelManager"]["kernel_pools_config"]
    assert SETTINGS["VoilaConfiguration"]["preheat_kernel"] is True
    assert pools["action_plan.ipynb"]["pool_size"] >= 40
    assert pools["default"]["pool_size"] == 0


def test_closed_tabs_free_their_kernels():
    cull = SETTINGS["MappingKernelManager"]
    assert 0 < cull["cull_idle_timeout"] <= 3600
    assert cull["cull_interval"] <= cull["cull_idle_timeout"]


def test_kernels_talk_over_ipc_so_forty_starting_at_once_never_share_a_port():
    # Over TCP, kernels started together can pick the same free port and die
    # (zmq "Address already in use"); a participant then got a page without a kernel.
    assert SETTINGS["KernelManager"]["transport"] == "ipc"
