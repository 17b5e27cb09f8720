"""Every user's Jupyter server on the course hub (the hub puts this folder on JUPYTER_CONFIG_PATH).

- The first page pulls the course into the home with nbgitpuller (the repository the book's
  _config.yml names, or the hub's mirror), keeping the user's own changes, and opens it.
- Voila serves the action-plan app to everyone (/voila/render/...), with the course's
  template that loads nothing from the internet, and stops kernels left idle.
- Only graders get nbgrader's formgrader (release, collect, grade); students keep the
  assignment list (fetch, submit).
"""

from pathlib import Path

from dgtkit.instructor.exchange import is_grader
from dgtkit.site.launch import hub_repository

c = get_config()  # noqa: F821 (provided by Jupyter when it reads this file)

course = hub_repository(Path(__file__).resolve().parents[2])
c.ServerApp.default_url = course.pull_path(f"lab/tree/{course.folder}/notebooks")

c.VoilaConfiguration.template = "dgt-offline"
c.VoilaConfiguration.show_tracebacks = False


def no_mathjax_from_a_cdn(page_config, **_):
    """Inside a Jupyter server Voila would load MathJax from a CDN; the app shows no maths."""
    page_config.update(fullMathjaxUrl=None, mathjaxConfig=None)  # as Voila on its own does
    return page_config


c.VoilaConfiguration.page_config_hook = no_mathjax_from_a_cdn
# A closed tab does not stop its kernel (voila issue 1458): cull kernels idle for 20 minutes.
c.MappingKernelManager.cull_idle_timeout = 1200
c.MappingKernelManager.cull_interval = 120
c.MappingKernelManager.cull_connected = False

if not is_grader():
    c.ServerApp.jpserver_extensions = {
        "nbgrader.server_extensions.formgrader": False,
        "nbgrader.server_extensions.course_list": False,
    }
