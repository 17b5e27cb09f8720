"""The chart of the training evaluation: the participant's rating of each reaction question as
a bar, with the rating written at its end and each question's scale ends under its name."""

from __future__ import annotations

from matplotlib.figure import Figure

from dgtkit.charts import INK, SMALL, TITLE, WIDTH
from dgtkit.models.evaluation import TrainingEvaluation

BLUE, GREY = "#1f5fa6", "#555555"  # both above 4.5:1 on white


def ratings_chart(evaluation: TrainingEvaluation) -> Figure:
    """One bar per question, the first at the top; a question not rated says so."""
    form = evaluation.form
    questions = list(reversed(form.ratings))
    height = 1.15 * len(questions) + 2.0
    figure = Figure(figsize=(WIDTH, height))
    axes = figure.add_axes((0.05, 1.2 / height, 0.75, 1 - 2.0 / height))
    for row, question in enumerate(questions):
        value = evaluation.ratings[question.id]
        if value is None:
            axes.text(0.1, row - 0.05, "not rated yet", va="top", fontsize=SMALL,
                      color=GREY, style="italic")  # fmt: skip
            continue
        bars = axes.barh([row - 0.15], [value], height=0.4, color=BLUE)
        axes.bar_label(bars, [f"{value} of {form.highest}"], padding=4, fontsize=SMALL)
    # Each question above its bar (its tick label moved inside the chart): beside the bar, it
    # would leave the bar no room on a phone.
    axes.set_yticks(
        [row + 0.12 for row in range(len(questions))],
        [f"{q.short}\n({form.lowest} = {q.low}, {form.highest} = {q.high})" for q in questions],
        fontsize=SMALL, color=INK, ha="left", va="bottom",
    )
    axes.tick_params(axis="y", length=0, pad=-4)
    axes.set_xlim(0, form.highest + 0.9)
    axes.set_ylim(-0.6, len(questions) - 0.1)
    axes.set_xticks(range(form.lowest, form.highest + 1))
    axes.tick_params(labelsize=SMALL)
    axes.set_xlabel(f"Your rating ({form.lowest} lowest, {form.highest} highest)",
                    fontsize=SMALL)
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_title("How you rated the training", fontsize=TITLE, loc="left")
    return figure


def ratings_alt_text(evaluation: TrainingEvaluation) -> str:
    form = evaluation.form
    parts = [
        f"{q.short} not rated yet"
        if evaluation.ratings[q.id] is None
        else f"{q.short} {evaluation.ratings[q.id]} of {form.highest}"
        for q in form.ratings
    ]
    return (
        f"Bar chart of your ratings of the training, from {form.lowest} (lowest) to "
        f"{form.highest} (highest): " + "; ".join(parts) + "."
    )
