"""What the built pages say: session pages complete, glossary used, quizzes that work offline."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dgtkit.course import quizzes
from dgtkit.course.week import week
from dgtkit.site.self_check import explanation
from tests.book.test_structure import toc_files

pytestmark = pytest.mark.slow

PLACEHOLDERS = re.compile(
    r"\b(?:TODO|TBD|FIXME|lorem ipsum|lorem|to be added|coming soon)\b|\bXX\b", flags=re.IGNORECASE
)


class _Article(HTMLParser):
    """The main content of a page (``<article class="bd-article">``): text, links, classes."""

    def __init__(self):
        super().__init__()
        self.depth = 0  # > 0 inside the article
        self.skip = 0  # > 0 inside a script or style
        self.text: list[str] = []
        self.links: list[str] = []
        self.classes: list[tuple[str, set[str]]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article" and (self.depth or "bd-article" in (attrs.get("class") or "")):
            self.depth += 1
        if not self.depth:
            return
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        self.classes.append((tag, set((attrs.get("class") or "").split())))

    def handle_endtag(self, tag):
        if self.depth and tag in ("script", "style"):
            self.skip -= 1
        elif self.depth and tag == "article":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.text.append(data)

    def has(self, tag: str, css_class: str) -> bool:
        return any(t == tag and css_class in classes for t, classes in self.classes)


def article(built: Path, docname: str) -> _Article:
    parser = _Article()
    parser.feed((built / f"{docname}.html").read_text("utf-8"))
    assert parser.text, f"{docname}: no main content found"
    return parser


def pages() -> list[str]:
    """Every page of the book, as listed in _toc.yml."""
    return toc_files()


@pytest.mark.parametrize("session", week().sessions, ids=lambda s: s.id)
def test_session_page_has_goal_facilitator_notes_and_a_citation(built_book, session):
    page = article(built_book, session.page)
    assert page.has("div", "learning-goal"), "no learning goal"
    assert "Learning goal" in " ".join(page.text)
    assert page.has("details", "facilitator-notes"), "no facilitator-notes dropdown"
    citations = [href for href in page.links if re.search(r"references\.html#", href)]
    assert citations, "no citation links to the references page"


def test_no_page_carries_placeholder_text(built_book):
    found = {}
    for docname in pages():
        hits = PLACEHOLDERS.findall(" ".join(article(built_book, docname).text))
        if hits:
            found[docname] = sorted(set(hits))
    assert found == {}


def glossary_terms(built: Path) -> list[str]:
    html = (built / "book" / "glossary.html").read_text("utf-8")
    return re.findall(r'<dt id="(term-[^"]+)"', html)


def test_glossary_defines_the_terms_of_the_course(built_book):
    terms = glossary_terms(built_book)
    assert len(terms) == 43
    assert "term-E-Government-Development-Index-EGDI" in terms
    assert "term-Kirkpatrick-model" in terms


def test_every_glossary_term_is_linked_from_the_course(built_book):
    linked = set()
    for docname in pages():
        if docname != "book/glossary":
            linked |= {
                href.split("#", 1)[1]
                for href in article(built_book, docname).links
                if re.search(r"glossary\.html#term-", href)
            }
    unused = [term for term in glossary_terms(built_book) if term not in linked]
    assert unused == []


@pytest.mark.parametrize("module", week().modules, ids=lambda m: f"module-{m.number}")
def test_module_page_has_its_self_check_quiz(built_book, module):
    html = (built_book / f"{module.page}.html").read_text("utf-8")
    questions = re.findall(r'<fieldset class="self-check-question".*?</fieldset>', html, re.S)
    assert quizzes.MIN_QUESTIONS <= len(questions) <= quizzes.MAX_QUESTIONS
    for question in questions:
        radios = question.count('type="radio"')
        feedback = re.findall(r'<span class="self-check-explanation">([^<]+)</span>', question)
        assert 3 <= radios <= 4 and len(feedback) == radios
        assert question.count("<legend>") == 1 and question.count('aria-live="polite"') == 1
        assert question.count('data-correct="true"') == 1
    assert 'class="self-check-score" aria-live="polite"' in html


def module_one_url(built_book, serve_directory) -> str:
    return serve_directory(built_book) + week().module(1).page + ".html"


@pytest.mark.browser
def test_quiz_gives_feedback_and_a_score_in_a_browser_offline(
    built_book, serve_directory, offline_page
):
    quiz = quizzes.load(1)
    first, second = quiz.questions[0], quiz.questions[1]
    wrong = next(i for i, c in enumerate(first.choices, start=1) if not c.correct)
    right = next(i for i, c in enumerate(second.choices, start=1) if c.correct)
    page = offline_page
    page.goto(module_one_url(built_book, serve_directory))
    for question, index in ((first, wrong), (second, right)):
        fieldset = page.locator(f"#self-check-{question.id}")
        fieldset.get_by_label(question.choices[index - 1].text, exact=True).check()
        fieldset.get_by_role("button", name="Check answer").click()
        feedback = fieldset.locator(".self-check-feedback")
        verdict = "Correct." if question.choices[index - 1].correct else "Not quite."
        assert feedback.inner_text().startswith(verdict)
        assert explanation(question.choices[index - 1]) in feedback.inner_text()
        assert fieldset.locator(".self-check-answers").is_hidden()
    total = len(quiz.questions)
    score = page.locator("#self-check-m1 .self-check-score")
    assert score.inner_text().startswith(f"You answered 1 of {total} correctly.")
    assert page.blocked_requests == []


@pytest.mark.browser
def test_quiz_shows_its_answers_without_javascript(built_book, serve_directory, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(module_one_url(built_book, serve_directory))
        question = page.locator(f"#self-check-{quizzes.load(1).questions[0].id}")
        assert question.locator("legend").is_visible()
        assert question.get_by_role("button", name="Check answer").is_hidden()
        question.locator("summary").click()
        assert "Correct." in question.locator(".self-check-answers").inner_text()
    finally:
        context.close()
