"""Charts are pure functions of the model, with alt text that says what they show."""

from dgtkit.charts import figure_html, to_png
from dgtkit.charts.radar import pillar_radar, radar_alt_text
from dgtkit.models.pillar_rating import PillarRating


def test_radar_draws_one_spoke_per_pillar_and_marks_unrated_ones():
    rating = PillarRating()
    rating.rate("leadership", 4)
    figure = pillar_radar(rating)
    labels = [t.get_text() for t in figure.axes[0].get_xticklabels()]
    assert len(labels) == 8
    assert "(not rated)" not in labels[0]
    assert all("(not rated)" in label for label in labels[1:])
    assert to_png(figure).startswith(b"\x89PNG")


def test_radar_changes_when_the_rating_changes():
    rating = PillarRating()
    before = to_png(pillar_radar(rating))
    rating.rate("skills", 5)
    assert to_png(pillar_radar(rating)) != before


def test_alt_text_gives_every_value():
    rating = PillarRating()
    rating.rate("skills", 2)
    rating.name_government("Lao PDR")
    alt = radar_alt_text(rating)
    assert "Digital skills of public servants: 2 of 5" in alt
    assert "Digital leadership and vision: not rated" in alt
    assert "Lao PDR" in alt


def test_figure_html_escapes_alt_and_caption():
    html = figure_html(pillar_radar(PillarRating()), alt='"><script>x</script>', caption="<b>")
    assert "<script>" not in html
    assert 'alt="&quot;&gt;&lt;script&gt;' in html
    assert "<figcaption" in html and "&lt;b&gt;" in html


def test_rated_neighbours_are_joined_and_an_unrated_pillar_leaves_a_gap():
    rating = PillarRating()
    for pillar_id in rating.ratings:
        rating.rate(pillar_id, 3)
    segments = [line for line in pillar_radar(rating).axes[0].lines if len(line.get_xdata()) == 2]
    assert len(segments) == 8  # a closed polygon, the last pillar joined to the first
    rating.rate("skills", None)
    segments = [line for line in pillar_radar(rating).axes[0].lines if len(line.get_xdata()) == 2]
    assert len(segments) == 6  # the two segments touching "skills" are gone


def test_dollar_signs_in_a_name_are_text_not_maths():
    rating = PillarRating()
    rating.name_government(r"Budget $\frac{ city$ and $x^2$")
    figure = pillar_radar(rating)
    assert to_png(figure).startswith(b"\x89PNG")
    assert "$x^2$" in figure.axes[0].get_title()
