"""Saved exercise answers that pass every autograded check of the graded course.

The source notebooks of ``exercises/source`` check what a student saved in the workbook beside
the notebook, and Module 7's the action plan the app exports, a JSON file beside it. To
validate a source notebook (``make validate``), and to generate submissions for the tests and
the autograde benchmark, these files with complete answers are needed; this module writes
them (``write_submission``). They are never put into a source folder: a workbook or a plan
file there would be released to every student
(``dgtkit.instructor.nbgrader_hooks.RefuseSavedAnswersInSource``).

The answers are built through each exercise's own model, as its form would build them, and
dated from today, so they do not age.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path

from dgtkit.course.frameworks import frameworks
from dgtkit.models import action_plan as plan
from dgtkit.models import (
    benefit_risk,
    classification,
    dates,
    indicators,
    local_review,
    pillar_rating,
    roadmap,
    scenarios,
    sequencing,
    situation,
    skills,
    structure,
    vision,
)
from dgtkit.models.assessment import CapacityGap
from dgtkit.store.workbook import DEFAULT_FILENAME, Workbook

GOVERNMENT = "Deli Serdang Regency"
COUNTRY = "IDN"


def ex01_classification() -> dict:
    model = classification.ServiceClassification()
    for example in model.catalogue.examples:
        model.choose(example.id, example.answer)
        model.explain(example.id, f"The team discussed this example: {example.why}"[:300])
    return model.to_dict()


def ex02_benefit_risk() -> dict:
    model = benefit_risk.BenefitRiskMatrix()
    model.name_government(GOVERNMENT)
    data = benefit_risk.course_data()
    benefits = data.of_kind("benefit")
    risks = data.of_kind("risk")
    mitigations = ("Assisted counters in every village office",
                   "A data-protection officer reviews each new service",
                   "A second supplier for the permit platform")
    for number in range(3):
        model.add(benefit_risk.new_item(
            "benefit", benefits[number % len(benefits)].id, f"Benefit {number + 1}: one visit",
            3, 4,
        ))
        model.add(benefit_risk.new_item(
            "risk", risks[number % len(risks)].id, f"Risk {number + 1}: people left offline",
            number + 2, 4, mitigations[number], "Head of the service unit",
        ))
    return model.to_dict()


def ex03_pillar_rating() -> dict:
    model = pillar_rating.PillarRating()
    model.name_government(GOVERNMENT)
    for number, pillar_id in enumerate(frameworks().pillar_ids):
        model.rate(pillar_id, number % 5 + 1)
        model.note_evidence(pillar_id, f"Our staff survey of 2025, question {number + 1}, "
                                       "and the regency's own records")
    return model.to_dict()


def ex04_sequencing() -> dict:
    model = sequencing.ProcessSequence()
    for position, step_id in enumerate(model.expected, start=1):
        model.place(step_id, position)
    for first, second in zip(model.expected, model.expected[1:], strict=False):
        model.explain_link(first, second, f"What {first} finds is what {second} starts from.")
    model.check()
    return model.to_dict()


#: Ex 5's levels today and targets, as a team that weighed its evidence sets them: gaps of
#: different sizes, the weakest pillars (skills, inclusion) and the pillar of Indonesia's
#: weakest index (human capital: inclusion) among the biggest gaps.
COMPETENT_LEVELS = {"leadership": (3, 4), "institutions": (2, 4), "organization": (2, 3),
                    "skills": (1, 4), "inclusion": (1, 3), "partnerships": (3, 4),
                    "capacity_developers": (2, 3), "infrastructure": (3, 4)}


def _situation() -> situation.SituationAnalysis:
    model = situation.SituationAnalysis()
    model.name_government(GOVERNMENT)
    model.choose_country(COUNTRY)
    assessment = model.assessment
    for name in ("Ana", "Budi"):
        assessment.add_member(name)
    for number, pillar_id in enumerate(assessment.framework.pillar_ids):
        today, target = COMPETENT_LEVELS[pillar_id]
        for name in ("Ana", "Budi"):
            assessment.rate_member(name, pillar_id, today)
        assessment.set_current(pillar_id, today)
        assessment.set_target(pillar_id, target)
        assessment.note_evidence(pillar_id, f"Staff survey of 2025, question {number + 1}")
    for category in model.swot.categories:
        model.swot.add(category, f"A point of the team under {category}")
    for category in list(model.pestel.categories)[:3]:
        model.pestel.add(category, f"A factor of the team under {category}")
    for name, power, interest in (("Regent", 9, 9), ("Ministry", 9, 3), ("Residents", 3, 9)):
        model.stakeholders.add(name, power, interest)
    return model


def ex05_situation_analysis() -> dict:
    return _situation().to_dict()


def ex06_scenarios() -> dict:
    model = scenarios.ScenarioSet()
    ratings = [(5, 5), (4, 5)] + [(3, 2)] * 8
    for number, (impact, uncertainty) in enumerate(ratings, start=1):
        model.add_signal(scenarios.new_signal(f"Signal {number}", "Seen in the news",
                                              impact, uncertainty))
    model.choose_axis(0, model.signals[0].id)
    model.choose_axis(1, model.signals[1].id)
    for index, (low, high) in enumerate((("low trust", "high trust"), ("slow", "fast"))):
        model.name_axis_end(index, "low", low)
        model.name_axis_end(index, "high", high)
    for number, quadrant in enumerate(model.scenarios, start=1):
        model.name_scenario(quadrant, f"Future {number}")
        model.tell_scenario(quadrant, f"In future {number}, residents use services on their "
                                      f"phones in their own way, number {number}. " * 2)
    return model.to_dict()


def _gaps() -> list[CapacityGap]:
    return _situation().assessment.gaps()[:3]


def _vision() -> vision.Vision:
    year = dates.today().year + 9
    model = vision.Vision.from_gaps(_gaps())
    model.write_statement(
        f"By {year}, every resident of our regency, including older people and remote "
        "villages, can use any local service online or with help nearby, in one visit."
    )
    model.name_beneficiaries("Older people and residents of remote villages")
    model.link_target("16.6")
    model.link_target("9.c")
    model.name_strategy("Indonesia's national digital transformation roadmap")
    for sector, actors in (("public", "Regional secretariat; national digital agency"),
                           ("private", "The regional bank and the mobile operators"),
                           ("people", "Village councils and the residents' association")):
        model.name_carriers(sector, actors)
    model.choose_focus(model.gaps_considered[0].pillar)
    for offset, title, true in (
            (0, "Data-sharing rule", "The regent has signed it."),
            (4, "Services online", "Front-office staff have the skills to help residents."),
            (7, "Help nearby", "Every village office has an assisted counter.")):
        model.add_milestone(vision.new_milestone(dates.today().year + offset, title, true))
    return model


def ex07_vision() -> dict:
    return _vision().to_dict()


def ex08_structure() -> dict:
    model = structure.OrganizationStructure()
    for factor_id, rating in {"capacity": 2, "size": 2, "diversity": 4, "leadership": 3,
                              "sharing": 1}.items():
        model.rate(factor_id, rating)
    model.choose(model.best()[0])
    model.write("reasons", "Only four staff with digital skills; departments keep data apart.")
    model.write("risk", "The unit may become a bottleneck: agree service levels with departments.")
    model.write("first_step", "The regent names the head of the digital unit this month.")
    return model.to_dict()


def ex09_skills() -> dict:
    model = skills.SkillsMatrix()
    for name in ("Head of department", "Front-office staff", "IT officer", "Data officer"):
        model.add_role(name)
    while len(model.competencies) > skills.MAX_COMPETENCIES:
        model.remove_competency(model.competencies[-1].id)
    top = model.catalogue.top
    for role in model.roles:
        for column in model.competencies:
            # The head of department needs every competency in full, the others some of
            # most: what each role needs differs.
            needs_all = role is model.roles[0] or column is model.competencies[0]
            model.set_today(role.id, column.id, 0 if not needs_all else 1)
            model.set_needed(role.id, column.id, min(2, top) if needs_all else 1)
            model.choose_measure(role.id, column.id, "training-by-position")
            model.name_provider(role.id, column.id, "The provincial training centre")
    return model.to_dict()


def _roadmap() -> roadmap.Roadmap:
    """The same roadmap (same row ids) on every call of a day, so that Ex 11 and Ex 12 tie
    their indicators and targets to the rows Ex 10 saved."""
    return roadmap.Roadmap.from_dict(_roadmap_of(dates.today()))


#: The sample roadmap's owner at each capacity level.
_ROADMAP_OWNERS = {
    "institutional": "Legal office of the regency",
    "organizational": "Regional secretariat",
    "individual": "Human resources unit",
    "societal": "Office of community empowerment",
}


@cache
def _roadmap_of(_day: date) -> dict:
    model = roadmap.Roadmap.from_gaps(_gaps())
    model.follow_vision(_vision())
    drafts = [row.id for row in model.rows]
    for number, (level, owner) in enumerate(_ROADMAP_OWNERS.items()):
        values = {
            "gap": f"Gap {number + 1} of the profile",
            "level": level,
            "intervention": f"A first intervention at the {level} level",
            "owner": owner,
            "public": "National digital agency",
            "people": "Residents' association",
            "horizon": "short",
        }
        model.save_row(drafts[number] if number < len(drafts) else None, **values)
    for extra in drafts[len(_ROADMAP_OWNERS):]:
        model.remove_row(extra)
    return model.to_dict()


def ex10_roadmap() -> dict:
    return _roadmap().to_dict()


def ex11_indicators() -> dict:
    today = dates.today()
    interventions = _roadmap().interventions()
    model = indicators.IndicatorSet.from_interventions(interventions)
    names = ("Residents served online", "Staff with a skills plan", "Permits issued online",
             "Villages with an assisted counter", "Datasets shared between departments")
    for number, name in enumerate(names):
        target = interventions[number % len(interventions)]
        values = {
            "intervention": target.id,
            "name": name,
            "definition": f"{name}, counted each quarter, divided by the total of the year",
            "unit": "Percentage",
            "baseline": "10",
            "baseline_date": today.replace(day=1),
            "target": "60%",
            "target_date": date(today.year + 2, 6, 1),
            "data_source": "Records of the owner",
            "frequency": "Every three months",
            "owner": target.owner,
        }
        existing = model.indicators[number].id if number < len(model.indicators) else None
        saved = model.save_indicator(existing, **values)
        model.confirm(saved.id, "Ana, head of planning")
    return model.to_dict()


def ex12_local_review() -> dict:
    """Four targets of the regency's plan, each tracked, with a baseline, broken down and
    tied to an Ex 10 row and an Ex 11 indicator."""
    rows = _roadmap().interventions()
    clinic = indicators.IndicatorSet.from_dict(ex11_indicators()).summaries()
    model = local_review.LocalReview()
    targets = (("16.6", "", "Share of residents' requests answered within the service standard"),
               ("16.9", "16.9.1", ""), ("4.4", "", "Front-office staff with a digital skills "
                                                  "certificate"),
               ("9.c", "9.c.1", ""))
    for number, (target, indicator, proxy) in enumerate(targets):
        model.add_target(target)
        model.update(target, indicator=indicator, proxy=proxy,
                     data_source="The regency's service records", baseline="40%",
                     baseline_year=dates.today().year - 1, target_value="80% by 2030",
                     frequency="Every six months", reporter="Regional planning office",
                     disaggregation=["sex", "location"],
                     actions=[str(rows[number % len(rows)].id)],
                     indicators=[str(clinic[number].id)])
    return model.to_dict()


def _month(offset: int) -> date:
    """The first day of the month ``offset`` months from this one."""
    today = dates.today()
    return date(today.year + (today.month - 1 + offset) // 12,
                (today.month - 1 + offset) % 12 + 1, 1)


def action_plan_model() -> plan.ActionPlan:
    """A full plan, as a team builds it in the app from its week's work: the Ex 7 vision,
    two objectives, four actions with every part (built with ``new_action``, which checks
    each), led by the owners of the Ex 10 roadmap and starting this month."""
    from dgtkit.models.plan_prefill import vision_link

    link = vision_link(_vision())
    model = plan.ActionPlan(vision=link)
    model.describe(team="sample", country="Indonesia", government=GOVERNMENT, level="local",
                   currency="IDR")
    model.add_objective(plan.new_objective(
        "Departments share the data residents give once", link.milestones[0].id))
    model.add_objective(plan.new_objective(
        "Residents get help with online services near home", "vision"))
    data, help_ = (objective.id for objective in model.objectives)
    actions = [
        ("Sign a data-sharing rule between departments", "Regional secretariat", data,
         "institutional", "institutions", 150_000_000, "own",
         plan.Indicator("Departments sharing data", "departments", 2, 12, "up"), ["16.6"]),
        ("Publish the rule on residents' data", "Legal office of the regency", data,
         "societal", "institutions", 40_000_000, "own",
         plan.Indicator("Days to answer a request for one's data", "days", 30, 5, "down"),
         ["16.10"]),
        ("Train front-office staff by position", "Human resources unit", help_,
         "individual", "skills", 300_000_000, "national",
         plan.Indicator("Front-office staff trained", "%", 10, 80, "up"), ["4.4"]),
        ("Open assisted counters in village offices", "Office of community empowerment",
         help_, "organizational", "inclusion", 500_000_000, "partner",
         plan.Indicator("Villages with an assisted counter", "villages", 0, 40, "up"),
         ["16.6", "9.c"]),
    ]
    for number, (title, lead, objective, level, pillar, budget, source, indicator,
                 targets) in enumerate(actions):
        start = _month(4 * number)
        model.add(plan.new_action(
            title, lead, start, date(start.year + 1, start.month, 1),
            description=f"{title}, with the partners named, in twelve months.",
            objective=objective, capacity_level=level, pillar=pillar,
            partners=plan.Partners(public="National digital agency",
                                   people="Residents' association"),
            budget=budget, budget_source=source, indicator=indicator, sdg_targets=targets,
            risks="Staff are too busy to take part.",
            mitigation="The regent makes it part of each unit's yearly targets.",
            priority="high" if number < 2 else "medium",
            priority_reason="The rest of the plan depends on it." if number < 2
            else "It follows once data may be shared.",
            objectives=[o.id for o in model.objectives],
        ))
    return model


def action_plan() -> dict:
    """The full plan as the form saves it in the workbook."""
    return action_plan_model().to_dict()


def write_plan_file(folder: str | Path) -> Path:
    """The full plan as the JSON file the app exports, written into ``folder`` under the
    app's name for it: what a Module 7 student hands in beside the notebook."""
    return _write_plan_file(action_plan_model(), folder)


def _write_plan_file(model, folder: str | Path) -> Path:
    from dgtkit.planfile import export, filename

    target = Path(folder) / filename(model, "json")
    target.write_bytes(export(model, "json"))
    return target


#: Workbook key → the function that builds a passing revision of it.
ANSWERS: dict[str, Callable[[], dict]] = {
    classification.EXERCISE_KEY: ex01_classification,
    benefit_risk.EXERCISE_KEY: ex02_benefit_risk,
    pillar_rating.EXERCISE_KEY: ex03_pillar_rating,
    sequencing.EXERCISE_KEY: ex04_sequencing,
    situation.EXERCISE_KEY: ex05_situation_analysis,
    scenarios.EXERCISE_KEY: ex06_scenarios,
    vision.EXERCISE_KEY: ex07_vision,
    structure.EXERCISE_KEY: ex08_structure,
    skills.EXERCISE_KEY: ex09_skills,
    roadmap.EXERCISE_KEY: ex10_roadmap,
    indicators.EXERCISE_KEY: ex11_indicators,
    local_review.EXERCISE_KEY: ex12_local_review,
    plan.EXERCISE_KEY: action_plan,
}


def write_workbook(
    path: str | Path, participant: str, keys: Iterable[str] | None = None
) -> Workbook:
    """A workbook at ``path`` holding passing answers of ``keys`` (all exercises if None),
    saved by ``participant``."""
    workbook = Workbook(path, participant=participant)
    for key in keys if keys is not None else ANSWERS:
        workbook.save(key, ANSWERS[key]())
    return workbook


#: What students hand in besides the notebook and the workbook, by assignment folder: Module
#: 7 grades the plan the action-plan app exports, a JSON file beside the notebook.
HANDED_IN: dict[str, Callable[[Path], Path]] = {"m7_action_plan": write_plan_file}


def write_submission(folder: str | Path, participant: str, assignment: str) -> None:
    """A complete submission's files in ``folder`` (the notebook aside): a workbook of
    passing answers saved by ``participant``, and whatever else ``assignment`` hands in."""
    folder = Path(folder)
    write_workbook(folder / DEFAULT_FILENAME, participant)
    if assignment in HANDED_IN:
        HANDED_IN[assignment](folder)


# -- careless but complete ----------------------------------------------------------------
#
# What a careless student saves: every form filled until its checklist is green, with none
# of the judgment the exercise asks for. The graded checks must give these fewer points than
# the answers above (tests/unit/test_quality_checks.py; benchmarks/completion_share.py
# measures the share of the automatic points they still earn).


def careless_ex01() -> dict:
    """Every example first put in the first step, then moved until the feedback says right;
    the same short reason for each."""
    model = classification.ServiceClassification()
    first = model.catalogue.step_ids[0]
    for example in model.catalogue.examples:
        model.choose(example.id, first)
        model.choose(example.id, example.answer)
        model.explain(example.id, "It is digital now, we think.")
    return model.to_dict()


def careless_ex02() -> dict:
    """Three benefits and three risks, every risk rated the same, one mitigation pasted."""
    model = benefit_risk.BenefitRiskMatrix.from_dict(ex02_benefit_risk())
    for risk in model.risks:
        model.edit(risk.id, replace(risk, likelihood=3, impact=3,
                                    mitigation="Training and awareness for everyone"))
    return model.to_dict()


def careless_ex06() -> dict:
    """The scan and axes as in the sample; one narrative pasted into all four futures."""
    model = scenarios.ScenarioSet.from_dict(ex06_scenarios())
    for quadrant in model.scenarios:
        model.tell_scenario(quadrant, "Residents use services on their phones. " * 3)
    return model.to_dict()


def careless_ex09() -> dict:
    """Every role needs the same level of every competency."""
    model = skills.SkillsMatrix.from_dict(ex09_skills())
    for role in model.roles:
        for column in model.competencies:
            model.set_needed(role.id, column.id, 2)
    return model.to_dict()


def careless_ex10() -> dict:
    """A complete canvas whose rows all say the same intervention, none on the Ex 5 gaps."""
    model = roadmap.Roadmap.from_dict(ex10_roadmap())
    for row in list(model.rows):
        model.remove_row(row.id)
    for level, owner in _ROADMAP_OWNERS.items():
        model.save_row(None, gap="Low capacity", level=level, intervention="Train the staff",
                       owner=owner, horizon="short")
    return model.to_dict()


def careless_ex03() -> dict:
    """Every pillar at level 3, no evidence."""
    model = pillar_rating.PillarRating()
    model.name_government(GOVERNMENT)
    for pillar_id in frameworks().pillar_ids:
        model.rate(pillar_id, 3)
    return model.to_dict()


def careless_ex04() -> dict:
    """The steps in any order, each link 'explained' with the same sentence."""
    model = sequencing.ProcessSequence()
    for position, step_id in enumerate(reversed(model.expected), start=1):
        model.place(step_id, position)
    order = sorted(model.expected, key=lambda s: model.positions[s])
    for first, second in zip(order, order[1:], strict=False):
        model.explain_link(first, second, "It leads to the next step.")
    return model.to_dict()


def careless_ex05() -> dict:
    """Every pillar level 2 today and 4 wanted: complete, and no priority at all."""
    model = _situation()
    for pillar_id in model.assessment.framework.pillar_ids:
        model.assessment.set_current(pillar_id, 2)
        model.assessment.set_target(pillar_id, 4)
    return model.to_dict()


def careless_ex07() -> dict:
    """A statement that passes its checks, no focus, and milestones about anything."""
    model = _vision()
    model.choose_focus(None)
    for milestone, title in zip(model.milestones, ("Phase one", "Phase two", "Phase three"),
                                strict=False):
        model.replace_milestone(milestone.id, vision.new_milestone(
            milestone.year, title, "The work of this phase is finished."))
    return model.to_dict()


def careless_ex11() -> dict:
    """Five indicators whose definition only repeats the name."""
    model = indicators.IndicatorSet.from_dict(ex11_indicators())
    for indicator in list(model.named()):
        values = {name: getattr(indicator, name) for name in (
            "intervention", "name", "unit", "baseline", "target", "baseline_date",
            "target_date", "data_source", "frequency", "owner")}
        values["definition"] = indicator.name
        values["baseline"] = indicators.format_value(indicator.baseline, indicator.unit)
        values["target"] = indicators.format_value(indicator.target, indicator.unit)
        saved = model.save_indicator(indicator.id, **values)
        model.confirm(saved.id, "Ana, head of planning")
    return model.to_dict()


def careless_plan_model() -> plan.ActionPlan:
    """The full plan with every action on the leadership pillar: complete and consistent,
    but acting on none of the biggest gaps."""
    model = action_plan_model()
    model.actions = [replace(a, pillar="leadership") for a in model.actions]
    return model


def careless_action_plan() -> dict:
    return careless_plan_model().to_dict()


def write_careless_plan_file(folder: str | Path) -> Path:
    return _write_plan_file(careless_plan_model(), folder)


#: Workbook key → a careless but complete revision (the sample answer where the exercise's
#: check can only judge completion: Ex 8).
CARELESS: dict[str, Callable[[], dict]] = {
    **ANSWERS,
    classification.EXERCISE_KEY: careless_ex01,
    benefit_risk.EXERCISE_KEY: careless_ex02,
    pillar_rating.EXERCISE_KEY: careless_ex03,
    sequencing.EXERCISE_KEY: careless_ex04,
    situation.EXERCISE_KEY: careless_ex05,
    scenarios.EXERCISE_KEY: careless_ex06,
    vision.EXERCISE_KEY: careless_ex07,
    skills.EXERCISE_KEY: careless_ex09,
    roadmap.EXERCISE_KEY: careless_ex10,
    indicators.EXERCISE_KEY: careless_ex11,
    plan.EXERCISE_KEY: careless_action_plan,
}


def write_careless_submission(folder: str | Path, participant: str, assignment: str) -> None:
    """A careless but complete submission's files in ``folder`` (the notebook aside)."""
    folder = Path(folder)
    workbook = Workbook(folder / DEFAULT_FILENAME, participant=participant)
    for key, build in CARELESS.items():
        workbook.save(key, build())
    if assignment in HANDED_IN:
        write_careless_plan_file(folder)
