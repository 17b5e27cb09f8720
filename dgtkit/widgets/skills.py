"""The Ex 9 form, in three tabs: 1 the roles and competencies of the matrix; 2 pick a role and
set, for each competency, today's level, the level needed and, for a gap, the measure and who
delivers it; 3 the heat map, the checklist, the biggest gaps and the seven measures.

Every change is written into the model, saved (``on_change``), and only then redrawn.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.charts.skills import gap_heatmap, heatmap_alt_text
from dgtkit.models.pages import skills_page
from dgtkit.models.skills import MAX_COMPETENCIES, MAX_ROLES, MIN_ROLES, Gap, SkillsMatrix
from dgtkit.widgets.base import View
from dgtkit.widgets.common import message_html
from dgtkit.widgets.forms import chart_html, checklist_html
from dgtkit.widgets.pages import with_result_page

NOT_SET = -1  # the dropdown value of a level not chosen yet (0 is a level: "missing")
NO_MEASURE = ""
LABEL = {"description_width": "15em"}
WIDE = w.Layout(width="42em")


class SkillsMatrixView(View):
    """Builds the Ex 9 form around a SkillsMatrix; calls ``on_change`` after each accepted edit."""

    TITLES = ("1 Set up", "2 Rate each role", "3 Heat map")

    def __init__(self, model: SkillsMatrix, on_change: Callable[[], None]):
        super().__init__(model, on_change)
        self.tabs = w.Tab(
            children=[self._build_setup(), self._build_rating(), self._build_results()],
            titles=self.TITLES,
        )
        self.tabs.observe(lambda _change: self.redraw(), names="selected_index")
        self.widget = w.VBox([w.HTML("<h3>Skills-gap matrix</h3>"), self.tabs, self.status])
        self._refresh_setup()
        self._build_rows()
        self.redraw(force=True)
        with_result_page(
            self, lambda: skills_page(self.model), "skills-gap-matrix",
            example="ex09",
        )

    # -- tab 1: roles and competencies ---------------------------------------------------------

    def _build_setup(self) -> w.Widget:
        groups = "".join(
            f"<li><b>{escape(g.name)}</b>, for example {escape(g.examples)}</li>"
            for g in self.model.catalogue.role_groups
        )
        self.role_name = w.Text(
            description="New role",
            style=LABEL,
            layout=WIDE,
            placeholder="For example: head of department, front-office staff, IT officer",
        )
        self.add_role = _button("Add role", "Add this role as a row of the matrix", self._add_role)
        self.role_message = w.HTML()
        self.role_to_remove = w.Dropdown(description="Role to remove", style=LABEL, layout=WIDE)
        self.remove_role = _button(
            "Remove role", "Take the chosen role and its ratings out", self._remove_role
        )
        self.competency_to_add = w.Dropdown(
            description="Competency to add", style=LABEL, layout=WIDE
        )
        self.add_competency = _button(
            "Add competency", "Add the chosen competency as a column", self._add_competency
        )
        self.own_competency = w.Text(
            description="Or your own competency",
            style=LABEL,
            layout=WIDE,
            placeholder="A competency your government needs that is not in the list",
        )
        self.add_own = _button("Add your own", "Add your own competency", self._add_own)
        self.competency_message = w.HTML()
        self.competency_to_remove = w.Dropdown(
            description="Competency to remove", style=LABEL, layout=WIDE
        )
        self.remove_competency = _button(
            "Remove competency",
            "Take the chosen competency and its ratings out",
            self._remove_competency,
        )
        self.columns = w.HTML()
        return w.VBox(
            [
                w.HTML(
                    f"<h4>Roles (the rows)</h4><p>Choose {MIN_ROLES} to {MAX_ROLES} roles of "
                    "your government, from the leader to the front desk. Session 5.4 groups "
                    f"roles in four groups:</p><ul>{groups}</ul>"
                ),
                w.HBox([self.role_name, self.add_role]),
                self.role_message,
                w.HBox([self.role_to_remove, self.remove_role]),
                w.HTML(
                    "<h4>Competencies (the columns)</h4><p>The matrix starts with the six "
                    "competencies session 5.4 suggests. Keep five or six: remove what does not "
                    f"fit and add your own (at most {MAX_COMPETENCIES}).</p>"
                ),
                w.HBox([self.competency_to_add, self.add_competency]),
                w.HBox([self.own_competency, self.add_own]),
                self.competency_message,
                w.HBox([self.competency_to_remove, self.remove_competency]),
                self.columns,
            ]
        )

    def _refresh_setup(self) -> None:
        model = self.model
        self.role_to_remove.options = [("Choose a role", "")] + [
            (r.name, r.id) for r in model.roles
        ]
        used = {c.id for c in model.competencies}
        self.competency_to_add.options = [("Choose a competency", "")] + [
            (c.name, c.id) for c in model.catalogue.competencies if c.id not in used
        ]
        self.competency_to_remove.options = [("Choose a competency", "")] + [
            (c.name, c.id) for c in model.competencies
        ]
        self.columns.value = columns_html(model)
        chosen, ids = self.role.value, [r.id for r in model.roles]
        with self.quietly():
            self.role.options = [(r.name, r.id) for r in model.roles]
            self.role.value = chosen if chosen in ids else (ids[0] if ids else None)

    def _setup_action(self, action: Callable[[], object], message: w.HTML, rows: bool) -> bool:
        if not self.apply(action, message):
            return False
        self._refresh_setup()
        if rows:
            self._build_rows()
        else:
            self._show_role()
        return True

    def _add_role(self, _button=None) -> None:
        if self._setup_action(
            lambda: self.model.add_role(self.role_name.value), self.role_message, rows=False
        ):
            self.role_name.value = ""
            self.role.value = self.model.roles[-1].id

    def _remove_role(self, _button=None) -> None:
        if not self.role_to_remove.value:
            self.role_message.value = message_html("Choose the role to remove first.")
            return
        self._setup_action(
            lambda: self.model.remove_role(self.role_to_remove.value), self.role_message, False
        )

    def _add_competency(self, _button=None) -> None:
        self._setup_action(
            lambda: self.model.add_competency(self.competency_to_add.value),
            self.competency_message,
            rows=True,
        )

    def _add_own(self, _button=None) -> None:
        if self._setup_action(
            lambda: self.model.add_own_competency(self.own_competency.value),
            self.competency_message,
            rows=True,
        ):
            self.own_competency.value = ""

    def _remove_competency(self, _button=None) -> None:
        if not self.competency_to_remove.value:
            self.competency_message.value = message_html("Choose the competency to remove first.")
            return
        self._setup_action(
            lambda: self.model.remove_competency(self.competency_to_remove.value),
            self.competency_message,
            rows=True,
        )

    # -- tab 2: rate each role -----------------------------------------------------------------

    def _build_rating(self) -> w.Widget:
        self.role = w.Dropdown(
            description="Role to rate",
            style=LABEL,
            layout=WIDE,
            options=[(r.name, r.id) for r in self.model.roles],
        )
        self.role.observe(lambda _change: self.quiet or self._show_role(), names="value")
        self.rows = w.VBox()
        return w.VBox(
            [
                w.HTML(scale_html(self.model)),
                self.role,
                self.rows,
            ]
        )

    def _build_rows(self) -> None:
        """One block of labelled fields per competency of the matrix."""
        catalogue = self.model.catalogue
        today_options = [("Not set yet", NOT_SET)] + [
            (lv.label, lv.value) for lv in catalogue.levels
        ]
        needed_options = [("Not set yet", NOT_SET)] + [
            (lv.needed_label, lv.value) for lv in catalogue.levels
        ]
        measures = [("Choose a measure", NO_MEASURE)] + [(m.name, m.id) for m in catalogue.measures]
        self.today, self.needed, self.measure, self.provider = {}, {}, {}, {}
        self.gap, self.messages = {}, {}
        blocks = []
        for n, column in enumerate(self.model.competencies, start=1):
            cid = column.id
            self.today[cid] = w.Dropdown(
                options=today_options, description=f"Competency {n}: today", style=LABEL
            )
            self.needed[cid] = w.Dropdown(
                options=needed_options, description=f"Competency {n}: needed", style=LABEL
            )
            self.measure[cid] = w.Dropdown(
                options=measures, description=f"Competency {n}: measure", style=LABEL, layout=WIDE
            )
            self.provider[cid] = w.Text(
                description=f"Competency {n}: delivered by",
                style=LABEL,
                layout=WIDE,
                continuous_update=False,
                placeholder="Who would deliver it: a unit, a school, a partner",
            )
            self.gap[cid], self.messages[cid] = w.HTML(), w.HTML()
            for fields, handler in (
                (self.today, self._set_today),
                (self.needed, self._set_needed),
                (self.measure, self.model.choose_measure),
                (self.provider, self.model.name_provider),
            ):
                fields[cid].observe(self._cell_handler(cid, handler), names="value")
            blocks.append(
                w.VBox(
                    [
                        w.HTML(f"<b>{n}. {escape(column.name)}</b>" + _about(column.about)),
                        w.HBox([self.today[cid], self.needed[cid]]),
                        self.gap[cid],
                        self.measure[cid],
                        self.provider[cid],
                        self.messages[cid],
                    ],
                    layout=w.Layout(margin="0 0 0.9em 0"),
                )
            )
        self.rows.children = blocks
        self._show_role()

    def _show_role(self) -> None:
        """Show the chosen role's levels, measures and providers in the fields."""
        role_id = self.role.value
        with self.quietly():
            for column in self.model.competencies:
                cid = column.id
                cell = self.model.cell(role_id, cid) if role_id else None
                for widget in (self.today[cid], self.needed[cid]):
                    widget.disabled = cell is None
                self.today[cid].value = (
                    NOT_SET if cell is None or cell.today is None else cell.today
                )
                self.needed[cid].value = (
                    NOT_SET if cell is None or cell.needed is None else cell.needed
                )
                self.measure[cid].value = cell.measure if cell else NO_MEASURE
                self.provider[cid].value = cell.provider if cell else ""
                self.messages[cid].value = ""
                self._show_gap(cid)

    def _show_gap(self, cid: str) -> None:
        role_id = self.role.value
        cell = self.model.cell(role_id, cid) if role_id else None
        has_gap = bool(cell and cell.gap)
        self.measure[cid].disabled = self.provider[cid].disabled = not has_gap
        self.gap[cid].value = gap_text(self.model, cid, cell)

    def _cell_handler(self, cid: str, apply: Callable[[str, str, object], None]):
        """The observer of one field of competency ``cid`` for the chosen role (no role
        chosen: nothing to change)."""

        def redraw() -> None:
            self._show_gap(cid)
            self.redraw()

        handler = self.field_handler(
            lambda value: apply(self.role.value, cid, value), self.messages[cid], redraw
        )
        return lambda change: self.role.value and handler(change)

    def _set_today(self, role_id: str, cid: str, value: int) -> None:
        self.model.set_today(role_id, cid, None if value == NOT_SET else value)

    def _set_needed(self, role_id: str, cid: str, value: int) -> None:
        self.model.set_needed(role_id, cid, None if value == NOT_SET else value)

    # -- tab 3: the heat map and the measures --------------------------------------------------

    def _build_results(self) -> w.Widget:
        self.heatmap = w.HTML()
        self.checklist = w.HTML()
        self.summary = w.HTML()
        self.measures = w.HTML(measures_html(self.model))
        return w.VBox([self.heatmap, self.checklist, self.summary, self.measures])

    RESULTS = 2  # the tab of the heat map

    def redraw(self, force: bool = False) -> None:
        """Redraw the heat map and summary when they are in view (drawing takes a moment)."""
        if not force and self.tabs.selected_index != self.RESULTS:
            return
        model = self.model
        self.heatmap.value = chart_html(
            gap_heatmap,
            heatmap_alt_text,
            model,
            caption="Each cell: the gap (the level needed minus today's level), then both "
            "levels. Darker and hatched cells have bigger gaps.",
        )
        self.checklist.value = checklist_html("Checklist for the matrix",
                                              model.checks() + model.judgment_checks())
        self.summary.value = summary_html(model)


def _button(label: str, tooltip: str, handler: Callable) -> w.Button:
    button = w.Button(description=label, tooltip=tooltip, layout=w.Layout(width="auto"))
    button.on_click(handler)
    return button


def _about(text: str) -> str:
    return f'<br><span style="color:#333">{escape(text)}</span>' if text else ""


def scale_html(model: SkillsMatrix) -> str:
    """The scale of session 5.4, for today's level and for the level a role needs."""
    rows = "".join(
        f"<tr><td>{level.value}</td><td><b>{escape(level.name)}</b>: {escape(level.today)}</td>"
        f"<td><b>{escape(level.needed_name)}</b>: {escape(level.needed)}</td></tr>"
        for level in model.catalogue.levels
    )
    return (
        "<p>Choose a role. For each competency, set the level the staff in this role have "
        "today and the level the role needs. The gap is the level needed minus today's level. "
        "For every gap, choose a measure and say who would deliver it.</p>"
        '<table class="dgt-scale"><caption>The scale of session 5.4</caption><thead><tr>'
        '<th scope="col">Level</th><th scope="col">Today</th><th scope="col">Needed</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def columns_html(model: SkillsMatrix) -> str:
    if not model.competencies:
        return "<p><i>No competency in the matrix yet.</i></p>"
    items = "".join(
        f"<li><b>{escape(c.name)}</b>"
        + (" (your own)" if c.own else "")
        + (f": {escape(c.about)}" if c.about else "")
        + "</li>"
        for c in model.competencies
    )
    return f"<p>The columns of your matrix:</p><ol>{items}</ol>"


def gap_text(model: SkillsMatrix, cid: str, cell) -> str:
    """The gap of one cell in words, with the measure's rule of thumb once one is chosen."""
    if cell is None:
        return "<i>Add a role first (tab 1).</i>"
    if cell.gap is None:
        return "<i>Set both levels to see the gap.</i>"
    if not cell.gap:
        return "Gap: <b>0</b>. No measure needed."
    text = f"Gap: <b>{cell.gap}</b> (needed {cell.needed}, today {cell.today})."
    if not cell.measure:
        return text + " Choose a measure and who delivers it."
    measure = model.catalogue.measure(cell.measure)
    if measure.when:
        text += f" This measure fits when: {escape(measure.when)}"
    return text


def _gap_rows(gaps: list[Gap]) -> str:
    return "".join(
        f"<tr><td>{escape(g.role_name)}</td><td>{escape(g.competency_name)}</td>"
        f"<td>{g.gap}</td><td>{g.today} → {g.needed}</td>"
        f"<td>{escape(g.measure_name) or '<i>not chosen yet</i>'}</td>"
        f"<td>{escape(g.provider) or '<i>not named yet</i>'}</td></tr>"
        for g in gaps
    )


def summary_html(model: SkillsMatrix) -> str:
    """The biggest gaps in sentences, then every gap with its measure, biggest first."""
    sentences = "".join(f"<li>{escape(line)}</li>" for line in model.summary())
    gaps = model.gaps()
    if not gaps:
        return f"<h4>Summary</h4><ul>{sentences}</ul>"
    return (
        f"<h4>Summary</h4><ul>{sentences}</ul>"
        '<table class="dgt-gaps"><caption>Every gap and the measure it calls for, biggest '
        'first</caption><thead><tr><th scope="col">Role</th><th scope="col">Competency</th>'
        '<th scope="col">Gap</th><th scope="col">Today → needed</th>'
        '<th scope="col">Measure</th><th scope="col">Delivered by</th></tr></thead>'
        f"<tbody>{_gap_rows(gaps)}</tbody></table>"
    )


def measures_html(model: SkillsMatrix) -> str:
    """The seven measures of session 5.4, each with its source."""
    catalogue = model.catalogue
    rows = "".join(
        f"<tr><td><b>{escape(m.name)}</b></td><td>{escape(m.meaning)}</td>"
        f"<td>{escape(m.example)}</td><td>{escape(m.when) or '–'}</td></tr>"
        for m in catalogue.measures
    )
    sources = sorted({m.source for m in catalogue.measures})
    cited = "; ".join(escape(catalogue.cite(s)) for s in sources)
    return (
        "<h4>The seven measures to choose from</h4>"
        '<table class="dgt-measures"><caption>Measures that close a skills gap</caption>'
        '<thead><tr><th scope="col">Measure</th><th scope="col">What it means</th>'
        '<th scope="col">Example for a local government</th>'
        f'<th scope="col">When it fits</th></tr></thead><tbody>{rows}</tbody></table>'
        f"<p><small>The measures: {cited}. The explanations, examples and 'when it fits' "
        f"are {escape(catalogue.cite('course')).lower()}.</small></p>"
    )
