"""Every chart's text stays readable on a phone.

A chart is a PNG that scales down with the screen (max-width 100%). On a 390 px phone the
forms leave it about 300 px (the narrowest place, inside the tabs of Ex 5 in the book; the
browser tests measure it: tests/book/test_pages_in_a_browser.py, tests/app). Its smallest text,
drawn at ``t`` pixels in a PNG ``w`` pixels wide, is shown at ``t * min(1, 300 / w)`` pixels:
that must be at least 12. Each chart is drawn here with data (several items, long names), as a
team's work makes it, not only empty as the book shows it. (The action plan's timeline,
dgtkit.charts.gantt, is drawn only into the Word document, never on a screen.)
"""

from __future__ import annotations

import struct

import pytest

from dgtkit.charts import smallest_text_px, to_png
from dgtkit.charts.benefit_risk import matrix_chart
from dgtkit.charts.classification import results_chart
from dgtkit.charts.envisioning import milestone_timeline, scenario_matrix, signal_scatter
from dgtkit.charts.evaluation import ratings_chart
from dgtkit.charts.indicators import progress_chart
from dgtkit.charts.knowledge_test import score_chart
from dgtkit.charts.radar import pillar_radar
from dgtkit.charts.roadmap import roadmap_chart
from dgtkit.charts.sequencing import order_chart
from dgtkit.charts.situation import (
    components_chart,
    distribution_chart,
    gap_chart,
    spread_chart,
    stakeholder_chart,
    trend_chart,
)
from dgtkit.charts.skills import gap_heatmap
from dgtkit.charts.structure import fit_chart
from dgtkit.instructor import sample_answers
from dgtkit.models.assessment import TeamAssessment
from dgtkit.models.classification import ServiceClassification
from dgtkit.models.peers import Benchmark
from dgtkit.models.pillar_rating import PillarRating
from dgtkit.models.stakeholders import StakeholderMap

#: The narrowest a chart is shown on a 390 px phone, in CSS pixels.
PHONE_CHART_WIDTH = 300
MIN_TEXT_PX = 12


def png_width(png: bytes) -> int:
    return struct.unpack(">I", png[16:20])[0]


def shown_text_px(figure) -> tuple[float, int]:
    """(the smallest text as a phone shows it, in px; the PNG's width)."""
    width = png_width(to_png(figure))
    return smallest_text_px(figure) * min(1, PHONE_CHART_WIDTH / width), width


def radar():
    rating = PillarRating()
    rating.name_government("The district of Deli Serdang")
    for pillar, level in zip(rating.ratings, (1, 2, 3, 4, 5, 2, None, 3), strict=False):
        rating.rate(pillar, level)
    return pillar_radar(rating)


def team():
    model = TeamAssessment()
    for name in ("Amina", "Budi", "Chen"):
        model.add_member(name)
    for i, pillar in enumerate(("leadership", "skills", "inclusion", "organization")):
        model.set_current(pillar, 1 + i % 3)
        model.set_target(pillar, 4)
        for j, name in enumerate(("Amina", "Budi", "Chen")):
            model.rate_member(name, pillar, 1 + (i + j) % 5)
    return model


def stakeholders():
    model = StakeholderMap()
    for name, power, interest in (("Ministry of Finance", 9, 4), ("Residents' associations", 3, 9),
                                  ("Telecom regulator", 7, 7), ("Local universities", 2, 3)):
        model.add(name, power, interest)
    return model


def classification():
    model = ServiceClassification()
    for example in model.catalogue.examples[:6]:
        model.choose(example.id, example.answer)
    return model


CHARTS = {
    "radar (Ex 3)": radar,
    "gaps (Ex 5)": lambda: gap_chart(team()),
    "spread (Ex 5)": lambda: spread_chart(team()),
    "trend (Ex 5)": lambda: trend_chart(Benchmark("GHA")),
    "components (Ex 5)": lambda: components_chart(Benchmark("GHA")),
    "distribution (Ex 5)": lambda: distribution_chart(Benchmark("GHA")),
    "stakeholders (Ex 5)": lambda: stakeholder_chart(stakeholders()),
    "classification (Ex 1)": lambda: results_chart(classification()),
}


def _more_charts() -> None:
    """Charts whose sample data the other chart tests already build."""
    from tests.unit.test_benefit_risk_charts import matrix
    from tests.unit.test_envisioning_charts import scan, vision
    from tests.unit.test_evaluation import filled
    from tests.unit.test_indicator_charts import indicator
    from tests.unit.test_knowledge_test import taken
    from tests.unit.test_roadmap_charts import roadmap
    from tests.unit.test_sequencing import RIGHT, placed
    from tests.unit.test_skills_charts import matrix as skills
    from tests.unit.test_structure_charts import rated

    CHARTS.update({
        "benefit-risk matrix (Ex 2)": lambda: matrix_chart(matrix("Older residents left out")),
        "signals (Ex 6)": lambda: signal_scatter(scan()),
        "scenarios (Ex 6)": lambda: scenario_matrix(scan()),
        "milestones (Ex 7)": lambda: milestone_timeline(vision()),
        "sequence (Ex 4)": lambda: order_chart(placed(list(reversed(RIGHT)))),
        "structure (Ex 8)": lambda: fit_chart(rated("federal")),
        "evaluation (7.2)": lambda: ratings_chart(filled()),
        "roadmap (Ex 10)": lambda: roadmap_chart(roadmap()),
        "skills heatmap (Ex 9)": lambda: gap_heatmap(skills()),
        "progress (Ex 11)": lambda: progress_chart(indicator()),
        "knowledge test": lambda: score_chart(taken(5, 8)),
        "local review (Ex 12)": _local_review,
    })


def _local_review():
    from dgtkit.charts.local_review import review_chart
    from dgtkit.models.local_review import LocalReview

    review = LocalReview.from_dict(sample_answers.ex12_local_review())
    review.add_target("17.8")
    return review_chart(review)


_more_charts()


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_the_smallest_text_of_every_chart_is_at_least_12_px_on_a_phone(name):
    shown, width = shown_text_px(CHARTS[name]())
    assert shown >= MIN_TEXT_PX, (
        f"{name}: its smallest text is {shown:.1f} px on a phone (a {width} px picture shown "
        f"{PHONE_CHART_WIDTH} px wide): draw it narrower or its text larger")
