"""nbgrader add-ons the course's ``exercises/nbgrader_config.py`` switches on."""

from __future__ import annotations

from pathlib import Path

from nbgrader.preprocessors import DeduplicateIds, NbGraderPreprocessor

from dgtkit.planfile.handed_in import plan_files
from dgtkit.store.workbook import DEFAULT_FILENAME

#: The files an exercise writes beside its notebook (the workbook and SQLite's side files).
WORKBOOK_FILES = [DEFAULT_FILENAME, f"{DEFAULT_FILENAME}-wal", f"{DEFAULT_FILENAME}-shm"]


def handed_in_files(folder: Path) -> list[str]:
    """The files in ``folder`` that hold a student's graded work: the workbook (and SQLite's
    side files), and action-plan files (Module 7 grades the JSON file the app exports)."""
    found = [name for name in WORKBOOK_FILES if (folder / name).exists()]
    return found + [path.name for path, _data in plan_files(folder)[0]]


class RefuseSavedAnswersInSource(NbGraderPreprocessor):
    """Stop ``generate_assignment`` when an assignment's source holds a workbook or a plan file.

    An instructor who tries an exercise in the source folder saves answers there (or, in
    Module 7, a plan file); released, that file would give every student those answers (and
    their autograded points).
    """

    def preprocess(self, nb, resources):
        folder = Path(resources.get("metadata", {}).get("path") or ".")
        found = handed_in_files(folder)
        if found:
            raise RuntimeError(
                f"{folder / found[0]} holds answers saved while someone tried the exercises in "
                "the assignment's source. Released, it would reach every student. Move it out "
                "of the folder, then generate the assignment again."
            )
        return nb, resources


#: The kernel's first line: make calls that would stop it raise an error instead.
KERNEL_GUARD = "--IPKernelApp.exec_lines=import dgtkit.instructor.kernel_guard"


class DeduplicateIdsCleanly(DeduplicateIds):
    """nbgrader's ``DeduplicateIds``, without failing the submission it deduplicates.

    A student who copies a cell copies its nbgrader metadata. ``DeduplicateIds`` keeps the last
    copy and empties the metadata of the others, but leaves ``{}`` behind, which the metadata
    check then takes for an outdated format, and the whole submission fails to grade (nbgrader
    issue 1083). Here the emptied metadata is removed: the copies become plain cells, run like
    any other, and the submission is graded.
    """

    def preprocess_cell(self, cell, resources, cell_index):
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if cell.metadata.get("nbgrader") == {}:
            del cell.metadata["nbgrader"]
        return cell, resources
