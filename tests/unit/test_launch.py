"""Where the course lives: one URL in _config.yml, followed by the notebooks and the package."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile

import nbformat
import pytest

from dgtkit.site.launch import CELL_TAG, book_url, configure, install_cell_source, repository
from tests.conftest import REPO, tool_env


def install_cells(notebook_path):
    notebook = nbformat.read(notebook_path, as_version=4)
    return [c for c in notebook.cells if CELL_TAG in c.metadata.get("tags", [])]


@pytest.mark.parametrize("source", sorted((REPO / "notebooks").glob("*.ipynb")),
                         ids=lambda p: p.name)
def test_every_exercise_installs_the_course_from_the_configured_repository_on_colab(source):
    cells = install_cells(source)
    assert len(cells) == 1, "run: make repository URL=<the repository in _config.yml>"
    assert cells[0].source == install_cell_source(repository(REPO))
    assert "remove-cell" in cells[0].metadata["tags"]  # the book does not show it


def test_the_install_cell_does_nothing_outside_colab():
    namespace: dict = {}
    code = install_cell_source(repository(REPO)).replace("%pip", "raise SystemExit #")
    exec(compile(code, "install-cell", "exec"), namespace)  # no google.colab here: no install
    assert "google.colab" not in sys.modules


def test_a_fork_points_everything_at_itself_with_one_command(tmp_path):
    for item in ("_config.yml", "notebooks", "deploy/kubernetes"):
        copy = shutil.copytree if (REPO / item).is_dir() else shutil.copy
        copy(REPO / item, tmp_path / item)
    changed = configure(tmp_path, "https://github.com/someone/dgt-fork", branch="course-2027",
                        hub="https://hub.school.test/")
    assert len(changed) == len(list((tmp_path / "notebooks").glob("*.ipynb")))
    config = (tmp_path / "_config.yml").read_text("utf-8")
    assert "url: https://github.com/someone/dgt-fork\n" in config
    assert "branch: course-2027\n" in config
    assert "jupyterhub_url: https://hub.school.test\n" in config
    assert config.count("#") == (REPO / "_config.yml").read_text("utf-8").count("#")  # comments
    for notebook in changed:
        assert "git+https://github.com/someone/dgt-fork@course-2027" in (
            install_cells(notebook)[0].source)
    values = (tmp_path / "deploy/kubernetes/values.yaml").read_text()
    assert values.count("ghcr.io/someone/dgt-fork-user") == 2
    assert "ghcr.io/dgt-capacities/" not in values
    fork_links = book_links(tmp_path / "notebooks" / "ex03_pillar_self_rating.ipynb")
    assert fork_links and all(link.startswith("https://someone.github.io/dgt-fork/book/")
                              for link in fork_links)  # the links follow the fork's book
    assert configure(tmp_path, "https://github.com/someone/dgt-fork") == []  # idempotent
    with pytest.raises(ValueError):
        configure(tmp_path, "not a url")


@pytest.mark.slow
def test_the_package_binder_and_colab_install_carries_the_library_and_the_app_template(tmp_path):
    source = tmp_path / "source"  # a copy: building writes build/ and *.egg-info beside it
    source.mkdir()
    for item in ("pyproject.toml", "README.md", "dgtkit", "share", "data"):
        copy = shutil.copytree if (REPO / item).is_dir() else shutil.copy
        copy(REPO / item, source / item, **({"ignore": shutil.ignore_patterns(
            "__pycache__")} if (REPO / item).is_dir() else {}))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w",
                    str(tmp_path), str(source)], check=True, env=tool_env(), capture_output=True)
    (wheel,) = tmp_path.glob("dgtkit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "dgtkit/exercises/base.py" in names and "dgtkit/course/week.yaml" in names
    assert "dgtkit/course/quizzes/m1.yaml" in names  # the self-checks, for Binder and Colab
    template = "dgtkit-0.1.0.data/data/share/jupyter/voila/templates/dgt-offline/"
    assert {template + "conf.json", template + "index.html.j2"} <= set(names)
    data = "dgtkit-0.1.0.data/data/share/dgtkit/data/"
    assert {data + p.name for p in (REPO / "data").glob("*.csv")} <= set(names)
    assert (REPO / "binder" / "postBuild").read_text().strip().endswith("pip install --no-deps .")
    assert "-r ../deploy/requirements.lock" in (REPO / "binder" / "requirements.txt").read_text()


def book_links(notebook_path) -> list[str]:
    """The addresses of the notebook's markdown links to pages of a book."""
    notebook = nbformat.read(notebook_path, as_version=4)
    text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    return re.findall(r"\]\(([^)\s]*book/[^)\s]*)\)", text)


@pytest.mark.parametrize("source", sorted((REPO / "notebooks").glob("*.ipynb")),
                         ids=lambda p: p.name)
def test_links_to_sessions_open_the_published_book_wherever_the_notebook_runs(source):
    """Under Voila or JupyterLab a link relative to the repository (../book/x.md) is a 404 or
    opens a source file: the notebooks link to the published book (_config.yml), whose build
    makes them links between its own pages; and the online book's notice is the book's, not
    the notebook's (live, a form saves)."""
    base = book_url(REPO)
    assert base == "https://dgt-capacities.github.io/course/"
    for link in book_links(source):
        assert link.startswith(base), link
        page = link[len(base):].partition("#")[0].removesuffix(".html")
        assert (REPO / f"{page}.md").is_file() or (REPO / f"{page}.ipynb").is_file(), link
    text = source.read_text("utf-8")
    assert "Reading the online book" not in text and "../book/" not in text
