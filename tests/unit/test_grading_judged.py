"""Answers leave the student's kernel as plain data and the judge turns them back into plain
values (``dgtkit.grading.judged``): nothing of the student's making survives the trip."""

from __future__ import annotations

import json
import math

import pytest

from dgtkit.grading import check_choice, check_number
from dgtkit.grading.judged import (
    MARKER,
    BadData,
    NotAnAnswer,
    capture,
    capture_source,
    decode,
    encode,
    free_names,
    judge_cell,
    judge_cells,
    read_captures,
)


def trip(value):
    return decode(json.loads(json.dumps(encode(value))))


@pytest.mark.parametrize("value", ["B", "", 0, -3, 10**50, 0.5, True, False, None, ...,
                                   [1, "a", [None]], (1, 2), {"a": [1.5, {"b": "c"}]}])
def test_plain_data_comes_back_as_it_was(value):
    back = trip(value)
    assert back == value and type(back) is type(value)


def test_nan_and_infinity_come_back_as_floats():
    assert math.isnan(trip(float("nan")))
    assert trip(float("-inf")) == float("-inf")


def test_numpy_scalars_become_the_plain_number_they_hold():
    numpy = pytest.importorskip("numpy")
    assert trip(numpy.float64(42.5)) == 42.5 and type(trip(numpy.float64(1))) is float
    assert trip(numpy.int64(7)) == 7 and type(trip(numpy.int64(7))) is int
    assert trip(numpy.bool_(True)) is True
    assert isinstance(trip(numpy.array([1, 2])), NotAnAnswer)


class Anything(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


def test_an_object_that_equals_anything_is_not_an_answer():
    back = trip(Anything("B"))
    assert isinstance(back, NotAnAnswer) and type(back).__name__ == "Anything"
    assert back != "B" and (back == back) is False and not back
    with pytest.raises(AssertionError, match="Type one letter"):
        check_choice(back)
    with pytest.raises(AssertionError, match="must be a number, like 0.5 or 42, not Anything"):
        check_number(back, "coverage_4g")


def test_objects_modules_and_frames_are_not_answers():
    import sys

    for value in (object(), sys, sys._getframe(), lambda: 1, {1: "int key"}, b"bytes"):
        assert isinstance(trip(value), NotAnAnswer)


def test_too_much_data_is_not_an_answer():
    assert isinstance(trip("x" * 3_000_000), NotAnAnswer)
    nested = []
    for _ in range(40):
        nested = [nested]
    assert "other" in json.dumps(encode(nested))


@pytest.mark.parametrize("data", [[], ["str"], ["str", 1], ["int", "1e5"], ["list", "x"],
                                  ["dict", [[1, ["none"]]]], ["eval", "1"], "str", None])
def test_anything_else_is_refused(data):
    with pytest.raises(BadData):
        decode(data)


def test_a_test_reads_the_names_it_never_binds():
    source = ("from dgtkit.grading import check_close\nimport math as m\n_code = country.strip()\n"
              "for _y, _v in ((2016, rank_2016),):\n    check_close(_v, m.pi, 'x', 'h')\n"
              "print(len([x for x in wider]))\nassert answer_1 == 'B', f'{answer_1}'\n")
    assert free_names(source) == ["answer_1", "country", "rank_2016", "wider"]
    assert free_names("this is not python(") == []


def test_the_capture_prints_one_line_the_judge_reads(capsys):
    capture("q1_check", ["answer_1", "missing", "other"], {"answer_1": "B", "other": Anything()})
    line = capsys.readouterr().out
    assert line.startswith(MARKER) and line.count("\n") == 1
    noise = "print('DGTKIT-ANSWERS not json')\n" + line + MARKER + '{"test": 1}\n'
    captured = read_captures(noise)
    assert list(captured) == ["q1_check"]
    assert decode(captured["q1_check"]["answer_1"]) == "B"
    assert "missing" not in captured["q1_check"]
    code = capture_source("q1_check", ["answer_1"])
    assert "q1_check" in code and "answer_1" in code and "assert" not in code


def test_a_test_is_judged_in_a_fresh_namespace_with_plain_answers():
    passed = judge_cell("q1", 'assert answer_1.strip().upper() == "B", "no"\nprint("ok")',
                        {"answer_1": "b "}, 1)
    assert passed["outputs"] == [{"output_type": "stream", "name": "stdout", "text": "ok\n"}]
    failed = judge_cell("q1", 'assert answer_1 == "B", "Think again."', {"answer_1": "D"}, 1)
    (error,) = failed["outputs"]
    assert (error["ename"], error["evalue"]) == ("AssertionError", "Think again.")
    assert "<test q1>" in "".join(error["traceback"])
    missing = judge_cell("q1", "answer_1", {}, 1)
    assert missing["outputs"][0]["ename"] == "NameError"


def test_a_last_expression_is_shown_as_a_kernel_would_show_it():
    result = judge_cell("t", "x = 2\nx * 0.5", {}, 3)
    assert result["outputs"] == [{"output_type": "execute_result", "execution_count": 3,
                                  "metadata": {}, "data": {"text/plain": "1.0"}}]
    assert judge_cell("t", "None", {}, 1)["outputs"] == []


def test_tests_share_nothing_and_a_missing_capture_is_said():
    results = judge_cells([
        {"test": "a", "source": "leak = 1\nimport sys\nsys.modules['x_dgt'] = 1",
         "answers": {}},
        {"test": "b", "source": "print(leak)", "answers": {}},
        {"test": "c", "source": "print(answer_3)", "answers": {}, "names": ["answer_3"],
         "missing": "the kernel died"},
        {"test": "d", "source": "print(answer_4)", "answers": {"answer_4": ["bogus"]}},
    ])
    assert results[1]["outputs"][0]["ename"] == "NameError"
    assert "the kernel died" in results[2]["outputs"][0]["evalue"]
    assert results[3]["not_plain"] == ["answer_4"]
