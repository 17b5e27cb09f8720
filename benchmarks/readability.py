"""How hard the session pages are to read: words, sentences and two readability scores.

    .venv/bin/python benchmarks/readability.py [--words-per-sentence 20]

Reads the markdown of the 31 session pages with code, tables, headings, citations, directive
fences and markup stripped, so only the prose is measured: the learning goal, the teaching
text, the question for discussion and the facilitator notes. Prints
one line per page, hardest first (lowest Flesch reading ease), then a summary. The course
writes for readers whose first language is not English: it aims at sentences of under 20
words on average. Flesch reading ease: higher is easier (60-70 is plain English);
Flesch-Kincaid grade: the US school year a reader needs.
"""

from __future__ import annotations

import argparse
import re
import statistics
from dataclasses import dataclass

import textstat
from _common import REPO

from dgtkit.course.week import Session, week

#: Directives fenced with backticks whose content is prose; every other such block is dropped.
PROSE_DIRECTIVES = {"admonition", "note", "tip", "important", "warning", "dropdown", "attention"}
ROLE_WITH_TEXT = re.compile(r"\{(?:term|doc|ref)\}`([^`<]+?)\s*(?:<[^`]*>)?`")
CITE_AS_SUBJECT = re.compile(r"\{cite:t\}`[^`]*`")
OTHER_ROLE = re.compile(r"\{[a-z:]+\}`[^`]*`")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
MARKUP = re.compile(r"[*_`]+")


@dataclass(frozen=True)
class Readability:
    page: str
    words: int
    sentences: int
    ease: float
    grade: float

    @property
    def words_per_sentence(self) -> float:
        return self.words / max(self.sentences, 1)


def without_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        return text.split("\n---\n", 1)[1]
    return text


def prose_lines(text: str) -> list[str]:
    """The lines of a MyST page that readers read as prose, fences and markup dropped."""
    lines, dropping, fence = [], False, ""
    for line in without_front_matter(text).splitlines():
        stripped = line.strip()
        if dropping:
            dropping = stripped != fence
            continue
        opening = re.match(r"(`{3,})\{?([\w-]*)", stripped)
        if opening and opening.group(2) not in PROSE_DIRECTIVES:
            dropping, fence = True, opening.group(1)
            continue
        if re.match(r"(`{3,}|:{3,})|#|\||:[\w-]+:|<!--", stripped):
            lines.append("")  # a fence, heading, table row, option or comment ends a block
            continue
        lines.append(stripped)
    return lines


def plain(line: str) -> str:
    line = CITE_AS_SUBJECT.sub("The authors", line)
    line = ROLE_WITH_TEXT.sub(r"\1", line)
    line = OTHER_ROLE.sub("", line)
    line = LINK.sub(r"\1", line)
    return " ".join(MARKUP.sub("", line).split()).replace(" .", ".").replace(" ,", ",")


def sentences_of(text: str) -> str:
    """The page's prose as text, each paragraph and list item ending as a sentence."""
    blocks, current = [], []
    for line in prose_lines(text) + [""]:
        item = re.match(r"(?:[-*+]|\d+[.)])\s+(.*)", line)
        if (not line or item) and current:
            blocks.append(" ".join(current))
            current = []
        if line:
            current.append(plain(item.group(1) if item else line))
    ends = (".", "!", "?")
    return " ".join(b if b.endswith(ends) else b.rstrip(":;,") + "." for b in blocks if b.strip())


def measure(session: Session) -> Readability:
    text = sentences_of((REPO / f"{session.page}.md").read_text("utf-8"))
    return Readability(
        page=f"{session.id} {session.title}",
        words=textstat.lexicon_count(text),
        sentences=textstat.sentence_count(text),
        ease=textstat.flesch_reading_ease(text),
        grade=textstat.flesch_kincaid_grade(text),
    )


def row(r: Readability) -> str:
    return (
        f"{r.page[:44]:<44} {r.words:>6} {r.sentences:>6} {r.words_per_sentence:>8.1f} "
        f"{r.ease:>8.1f} {r.grade:>6.1f}"
    )


def summary(results: list[Readability], limit: float) -> str:
    words = sum(r.words for r in results)
    sentences = sum(r.sentences for r in results)
    long_ones = [r for r in results if r.words_per_sentence > limit]
    return (
        f"{len(results)} pages, {words:,} words in {sentences:,} sentences "
        f"({words / sentences:.1f} words per sentence); median Flesch reading ease "
        f"{statistics.median(r.ease for r in results):.1f}, median Flesch-Kincaid grade "
        f"{statistics.median(r.grade for r in results):.1f}; {len(long_ones)} pages "
        f"average over {limit:g} words per sentence"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--words-per-sentence",
        type=float,
        default=20,
        help="the course's aim for the average sentence length (default 20)",
    )
    limit = parser.parse_args().words_per_sentence
    results = sorted((measure(s) for s in week().sessions), key=lambda r: r.ease)
    print(
        f"{'Page (hardest first)':<44} {'words':>6} {'sent.':>6} {'w/sent.':>8} "
        f"{'ease':>8} {'grade':>6}"
    )
    for result in results:
        print(row(result))
    print(summary(results, limit))


if __name__ == "__main__":
    main()
