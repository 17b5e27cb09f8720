"""What the autograder tests of the nbgrader assignments call: ``from dgtkit.grading import
check_choice``. It runs in the graded kernel.

Autograding re-executes a notebook with nobody clicking, so the tests never read widget state:
they read what the student saved in ``workbook.sqlite`` beside the notebook. Every failure is
an AssertionError whose message tells the student what is wrong, without giving the answer.

By job: ``answers`` (the knowledge checks and the data tasks of Modules 3 and 6), ``saved``
(the saved answers and whose they are), ``exercises`` (one check per exercise),
``earlier_work`` (bringing earlier assignments' work forward) and ``action_plan`` (Module 7).
A name is imported only when asked for, so the nbgrader hooks can read the constants cheaply.
"""

from __future__ import annotations

import importlib

#: Each name a notebook or the lecturer's tools use → the module of this package that has it.
_WHERE = {
    **dict.fromkeys(["check_choice", "check_country", "check_number", "check_yes_no",
                     "check_close", "NEEDS_PANDAS"], "answers"),
    **dict.fromkeys(["ASSIGNMENT_WORKBOOK", "GRADED_STUDENT", "NBGRADER_EXECUTION",
                     "saved_answer", "check_own_work"], "saved"),
    **dict.fromkeys(["REASON_WORDS", "check_classification", "check_classification_reasons",
                     "check_benefit_risk", "saved_pillar_rating", "check_pillar_rating_complete",
                     "check_sequence_order", "check_sequence_links", "check_situation_profile",
                     "check_situation_evidence", "check_scenarios", "check_vision",
                     "check_vision_ecosystem",
                     "check_structure", "check_skills", "check_roadmap", "check_indicators",
                     "check_local_review"],
                    "exercises"),
    "bring_forward": "earlier_work",
    **dict.fromkeys(["PLAN_OBJECTIVES", "PLAN_ACTIONS", "FIRST_STEP_DAYS", "REQUIRED_PARTS",
                     "MOST_LINES", "EXPORT_HOW", "GradedPlan", "submitted_plan",
                     "saved_action_plan", "export_saved_plan", "action_plan_table",
                     "plan_completeness", "plan_consistency", "check_action_plan_complete",
                     "check_action_plan_distinct", "check_action_plan_objectives_served",
                     "check_action_plan_consistent", "check_action_plan_follows_earlier_work",
                     "check_action_plan_addresses_gaps",
                     "check_action_plan_own_work", "check_action_plan_sdg_targets",
                     "sdg_problems"], "action_plan"),
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))
