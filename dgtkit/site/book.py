"""The book's Sphinx extension: pages rendered from the course's data, and offline widgets.

Directives (MyST: a fenced block, e.g. ```` ```{session-info} 1.1 ````):

- ``course-agenda``: the five days, from ``dgtkit/course/week.yaml``;
- ``run-sheets``: the same, with how to run each slot, for the facilitator guide;
- ``module-overview N``: module N's sessions and exercises with day and time;
- ``session-info N.M``: module, day and time of a session;
- ``pillar-table`` and ``maturity-table``: the course's framework, from ``frameworks.yaml``;
- ``outcome-matrix``: the seven learning outcomes by session, exercise and graded item, from
  ``outcomes.yaml``;
- ``self-check N``: module N's quiz, from ``quizzes/mN.yaml``, as HTML that works without a
  kernel (``self_check``; its behaviour is ``book/_assets/self-check.js``).

On ``config-inited`` the extension also makes sure that the widget JavaScript the book serves
itself (``dgtkit.site.widget_js``) is present, and keys the notebook execution cache to
the library's code: jupyter-cache only looks at a notebook's own cells, so without this an
exercise page would keep showing what an older dgtkit drew.

What only the published book needs, so the notebooks do not carry it: the note that a form
on a static page is a preview, and links between pages: a notebook links to a session by its
address in the published book (so that the link works live, in Voila or JupyterLab), and the
book turns those links into links to its own pages (and fails the build if the page does not
exist). What it changes in every page the theme writes (scripts, the preview notes, the
menu's names, the glossary's letters) is ``dgtkit.site.pages``.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from dgtkit.course import quizzes
from dgtkit.course.frameworks import frameworks
from dgtkit.course.outcomes import outcomes
from dgtkit.course.week import week
from dgtkit.site import pages, render, self_check, widget_js


class _MarkdownDirective(SphinxDirective):
    """A directive whose output is MyST markdown rendered from the course data."""

    has_content = False
    css_class = ""  # set: the output is wrapped in a box of this class
    render: Callable[..., str]  # called with the directive's arguments

    def run(self) -> list[nodes.Node]:
        for data_file in _course_data_files():
            self.env.note_dependency(data_file)
        try:
            text = type(self).render(*self.arguments)
        except (KeyError, ValueError) as error:
            raise self.error(f"{self.name}: {error}") from error
        holder = nodes.container(classes=[self.css_class] if self.css_class else [])
        self.state.nested_parse(
            StringList(text.splitlines()), self.content_offset, holder, match_titles=True
        )
        return [holder] if self.css_class else list(holder.children)


def _course_data_files() -> list[str]:
    """The files the directives render from: a page is read again when one changes."""
    course = Path(str(resources.files("dgtkit").joinpath("course")))
    return sorted(str(path) for path in course.rglob("*.yaml"))


#: name: (what it renders from its arguments, how many arguments, CSS class of its box)
_DIRECTIVES: dict[str, tuple[Callable[..., str], int, str]] = {
    "course-agenda": (lambda: render.agenda(week()), 0, ""),
    "run-sheets": (lambda: render.run_sheets(week()), 0, ""),
    "module-overview": (lambda n: render.module_overview(week(), int(n)), 1, "module-overview"),
    "session-info": (lambda sid: render.session_info(week(), sid), 1, "session-info"),
    "pillar-table": (lambda: render.pillar_table(frameworks()), 0, ""),
    "maturity-table": (lambda: render.maturity_table(frameworks()), 0, ""),
    "outcome-matrix": (lambda: render.outcome_matrix(week(), outcomes()), 0, ""),
    "self-check": (lambda n: self_check.markdown(quizzes.load(int(n))), 1, ""),
}


def _directive(markdown: Callable[..., str], arguments: int, css_class: str) -> type:
    return type(
        "CourseDirective",
        (_MarkdownDirective,),
        {
            "render": staticmethod(markdown),
            "required_arguments": arguments,
            "css_class": css_class,
        },
    )


#: The extension's own modules: they shape the HTML of a page, never what a notebook's code
#: draws, so changing them does not execute every notebook again.
_BUILD_ONLY = frozenset({"site/book.py", "site/pages.py", "site/render.py", "site/self_check.py",
                         "site/widget_js.py", "site/launch.py"})


def library_fingerprint() -> str:
    """A short hash of dgtkit's code and data: it changes whenever an exercise may render anew."""
    package = Path(str(resources.files("dgtkit")))
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        relative = path.relative_to(package)
        if relative.as_posix() in _BUILD_ONLY or relative.parts[0] == "facilitator":
            continue  # what only the build or the facilitator's kit runs never changes a page
        if path.suffix in {".py", ".yaml", ".css"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _cache_per_library_version(app: Sphinx, config) -> None:
    """Use one execution cache per version of dgtkit, and drop the caches of older ones."""
    if config.nb_execution_cache_path:  # the book chose its own cache: leave it alone
        return
    caches = Path(app.outdir).parent / ".jupyter_cache"
    current = caches / f"dgtkit-{library_fingerprint()}"
    if caches.is_dir():
        for old in caches.glob("dgtkit-*"):
            if old != current:
                shutil.rmtree(old, ignore_errors=True)
    config.nb_execution_cache_path = str(current)


NOTEBOOKS = "notebooks/"


def book_pages_from_published_links(app: Sphinx, doctree: nodes.document,
                                    docname: str) -> None:
    """A link to a page of the published book becomes a link to that page of this build."""
    from dgtkit.site.launch import book_url

    base = book_url(Path(app.srcdir))
    for node in doctree.findall(nodes.reference):
        uri = node.get("refuri", "")
        if not uri.startswith(base):
            continue
        path, _, anchor = uri[len(base):].partition("#")
        target = path.removesuffix(".html")
        if target not in app.env.all_docs:
            logging.getLogger(__name__).warning(
                f"{docname} links to {uri}, a page the book does not have",
                location=docname)
            continue
        node["refuri"] = app.builder.get_relative_uri(docname, target) + (
            f"#{anchor}" if anchor else "")
        node["internal"] = True


def setup(app: Sphinx) -> dict:
    for name, spec in _DIRECTIVES.items():
        app.add_directive(name, _directive(*spec))
    app.connect("doctree-resolved", book_pages_from_published_links)
    # Before Sphinx checks html_static_path, so the vendored folder exists by then.
    app.connect("config-inited", widget_js.ensure_for_sphinx, priority=100)
    app.connect("config-inited", _cache_per_library_version, priority=100)
    pages.setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
