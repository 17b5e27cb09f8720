"""Answers as plain data, and the judging of a notebook's tests where no student code ran.

A graded notebook is run twice over, by two processes that never share Python objects:

1. The student's kernel (in the sandbox, ``dgtkit.instructor.sandbox``) runs the student's
   cells. Where a test cell stood, it runs ``capture`` instead: the values of the variables
   that test reads, written out as plain data (``encode``). The test itself is not there.
2. The judge (``dgtkit.instructor.judge``), a process where no student code ever ran, turns
   that data back into plain Python values (``decode``) and runs each test cell's trusted
   source in a fresh namespace (``judge_cells``), beside a copy of the workbook and plan file
   that were handed in.

So an answer is a string, a number, True or False, None, ``...``, or a list or dict of them.
Anything else (an object that says it equals everything, a module, a frame) arrives in the
judge as a ``NotAnAnswer``: it equals nothing and is no string or number, so no check passes
on it. A test cell reads the variables it never assigns (``free_names``); a test that needs a
value computed by an earlier test cell cannot be judged this way (``make validate`` says so).

Nothing here imports IPython: ``capture`` prints one line, which the runner reads.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import io
import json
import keyword
import re
import traceback
from typing import Any

#: The line ``capture`` prints: this marker, then the answers as JSON.
MARKER = "DGTKIT-ANSWERS "
#: How deep a list or dict may nest, how many items and characters an answer may hold in all.
MAX_DEPTH, MAX_ITEMS, MAX_CHARACTERS = 12, 20_000, 2_000_000
#: The most characters of a test's printed text, error message or traceback kept.
MAX_TEXT = 100_000
_BUILTINS = frozenset(dir(builtins))


# -- which variables a test reads ----------------------------------------------------------


def free_names(source: str) -> list[str]:
    """The names a test cell reads and never binds itself (by assignment, import, def, for,
    with, except, an argument or a comprehension): the student's variables it judges."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    loaded, bound = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, ast.alias):
            bound.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
    return sorted(loaded - bound - _BUILTINS)


# -- the student's side: values out as plain data -------------------------------------------


class _Budget:
    def __init__(self) -> None:
        self.items = 0
        self.characters = 0

    def spend(self, items: int = 1, characters: int = 0) -> bool:
        self.items += items
        self.characters += characters
        return self.items <= MAX_ITEMS and self.characters <= MAX_CHARACTERS


def _plain_scalar(value: Any) -> Any:
    """A numpy scalar (or 0-d array) as the Python number or bool it holds, else ``value``."""
    kind = type(value)
    if kind.__module__.split(".")[0] == "numpy" and getattr(value, "shape", None) == ():
        with contextlib.suppress(Exception):
            item = value.item()
            if type(item) in (bool, int, float):
                return item
    return value


def encode(value: Any, _depth: int = 0, _budget: _Budget | None = None) -> list:
    """``value`` as tagged plain data: ``["str", "B"]``, ``["float", "0.5"]``, ``["list",
    [...]]``, or ``["other", "TypeName"]`` for anything that is not plain data.

    Exact types only: a subclass of ``str`` or ``int`` (which may redefine what equals what)
    is not plain data. numpy scalars become the number they hold."""
    budget = _budget or _Budget()
    value = _plain_scalar(value)
    kind = type(value)
    if not budget.spend():
        return ["other", "too large"]
    if value is None:
        return ["none"]
    if value is Ellipsis:
        return ["ellipsis"]
    if kind is bool:
        return ["bool", value]
    if kind is int:
        try:
            return ["int", str(value)]
        except ValueError:  # more digits than Python converts
            return ["other", "int"]
    if kind is float:
        return ["float", repr(value)]
    if kind is str:
        return ["str", value] if budget.spend(0, len(value)) else ["other", "too large"]
    if kind in (list, tuple) and _depth < MAX_DEPTH:
        return [kind.__name__, [encode(item, _depth + 1, budget) for item in value]]
    if kind is dict and _depth < MAX_DEPTH and all(type(k) is str for k in value):
        if not budget.spend(0, sum(len(k) for k in value)):
            return ["other", "too large"]
        return ["dict", [[k, encode(v, _depth + 1, budget)] for k, v in value.items()]]
    return ["other", getattr(kind, "__name__", "object")]


def capture(test_id: str, names: list[str], namespace: dict) -> None:
    """Print the answers a test reads, for the judge: run in the student's kernel where the
    test cell stood. A name the kernel does not have is left out (the test then fails as it
    would have, with a NameError)."""
    answers = {name: encode(namespace[name]) for name in names if name in namespace}
    line = json.dumps({"test": test_id, "answers": answers}, ensure_ascii=True)
    print(MARKER + line, flush=True)


#: The name under which the runner puts ``capture`` among the kernel's builtins before the
#: first cell, so that a student who replaces modules in ``sys.modules`` still has it.
CAPTURE = "__dgtkit_capture__"
CAPTURE_SETUP = (f"import builtins as _b, dgtkit.grading.judged as _j\n"
                 f"_b.{CAPTURE} = _j.capture\ndel _b, _j\n")


def capture_source(test_id: str, names: list[str]) -> str:
    """The code that stands in the student's kernel where the test ``test_id`` stood."""
    return (f"# The test {test_id} is judged outside this kernel, on these values.\n"
            f"try:\n    {CAPTURE}\nexcept NameError:\n"
            f"    from dgtkit.grading.judged import capture as {CAPTURE}\n"
            f"{CAPTURE}({test_id!r}, {names!r}, globals())\n")


# -- the judge's side: plain data back to values --------------------------------------------


class NotAnAnswer:
    """What the judge holds where the student's kernel had a value that is not plain data.

    It is no string, number or bool, equals nothing (not even itself) and says what it was;
    subclasses are named after the student's type, so that a check's message can name it."""

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        return False

    def __ne__(self, other: object) -> bool:
        return True

    def __repr__(self) -> str:
        return f"<{type(self).__name__} object, which is not plain data>"

    def __bool__(self) -> bool:
        return False


_KINDS: dict[str, type] = {}


def not_an_answer(type_name: str) -> NotAnAnswer:
    """A ``NotAnAnswer`` whose type is called like the student's (a safe identifier)."""
    name = re.sub(r"\W", "_", str(type_name))[:60] or "object"
    if not name.isidentifier() or keyword.iskeyword(name):
        name = f"_{name}"
    if name not in _KINDS:
        _KINDS[name] = type(name, (NotAnAnswer,), {"__slots__": ()})
    return _KINDS[name]()


class BadData(ValueError):
    """The student's side sent something that is not the data ``encode`` writes."""


def decode(data: Any, _depth: int = 0) -> Any:
    """The plain Python value ``encode`` described; raises ``BadData`` for anything else."""
    if _depth > MAX_DEPTH + 1 or not isinstance(data, list) or not data:
        raise BadData("not an encoded value")
    tag, rest = data[0], data[1:]
    if tag == "none" and not rest:
        return None
    if tag == "ellipsis" and not rest:
        return ...
    if len(rest) != 1:
        raise BadData("not an encoded value")
    body = rest[0]
    if tag == "bool" and type(body) is bool:
        return body
    if tag == "int" and type(body) is str and re.fullmatch(r"-?\d{1,4300}", body):
        return int(body)
    if tag == "float" and type(body) is str and len(body) < 40:
        try:
            return float(body)
        except ValueError:
            raise BadData("not a float") from None
    if tag == "str" and type(body) is str:
        return body
    if tag in ("list", "tuple") and type(body) is list:
        items = [decode(item, _depth + 1) for item in body]
        return items if tag == "list" else tuple(items)
    if tag == "dict" and type(body) is list:
        result = {}
        for pair in body:
            if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not str:
                raise BadData("not a dict item")
            result[pair[0]] = decode(pair[1], _depth + 1)
        return result
    if tag == "other" and type(body) is str:
        return not_an_answer(body)
    raise BadData(f"unknown tag {str(tag)[:20]!r}")


def read_captures(text: str) -> dict[str, dict[str, Any]]:
    """The answers captured in a placeholder cell's printed text: test id → name → encoded
    value, from the last well-formed marker line of each test. Anything else is ignored."""
    found: dict[str, dict[str, Any]] = {}
    for line in text.splitlines():
        if not line.startswith(MARKER):
            continue
        try:
            record = json.loads(line[len(MARKER):])
        except ValueError:
            continue
        if (isinstance(record, dict) and isinstance(record.get("test"), str)
                and isinstance(record.get("answers"), dict)):
            found[record["test"]] = {k: v for k, v in record["answers"].items()
                                     if isinstance(k, str) and k.isidentifier()}
    return found


# -- judging -------------------------------------------------------------------------------


def _short(text: str) -> str:
    if len(text) <= MAX_TEXT:
        return text
    return text[:MAX_TEXT] + f"\n... truncated ({len(text) - MAX_TEXT} more characters) ...\n"


def _stream(name: str, text: str) -> dict:
    return {"output_type": "stream", "name": name, "text": _short(text)}


def _error(error: BaseException, filename: str) -> dict:
    frames = traceback.extract_tb(error.__traceback__)
    # The judge's own frames are of no use to the student: start at the test cell.
    first = next((i for i, f in enumerate(frames) if f.filename == filename), 0)
    lines = traceback.format_list(frames[first:])[-20:]
    evalue = _short(str(error))
    return {"output_type": "error", "ename": type(error).__name__, "evalue": evalue,
            "traceback": [_short(line) for line in lines] + [f"{type(error).__name__}: {evalue}"]}


def judge_cell(test_id: str, source: str, answers: dict[str, Any], count: int) -> dict:
    """Run one test cell's trusted ``source`` in a fresh namespace holding ``answers`` (already
    decoded) and return its outputs as nbformat output dicts, like a kernel would: what it
    printed, the value of a last bare expression (which nbgrader reads as partial credit), or
    the error that stopped it. Also says which answers were not plain data."""
    filename = f"<test {test_id}>"
    namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": builtins, **answers}
    outputs: list[dict] = []
    stdout, stderr = io.StringIO(), io.StringIO()
    result = None
    error = None
    try:
        tree = ast.parse(source, filename)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            exec(compile(tree, filename, "exec"), namespace)  # noqa: S102 - trusted test source
            if last is not None:
                expression = ast.Expression(last.value)
                result = eval(compile(expression, filename, "eval"), namespace)  # noqa: S307
    except Exception as caught:  # noqa: BLE001 - a failing test is the point
        error = caught
    if stdout.getvalue():
        outputs.append(_stream("stdout", stdout.getvalue()))
    if stderr.getvalue():
        outputs.append(_stream("stderr", stderr.getvalue()))
    if error is not None:
        outputs.append(_error(error, filename))
    elif result is not None:
        outputs.append({"output_type": "execute_result", "execution_count": count,
                        "metadata": {}, "data": {"text/plain": _short(repr(result))}})
    not_plain = sorted(name for name, value in answers.items() if isinstance(value, NotAnAnswer))
    return {"test": test_id, "outputs": outputs, "not_plain": not_plain}


def judge_cells(tests: list[dict]) -> list[dict]:
    """Judge each test (``{"test", "source", "answers"}``, answers still encoded, or
    ``"missing"``: why none could be captured) in order, each in a fresh namespace."""
    results = []
    for count, test in enumerate(tests, start=1):
        missing = test.get("missing")
        answers = {}
        bad = []
        for name, data in (test.get("answers") or {}).items():
            try:
                answers[name] = decode(data)
            except (BadData, RecursionError, ValueError):
                bad.append(name)
        if missing:
            error = NameError(f"{', '.join(test.get('names') or []) or 'The answers'} could "
                              f"not be read from your notebook: {missing}")
            results.append({"test": test["test"], "not_plain": [], "outputs": [
                _error(error, "")]})
            continue
        result = judge_cell(test["test"], test["source"], answers, count)
        result["not_plain"] = sorted(set(result["not_plain"]) | set(bad))
        results.append(result)
    return results
