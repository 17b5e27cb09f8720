"""The session pages of the book, read as data: what the slides show and say.

Each page (``book/mN-.../N-M-....md``, MyST) is parsed with myst-parser's own markdown-it
parser, the one the book is built with, never with regular expressions. A page gives:

- its learning goal (the ``{admonition} Learning goal`` block);
- its sections (the ``##`` headings), each with its key points (the first sentence of each
  paragraph, every list item, ``###`` headings as sub-titles), its tables (those of the
  page and those the ``{pillar-table}`` and ``{maturity-table}`` directives render) and its
  figures (``show("name")`` in a code cell: the same figure the book draws);
- the question for discussion (the section of that name);
- the facilitator notes (the ``{dropdown} Facilitator notes`` block);
- the text of each section in full, for the speaker notes.

MyST roles become text as the book shows them: ``{term}`` and ``{doc}`` their text (or the
title of the page), ``{cite:t}`` "Author (year)"; ``{cite:p}`` is kept aside as the point's
sources, so a slide names them once, in its footer.
"""

from __future__ import annotations

import ast
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from markdown_it.token import Token

from dgtkit.course.frameworks import frameworks
from dgtkit.course.week import Session, week
from dgtkit.site import render

REPO = Path(__file__).resolve().parents[2]
BIBLIOGRAPHY = REPO / "book" / "references.bib"
QUESTION = "Question for discussion"
#: Words after which a full stop does not end a sentence.
ABBREVIATIONS = {"e.g", "i.e", "al", "vs", "No", "St", "Dr", "Mr", "Ms", "Mrs", "cf", "approx",
                 "p", "pp"}


# -- text with its emphasis --------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Text:
    """A paragraph, a list item or a cell: runs of text, and the works it cites in brackets."""

    runs: tuple[Run, ...]
    sources: tuple[str, ...] = ()

    @property
    def plain(self) -> str:
        return "".join(run.text for run in self.runs)

    def __bool__(self) -> bool:
        return bool(self.plain.strip())

    def first_sentence(self) -> Text:
        """The first sentence; if it is only a bold lead ("**E-government.**"), the next too."""
        ends = _sentence_ends(self.plain)
        if not ends:
            return self
        cut = ends[0]
        lead = self._cut(cut)
        if all(run.bold for run in lead.runs if run.text.strip()) and len(ends) > 1:
            cut = ends[1]
        return self._cut(cut)

    def _cut(self, length: int) -> Text:
        runs, taken = [], 0
        for run in self.runs:
            if taken >= length:
                break
            piece = run.text[: length - taken]
            runs.append(Run(piece, run.bold, run.italic))
            taken += len(run.text)
        return Text(_tidy_runs(runs), self.sources)


def _sentence_ends(text: str) -> list[int]:
    """Where each sentence of ``text`` ends (after its stop and closing quotes), but the last."""
    ends = []
    for match in re.finditer(r"[.!?]([\"”’)*]*)\s+(?=[A-Z0-9\"“‘(*])", text):
        word = re.split(r"[\s(]", text[: match.start()])[-1]
        if word in ABBREVIATIONS or re.fullmatch(r"[A-Z]", word):
            continue  # "e.g. Nairobi", "Ines M. Mergel"
        ends.append(match.end(1))
    return ends


def _tidy_runs(runs: list[Run]) -> tuple[Run, ...]:
    """Runs without the gaps left by citations taken out: no space before a stop, no '()'."""
    text = "".join(run.text for run in runs)
    tidy = re.sub(r"\s+([.,;:!?)])", r"\1", text)
    tidy = re.sub(r"\(\s*\)", "", tidy)
    tidy = re.sub(r"\s{2,}", " ", tidy).strip()
    if tidy == text:
        return tuple(r for r in runs if r.text)
    # Re-cut the tidy text along the old runs' emphasis, character by character.
    flags, out = [], []
    for run in runs:
        flags += [(run.bold, run.italic)] * len(run.text)
    position = 0
    for char in tidy:
        while position < len(text) and text[position] != char:
            position += 1
        bold, italic = flags[position] if position < len(flags) else (False, False)
        position += 1
        if out and (out[-1].bold, out[-1].italic) == (bold, italic):
            out[-1] = Run(out[-1].text + char, bold, italic)
        else:
            out.append(Run(char, bold, italic))
    return tuple(out)


# -- citations ---------------------------------------------------------------------------------


@cache
def _bibliography() -> dict[str, tuple[str, str]]:
    """Each key of ``references.bib``: (authors as the book cites them, year)."""
    from pybtex.database import parse_file

    entries = {}
    for key, entry in parse_file(str(BIBLIOGRAPHY)).entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        names = [" ".join(p.last_names).replace("{", "").replace("}", "") for p in people]
        if not names:  # a work without an author is cited by its body, or else its title
            fields = entry.fields
            body = fields.get("organization") or fields.get("institution") or \
                fields.get("publisher") or fields.get("title", key)
            authors = body.replace("{", "").replace("}", "")
        elif len(names) == 1:
            authors = names[0]
        elif len(names) == 2:
            authors = f"{names[0]} and {names[1]}"
        else:
            authors = f"{names[0]} et al."
        entries[key] = (authors, entry.fields.get("year", "n.d."))
    return entries


def cite(keys: list[str] | tuple[str, ...]) -> str:
    """The works ``keys`` as the book cites them in brackets, without the brackets."""
    known = _bibliography()
    return "; ".join(f"{known[k][0]}, {known[k][1]}" if k in known else k for k in keys)


def _cite_text(keys: list[str]) -> str:
    """``{cite:t}``: "Mergel et al. (2019)"."""
    known = _bibliography()
    return "; ".join(f"{known[k][0]} ({known[k][1]})" if k in known else k for k in keys)


# -- the parser --------------------------------------------------------------------------------


@cache
def _parser():
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    config = MdParserConfig(enable_extensions={"colon_fence", "deflist", "substitution"})
    return create_md_parser(config, RendererHTML)


def parse(text: str) -> list[Token]:
    return _parser().parse(text)


def _directive(token: Token) -> tuple[str, str]:
    """The name and argument of a fenced directive (```` ```{name} argument ````)."""
    info = token.info.strip()
    if not info.startswith("{"):
        return "", info
    name, _, argument = info[1:].partition("}")
    return name.strip(), argument.strip()


def _directive_body(token: Token) -> tuple[dict[str, str], str]:
    """A directive's ``:option: value`` lines and the content after them."""
    options, lines = {}, token.content.splitlines()
    while lines and re.match(r"^:[\w-]+:", lines[0]):
        name, _, value = lines.pop(0)[1:].partition(":")
        options[name.strip()] = value.strip()
    return options, "\n".join(lines)


@dataclass(frozen=True)
class Context:
    """Where a page lies, to turn ``{doc}`` links into the titles of their pages."""

    docname: str  # e.g. "book/m1-introduction/1-1-key-definitions"


@cache
def _page_titles() -> dict[str, str]:
    titles = {}
    for module in week().modules:
        titles[module.page] = f"Module {module.number}. {module.title}"
        for session in module.sessions:
            titles[session.page] = session.label
    for exercise in week().exercises:
        if exercise.notebook:
            titles[exercise.notebook] = exercise.label
    for path in (REPO / "book").glob("*.md"):
        for line in path.read_text("utf-8").splitlines():
            if line.startswith("# "):
                titles[f"book/{path.stem}"] = line[2:].strip()
                break
    return titles


def _doc_title(target: str, context: Context) -> str:
    if target.startswith("/"):
        docname = target.lstrip("/")
    else:
        docname = posixpath.normpath(posixpath.join(posixpath.dirname(context.docname), target))
    return _page_titles().get(docname.removesuffix(".md"), target)


def _role_text(name: str, content: str, context: Context) -> str:
    shown, _, target = content.partition(" <")
    if target:  # {term}`digitization <Digitization>`, {doc}`agenda <agenda>`
        return shown
    if name == "doc":
        return _doc_title(content, context)
    if name == "cite:t":
        return _cite_text([k.strip() for k in content.split(",")])
    return content


def inline(token: Token, context: Context) -> Text:
    """An inline token as text: emphasis kept, roles as the book shows them."""
    runs: list[Run] = []
    sources: list[str] = []
    bold = italic = 0
    for child in token.children or []:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind in ("text", "code_inline"):
            runs.append(Run(child.content, bold > 0, italic > 0))
        elif kind in ("softbreak", "hardbreak"):
            runs.append(Run(" ", bold > 0, italic > 0))
        elif kind == "myst_role":
            name = child.meta.get("name", "")
            if name in ("cite:p", "cite:ps", "cite"):
                sources += [k.strip() for k in child.content.split(",") if k.strip()]
            else:
                runs.append(Run(_role_text(name, child.content, context), bold > 0, italic > 0))
    return Text(_tidy_runs(runs), tuple(dict.fromkeys(sources)))


def with_citations(text: Text) -> str:
    """The text as the book prints it, its sources in brackets at the end."""
    plain = text.plain
    if text.sources:
        stop = plain[-1] if plain and plain[-1] in ".:;" else ""
        plain = f"{plain.rstrip('.:;')} ({cite(text.sources)}){stop}"
    return plain


# -- blocks ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    """One line of a slide's body: a sentence, a list item or a sub-title."""

    text: Text  # what the slide shows: a paragraph's first sentence, an item whole
    kind: str = "point"  # "point", "bullet", "number" or "heading"
    level: int = 0
    number: int = 0  # for kind "number"
    whole: Text | None = None  # the paragraph a point was cut from


@dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Figure:
    title: str
    name: str  # a key of dgtkit.site.figures.FIGURES


@dataclass
class Section:
    title: str
    points: list[Point] = field(default_factory=list)
    visuals: list[Table | Figure] = field(default_factory=list)
    prose: list[str] = field(default_factory=list)  # the full text, for the speaker notes

    @property
    def notes(self) -> str:
        return "\n".join(self.prose).strip()


@dataclass
class SessionPage:
    session: Session
    goal: Text
    sections: list[Section]
    question: list[Point]
    facilitator_notes: str

    @property
    def figures(self) -> list[Figure]:
        return [v for s in self.sections for v in s.visuals if isinstance(v, Figure)]

    @property
    def tables(self) -> list[Table]:
        return [v for s in self.sections for v in s.visuals if isinstance(v, Table)]


def _matching_close(tokens: list[Token], start: int) -> int:
    """The index of the token that closes ``tokens[start]``."""
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


def _table(tokens: list[Token], title: str, context: Context) -> Table:
    header: list[str] = []
    rows: list[list[str]] = []
    in_head = False
    for token in tokens:
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open" and not in_head:
            rows.append([])
        elif token.type == "inline":
            text = with_citations(inline(token, context))
            (header if in_head else rows[-1]).append(text)
    return Table(title, tuple(header), tuple(tuple(row) for row in rows))


def _shown_figures(code: str) -> list[str]:
    """The names a code cell passes to ``show(...)``."""
    names = []
    try:
        tree = ast.parse("\n".join(line for line in code.splitlines()
                                   if not line.lstrip().startswith(("%", "!"))))
    except SyntaxError:
        return names
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "show"
                and node.args and isinstance(node.args[0], ast.Constant)):
            names.append(str(node.args[0].value))
    return names


class _Reader:
    """Walks a page's tokens and fills its sections."""

    def __init__(self, context: Context):
        self.context = context
        self.sections: list[Section] = []
        self.subtitle = ""
        self.goal = Text(())
        self.notes: list[str] = []

    @property
    def section(self) -> Section:
        if not self.sections:
            self.sections.append(Section("Overview"))
        return self.sections[-1]

    def read(self, tokens: list[Token], list_depth: int = 0) -> None:
        index = 0
        while index < len(tokens):
            token = tokens[index]
            end = _matching_close(tokens, index) if token.nesting == 1 else index
            kind = token.type
            if kind == "heading_open":
                title = inline(tokens[index + 1], self.context).plain
                if token.tag == "h2":
                    self.sections.append(Section(title))
                    self.subtitle = ""
                elif token.tag in ("h3", "h4"):
                    self.subtitle = title
                    heading = inline(tokens[index + 1], self.context)
                    self.section.points.append(Point(heading, kind="heading"))
                    self.section.prose.append(f"\n{title}")
            elif kind == "paragraph_open":
                text = inline(tokens[index + 1], self.context)
                if text:
                    self.section.points.append(Point(text.first_sentence(), whole=text))
                    self.section.prose.append(with_citations(text))
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self._list(tokens[index + 1:end], ordered=kind == "ordered_list_open",
                           depth=list_depth, start=int(token.attrGet("start") or 1))
            elif kind == "table_open":
                self.section.visuals.append(
                    _table(tokens[index:end + 1], self._visual_title(), self.context))
                self.section.prose.append("(Table: see the slide.)")
            elif kind in ("fence", "colon_fence"):
                self._directive(token)
            index = end + 1

    def _visual_title(self) -> str:
        return self.subtitle or self.section.title

    def _list(self, tokens: list[Token], ordered: bool, depth: int, start: int) -> None:
        index, number = 0, start
        while index < len(tokens):
            token = tokens[index]
            end = _matching_close(tokens, index) if token.nesting == 1 else index
            if token.type == "list_item_open":
                item = tokens[index + 1:end]
                at = next((i for i, t in enumerate(item) if t.type == "inline"), None)
                if at is not None:
                    first = item[at]
                    text = inline(first, self.context)
                    self.section.points.append(
                        Point(text, kind="number" if ordered else "bullet",
                              level=min(depth, 1), number=number))
                    mark = f"{number}." if ordered else "-"
                    self.section.prose.append(f"{'  ' * depth}{mark} {with_citations(text)}")
                    # Nested lists and further paragraphs of the item.
                    nested = item[at + 2:]
                    for position, nested_token in enumerate(nested):
                        if nested_token.type in ("bullet_list_open", "ordered_list_open"):
                            close = _matching_close(nested, position)
                            self._list(nested[position + 1:close],
                                       nested_token.type == "ordered_list_open", depth + 1,
                                       int(nested_token.attrGet("start") or 1))
                number += 1
            index = end + 1

    def _directive(self, token: Token) -> None:
        name, argument = _directive(token)
        options, body = _directive_body(token)
        if name == "admonition" and argument == "Learning goal":
            paragraph = next(t for t in parse(body) if t.type == "inline")
            self.goal = inline(paragraph, self.context)
        elif name == "dropdown" and "facilitator-notes" in options.get("class-container", ""):
            self.notes.append(prose(parse(body), self.context))
        elif name in ("dropdown", "note", "tip", "important", "admonition", "hint"):
            self.read(parse(body))  # content of the page, folded away or boxed
        elif name == "code-cell":
            for figure in _shown_figures(body):
                self.section.visuals.append(Figure(self._visual_title(), figure))
        elif name == "pillar-table":
            self._rendered(render.pillar_table(frameworks()))
        elif name == "maturity-table":
            self._rendered(render.maturity_table(frameworks()))

    def _rendered(self, markdown: str) -> None:
        """Tables a directive of the book renders from the course data; a bold line above a
        table is its title."""
        tokens = parse(markdown)
        title = self._visual_title()
        for index, token in enumerate(tokens):
            if token.type == "paragraph_open":
                title = inline(tokens[index + 1], self.context).plain
            elif token.type == "table_open":
                end = _matching_close(tokens, index)
                self.section.visuals.append(_table(tokens[index:end + 1], title, self.context))


def prose(tokens: list[Token], context: Context) -> str:
    """Markdown as plain text for speaker notes: a line per paragraph, heading or list item,
    sources in brackets."""
    reader = _Reader(context)
    reader.read(tokens)
    return "\n".join(line for section in reader.sections for line in section.prose).strip()


def _tokens_of(path: Path) -> list[Token]:
    return parse(path.read_text("utf-8"))


def read_session(session: Session) -> SessionPage:
    """The session's page as the slides use it."""
    path = REPO / f"{session.page}.md"
    context = Context(session.page)
    reader = _Reader(context)
    reader.read(_tokens_of(path))
    question: list[Point] = []
    sections = []
    for section in reader.sections:
        if section.title == QUESTION:  # shown whole, not only its first sentences
            question = [Point(p.whole or p.text, p.kind, p.level, p.number)
                        for p in section.points]
        else:
            sections.append(section)
    return SessionPage(session, reader.goal, sections, question, "\n\n".join(reader.notes))


def sessions_of(module_number: int) -> Iterator[SessionPage]:
    for session in week().module(module_number).sessions:
        yield read_session(session)


def notebook_instructions(notebook: str) -> str:
    """The markdown cells of an exercise's notebook, as plain text (the exercise's speaker
    notes): what the participants read above the form."""
    import json

    path = REPO / f"{notebook}.ipynb"
    if not path.is_file():
        return ""
    cells = json.loads(path.read_text("utf-8"))["cells"]
    text = "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return prose(parse(text), Context(notebook))
