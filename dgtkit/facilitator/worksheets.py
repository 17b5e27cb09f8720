"""A paper worksheet for each exercise, for a room whose devices fail (``make worksheets``).

A worksheet is made from the exercise's own form: the view is built around an empty model,
as a team first sees it, and each field becomes room to write under the form's own label (a
line, a box, or boxes to tick for the form's choices), so the answers can be typed into the
form later, field by field. The form's instructions and tables come along; what only works
on a screen does not (buttons, charts, the "choose an item to edit" selectors: each sheet
lists them in ``screen_only``). Where the form adds items one at a time ("Add signal"),
the sheet prints as many blank ones as the exercise asks for, a number the model holds.

Above the form, the sheet says when the exercise runs and what it produces (the week).
"""

from __future__ import annotations

import html
import importlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache

import ipywidgets as w
from lxml import html as lxml_html

from dgtkit.course.week import Exercise, week
from dgtkit.exercises import EXERCISES
from dgtkit.facilitator import look

#: More choices than this are written in, not ticked (a list of 193 countries, say).
MOST_CHOICES = 20
TEXTAREA_LINES = 4


def _form_class(name: str):
    return getattr(importlib.import_module(f"dgtkit.exercises.{EXERCISES[name]}"), name)


def _asked_benefits_and_risks() -> int:
    from dgtkit.models import benefit_risk

    return 2 * benefit_risk.ASKED


def _asked_signals() -> int:
    from dgtkit.models import scenarios

    return scenarios.SIGNALS_ASKED


def _asked_milestones() -> int:
    from dgtkit.models import vision

    return vision.MILESTONES_MIN


def _asked_indicators() -> int:
    from dgtkit.models.indicators import indicator_guide

    return indicator_guide().set_size


def _most_roles() -> int:
    from dgtkit.models import skills

    return skills.MAX_ROLES


def _most_commitments() -> int:
    from dgtkit.models.evaluation import evaluation_form

    return evaluation_form().most


def _benefit_and_risk_categories() -> tuple[str, ...]:
    from dgtkit.models.benefit_risk import KINDS, course_data

    data = course_data()
    return tuple(f"{label}: {c.name}" for kind, label in KINDS.items() for c in data.of_kind(kind))


def _advised_objectives() -> int:
    from dgtkit.models.plan_checks import OBJECTIVES_ADVISED

    return OBJECTIVES_ADVISED[1]


@dataclass(frozen=True)
class Copies:
    """The blank copies a worksheet prints of what an "Add ..." button adds."""

    count: Callable[[], int]  # how many: a number the model holds, where it holds one
    first: str = ""  # the label of the first field of a copy (else: the fields just above)


@dataclass(frozen=True)
class Sheet:
    """How an exercise's form goes on paper."""

    exercise: str  # its id in the week
    form: str  # its class in dgtkit.exercises
    #: Controls that only work on a screen: they pick what to edit, sort, filter or remove.
    #: "Label:filter" leaves out the second and later fields of that label (a list's filters).
    screen_only: frozenset[str] = frozenset()
    #: "Add ..." button → the blank copies of the fields it adds.
    copies: dict[str, Copies] = field(default_factory=dict)
    #: A label → a sentence printed above that field, for what paper does differently.
    hints: dict[str, str] = field(default_factory=dict)
    #: A label → every choice the field can offer, where the form changes its choices as
    #: the team fills it in (the categories of a benefit, or of a risk).
    options: dict[str, Callable[[], tuple[str, ...]]] = field(default_factory=dict)


def _fixed(number: int) -> Callable[[], int]:
    return lambda: number

SHEETS = (
    Sheet("ex01", "ServiceClassification"),
    Sheet("ex02", "BenefitRiskMatrix", frozenset({"Item to edit"}),
          {"Add item": Copies(_asked_benefits_and_risks, "Benefit or risk")},
          options={"Category": _benefit_and_risk_categories}),
    Sheet("ex03", "PillarSelfRating"),
    Sheet("ex04", "ProcessSequencing"),
    Sheet("ex05", "SituationAnalysisLab", frozenset({"Ratings of", "Entries", "On the map"}),
          {"Add member": Copies(_fixed(5)), "Add entry": Copies(_fixed(12)),
           "Add stakeholder": Copies(_fixed(10))},
          {"Pillar 1: own view": "Each member rates on their own: give each member a copy of "
                                 "this table, with their name at the top."}),
    Sheet("ex06", "HorizonScan", frozenset({"Signal to edit"}),
          {"Add signal": Copies(_asked_signals, "Signal")}),
    Sheet("ex07", "VisionBuilder", frozenset({"Milestone to remove"}),
          {"Add milestone": Copies(_asked_milestones, "Milestone year")},
          {"SDG": "Write the goal, then the numbers of the two or three targets your vision "
                  "helps to reach."}),
    Sheet("ex08", "OrganizationStructure"),
    Sheet("ex09", "SkillsGapMatrix",
          frozenset({"Role to remove", "Competency to remove", "Role to rate"}),
          {"Add role": Copies(_most_roles), "Add competency": Copies(_fixed(2)),
           "Add your own": Copies(_fixed(2))},
          {"Competency 1: today": "Fill in this part once for each role: copy it, with the "
                                  "role at the top."}),
    Sheet("ex10", "CapacityRoadmap", frozenset({"Row to edit", "Add a row for the same gap"}),
          {"Save row": Copies(_fixed(6), "Pillar of the gap")}),
    Sheet("ex11", "IndicatorClinic", frozenset({"Indicator to edit", "Value to remove"}),
          {"Save indicator": Copies(_asked_indicators, "Measures (Ex 10)"),
           "Add value": Copies(_fixed(4))}),
    Sheet("ex12", "LocalSdgReview", frozenset({"Goal", "Search the targets", "Target"}),
          hints={"Target to describe": "Write the number of one target your plan serves (for "
                                       "example 16.9). Fill in this part once for each "
                                       "target: copy it, with the target at the top."}),
    Sheet("knowledge_test", "KnowledgeTest"),
    Sheet("training_evaluation", "TrainingEvaluation", frozenset({"Commitment to remove"}),
          {"Add commitment": Copies(_most_commitments, "What I will do")}),
    Sheet("action_plan", "ActionPlanApp",
          frozenset({"Sort by", "Find", "Choose an action", "Saved version", "Import a plan",
                     "Suggestion", "Indicator from Ex 11", "Objective:filter",
                     "Priority:filter"}),
          {"Add action": Copies(_fixed(4), "Action"),
           "Add objective": Copies(_advised_objectives, "New objective")}),
)


def sheet(exercise_id: str) -> Sheet:
    return next(s for s in SHEETS if s.exercise == exercise_id)


# -- the form as a list of parts ---------------------------------------------------------------


@dataclass
class Field:
    label: str
    kind: str  # "line", "box", "number", "date", "choice", "choices", "tick", "scale"
    options: tuple[str, ...] = ()
    hint: str = ""  # the form's own hint: its placeholder, or the text beside the field
    note: str = ""  # the sheet's word on what paper does differently, printed above it


@dataclass
class Block:
    """Instructions or a table of the form, as HTML."""

    html: str
    heading: bool = False


@dataclass
class Section:
    title: str


@dataclass
class Repeat:
    parts: list[Field | Block]
    count: int
    noun: str

    @property
    def fields(self) -> list[Field]:
        return [p for p in self.parts if isinstance(p, Field)]


Part = Field | Block | Section | Repeat


def _real_options(widget) -> list[str]:
    """The choices a field offers, without the one that means "nothing chosen yet" (its
    value None, "" or -1, or 0 where 0 is not itself a choice such as "0 Missing")."""
    labels = list(getattr(widget, "_options_labels", ()) or getattr(widget, "options", ()))
    values = list(getattr(widget, "_options_values", labels))
    kept = []
    for label, value in zip(labels, values, strict=False):
        label = str(label)
        nothing = (not isinstance(value, bool)
                   and (value is None or value in ("", -1)
                        or (value == 0 and not label.startswith("0"))))
        if not nothing:
            kept.append(label)
    return kept


def _field(widget) -> Field | None:
    label = widget.description or getattr(widget, "placeholder", "")
    placeholder = getattr(widget, "placeholder", "") or ""
    hint = "" if placeholder.strip("\u200b ") == "" else placeholder
    if isinstance(widget, w.Textarea):
        return Field(label, "box", hint=hint)
    if isinstance(widget, w.Combobox):
        options = tuple(str(o) for o in widget.options)
        more = f"For example: {', '.join(options)}." if options else ""
        return Field(label, "line", hint=" ".join(x for x in (hint, more) if x))
    if isinstance(widget, w.Text | w.Password):
        return Field(label, "line", hint=hint)
    if isinstance(widget, w.IntSlider | w.FloatSlider):
        values = range(int(widget.min), int(widget.max) + 1)
        return Field(label, "scale", tuple(str(v) for v in values))
    if isinstance(widget, w.IntText | w.FloatText | w.BoundedIntText | w.BoundedFloatText):
        return Field(label, "number", hint=hint)
    if isinstance(widget, w.DatePicker):
        return Field(label, "date", hint="Day, month and year")
    if isinstance(widget, w.Checkbox):
        return Field(label, "tick")
    if isinstance(widget, w.SelectMultiple):
        options = tuple(_real_options(widget))
        if not options or len(options) > MOST_CHOICES:
            return Field(label, "line", hint="Write in each one that applies.")
        return Field(label, "choices", options, hint="Tick all that apply.")
    if isinstance(widget, w.Dropdown | w.RadioButtons | w.ToggleButtons | w.Select):
        options = tuple(_real_options(widget))
        if not options or len(options) > MOST_CHOICES:
            return Field(label, "line", hint="Write it in.")
        return Field(label, "choice", options)
    return None


def _shown(widget) -> bool:
    layout = getattr(widget, "layout", None)
    return layout is None or (layout.display != "none" and layout.visibility != "hidden")


SENTINEL = "\u0000not drawn"


def _texts(widget) -> Iterator[w.Widget]:
    if isinstance(widget, w.HTML | w.HTMLMath):
        yield widget
    for child in getattr(widget, "children", ()):
        yield from _texts(child)


def _live_texts(view) -> set[int]:
    """The texts the view draws from its model (a score, a count, a chart, "nothing yet"): on
    paper, with nothing filled in, they would only report an empty form. Found by blanking
    every text and asking the view to draw itself again: what it writes is live."""
    texts = list(_texts(view.widget))
    kept = {id(t): t.value for t in texts}
    for text in texts:
        text.value = SENTINEL
    view.redraw()
    live = {id(t) for t in _texts(view.widget) if id(t) not in kept or t.value != SENTINEL}
    for text in texts:
        if id(text) not in live:
            text.value = kept[id(text)]
    return live


def _walk(widget, sheet: Sheet, seen_labels: dict[str, int],
          live: frozenset[int] = frozenset()) -> Iterator[Part | str]:
    """The form's parts in reading order; a button comes as its description (a str)."""
    if not _shown(widget):
        return
    if isinstance(widget, w.Tab | w.Accordion):
        for index, child in enumerate(widget.children):
            title = widget.get_title(index) if hasattr(widget, "get_title") else ""
            yield Section(title or f"Part {index + 1}")
            yield from _walk(child, sheet, seen_labels, live)
        return
    if isinstance(widget, w.Box):
        children = [c for c in widget.children if _shown(c)]
        inner = [p for c in children for p in _walk(c, sheet, seen_labels, live)]
        fields = [p for p in inner if isinstance(p, Field)]
        beside = [p for p in inner if isinstance(p, Block)]
        if isinstance(widget, w.HBox) and len(fields) == 1 and beside and \
                all(len(_text_of(b.html)) <= 80 for b in beside):
            # Text beside a field ("Digital leadership and vision" next to "Pillar 1") is its
            # hint on paper.
            extra = " ".join(_text_of(b.html) for b in beside)
            fields[0].hint = " ".join(x for x in (fields[0].hint, extra) if x)
            inner = [p for p in inner if not isinstance(p, Block)]
        yield from inner
        return
    if isinstance(widget, w.Button):
        yield widget.description
        return
    if isinstance(widget, w.HTML | w.HTMLMath | w.Label):
        block = _clean_html(widget.value, headings_only=id(widget) in live)
        if block:
            yield Block(block, heading=bool(re.match(r"\s*<h[1-6]", block)))
        return
    if isinstance(widget, w.FileUpload | w.Output):
        return
    if isinstance(widget, w.ValueWidget | w.DOMWidget):
        made = _field(widget)
        if made is None or not made.label:
            return
        # The action plan's list has filters named like the fields above it: the second
        # "Objective" is a filter, named "Objective:filter" in screen_only.
        seen_labels[made.label] = seen_labels.get(made.label, 0) + 1
        if made.label in sheet.screen_only:
            return
        if seen_labels[made.label] > 1 and f"{made.label}:filter" in sheet.screen_only:
            return
        if made.label in sheet.options:
            made.options = sheet.options[made.label]()
        made.note = sheet.hints.get(made.label, "")
        yield made


def _text_of(markup: str) -> str:
    return " ".join(lxml_html.fromstring(f"<div>{markup}</div>").text_content().split())


def _clean_html(value: str, headings_only: bool = False) -> str:
    """A form's HTML on paper: no charts, scripts, styles, status lines, checklists or
    "nothing yet" messages; the rest (instructions, tables) as it is, unstyled. Of a live
    text, only its headings (the name of a future, of the plan)."""
    if not value or not value.strip():
        return ""
    fragments = lxml_html.fragments_fromstring(value)
    if headings_only:
        fragments = [f for f in fragments if not isinstance(f, str)
                     and (re.fullmatch(r"h[1-6]", f.tag)
                          or (f.tag == "b" and len(fragments) == 1))]
    kept = []
    for fragment in fragments:
        if isinstance(fragment, str):
            if fragment.strip():
                kept.append(html.escape(fragment))
            continue
        for element in list(fragment.iter()):
            if element is fragment:
                continue
            if _dropped(element) and element.getparent() is not None:
                element.drop_tree()
        if _dropped(fragment):
            continue
        for element in fragment.iter():
            element.attrib.pop("style", None)
        text = lxml_html.tostring(fragment, encoding="unicode")
        if fragment.text_content().strip() or fragment.tag == "table":
            kept.append(text)
    return "".join(kept)


def _dropped(element) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in ("figure", "img", "style", "script", "button"):
        return True
    if element.get("role") in ("status", "group", "alert"):
        return True
    text = element.text_content().strip()
    if re.fullmatch(r"\d+ of (at most )?\d+ words\.?", text):
        return True  # a live word count
    # A paragraph that is only an italic "nothing yet" message.
    return (tag in ("p", "div") and len(element) == 1 and element[0].tag == "i"
            and not (element.text or "").strip() and not (element[0].tail or "").strip())


def parts(exercise_id: str) -> list[Part]:
    """The form of an exercise, empty, as the parts of its worksheet."""
    spec = sheet(exercise_id)
    form = _form_class(spec.form)
    view = form.view_class(form.model_class(), on_change=lambda: None)
    live = frozenset(_live_texts(view))
    out: list[Part] = []
    for part in _walk(view.widget, spec, {}, live):
        if isinstance(part, str):  # a button: does it add a copy of the fields above it?
            if part in spec.copies:
                copies = spec.copies[part]
                group = _take_group(out, copies.first)
                if group:
                    out.append(Repeat(group, copies.count(), _noun(part)))
            continue
        out.append(part)
    return _drop_empty_sections(out)


def _take_group(out: list[Part], first: str) -> list[Field | Block]:
    """Take from the end of ``out`` the parts one copy is made of: back to the field labelled
    ``first``, or else the fields just above."""
    group: list[Field | Block] = []
    while out and isinstance(out[-1], Field | Block):
        item = out[-1]
        if not first and not isinstance(item, Field):
            break
        group.insert(0, out.pop())
        if first and isinstance(item, Field) and item.label == first:
            break
    if first and not (group and isinstance(group[0], Field) and group[0].label == first):
        raise ValueError(f"No field {first!r} above the button that adds it")
    return group


def _noun(button: str) -> str:
    words = button.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0] in ("Add", "Save") else "item"


def _drop_empty_sections(items: list[Part]) -> list[Part]:
    """Tabs with nothing to fill in (a timeline, the history, the export) are left out."""
    segments: list[list[Part]] = [[]]
    for item in items:
        if isinstance(item, Section):
            segments.append([])
        segments[-1].append(item)
    kept = [segments[0]] + [s for s in segments[1:]
                            if any(isinstance(p, Field | Repeat) for p in s)]
    return [p for segment in kept for p in segment]


def field_labels(exercise_id: str) -> list[str]:
    """Every field of the exercise's form that the worksheet carries."""
    labels = []
    for part in parts(exercise_id):
        if isinstance(part, Field):
            labels.append(part.label)
        elif isinstance(part, Repeat):
            labels += [f.label for f in part.fields]
    return list(dict.fromkeys(labels))


# -- the parts as HTML -------------------------------------------------------------------------


def _tick_list(options: tuple[str, ...]) -> str:
    longest = max((len(o) for o in options), default=0)
    columns = 1 if longest > 40 else 2 if longest > 22 else 3
    items = "".join(f"<li><span class='ws-tick' aria-hidden='true'></span>{html.escape(o)}</li>"
                    for o in options)
    return f"<ul class='ws-choices' style='columns:{columns}'>{items}</ul>"


def _note_html(item: Field) -> str:
    return f"<p class='ws-note'>{html.escape(item.note)}</p>" if item.note else ""


def _field_html(item: Field) -> str:
    label = f"{_note_html(item)}<div class='ws-label'>{html.escape(item.label)}</div>"
    hint = f"<div class='ws-hint'>{html.escape(item.hint)}</div>" if item.hint else ""
    if item.kind == "box":
        room = f"<div class='ws-box' style='height:{TEXTAREA_LINES * 1.9:.1f}em'></div>"
    elif item.kind in ("line", "number"):
        width = "12em" if item.kind == "number" else "100%"
        room = f"<div class='ws-line' style='width:{width}'></div>"
    elif item.kind == "date":
        room = "<div>____ / ____ / ________</div>"
    elif item.kind in ("choice", "choices", "scale"):
        if item.kind == "choice":
            hint = hint or "<div class='ws-hint'>Tick one.</div>"
        room = _tick_list(item.options)
        if item.kind == "scale":
            hint = "<div class='ws-hint'>Tick one.</div>"
            room = room.replace("ws-choices", "ws-choices ws-scale")
    else:  # a tick box
        return (f"<div class='ws-field'><span class='ws-tick' aria-hidden='true'></span>"
                f"<span class='ws-label'>{html.escape(item.label)}</span></div>")
    return f"<div class='ws-field'>{label}{hint}{room}</div>"


def _matrix_html(fields: list[Field]) -> str:
    """Several single choices with the same options: one row each, a box per option."""
    options = fields[0].options
    head = "".join(f"<th scope='col'>{html.escape(o)}</th>" for o in options)
    rows = "".join(
        f"<tr><th scope='row'>{html.escape(f.label)}"
        + (f"<br><span class='ws-hint'>{html.escape(f.hint)}</span>" if f.hint else "")
        + "</th>"
        + "".join(f"<td><span class='ws-tick' aria-label='{html.escape(o)}'></span></td>"
                  for o in options)
        + "</tr>"
        for f in fields
    )
    return (f"{_note_html(fields[0])}"
            f"<table class='ws-matrix'><thead><tr><th scope='col'>Field</th>{head}</tr></thead>"
            f"<tbody>{rows}</tbody></table><p class='ws-hint'>Tick one box in each row.</p>")


def _repeat_html(repeat: Repeat) -> str:
    if len(repeat.parts) == len(repeat.fields) <= 5:  # a few fields: a table, a row each
        tall = any(f.kind == "box" for f in repeat.fields)
        head = "".join(
            f"<th scope='col' style='width:{_column_share(f, repeat.fields)}%'>"
            f"{html.escape(f.label)}"
            + (f"<br><span class='ws-hint'>{html.escape(', '.join(f.options))}</span>"
               if f.options else "")
            + "</th>"
            for f in repeat.fields
        )
        rows = "".join("<tr>" + "<td></td>" * len(repeat.fields) + "</tr>"
                       for _ in range(repeat.count))
        return (f"<table class='ws-rows{' ws-tall' if tall else ''}'><thead><tr>{head}</tr>"
                "</thead>"
                f"<tbody>{rows}</tbody></table><p class='ws-hint'>One row for each "
                f"{html.escape(repeat.noun)}; for a choice, write its number or its word.</p>")
    cards = []
    for number in range(1, repeat.count + 1):
        inner = _parts_html(list(repeat.parts))
        cards.append(f"<div class='ws-card'><h4>{html.escape(repeat.noun.capitalize())} "
                     f"{number}</h4>{inner}</div>")
    return "".join(cards)


def _column_share(item: Field, fields: list[Field]) -> int:
    """A column's share of a table's width: a choice or a number is written small, a box
    needs the most room."""
    weight = {"box": 3, "line": 2}
    total = sum(weight.get(f.kind, 1) for f in fields)
    return round(100 * weight.get(item.kind, 1) / total)


def _parts_html(items: list[Part]) -> str:
    out, index = [], 0
    while index < len(items):
        item = items[index]
        if isinstance(item, Field) and item.kind == "choice":
            run = [item]
            while (index + len(run) < len(items) and isinstance(items[index + len(run)], Field)
                   and items[index + len(run)].kind == "choice"
                   and items[index + len(run)].options == item.options):
                run.append(items[index + len(run)])
            if len(run) >= 3 and max(len(o) for o in item.options) <= 30:
                out.append(_matrix_html(run))
                index += len(run)
                continue
        if isinstance(item, Field):
            out.append(_field_html(item))
        elif isinstance(item, Block):
            out.append(item.html)
        elif isinstance(item, Section):
            out.append(f"<h3>{html.escape(item.title)}</h3>")
        elif isinstance(item, Repeat):
            out.append(_repeat_html(item))
        index += 1
    return "\n".join(out)


def _minutes(slot) -> int:
    return (slot.end.hour * 60 + slot.end.minute) - (slot.start.hour * 60 + slot.start.minute)


def about_html(exercise: Exercise) -> str:
    """When the exercise runs, what to do and what it produces, from the week."""
    course = week()
    slots = [(d, s) for d in course.days for s in d.slots if exercise.id in s.exercises]
    when = "; ".join(f"Day {d.number}, {s.times.replace('-', chr(0x2013))} "
                     f"({_minutes(s)} minutes)" for d, s in slots)
    notes = " ".join(dict.fromkeys(s.notes for _, s in slots if s.notes))
    module = course.module(exercise.module)
    lines = [f"<p><b>Module {module.number}:</b> {html.escape(module.short)}. "
             f"<b>When:</b> {html.escape(when)}.</p>"]
    if notes:
        lines.append(f"<p><b>What to do:</b> {html.escape(notes)}</p>")
    lines.append(f"<p><b>What you produce:</b> {html.escape(exercise.output.rstrip('.'))}.</p>")
    lines.append("<p>This sheet has the fields of the exercise's form, under the same labels, "
                 "so that the answers can be typed into the form later.</p>")
    return f"<div class='ws-about'>{''.join(lines)}</div>"


@cache
def fragment(exercise_id: str) -> str:
    """The worksheet's fields as HTML, without a title: what replaces the form in the book."""
    return f"<div class='worksheet'>{_parts_html(parts(exercise_id))}</div>"


def document(exercise_id: str) -> str:
    """A worksheet as a whole HTML page, ready to print."""
    exercise = week().exercise(exercise_id)
    title = f"{exercise.label}: worksheet"
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{look.css()}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>{about_html(exercise)}"
        "<div class='ws-field'><div class='ws-label'>Team and government</div>"
        "<div class='ws-line'></div></div>"
        f"{fragment(exercise_id)}</body></html>"
    )


def exercises() -> list[Exercise]:
    """The exercises that have a worksheet, in the order of the week."""
    ids = {s.exercise for s in SHEETS}
    return [e for e in week().exercises if e.id in ids]


def file_name(exercise: Exercise) -> str:
    stem = exercise.notebook.rsplit("/", 1)[-1] if exercise.notebook else exercise.id
    return f"{stem.replace('_', '-')}.pdf"
