"""The knowledge test form: choose the attempt (Day 1 pre-test or Day 5 post-test), answer
every question (grouped by module), submit; then the chart of both scores per module, the gain
per module, and, once the post-test is submitted, the feedback and the change per question.
Every answer is saved as it is chosen."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from dgtkit.charts.knowledge_test import score_alt_text, score_chart
from dgtkit.models.knowledge_test import ATTEMPTS, POST, PRE, KnowledgeTest, module_label
from dgtkit.widgets.base import View
from dgtkit.widgets.forms import chart_html

LABEL = {"description_width": "8em"}
#: Long answers wrap onto several lines, each beside its button (ipywidgets gives a choice the
#: height of one line and puts the button after the text).
QUIZ_STYLE = (
    "<style>.dgt-quiz{display:flex!important;flex-direction:row!important}"
    ".dgt-quiz > .widget-label{flex:none}"
    ".dgt-quiz .widget-radio-box{flex:1 1 auto;min-width:0}"
    ".dgt-quiz .widget-radio-box label{display:flex!important;align-items:flex-start;gap:0.5em;"
    "height:auto!important;line-height:1.35!important;white-space:normal!important;"
    "padding:0.15em 0}"
    ".dgt-quiz .widget-radio-box input{order:-1;float:none!important;flex:none;"
    "height:auto!important;margin:0.2em 0 0 1px!important}</style>"
)
RIGHT = ("\u2713", "Right.", "color:#1b5e20")  # mark, word, style: never colour alone
WRONG = ("\u2717", "Not right.", "color:#a4000f")


class KnowledgeTestView(View):
    """Builds the test around a KnowledgeTest; calls ``on_change`` after each accepted edit."""

    def __init__(self, model: KnowledgeTest, on_change: Callable[[], None]):
        super().__init__(model, on_change)
        self.attempt = w.Dropdown(
            description="Which test",
            style=LABEL,
            options=[(label, key) for key, label in ATTEMPTS.items()],
            value=POST if model.attempts[PRE].submitted else PRE,
        )
        self.attempt.observe(lambda _change: self._show_attempt(), names="value")
        self.attempt_status = w.HTML()
        self.questions = w.VBox(self._build_questions())
        self.submit = w.Button(
            description="Submit my answers",
            button_style="primary",
            tooltip="Score this test and lock its answers",
            layout=w.Layout(width="auto"),
        )
        self.submit.on_click(self._submit)
        self.submit_message = w.HTML()
        self.chart, self.gain, self.changes = w.HTML(), w.HTML(), w.HTML()
        self.widget = w.VBox(
            [
                w.HTML(QUIZ_STYLE + intro_html(model)),
                self.attempt,
                self.attempt_status,
                self.questions,
                self.submit,
                self.submit_message,
                w.HTML("<h4>Your results</h4>"),
                self.chart,
                self.gain,
                self.changes,
                self.status,
            ]
        )
        self._show_attempt()

    def _build_questions(self) -> list[w.Widget]:
        self.radios: dict[str, w.RadioButtons] = {}
        self.feedback: dict[str, w.HTML] = {}
        self.messages: dict[str, w.HTML] = {}
        blocks = []
        module = None
        for number, question in enumerate(self.model.bank.questions, start=1):
            if question.module != module:
                module = question.module
                blocks.append(w.HTML(f"<h4>Module {escape(module_label(module))}</h4>"))
            radio = w.RadioButtons(
                options=[(choice.text, i) for i, choice in enumerate(question.choices)],
                value=None,
                description=f"Question {number}",
                style=LABEL,
                layout=w.Layout(width="95%"),
            )
            radio.add_class("dgt-quiz")
            self.radios[question.id] = radio
            self.feedback[question.id] = w.HTML()
            self.messages[question.id] = w.HTML()
            radio.observe(self._answer_handler(question.id), names="value")
            blocks.append(
                w.VBox(
                    [
                        w.HTML(f"<p><b>{number}. {escape(question.prompt)}</b></p>"),
                        radio,
                        self.messages[question.id],
                        self.feedback[question.id],
                    ],
                    layout=w.Layout(margin="0 0 1em 0"),
                )
            )
        return blocks

    # -- handlers ------------------------------------------------------------------------------

    def _answer_handler(self, question_id: str):
        # Until the attempt is submitted, an answer changes only the attempt's status line.
        return self.field_handler(
            lambda choice: self.model.answer(self.attempt.value, question_id, choice),
            self.messages[question_id],
            redraw=self._answered,
        )

    def _answered(self) -> None:
        self.submit_message.value = ""
        self.attempt_status.value = f"<p>{escape(self.model.status(self.attempt.value))}</p>"

    def _submit(self, _button=None) -> None:
        self.apply(
            lambda: self.model.submit(self.attempt.value), self.submit_message, self._show_attempt
        )

    # -- drawing -------------------------------------------------------------------------------

    def _show_attempt(self) -> None:
        """The chosen attempt's answers, locked or not, with its feedback once submitted."""
        key = self.attempt.value
        attempt = self.model.attempts[key]
        with self.quietly():
            for question in self.model.bank.questions:
                radio = self.radios[question.id]
                radio.value = attempt.answers.get(question.id)
                radio.disabled = attempt.submitted
                self.messages[question.id].value = ""
                self.feedback[question.id].value = ""
        questions = self.model.bank.questions
        for item in self.model.feedback(key):  # none until the post-test is submitted
            self.feedback[questions[item.number - 1].id].value = feedback_html(item)
        self.submit.disabled = attempt.submitted
        self.submit.description = f"Submit my {ATTEMPTS[key]}"
        self.submit_message.value = ""
        self.attempt_status.value = f"<p>{escape(self.model.status(key))}</p>"
        if key == POST and not self.model.attempts[PRE].submitted:
            self.attempt_status.value += (
                "<p><b>Note:</b> the Day 1 pre-test is not submitted yet. You can answer now, "
                "but you can submit the post-test only after the pre-test.</p>"
            )
        self.redraw()

    def redraw(self) -> None:
        self.chart.value = chart_html(
            score_chart,
            score_alt_text,
            self.model,
            caption=(
                "The same questions on Day 1 and on Day 5. Each pair of bars gives your score "
                "in the questions about one module."
            ),
        )
        self.gain.value = gain_html(self.model)
        self.changes.value = changes_html(self.model)


def intro_html(model: KnowledgeTest) -> str:
    counts = {len(model.bank.in_module(m)) for m in model.bank.modules} or {0}
    each = f"{min(counts)} for each module"
    if len(counts) > 1:
        each = "at least " + each
    return (
        f"<p>These {model.total} questions cover all {len(model.bank.modules)} modules of the "
        f"course, {each}. You answer them before the teaching starts on "
        "Day 1 (the pre-test) and again on Day 5 (the post-test). The difference between your "
        "two scores, for each module and for the whole test, is your gain (session 7.2).</p>"
        "<p>Choose the test, answer every question, then submit. Once submitted, a test is "
        "locked. You see why each answer is right or not after the post-test, so that the "
        "pre-test does not teach you its answers. Your answers and scores are saved in your "
        "workbook, which your facilitator can see.</p>"
    )


def feedback_html(item) -> str:
    """The verdict in words and a mark, the feedback, and the right answer if it was missed."""
    mark, word, style = RIGHT if item.right else WRONG
    text = (
        f'<div style="margin-left:8.5em"><span style="{style}"><b aria-hidden="true">{mark}</b> '
        f"<b>{word}</b></span> {escape(item.feedback)}"
    )
    if not item.right:
        text += f"<br><b>The right answer:</b> {escape(item.answer)}"
    return text + "</div>"


def gain_html(model: KnowledgeTest) -> str:
    """The gain for the whole test, and a table of the scores and the gain per module."""
    gain = model.gain()
    if gain is None:
        return "<p><i>Your gain shows here once both tests are submitted.</i></p>"
    rows = "".join(
        f"<tr><th scope=\"row\">{escape(module_label(r.module))}</th>"
        f"<td>{r.pre} of {r.total}</td><td>{r.post} of {r.total}</td>"
        f"<td>{r.gain:+g}</td></tr>"
        for r in model.module_results()
    )
    return (
        f"<p><b>Your gain: {gain.points:+d} points</b> ({gain.percent_points:+g} percentage "
        f"points): from {model.score(PRE)} to {model.score(POST)} right answers of "
        f"{model.total}. The gain measures knowledge, not practice, and part of it may come "
        "from having seen the questions before. With a few questions per module, read a "
        "module's gain as a pointer to what to review, not as a grade.</p>"
        '<table class="dgt-changes"><caption>Your score and gain per module</caption>'
        '<thead><tr><th scope="col">Module</th><th scope="col">Day 1</th>'
        '<th scope="col">Day 5</th><th scope="col">Gain (percentage points)</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
    )


def changes_html(model: KnowledgeTest) -> str:
    changes = model.changes()
    if not changes:
        return ""
    rows = "".join(
        f"<tr><td>{c.number}</td><td>{c.module}</td><td>{escape(c.prompt)}</td>"
        f"<td>{'Right' if c.pre_right else 'Wrong'}</td>"
        f"<td>{'Right' if c.post_right else 'Wrong'}</td><td>{escape(c.word)}</td></tr>"
        for c in changes
    )
    return (
        '<table class="dgt-changes"><caption>Each question from Day 1 to Day 5</caption>'
        '<thead><tr><th scope="col">No.</th><th scope="col">Module</th>'
        '<th scope="col">Question</th>'
        '<th scope="col">Day 1</th><th scope="col">Day 5</th><th scope="col">Change</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )
