"""Ex 1 model, data and chart: the three steps, twelve examples, feedback, score, storage."""

from pathlib import Path

import pytest
import yaml
from matplotlib.figure import Figure

from dgtkit.charts import to_png
from dgtkit.charts.classification import GREEN, GREY, INK, RED, results_alt_text, results_chart
from dgtkit.models.classification import (
    COURSE_EXAMPLE,
    ServiceClassification,
    parse_catalogue,
    service_catalogue,
)
from dgtkit.models.text import FieldError
from dgtkit.widgets.classification import RECONSIDER_STYLE

REPO = Path(__file__).resolve().parents[2]
BIB = (REPO / "book" / "references.bib").read_text("utf-8")
PAGE = (REPO / "book" / "m1-introduction" / "1-1-key-definitions.md").read_text("utf-8")
DATA = REPO / "dgtkit" / "course" / "ex01_services.yaml"
HOSTILE = r"<script>alert(1)</script> $\frac{ costs $x^2$"


def contrast_on_white(colour: str) -> float:
    """The WCAG contrast ratio of a #rrggbb colour against white."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def texts(figure: Figure) -> str:
    found = [t.get_text() for t in figure.texts]
    for axes in figure.axes:
        found += [t.get_text() for t in axes.texts] + [axes.get_title(loc="left")]
        found += [t.get_text() for t in axes.get_yticklabels() + axes.get_xticklabels()]
    return "\n".join(text.replace("\n", " ") for text in found)  # wrapped to fit a phone


# -- the data -------------------------------------------------------------------------------


def test_twelve_examples_spread_over_the_three_steps_of_page_1_1():
    catalogue = service_catalogue()
    assert catalogue.step_ids == ("digitization", "digitalization", "transformation")
    assert len(catalogue.examples) == 12
    assert len({e.id for e in catalogue.examples}) == 12
    for step in catalogue.step_ids:
        assert sum(e.answer == step for e in catalogue.examples) >= 3
    for step in catalogue.steps:  # the same working usage as the page teaches
        assert step.meaning in PAGE and step.question in PAGE


def test_every_example_is_labelled_a_course_example_and_every_step_is_cited():
    catalogue = service_catalogue()
    for example in catalogue.examples:
        assert example.source == COURSE_EXAMPLE
        assert example.why and example.reconsider and example.text
    for step in catalogue.steps:
        for key in step.sources:
            assert "{" + key + "," in BIB, f"{step.id}: {key} is not in references.bib"
    assert "TEACHING EXAMPLES WRITTEN FOR THIS COURSE" in DATA.read_text("utf-8")


def test_the_hint_to_reconsider_never_names_the_answer():
    for example in service_catalogue().examples:
        assert example.answer not in example.reconsider.lower(), example.id


def test_a_catalogue_with_a_wrong_answer_or_twin_ids_is_refused():
    raw = yaml.safe_load(DATA.read_text("utf-8"))
    raw["examples"][0]["answer"] = "automation"
    with pytest.raises(ValueError, match="not a step"):
        parse_catalogue(raw)
    raw = yaml.safe_load(DATA.read_text("utf-8"))
    raw["examples"][1]["id"] = raw["examples"][0]["id"]
    with pytest.raises(ValueError, match="share an id"):
        parse_catalogue(raw)


# -- choosing and feedback -------------------------------------------------------------------


def test_a_right_choice_explains_why():
    model = ServiceClassification()
    feedback = model.choose("land-maps", "digitization")
    assert feedback.right
    assert feedback.text.startswith("Right: this is digitization.")
    assert "Only the format of the maps changed" in feedback.text


def test_a_wrong_choice_says_what_to_reconsider_without_giving_the_answer():
    model = ServiceClassification()
    for example in model.catalogue.examples:
        answer = model.catalogue.step(example.answer)
        for step in model.catalogue.steps:
            if step.id == example.answer:
                continue
            feedback = model.choose(example.id, step.id)
            assert not feedback.right
            assert feedback.text.startswith("Not quite yet.")
            assert example.reconsider in feedback.text
            assert f"{step.name} means that" in feedback.text
            assert answer.name.lower() not in feedback.text.lower()
            assert "wrong" not in feedback.text.lower()  # no scolding


def test_unknown_examples_and_steps_get_a_plain_message():
    model = ServiceClassification()
    with pytest.raises(FieldError, match="not in the exercise"):
        model.choose("moon-base", "digitization")
    with pytest.raises(FieldError, match="Choose digitization, digitalization or transformation"):
        model.choose("land-maps", "automation")
    assert model.answers["land-maps"].choice is None


def test_the_score_counts_right_answers_and_the_first_try():
    model = ServiceClassification()
    assert model.summary() == "0 of 12 right so far. 12 examples still to answer."
    for example in model.catalogue.examples:
        model.choose(example.id, example.answer)
    assert model.summary() == "12 of 12 right."
    model.choose("city-app", "transformation")
    model.choose("proactive-benefit", "digitization")
    model.choose("land-maps", None)
    score = model.score()
    assert (score.right, score.answered, score.total) == (9, 11, 12)
    assert model.summary() == "9 of 12 right so far. 1 example still to answer."


def test_first_try_is_kept_when_the_team_changes_its_mind():
    model = ServiceClassification()
    for example in model.catalogue.examples:
        model.choose(example.id, example.answer)
    model2 = ServiceClassification()
    model2.choose("city-app", "transformation")
    model2.choose("city-app", "digitalization")
    for example in model2.catalogue.examples:
        model2.choose(example.id, example.answer)
    assert model2.score().first_try_right == 11
    assert model2.summary() == "12 of 12 right. At the first try: 11 of 12."
    assert model2.answers["city-app"].tries == 2


def test_tally_counts_answers_by_step_against_the_expected_ones():
    model = ServiceClassification()
    model.choose("land-maps", "digitization")
    model.choose("city-app", "transformation")
    tally = model.tally()
    assert tally["digitization"] == {"chosen": 1, "expected": 4, "right": 1}
    assert tally["transformation"] == {"chosen": 1, "expected": 4, "right": 0}


def test_reasons_are_optional_tidy_and_limited():
    model = ServiceClassification()
    model.explain("land-maps", "  Only   the format.  ")
    assert model.answers["land-maps"].reason == "Only the format."
    model.explain("land-maps", "")
    assert model.answers["land-maps"].reason == ""
    with pytest.raises(FieldError, match="too long"):
        model.explain("land-maps", "x" * 10_000)
    model.explain("land-maps", HOSTILE)  # stored as typed; the form escapes it
    assert model.answers["land-maps"].reason == HOSTILE


# -- storage --------------------------------------------------------------------------------


def test_round_trip_keeps_choices_first_tries_reasons_and_the_score():
    model = ServiceClassification()
    model.choose("city-app", "transformation")
    model.choose("city-app", "digitalization")
    model.explain("city-app", "The desks behind the app are the same.")
    data = model.to_dict()
    assert data["answers"]["city-app"] == {
        "choice": "digitalization",
        "first_choice": "transformation",
        "tries": 2,
        "reason": "The desks behind the app are the same.",
    }
    assert data["score"] == {"right": 1, "answered": 1, "total": 12, "first_try_right": 0}
    again = ServiceClassification.from_dict(data)
    assert again == model and again.to_dict() == data


def test_loading_tolerates_missing_keys_and_drops_what_breaks_a_rule():
    assert ServiceClassification.from_dict({}) == ServiceClassification()
    model = ServiceClassification.from_dict(
        {
            "answers": {
                "land-maps": {"choice": "digitization"},
                "city-app": {"choice": "automation", "reason": "x" * 10_000, "tries": True},
                "moon-base": {"choice": "digitization"},
                "typed-minutes": "nonsense",
            }
        }
    )
    assert model.answers["land-maps"].choice == "digitization"
    assert model.answers["land-maps"].first_choice == "digitization"
    assert model.answers["city-app"].choice is None
    assert model.answers["city-app"].reason == "" and model.answers["city-app"].tries == 0
    assert "moon-base" not in model.answers


@pytest.mark.parametrize("garbage", ["answers", [1, 2], None, {"answers": [1, 2]}])
def test_loading_garbage_raises(garbage):
    with pytest.raises((TypeError, ValueError, KeyError)):
        ServiceClassification.from_dict(garbage)


# -- the chart ------------------------------------------------------------------------------


def test_chart_marks_each_answer_with_a_shape_and_a_word():
    model = ServiceClassification()
    model.choose("land-maps", "digitization")
    model.choose("city-app", "transformation")
    figure = results_chart(model)
    assert isinstance(figure, Figure)
    drawn = texts(figure)
    assert drawn.count("\u2713 right") == 1 and drawn.count("\u2717 not yet") == 1
    assert drawn.count("not answered yet") == 10
    assert "Your answers: 1 of 12 right so far." in drawn
    assert "1. Scanned land-use maps" in drawn and "Transformation" in drawn
    assert to_png(figure).startswith(b"\x89PNG")


def test_chart_alt_text_gives_the_score_and_every_example():
    model = ServiceClassification()
    model.choose("land-maps", "digitization")
    model.choose("city-app", "transformation")
    alt = results_alt_text(model)
    assert alt.startswith("Chart of your answers to 12 examples. 1 of 12 right so far.")
    assert "1 Scanned land-use maps: digitization, right" in alt
    assert "5 A new city app with the old desks behind it: transformation, not yet right" in alt
    assert "2 Typed council minutes: not answered yet" in alt


def test_chart_draws_hostile_course_text_literally():
    raw = yaml.safe_load(DATA.read_text("utf-8"))
    raw["examples"][0]["title"] = HOSTILE
    model = ServiceClassification(catalogue=parse_catalogue(raw))
    model.explain("land-maps", HOSTILE)
    figure = results_chart(model)
    to_png(figure)  # no maths parsing error
    assert "<script>alert(1)</script>" in texts(figure)
    assert HOSTILE in results_alt_text(model)


@pytest.mark.parametrize("colour", [GREEN, RED, GREY, INK, RECONSIDER_STYLE.split(":")[1]])
def test_colours_have_enough_contrast_on_white(colour):
    assert contrast_on_white(colour) >= 4.5


def test_answers_saved_with_the_first_editions_spelling_still_load():
    saved = {"answers": {"land-maps": {"choice": "digitisation",
                                             "first_choice": "digitalisation", "tries": 2,
                                             "reason": ""}}}
    model = ServiceClassification.from_dict(saved)
    answer = model.answers["land-maps"]
    assert (answer.choice, answer.first_choice, answer.tries) == (
        "digitization", "digitalization", 2)
