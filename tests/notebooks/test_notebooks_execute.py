"""Every notebook of the course executes without error in a real Jupyter kernel."""

from __future__ import annotations

import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from dgtkit.site.launch import CELL_TAG
from tests.conftest import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.mark.parametrize("source", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes_and_shows_its_form(source, tmp_path, monkeypatch):
    monkeypatch.setenv("DGTKIT_WORKBOOK", str(tmp_path / "workbook.sqlite"))
    notebook_path = shutil.copy(source, tmp_path / source.name)
    notebook = nbformat.read(notebook_path, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any(WIDGET_VIEW in o.get("data", {}) for o in outputs), "no form was displayed"
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]


@pytest.mark.parametrize("source", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_thin_and_without_outputs(source):
    notebook = nbformat.read(source, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(not cell.outputs and cell.execution_count is None for cell in code)
    # The Colab install cell is written from _config.yml (tests/unit/test_launch.py), not by hand.
    own = [cell for cell in code if CELL_TAG not in cell.metadata.get("tags", [])]
    assert sum(len(cell.source.splitlines()) for cell in own) <= 5
