"""A module's self-check quiz as accessible HTML that works with no kernel and no server.

Each question is a ``<fieldset>`` whose ``<legend>`` is the prompt, with one radio button and
``<label>`` per choice. Every choice's verdict ("Correct." / "Not quite.") and feedback is in
the page, in a ``<details>`` under the question: without JavaScript a reader opens it to
compare. ``book/_assets/self-check.js`` hides those, shows the "Check answer" buttons, writes
the chosen answer's verdict and feedback into the question's ``aria-live`` region, and keeps
the score line. All quiz text is HTML-escaped.
"""

from __future__ import annotations

import re
from html import escape

from dgtkit.course.quizzes import Choice, Question, Quiz

VERDICTS = {True: "Correct.", False: "Not quite."}
#: Words a quiz's feedback may open with that would repeat the verdict the page shows.
_OPENINGS = {True: "correct|yes|right", False: "not quite|no|incorrect|wrong"}
INSTRUCTIONS_WITH_JS = (
    "Choose one answer for each question, then select <strong>Check answer</strong>. "
    "You can change your answer and check again; your first answer to each question "
    "counts for the score."
)
INSTRUCTIONS_WITHOUT_JS = (
    "Choose one answer for each question, then open <strong>Show the answers</strong> "
    "under it to see which answer is correct and why."
)


def markdown(quiz: Quiz) -> str:
    """The quiz as a MyST raw-HTML block (every line of the HTML starts with a tag)."""
    return "```{raw} html\n" + html(quiz) + "\n```\n"


def html(quiz: Quiz) -> str:
    total = len(quiz.questions)
    lines = [
        f'<div class="self-check-quiz" id="self-check-m{quiz.module}" '
        f'data-module="{quiz.module}" data-questions="{total}">',
        f'<p class="self-check-instructions self-check-with-js" hidden>{INSTRUCTIONS_WITH_JS}</p>',
        f'<p class="self-check-instructions self-check-without-js">{INSTRUCTIONS_WITHOUT_JS}</p>',
    ]
    for number, question in enumerate(quiz.questions, start=1):
        lines += _question(question, number, total)
    lines.append('<p class="self-check-score" aria-live="polite" hidden></p>')
    lines.append("</div>")
    return "\n".join(lines)


def _question(question: Question, number: int, total: int) -> list[str]:
    name = f"self-check-{question.id}"
    lines = [
        f'<fieldset class="self-check-question" id="{name}" data-question="{question.id}">',
        f'<legend><span class="self-check-number">Question {number} of {total}.</span> '
        f"{escape(question.prompt)}</legend>",
    ]
    for index, choice in enumerate(question.choices, start=1):
        lines.append(
            f'<div class="self-check-choice"><input type="radio" name="{name}" '
            f'id="{name}-{index}" value="{index}"> '
            f'<label for="{name}-{index}">{escape(choice.text)}</label></div>'
        )
    lines += [
        '<button type="button" class="self-check-button" hidden>Check answer</button>',
        '<div class="self-check-feedback" aria-live="polite"></div>',
        '<details class="self-check-answers"><summary>Show the answers</summary><ul>',
        *(_answer(choice, index) for index, choice in enumerate(question.choices, start=1)),
        "</ul></details>",
        "</fieldset>",
    ]
    return lines


def _answer(choice: Choice, index: int) -> str:
    """One choice, then its verdict and feedback in words (never colour alone)."""
    return (
        f'<li data-choice="{index}" data-correct="{str(choice.correct).lower()}">'
        f'<em class="self-check-choice-text">{escape(choice.text)}</em><br>'
        f'<strong class="self-check-verdict">{VERDICTS[choice.correct]}</strong> '
        f'<span class="self-check-explanation">{escape(explanation(choice))}</span></li>'
    )


def explanation(choice: Choice) -> str:
    """The choice's feedback without an opening "Yes." or "Not quite." that would repeat the
    verdict the page shows."""
    opening = rf"(?:{_OPENINGS[choice.correct]})\s*[.!,:;]\s*"
    match = re.match(opening, choice.feedback, flags=re.IGNORECASE)
    rest = choice.feedback[match.end() :] if match else ""
    return rest[:1].upper() + rest[1:] if rest else choice.feedback
