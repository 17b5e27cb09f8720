"""The Ex 12 dashboard: the local SDG review on one page, a row per target and three questions
(tracked? data yet? served by an action?), with its alt text.

Colour is never the only signal: each answer is a word (Yes or No) beside a mark (a filled
circle for yes, a cross for no); a target whose own deadline has passed says so by its id.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from dgtkit.charts import BLUE, GREY, INK, RED, SMALL, TITLE, WIDTH, wrap
from dgtkit.course.sdg_list import sdg_list
from dgtkit.models.checks import this_year
from dgtkit.models.local_review import LocalReview

TEXT = {"parse_math": False}
COLUMNS = ("Tracked", "Data yet", "Action")


def _answers(review: LocalReview, action_ids: set[str] | None) -> list[tuple[str, tuple]]:
    board = review.dashboard(action_ids)
    year = this_year()
    rows = []
    for item in review.targets:
        target = sdg_list().target(item.target)
        label = item.target + (f" (due {target.deadline})" if target.passed(year) else "")
        rows.append((label, (item.target in board.tracked, item.target not in board.no_data,
                             item.target not in board.unserved)))
    return rows


def review_chart(review: LocalReview, action_ids: set[str] | None = None) -> Figure:
    """One row per target, a column per question, each cell 'Yes' or 'No' with its mark."""
    rows = _answers(review, action_ids)
    height = 2.2 + 0.45 * max(len(rows), 1)
    figure = Figure(figsize=(WIDTH, height))
    axes = figure.add_axes((0.38, 0.04, 0.6, 1 - 1.5 / height))
    figure.text(0.02, 1 - 0.35 / height, f"Local SDG review: {len(rows)} "
                f"target{'s' * (len(rows) != 1)}", fontsize=TITLE, ha="left", va="top", **TEXT)
    axes.set_xlim(-0.6, len(COLUMNS) - 0.4)
    axes.set_ylim(len(rows) - 0.5 if rows else 0.5, -0.5)
    axes.set_xticks(range(len(COLUMNS)), COLUMNS, fontsize=SMALL)
    axes.xaxis.tick_top()
    axes.set_yticks(range(len(rows)), [label for label, _ in rows], fontsize=SMALL)
    for side in ("right", "bottom", "left", "top"):
        axes.spines[side].set_visible(False)
    axes.tick_params(length=0)
    if not rows:
        axes.set_yticks([])
        axes.text(1, 0, wrap("No target chosen yet", 28), ha="center", va="center",
                  fontsize=SMALL, color=GREY)
        return figure
    for y, (_label, answers) in enumerate(rows):
        for x, yes in enumerate(answers):
            axes.plot([x - 0.28], [y], marker="o" if yes else "x", markersize=9,
                      color=BLUE if yes else RED, markeredgewidth=2.2, linestyle="none")
            axes.text(x - 0.12, y, "Yes" if yes else "No", va="center", ha="left",
                      fontsize=SMALL, color=INK)
    return figure


def review_alt_text(review: LocalReview, action_ids: set[str] | None = None) -> str:
    """The dashboard in words: how many targets, and which are tracked, lack data or have no
    action."""
    board = review.dashboard(action_ids)
    if not review.targets:
        return "Local SDG review: no target chosen yet."

    def ids(found: tuple[str, ...]) -> str:
        return ", ".join(found) if found else "none"

    parts = [f"Local SDG review of {len(review.targets)} targets: "
             f"{', '.join(t.target for t in review.targets)}.",
             f"Tracked: {ids(board.tracked)}.", f"No data yet: {ids(board.no_data)}.",
             f"Served by no action: {ids(board.unserved)}."]
    if board.passed:
        parts.append(f"Deadline already passed: {ids(board.passed)}.")
    return " ".join(parts)
