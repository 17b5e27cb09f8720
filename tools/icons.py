"""Write ``book/_assets/icons.css``: the few Font Awesome icons the book's theme shows, as CSS.

The theme (pydata-sphinx-theme) draws its icons with Font Awesome's JavaScript, a 1.45 MB
script that every page would load (about 530 KB compressed: four seconds on a 1 Mbit/s line)
to draw some twenty icons. The book leaves that script out (``_templates/layout.html``) and
draws the same icons with this stylesheet instead: each icon is its SVG path, taken from the
theme's own copy of Font Awesome, used as a CSS mask over ``currentColor`` (so it takes the
colour of the text around it, in light and dark mode, and needs no script).

Run it again when the theme is upgraded or a page shows a new icon (the book test
``test_every_icon_the_pages_show_is_drawn_by_the_icon_stylesheet`` says which):

    .venv/bin/python tools/icons.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "book" / "_assets" / "icons.css"

#: The icons the theme and its launch, download and colour-mode buttons use (solid style),
#: and a few the theme can show on a page with other options (kept so such a page never
#: shows an empty square).
ICONS = (
    "angle-left", "angle-right", "arrow-up", "bars", "chevron-down", "circle-half-stroke",
    "code", "download", "expand", "file", "file-pdf", "list", "magnifying-glass", "moon",
    "rocket", "sun", "outdent", "lightbulb", "pencil", "play", "compress", "link",
    "arrow-up-right-from-square",
)

#: The theme marks each kind of admonition ("Note", "Learning goal", ...) with an icon from Font
#: Awesome's 156 KB web font; these draw the same icons without it.
ADMONITIONS = {
    "": "bell", "note": "circle-info", "attention": "circle-exclamation",
    "important": "circle-exclamation", "caution": "triangle-exclamation",
    "warning": "triangle-exclamation", "danger": "triangle-exclamation",
    "error": "circle-xmark", "hint": "lightbulb", "tip": "lightbulb", "seealso": "share",
    "admonition-todo": "pencil",
}

#: Font Awesome's icon data: "name":[width,height,[aliases],"unicode","path"].
_ICON = re.compile(
    r'(?:"([a-z0-9-]+)"|\b([a-z][a-z0-9]*)):\[(\d+),(\d+),\[([^\]]*)\],"[0-9a-f]+","(M[^"]+)"\]'
)
#: Each style's icons are one object, followed by the call that registers it under its prefix.
_PACK = re.compile(r'\]\};!function\(c\)\{try\{.{0,400}?"(fa[brs])",p', re.S)


def fontawesome_js() -> Path:
    import pydata_sphinx_theme

    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
    return theme / "static" / "scripts" / "fontawesome.js"


#: The theme marks a link to GitHub or GitLab with the brand's icon, from a 115 KB web font.
BRANDS = ("github", "gitlab")


def solid_icons(script: str, pack: str = "fas") -> dict[str, tuple[int, int, str]]:
    """Every icon of a style (solid: fas, brands: fab) in Font Awesome's script, by name and by
    alias: (width, height, path)."""
    ends = {m.group(1): m.start() for m in _PACK.finditer(script)}
    if pack not in ends:
        raise SystemExit(f"Font Awesome's {pack} icons were not found in the theme's script")
    start = max((end for prefix, end in ends.items() if end < ends[pack]), default=0)
    icons: dict[str, tuple[int, int, str]] = {}
    for match in _ICON.finditer(script, start, ends[pack]):
        name = match.group(1) or match.group(2)
        icon = (int(match.group(3)), int(match.group(4)), match.group(6))
        icons.setdefault(name, icon)
        for alias in re.findall(r'"([a-z0-9-]+)"', match.group(5)):
            icons.setdefault(alias, icon)
    return icons


def version(script: str) -> str:
    found = re.search(r"Font Awesome Free (\d+\.\d+\.\d+)", script)
    licence = fontawesome_js().with_name("fontawesome.js.LICENSE.txt")
    if not found and licence.is_file():
        found = re.search(r"Font Awesome Free (\d+\.\d+\.\d+)", licence.read_text("utf-8"))
    return found.group(1) if found else "6"


def data_uri(width: int, height: int, path: str) -> str:
    svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'>" \
          f"<path d='{path}'/></svg>"
    return "data:image/svg+xml," + quote(svg, safe=" /:=',.-")


def stylesheet(icons: dict[str, tuple[int, int, str]], fa_version: str,
               brands: dict[str, tuple[int, int, str]]) -> str:
    missing = [name for name in {*ICONS, *ADMONITIONS.values()} if name not in icons]
    if missing:
        raise SystemExit(f"Font Awesome has no solid icon named {', '.join(missing)}")
    lines = [
        f"/* The theme's icons without its 1.45 MB script: Font Awesome Free {fa_version} "
        "solid icons",
        "   (https://fontawesome.com, icons under CC BY 4.0: "
        "https://fontawesome.com/license/free),",
        "   each drawn as a mask over the text colour. Written by tools/icons.py: "
        "do not edit by hand. */",
        ".fa-solid, .fas {",
        "  display: inline-block; width: 1.25em; height: 1em; vertical-align: -0.125em;",
        "  background-color: currentColor;",
        "  -webkit-mask: var(--dgt-icon) center / contain no-repeat;",
        "  mask: var(--dgt-icon) center / contain no-repeat;",
        "}",
        "/* No glyph from a Font Awesome web font on top: the theme's stylesheet (and the widget",
        "   manager's, for .fas) would download one (156 KB) to draw it. */",
        ".fa-solid::before, .fas::before, .fa-solid::after, .fas::after {",
        "  content: none !important;",
        "}",
        ".fa-lg { font-size: 1.25em; line-height: 0.05em; vertical-align: -0.075em; }",
        "@media (forced-colors: active) { .fa-solid, .fas { background-color: CanvasText; } }",
    ]
    for name in ICONS:
        lines.append(f'.fa-{name} {{ --dgt-icon: url("{data_uri(*icons[name])}"); }}')
    # The theme's older names for some of them (Font Awesome 5).
    for old, new in (("search", "magnifying-glass"), ("pencil-alt", "pencil"),
                     ("adjust", "circle-half-stroke"), ("external-link-alt",
                                                         "arrow-up-right-from-square")):
        lines.append(f".fa-{old} {{ --dgt-icon: url(\"{data_uri(*icons[new])}\"); }}")
    lines += [
        ".admonition > .admonition-title::after, div.admonition > .admonition-title::after {",
        '  content: "" !important; font: inherit; height: 1rem; width: 1rem; top: 0.6rem;',
        "  background-color: currentColor;",
        "  -webkit-mask: var(--dgt-icon) center / contain no-repeat;",
        "  mask: var(--dgt-icon) center / contain no-repeat;",
        "}",
    ]
    for kind, name in ADMONITIONS.items():
        selector = f".admonition.{kind}" if kind else ".admonition"
        lines.append(f'{selector} > .admonition-title::after {{ --dgt-icon: url("'
                     f'{data_uri(*icons[name])}"); }}')
    lines += [
        "a.github::before, a.gitlab::before {",
        '  content: "" !important; font: inherit; display: inline-block; width: 1em; height: 1em;',
        "  vertical-align: -0.125em; background-color: currentColor;",
        "  -webkit-mask: var(--dgt-icon) center / contain no-repeat;",
        "  mask: var(--dgt-icon) center / contain no-repeat;",
        "}",
    ]
    for name in BRANDS:
        lines.append(f'a.{name}::before {{ --dgt-icon: url("{data_uri(*brands[name])}"); }}')
    return "\n".join(lines) + "\n"


def main() -> None:
    script = fontawesome_js().read_text("utf-8")
    TARGET.write_text(stylesheet(solid_icons(script), version(script),
                                 solid_icons(script, "fab")), "utf-8")
    print(f"{TARGET.relative_to(REPO)}: {len(ICONS)} icons, {TARGET.stat().st_size} bytes")


if __name__ == "__main__":
    sys.exit(main())
