"""The self-check quizzes: loading, validation with clear errors, and their HTML."""

from __future__ import annotations

import copy
from html.parser import HTMLParser

import pytest
import yaml

from dgtkit.course import quizzes
from dgtkit.course.quizzes import QuizError, parse
from dgtkit.site import self_check


def choice(text: str, correct: bool = False) -> dict:
    verdict = "Yes." if correct else "Not quite."
    return {"text": text, "correct": correct, "feedback": f"{verdict} Because of {text}."}


def question(number: int) -> dict:
    return {
        "id": f"m1-q{number:02d}",
        "prompt": f"Question {number}?",
        "session": "1.1",
        "choices": [choice("right", correct=True), choice("wrong"), choice("also wrong")],
    }


def good_quiz(questions: int = 8) -> dict:
    return {
        "module": 1,
        "title": "Self-check: Module 1",
        "questions": [question(n) for n in range(1, questions + 1)],
    }


def broken(change) -> dict:
    raw = copy.deepcopy(good_quiz())
    change(raw)
    return raw


def test_a_good_quiz_loads():
    quiz = parse(good_quiz())
    assert quiz.module == 1 and len(quiz.questions) == 8
    assert quiz.questions[0].answer.text == "right"
    assert [c.correct for c in quiz.questions[0].choices] == [True, False, False]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda q: q["questions"][2]["choices"][1].update(correct=True),
            "question 3 (m1-q03): 2 choices are marked correct; exactly one must be",
        ),
        (
            lambda q: q["questions"][0]["choices"][0].update(correct=False),
            "0 choices are marked correct",
        ),
        (
            lambda q: q["questions"][1]["choices"].pop(),
            "question 2 (m1-q02): has 2 choices, needs 3 to 4",
        ),
        (
            lambda q: q["questions"][1]["choices"].extend([choice("a"), choice("b")]),
            "has 5 choices, needs 3 to 4",
        ),
        (
            lambda q: q["questions"][4]["choices"][2].pop("feedback"),
            "question 5 (m1-q05), choice 3: missing feedback",
        ),
        (
            lambda q: q["questions"][4]["choices"][2].update(feedback="  "),
            "choice 3: 'feedback' must be a non-empty text",
        ),
        (
            lambda q: q["questions"][6].update(id="m1-q01"),
            "question ids used more than once: m1-q01",
        ),
        (
            lambda q: q["questions"][0].update(session="2.1"),
            "session '2.1' is not a session of this module (1.1, 1.2, 1.3, 1.4, 1.5)",
        ),
        (
            lambda q: q["questions"][0].update(session="1.9"),
            "session '1.9' is not a session of this module",
        ),
        (lambda q: q.update(module=9), "module 9 is not a module of the course"),
        (lambda q: q["questions"].pop(), "has 7 questions, needs 8 to 12"),
        (
            lambda q: q["questions"][0]["choices"][0].update(correct="yes"),
            "'correct' must be true or false, not 'yes'",
        ),
        (lambda q: q["questions"][0]["choices"][0].update(feeback="typo"), "unknown key feeback"),
        (lambda q: q["questions"][0].update(id="Q 1"), "an id is lowercase letters"),
        (lambda q: q.pop("title"), "quiz: missing title"),
    ],
)
def test_a_bad_quiz_is_refused_with_where_and_why(change, message):
    with pytest.raises(QuizError) as error:
        parse(broken(change))
    assert message in str(error.value)


def test_twelve_questions_are_allowed_and_thirteen_are_not():
    assert len(parse(good_quiz(12)).questions) == 12
    with pytest.raises(QuizError, match="has 13 questions"):
        parse(good_quiz(13))


def test_load_names_a_missing_file_and_a_wrong_module(tmp_path):
    with pytest.raises(QuizError, match="Module 3 has no quiz: .*m3.yaml does not exist"):
        quizzes.load(3, folder=tmp_path)
    (tmp_path / "m2.yaml").write_text(yaml.safe_dump(good_quiz()), "utf-8")
    with pytest.raises(QuizError, match="m2.yaml: says module 1, expected 2"):
        quizzes.load(2, folder=tmp_path)


def test_load_reports_invalid_yaml(tmp_path):
    (tmp_path / "m1.yaml").write_text("module: 1\nquestions: [unclosed\n", "utf-8")
    with pytest.raises(QuizError, match="m1.yaml is not valid YAML"):
        quizzes.load(1, folder=tmp_path)


def test_all_quizzes_refuses_an_id_used_in_two_modules(tmp_path):
    (tmp_path / "m1.yaml").write_text(yaml.safe_dump(good_quiz()), "utf-8")
    assert [q.module for q in quizzes.all_quizzes(tmp_path)] == [1]
    second = good_quiz()
    second["module"] = 2
    for q in second["questions"]:
        q["session"] = "2.1"
    (tmp_path / "m2.yaml").write_text(yaml.safe_dump(second), "utf-8")
    with pytest.raises(QuizError, match="the quizzes: question ids used more than once"):
        quizzes.all_quizzes(tmp_path)


def test_the_course_quizzes_are_valid():
    for quiz in quizzes.all_quizzes():
        assert quizzes.MIN_QUESTIONS <= len(quiz.questions) <= quizzes.MAX_QUESTIONS


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data


def elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


def test_html_is_accessible_and_works_without_javascript():
    quiz = parse(good_quiz())
    page = elements(self_check.html(quiz))
    tags = [tag for tag, _ in page.tags]
    assert tags.count("fieldset") == tags.count("legend") == 8
    radios = [a for t, a in page.tags if t == "input" and a.get("type") == "radio"]
    labels = {a["for"] for t, a in page.tags if t == "label"}
    assert len(radios) == 24 and {r["id"] for r in radios} == labels
    live = [a for t, a in page.tags if a.get("aria-live") == "polite"]
    assert len(live) == 9  # one feedback region per question, and the score line
    assert tags.count("details") == 8  # the answers for a reader without JavaScript
    assert page.text.count("Correct.") == 8 and page.text.count("Not quite.") == 16
    assert "Not quite. Not quite." not in page.text and "Yes." not in page.text
    buttons = [a for t, a in page.tags if t == "button"]
    assert len(buttons) == 8 and all("hidden" in b for b in buttons)  # shown by the script


def test_quiz_text_is_escaped():
    raw = good_quiz()
    raw["questions"][0]["prompt"] = 'Is <script>alert(1)</script> & "this" safe?'
    raw["questions"][0]["choices"][1]["text"] = "<b>bold</b>"
    html = self_check.html(parse(raw))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;this&quot;" in html


def test_markdown_wraps_the_html_in_a_raw_block_no_line_can_close():
    text = self_check.markdown(parse(good_quiz()))
    lines = text.splitlines()
    assert lines[0] == "```{raw} html" and lines[-1] == "```"
    assert all(line.startswith("<") for line in lines[1:-1])


@pytest.mark.parametrize(
    ("feedback", "correct", "shown"),
    [
        ("Yes. Data drive it.", True, "Data drive it."),
        ("Not quite. Only the format changes.", False, "Only the format changes."),
        ("No single office can do it.", False, "No single office can do it."),
        ("Because the law says so.", True, "Because the law says so."),
    ],
)
def test_feedback_does_not_repeat_the_verdict(feedback, correct, shown):
    assert self_check.explanation(quizzes.Choice("x", correct, feedback)) == shown


# -- the knowledge test's bank -------------------------------------------------------------


def bank_question(module: int, number: int) -> dict:
    raw = question(number)
    raw.update(id=f"pp-m{module}-q{number}", session=f"{module}.1")
    raw["choices"].append(choice("a fourth"))
    return raw


def good_bank(per_module: int = quizzes.MIN_PER_MODULE) -> dict:
    return {
        "title": "Knowledge test",
        "questions": [
            bank_question(module, n) for module in range(1, 8) for n in range(1, per_module + 1)
        ],
    }


def test_a_good_bank_loads_with_the_module_of_each_question():
    bank = quizzes.parse_prepost(good_bank())
    assert len(bank.questions) == 7 * quizzes.MIN_PER_MODULE
    assert bank.modules == (1, 2, 3, 4, 5, 6, 7)
    assert [q.module for q in bank.in_module(3)] == [3] * quizzes.MIN_PER_MODULE
    assert bank.questions[0].module == 1 and bank.questions[-1].session == "7.1"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda b: b["questions"].pop(4),
            "Module 2 has 2 questions, needs at least 3",
        ),
        (
            lambda b: b["questions"].reverse(),
            "put the questions in module order",
        ),
        (
            lambda b: b["questions"][0].update(session="8.1"),
            "session '8.1' is not a session of the week",
        ),
        (
            lambda b: b["questions"][1].update(id="pp-m1-q1"),
            "question ids used more than once: pp-m1-q1",
        ),
        (lambda b: b.update(module=1), "unknown key module"),
        (lambda b: b["questions"][2]["choices"][0].update(correct=False), "0 choices are marked"),
    ],
)
def test_a_bad_bank_is_refused_with_where_and_why(change, message):
    raw = copy.deepcopy(good_bank())
    change(raw)
    with pytest.raises(QuizError) as error:
        quizzes.parse_prepost(raw)
    assert message in str(error.value)


def test_load_prepost_names_a_missing_file_and_bad_yaml(tmp_path):
    with pytest.raises(QuizError, match="The knowledge test has no questions"):
        quizzes.load_prepost(tmp_path / "prepost.yaml")
    (tmp_path / "prepost.yaml").write_text("title: [unclosed\n", "utf-8")
    with pytest.raises(QuizError, match="prepost.yaml is not valid YAML"):
        quizzes.load_prepost(tmp_path / "prepost.yaml")


def test_the_course_bank_covers_every_module_with_new_questions():
    bank = quizzes.load_prepost()
    assert bank.modules == tuple(m.number for m in quizzes.week().modules)
    assert all(len(bank.in_module(m)) >= quizzes.MIN_PER_MODULE for m in bank.modules)
    quiz_ids = {q.id for quiz in quizzes.all_quizzes() for q in quiz.questions}
    assert not quiz_ids & {q.id for q in bank.questions}


def test_the_paper_test_has_no_answers_and_the_key_has_one_letter_a_question(capsys):
    bank = quizzes.load_prepost()
    text = quizzes.paper(bank)
    assert "Module 3. Situation analysis" in text
    assert f"{len(bank.questions)}. {bank.questions[-1].prompt}" in text
    assert "   A. " + bank.questions[0].choices[0].text in text
    assert "correct" not in text and "Yes." not in text
    key = quizzes.paper(bank, key=True)
    letters = [line.split(". ")[1] for line in key.splitlines() if line[:1].isdigit()]
    assert letters == ["ABCD"[[c.correct for c in q.choices].index(True)] for q in bank.questions]
    assert quizzes.main(["key"]) == 0 and capsys.readouterr().out == key
    assert quizzes.main(["nonsense"]) == 2
