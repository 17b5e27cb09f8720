"""The chart of Ex 9: a heat map of skills gaps, competencies by roles, with the gap written in
each cell. Colour is never the only signal: the number is printed, bigger gaps are hatched,
and an unrated cell says "not rated"."""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from dgtkit.charts import SMALL, TITLE, WIDTH, wrap
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


ROLES_PER_PANEL = 3  # columns of a panel: as many as fit a phone with their words
CELL_W, CELL_H, NAMES_W = 0.95, 0.72, 1.5  # inches
LINE = 0.25  # inches: a line of SMALL text


def gap_heatmap(matrix: SkillsMatrix) -> Figure:
    """Competencies (rows) by roles (columns), at most three roles to a panel so that a phone
    shows every cell's words; each cell shows its gap and both levels."""
    rows, columns = matrix.roles, matrix.competencies
    if not rows or not columns:
        figure = Figure(figsize=(WIDTH, 1.2))
        axes = figure.add_subplot()
        axes.set_axis_off()
        axes.text(0.5, 0.5, wrap("Add roles and competencies to see the matrix.", 36),
                  ha="center", va="center", fontsize=SMALL)
        return figure
    panels = [rows[i:i + ROLES_PER_PANEL] for i in range(0, len(rows), ROLES_PER_PANEL)]
    names = {role.id: _wrap(role.name, 11, 4) for role in rows}
    header = LINE * max(name.count("\n") + 1 for name in names.values()) + 0.2
    panel_h = CELL_H * len(columns) + header  # the roles' names above the cells
    title_h, legend_h = 0.75, 2.3
    height = title_h + panel_h * len(panels) + 0.2 * (len(panels) - 1) + legend_h
    figure = Figure(figsize=(WIDTH, height))
    top = height - title_h
    for roles in panels:
        bottom = top - panel_h
        axes = figure.add_axes((NAMES_W / WIDTH, bottom / height,
                                CELL_W * len(roles) / WIDTH, CELL_H * len(columns) / height))
        for c, role in enumerate(roles):
            for r, competency in enumerate(columns):
                _draw_cell(axes, r, c, matrix.cells.get((role.id, competency.id), Cell()))
        axes.set_xlim(0, len(roles))
        axes.set_ylim(len(columns), 0)
        axes.xaxis.tick_top()
        axes.set_xticks([c + 0.5 for c in range(len(roles))],
                        [names[role.id] for role in roles], fontsize=SMALL, **TEXT)
        axes.set_yticks([r + 0.5 for r in range(len(columns))],
                        [_wrap(column.name, 15, 3) for column in columns], fontsize=SMALL, **TEXT)
        axes.tick_params(length=0)
        axes.spines[:].set_visible(False)
        top = bottom - 0.2
    figure.text(0.02, 1 - 0.08 / height, wrap("Skills gaps: the level needed minus today's level",
                                              38), fontsize=TITLE, va="top")
    _legend(figure, legend_h / height)
    return figure


def _draw_cell(axes, row: int, column: int, cell: Cell) -> None:
    centre = (column + 0.5, row + 0.5)
    if cell.gap is None:
        axes.add_patch(
            Rectangle((column, row), 1, 1, facecolor=WHITE, edgecolor=GREY, linestyle=":")
        )
        axes.text(*centre, "–\nnot rated", ha="center", va="center", fontsize=SMALL, color=GREY)
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
        fontsize=SMALL,
        fontweight="bold",
        color=INK,
        linespacing=1.1,
        bbox=NUMBER_BOX,
    )


def _legend(figure: Figure, height: float) -> None:
    handles = [
        Patch(facecolor=WHITE, edgecolor="#999999", label="0: no gap"),
        Patch(facecolor=FILLS[1][0], label="1: a gap of one level"),
        Patch(facecolor=FILLS[2][0], hatch="//", edgecolor=WHITE, label="2: two levels (hatched)"),
        Patch(facecolor=WHITE, edgecolor=GREY, linestyle=":", label="–: not rated yet"),
    ]
    figure.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.0, height),
        ncols=1,
        fontsize=SMALL,
        frameon=False,
        title=wrap("In each cell: the gap, then (today → needed)", 36),
        title_fontsize=SMALL,
        alignment="left",
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
