"""What the book changes in each page the theme writes: reach, honesty and accessibility.

Connected by ``dgtkit.site.book``. On every HTML page (``html-page-context``, after the themes):

- **Scripts**: each script once (Sphinx registered sphinx-thebe's and sphinx-togglebutton's
  inline scripts twice, and ``const THEBE_JS_URL`` declared twice is a JavaScript error on every
  page), and none of sphinx-thebe's when the book offers no Thebe button. The widget state of
  an exercise (hundreds of KB with its charts) moves from the ``<head>`` to the end of the
  page, so that on a slow line the text arrives and is drawn before it.
- **Exercise pages** (a page with an ipywidgets form) get the forms' stylesheet (the app's,
  ``dgt-widgets.css`` from its Voila template) and, before the form, a note that the form is
  a preview, with the launch choices the book offers (``preview_note``).
- **The book's menu**: each ``<summary>`` that opens a chapter's sessions gets a name ("Sessions
  of Module 2 ..."); the theme's is an icon alone, which a screen reader announces as nothing.
- **The bibliography**: sphinxcontrib-bibtex marks each reference ``role="doc-biblioentry"``,
  a role ARIA 1.2 deprecates, inside a ``role="list"`` that then holds no list items: they
  become ``role="listitem"``.

On the glossary (``doctree-resolved``), the letters A to Z that have terms, each a link to the
first term under it (``glossary_letters``). When the build has finished, the theme's template
macro files that Sphinx copies into ``_static`` (they are not pages) and the Font Awesome
script no page loads any more are removed from the output.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape, unescape
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
#: The forms' stylesheet: the Voila app's (share/jupyter/voila/templates/dgt-offline/static).
WIDGET_CSS = "dgt-widgets.css"
#: Files Sphinx copies into the output that no page uses.
UNUSED_OUTPUT = (
    "_static/webpack-macros.html",  # the themes' template macros, not pages
    "_static/sbt-webpack-macros.html",
    "_static/scripts/fontawesome.js",  # replaced by book/_assets/icons.css
    "_static/scripts/fontawesome.js.map",
    "_static/scripts/fontawesome.js.LICENSE.txt",
)

#: The launch services the theme offers, as the note before a form names them, in its order.
LAUNCH_WORDS = {
    "JupyterHub": "on your course's JupyterHub",
    "Colab": "on Colab",
    "Binder": "on Binder",
}


def _thebe_offered(app: Sphinx) -> bool:
    return bool((app.config.html_theme_options.get("launch_buttons") or {}).get("thebe"))


def tidy_scripts(app: Sphinx, context: dict) -> None:
    """Each script once, no unused sphinx-thebe, and the widget state after the text."""
    scripts = context.get("script_files")
    if scripts is None:
        return
    thebe = _thebe_offered(app)
    kept, seen, states = [], set(), []
    for script in scripts:
        attributes = dict(script.attributes)
        key = (str(script.filename or ""), tuple(sorted(attributes.items())))  # None or ""
        if key in seen:
            continue
        seen.add(key)
        body = attributes.get("body", "")
        if not thebe and ("THEBE_JS_URL" in body or str(script.filename).endswith("thebe.js")):
            continue
        if attributes.get("type") == WIDGET_STATE:
            states.append(body)
            continue
        kept.append(script)
    scripts[:] = kept
    if not thebe:
        styles = context.get("css_files")
        if styles is not None:
            styles[:] = [s for s in styles if not str(s.filename).endswith("sphinx-thebe.css")]
        context["body"] = re.sub(r'\s*<script type="text/x-thebe-config">.*?</script>', "",
                                 context.get("body", ""), flags=re.S)
    for state in states:  # read by the widget manager wherever it is in the page
        tag = f'\n<script type="{WIDGET_STATE}">{state}</script>'
        context["body"] = context.get("body", "") + tag


def launch_links(context: dict) -> list[tuple[str, str]]:
    """(words, url) of each launch choice the theme offers on this page, in ``LAUNCH_WORDS``'s
    order: only the services the book configures (``launch_buttons`` in ``_config.yml``)."""
    urls = {}
    for group in context.get("header_buttons") or []:
        if group.get("label") == "launch-buttons":
            for button in group.get("buttons", []):
                if button.get("text") in LAUNCH_WORDS and button.get("url"):
                    urls[button["text"]] = button["url"]
    return [(words, urls[name]) for name, words in LAUNCH_WORDS.items() if name in urls]


def preview_note(links: list[tuple[str, str]], week: bool = False) -> str:
    """The note before a form in the published book: it shows, it does not save (``week``: the
    page that shows a team's saved results, which it can show only live)."""
    sentence = ("<strong>This form is a preview.</strong> It shows how the exercise starts, "
                "but it cannot save your answers here.")
    if week:
        sentence = ("<strong>This page is a preview.</strong> It shows a team's results only "
                    "when it runs live, beside the team's saved work.")
    where = ""
    if links:
        sentence += " To do the exercise, open it live:"
        choices = "".join(
            f'<li><a class="dgt-launch-link" href="{escape(url)}" target="_blank" '
            f'rel="noopener">Open it {escape(words)}</a></li>'
            for words, url in links
        )
        where = f'<ul class="dgt-launch-links">{choices}</ul>'
    return (f'<div class="dgt-preview-note" role="note" aria-label="Preview">'
            f'<p>{sentence}</p>{where}</div>')


_WIDGET_OUTPUT = re.compile(
    r'<div class="cell_output docutils container">(\s*<script type="'
    + re.escape(WIDGET_VIEW) + r'">)'
)


def mark_forms(app: Sphinx, context: dict) -> None:
    """An exercise page: the forms' stylesheet, and each form marked as a preview."""
    body = context.get("body", "")
    if WIDGET_VIEW not in body:
        return
    app.add_css_file(WIDGET_CSS, priority=900)
    note = preview_note(launch_links(context),
                        week=context.get("pagename", "").endswith("week_so_far"))
    count = 0

    def mark(match: re.Match) -> str:
        nonlocal count
        count += 1
        first = note if count == 1 else ""
        return f'<div class="cell_output docutils container dgt-preview">{first}{match.group(1)}'

    context["body"] = _WIDGET_OUTPUT.sub(mark, body)


_MENU_ENTRY = re.compile(
    r'<a (?P<link>[^>]*)>(?P<text>(?:(?!</a>).)*)</a>(?P<open>\s*<details[^>]*>\s*)<summary>',
    re.S,
)


def name_menu_toggles(html: str) -> str:
    """Give each ``<summary>`` of the book's menu the name of the chapter it opens."""

    def named(match: re.Match) -> str:
        text = " ".join(unescape(re.sub(r"<[^>]+>", "", match.group("text"))).split())
        label = escape(f"Sessions of {text}", quote=True)
        return (f'<a {match.group("link")}>{match.group("text")}</a>{match.group("open")}'
                f'<summary aria-label="{label}">')

    return _MENU_ENTRY.sub(named, html)


def wrap_menu(context: dict) -> None:
    """The theme writes its menu through ``generate_toctree_html``: name its toggles."""
    original: Callable[..., str] | None = context.get("generate_toctree_html")
    if original is None or getattr(original, "_dgt_named", False):
        return

    def generate_toctree_html(*args, **kwargs) -> str:
        return name_menu_toggles(str(original(*args, **kwargs)))

    generate_toctree_html._dgt_named = True  # type: ignore[attr-defined]
    context["generate_toctree_html"] = generate_toctree_html


def fix_bibliography(html: str) -> str:
    """References as list items of their list (``doc-biblioentry`` is deprecated in ARIA 1.2)."""
    return html.replace('role="doc-biblioentry"', 'role="listitem"')


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict,
                 doctree) -> None:
    if app.builder is None or app.builder.format != "html":
        return
    tidy_scripts(app, context)
    mark_forms(app, context)
    wrap_menu(context)
    if "doc-biblioentry" in context.get("body", ""):
        context["body"] = fix_bibliography(context["body"])


def glossary_letters(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Before each glossary, its letters A to Z: each a link to the first term under it."""
    for glossary in list(doctree.findall(addnodes.glossary)):
        first: dict[str, str] = {}
        for term in glossary.findall(nodes.term):
            text = term.astext().strip()
            if text and term["ids"]:
                first.setdefault(text[0].upper(), term["ids"][0])
        if len(first) < 2:
            continue
        links = "".join(
            f'<li><a href="#{escape(target)}">{escape(letter)}</a></li>'
            for letter, target in sorted(first.items())
        )
        html = (f'<nav class="glossary-letters" aria-label="Glossary by letter">'
                f'<ul>{links}</ul></nav>')
        glossary.parent.insert(glossary.parent.index(glossary),
                               nodes.raw("", html, format="html"))


def drop_unused_output(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for name in UNUSED_OUTPUT:
        (outdir / name).unlink(missing_ok=True)


def setup(app: Sphinx) -> None:
    # After the themes (sphinx-book-theme's launch buttons are added at priority 501).
    app.connect("html-page-context", page_context, priority=900)
    app.connect("doctree-resolved", glossary_letters)
    app.connect("build-finished", drop_unused_output)
