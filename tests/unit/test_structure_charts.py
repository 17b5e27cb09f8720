"""Ex 8 chart: a bar per structure with its value printed, patterns and words (not colour
alone) for the best fit and the team's choice, alt text with the data."""

from matplotlib.figure import Figure

from dgtkit.charts import to_png
from dgtkit.charts.structure import fit_alt_text, fit_chart
from dgtkit.models.structure import OrganizationStructure


def rated(recommendation=None) -> OrganizationStructure:
    model = OrganizationStructure()
    for factor_id, rating in {"capacity": 2, "size": 2, "diversity": 4, "leadership": 3}.items():
        model.rate(factor_id, rating)
    model.choose(recommendation)
    return model


def texts(figure: Figure) -> list[str]:
    return [t.get_text() for t in figure.axes[0].texts]


def test_each_bar_has_its_value_printed_and_its_own_pattern():
    figure = fit_chart(rated("federal"))
    axes = figure.axes[0]
    bars = axes.patches
    assert [round(b.get_height()) for b in bars] == [7, 6, 3]
    assert [b.get_hatch() for b in bars] == ["", "//", ".."]
    drawn = texts(figure)
    assert {"7 of 10", "6 of 10", "3 of 10"} <= set(drawn)
    assert "BEST FIT" in drawn and "YOUR CHOICE" in drawn
    assert [t.get_text() for t in axes.get_xticklabels()] == [
        "Centralized",
        "Federal",
        "Decentralized",
    ]
    assert bars[1].get_linewidth() > bars[0].get_linewidth()  # the choice, also by outline
    assert to_png(figure).startswith(b"\x89PNG")


def test_the_best_fit_and_the_choice_can_be_the_same_bar():
    assert "BEST FIT\nYOUR CHOICE" in texts(fit_chart(rated("centralized")))


def test_the_alt_text_gives_every_score_the_best_fit_and_the_choice():
    alt = fit_alt_text(rated("federal"))
    assert alt == (
        "Bar chart of the fit score of each structure, out of 10: Centralized 7; Federal 6; "
        "Decentralized 3. Best fit: centralized. Your choice: federal. "
        "1 of 5 factors not rated yet."
    )


def test_an_unrated_context_draws_empty_bars_and_says_so():
    model = OrganizationStructure()
    figure = fit_chart(model)
    assert "Rate your context to see the scores" in texts(figure)
    assert "no factor rated yet" in fit_alt_text(model)
    assert to_png(figure).startswith(b"\x89PNG")
