"""The book's links to the slide decks, and the decks in the built site (a Sphinx extension,
listed in ``_config.yml``).

- ``slide-deck N``: a link to module N's deck, for the module's page;
- ``slide-decks``: a list of every module's deck, for the facilitator guide.

When the HTML build has finished, the decks are copied into ``<html>/slides/``, so the links
work wherever the site is served. They are built first (into ``slides/`` beside the HTML
folder, ``_build/slides`` for ``make build``) only when their sources have changed since they
were last built (``slides.up_to_date``); otherwise the build only copies them.
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from dgtkit.course.week import Module, week
from dgtkit.facilitator import slides

FOLDER = "slides"  # in the built site
log = logging.getLogger(__name__)


def _link(docname: str, module: Module) -> nodes.reference:
    uri = posixpath.relpath(f"{FOLDER}/{slides.deck_name(module)}", posixpath.dirname(docname)
                            or ".")
    text = f"Slides of Module {module.number}: {module.short} (PowerPoint)"
    return nodes.reference("", text, refuri=uri, classes=["slide-deck"])


class SlideDeck(SphinxDirective):
    """A paragraph with the link to one module's deck."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        try:
            module = week().module(int(self.arguments[0]))
        except (KeyError, ValueError) as error:
            raise self.error(f"slide-deck: {error}") from error
        paragraph = nodes.paragraph()
        paragraph += _link(self.env.docname, module)
        paragraph += nodes.Text(
            ". For facilitators: each session's goal, key points, tables, figures and "
            "question, the module's exercises with their timing, and the facilitator notes "
            "as speaker notes.")
        return [paragraph]


class SlideDecks(SphinxDirective):
    """A list of every module's deck."""

    def run(self) -> list[nodes.Node]:
        items = nodes.bullet_list()
        for module in week().modules:
            item = nodes.list_item()
            paragraph = nodes.paragraph()
            paragraph += _link(self.env.docname, module)
            item += paragraph
            items += item
        return [items]


def copy_decks(app: Sphinx, exception: Exception | None) -> None:
    """Build the decks if their sources changed, then copy them into the site."""
    if exception is not None or app.builder.format != "html":
        return
    source = Path(app.outdir).parent / FOLDER
    if not slides.up_to_date(source):
        log.info("Building the slide decks into %s", source)
        slides.build_all(source)
    target = Path(app.outdir) / FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for module in week().modules:
        shutil.copy2(source / slides.deck_name(module), target / slides.deck_name(module))


def setup(app: Sphinx) -> dict:
    app.add_directive("slide-deck", SlideDeck)
    app.add_directive("slide-decks", SlideDecks)
    app.connect("build-finished", copy_decks)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
