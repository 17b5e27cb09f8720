"""The Ex 11 progress chart: baseline, values measured and target, each labelled; alt text."""

from datetime import date

from matplotlib.figure import Figure

from dgtkit.charts import figure_html, to_png
from dgtkit.charts.indicators import progress_alt_text, progress_chart, progress_share
from dgtkit.models.indicators import Actual, Indicator

HOSTILE = r"<script>alert(1)</script> $\frac{ costs $x^2$"


def indicator(**changes) -> Indicator:
    values = {
        "name": "Staff with a role-based skills plan",
        "unit": "Percentage",
        "baseline": 10.0,
        "baseline_date": date(2026, 6, 1),
        "target": 60.0,
        "target_date": date(2028, 6, 1),
        "actuals": (Actual(date(2026, 12, 1), 18.0), Actual(date(2027, 6, 1), 35.0)),
    }
    return Indicator(**(values | changes))


def labels(figure):
    """The chart's words, a line break being a space (the chart is drawn for a phone)."""
    return [t.get_text().replace("\n", " ") for t in figure.axes[0].texts]


def test_baseline_values_and_target_are_drawn_with_their_values():
    figure = progress_chart(indicator())
    assert isinstance(figure, Figure)
    assert labels(figure) == ["Baseline 10%", "18%", "35%", "Target 60%"]
    markers = {line.get_label(): line.get_marker() for line in figure.axes[0].lines}
    assert markers["Baseline"] == "s" and markers["Target"] == "*"  # shape, not colour alone
    assert markers["Values measured"] == "o"
    assert figure.axes[0].lines[0].get_linestyle() == "--"  # the planned path
    assert to_png(figure).startswith(b"\x89PNG")


def test_the_alt_text_gives_every_value_and_the_progress():
    alt = progress_alt_text(indicator())
    assert alt == (
        "Progress chart of 'Staff with a role-based skills plan' (Percentage). Baseline 10% on "
        "1 June 2026. Values measured: 18% on 1 December 2026; 35% on 1 June 2027. Target 60% "
        "by 1 June 2028. The latest value, 35%, covers 50% of the way from the baseline to the "
        "target."
    )
    assert progress_share(indicator(actuals=())) is None


def test_a_yes_or_no_indicator_shows_yes_and_no():
    figure = progress_chart(indicator(unit="Yes or no", baseline=0.0, target=1.0, actuals=()))
    assert labels(figure) == ["Baseline No", "Target Yes"]
    assert [t.get_text() for t in figure.axes[0].get_yticklabels()] == ["No", "Yes"]


def test_an_indicator_without_values_says_so():
    figure = progress_chart(Indicator())
    assert "No baseline, value measured or target with a date yet" in labels(figure)
    assert progress_alt_text(Indicator()) == (
        "Progress chart of 'an indicator without a name'. No baseline with a date yet. "
        "No value measured yet. No target with a date yet."
    )


def test_hostile_text_is_drawn_as_text_and_escaped_in_html():
    model = indicator(name=HOSTILE, unit=HOSTILE)
    figure = progress_chart(model)
    assert "$x^2$" in figure.axes[0].get_title()
    html = figure_html(figure, alt=progress_alt_text(model))
    assert "<script>" not in html and "&lt;script&gt;" in html
