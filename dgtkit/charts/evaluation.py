"""The chart of the training evaluation: the participant's rating of each reaction question as
a bar, with the rating written at its end and each question's scale ends under its name."""

from __future__ import annotations

from matplotlib.figure import Figure

from dgtkit.models.evaluation import TrainingEvaluation

BLUE, GREY = "#1f5fa6", "#555555"  # both above 4.5:1 on white


def ratings_chart(evaluation: TrainingEvaluation) -> Figure:
    """One bar per question, the first at the top; a question not rated says so."""
    form = evaluation.form
    questions = list(reversed(form.ratings))
    figure = Figure(figsize=(7.0, 0.75 * len(questions) + 1.4))
    axes = figure.add_subplot()
    for row, question in enumerate(questions):
        value = evaluation.ratings[question.id]
        if value is None:
            axes.text(form.lowest - 0.9, row, "not rated yet", va="center", fontsize=8.5,
                      color=GREY, style="italic")  # fmt: skip
            continue
        bars = axes.barh([row], [value], height=0.55, color=BLUE)
        axes.bar_label(bars, [f"{value} of {form.highest}"], padding=4, fontsize=9)
    axes.set_yticks(
        range(len(questions)),
        [f"{q.short}\n({form.lowest} = {q.low}, {form.highest} = {q.high})" for q in questions],
        fontsize=8,
    )
    axes.set_xlim(0, form.highest + 0.9)
    axes.set_ylim(-0.6, len(questions) - 0.4)
    axes.set_xticks(range(form.lowest, form.highest + 1))
    axes.set_xlabel(f"Your rating ({form.lowest} lowest, {form.highest} highest)")
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_title("How you rated the training", fontsize=11, loc="left")
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
