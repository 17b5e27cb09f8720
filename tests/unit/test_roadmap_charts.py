"""The Ex 10 roadmap chart: a lane per level, labelled bars, milestone lines; alt text."""

from datetime import date

from matplotlib.figure import Figure

from dgtkit.charts import figure_html, to_png
from dgtkit.charts.roadmap import months_from_start, roadmap_alt_text, roadmap_chart
from dgtkit.models.assessment import CapacityGap
from dgtkit.models.roadmap import MarkedMilestone, Roadmap

HOSTILE = r"<script>alert(1)</script> $\frac{ costs $x^2$"
ROW = {"gap": "A gap", "public": "", "private": "", "people": ""}


def texts(figure):
    """The chart's words (its key wraps them on lines that fit a phone: a break is a space)."""
    found = [t.get_text() for t in figure.texts]
    for axes in figure.axes:
        found += [t.get_text() for t in axes.texts] + [axes.get_title()]
    return "\n".join(text.replace("\n", " ") for text in found)


def roadmap() -> Roadmap:
    model = Roadmap.from_gaps(
        [CapacityGap("skills", "Digital skills", 1, 4)],
        started=date(2026, 1, 1),
        vision_year=2028,
        milestones=[
            MarkedMilestone("a", 2026, "Team formed"),
            MarkedMilestone("b", 2027, "Broadband law"),
            MarkedMilestone("c", 2033, "Every service online"),
        ],
    )
    for level, intervention, owner, horizon in (
        ("individual", "A skills plan for every role", "HR unit", "short"),
        ("individual", "Certified trainers", "HR unit", "short"),
        ("institutional", HOSTILE, "Legal office", "medium"),
    ):
        model.save_row(None, **ROW, level=level, intervention=intervention, owner=owner,
                       horizon=horizon)  # fmt: skip
    return model


def test_every_level_has_a_lane_and_every_complete_row_a_numbered_bar():
    model = roadmap()
    figure = roadmap_chart(model)
    assert isinstance(figure, Figure)
    drawn = texts(figure)
    for name in ("Institutional", "Organizational", "Individual", "Societal"):
        assert name in drawn
    assert "2. A skills plan for every role" in drawn
    assert "3. Certified trainers" in drawn
    assert "No row yet" in drawn  # organizational and societal
    assert "Not drawn yet, still incomplete: row 1." in drawn
    bars = [p for p in figure.axes[0].patches if p.get_width() > 0]
    assert len(bars) == 3
    assert sorted(bar.get_hatch() or "" for bar in bars) == ["", "", "///"]  # not colour alone
    assert to_png(figure).startswith(b"\x89PNG")


def test_milestones_are_labelled_lines_and_the_later_ones_are_listed():
    model = roadmap()
    drawn = texts(roadmap_chart(model))
    assert "2026: Team formed" in drawn and "2027: Broadband law" in drawn
    assert "Milestones outside this chart: 2033: Every service online (later)." in drawn
    assert "Vision 2028" in drawn
    assert 11.9 < months_from_start(model, date(2026, 12, 31)) < 12
    dashed = [line for line in roadmap_chart(model).axes[0].lines if line.get_linestyle() == "--"]
    assert len(dashed) == 2


def test_the_alt_text_states_the_data():
    alt = roadmap_alt_text(roadmap())
    assert alt.startswith(
        "Roadmap chart from January 2026 to December 2028, one lane per capacity level."
    )
    assert "Individual: row 2 'A skills plan for every role' (0-12 months, owner: HR unit)" in alt
    assert "Organizational: no row yet." in alt
    assert "Milestones from Ex 7: 2026: Team formed; 2027: Broadband law; 2033: Every" in alt
    assert "Not drawn, still incomplete: row 1." in alt


def test_a_level_with_no_action_says_why():
    model = roadmap()
    model.explain_no_action("societal", "Covered by the national programme")
    assert "No action now: Covered by the national programme" in texts(roadmap_chart(model))
    assert "Societal: no action now (Covered by the national programme)." in (
        roadmap_alt_text(model)
    )


def test_hostile_text_is_drawn_as_text_and_escaped_in_html():
    model = roadmap()
    figure = roadmap_chart(model)
    assert any("$x^2$" in t.get_text() for t in figure.axes[0].texts)
    to_png(figure)  # no maths parsing error
    html = figure_html(figure, alt=roadmap_alt_text(model))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_an_empty_canvas_draws():
    model = Roadmap()
    assert to_png(roadmap_chart(model)).startswith(b"\x89PNG")
    assert "No milestones from Ex 7." in roadmap_alt_text(model)
