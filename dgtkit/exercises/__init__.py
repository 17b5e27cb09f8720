"""The exercises as notebooks call them: ``from dgtkit.exercises import PillarSelfRating``,
then ``PillarSelfRating.show()``.

Each exercise lives in its own module; a name is imported only when a notebook asks for it,
so the action-plan app's kernel does not load the other exercises (or pandas) it never uses.
"""

from __future__ import annotations

import importlib

#: Exercise class → the module of this package that defines it.
EXERCISES = {
    "ServiceClassification": "ex01_classification",  # Ex 1
    "BenefitRiskMatrix": "ex02_benefit_risk",  # Ex 2
    "PillarSelfRating": "ex03_pillar_rating",  # Ex 3
    "ProcessSequencing": "ex04_sequencing",  # Ex 4
    "SituationAnalysisLab": "ex05_situation",  # Ex 5
    "HorizonScan": "ex06_horizon_scan",  # Ex 6
    "VisionBuilder": "ex07_vision",  # Ex 7
    "OrganizationStructure": "ex08_structure",  # Ex 8
    "SkillsGapMatrix": "ex09_skills",  # Ex 9
    "CapacityRoadmap": "ex10_roadmap",  # Ex 10
    "IndicatorClinic": "ex11_indicators",  # Ex 11
    "LocalSdgReview": "ex12_local_review",  # Ex 12
    "KnowledgeTest": "knowledge_test",  # the Day 1 pre-test and Day 5 post-test
    "TrainingEvaluation": "evaluation",  # Day 5, session 7.2
    "ActionPlanApp": "action_plan",  # Day 5, the Voila app
}
#: Pages that show saved work without saving any: page class → its module.
PAGES = {
    "WeekSoFar": "week_so_far",  # every result of the week in one place, to print
}

__all__ = [*EXERCISES, *PAGES]


def __getattr__(name: str):
    modules = {**EXERCISES, **PAGES}
    if name not in modules:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(f"{__name__}.{modules[name]}")
    return getattr(module, name)
