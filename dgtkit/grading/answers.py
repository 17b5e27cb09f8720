"""Answers typed in the notebook: the knowledge checks and the data tasks of Modules 3 and 6.

Every failure is an AssertionError whose message tells the student what is wrong, without
giving the answer.
"""

from __future__ import annotations

import math
import numbers

#: The answer cells of the data tasks that need a few lines of pandas, by assignment: every
#: other value a data task asks for is printed by a cell of the release, to be read off. The
#: landing page (book/intro.md) and the instructor guide name their variables.
NEEDS_PANDAS = {"m3_situation": ("data_group",)}


def check_choice(answer: object, letters: str = "ABCD") -> None:
    """The visible test of a multiple-choice question: one of the letters, nothing else."""
    choices = ", ".join(letters[:-1]) + f" or {letters[-1]}"
    assert isinstance(answer, str) and answer.strip().upper() in set(letters), (
        f"Type one letter, {choices}, between the quotes, for example: answer = \"{letters[0]}\""
    )


def check_country(code: object) -> str:
    """The visible test of a data task's country: the ISO3 code of a UN Member State."""
    from dgtkit.course import data

    assert isinstance(code, str) and code.strip(), (
        'Type the three-letter code of your country between the quotes, for example "KEN".'
    )
    code = code.strip().upper()
    members = data.member_states()
    assert code in set(members.iso3), (
        f"{code!r} is not the ISO3 code of a UN Member State in the Survey data. Look it up in "
        "the table of member states above, then run this cell again."
    )
    return code


def check_number(value: object, name: str, low: float | None = None,
                 high: float | None = None) -> float:
    """The visible test of a data task's result: a number, within the range it must be in."""
    assert value is not ... and value is not None, (
        f"{name} is not filled in yet: replace the ... after '{name} =' with your result."
    )
    assert isinstance(value, numbers.Real) and not isinstance(value, bool), (
        f"{name} must be a number, like 0.5 or 42, not {type(value).__name__}. If you computed "
        "it with pandas, take one value out of the table, for example with float(...)."
    )
    assert not math.isnan(value), (
        f"{name} is NaN (not a number): the rows you selected have no value. Check your filter."
    )
    if low is not None and high is not None:
        assert low <= value <= high, f"{name} must lie between {low} and {high}; it is {value}."
    return float(value)


def check_yes_no(value: object, name: str) -> bool:
    """The visible test of a yes-or-no result: True or False (a pandas comparison will do)."""
    assert value is not ... and value is not None, (
        f"{name} is not filled in yet: replace the ... after '{name} =' with True or False."
    )
    dtype = getattr(value, "dtype", None)
    single_bool = dtype is not None and dtype.kind == "b" and getattr(value, "ndim", 1) == 0
    assert isinstance(value, bool) or single_bool, (
        f"{name} must be True or False, written without quotes, not {value!r}."
    )
    return bool(value)


def check_close(value: object, expected: float, name: str, hint: str,
                tolerance: float = 0.001) -> None:
    """A hidden test of a data task: ``value`` is ``expected`` (within ``tolerance``).

    ``hint`` says what to look at again, never the expected value."""
    check_number(value, name)
    assert abs(float(value) - expected) <= tolerance, f"{name} is not right yet. {hint}"
