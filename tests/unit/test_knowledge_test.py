"""The knowledge pre-test and post-test: answers, locking, order, scores and gain for the whole
test and per module, feedback only after the post-test, old saved tests, the chart, and the
gain of a group."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from dgtkit.charts.knowledge_test import score_alt_text, score_chart
from dgtkit.course import quizzes
from dgtkit.models.knowledge_test import (
    ATTEMPTS,
    POST,
    PRE,
    KnowledgeTest,
    cohort_gain,
    course_bank,
)
from dgtkit.models.text import FieldError

BANK = quizzes.load_prepost()
QUESTIONS = BANK.questions
TOTAL = len(QUESTIONS)


def right(question) -> int:
    return next(i for i, c in enumerate(question.choices) if c.correct)


def wrong(question) -> int:
    return next(i for i, c in enumerate(question.choices) if not c.correct)


def answer_all(test: KnowledgeTest, key: str, right_count: int) -> None:
    """The first ``right_count`` questions right, the others wrong."""
    for n, question in enumerate(QUESTIONS):
        test.answer(key, question.id, right(question) if n < right_count else wrong(question))


def answer_where(test: KnowledgeTest, key: str, is_right) -> None:
    for question in QUESTIONS:
        test.answer(key, question.id, right(question) if is_right(question) else wrong(question))


def taken(pre: int, post: int) -> KnowledgeTest:
    test = KnowledgeTest()
    answer_all(test, PRE, pre)
    test.submit(PRE)
    answer_all(test, POST, post)
    test.submit(POST)
    return test


def test_the_questions_are_the_course_bank_from_every_module():
    test = KnowledgeTest()
    assert test.bank == BANK == course_bank() and test.total == TOTAL
    assert test.bank.modules == (1, 2, 3, 4, 5, 6, 7)
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
    assert test.percent(PRE) == round(300 / TOTAL, 1)
    gain = test.gain()
    assert gain.points == 6 and gain.percent_points == round(600 / TOTAL, 1)
    words = [c.word for c in test.changes()]
    assert words[:3] == ["Right both times"] * 3
    assert words[3:9] == ["Improved"] * 6
    assert words[9:] == ["Wrong both times"] * (TOTAL - 9)
    assert [c.module for c in test.changes()] == [q.module for q in QUESTIONS]
    slipped = taken(pre=5, post=2)
    assert slipped.gain().points == -3 and slipped.changes()[3].word == "Right before, wrong now"
    assert KnowledgeTest().gain() is None and KnowledgeTest().changes() == []


def test_scores_and_gain_per_module():
    test = KnowledgeTest()
    answer_where(test, PRE, lambda q: q.module == 1)  # Module 1 all right, the rest wrong
    test.submit(PRE)
    before = test.module_results()
    assert [(r.module, r.total, r.pre, r.post) for r in before][:2] == [
        (1, 3, 3, None),
        (2, 3, 0, None),
    ]
    assert before[0].pre_percent == 100.0 and before[0].gain is None
    answer_where(test, POST, lambda q: q.module in (1, 2) or q.id == QUESTIONS[-1].id)
    test.submit(POST)
    results = {r.module: r for r in test.module_results()}
    assert (results[1].gain, results[2].gain, results[3].gain) == (0.0, 100.0, 0.0)
    assert results[7].post == 1 and results[7].gain == round(100 / 3, 1)
    saved = test.to_dict()["modules"]
    assert saved["2"] == {"total": 3, "pre": 0, "post": 3, "gain": 100.0}
    assert set(saved) == {str(m) for m in BANK.modules}


def test_feedback_is_shown_only_once_the_post_test_is_submitted():
    test = KnowledgeTest()
    answer_all(test, PRE, 1)
    test.submit(PRE)
    assert test.feedback_withheld(PRE) and test.feedback(PRE) == []
    assert "shown after the Day 5 post-test" in test.status(PRE)
    answer_all(test, POST, 2)
    test.submit(POST)
    assert not test.feedback_withheld(PRE) and "shown after" not in test.status(PRE)
    first, second = test.feedback(PRE)[:2]
    assert first.right and first.feedback == QUESTIONS[0].answer.feedback
    assert not second.right
    assert second.feedback == QUESTIONS[1].choices[wrong(QUESTIONS[1])].feedback
    assert second.answer == QUESTIONS[1].answer.text
    assert [f.right for f in test.feedback(POST)][:3] == [True, True, False]


def test_status_says_where_the_participant_is():
    test = KnowledgeTest()
    test.answer(PRE, QUESTIONS[0].id, 0)
    assert test.status(PRE) == f"Day 1 pre-test: not submitted yet. 1 of {TOTAL} answered."
    assert "Score 2 of" in taken(pre=2, post=2).status(POST)


def test_round_trip_keeps_answers_by_their_text_and_hands_on_the_scores():
    test = taken(pre=4, post=10)
    test_data = test.to_dict()
    assert test_data["attempts"][PRE]["answers"][QUESTIONS[0].id] == QUESTIONS[0].answer.text
    assert test_data["scores"][POST] == {
        "score": 10,
        "total": TOTAL,
        "percent": round(1000 / TOTAL, 1),
    }
    assert test_data["gain"]["points"] == 6
    assert KnowledgeTest.from_dict(test_data) == test


def test_reordered_choices_keep_the_meaning_of_a_saved_answer():
    test = KnowledgeTest()
    test.answer(PRE, QUESTIONS[0].id, right(QUESTIONS[0]))
    data = test.to_dict()
    reversed_first = replace(QUESTIONS[0], choices=tuple(reversed(QUESTIONS[0].choices)))
    shuffled = replace(BANK, questions=(reversed_first, *QUESTIONS[1:]))
    again = KnowledgeTest.from_dict(data, bank=shuffled)
    chosen = again.chosen(PRE, QUESTIONS[0].id)
    assert shuffled.questions[0].choices[chosen].correct


def test_loading_is_tolerant_of_missing_and_outdated_parts():
    assert KnowledgeTest.from_dict({}) == KnowledgeTest()
    data = {
        "attempts": {
            PRE: {"answers": {QUESTIONS[0].id: "A choice the bank dropped", "gone-q": "x"}},
            "mid": {},
        }
    }
    assert KnowledgeTest.from_dict(data).attempts[PRE].answers == {}


def test_a_test_submitted_on_the_old_module_1_questions_is_opened_again():
    """Before the bank, the test asked the Module 1 self-check (ids m1-q01 ...). Such a saved
    test still loads: its answers are ignored, and a submitted attempt is open again."""
    old = {
        "attempts": {
            PRE: {
                "answers": {"m1-q01": "Digitisation", "m1-q02": "Digitalisation"},
                "submitted_at": "2026-03-02T09:30:00+00:00",
            },
            POST: {"answers": {}, "submitted_at": ""},
        },
        "scores": {PRE: {"score": 9, "total": 12, "percent": 75.0}, POST: None},
        "gain": None,
    }
    test = KnowledgeTest.from_dict(old)
    assert test.outdated == {PRE}
    assert not test.attempts[PRE].submitted and test.attempts[PRE].answers == {}
    assert "had other questions, so it is open again" in test.status(PRE)
    answer_all(test, PRE, 2)
    test.submit(PRE)
    assert test.outdated == set() and test.score(PRE) == 2


def test_a_submitted_attempt_missing_one_question_of_the_bank_is_opened_again():
    data = taken(pre=4, post=6).to_dict()
    del data["attempts"][POST]["answers"][QUESTIONS[5].id]  # a question added to the bank
    test = KnowledgeTest.from_dict(data)
    assert test.attempts[PRE].submitted and not test.attempts[POST].submitted
    assert test.outdated == {POST} and test.chosen(POST, QUESTIONS[0].id) is not None


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


# -- the chart ---------------------------------------------------------------------------------


def title(axes) -> str:
    """The chart's title as one line (it wraps to fit a phone)."""
    return " ".join(axes.get_title(loc="left").split())


def test_the_chart_shows_both_scores_per_module_and_the_gain():
    test = KnowledgeTest()
    answer_where(test, PRE, lambda q: q.module == 1)
    test.submit(PRE)
    answer_where(test, POST, lambda q: q.module in (1, 2))
    test.submit(POST)
    axes = score_chart(test).axes[0]
    labels = [t.get_text() for t in axes.texts]
    assert labels.count("3/3") == 3 and labels.count("0/3") == 11
    assert [p.get_hatch() for p in axes.patches] == [""] * 7 + ["//"] * 7
    assert [t.get_text() for t in axes.get_yticklabels()] == [f"M{m}" for m in BANK.modules]
    assert title(axes).startswith("Your gain: +3 points")
    alt = score_alt_text(test)
    assert f"Day 1 pre-test 3 of {TOTAL}" in alt and "Module 1 3 of 3, Module 2 0 of 3" in alt
    assert f"Day 5 post-test 6 of {TOTAL}" in alt and "Module 2 +100" in alt
    assert "Gain: +3 points" in alt


def test_the_chart_of_a_test_not_taken_says_so():
    test = KnowledgeTest()
    axes = score_chart(test).axes[0]
    assert title(axes) == "Not submitted yet: Day 1 pre-test and Day 5 post-test"
    assert score_alt_text(test).count("not submitted yet") == 2
    answer_all(test, PRE, 3)
    test.submit(PRE)
    assert title(score_chart(test).axes[0]).endswith(": Day 5 post-test")


# -- a group -----------------------------------------------------------------------------------


def saved_test(pre_modules: set[int], post_modules: set[int]) -> dict:
    """A participant's saved test: every question of ``pre_modules`` right on Day 1, of
    ``post_modules`` right on Day 5, the others wrong."""
    test = KnowledgeTest()
    answer_where(test, PRE, lambda q: q.module in pre_modules)
    test.submit(PRE)
    answer_where(test, POST, lambda q: q.module in post_modules)
    test.submit(POST)
    return test.to_dict()


def test_the_gain_of_a_group_per_module():
    group = [saved_test({1}, {1, 2}), saved_test(set(), {1, 2, 3})]
    cohort = cohort_gain(group)
    assert (cohort.participants, cohort.incomplete, cohort.unreadable) == (2, 0, 0)
    first = cohort.module(1)
    assert (first.questions, first.pre_percent, first.post_percent, first.gain) == (
        3,
        50.0,
        100.0,
        50.0,
    )
    assert cohort.module(2).gain == 100.0 and cohort.module(3).gain == 50.0
    assert cohort.module(4).gain == 0.0 and cohort.module(4).pre_percent == 0.0
    assert [m.module for m in cohort.modules] == list(BANK.modules)
    whole = cohort.whole
    assert whole.module is None and whole.questions == TOTAL
    assert (whole.pre_percent, whole.post_percent) == (
        round(100 * 3 / (2 * TOTAL), 1),
        round(100 * 15 / (2 * TOTAL), 1),
    )
    assert whole.gain == round(100 * 12 / (2 * TOTAL), 1)


def test_only_participants_with_both_tests_count_and_nothing_crashes():
    pre_only = KnowledgeTest()
    answer_all(pre_only, PRE, TOTAL)
    pre_only.submit(PRE)
    old_bank = {"attempts": {PRE: {"answers": {"m1-q01": "x"}, "submitted_at": "2026-03-02"}}}
    saved = [
        saved_test({1}, {1, 2}),
        pre_only.to_dict(),  # did not take the post-test: would lift nobody's Day 1 mean
        {},
        old_bank,
        "not a test",
        {"attempts": {PRE: "done"}},
        None,
    ]
    cohort = cohort_gain(saved)
    assert (cohort.participants, cohort.incomplete, cohort.unreadable) == (1, 3, 3)
    assert cohort.module(1).pre_percent == 100.0 and cohort.module(2).gain == 100.0


def test_an_empty_group_has_no_means():
    cohort = cohort_gain([])
    assert cohort.participants == 0 and cohort.whole.gain is None
    assert all(m.pre_percent is None and m.gain is None for m in cohort.modules)


def test_the_group_gain_is_pure_and_takes_another_bank():
    group = [saved_test({1}, {1, 2})]
    frozen = [dict(d) for d in group]
    small = replace(BANK, questions=BANK.in_module(1) + BANK.in_module(2))
    cohort = cohort_gain(group, bank=small)
    assert [m.module for m in cohort.modules] == [1, 2] and cohort.whole.questions == 6
    assert cohort.whole.gain == 50.0
    assert group == frozen
