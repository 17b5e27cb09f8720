"""The layers of dgtkit hold: models free of UI code, no import that runs back up a layer,
and the action-plan app's kernel light until a team exports (ARCHITECTURE.md)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

PACKAGE = REPO / "dgtkit"
#: Each package of dgtkit and its layer: a package imports only from layers below its own.
LAYERS = {
    "course": 0,  # the course as data: YAML and their loaders
    "models": 1,  # plain Python: rules, validation, to_dict/from_dict
    "charts": 2, "store": 2,  # pure functions model → figure; the workbook and the hand-off
    "planfile": 3,  # the plan as a file: exports (which draw charts), reading back
    "widgets": 4, "grading": 4,  # thin views; what the graded kernel calls
    "exercises": 5, "instructor": 5,  # what notebooks call; the lecturer's nbgrader tools
    "site": 6,  # the book's Sphinx extension, figures and launch settings
    "facilitator": 7,  # slides, print-outs and worksheets: they draw on the book and the forms
}
#: Libraries that draw or show things, which no layer below the views may import.
UI = {"ipywidgets", "IPython", "matplotlib"}


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def package_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at its top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            if node.module == "dgtkit":
                found |= {f"dgtkit.{alias.name}" for alias in node.names}
    return found


def test_dgtkit_is_packages_by_audience_with_nothing_loose_at_the_top():
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert loose == []
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert packages == set(LAYERS)


@pytest.mark.parametrize("layer", ["course", "models", "store", "planfile", "grading"])
def test_models_and_what_lies_below_the_views_import_no_ui(layer):
    offenders = [
        f"{path.relative_to(REPO)}: {name}"
        for path in modules() if package_of(path) == layer
        for name in imports(path) if name.split(".")[0] in UI
    ]
    assert offenders == []


def test_no_import_runs_back_up_a_layer():
    upward = []
    for path in modules():
        here = package_of(path)
        if here == "__init__":
            continue
        for name in imports(path):
            parts = name.split(".")
            if parts[0] != "dgtkit" or len(parts) < 2 or parts[1] == here:
                continue
            if LAYERS[parts[1]] >= LAYERS[here]:
                upward.append(f"{path.relative_to(REPO)} imports {name}")
    assert upward == []


def test_the_app_kernel_reads_a_whole_week_without_the_heavy_libraries(tmp_path):
    """pandas, matplotlib, python-docx and openpyxl load only when a team exports, even when
    the team's Ex 3-Ex 11 are all in the workbook and the plan starts from them."""
    workbook = tmp_path / "w.sqlite"
    write = "import sys; from dgtkit.instructor.sample_answers import write_workbook; " \
            "write_workbook(sys.argv[1], 'team-1')"
    subprocess.run([sys.executable, "-c", write, str(workbook)], check=True, cwd=tmp_path)
    code = (  # a fresh process, as Voila's kernel is
        "import sys\n"
        "from dgtkit.exercises import ActionPlanApp\n"
        "app = ActionPlanApp(sys.argv[1], participant='team-1')\n"
        "assert app.view.suggestions, 'the week did not reach the plan'\n"
        "print(sorted(m for m in ('pandas', 'matplotlib', 'docx', 'openpyxl') "
        "if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(workbook)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "[]"


def test_the_map_for_newcomers_shows_these_layers():
    """ARCHITECTURE.md's table of layers is the one this test holds the code to, and every
    file it names exists."""
    text = (REPO / "ARCHITECTURE.md").read_text("utf-8")
    shown = {package: int(layer) for layer, package in
             re.findall(r"^\| (\d) \| `dgtkit/(\w+)/` \|", text, flags=re.M)}
    assert shown == LAYERS
    named = set(re.findall(r"`dgtkit/([\w/]+\.py)`", text))
    assert all((PACKAGE / name).is_file() for name in named), named
