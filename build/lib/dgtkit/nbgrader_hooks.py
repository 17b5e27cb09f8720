"""nbgrader add-ons the course's ``exercises/nbgrader_config.py`` switches on."""

from __future__ import annotations

from pathlib import Path

from nbgrader.preprocessors import NbGraderPreprocessor

#: The files an exercise writes beside its notebook (the workbook and SQLite's side files).
WORKBOOK_FILES = ["workbook.sqlite", "workbook.sqlite-wal", "workbook.sqlite-shm"]


class RefuseSavedAnswersInSource(NbGraderPreprocessor):
    """Stop ``generate_assignment`` when an assignment's source holds a workbook.

    An instructor who tries an exercise in the source folder saves answers there; released,
    that workbook would give every student those answers (and their autograded points).
    """

    def preprocess(self, nb, resources):
        folder = Path(resources.get("metadata", {}).get("path") or ".")
        found = [name for name in WORKBOOK_FILES if (folder / name).exists()]
        if found:
            raise RuntimeError(
                f"{folder / found[0]} holds answers saved while someone tried the exercises in "
                "the assignment's source. Released, it would reach every student. Move it out "
                "of the folder, then generate the assignment again."
            )
        return nb, resources
