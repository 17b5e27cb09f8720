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


def test_the_room_serves_no_broken_kernel_and_frees_a_closed_pages_kernel_in_a_minute():
    configuration = SETTINGS["VoilaConfiguration"]
    assert configuration["multi_kernel_manager_class"] == (
        "dgtkit.exercises.room_server.RoomKernelManager")
    room = SETTINGS["RoomKernelManager"]
    assert room["alone_grace"] + 2 * SETTINGS["MappingKernelManager"]["cull_interval"] <= 60
    # The page's beacon on closing is a POST without Voila's XSRF cookie (voila issue 1458)
    assert SETTINGS["Voila"]["tornado_settings"]["disable_check_xsrf"] is True


def test_the_apps_template_loads_the_rooms_script_before_voila_opens_the_websocket():
    template = REPO / "share" / "jupyter" / "voila" / "templates" / "dgt-offline"
    page = (template / "index.html.j2").read_text()
    head = page[page.index("{%- block html_head_js -%}"):]
    assert 'include_js("static/dgt-room.js")' in head.split("endblock")[0]
    script = (template / "static" / "dgt-room.js").read_text()
    assert "window.WebSocket = Watched" in script and "beforeunload" in script
