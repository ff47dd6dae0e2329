"""notebooks/analyst.ipynb runs top to bottom without an error (nbclient, kernel python3).

The notebook ingests its corpus into a temporary archive, so running it leaves
the repository as it was; the executed copy is not written back.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "analyst.ipynb"


def _ensure_kernel() -> None:
    """Register the python3 kernel for this interpreter if Jupyter does not know one."""
    from jupyter_client.kernelspec import KernelSpecManager

    if "python3" not in KernelSpecManager().find_kernel_specs():
        subprocess.run([sys.executable, "-m", "ipykernel", "install", "--user", "--name", "python3"], check=True)


@pytest.mark.slow
def test_analyst_notebook_runs():
    from nbclient import NotebookClient

    _ensure_kernel()
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # cwd = notebooks/, as when an analyst opens it in Jupyter
    NotebookClient(nb, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(NOTEBOOK.parent)}},
                   extra_arguments=["--HistoryManager.enabled=False"]).execute()  # raises CellExecutionError on any error
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 3, "expected the unit bars, the due-next-quarter Gantt and the citation graph"
    text = "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in outputs)
    assert "tasks due" in text and " 0 tasks due" not in text  # next quarter is not empty
