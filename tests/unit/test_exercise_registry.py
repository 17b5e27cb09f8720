"""Every exercise a notebook can import is registered and loads, and only on demand."""

import subprocess
import sys

import pytest

import dgtkit.exercises as exercises
from dgtkit.exercises.base import Exercise


@pytest.mark.parametrize("name", sorted(exercises.EXERCISES))
def test_each_registered_exercise_loads_and_has_a_key(name):
    exercise = getattr(exercises, name)
    assert issubclass(exercise, Exercise)
    assert exercise.key and exercise.model_class and exercise.view_class


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError):
        exercises.NoSuchExercise  # noqa: B018


def test_the_action_plan_app_does_not_load_the_other_exercises():
    code = (
        "import sys; from dgtkit.exercises import ActionPlanApp; "
        "print(sorted(m for m in sys.modules if m.startswith('dgtkit.exercises.')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout  # fmt: skip
    assert "action_plan" in loaded
    assert "ex05_situation" not in loaded and "ex07_vision" not in loaded


def test_the_action_plan_app_starts_without_the_heavy_libraries(tmp_path):
    """pandas, matplotlib, python-docx and openpyxl load only when a team exports."""
    code = (
        "import sys; from dgtkit.exercises import ActionPlanApp; "
        "ActionPlanApp(sys.argv[1], participant='team-1'); "
        "print(sorted(m for m in ('pandas', 'matplotlib', 'docx', 'openpyxl') "
        "if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code, str(tmp_path / "w.sqlite")],
                            capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
