"""Where the course lives, and the cell that installs it when an exercise runs on Colab.

The repository's URL is configured once, in the book's ``_config.yml`` (``repository: url``).
The launch buttons and the hub's nbgitpuller links read it from there; only one cell at the
top of each exercise notebook must carry a copy, since Colab opens the notebook alone from GitHub.
That cell is written from ``_config.yml`` by this module:

    python -m dgtkit.site.launch https://github.com/<owner>/<fork> [--branch B] [--hub URL]

sets the repository (and the JupyterHub of the launch buttons) in ``_config.yml`` and rewrites
the notebooks' install cells and the Kubernetes users' image name to match
(``make repository URL=... [HUB=...]`` does the same).
"""

from __future__ import annotations

import argparse
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import nbformat
import yaml

#: The tag of the install cell; the book removes the cell from the page.
CELL_TAG = "colab-install"
#: A hub may pull the course from elsewhere (a mirror in the school, or on loopback in tests).
REPO_ENV = "DGT_COURSE_REPO"
BRANCH_ENV = "DGT_COURSE_BRANCH"
KUBERNETES_VALUES = Path("deploy/kubernetes/values.yaml")
IMAGE = re.compile(r"ghcr\.io/[a-z0-9._-]+/[a-z0-9._/-]+-user\b")
NOTEBOOKS = "notebooks"


@dataclass(frozen=True)
class Repository:
    url: str
    branch: str

    @property
    def requirement(self) -> str:
        """A pip requirement that installs the course's library from this repository."""
        return f"dgtkit @ git+{self.url}@{self.branch}"

    @property
    def folder(self) -> str:
        """The folder nbgitpuller (and the book's JupyterHub button) pulls the course into."""
        return self.url.rsplit("/", 1)[-1].removesuffix(".git")

    def pull_path(self, urlpath: str) -> str:
        """A server path that pulls the course with nbgitpuller, then opens ``urlpath``."""
        query = urlencode({"repo": self.url, "branch": self.branch, "urlpath": urlpath})
        return f"/git-pull?{query}"


def user_image(repo: Repository) -> str:
    """The hub users' image the publishing workflow pushes (GitHub's container registry)."""
    owner_and_name = repo.url.split("://", 1)[-1].split("/", 1)[1].removesuffix(".git")
    return f"ghcr.io/{owner_and_name.lower()}-user"


def repository(root: Path) -> Repository:
    """The repository the book at ``root`` names in its ``_config.yml``."""
    config = yaml.safe_load((root / "_config.yml").read_text("utf-8"))
    block = config.get("repository") or {}
    if not block.get("url"):
        raise ValueError(f"{root / '_config.yml'} names no repository url")
    return Repository(block["url"].rstrip("/"), block.get("branch") or "main")


def hub_repository(root: Path) -> Repository:
    """What a hub pulls: the book's repository, unless ``$DGT_COURSE_REPO`` names a mirror."""
    book = repository(root)
    return Repository(os.environ.get(REPO_ENV, book.url).rstrip("/"),
                      os.environ.get(BRANCH_ENV, book.branch))


def install_cell_source(repo: Repository) -> str:
    """The install cell: on Colab, pip-install the course's library; anywhere else, nothing."""
    return (
        "import sys  # On Colab, install the course's library first (elsewhere it is there).\n"
        "\n"
        'if "google.colab" in sys.modules:\n'
        f'    %pip install --quiet "{repo.requirement}"'
    )


def install_cell(repo: Repository) -> nbformat.NotebookNode:
    return nbformat.v4.new_code_cell(
        install_cell_source(repo), id=CELL_TAG, metadata={"tags": [CELL_TAG, "remove-cell"]}
    )


def exercise_notebooks(root: Path) -> list[Path]:
    return sorted((root / NOTEBOOKS).glob("*.ipynb"))


def stamp_notebook(path: Path, repo: Repository) -> bool:
    """Put the install cell at the top of the notebook at ``path``; True if the file changed."""
    text = path.read_text("utf-8")
    notebook = nbformat.reads(text, as_version=4)
    cells = [c for c in notebook.cells if CELL_TAG not in c.get("metadata", {}).get("tags", [])]
    at = 1 if cells and cells[0].cell_type == "markdown" else 0  # after the title and brief
    notebook.cells = [*cells[:at], install_cell(repo), *cells[at:]]
    updated = nbformat.writes(notebook) + "\n"
    if updated == text:
        return False
    path.write_text(updated, "utf-8")
    return True


def _set_in_block(text: str, block: str, key: str, value: str) -> str:
    """Set ``key`` of a top-level YAML ``block`` in ``text``, keeping everything else as it is."""
    pattern = re.compile(rf"(^{block}:\n(?:[ \t]+.*\n|[ \t]*\n)*?[ \t]+{key}:[ \t]*)(.*)$", re.M)
    updated, count = pattern.subn(lambda m: m.group(1) + value, text, count=1)
    if count != 1:
        raise ValueError(f"_config.yml has no {block}: {key}: line to set")
    return updated


def configure(
    root: Path, url: str, branch: str | None = None, hub: str | None = None
) -> list[Path]:
    """Point the book at ``url`` (and ``hub``); returns the notebooks whose cell changed."""
    if not re.match(r"^https://\S+$", url):
        raise ValueError(f"Not an https URL: {url!r}")
    config = root / "_config.yml"
    text = _set_in_block(config.read_text("utf-8"), "repository", "url", url.rstrip("/"))
    if branch:
        text = _set_in_block(text, "repository", "branch", branch)
    if hub:
        text = _set_in_block(text, "launch_buttons", "jupyterhub_url", hub.rstrip("/"))
    config.write_text(text, "utf-8")
    repo = repository(root)
    values = root / KUBERNETES_VALUES
    if values.is_file():  # the users' image the workflow pushes, named after the repository
        values.write_text(IMAGE.sub(user_image(repo), values.read_text("utf-8")), "utf-8")
    return [path for path in exercise_notebooks(root) if stamp_notebook(path, repo)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="the course's repository, https://github.com/<owner>/<name>")
    parser.add_argument("--branch", help="the branch the book launches (default: unchanged)")
    parser.add_argument("--hub", help="the JupyterHub of the launch buttons (default: unchanged)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the book's root")
    args = parser.parse_args(argv)
    changed = configure(args.root, args.url, args.branch, args.hub)
    print(f"_config.yml now names {repository(args.root).url}; "
          f"{len(changed)} notebook install cell(s) rewritten.")


if __name__ == "__main__":
    main()
