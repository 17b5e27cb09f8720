"""Where the course lives, and the cell that installs it when an exercise runs on Colab.

The repository's URL is configured once, in the book's ``_config.yml`` (``repository: url``).
The launch buttons and the hub's nbgitpuller links read it from there; only one cell at the
top of each exercise notebook must carry a copy, since Colab opens the notebook alone from GitHub.
That cell is written from ``_config.yml`` by this module:

    python -m dgtkit.site.launch https://github.com/<owner>/<fork> [--branch B] [--hub URL]

sets the repository (and the JupyterHub of the launch buttons) in ``_config.yml`` and rewrites
the notebooks' install cells, their links to the book's sessions and the Kubernetes users' image
name to match (``make repository URL=... [HUB=...]`` does the same).

A notebook links to a session of the book by the session's address in the *published* book
(``book_url``: GitHub Pages of the repository, or ``html: baseurl`` of ``_config.yml``), so
that the link works wherever the notebook runs (Voila, JupyterLab, Colab); the book's own
build turns those links back into links between its pages (``dgtkit.site.book``).
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

    @property
    def pages_url(self) -> str:
        """Where GitHub Pages publishes the book of a GitHub repository ("" elsewhere)."""
        match = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+?)(?:\.git)?", self.url)
        return f"https://{match.group(1).lower()}.github.io/{match.group(2)}/" if match else ""

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


def book_url(root: Path) -> str:
    """The published book's address, ending in "/": ``html: baseurl`` of ``_config.yml`` if
    set, else the GitHub Pages site of the repository."""
    config = yaml.safe_load((root / "_config.yml").read_text("utf-8"))
    base = ((config.get("html") or {}).get("baseurl") or "").strip()
    url = base or repository(root).pages_url
    if not url:
        raise ValueError(f"{root / '_config.yml'} names no published book (html: baseurl)")
    return url.rstrip("/") + "/"


#: A link of a notebook to a page of the book: relative (``../book/x/y.md#part``) or already
#: in the published book (``<book url>book/x/y.html#part``).
_RELATIVE_LINK = re.compile(r"\]\((?:\.\./)?(book/[\w./-]+?)\.md(#[\w-]*)?\)")


def stamp_links(path: Path, url: str, old_urls: tuple[str, ...] = ()) -> bool:
    """Point the notebook's links to the book's pages at the published book at ``url``
    (relative links, and links to the book at any of ``old_urls``); True if it changed."""
    text = path.read_text("utf-8")
    notebook = nbformat.reads(text, as_version=4)
    olds = [re.escape(u.rstrip("/") + "/") for u in old_urls if u]
    published = re.compile(r"\]\((?:" + "|".join(olds) + r")(book/[\w./-]+?)\.html(#[\w-]*)?\)"
                           ) if olds else None
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        source = _RELATIVE_LINK.sub(lambda m: f"]({url}{m.group(1)}.html{m.group(2) or ''})",
                                    cell.source)
        if published is not None:
            source = published.sub(lambda m: f"]({url}{m.group(1)}.html{m.group(2) or ''})",
                                   source)
        cell.source = source
    updated = nbformat.writes(notebook) + "\n"
    if updated == text:
        return False
    path.write_text(updated, "utf-8")
    return True


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
    old_book = book_url(root)
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
    new_book = book_url(root)
    changed = []
    for path in exercise_notebooks(root):
        cell = stamp_notebook(path, repo)
        links = stamp_links(path, new_book, (old_book,))
        if cell or links:
            changed.append(path)
    return changed


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
