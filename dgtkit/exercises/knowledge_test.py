"""The knowledge pre-test and post-test (Day 1 and Day 5, Kirkpatrick level 2, session 7.2)."""

from __future__ import annotations

from dgtkit.exercises.base import Exercise
from dgtkit.models import knowledge_test
from dgtkit.widgets.knowledge_test import KnowledgeTestView


class KnowledgeTest(Exercise):
    """The course's knowledge test, as the Day 1 pre-test and the Day 5 post-test, and the gain
    per module."""

    key = knowledge_test.EXERCISE_KEY
    model_class = knowledge_test.KnowledgeTest
    view_class = KnowledgeTestView
