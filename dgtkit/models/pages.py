"""Each result a team makes, as a page to show, print or download: plain data that the views
draw as HTML (``dgtkit.widgets.pages``) and the exports write as a one-page Word document
(``dgtkit.planfile.pages``). "Your week so far" is these pages, one per exercise.

A ``Page`` is a title and blocks: ``Heading(text)``, ``Text(text)``, ``Bullets(items)`` and
``Table(headers, rows)``. Each builder takes the exercise's own model (or what
``dgtkit.store.handoff`` reads), so nothing here reads the workbook.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dgtkit.course.governments import governments
from dgtkit.models import dates


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


Block = Heading | Text | Bullets | Table


@dataclass(frozen=True)
class Page:
    """One result: ``exercise`` is its id in the week ("ex05"), ``title`` what it is."""

    exercise: str
    title: str
    blocks: tuple[Block, ...] = ()
    done: bool = True  # False: the exercise has nothing saved yet
    chart: str = ""  # which chart goes with it ("radar", "gaps"), drawn by the views

    @property
    def text(self) -> str:
        """Every word of the page, for searching and for the tests."""
        parts = [self.title]
        for block in self.blocks:
            if isinstance(block, Heading | Text):
                parts.append(block.text)
            elif isinstance(block, Bullets):
                parts += block.items
            else:
                parts += [" ".join(block.headers)] + [" ".join(r) for r in block.rows]
        return "\n".join(parts)


def _not_done(exercise: str, title: str, what: str) -> Page:
    return Page(exercise, title, (Text(f"Not done yet: {what}"),), done=False)


def _s(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


# -- the thread ------------------------------------------------------------------------------


def pillar_rating_page(rating) -> Page:
    """Ex 3 (``PillarRating``): the level of each pillar and what shows it."""
    title = "Ex 3 Pillar self-rating"
    if rating is None or not any(rating.ratings.values()):
        return _not_done("ex03", title, "rate your government on each pillar.")
    framework = rating.framework
    level = governments().level_names.get(rating.level, "")
    about = rating.government or "Your government"
    blocks: list[Block] = [Text(f"{about}{' (' + level.lower() + ')' if level else ''}. "
                                f"{rating.summary()}")]
    rows = []
    for pillar in framework.pillars:
        value = rating.ratings[pillar.id]
        rows.append((pillar.name, framework.level(value).label if value else "Not rated",
                     rating.evidence.get(pillar.id, "")))
    blocks.append(Table(("Pillar", "Level today", "Evidence"), tuple(rows)))
    return Page("ex03", title, tuple(blocks), chart="radar")


def gap_profile_page(gaps, situation=None, government: str = "") -> Page:
    """Ex 5: the biggest gaps with their problem and evidence, the benchmark findings, the
    SWOT and the stakeholders (``gaps``: ``CapacityGap``s; ``situation``: what
    ``handoff.situation`` reads, or a ``SituationAnalysis``-like object with the same parts)."""
    title = "Ex 5 Capacity-gap profile"
    findings = list(getattr(situation, "findings", ()) or ())
    swot = getattr(situation, "swot", None)
    stakeholders = getattr(situation, "stakeholders", None)
    if not gaps and not findings and not (swot and swot.count()):
        return _not_done("ex05", title, "set today's level and the target of each pillar.")
    blocks: list[Block] = []
    if government:
        blocks.append(Text(f"Government: {government}."))
    blocks.append(Heading("The biggest capacity gaps"))
    if gaps:
        blocks.append(Table(
            ("Pillar", "Today", "Target", "The problem", "Evidence"),
            tuple((g.name, str(g.current), str(g.target), getattr(g, "problem", "") or "",
                   g.evidence or "") for g in gaps)))
    else:
        blocks.append(Text("No gap recorded yet."))
    if findings:
        blocks += [Heading("What the benchmark shows (national context)"),
                   Bullets(tuple(findings))]
    if swot is not None and swot.count():
        rows = tuple((swot.categories[key], "; ".join(e.text for e in entries))
                     for key, entries in swot.entries.items() if entries)
        blocks += [Heading("SWOT, most important first"), Table(("", "Entries"), rows)]
    if stakeholders is not None and stakeholders.stakeholders:
        rows = tuple((s.name, s.quadrant, s.strategy) for s in stakeholders.stakeholders)
        blocks += [Heading("Stakeholders"),
                   Table(("Stakeholder", "Position", "How to work with them"), rows)]
    return Page("ex05", title, tuple(blocks), chart="gaps")


def vision_page(vision) -> Page:
    """Ex 7 (``Vision``): the statement, who benefits, the SDG targets, the milestones."""
    title = "Ex 7 Vision and backcasting"
    if vision is None or not (vision.statement or vision.milestones):
        return _not_done("ex07", title, "write the vision and work back to today.")
    blocks: list[Block] = [Text(vision.statement or "No statement yet.")]
    facts = []
    if vision.year:
        facts.append(f"Vision year: {vision.year}")
    if vision.beneficiaries:
        facts.append(f"Who benefits: {vision.beneficiaries}")
    if vision.sdg_targets:
        facts.append("SDG targets: " + ", ".join(vision.sdg_targets))
    if vision.focus_gap:
        facts.append(f"Focus: {vision.focus_gap.name}")
    if vision.strategy:
        facts.append(f"Serves: {vision.strategy}")
    from dgtkit.models.vision import SECTORS

    facts += [f"Carried by ({label.lower()}): {vision.carriers[sector]}"
              for sector, label in SECTORS.items() if vision.carriers.get(sector)]
    if facts:
        blocks.append(Bullets(tuple(facts)))
    if vision.milestones:
        blocks += [Heading("Milestones, back to today"),
                   Table(("Year", "Milestone", "What must be true"),
                         tuple((str(m.year), m.title, m.must_be_true)
                               for m in vision.milestones))]
    return Page("ex07", title, tuple(blocks))


def roadmap_page(roadmap) -> Page:
    """Ex 10 (``Roadmap``): the canvas, one row per intervention."""
    title = "Ex 10 Capacity roadmap"
    interventions = roadmap.interventions() if roadmap is not None else []
    if not interventions:
        return _not_done("ex10", title, "complete at least one row of the canvas.")
    rows = []
    for item in interventions:
        partners = "; ".join(p for p in (item.public, item.private, item.people) if p)
        when = f"{dates.month(item.start, short=True)} to {dates.month(item.end, short=True)}"
        rows.append((str(item.number), item.gap, item.level_name, item.intervention,
                     item.owner, partners, when))
    blocks: list[Block] = [Table(("Row", "Gap", "Level", "Intervention", "Owner", "Partners",
                                  "When"), tuple(rows))]
    if roadmap.vision_year:
        blocks.insert(0, Text(f"Towards the vision year {roadmap.vision_year}."))
    return Page("ex10", title, tuple(blocks), chart="roadmap")


def indicators_page(clinic) -> Page:
    """Ex 11 (``IndicatorSet``): each indicator from its baseline to its target, and how it
    is monitored."""
    title = "Ex 11 SMART indicators"
    summaries = clinic.summaries() if clinic is not None else []
    if not summaries:
        return _not_done("ex11", title, "name and save at least one indicator.")
    rows = []
    for item in summaries:
        base = item.baseline_text + (f" ({dates.month(item.baseline_date, short=True)})"
                                     if item.baseline_date else "")
        goal = item.target_text + (f" by {dates.month(item.target_date, short=True)}"
                                   if item.target_date else "")
        how = "; ".join(p for p in (item.data_source, item.frequency) if p)
        rows.append((item.name, base, goal, how, item.owner,
                     "all five" if item.passes else f"{sum(item.smart.values())} of 5"))
    return Page("ex11", title, (Table(("Indicator", "Baseline", "Target", "Source and "
                                       "frequency", "Reports", "SMART tests passed"),
                                      tuple(rows)),))


def local_review_page(review) -> Page:
    """Ex 12 (``LocalReview``): each target, what tracks it, its baseline and target, who
    reports it, how the data is broken down, and the actions that serve it; then the
    dashboard's three lists."""
    from dgtkit.models.local_review import DISAGGREGATIONS

    title = "Ex 12 Local SDG review"
    if review is None or not review.targets:
        return _not_done("ex12", title, "choose at least one SDG target your plan serves.")
    board = review.dashboard()
    rows = []
    for item in review.targets:
        late = " (deadline passed)" if item.target in board.passed else ""
        base = (f"{item.baseline} ({item.baseline_year})" if item.has_data
                else "No data yet")
        how = "; ".join(p for p in (item.data_source, item.frequency, item.reporter) if p)
        groups = ", ".join(DISAGGREGATIONS[k].split(" (")[0] for k in item.disaggregation)
        rows.append((item.target + late, item.measure or "Not chosen", base,
                     item.target_value, how, groups or "None yet",
                     _s(len(item.actions), "action")))

    def listed(ids) -> str:
        return ", ".join(ids) if ids else "none"

    return Page("ex12", title, (
        Table(("Target", "Tracked by", "Baseline", "Target value", "Source, frequency, "
               "reports", "Broken down by", "Served by"), tuple(rows)),
        Bullets((f"Tracked: {listed(board.tracked)}.", f"No data yet: {listed(board.no_data)}.",
                 f"Served by no action: {listed(board.unserved)}.")),
    ), chart="review")


# -- the exercises that add to it ------------------------------------------------------------


def classification_page(model) -> Page:
    title = "Ex 1 Digitize, digitalize or transform?"
    if model is None:
        return _not_done("ex01", title, "classify the twelve services.")
    return Page("ex01", title, (Text(model.summary()),))


def benefit_risk_page(matrix) -> Page:
    title = "Ex 2 Benefit-risk matrix"
    if matrix is None or not (matrix.benefits or matrix.risks):
        return _not_done("ex02", title, "add three benefits and three risks.")
    rows = [(matrix.label(i), "Benefit", i.title, f"{i.likelihood} x {i.impact}", "", "")
            for i in matrix.benefits]
    rows += [(matrix.label(i), "Risk", i.title, f"{i.likelihood} x {i.impact}",
              i.mitigation, i.owner) for i in matrix.risks]
    return Page("ex02", title, (Text(matrix.summary()),
                                Table(("", "Kind", "What", "Likelihood x impact",
                                       "Mitigation", "Owner"), tuple(rows))))


def sequencing_page(model) -> Page:
    title = "Ex 4 Process sequencing"
    if model is None:
        return _not_done("ex04", title, "put the steps of the process in order.")
    return Page("ex04", title, (Text(model.summary()),))


def scenarios_page(model) -> Page:
    title = "Ex 6 Horizon scan and scenarios"
    if model is None or not model.signals:
        return _not_done("ex06", title, "list the signals and choose two uncertainties.")
    critical = len(model.critical_signals())
    blocks: list[Block] = [Text(f"{_s(len(model.signals), 'signal')}; {critical} critical "
                                f"uncertaint{'y' if critical == 1 else 'ies'}; futures for "
                                f"{model.horizon}.")]
    futures = [(model.quadrant_title(q), s.narrative) for q, s in model.scenarios.items()
               if s.name or s.narrative]
    if futures:
        blocks += [Heading("The four futures"), Table(("Future", "What it looks like"),
                                                      tuple(futures))]
    return Page("ex06", title, tuple(blocks))


def structure_page(model) -> Page:
    title = "Ex 8 Organization structure"
    if model is None:
        return _not_done("ex08", title, "rate the factors and recommend a structure.")
    blocks: list[Block] = [Text(model.summary())]
    facts = [(label, value) for label, value in (("Our reasons", model.reasons),
                                                  ("The risk we manage", model.risk),
                                                  ("First step", model.first_step)) if value]
    if facts:
        blocks.append(Table(("", ""), tuple(facts)))
    return Page("ex08", title, tuple(blocks))


def skills_page(matrix) -> Page:
    title = "Ex 9 Skills-gap matrix"
    if matrix is None or not matrix.roles:
        return _not_done("ex09", title, "add the roles and rate their competencies.")
    rows = tuple((g.role_name, g.competency_name, f"{g.today} to {g.needed}",
                  g.measure_name, g.provider) for g in matrix.biggest_gaps())
    blocks: list[Block] = [Bullets(tuple(matrix.summary()))]
    if rows:
        blocks.append(Table(("Role", "Competency", "Level today to needed", "Measure",
                             "Provider"), rows))
    return Page("ex09", title, tuple(blocks))


@dataclass(frozen=True)
class WeekPages:
    """The week as pages, in the order of the week, and who it was about."""

    government: str
    pages: list[Page] = field(default_factory=list)

    @property
    def done(self) -> list[Page]:
        return [p for p in self.pages if p.done]


def week_pages(week) -> WeekPages:
    """Every exercise of ``week`` (``dgtkit.store.handoff.Week``) as a page."""
    who = week.government
    named = who.name or ""
    if who.country and who.country not in named:
        named = f"{named}, {who.country}" if named else who.country
    return WeekPages(named, [
        classification_page(week.ex01),
        benefit_risk_page(week.ex02),
        pillar_rating_page(week.ex03),
        sequencing_page(week.ex04),
        gap_profile_page(week.gaps, week.situation, who.name),
        scenarios_page(week.ex06),
        vision_page(week.vision),
        structure_page(week.ex08),
        skills_page(week.ex09),
        roadmap_page(week.roadmap),
        indicators_page(week.indicators),
        local_review_page(week.ex12),
    ])
