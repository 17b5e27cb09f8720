"""A real week: the planning officers of a Kenyan county go from Ex 3 to the action plan, with
the kind of text a team writes. The thread (Ex 3, 5, 7, 10, 11, 12) is driven through each
exercise's own form, as a participant would; Ex 2, 8 and 9 through their models. The clock
must be frozen at ``TODAY`` (``tests.helpers.freeze_clock``) by the caller.
"""

from __future__ import annotations

from datetime import date

from dgtkit.exercises.ex03_pillar_rating import PillarSelfRating
from dgtkit.exercises.ex05_situation import SituationAnalysisLab
from dgtkit.exercises.ex07_vision import VisionBuilder
from dgtkit.exercises.ex10_roadmap import CapacityRoadmap
from dgtkit.exercises.ex11_indicators import IndicatorClinic
from dgtkit.exercises.ex12_local_review import LocalSdgReview
from dgtkit.models import benefit_risk, skills, structure
from dgtkit.store.workbook import Workbook

TODAY = date(2026, 6, 3)
GOVERNMENT = "Kisumu County Government"

#: Ex 5: (pillar, today, target, the problem, the evidence)
GAPS = (
    ("organization", 1, 3, "Business permits take 60 days or more because five departments "
     "check the same documents on paper",
     "Permits take 60+ days: the 2025 permit register shows a median of 63 days"),
    ("skills", 2, 4, "Requests wait for the few staff who can use the county's systems",
     "Only 38 of 410 county staff completed any digital training (HR records, 2025)"),
    ("inclusion", 2, 4, "Residents of the rural wards travel to Kisumu town for every "
     "county service", "Ward survey 2025: 7 in 10 rural residents have never used a county "
     "service online"),
)
SWOT = (
    ("strengths", "A county ICT directorate with a working revenue system"),
    ("weaknesses", "No rule for sharing data between departments"),
    ("opportunities", "The national e-Citizen platform and digital ID"),
    ("threats", "Power cuts and weak mobile coverage in the rural wards"),
)
STAKEHOLDERS = (
    ("County Executive Committee", 9, 8),
    ("Kisumu Chamber of Commerce", 5, 8),
    ("Ward administrators", 4, 7),
)
VISION = ("By 2035, every resident and small business of Kisumu County gets county services "
          "online or at a helped counter in their ward, in days rather than months.")
MILESTONES = (
    (2027, "Permits online", "A data-sharing rule between departments is in force"),
    (2030, "A helped counter in every ward", "Staff in every ward office are trained"),
    (2033, "All county services online", "Every department uses the shared register"),
)
#: Ex 10: (pillar of the gap or None, level, intervention, owner, public, private, people,
#: horizon, the milestone's index or None)
ROWS = (
    ("organization", "organizational", "Adopt a data-sharing rule and one shared register of "
     "businesses", "County Department of ICT", "Ministry of ICT", "", "Kisumu Chamber of "
     "Commerce", "short", 0),
    ("skills", "individual", "Train 400 county staff in digital service delivery",
     "County Public Service Board", "Kenya School of Government", "", "", "medium", 1),
    ("inclusion", "societal", "Open a helped digital counter in each of the 35 wards",
     "County Department of Devolution", "", "Safaricom", "Ward development committees",
     "long", 2),
    (None, "institutional", "Pass a county e-services law", "County Attorney",
     "County Assembly", "", "", "short", 0),
)
#: Ex 11: one indicator per row (name, unit, baseline, target, baseline date, target date,
#: data source, frequency, confirmed by)
INDICATORS = (
    ("Median days to issue a business permit", "Days", "63", "10", date(2026, 1, 5),
     date(2027, 12, 6), "County permit register", "Quarterly",
     "Achieng, director of trade"),
    ("County staff with a digital-skills certificate", "Percentage", "9", "80",
     date(2026, 1, 5), date(2029, 3, 1), "HR records of the Public Service Board",
     "Every six months", "Otieno, secretary of the Public Service Board"),
    ("Wards with a helped digital counter open", "Number", "0", "35", date(2026, 1, 5),
     date(2035, 6, 1), "Reports of the Department of Devolution", "Once a year",
     "Wanjiru, chief officer for devolution"),
    ("County e-services law in force", "Yes or no", "No", "Yes", date(2026, 1, 5),
     date(2027, 3, 1), "County Assembly records", "Quarterly", "Omondi, county attorney"),
)
#: Ex 12: (target, the words searched, global indicator or "" with a local proxy, source,
#: baseline, its year, target value, reporter, the Ex 10 rows (indices) that serve it)
TARGETS = (
    ("16.6", "effective accountable", "", "Median days to issue a business permit",
     "County permit register", "63 days", "2025", "10 days by 2027", "Directorate of Trade",
     (0, 3)),
    ("4.4", "skills employment", "4.4.1", "", "HR records of the Public Service Board", "9%",
     "2025", "80% by 2029", "County Public Service Board", (1,)),
    ("9.c", "universal affordable internet", "9.c.1", "", "Communications Authority of Kenya",
     "87%", "2024", "100% by 2030", "County Department of ICT", (2,)),
)
RISKS = (
    ("Departments refuse to give up their own registers",
     "The Governor signs the data-sharing rule; each department names a data officer",
     "County Secretary"),
    ("Rural wards lose power and connectivity",
     "Counters run on solar power and keep a paper fallback", "Chief officer for devolution"),
)


def walk_the_week(path, participant: str = "team-kisumu") -> Workbook:
    """The whole week of one team in the workbook at ``path``; returns the workbook."""
    workbook = Workbook(path, participant=participant)
    _ex02(workbook)
    _ex03(workbook)
    _ex05(workbook)
    _ex07(workbook)
    _ex08(workbook)
    _ex09(workbook)
    _ex10(workbook)
    _ex11(workbook)
    _ex12(workbook)
    return workbook


def _ex02(workbook: Workbook) -> None:
    matrix = benefit_risk.BenefitRiskMatrix()
    matrix.name_government(GOVERNMENT)
    data = benefit_risk.course_data()
    for (title, mitigation, owner), category in zip(RISKS, data.of_kind("risk"), strict=False):
        matrix.add(benefit_risk.new_item("risk", category.id, title, 4, 4, mitigation, owner))
    workbook.save(benefit_risk.EXERCISE_KEY, matrix.to_dict())


def _ex03(workbook: Workbook) -> None:
    view = PillarSelfRating(workbook).view
    view.government.value = GOVERNMENT
    view.level.value = "district"  # a county: the level between the state and the city
    for pillar, today, _target, _problem, evidence in GAPS:
        view.selectors[pillar].value = today
        view.evidence[pillar].value = evidence


def _ex05(workbook: Workbook) -> None:
    lab = SituationAnalysisLab(workbook).view
    part = lab.assessment
    for pillar, _today, target, problem, _evidence in GAPS:
        part.target[pillar].value = target  # today's level and evidence came from Ex 3
        part.problem[pillar].value = problem
    lab.benchmark.country.value = "KEN"
    for category, text in SWOT:
        lab.swot.category.value = category
        lab.swot.text.value = text
        lab.swot.add.click()
    for name, power, interest in STAKEHOLDERS:
        lab.stakeholders.name.value = name
        lab.stakeholders.power.value, lab.stakeholders.interest.value = power, interest
        lab.stakeholders.add.click()


def _ex07(workbook: Workbook) -> None:
    view = VisionBuilder(workbook).view
    view.statement.value = VISION
    view.year.value = 2035
    view.beneficiaries.value = "Small businesses and residents of the rural wards"
    for goal, target in ((16, "16.6"), (9, "9.c")):
        view.goal.value = goal
        view.target_boxes[target].value = True
    for year, title, must in MILESTONES:
        view.milestone_year.value = year
        view.milestone_title.value = title
        view.must_be_true.value = must
        view.add_milestone.click()


def _ex08(workbook: Workbook) -> None:
    model = structure.OrganizationStructure()
    for factor_id, rating in {"capacity": 2, "size": 3, "diversity": 3, "leadership": 4,
                              "sharing": 1}.items():
        model.rate(factor_id, rating)
    model.choose("federal")
    model.write("reasons", "The ICT directorate sets shared standards while each department "
                           "keeps its own digital officer.")
    model.write("risk", "Departments drift apart: the directorate reviews every new system.")
    model.write("first_step", "The Governor appoints a digital officer in each department")
    workbook.save(structure.EXERCISE_KEY, model.to_dict())


def _ex09(workbook: Workbook) -> None:
    model = skills.SkillsMatrix()
    for name in ("Ward administrators", "Revenue officers", "ICT officers", "Chief officers"):
        model.add_role(name)
    for role in model.roles[:2]:
        for column in model.competencies[:2]:
            model.set_today(role.id, column.id, 0)
            model.set_needed(role.id, column.id, 2)
            model.choose_measure(role.id, column.id, "training-by-position")
            model.name_provider(role.id, column.id, "Kenya School of Government")
    workbook.save(skills.EXERCISE_KEY, model.to_dict())


def _ex10(workbook: Workbook) -> None:
    exercise = CapacityRoadmap(workbook)
    canvas = exercise.view
    milestones = [value for _, value in canvas.milestone.options][1:]
    by_pillar = {row.pillar: row.id for row in exercise.model.rows}
    for pillar, level, intervention, owner, public, private, people, horizon, milestone in ROWS:
        canvas.row_choice.value = by_pillar.get(pillar, "__new__")
        if pillar is None:
            canvas.gap.value = "No county law lets residents use services online"
        for name, value in (("level", level), ("intervention", intervention),
                            ("owner", owner), ("public", public), ("private", private),
                            ("people", people), ("horizon", horizon)):
            getattr(canvas, name).value = value
        canvas.milestone.value = milestones[milestone] if milestone is not None else ""
        canvas.save_row.click()
        assert "saved" in canvas.row_status.value, canvas.row_status.value


def _ex11(workbook: Workbook) -> None:
    exercise = IndicatorClinic(workbook)
    clinic = exercise.view
    drafts = [i.id for i in exercise.model.indicators]
    for draft, values in zip(drafts, INDICATORS, strict=True):
        name, unit, baseline, target, start, end, source, frequency, who = values
        clinic.indicator_choice.value = draft
        for field, value in (("name", name), ("unit", unit), ("baseline", baseline),
                             ("target", target), ("baseline_date", start),
                             ("target_date", end), ("data_source", source),
                             ("frequency", frequency),
                             ("definition", f"{name}, as the {source.lower()} show")):
            getattr(clinic, field).value = value
        clinic.save.click()
        clinic.confirmed_by.value = who
        clinic.confirm.click()


def _ex12(workbook: Workbook) -> None:
    view = LocalSdgReview(workbook).view
    view.goal.value = 0
    for target, words, indicator, proxy, source, baseline, year, value, who, tied in TARGETS:
        view.search.value = words
        view.found.value = target
        view.add_button.click()
        assert view.chosen.value == target, view.pick_message.value
        view.indicator.value = indicator
        for field, text in (("proxy", proxy), ("data_source", source), ("baseline", baseline),
                            ("baseline_year", year), ("target_value", value),
                            ("frequency", "Once a year"), ("reporter", who)):
            view.fields[field].value = text
        view.breakdown["sex"].value = view.breakdown["location"].value = True
        rows = [value for _label, value in view.tied_actions.options]
        view.tied_actions.value = tuple(rows[i] for i in tied)
        assert view.message.value == "", view.message.value


#: What the team adds on Day 5: (budget, source, priority, why, risk, mitigation) per action,
#: in the order of the plan.
MONEY = (
    (2_500_000, "own", "high", "Permits are the service businesses complain about most",
     "Departments refuse to share their registers", "The Governor signs the rule first"),
    (18_000_000, "national", "high", "No service improves without trained staff",
     "Staff leave once certified", "Certificates count for promotion in the county"),
    (42_000_000, "partner", "medium", "Rural residents are the ones left out today",
     "Counters stand empty", "Ward committees choose where each counter goes"),
    (1_200_000, "own", "high", "Every other action needs the law", "", ""),
    (600_000, "own", "medium", "Each department needs one person who answers for data", "",
     ""),
    (6_500_000, "donor", "medium", "Ward administrators meet residents every day", "", ""),
)
BACKGROUND = ("Kisumu County serves 1.2 million residents from 35 wards. Most county services "
              "still need a visit to the county offices, and businesses wait two months for a "
              "permit. This plan sets out the first steps towards the county's 2035 vision.")
REVIEW = ("The County Executive Committee reviews the indicators every quarter. The plan is "
          "checked again six months after the workshop, in December 2026.")
APPROVER = "County Executive Committee Member for ICT"


def complete_the_plan(app) -> None:
    """Day 5 in the app, from Python: take everything ready from the week, complete the two
    suggestions that need a lead and dates, then give every action its money, priority and
    risks, and the plan its background, review and approver."""
    from dataclasses import replace

    view = app.view
    panel = view.suggestions_panel
    panel.accept_all.click()
    editor = view.editor
    for suggestion, lead, start, end in (
        ("ex08:first_step", "County Secretary", date(2026, 9, 1), date(2027, 2, 26)),
        (next(s.id for s in view.suggestions if s.id.startswith("ex09:")),
         "Kenya School of Government", date(2027, 1, 11), date(2027, 11, 26)),
    ):
        panel.choose.value = suggestion
        panel.edit.click()
        editor.lead.value = lead
        editor.start.value, editor.end.value = start, end
        editor.save_button.click()
    for action, values in zip(list(app.model.actions), MONEY, strict=True):
        budget, source, priority, why, risk, mitigation = values
        app.model.update(replace(action, budget=float(budget), budget_source=source,
                                 priority=priority, priority_reason=why, risks=risk,
                                 mitigation=mitigation))
    app.model.describe(background=BACKGROUND, review=REVIEW, approver=APPROVER)
    view.accepted()
