"""'Your week so far': every exercise's result on one page, in the order of the week, for the
gallery walk and for Day 5; downloaded as one Word document (each result on a page of its
own) to print. A view of ``dgtkit.models.pages.WeekPages``; ``read()`` reads the workbook
again (the exercise passes it in)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.charts import figure_html, to_png
from dgtkit.models.pages import WeekPages
from dgtkit.widgets.common import message_html
from dgtkit.widgets.download import Download
from dgtkit.widgets.pages import WORD_MIME, page_html


def _charts(week) -> dict[str, object]:
    """The figures that go with the pages: the Ex 3 radar, the Ex 5 gaps and the Ex 12
    dashboard."""
    from dgtkit.charts.local_review import review_chart
    from dgtkit.charts.radar import pillar_radar
    from dgtkit.charts.situation import gap_chart
    from dgtkit.models.assessment import TeamAssessment

    figures = {}
    if week.ex03 is not None and any(week.ex03.ratings.values()):
        figures["ex03"] = pillar_radar(week.ex03)
    if week.gaps:
        team = TeamAssessment()
        for gap in week.gaps:
            team.set_current(gap.pillar, gap.current)
            team.set_target(gap.pillar, gap.target)
        figures["ex05"] = gap_chart(team)
    if week.ex12 is not None and week.ex12.targets:
        figures["ex12"] = review_chart(week.ex12, {str(i.id) for i in week.roadmap.interventions()}
                                       if week.roadmap else None)
    return figures


class WeekView:
    """Shows the week; ``read()`` returns (the week as read by handoff, its pages)."""

    def __init__(self, read: Callable[[], tuple[object, WeekPages]], problem: str = ""):
        self._read = read
        self.heading = w.HTML()
        self.pages = w.HTML()
        self.refresh = w.Button(description="Read my workbook again",
                                layout=w.Layout(width="auto"),
                                tooltip="Show what you saved since this page opened")
        self.refresh.on_click(lambda _b: self.redraw())
        self.word = w.Button(description="Download the week as a Word document",
                             button_style="primary", layout=w.Layout(width="auto"),
                             tooltip="Each exercise on a page of its own, to print")
        self.word.on_click(lambda _b: self._send())
        self.download = Download()
        self.message = w.HTML(message_html(problem))
        self.widget = w.VBox([
            self.heading,
            w.HBox([self.word, self.refresh]), self.download.widget, self.message,
            self.pages,
        ])
        self.redraw()

    def redraw(self) -> None:
        self.week, self.result = self._read()
        done = self.result.done
        who = self.result.government or "your government"
        self.heading.value = (
            f"<h3>Your week so far: {escape(who)}</h3><p>{len(done)} of "
            f"{len(self.result.pages)} exercises have results. Each one below is what your "
            "team saved; change it in its exercise, then read the workbook again.</p>")
        figures = _charts(self.week)
        parts = []
        for page in self.result.pages:
            chart = ""
            if page.exercise in figures:
                chart = figure_html(figures[page.exercise], alt=f"Chart of {page.title}")
            parts.append(page_html(page, chart))
        self.pages.value = '<div class="dgt-week">' + "".join(parts) + "</div>"

    def _send(self) -> None:
        from dgtkit.planfile.pages import pages_docx

        self.week, self.result = self._read()
        charts = {k: to_png(f) for k, f in _charts(self.week).items()}
        title = f"Our week: {self.result.government or 'our government'}"
        data = pages_docx(self.result.pages, title, charts,
                          about="The results of the workshop's exercises, one per page.")
        self.download.send("our-week.docx", WORD_MIME, data, "Word document")
