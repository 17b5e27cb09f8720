"""Ex 9 heat map: it draws, says every cell in words, and never relies on colour alone."""

from matplotlib.colors import to_rgb

from dgtkit.charts import to_png
from dgtkit.charts.skills import FILLS, gap_heatmap, heatmap_alt_text
from dgtkit.models.skills import SkillsMatrix


def contrast(colour: str, other: str = "#FFFFFF") -> float:
    def luminance(c):
        channels = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in to_rgb(c)]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    high, low = sorted((luminance(colour), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def matrix() -> SkillsMatrix:
    model = SkillsMatrix()
    head = model.add_role("Head of department").id
    hostile = model.add_role("$x^2$ <script>alert(1)</script>").id
    model.set_today(head, "leadership", 0)
    model.set_needed(head, "leadership", 2)
    model.set_today(hostile, "data", 1)
    model.set_needed(hostile, "data", 2)
    model.set_today(hostile, "cybersecurity", 2)
    model.set_needed(hostile, "cybersecurity", 2)
    return model


def texts(figure) -> list[str]:
    """Each cell's words and the roles' names (drawn over the columns: a phone shows three)."""
    axes = figure.axes[0]
    return [t.get_text() for t in axes.texts] + [t.get_text() for t in axes.get_xticklabels()]


def test_each_cell_prints_its_gap_and_levels_or_says_not_rated():
    figure = gap_heatmap(matrix())
    shown = texts(figure)
    assert "2\n(0→2)" in shown and "1\n(1→2)" in shown and "0\n(2→2)" in shown
    assert shown.count("–\nnot rated") == 2 * 6 - 3
    assert "$x^2$ <script>alert(1)</script>" in [t.replace("\n", "") for t in shown]
    assert all(not t.get_parse_math() for t in figure.axes[0].get_xticklabels())
    assert to_png(figure).startswith(b"\x89PNG")  # "$x^2$" is text, not maths that could fail


def test_bigger_gaps_are_hatched_and_every_fill_is_dark_enough():
    figure = gap_heatmap(matrix())
    hatches = {p.get_hatch() for p in figure.axes[0].patches if p.get_fill()}
    assert "//" in hatches
    for colour, _hatch in list(FILLS.values())[1:]:
        assert contrast(colour) >= 4.5


def test_the_alt_text_states_every_cell_and_the_summary():
    alt = heatmap_alt_text(matrix())
    assert "2 roles by 6 competencies" in alt
    assert "Head of department: Digital leadership gap 2 (today 0, needed 2)" in alt
    assert "Using and sharing data gap 1 (today 1, needed 2)" in alt
    assert "Basic cybersecurity gap 0 (today 2, needed 2)" in alt
    assert "Designing services with users not rated" in alt
    assert "2 of 12 cells have a gap; 3 levels to gain." in alt


def test_an_empty_matrix_draws_and_says_so():
    assert gap_heatmap(SkillsMatrix()).axes
    assert "No role or competency" in heatmap_alt_text(SkillsMatrix())
