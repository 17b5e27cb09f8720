"""Checks a browser test makes on a page of the book or of the app: axe-core's WCAG 2.1 A/AA
rules, the colour mode, what is wider than the screen, and how the exercise forms fit a phone.

axe-core comes from the npm registry, pinned by ``tests/axe/package-lock.json`` and installed by
``make axe`` (``make test`` does it first); it is injected into the page under test.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import REPO

AXE = REPO / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
#: The rules of WCAG 2.0 and 2.1, levels A and AA.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
#: The smallest text a chart may show on the screen, in CSS pixels.
MIN_CHART_TEXT_PX = 12


def axe_path() -> Path:
    assert AXE.is_file(), "axe-core is not installed: run  make axe  (make test does it)"
    return AXE


#: The rules whose outcome depends on the colours alone: in a second colour mode of a page
#: already checked in the first, only these can change.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_violations(page, colours_only: bool = False) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now: one line each.
    ``colours_only``: the rules that depend on colour (the page checked in the other mode)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(axe_path()))
    only = {"type": "rule", "values": COLOUR_RULES} if colours_only else {
        "type": "tag", "values": WCAG_21_AA}
    found = page.evaluate(
        """async only => {
          const result = await axe.run(document, {runOnly: only, resultTypes: ['violations']});
          return result.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(
            n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').split('\\n')
              .slice(1, 2).join(' ').trim()).slice(0, 4).join(' | '));
        }""",
        only,
    )
    return list(found)


def set_colour_mode(page, mode: str) -> None:
    """Light or dark, as the reader's system asks and as the theme applies it. The system also
    asks for less motion, so that no colour is checked half-way through a transition."""
    page.emulate_media(color_scheme=mode, reduced_motion="reduce")
    page.evaluate(
        """mode => {
          try { localStorage.setItem('mode', mode); localStorage.setItem('theme', mode); }
          catch (e) {}
          document.documentElement.dataset.mode = mode;
          document.documentElement.dataset.theme = mode;
        }""",
        mode,
    )


def too_wide(page) -> list[str]:
    """What reaches past the right edge of the screen (the page itself, any widget box)."""
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          const out = [];
          if (document.documentElement.scrollWidth > width + 1)
            out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px wide`);
          for (const el of document.querySelectorAll('.jupyter-widgets, .widget-subarea')) {
            const box = el.getBoundingClientRect();
            if (!box.width || !el.offsetParent) continue;  // not shown
            if (box.right > width + 1 || box.left < -1) {
              const label = (el.className.match(/widget-[a-z-]+/g) || []).slice(-1)[0]
                || el.tagName;
              out.push(`${label} from ${Math.round(box.left)} to ${Math.round(box.right)} px`);
            }
            if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible'
                && getComputedStyle(el).overflowX !== 'hidden') {
              out.push(`${el.className.split(' ').slice(-1)[0]} scrolls sideways`);
            }
          }
          return [...new Set(out)].slice(0, 8);
        }"""
    )


def form_problems_on_a_phone(page, phone: bool = True) -> list[str]:
    """On a narrow screen: a label above its field, whole tab names and button texts, charts
    no wider than the screen whose text stays at least 12 px (``data-text-px`` on each chart is
    the size of its smallest text at the picture's own size: dgtkit.charts.figure_html).
    ``phone=False`` (a desktop): whole names and texts, charts within the screen."""
    return page.evaluate(
        """([minimum, phone]) => {
          const out = [];
          const shown = el => el.offsetParent !== null && el.getBoundingClientRect().width > 0;
          for (const row of phone ? document.querySelectorAll('.widget-inline-hbox') : []) {
            const label = row.querySelector(':scope > .widget-label');
            const field = row.querySelector(':scope > input, :scope > select, :scope > textarea');
            if (!label || !field || !shown(label) || !shown(field)) continue;
            if (label.getBoundingClientRect().bottom > field.getBoundingClientRect().top + 2)
              out.push(`label "${label.textContent.trim()}" is beside its field, not above it`);
          }
          for (const el of document.querySelectorAll(
              '.lm-TabBar-tabLabel, .jupyter-button, .widget-label, .widget-toggle-button')) {
            if (!shown(el) || !el.textContent.trim()) continue;
            if (el.scrollWidth > el.clientWidth + 1)
              out.push(`"${el.textContent.trim()}" is cut `
                       + `(${el.scrollWidth} > ${el.clientWidth} px)`);
          }
          for (const img of document.querySelectorAll('.jupyter-widgets img')) {
            if (!shown(img) || !img.naturalWidth) continue;
            const width = img.getBoundingClientRect().width;
            if (img.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
              out.push(`a chart reaches past the screen (${Math.round(width)} px)`);
            const text = parseFloat(img.dataset.textPx || 'NaN');
            const shownPx = text * width / img.naturalWidth;
            if (phone && !(shownPx >= minimum))
              out.push(`a chart's smallest text is ${shownPx.toFixed(1)} px `
                       + `(${img.alt.slice(0, 50)}...)`);
          }
          return [...new Set(out)].slice(0, 8);
        }""",
        [MIN_CHART_TEXT_PX, phone],
    )


def listing(problems: dict[str, list[str]]) -> str:
    """Problems by page, one per line, for an assertion's message."""
    return "\n".join(f"{name}:\n" + "\n".join(f"    {p}" for p in found)
                     for name, found in problems.items())


def focus_problems(page, presses: int = 40) -> list[str]:
    """Tab through the page: each control that takes the focus must show it with an outline
    at least 2 px wide whose colour has 3:1 or more against the background behind it."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); "
                  "window.scrollTo(0, 0); }")
    problems = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        found = page.evaluate(
            """() => {
              const el = document.activeElement;
              if (!el || el === document.body) return null;
              const style = getComputedStyle(el);
              const rgb = c => (c.match(/[\\d.]+/g) || []).slice(0, 4).map(Number);
              const lum = ([r, g, b]) => [r, g, b].map(v => v / 255).map(
                v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
                .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
              let back = el.parentElement, colour = [255, 255, 255];
              while (back) {
                const c = rgb(getComputedStyle(back).backgroundColor);
                if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) { colour = c; break; }
                back = back.parentElement;
              }
              const ring = rgb(style.outlineColor);
              const [a, b] = [lum(ring), lum(colour)].sort((x, y) => y - x);
              const contrast = (a + 0.05) / (b + 0.05);
              const name = (el.getAttribute("aria-label") || el.textContent
                            || `${el.type} in ${el.parentElement.className}`).trim().slice(0, 60);
              const width = parseFloat(style.outlineWidth);
              if (style.outlineStyle === 'none' || width < 2 || contrast < 3)
                return `${el.tagName} "${name}": outline ${style.outlineStyle} ${width}px, `
                       + `${contrast.toFixed(1)}:1`;
              return '';
            }""")
        if found:
            problems.append(found)
    return sorted(set(problems))
