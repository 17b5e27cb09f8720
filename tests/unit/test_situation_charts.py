"""Ex 5 charts: each draws, and its alt text gives the data in words."""

from dgtkit.charts import situation as charts
from dgtkit.models.assessment import TeamAssessment
from dgtkit.models.peers import Benchmark
from dgtkit.models.stakeholders import StakeholderMap


def test_gap_chart_and_its_words():
    team = TeamAssessment()
    team.set_current("skills", 1)
    team.set_target("skills", 4)
    assert charts.gap_chart(team).axes
    alt = charts.gap_alt_text(team)
    assert "Digital skills of public servants: today 1, target 4, gap 3" in alt
    assert "7 pillars not set yet" in alt
    assert "No pillar" in charts.gap_alt_text(TeamAssessment())


def test_spread_chart_names_the_disagreements():
    team = TeamAssessment()
    for name, level in (("Ana", 1), ("Ben", 5)):
        team.add_member(name)
        team.rate_member(name, "inclusion", level)
    assert charts.spread_chart(team).axes
    assert "Digital inclusion and society (from 1 to 5)" in charts.spread_alt_text(team)


def test_benchmark_charts_describe_the_country():
    ghana = Benchmark("GHA")
    for draw, describe in (
        (charts.trend_chart, charts.trend_alt_text),
        (charts.components_chart, charts.components_alt_text),
        (charts.distribution_chart, charts.distribution_alt_text),
    ):
        assert draw(ghana).axes
        assert "Ghana" in describe(ghana)


def test_stakeholder_chart_with_hostile_names():
    stakeholders = StakeholderMap()
    stakeholders.add("$x^2$ <script>alert(1)</script>", 9, 9)
    assert charts.stakeholder_chart(stakeholders).axes
    assert "Manage closely: $x^2$ <script>" in charts.stakeholder_alt_text(stakeholders)
