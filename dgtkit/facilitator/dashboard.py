"""The room's dashboard (``make dashboard``, notebooks/dashboard.ipynb): the teams' work as
they save it, for the facilitator only.

It opens for the facilitator's code (``make codes`` issues it,
``dgtkit.store.team_codes.facilitator_code_path``) or, on a JupyterHub, for a user of the
instructors' group; anyone else gets a plain refusal and no part of the room's work is ever
sent to their page (the dashboard's widgets are made only once it has opened). It reads
(``dgtkit.facilitator.room``), never writes, and looks for new work every few seconds.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from html import escape
from pathlib import Path

import ipywidgets as w

from dgtkit.facilitator.room import Room, code_opens, hub_instructor, read_room, signature
from dgtkit.models import dates
from dgtkit.models.assessment import BIGGEST_GAPS
from dgtkit.models.knowledge_test import module_label
from dgtkit.store.team_codes import CodesError, facilitator_code_path, read_facilitator_code
from dgtkit.widgets.base import View
from dgtkit.widgets.common import message_html

log = logging.getLogger(__name__)
POLL_SECONDS = 3.0
STYLE = ("<style>table.dgt-room{border-collapse:collapse;margin:0.4em 0 1em}"
         "table.dgt-room caption{text-align:left;font-weight:600;padding:0.2em 0}"
         "table.dgt-room th,table.dgt-room td{border:1px solid #6b7785;padding:0.25em 0.5em;"
         "text-align:left;vertical-align:top}table.dgt-room thead th{background:#e7eef7}"
         "</style>")
REFUSED = ("This page is for the workshop's facilitator only. It shows nothing to "
           "participants: to work on your team's plan, open the action-plan app with your "
           "team code.")


def table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]],
          row_headers: bool = True) -> str:
    """An accessible HTML table; every text is escaped (teams type what they like)."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = ""
    for row in rows:
        cells = [f'<th scope="row">{escape(row[0])}</th>' if row_headers and i == 0
                 else f"<td>{escape(str(cell))}</td>" for i, cell in enumerate(row)]
        body += "<tr>" + "".join(cells) + "</tr>"
    return (f'<table class="dgt-room"><caption>{escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def section(title: str, html: str) -> str:
    return f'<section><h2>{escape(title)}</h2>{html}</section>'


def none_yet(text: str) -> str:
    return f"<p><i>{escape(text)}</i></p>"


class DashboardView(View):
    """The room as read (``model``, a ``Room``), drawn as tables and one heat map."""

    def __init__(self, model: Room):
        super().__init__(model, on_change=lambda: None)
        self.parts = {name: w.HTML() for name in
                      ("progress", "ratings", "gaps", "visions", "plans", "gain", "evaluation")}
        self.heading = w.HTML()
        self.widget = w.VBox([self.heading, self.status, *self.parts.values()],
                             layout=w.Layout(width="100%"))
        self.redraw()

    def redraw(self) -> None:
        room = self.model
        teams = room.teams
        self.heading.value = (
            STYLE + "<h1>The room's work</h1>"
            f'<p role="status" id="dgt-room-read">{len(teams)} team'
            f"{'' if len(teams) == 1 else 's'}, read at {escape(dates.moment(room.read_at))}. "
            "The page updates itself as teams save.</p>"
            + "".join(message_html(p) for p in room.problems))
        self.parts["progress"].value = self._progress()
        self.parts["ratings"].value = self._ratings()
        self.parts["gaps"].value = self._gaps()
        self.parts["visions"].value = self._visions()
        self.parts["plans"].value = self._plans()
        self.parts["gain"].value = self._gain()
        self.parts["evaluation"].value = self._evaluation()

    def _progress(self) -> str:
        room = self.model
        if not room.teams:
            return section("Exercises done", none_yet(
                "No team has saved any work yet. Teams appear here as soon as they save."))
        headers = ["Team", *[c.label for c in room.columns]]
        rows = [[t.name, *["✓ done" if c.key in t.done else "– not yet" for c in room.columns]]
                for t in room.teams]
        key = "; ".join(f"{c.label}: {c.title}" for c in room.columns)
        return section("Exercises done", table("Which team has done which exercise", headers,
                                               rows) + f"<p><small>{escape(key)}</small></p>")

    def _ratings(self) -> str:
        from dgtkit.charts import figure_html
        from dgtkit.charts.room import ratings_heatmap, ratings_heatmap_alt_text

        rated = [(t.name, t.ratings) for t in self.model.teams if t.ratings]
        if not rated:
            return section("Pillar ratings (Ex 3)", none_yet("No team has rated the pillars."))
        alt = ratings_heatmap_alt_text(rated)
        return section("Pillar ratings (Ex 3)", figure_html(ratings_heatmap(rated), alt))

    def _gaps(self) -> str:
        rows = [[t.name, f"{g.name}: {g.current} → {g.target} (gap {g.gap})",
                 g.problem or "–"] for t in self.model.teams for g in t.gaps[:BIGGEST_GAPS]]
        if not rows:
            return section("Biggest gaps (Ex 5)", none_yet("No team has a gap profile yet."))
        return section("Biggest gaps (Ex 5)", table(
            f"Each team's {BIGGEST_GAPS} biggest capacity gaps, today → wanted",
            ["Team", "Pillar: today → wanted", "Problem"], rows))

    def _visions(self) -> str:
        rows = [[t.name, str(t.vision_year or "–"), t.vision]
                for t in self.model.teams if t.vision]
        if not rows:
            return section("Visions (Ex 7)", none_yet("No team has written its vision."))
        return section("Visions (Ex 7)", table("Each team's vision", ["Team", "Year", "Vision"],
                                               rows))

    def _plans(self) -> str:
        rows = []
        for team in self.model.teams:
            if team.plan is None:
                continue
            lacking = team.plan_missing
            shown = "; ".join(lacking[:4]) + (f" (and {len(lacking) - 4} more)"
                                              if len(lacking) > 4 else "")
            rows.append([team.name, team.plan_summary, shown or "Nothing"])
        if not rows:
            return section("Action plans", none_yet("No team has started its action plan."))
        return section("Action plans", table("The state of each team's action plan",
                                             ["Team", "Actions", "Still missing"], rows))

    def _gain(self) -> str:
        gain = self.model.gain()
        if not gain.participants:
            note = (f"No team has taken both the pre-test and the post-test yet "
                    f"({gain.incomplete} took one).")
            return section("Learning gain (knowledge test)", none_yet(note))

        def pct(value: float | None) -> str:
            return "–" if value is None else f"{value:.0f}%"

        def points(value: float | None) -> str:
            return "–" if value is None else f"{value:+.0f} points"

        rows = [[module_label(m.module), pct(m.pre_percent), pct(m.post_percent), points(m.gain)]
                for m in gain.modules]
        rows.append(["Whole test", pct(gain.whole.pre_percent), pct(gain.whole.post_percent),
                     points(gain.whole.gain)])
        return section("Learning gain (knowledge test)", table(
            f"Right answers before and after, over {gain.participants} team(s) that took both",
            ["Module", "Day 1", "Day 5", "Gain"], rows))

    def _evaluation(self) -> str:
        means = self.model.rating_means()
        if not any(m.count for m in means):
            return section("Evaluation of the training", none_yet("No evaluation saved yet."))
        rows = [[m.question, "–" if m.mean is None else f"{m.mean:.1f} of 5", str(m.count)]
                for m in means]
        html = table("Mean rating per question", ["Question", "Mean", "Ratings"], rows)
        comments = self.model.comments()
        if comments:
            html += table("Comments, as written", ["Team", "Question", "Comment"],
                          [[c.team, c.question, c.text] for c in comments])
        return section("Evaluation of the training", html)


class Gate:
    """The first screen: the facilitator's code, or a refusal."""

    def __init__(self, on_open):
        self._on_open = on_open
        self.code = w.Password(description="Facilitator code",
                               style={"description_width": "10em"})
        self.open = w.Button(description="Open the dashboard", button_style="primary")
        self.open.on_click(lambda _b: self._on_open(self.code.value))
        self.message = w.HTML()
        self.widget = w.VBox([
            w.HTML("<h1>The room's dashboard</h1><p>For the facilitator: type the code "
                   "'make codes' gave you.</p>"),
            w.HBox([self.code, self.open]), self.message])


class RoomDashboard:
    """What notebooks/dashboard.ipynb shows (``RoomDashboard.show()``)."""

    def __init__(self, sources: Sequence[Path] | None = None,
                 code_file: Path | None = None):
        self.sources = sources
        self.code_file = code_file
        self.view: DashboardView | None = None
        self._seen: tuple | None = None
        self.root = w.VBox()
        allowed = hub_instructor()
        if allowed is True:
            self._open()
        elif allowed is False:
            self.root.children = [w.HTML(f'<p role="alert">{escape(REFUSED)}</p>')]
        else:
            self.gate = Gate(self.try_code)
            self.root.children = [self.gate.widget]

    @classmethod
    def show(cls) -> None:
        from IPython.display import display

        display(cls().root)

    def try_code(self, typed: str) -> bool:
        """Open the dashboard if ``typed`` is the facilitator's code; else refuse."""
        try:
            issued = read_facilitator_code(self.code_file or facilitator_code_path())
        except CodesError as error:
            self.gate.message.value = message_html(str(error))
            return False
        if not code_opens(typed, issued):
            self.gate.code.value = ""
            self.gate.message.value = message_html(REFUSED)
            return False
        self._open()
        return True

    def _open(self) -> None:
        self._seen = signature(self._sources())
        self.view = DashboardView(read_room(self.sources))
        self.root.children = [self.view.widget]
        self._watch()

    def _sources(self):
        from dgtkit.facilitator.room import default_sources

        return self.sources if self.sources is not None else default_sources()

    def refresh(self) -> bool:
        """Read the room again if any team saved since the last look; True if it did."""
        if self.view is None:
            return False
        seen = signature(self._sources())
        if seen == self._seen:
            return False
        self._seen = seen
        self.view.model = read_room(self.sources)
        self.view.redraw()
        return True

    def _watch(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no kernel loop (a test, a script): ``refresh`` when asked
            return

        def tick() -> None:
            try:
                self.refresh()
            except Exception:  # noqa: BLE001 - a failed look must not stop the next one
                log.exception("Reading the room failed")
            loop.call_later(POLL_SECONDS, tick)

        loop.call_later(POLL_SECONDS, tick)
