"""What a room's teams save beyond the sample week, for the dashboard's and the report's tests."""

from __future__ import annotations

from dgtkit.models.knowledge_test import POST, PRE, KnowledgeTest


def knowledge(pre_right: int, post_right: int) -> dict:
    """A knowledge test taken twice: the first ``pre_right`` questions right on Day 1, the
    first ``post_right`` on Day 5, the others wrong; as the exercise saves it."""
    test = KnowledgeTest()
    for attempt, right_count in ((PRE, pre_right), (POST, post_right)):
        for n, question in enumerate(test.bank.questions):
            choice = next(i for i, c in enumerate(question.choices)
                          if c.correct == (n < right_count))
            test.answer(attempt, question.id, choice)
        test.submit(attempt)
    return test.to_dict()
