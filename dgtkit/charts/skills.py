"""The chart of Ex 9: a heat map of skills gaps, roles by competencies, with the gap written in
each cell. Colour is never the only signal: the number is printed, bigger gaps are hatched,
and an unrated cell says "not rated"."""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from dgtkit.models.skills import Cell, SkillsMatrix

WHITE, INK, GREY = "#FFFFFF", "#222222", "#555555"
#: Fill and hatch by gap; the fills have at least 4.5:1 contrast on white.
FILLS = {0: (WHITE, ""), 1: ("#C44E00", ""), 2: ("#7A0019", "//")}
NUMBER_BOX = {"boxstyle": "round,pad=0.3", "facecolor": WHITE, "edgecolor": INK, "linewidth": 0.6}
TEXT = {"parse_math": False}  # role and competency names are typed by the team


def _fill(gap: int) -> tuple[str, str]:
    return FILLS[min(gap, max(FILLS))]


def _wrap(text: str, width: int, lines: int = 3) -> str:
    return "\n".join(textwrap.wrap(text, width, max_lines=lines, placeholder="…"))


def gap_heatmap(matrix: SkillsMatrix) -> Figure:
    """Roles (rows) by competencies (columns); each cell shows its gap and both levels."""
    rows, columns = matrix.roles, matrix.competencies
    if not rows or not columns:
        figure = Figure(figsize=(6.5, 1.2))
        axes = figure.add_subplot()
        axes.set_axis_off()
        axes.text(0.5, 0.5, "Add roles and competencies to see the matrix.", ha="center")
        return figure
    size = (max(6.5, 1.45 * len(columns) + 2.6), max(2.6, 0.8 * len(rows) + 2.0))
    figure = Figure(figsize=size, layout="constrained")
    axes = figure.add_subplot()
    for r, role in enumerate(rows):
        for c, column in enumerate(columns):
            _draw_cell(axes, r, c, matrix.cells.get((role.id, column.id), Cell()))
    axes.set_xlim(0, len(columns))
    axes.set_ylim(len(rows), 0)
    axes.xaxis.tick_top()
    axes.set_xticks(
        [c + 0.5 for c in range(len(columns))],
        [_wrap(column.name, 16, 4) for column in columns],
        fontsize=8,
        **TEXT,
    )
    axes.set_yticks(
        [r + 0.5 for r in range(len(rows))], [_wrap(role.name, 22, 2) for role in rows], **TEXT
    )
    axes.tick_params(length=0, labelsize=8.5)
    axes.spines[:].set_visible(False)
    axes.set_title(
        "Skills gaps: the level needed minus today's level", fontsize=11, loc="left", pad=12
    )
    _legend(figure)
    return figure


def _draw_cell(axes, row: int, column: int, cell: Cell) -> None:
    centre = (column + 0.5, row + 0.5)
    if cell.gap is None:
        axes.add_patch(
            Rectangle((column, row), 1, 1, facecolor=WHITE, edgecolor=GREY, linestyle=":")
        )
        axes.text(*centre, "–\nnot rated", ha="center", va="center", fontsize=7.5, color=GREY)
        return
    colour, hatch = _fill(cell.gap)
    axes.add_patch(
        Rectangle(
            (column, row), 1, 1, facecolor=colour, hatch=hatch, edgecolor=WHITE, linewidth=1.5
        )
    )
    if colour == WHITE:
        axes.add_patch(Rectangle((column, row), 1, 1, fill=False, edgecolor="#999999"))
    axes.text(
        *centre,
        f"{cell.gap}\n({cell.today}→{cell.needed})",
        ha="center",
        va="center",
        fontsize=8.5,
        fontweight="bold",
        color=INK,
        linespacing=1.1,
        bbox=NUMBER_BOX,
    )


def _legend(figure: Figure) -> None:
    handles = [
        Patch(facecolor=WHITE, edgecolor="#999999", label="0: no gap"),
        Patch(facecolor=FILLS[1][0], label="1: a gap of one level"),
        Patch(facecolor=FILLS[2][0], hatch="//", edgecolor=WHITE, label="2: two levels (hatched)"),
        Patch(facecolor=WHITE, edgecolor=GREY, linestyle=":", label="–: not rated yet"),
    ]
    figure.legend(
        handles=handles,
        loc="outside lower center",
        ncols=4,
        fontsize=7.5,
        frameon=False,
        title="In each cell: the gap, then (today → needed)",
        title_fontsize=8,
    )


def heatmap_alt_text(matrix: SkillsMatrix) -> str:
    """The matrix in words: every role's gaps, then the totals."""
    rows, columns = matrix.roles, matrix.competencies
    if not rows or not columns:
        return "Heat map of skills gaps. No role or competency is in the matrix yet."
    parts = []
    for role in rows:
        cells = []
        for column in columns:
            cell = matrix.cells.get((role.id, column.id), Cell())
            cells.append(
                f"{column.name} not rated"
                if cell.gap is None
                else f"{column.name} gap {cell.gap} (today {cell.today}, needed {cell.needed})"
            )
        parts.append(f"{role.name}: " + ", ".join(cells))
    text = (
        f"Heat map of skills gaps, {len(rows)} roles by {len(columns)} competencies. "
        + "; ".join(parts)
        + ". "
    )
    return text + " ".join(matrix.summary())
