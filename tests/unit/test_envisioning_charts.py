"""Module 4 charts: pure functions of the model, with alt text that gives the data in words."""

from matplotlib.figure import Figure

from dgtkit.charts import figure_html, to_png
from dgtkit.charts.envisioning import (
    matrix_alt_text,
    milestone_timeline,
    scatter_alt_text,
    scenario_matrix,
    signal_scatter,
    timeline_alt_text,
)
from dgtkit.models.scenarios import ScenarioSet, new_signal
from dgtkit.models.vision import Vision, new_milestone

# An even count of "$": if parsed as maths, "$\frac{1$" would fail to draw.
HOSTILE = r"<script>alert(1)</script> costs $x^2$ and $\frac{1$"


def texts(figure):
    found = [t.get_text() for t in figure.texts]
    for axes in figure.axes:
        found += [t.get_text() for t in axes.texts] + [axes.get_title()]
    return "\n".join(found)


def scan():
    model = ScenarioSet(current_year=2026)
    for title, impact, uncertainty in (
        ("Trust online", 5, 5),
        ("AI in services", 4, 4),
        ("Ageing staff", 2, 1),
        (HOSTILE, 4, 5),
    ):
        model.add_signal(new_signal(title, "", impact, uncertainty))
    return model


def test_scatter_numbers_every_signal_and_marks_the_critical_ones():
    model = scan()
    figure = signal_scatter(model)
    assert isinstance(figure, Figure)
    drawn = texts(figure)
    for number in "1234":
        assert number in [t.get_text() for t in figure.axes[0].texts]
    assert "1  Trust online (critical)" in drawn
    assert "3  Ageing staff\n" in drawn + "\n"  # no "(critical)" after a low signal
    assert "CRITICAL: high impact" in drawn
    markers = [line.get_marker() for line in figure.axes[0].lines]
    assert markers.count("D") == 3 and markers.count("o") == 1  # shape, not colour alone
    assert to_png(figure).startswith(b"\x89PNG")


def test_scatter_alt_text_gives_every_signal_and_its_ratings():
    alt = scatter_alt_text(scan())
    assert alt.startswith("Scatter chart of 4 signals")
    assert "1 Trust online (impact 5, uncertainty 5)" in alt
    assert "Other signals: 3 Ageing staff (impact 2, uncertainty 1)." in alt
    assert alt.index("Trust online") < alt.index("Other signals")
    assert "no signals yet" in scatter_alt_text(ScenarioSet())


def test_signals_with_the_same_ratings_do_not_hide_each_other():
    model = ScenarioSet()
    for title in ("A", "B", "C"):
        model.add_signal(new_signal(title, "", 3, 3))
    points = {
        (line.get_xdata()[0], line.get_ydata()[0])
        for line in signal_scatter(model).axes[0].lines
        if line.get_marker() == "o"
    }
    assert len(points) == 3


def test_matrix_shows_the_axes_their_ends_and_the_four_names():
    model = scan()
    model.choose_axis(0, model.signals[0].id)
    model.choose_axis(1, model.signals[1].id)
    model.name_axis_end(0, "low", "low trust")
    model.name_axis_end(0, "high", "high trust")
    model.name_scenario("high_high", "Smart and trusted")
    model.name_scenario("low_low", HOSTILE)
    figure = scenario_matrix(model)
    drawn = texts(figure)
    assert "low trust" in drawn and "high trust" in drawn
    assert "Axis 1: Trust online" in drawn and "Axis 2: AI in services" in drawn
    assert "Smart and trusted" in drawn and drawn.count("(future not\nnamed yet)") == 2
    assert "Four futures for 2035" in drawn
    assert to_png(figure).startswith(b"\x89PNG")  # the "$" in a name is text, not maths


def test_matrix_alt_text_names_the_axes_ends_and_futures():
    model = scan()
    model.choose_axis(0, model.signals[0].id)
    model.name_axis_end(0, "high", "high trust")
    model.name_scenario("high_low", "Trusted but slow")
    alt = matrix_alt_text(model)
    assert alt.startswith("Scenario matrix: four futures for 2035.")
    assert "Axis 1 (across): Trust online, from 'low' to 'high trust'." in alt
    assert "Axis 2 (up): not chosen yet" in alt
    assert "Bottom right (high trust and axis 2 low): Trusted but slow." in alt
    assert "Top left (axis 1 low and axis 2 high): not named yet." in alt
    assert alt.count("not named yet") == 3


def vision():
    model = Vision(current_year=2026)
    model.write_statement("By 2035, every resident is served online.")
    for year, title in ((2027, "Broadband law"), (2030, HOSTILE), (2030, "Skills plan")):
        model.add_milestone(new_milestone(year, title, "True."))
    return model


def test_timeline_labels_today_the_vision_and_each_milestone():
    figure = milestone_timeline(vision())
    drawn = texts(figure)
    assert "Today\n2026" in drawn and "Vision\n2035" in drawn
    assert "2027: Broadband law" in drawn and "2030: Skills plan" in drawn
    assert "From today to the vision in 2035" in drawn
    assert to_png(figure).startswith(b"\x89PNG")


def test_timeline_marks_a_milestone_outside_the_timeline():
    model = vision()
    model.write_statement("By 2029, every resident is served online.")
    assert "(outside the timeline)" in texts(milestone_timeline(model))


def test_timeline_alt_text_lists_the_milestones_in_order():
    alt = timeline_alt_text(vision())
    assert alt.startswith("Timeline from today (2026) to the vision in 2035, with 3 milestones:")
    assert alt.index("2027: Broadband law") < alt.index("2030: Skills plan")
    empty = timeline_alt_text(Vision(current_year=2026))
    assert (
        empty == "Timeline from today (2026); the vision has no year yet, with no milestones yet."
    )


def test_empty_models_draw_and_say_so():
    assert "No signals yet" in texts(signal_scatter(ScenarioSet()))
    assert "No milestones yet" in texts(milestone_timeline(Vision()))
    assert to_png(scenario_matrix(ScenarioSet())).startswith(b"\x89PNG")


def test_hostile_text_is_escaped_in_the_figure_html():
    model = scan()
    html = figure_html(signal_scatter(model), alt=scatter_alt_text(model), caption=HOSTILE)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
