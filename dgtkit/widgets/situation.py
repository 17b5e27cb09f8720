"""The Ex 5 form: five tabs a team works through in one afternoon.

1 self-assessment (each member, then the team) · 2 benchmark · 3 SWOT and PESTEL ·
4 stakeholder map · 5 the capacity-gap profile, with downloads. Every view writes into the
model, asks the exercise to save (``on_change``), and only then redraws its chart.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from html import escape

import ipywidgets as w

from dgtkit.charts import situation as charts
from dgtkit.charts import to_png
from dgtkit.course.indices import indices
from dgtkit.models.boards import Board
from dgtkit.models.pages import gap_profile_page
from dgtkit.models.peers import country_options
from dgtkit.models.situation import SituationAnalysis
from dgtkit.models.text import FieldError
from dgtkit.widgets.base import View
from dgtkit.widgets.common import message_html
from dgtkit.widgets.forms import (
    WIDE,
    chart_html,
    checklist_html,
    example_box,
    government_box,
    side_by_side,
)
from dgtkit.widgets.pages import PageDownload, page_html

NOT_SET = "Not set yet"
LABEL = {"description_width": "12em"}


def _level_options(framework) -> list[tuple[str, int]]:
    return [(NOT_SET, 0)] + [(level.label, level.value) for level in framework.maturity_levels]


def _chart(html: w.HTML, draw: Callable, describe: Callable, caption: str, model) -> None:
    html.value = chart_html(draw, describe, model, caption)


class AssessmentPart(View):
    """Each member rates the pillars; the team agrees today's level, target and evidence."""

    def __init__(self, model: SituationAnalysis, on_change: Callable[[], None], status: w.HTML):
        super().__init__(model, on_change, status)
        framework = model.assessment.framework
        options = _level_options(framework)
        self.member_name = w.Text(
            description="Member's name",
            style=LABEL,
            layout=WIDE,
            placeholder="First name is enough",
        )
        self.add_member = w.Button(description="Add member", tooltip="Add this team member")
        self.add_member.on_click(self._add_member)
        self.member = w.Dropdown(description="Ratings of", style=LABEL, options=[])
        self.member.observe(lambda _c: self._show_member(), names="value")
        self.member_message = w.HTML()
        self.own: dict[str, w.Dropdown] = {}
        self.today: dict[str, w.Dropdown] = {}
        self.target: dict[str, w.Dropdown] = {}
        self.evidence: dict[str, w.Textarea] = {}
        self.problem: dict[str, w.Text] = {}
        self.messages: dict[str, w.HTML] = {}
        own_rows, team_rows = [], []
        a = model.assessment
        for n, pillar in enumerate(framework.pillars, start=1):
            self.own[pillar.id] = w.Dropdown(
                options=options,
                description=f"Pillar {n}: own view",
                tooltip=pillar.name,
                style=LABEL,
            )
            self.own[pillar.id].observe(self._rate_member(pillar.id), names="value")
            own_rows.append(w.HBox([self.own[pillar.id], w.HTML(escape(pillar.name))]))
            self.today[pillar.id] = w.Dropdown(
                options=options,
                value=a.current[pillar.id] or 0,
                description=f"Pillar {n} today",
                style=LABEL,
            )
            self.target[pillar.id] = w.Dropdown(
                options=options,
                value=a.target[pillar.id] or 0,
                description=f"Pillar {n} target",
                style=LABEL,
            )
            self.evidence[pillar.id] = w.Textarea(
                value=a.evidence[pillar.id],
                description=f"Pillar {n} evidence",
                style=LABEL,
                layout=WIDE,
                continuous_update=False,
                placeholder="What shows this level? A fact, a document, an example.",
            )
            self.problem[pillar.id] = w.Text(
                value=a.problem[pillar.id],
                description=f"Pillar {n} problem",
                style=LABEL,
                layout=WIDE,
                continuous_update=False,
                placeholder="The problem it causes, in one sentence: who waits, loses or "
                "is left out?",
            )
            self.messages[pillar.id] = w.HTML()
            for box, apply in (
                (self.today, lambda p, v: a.set_current(p, v or None)),
                (self.target, lambda p, v: a.set_target(p, v or None)),
                (self.evidence, a.note_evidence),
                (self.problem, a.state_problem),
            ):
                box[pillar.id].observe(self._team_handler(pillar.id, apply), names="value")
            team_rows.append(
                w.VBox(
                    [
                        w.HTML(f"<b>{n}. {escape(pillar.name)}</b>"),
                        self.today[pillar.id],
                        self.target[pillar.id],
                        self.problem[pillar.id],
                        self.evidence[pillar.id],
                        self.messages[pillar.id],
                    ],
                    layout=w.Layout(margin="0 0 0.8em 0"),
                )
            )
        self.spread = w.HTML()
        self.gaps = w.HTML()
        self.widget = w.VBox(
            [
                w.HTML(
                    "<h4>Step A: each member rates on their own</h4><p>Add each member, choose "
                    "the member, then rate every pillar as you see it. Do not discuss yet. "
                    "<b>One screen for the team?</b> Each member first writes their eight "
                    "levels on paper; then one person enters them, member by member.</p>"
                ),
                w.HBox([self.member_name, self.add_member]),
                self.member_message,
                side_by_side(w.VBox([self.member, *own_rows]), self.spread),
                w.HTML(
                    "<h4>Step B: agree as a team</h4><p>Talk through the pillars where members "
                    "disagree. Then set today's level and the target for each pillar. Where "
                    "there is a gap, say the <b>problem</b> it causes in one sentence, and the "
                    "<b>evidence</b> for today's level: both travel to your vision, your "
                    "roadmap and your action plan. Today's levels and evidence start from "
                    "your Ex 3 rating.</p>"
                ),
                example_box("ex05"),
                side_by_side(w.VBox(team_rows), self.gaps),
            ]
        )
        self._refresh_members()
        self.redraw()

    def _refresh_members(self, select: str | None = None) -> None:
        names = list(self.model.assessment.members)
        self.member.options = names
        self.member.value = select if select in names else (names[0] if names else None)
        self._show_member()

    def _show_member(self) -> None:
        ratings = self.model.assessment.members.get(self.member.value)
        with self.quietly():
            for pid, dropdown in self.own.items():
                dropdown.disabled = ratings is None
                dropdown.value = (ratings or {}).get(pid) or 0

    def _add_member(self, _button=None) -> None:
        try:
            name = self.model.assessment.add_member(self.member_name.value)
        except FieldError as error:
            self.member_message.value = message_html(error.message)
            return
        self.member_message.value = ""
        self.member_name.value = ""
        self.accepted()
        self._refresh_members(select=name)

    def _rate_member(self, pillar_id):
        def handler(change) -> None:
            name = self.member.value
            if self.quiet or name is None:
                return  # the form shows the member's ratings, or there is no member yet
            self.model.assessment.rate_member(name, pillar_id, change["new"] or None)
            self.accepted(self.redraw_spread)

        return handler

    def _team_handler(self, pillar_id, apply):
        """The observer of a team field of ``pillar_id``: ``apply(pillar_id, value)``; once
        saved, its message says what the pillar still lacks."""

        def redraw() -> None:
            problem = self.model.assessment.problems().get(pillar_id, "")
            self.messages[pillar_id].value = message_html(problem)
            self.redraw_gaps()

        return self.field_handler(
            lambda value: apply(pillar_id, value), self.messages[pillar_id], redraw
        )

    def redraw(self) -> None:
        self.redraw_spread()
        self.redraw_gaps()

    def redraw_spread(self) -> None:
        caption = ("Each dot is one member's own rating, with the member's name. Wide "
                   "spreads need a conversation.")
        a = self.model.assessment
        _chart(self.spread, charts.spread_chart, charts.spread_alt_text, caption, a)

    def redraw_gaps(self) -> None:
        caption = "Circles: today's level; diamonds: the target."
        a = self.model.assessment
        _chart(self.gaps, charts.gap_chart, charts.gap_alt_text, caption, a)


class BenchmarkPart(View):
    """Choose a Member State; see its EGDI over time, against peers, and in the distribution."""

    def __init__(self, model: SituationAnalysis, on_change: Callable[[], None], status: w.HTML):
        super().__init__(model, on_change, status)
        self.government, self.government_message = government_box(  # no chart shows the name
            self, redraw=False,
            placeholder="For example: the city of ... or the ministry of ...", style=LABEL)
        self.country = w.Dropdown(
            options=[("Choose a country", "")] + country_options(),
            value=model.country,
            description="Country to benchmark",
            style=LABEL,
            layout=WIDE,
        )
        self.country.observe(self._choose, names="value")
        self.evidence = w.HTML()
        self.trend, self.components, self.distribution = w.HTML(), w.HTML(), w.HTML()
        self.widget = w.VBox(
            [
                w.HTML(
                    "<p>Choose the country of your government. The charts compare it with the "
                    "other countries of its region, sub-region and income group (UN DESA "
                    "E-Government Survey; World Bank; ITU).</p>"
                ),
                side_by_side(
                    w.VBox([w.HBox([self.government, self.government_message]), self.country,
                            self.evidence, w.HTML(indices_html())]),
                    w.VBox([self.trend, self.components, self.distribution]),
                ),
            ]
        )
        self.redraw()

    def _choose(self, change) -> None:
        self.model.choose_country(change["new"])
        self.accepted()

    def redraw(self) -> None:
        if self.model.benchmark is None:
            self.evidence.value = "<p><i>No country chosen yet.</i></p>"
            self.trend.value = self.components.value = self.distribution.value = ""
            return
        (self.evidence.value, self.trend.value, self.components.value,
         self.distribution.value) = benchmark_html(self.model.country)


@lru_cache(maxsize=16)
def benchmark_html(iso3: str) -> tuple[str, str, str, str]:
    """The evidence and the three charts of the country ``iso3``: they depend only on the
    country and the course's data, so a country drawn once is shown again at once."""
    from dgtkit.models.peers import benchmark_of

    benchmark = benchmark_of(iso3)
    items = "".join(f"<li>{escape(line)}</li>" for line in benchmark.evidence())
    name = escape(benchmark.name)
    note = "Scores are compared within each edition; the Survey's method changes over time."
    return (
        f"<p><b>What the data say about {name}:</b></p><ul>{items}</ul>",
        chart_html(charts.trend_chart, charts.trend_alt_text, benchmark, note),
        chart_html(charts.components_chart, charts.components_alt_text, benchmark,
                   "OSI: online services; TII: infrastructure; HCI: human capital; "
                   "EPI: e-participation."),
        chart_html(charts.distribution_chart, charts.distribution_alt_text, benchmark,
                   "Source: UN DESA, E-Government Survey."),
    )


class BoardPart(View):
    """A SWOT or PESTEL board: add, edit, remove and rank entries."""

    def __init__(self, model: SituationAnalysis, on_change: Callable[[], None], status: w.HTML,
                 board: Board, title: str):
        super().__init__(model, on_change, status)
        self.board, self.title = board, title
        self.category = w.Dropdown(
            options=[(label, key) for key, label in board.categories.items()],
            description="Category",
            style=LABEL,
        )
        self.text = w.Text(
            description="Entry", style=LABEL, layout=WIDE, placeholder="One short point per entry"
        )
        self.add = w.Button(description="Add entry", tooltip=f"Add the entry to the {title}")
        self.entries = w.Select(description="Entries", rows=8, style=LABEL, layout=WIDE)
        self.entries.observe(lambda _c: self._load_selected(), names="value")
        buttons = {
            "Save changes": lambda: self._edit_selected(),
            "Move up": lambda: self.board.move(self.entries.value, -1),
            "Move down": lambda: self.board.move(self.entries.value, 1),
            "Remove": lambda: self.board.remove(self.entries.value),
        }
        self.buttons = {
            label: w.Button(
                description=label,
                tooltip=f"{label}: the selected entry",
                layout=w.Layout(width="auto"),
            )
            for label in buttons
        }
        for label, action in buttons.items():
            self.buttons[label].on_click(self._on_selected(action))
        self.add.on_click(self._add)
        self.message = w.HTML()
        self.view = w.HTML()
        self.widget = w.VBox(
            [
                w.HTML(f"<h4>{escape(title)}</h4><p>Add an entry, or choose one in the list: its "
                       "text comes back into the box above to edit it, then "
                       "<b>Save changes</b>.</p>"),
                self.category,
                w.HBox([self.text, self.add]),
                self.message,
                self.entries,
                w.HBox(list(self.buttons.values())),
                self.view,
            ]
        )
        self.redraw()

    def _add(self, _button=None) -> None:
        self._apply(lambda: self.board.add(self.category.value, self.text.value), clear=True)

    def _load_selected(self) -> None:
        """The chosen entry's text and category back in the boxes, to edit it in place."""
        entry_id = self.entries.value
        if not entry_id or self.quiet:
            return
        category = self.board.category_of(entry_id)
        text = next(e.text for e in self.board.entries[category] if e.id == entry_id)
        with self.quietly():
            self.category.value = category
            self.text.value = text
        self.message.value = ""

    def _edit_selected(self) -> None:
        """Save the box's text into the chosen entry (moving it if the category changed)."""
        entry_id = self.entries.value
        old = self.board.category_of(entry_id)
        if self.category.value == old:
            self.board.edit(entry_id, self.text.value)
            return
        new = self.board.add(self.category.value, self.text.value)
        self.board.remove(entry_id)
        self._moved_to = new.id

    def _on_selected(self, action):
        def handler(_button=None) -> None:
            if not self.entries.value:
                self.message.value = message_html("Select an entry in the list first.")
                return
            self._apply(action)

        return handler

    def _apply(self, action, clear: bool = False) -> None:
        """Change the board, then keep the entry that was selected (if it is still there)."""
        selected = self.entries.value
        self._moved_to = None
        if not self.apply(action, self.message):
            return
        selected = self._moved_to or selected
        with self.quietly():
            if clear:
                self.text.value = ""
            if selected in {value for _label, value in self.entries.options}:
                self.entries.value = selected

    def redraw(self) -> None:
        board = self.board
        self.entries.options = [
            (f"{board.categories[c]} {i}: {e.text}", e.id)
            for c, entries in board.entries.items()
            for i, e in enumerate(entries, start=1)
        ]
        cells = [
            '<td style="vertical-align:top;padding:0.4em;border:1px solid #999">'
            f"<b>{escape(label)}</b><ol>"
            + "".join(f"<li>{escape(e.text)}</li>" for e in board.entries[key])
            + "</ol></td>"
            for key, label in board.categories.items()
        ]
        per_row = 2 if len(cells) == 4 else 3
        rows = "".join(
            "<tr>" + "".join(cells[i : i + per_row]) + "</tr>"
            for i in range(0, len(cells), per_row)
        )
        self.view.value = (
            '<table style="border-collapse:collapse;width:100%">'
            f"<caption>{escape(self.title)}, in rank order</caption>{rows}</table>"
        )


class StakeholderPart(View):
    """Stakeholders with power and interest on the four-quadrant grid."""

    def __init__(self, model: SituationAnalysis, on_change: Callable[[], None], status: w.HTML):
        super().__init__(model, on_change, status)
        self.name = w.Text(
            description="Stakeholder",
            style=LABEL,
            layout=WIDE,
            placeholder="For example: Ministry of Finance, city council, NGOs",
        )
        self.power = w.IntSlider(value=5, min=1, max=10, description="Power (1-10)", style=LABEL)
        self.interest = w.IntSlider(
            value=5, min=1, max=10, description="Interest (1-10)", style=LABEL
        )
        self.add = w.Button(description="Add stakeholder")
        self.add.on_click(self._add)
        self.listing = w.Select(description="On the map", rows=6, style=LABEL, layout=WIDE)
        self.listing.observe(lambda _c: self._load_selected(), names="value")
        self.update = w.Button(
            description="Save changes to the selected one", layout=w.Layout(width="auto")
        )
        self.update.on_click(self._update)
        self.remove = w.Button(description="Remove the selected one", layout=w.Layout(width="auto"))
        self.remove.on_click(self._remove)
        self.message = w.HTML()
        self.chart = w.HTML()
        self.table = w.HTML()
        self.widget = w.VBox(
            [
                w.HTML("<p>Add each stakeholder with its power and interest. To change one, "
                       "choose it in the list: its name and scores come back into the form; "
                       "change them, then <b>Save changes to the selected one</b>.</p>"),
                side_by_side(
                    w.VBox([self.name, self.power, self.interest,
                            w.HBox([self.add, self.message]), self.listing,
                            w.HBox([self.update, self.remove])]),
                    self.chart,
                ),
                self.table,
            ]
        )
        self.redraw()

    def _load_selected(self) -> None:
        chosen = next((s for s in self.model.stakeholders.stakeholders
                       if s.id == self.listing.value), None)
        if chosen is None or self.quiet:
            return
        with self.quietly():
            self.name.value = chosen.name
            self.power.value = chosen.power
            self.interest.value = chosen.interest

    def _add(self, _button=None) -> None:
        def add():
            self.model.stakeholders.add(self.name.value, self.power.value, self.interest.value)
            self.name.value = ""

        self.apply(add, self.message)

    def _selected(self) -> str:
        if not self.listing.value:
            raise FieldError("name", "Select a stakeholder in the list first.")
        return self.listing.value

    def _update(self, _button=None) -> None:
        self.apply(
            lambda: self.model.stakeholders.update(
                self._selected(), self.power.value, self.interest.value, self.name.value
            ),
            self.message,
        )

    def _remove(self, _button=None) -> None:
        self.apply(lambda: self.model.stakeholders.remove(self._selected()), self.message)

    def redraw(self) -> None:
        people = self.model.stakeholders.stakeholders
        self.listing.options = [
            (f"{n}. {s.name} ({s.quadrant})", s.id) for n, s in enumerate(people, start=1)
        ]
        _chart(
            self.chart,
            charts.stakeholder_chart,
            charts.stakeholder_alt_text,
            "Numbers match the list above.",
            self.model.stakeholders,
        )
        rows = "".join(
            f"<tr><td>{escape(s.name)}</td><td>{s.power}</td><td>{s.interest}</td>"
            f"<td>{escape(s.quadrant)}</td><td>{escape(s.strategy)}</td></tr>"
            for s in people
        )
        self.table.value = (
            (
                '<table class="dgt-stakeholders"><caption>Stakeholders and how to work with them'
                '</caption><thead><tr><th scope="col">Stakeholder</th><th scope="col">Power</th>'
                '<th scope="col">Interest</th><th scope="col">Quadrant</th>'
                f'<th scope="col">Strategy</th></tr></thead><tbody>{rows}</tbody></table>'
            )
            if people
            else "<p><i>No stakeholders yet.</i></p>"
        )


class ProfilePart(View):
    """The one-page capacity-gap profile: the gaps with their problem and evidence, the
    benchmark, the SWOT and the stakeholders, the gap chart; downloaded as a Word page (one
    A4 page, to print) or the chart as a picture, in one click each."""

    def __init__(self, model: SituationAnalysis, on_change: Callable[[], None], status: w.HTML):
        super().__init__(model, on_change, status)
        self.view = w.HTML()
        self.word = PageDownload(self._page, "capacity-gap-profile")
        self.picture = w.Button(description="Download the gap chart (picture)",
                                layout=w.Layout(width="auto"))
        self.picture.on_click(lambda _b: self._send_picture())
        self.downloads = w.VBox([w.HBox([self.word.button, self.picture]),
                                 self.word.download.widget])
        self.widget = w.VBox([self.view, self.downloads])
        self.redraw()

    def _page(self):
        profile = self.model.gap_profile()
        page = gap_profile_page(profile.gaps, self._situation(profile), profile.government)
        return page, to_png(charts.gap_chart(self.model.assessment))

    def _situation(self, profile):
        from types import SimpleNamespace

        return SimpleNamespace(findings=profile.evidence, swot=self.model.swot,
                               stakeholders=self.model.stakeholders)

    def _send_picture(self) -> None:
        data = to_png(charts.gap_chart(self.model.assessment))
        self.word.download.send("capacity-gaps.png", "image/png", data, "picture")

    def redraw(self) -> None:
        profile = self.model.gap_profile()
        missing = ""
        if profile.missing:
            todo = "Not finished: set today and the target for " + ", ".join(profile.missing)
            missing = f"<p>{message_html(todo + '.')}</p>"
        page = gap_profile_page(profile.gaps, self._situation(profile), profile.government)
        if not profile.evidence:
            missing += "<p><i>Choose a country in part 2 to add the benchmark.</i></p>"
        checks = checklist_html("Checklist for the profile's priorities",
                                self.model.priority_checks())
        self.view.value = missing + checks + page_html(page)


class SituationAnalysisView(View):
    """The five parts as tabs, sharing one status line; the profile redraws whenever it is
    opened."""

    TITLES = (
        "1 Self-assessment",
        "2 Benchmark",
        "3 SWOT and PESTEL",
        "4 Stakeholders",
        "5 Gap profile",
    )

    def __init__(self, model: SituationAnalysis, on_change: Callable[[], None]):
        super().__init__(model, on_change)
        status = self.status
        self.assessment = AssessmentPart(model, on_change, status)
        self.benchmark = BenchmarkPart(model, on_change, status)
        self.swot = BoardPart(model, on_change, status, model.swot, "SWOT analysis")
        self.pestel = BoardPart(model, on_change, status, model.pestel, "PESTEL analysis")
        self.stakeholders = StakeholderPart(model, on_change, status)
        self.profile = ProfilePart(model, on_change, status)
        self.parts = (self.assessment, self.benchmark, self.swot, self.pestel,
                      self.stakeholders, self.profile)
        boards = w.VBox([self.swot.widget, self.pestel.widget])
        self.tabs = w.Tab(
            children=[
                self.assessment.widget,
                self.benchmark.widget,
                boards,
                self.stakeholders.widget,
                self.profile.widget,
            ],
            titles=self.TITLES,
        )
        self.tabs.observe(lambda c: c["new"] == 4 and self.profile.redraw(), names="selected_index")
        self.widget = w.VBox([w.HTML("<h3>Situation-analysis lab</h3>"), self.tabs, self.status])

    def redraw(self) -> None:
        for part in self.parts:
            part.redraw()


def indices_html() -> str:
    """Each index of the benchmark in one sentence, with the pillar it adds evidence to."""
    from dgtkit.course.frameworks import frameworks

    names = {p.id: p.name for p in frameworks().pillars}
    rows = "".join(
        f"<tr><th scope='row'>{escape(i.short)}</th><td>{escape(i.name)}: {escape(i.what)}"
        f"</td><td>{escape('; '.join(names[p] for p in i.pillars))}. {escape(i.link)}</td></tr>"
        for i in indices().items
    )
    return (
        f"<p><b>What the indices measure.</b> {escape(indices().scope)}</p>"
        '<table class="dgt-indices" style="border-collapse:collapse"><caption>The indices '
        "and the pillar each speaks to</caption><thead><tr><th scope='col'>Index</th>"
        "<th scope='col'>What it measures</th><th scope='col'>Pillar it adds evidence to"
        f"</th></tr></thead><tbody>{rows}</tbody></table>"
    )
