"""The course's look on slides and on paper: its colours, its font and its sizes, in one place.

The colours are the book's (``book/_assets/course.css``: the blue of the session line and the
buttons, the green of the learning goal) and the charts' ink (``dgtkit.charts``). The font is
Arial, which every copy of PowerPoint has; LibreOffice shows it with Liberation Sans, whose
letters have the same widths, so text measured here fits there too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

#: Colours, as hex RGB without the '#'. Each text colour reaches at least 4.5:1 on its ground.
BLUE = "1F5FA6"  # titles, the band of the title slides (white on it: 6.5:1)
GREEN = "1B5E20"  # the learning goal (7.9:1 on white)
GREEN_TINT = "E8F5E9"  # the learning goal's ground
INK = "222222"  # body text (15.9:1 on white)
GREY = "444444"  # footers, captions, sources (9.7:1 on white)
RULE = "6B7785"  # lines and table borders
HEADER_TINT = "E7EEF7"  # the header row of a table (INK on it: 14:1)
WHITE = "FFFFFF"

#: The font of the decks and the print-outs.
FONT = "Arial"
#: Fonts with Arial's widths, to measure text with (the first one found is used); DejaVu Sans,
#: which matplotlib always carries, is wider, so text measured with it fits all the more.
METRIC_FONTS = ("Liberation Sans", "Arimo", "Arial", "DejaVu Sans")


@dataclass(frozen=True)
class Sizes:
    """Type sizes in points: each text starts at its size and may shrink down to its minimum
    to fit a slide; what still does not fit goes on to a next slide."""

    title: float = 30
    title_min: float = 24
    body: float = 22
    body_min: float = 16
    table: float = 20
    table_min: float = 12
    caption: float = 12
    footer: float = 10
    deck_title: float = 38
    deck_subtitle: float = 22


SIZES = Sizes()

#: The slide: 16:9, in inches, and the margins of its text.
SLIDE_WIDTH, SLIDE_HEIGHT = 13.333, 7.5
MARGIN = 0.6
TITLE_TOP, TITLE_HEIGHT = 0.35, 1.0
BODY_TOP = 1.5
FOOTER_HEIGHT = 0.4
BODY_BOTTOM = SLIDE_HEIGHT - FOOTER_HEIGHT - 0.2
LINE_SPACING = 1.17  # a line is this many times its font size high (Liberation Sans: 1.149)


@cache
def font_file(bold: bool = False) -> Path:
    """The file of the font the text is measured with (see ``METRIC_FONTS``)."""
    from matplotlib import font_manager

    weight = "bold" if bold else "normal"
    for family in METRIC_FONTS:
        properties = font_manager.FontProperties(family=family, weight=weight)
        try:
            return Path(font_manager.findfont(properties, fallback_to_default=False))
        except ValueError:
            continue
    return Path(font_manager.findfont(font_manager.FontProperties(weight=weight)))


def css() -> str:
    """The print-outs' stylesheet: the same colours and font as the decks, for A4 paper."""
    return f"""
@page {{ size: A4; margin: 18mm 16mm 20mm 16mm; }}
html {{ font-family: {FONT}, "Liberation Sans", Arimo, sans-serif; font-size: 10.5pt;
        color: #{INK}; line-height: 1.4; }}
body {{ margin: 0; }}
h1, h2, h3, h4 {{ color: #{BLUE}; line-height: 1.2; break-after: avoid; }}
h1 {{ font-size: 20pt; margin: 0 0 0.6em; }}
h2 {{ font-size: 15pt; margin: 1.2em 0 0.4em; }}
h3 {{ font-size: 12.5pt; margin: 1em 0 0.3em; }}
h4 {{ font-size: 11pt; margin: 0.8em 0 0.3em; }}
a {{ color: inherit; text-decoration: none; }}
p, li {{ orphans: 3; widows: 3; }}
table {{ border-collapse: collapse; margin: 0.6em 0; width: 100%; font-size: 9.5pt; }}
th, td {{ border: 1px solid #{RULE}; padding: 0.25em 0.45em; text-align: left;
          vertical-align: top; }}
th {{ background: #{HEADER_TINT}; }}
th p, td p {{ margin: 0; }}
tr, img, figure {{ break-inside: avoid; }}
img {{ max-width: 100%; height: auto; }}
figcaption, .caption {{ color: #{GREY}; font-size: 9pt; }}
.session-info {{ border-left: 4px solid #{BLUE}; padding: 0.2em 0.8em; color: #333; }}
.admonition {{ border-left: 4px solid #{BLUE}; padding: 0.3em 0.8em; margin: 0.8em 0;
               break-inside: avoid; }}
.admonition.learning-goal {{ border-color: #{GREEN}; background: #{GREEN_TINT}; }}
.admonition-title {{ font-weight: bold; margin: 0 0 0.3em; }}
details {{ border: 1px solid #{RULE}; border-radius: 4px; padding: 0.3em 0.8em;
           margin: 0.8em 0; }}
details > summary {{ font-weight: bold; color: #{BLUE}; list-style: none; break-after: avoid; }}
details > summary::-webkit-details-marker {{ display: none; }}
.facilitator-notes {{ border-left: 4px solid #{GREEN}; }}
.ws-field {{ margin: 0.35em 0 0.5em; break-inside: avoid; }}
.ws-label {{ font-weight: bold; }}
.ws-hint {{ color: #{GREY}; font-size: 9pt; }}
.ws-note {{ font-style: italic; margin: 0.4em 0 0.2em; }}
.ws-line {{ border-bottom: 1px solid #{INK}; height: 1.9em; }}
.ws-box {{ border: 1px solid #{INK}; border-radius: 2px; }}
.ws-choices {{ list-style: none; padding: 0; margin: 0.2em 0 0; column-gap: 2em; }}
.ws-choices li {{ margin: 0.15em 0; break-inside: avoid; }}
.ws-tick {{ display: inline-block; width: 0.9em; height: 0.9em; border: 1px solid #{INK};
            margin-right: 0.45em; vertical-align: -0.1em; }}
.ws-rows td {{ height: 2.4em; }}
.ws-rows.ws-tall td {{ height: 4.5em; }}
.ws-rows th {{ font-size: 8.5pt; }}
.ws-card {{ border: 1px solid #{RULE}; padding: 0.2em 0.8em 0.4em; margin: 0.7em 0; }}
.ws-card > h4 {{ margin-top: 0.4em; }}
.ws-about {{ border-left: 4px solid #{BLUE}; padding: 0.2em 0.8em; margin: 0 0 1em; }}
.ws-about p {{ margin: 0.2em 0; }}
.worksheet {{ border-top: 2px solid #{BLUE}; margin-top: 0.8em; padding-top: 0.4em; }}
"""
