"""How much room text takes on a slide: word widths from the font's own metrics, lines wrapped
as a slide program wraps them, heights from the line spacing.

python-pptx writes text but does not lay it out, so the decks measure it here, with the font
of ``look.font_file`` (Arial's widths), and split or shrink what would not fit. The tests hold
the result to what LibreOffice draws.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from dgtkit.facilitator import look

#: Measured text is kept this much narrower and shorter than its box, for rounding and for
#: the small differences between one program's layout and another's.
SAFETY = 0.94
POINTS_PER_INCH = 72


@cache
def _font(bold: bool):
    from PIL import ImageFont

    return ImageFont.truetype(str(look.font_file(bold)), size=100)


@cache
def _unit_width(text: str, bold: bool) -> float:
    """The width of ``text`` at 1 pt, in points."""
    return _font(bold).getlength(text) / 100


def width(text: str, size: float, bold: bool = False) -> float:
    return _unit_width(text, bold) * size


@dataclass(frozen=True)
class Word:
    text: str
    bold: bool = False


def words_of(runs) -> list[Word]:
    """The words of runs of text (objects with ``text`` and ``bold``), each with its weight."""
    words: list[Word] = []
    glued = False  # a run that starts mid-word continues the word before it
    for run in runs:
        pieces = run.text.split(" ")
        for index, piece in enumerate(pieces):
            if index == 0 and glued and words and piece:
                last = words[-1]
                words[-1] = Word(last.text + piece, last.bold or run.bold)
            elif piece:
                words.append(Word(piece, run.bold))
        glued = bool(run.text) and not run.text.endswith(" ")
    return words


def line_count(words: list[Word], size: float, available: float) -> int:
    """How many lines ``words`` wrap into in a column ``available`` points wide."""
    if not words:
        return 1
    space = width(" ", size)
    lines, used = 1, 0.0
    for word in words:
        measure = width(word.text, size, word.bold)
        if measure > available:  # a word wider than the column is broken over lines
            lines += (0 if used == 0 else 1) + math.ceil(measure / available) - 1
            used = measure % available
            continue
        needed = measure if used == 0 else used + space + measure
        if needed <= available:
            used = needed
        else:
            lines += 1
            used = measure
    return lines


def line_height(size: float) -> float:
    return size * look.LINE_SPACING


def text_height(words: list[Word], size: float, available: float) -> float:
    return line_count(words, size, available) * line_height(size)


def inches(points: float) -> float:
    return points / POINTS_PER_INCH


def points(inch: float) -> float:
    return inch * POINTS_PER_INCH
