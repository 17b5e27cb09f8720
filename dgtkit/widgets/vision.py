"""The Ex 7 form: a guided vision builder (the gaps from Ex 5 with their problem and evidence,
a worked example, the statement, its year, who benefits, two or three SDG targets, a
checklist) and backcasting (milestones, each editable, on a timeline beside the form)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.charts.envisioning import milestone_timeline, timeline_alt_text
from dgtkit.course.sdgs import sdgs
from dgtkit.models.checks import FormErrors
from dgtkit.models.pages import vision_page
from dgtkit.models.text import FieldError
from dgtkit.models.vision import (
    SECTORS,
    STATEMENT_WORDS,
    TARGETS_MAX,
    TARGETS_MIN,
    Milestone,
    Vision,
    new_milestone,
)
from dgtkit.widgets.base import View
from dgtkit.widgets.common import message_html
from dgtkit.widgets.forms import (
    LABEL_STYLE,
    WIDE,
    chart_html,
    checklist_html,
    clear,
    deadline_html,
    example_box,
    labelled,
    show_errors,
    side_by_side,
)
from dgtkit.widgets.pages import with_result_page

NO_FOCUS = ""
NOTHING = ""
IN_STATEMENT = 0  # the vision year field's "the year is in the statement"


def hint(text: str) -> w.HTML:
    return w.HTML(f'<span style="color:#333;margin-left:0.5em">{escape(text)}</span>')


class VisionView(View):
    """Builds the Ex 7 form around a Vision; calls ``on_change`` after each accepted edit."""

    def __init__(self, model: Vision, on_change: Callable[[], None]):
        super().__init__(model, on_change)
        self._drawn = ""  # what the timeline showed when it was last drawn
        self.widget = w.VBox(
            [*self._build_vision(), *self._build_targets(), *self._build_ecosystem(),
             *self._build_backcasting(), self.status]
        )
        self.redraw()
        with_result_page(
            self, lambda: vision_page(self.model), "vision",
        )

    # -- building --------------------------------------------------------------------------

    def _build_vision(self) -> list[w.Widget]:
        model = self.model
        self.gaps = w.HTML(gaps_html(model))
        self.focus = w.Dropdown(
            description="Focus of the vision",
            style=LABEL_STYLE,
            layout=WIDE,
            options=[("No particular gap", NO_FOCUS)]
            + [(gap.name, gap.pillar) for gap in model.gaps_considered],
            value=model.focus or NO_FOCUS,
            tooltip="The capacity gap your vision answers",
        )
        self.statement = w.Textarea(
            value=model.statement,
            description="Vision statement",
            style=LABEL_STYLE,
            layout=w.Layout(width="40em", height="6em"),
            continuous_update=False,
            placeholder=f"By 2035, ... (at most {STATEMENT_WORDS} words)",
        )
        self.year = w.Dropdown(
            options=self._year_options(),
            value=model.year_chosen or IN_STATEMENT,
            description="Vision year",
            style=LABEL_STYLE,
            tooltip="5 to 30 years from now; or the year your statement gives",
        )
        self.beneficiaries = w.Text(
            value=model.beneficiaries,
            description="Who benefits",
            style=LABEL_STYLE,
            layout=WIDE,
            continuous_update=False,
            placeholder="For example: rural residents, small businesses",
        )
        self.messages = {
            name: w.HTML()
            for name in ("focus", "statement", "year", "beneficiaries", "sdg_targets")
        }
        self.words = w.HTML()
        for name, apply in (
            ("focus", lambda v: self.model.choose_focus(v or None)),
            ("statement", self.model.write_statement),
            ("year", self.model.choose_year),
            ("beneficiaries", self.model.name_beneficiaries),
        ):
            getattr(self, name).observe(
                self.field_handler(apply, self.messages[name]), names="value"
            )
        return [
            w.HTML("<h3>1. Your vision</h3>"),
            self.gaps,
            example_box("ex07"),
            labelled(self.focus, self.messages["focus"]),
            labelled(self.statement, self.messages["statement"]),
            self.words,
            w.HBox([self.year, self.messages["year"]]),
            labelled(self.beneficiaries, self.messages["beneficiaries"]),
        ]

    def _build_ecosystem(self) -> list[w.Widget]:
        """Outcome 2: the national vision or digital strategy the vision serves, and the
        actors of the public, private and people sectors who carry it."""
        self.strategy = w.Text(
            value=self.model.strategy, description="Serves the strategy", style=LABEL_STYLE,
            layout=WIDE, continuous_update=False,
            placeholder="Your country's development plan or digital strategy, by its name")
        self.carriers = {
            sector: w.Text(value=self.model.carriers.get(sector, ""), description=label,
                           style=LABEL_STYLE, layout=WIDE, continuous_update=False,
                           placeholder=placeholder)
            for (sector, label), placeholder in zip(SECTORS.items(), (
                "For example: the county ICT directorate, the national digital agency",
                "For example: the mobile operator, the chamber of commerce",
                "For example: ward committees, a disability organization"), strict=True)
        }
        self.messages["strategy"] = w.HTML()
        self.messages["carriers"] = w.HTML()
        self.strategy.observe(self.field_handler(self.model.name_strategy,
                                                 self.messages["strategy"]), names="value")
        for sector, box in self.carriers.items():
            box.observe(self.field_handler(
                lambda value, s=sector: self.model.name_carriers(s, value),
                self.messages["carriers"]), names="value")
        self.ecosystem_checklist = w.HTML()
        return [
            w.HTML("<h4>Who carries the vision</h4><p>A local vision serves a larger one. "
                   "Name the national development vision or digital strategy it serves, and "
                   "the actors who will carry it in each sector of the ecosystem (session "
                   "4.1).</p>"),
            labelled(self.strategy, self.messages["strategy"]),
            *self.carriers.values(),
            self.messages["carriers"],
            self.ecosystem_checklist,
        ]

    def _year_options(self) -> list[tuple[str, int]]:
        said = self.model.statement_year
        first = (f"The year in the statement ({said})" if said
                 else f"Choose a year (for example {self.model.suggested_year})")
        return [(first, IN_STATEMENT)] + [(str(y), y) for y in self.model.year_choices()]

    def _build_targets(self) -> list[w.Widget]:
        data = sdgs()
        options = []
        for goal in data.goals:
            count = len(data.targets_of(goal.number))
            suffix = f" ({count} target{'s' if count > 1 else ''})" if count else ""
            options.append((goal.label + suffix, goal.number))
        first = next(g.number for g in data.goals if data.targets_of(g.number))
        self.goal = w.Dropdown(
            options=options,
            value=first,
            description="SDG",
            style=LABEL_STYLE,
            layout=WIDE,
            tooltip="All 17 goals; the course lists targets under some",
        )
        self.goal.observe(lambda _change: self._show_targets_of_goal(), names="value")
        self.target_boxes: dict[str, w.Checkbox] = {}
        self.target_list = w.VBox()
        self.linked = w.HTML()
        self.statement_checklist = w.HTML()
        self._show_targets_of_goal()
        return [
            w.HTML(
                f"<h4>Link the vision to {TARGETS_MIN} or {TARGETS_MAX} SDG targets</h4>"
                "<p>Choose a goal, then tick the targets your vision helps to reach.</p>"
            ),
            self.goal,
            self.target_list,
            self.messages["sdg_targets"],
            self.linked,
            self.statement_checklist,
        ]

    def _build_backcasting(self) -> list[w.Widget]:
        years = self.model.milestone_years()
        self.milestone_year = w.Dropdown(options=years,
                                         value=self.model.suggested_milestone_year(),
                                         description="Milestone year", style=LABEL_STYLE)
        self.milestone_title = w.Text(
            description="Milestone",
            style=LABEL_STYLE,
            layout=WIDE,
            placeholder="For example: 'Every district office online'",
        )
        self.must_be_true = w.Textarea(
            description="What must be true",
            style=LABEL_STYLE,
            layout=w.Layout(width="40em", height="4em"),
            placeholder="By then, what has to be in place?",
        )
        self.milestone_fields = {
            "year": self.milestone_year,
            "title": self.milestone_title,
            "must_be_true": self.must_be_true,
        }
        self.milestone_messages = {name: w.HTML() for name in self.milestone_fields}
        self.add_milestone = w.Button(
            description="Add milestone",
            button_style="primary",
            tooltip="Add this milestone to the timeline and save it",
        )
        self.add_milestone.on_click(self._add_milestone_clicked)
        self.milestone_status = w.HTML()
        self.milestone_choice = w.Dropdown(
            description="Milestone", style=LABEL_STYLE, layout=WIDE,
            tooltip="A new milestone, or one to change or remove",
        )
        self.milestone_choice.observe(lambda _c: self.quiet or self._show_milestone(),
                                      names="value")
        self.milestone_to_remove = self.milestone_choice  # the name the form had before
        self.remove_milestone = w.Button(
            description="Remove milestone", tooltip="Take the chosen milestone off the timeline"
        )
        self.remove_milestone.on_click(self._remove_milestone_clicked)
        self.milestone_table = w.HTML()
        self.timeline = w.HTML()
        self.backcasting_checklist = w.HTML()
        rows = [
            labelled(field, self.milestone_messages[name])
            for name, field in self.milestone_fields.items()
        ]
        form = w.VBox([
            self.milestone_choice, *rows,
            w.HBox([self.add_milestone, self.remove_milestone, self.milestone_status]),
            self.milestone_table,
        ])
        return [
            w.HTML(
                "<h3>2. Backcasting: from the vision back to today</h3><p>Start at the "
                "vision year and ask: what must be true just before it? And before that? "
                "Add at least three milestones between this year and the vision year. To "
                "change one, choose it under <b>Milestone</b>: it comes back into the form.</p>"
            ),
            side_by_side(form, self.timeline),
            self.backcasting_checklist,
        ]

    # -- handlers --------------------------------------------------------------------------

    def _show_targets_of_goal(self) -> None:
        """Tick boxes for the targets of the chosen goal (the course lists some goals' only)."""
        targets = sdgs().targets_of(self.goal.value)
        rows = []
        self.target_boxes = {}
        for target in targets:
            box = w.Checkbox(
                value=target.id in self.model.sdg_targets,
                description=target.label,
                indent=False,
                layout=w.Layout(width="9em"),
            )
            box.observe(self._target_ticked(target.id), names="value")
            self.target_boxes[target.id] = box
            rows.append(
                w.HBox(
                    [
                        box,
                        w.HTML(
                            f"<span>{escape(target.text)}{deadline_html(target.id)}</span>",
                            layout=w.Layout(width="32em"),
                        ),
                    ]
                )
            )
        if not rows:
            with_targets = sorted({t.goal for t in sdgs().targets})
            rows.append(
                w.HTML(
                    f"<p><i>The course lists no target of this goal. Targets are "
                    f"listed under goals {', '.join(map(str, with_targets))}."
                    "</i></p>"
                )
            )
        self.target_list.children = rows

    def _target_ticked(self, target_id: str):
        def handler(change) -> None:
            if self.quiet:
                return
            message = self.messages["sdg_targets"]
            try:
                if change["new"]:
                    self.model.link_target(target_id)
                else:
                    self.model.unlink_target(target_id)
            except FieldError as error:
                message.value = message_html(error.message)
                self.set_quietly(self.target_boxes[target_id], False)
                return
            message.value = ""
            self.accepted()

        return handler

    def _add_milestone_clicked(self, _button=None) -> None:
        clear(self.milestone_messages)
        self.milestone_status.value = ""
        editing = self.milestone_choice.value
        try:
            milestone = new_milestone(
                self.milestone_year.value, self.milestone_title.value, self.must_be_true.value
            )
            if editing:
                self.model.replace_milestone(editing, milestone)
            else:
                self.model.add_milestone(milestone)
        except FormErrors as errors:
            show_errors(self.milestone_messages, errors.by_field, self.milestone_status,
                        "The milestone")
            self.status.value = self.milestone_status.value
            return
        self.accepted()
        self._clear_milestone()
        self.milestone_status.value = (
            f'<span role="status" style="color:#1b5e20">{"Saved" if editing else "Added"}: '
            f"{milestone.year}, {escape(milestone.title)}.</span>")

    def _clear_milestone(self) -> None:
        with self.quietly():
            self.milestone_choice.value = NOTHING
            self.milestone_title.value = self.must_be_true.value = ""
            self.milestone_year.value = self.model.suggested_milestone_year()
        self.add_milestone.description = "Add milestone"

    def _show_milestone(self) -> None:
        """The chosen milestone back in the form, to change it (or the empty form)."""
        chosen = next((m for m in self.model.milestones
                       if m.id == self.milestone_choice.value), None)
        clear(self.milestone_messages)
        self.milestone_status.value = ""
        if chosen is None:
            self._clear_milestone()
            return
        with self.quietly():
            if chosen.year not in self.milestone_year.options:
                self.milestone_year.options = sorted({*self.milestone_year.options,
                                                      chosen.year})
            self.milestone_year.value = chosen.year
            self.milestone_title.value = chosen.title
            self.must_be_true.value = chosen.must_be_true
        self.add_milestone.description = "Save milestone"

    def _remove_milestone_clicked(self, _button=None) -> None:
        if not self.milestone_choice.value:
            self.milestone_status.value = message_html("Choose the milestone to remove first.")
            self.status.value = self.milestone_status.value
            return
        self.model.remove_milestone(self.milestone_choice.value)
        self.accepted()
        self._clear_milestone()

    # -- drawing ---------------------------------------------------------------------------

    def redraw(self) -> None:
        model = self.model
        words = model.words
        self.words.value = (
            message_html(f"{words} words: please cut it to {STATEMENT_WORDS}.")
            if words > STATEMENT_WORDS
            else f'<span style="color:#333">{words} of at most {STATEMENT_WORDS} words.</span>'
        )
        self.linked.value = linked_targets_html(model.sdg_targets)
        self.ecosystem_checklist.value = checklist_html(
            "Checklist for the ecosystem", model.ecosystem_checks()
        )
        self.statement_checklist.value = checklist_html(
            "Checklist for the vision", model.statement_checks()
        )
        self.milestone_table.value = milestones_table_html(model.milestones)
        with self.quietly():
            keep = self.milestone_choice.value
            self.milestone_choice.options = [("A new milestone", NOTHING)] + [
                (f"{m.year}: {m.title}", m.id) for m in model.milestones
            ]
            ids = {m.id for m in model.milestones}
            self.milestone_choice.value = keep if keep in ids else NOTHING
            years = model.milestone_years()
            if list(self.milestone_year.options) != years:
                chosen = self.milestone_year.value
                self.milestone_year.options = years
                self.milestone_year.value = (chosen if chosen in years
                                             else model.suggested_milestone_year())
            options = self._year_options()
            if list(self.year.options) != options:
                self.year.options = options
                self.year.value = model.year_chosen or IN_STATEMENT
        shown = repr((model.current_year, model.year, model.milestones))
        if shown != self._drawn:  # drawing is slow: only when the timeline changed
            self._drawn = shown
            self.timeline.value = chart_html(
                milestone_timeline,
                timeline_alt_text,
                model,
                caption="Today on the left, the vision on the right, the milestones between.",
            )
        self.backcasting_checklist.value = checklist_html(
            "Checklist for the backcasting",
            # Whether it serves the Ex 5 gaps, once there are gaps (the grader asks it always).
            model.backcasting_checks() + (model.gap_checks() if model.gaps_considered else []),
        )


def gaps_html(model: Vision) -> str:
    """The Ex 5 gaps the vision started from, biggest first; every text escaped."""
    if not model.gaps_considered:
        return (
            "<p><i>No capacity gaps came from Ex 5 (it is not done yet, or found no gap). "
            "Write the vision from your team's own priorities.</i></p>"
        )
    items = "".join(
        f"<li><b>{escape(gap.label)}</b>"
        + (f"<br>The problem: {escape(gap.problem)}" if gap.problem else "")
        + (
            f"<br><span style='color:#333'>Evidence: {escape(gap.evidence)}</span>"
            if gap.evidence
            else ""
        )
        + "</li>"
        for gap in model.gaps_considered
    )
    return (
        f"<p>Your biggest capacity gaps from Ex 5:</p><ol>{items}</ol>"
        "<p>Choose one as the focus of your vision.</p>"
    )


def linked_targets_html(target_ids: list[str]) -> str:
    if not target_ids:
        return "<p><i>No target linked yet.</i></p>"
    data = sdgs()
    items = []
    for target in map(data.target, target_ids):
        goal = data.goal(target.goal)
        items.append(
            f"<li><b>{escape(target.label)}</b> ({escape(goal.label)}): {escape(target.text)}"
            f"{deadline_html(target.id)}</li>"
        )
    return f"<p>Linked targets:</p><ul>{''.join(items)}</ul>"


def milestones_table_html(milestones: list[Milestone]) -> str:
    """The milestones as an accessible table, earliest first; every text escaped."""
    if not milestones:
        return "<p><i>No milestones yet. Add the first one above.</i></p>"
    rows = "".join(
        f"<tr><td>{m.year}</td><td>{escape(m.title)}</td><td>{escape(m.must_be_true)}</td></tr>"
        for m in milestones
    )
    return (
        '<table class="dgt-milestones" style="border-collapse:collapse">'
        "<caption>Milestones, earliest first</caption>"
        '<thead><tr><th scope="col">Year</th><th scope="col">Milestone</th>'
        '<th scope="col">What must be true</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
