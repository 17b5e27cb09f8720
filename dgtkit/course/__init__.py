"""The course as data: the week, the frameworks, the SDGs, the quizzes and the data sets.

The YAML files in this folder are the one source of truth that the chapters, the exercises and
the grading share; the modules beside them load and check them (``week``, ``frameworks``,
``sdgs``, ``quiz``), and ``data`` loads the data sets of ``data/`` as pandas tables.
"""

from __future__ import annotations

from importlib import resources

import yaml

#: The course's title, as every file it writes names it (the book's is in _config.yml).
TITLE = "Capacities for Digital Government Transformation"


def read_yaml(name: str) -> object:
    """The course's YAML file ``name`` (for example ``"week.yaml"``), parsed."""
    return yaml.safe_load(resources.files(__name__).joinpath(name).read_text("utf-8"))
