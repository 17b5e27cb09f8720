"""The knowledge pre-test and post-test: answers, locking, order, scores, gain and feedback."""

from datetime import UTC, datetime

import pytest

from dgtkit.charts.knowledge_test import score_alt_text, score_chart
from dgtkit.course import quizzes
from dgtkit.models.knowledge_test import ATTEMPTS, POST, PRE, KnowledgeTest
from dgtkit.models.text import FieldError

QUIZ = quizzes.load(1)
QUESTIONS = QUIZ.questions


def right(question) -> int:
    return next(i for i, c in enumerate(question.choices) if c.correct)


def wrong(question) -> int:
    return next(i for i, c in enumerate(question.choices) if not c.correct)


def answer_all(test: KnowledgeTest, key: str, right_count: int) -> None:
    for n, question in enumerate(QUESTIONS):
        test.answer(key, question.id, right(question) if n < right_count else wrong(question))


def taken(pre: int, post: int) -> KnowledgeTest:
    test = KnowledgeTest()
    answer_all(test, PRE, pre)
    test.submit(PRE)
    answer_all(test, POST, post)
    test.submit(POST)
    return test


def test_the_questions_are_the_module_1_self_check():
    test = KnowledgeTest()
    assert test.quiz == QUIZ and test.total == len(QUESTIONS)
    assert list(ATTEMPTS.values()) == ["Day 1 pre-test", "Day 5 post-test"]


def test_answers_are_checked():
    test = KnowledgeTest()
    first = QUESTIONS[0].id
    for bad in (len(QUESTIONS[0].choices), -1, True, "1"):
        with pytest.raises(FieldError, match="Choose one of the answers") as error:
            test.answer(PRE, first, bad)
        assert error.value.field == first
    with pytest.raises(FieldError, match="not in the test"):
        test.answer(PRE, "m9-q99", 0)
    with pytest.raises(FieldError, match="pre-test or the Day 5 post-test"):
        test.answer("mid", first, 0)
    test.answer(PRE, first, 1)
    assert test.chosen(PRE, first) == 1
    test.answer(PRE, first, None)
    assert test.chosen(PRE, first) is None


def test_every_question_needs_an_answer_before_submitting():
    test = KnowledgeTest()
    answer_all(test, PRE, 3)
    test.answer(PRE, QUESTIONS[2].id, None)
    test.answer(PRE, QUESTIONS[6].id, None)
    with pytest.raises(FieldError, match="Questions 3, 7 have no answer yet"):
        test.submit(PRE)
    assert test.score(PRE) is None and test.feedback(PRE) == []


def test_the_post_test_comes_after_the_pre_test_and_a_submitted_test_is_locked():
    test = KnowledgeTest()
    answer_all(test, POST, 5)
    with pytest.raises(FieldError, match="Submit the Day 1 pre-test first"):
        test.submit(POST)
    answer_all(test, PRE, 4)
    assert test.submit(PRE, now=datetime(2026, 3, 2, 9, 30, tzinfo=UTC)) == 4
    assert test.attempts[PRE].submitted_at == "2026-03-02T09:30:00+00:00"
    with pytest.raises(FieldError, match="already submitted the Day 1 pre-test. Its answers are"):
        test.answer(PRE, QUESTIONS[0].id, right(QUESTIONS[0]))
    with pytest.raises(FieldError, match="already submitted"):
        test.submit(PRE)
    assert test.submit(POST) == 5
    assert test.score(PRE) == 4


def test_scores_gain_and_change_per_question():
    test = taken(pre=3, post=9)
    assert (test.score(PRE), test.score(POST)) == (3, 9)
    assert test.percent(PRE) == round(300 / len(QUESTIONS), 1)
    gain = test.gain()
    assert gain.points == 6 and gain.percent_points == round(600 / len(QUESTIONS), 1)
    words = [c.word for c in test.changes()]
    assert words[:3] == ["Right both times"] * 3
    assert words[3:9] == ["Improved"] * 6
    assert words[9:] == ["Wrong both times"] * (len(QUESTIONS) - 9)
    slipped = taken(pre=5, post=2)
    assert slipped.gain().points == -3 and slipped.changes()[3].word == "Right before, wrong now"
    assert KnowledgeTest().gain() is None and KnowledgeTest().changes() == []


def test_feedback_comes_from_the_quiz_after_submitting():
    test = taken(pre=1, post=1)
    first, second = test.feedback(PRE)[:2]
    assert first.right and first.feedback == QUESTIONS[0].answer.feedback
    assert not second.right
    assert second.feedback == QUESTIONS[1].choices[wrong(QUESTIONS[1])].feedback
    assert second.answer == QUESTIONS[1].answer.text


def test_status_says_where_the_participant_is():
    test = KnowledgeTest()
    test.answer(PRE, QUESTIONS[0].id, 0)
    assert test.status(PRE) == f"Day 1 pre-test: not submitted yet. 1 of {len(QUESTIONS)} answered."
    assert "Score 2 of" in taken(pre=2, post=2).status(POST)


def test_round_trip_keeps_answers_by_their_text_and_hands_on_the_scores():
    test = taken(pre=4, post=10)
    test_data = test.to_dict()
    assert test_data["attempts"][PRE]["answers"][QUESTIONS[0].id] == QUESTIONS[0].answer.text
    assert test_data["scores"][POST] == {
        "score": 10,
        "total": len(QUESTIONS),
        "percent": round(1000 / len(QUESTIONS), 1),
    }
    assert test_data["gain"]["points"] == 6
    assert KnowledgeTest.from_dict(test_data) == test


def test_reordered_choices_keep_the_meaning_of_a_saved_answer():
    test = KnowledgeTest()
    test.answer(PRE, QUESTIONS[0].id, right(QUESTIONS[0]))
    data = test.to_dict()
    shuffled = QUIZ.__class__(
        QUIZ.module,
        QUIZ.title,
        (
            QUESTIONS[0].__class__(
                QUESTIONS[0].id,
                QUESTIONS[0].prompt,
                QUESTIONS[0].session,
                tuple(reversed(QUESTIONS[0].choices)),
            ),
        )
        + QUESTIONS[1:],
    )
    again = KnowledgeTest.from_dict(data, quiz=shuffled)
    chosen = again.chosen(PRE, QUESTIONS[0].id)
    assert shuffled.questions[0].choices[chosen].correct


def test_loading_is_tolerant_of_missing_and_outdated_parts():
    assert KnowledgeTest.from_dict({}) == KnowledgeTest()
    data = {
        "attempts": {
            PRE: {"answers": {"m1-q01": "A choice the quiz dropped", "gone-q": "x"}},
            "mid": {},
        }
    }
    assert KnowledgeTest.from_dict(data).attempts[PRE].answers == {}


@pytest.mark.parametrize(
    "garbage",
    [
        [],
        "test",
        {"attempts": ["pre"]},
        {"attempts": {PRE: {"answers": ["a"]}}},
        {"attempts": {PRE: {"submitted_at": "yesterday"}}},
        {"attempts": {PRE: "done"}},
    ],
)
def test_garbage_is_refused(garbage):
    with pytest.raises((TypeError, ValueError, KeyError)):
        KnowledgeTest.from_dict(garbage)


def test_the_chart_prints_both_scores_and_the_gain():
    test = taken(pre=3, post=9)
    figure = score_chart(test)
    labels = [t.get_text() for t in figure.axes[0].texts]
    total = len(QUESTIONS)
    assert f"3 of {total} ({test.percent(PRE):g}%)" in labels
    assert f"9 of {total} ({test.percent(POST):g}%)" in labels
    assert {p.get_hatch() for p in figure.axes[0].patches} == {"", "//"}
    assert figure.axes[0].get_title(loc="left").startswith("Your gain: +6 points")
    alt = score_alt_text(test)
    assert f"Day 1 pre-test 3 of {total}" in alt and f"Day 5 post-test 9 of {total}" in alt
    assert "Gain: +6 points" in alt


def test_the_chart_of_a_test_not_taken_says_so():
    test = KnowledgeTest()
    assert "not submitted\nyet" in [t.get_text() for t in score_chart(test).axes[0].texts]
    assert score_alt_text(test).count("not submitted yet") == 2
