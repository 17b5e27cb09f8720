"""Ex 2 chart: shapes and labels (never colour alone), alt text with the data, hostile text."""

from matplotlib.figure import Figure

from dgtkit.charts import figure_html, to_png
from dgtkit.charts.benefit_risk import matrix_alt_text, matrix_chart
from dgtkit.models.benefit_risk import BenefitRiskMatrix, new_item

HOSTILE = r"<script>alert(1)</script> $\frac{ costs$"  # two dollars: mathtext if parsed


def matrix(title=HOSTILE) -> BenefitRiskMatrix:
    model = BenefitRiskMatrix(government=HOSTILE)
    model.add(new_item("benefit", "inclusion", "Permits from home", 4, 3))
    model.add(new_item("benefit", "trust", title, 4, 3))  # same cell as B1
    model.add(new_item("risk", "offline", "Older residents left out", 2, 5, "Counter", "Social"))
    model.add(new_item("risk", "silos", "Silos", 5, 5))
    return model


def texts(figure: Figure) -> list[str]:
    axes = figure.axes[0]
    return [t.get_text() for t in axes.texts] + [axes.get_title(loc="left")]


def test_benefits_are_triangles_and_risks_squares_each_with_its_mark():
    figure = matrix_chart(matrix())
    axes = figure.axes[0]
    drawn = [line for line in axes.lines if len(line.get_xdata())]
    assert [line.get_marker() for line in drawn] == ["^", "^", "s", "s"]
    assert {"B1", "B2", "R1", "R2"} <= set(texts(figure))
    legend = [t.get_text() for t in axes.get_legend().get_texts()]
    assert legend == ["Benefit (triangle, B)", "Risk (square, R)"]
    assert axes.get_xlabel().startswith("Likelihood") and axes.get_ylabel().startswith("Impact")
    assert to_png(figure).startswith(b"\x89PNG")


def test_items_with_the_same_ratings_do_not_hide_each_other():
    axes = matrix_chart(matrix()).axes[0]
    first, second = ((line.get_xdata()[0], line.get_ydata()[0]) for line in axes.lines[:2])
    assert first != second


def test_hostile_text_is_drawn_as_text_and_the_chart_still_renders():
    figure = matrix_chart(matrix())
    assert HOSTILE[:20] in figure.axes[0].get_title(loc="left")
    html = figure_html(figure, alt=matrix_alt_text(matrix()))
    assert "<script>" not in html


def test_the_alt_text_gives_every_item_with_its_ratings_and_what_it_lacks():
    alt = matrix_alt_text(matrix())
    assert "Benefits are triangles, risks are squares." in alt
    assert "B1 Permits from home (likelihood 4, impact 3)" in alt
    assert "R1 Older residents left out (likelihood 2, impact 5)." not in alt  # it has both
    assert "R1 Older residents left out (likelihood 2, impact 5);" in alt
    assert "R2 Silos (likelihood 5, impact 5), still needs a mitigation and an owner." in alt


def test_an_empty_matrix_says_so():
    model = BenefitRiskMatrix()
    assert "No benefits or risks yet" in texts(matrix_chart(model))
    assert matrix_alt_text(model).endswith("no benefits or risks yet.")
