"""Notebooks: committed without outputs, first cells as the house style asks, and each one passes
Restart & Run All (papermill, fresh kernel) on its default parameters."""
from __future__ import annotations

import json

import pytest

from analysis import paths
from analysis.report import execute_notebook, notebooks

NOTEBOOKS = notebooks()


def test_there_are_notebooks_in_run_order():
    names = [p.name for p in NOTEBOOKS]
    assert names[0] == "01-load-articles.ipynb"
    assert [n[:2] for n in names] == [f"{i:02d}" for i in range(1, len(names) + 1)]


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs_and_house_style(nb):
    data = json.loads(nb.read_text(encoding="utf-8"))
    cells = data["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), \
        f"{nb.name} has outputs: run `make notebooks-strip`"
    assert cells[0]["cell_type"] == "markdown" and "Inputs" in "".join(cells[0]["source"]) \
        and "Outputs" in "".join(cells[0]["source"])
    assert "%autoreload 2" in "".join(code[0]["source"])
    assert any("parameters" in c.get("metadata", {}).get("tags", []) for c in code)
    # a one-line question in markdown above each code cell (after the setup cells)
    for prev, cell in zip(cells, cells[1:]):
        if cell["cell_type"] == "code" and cell is not code[0] and \
                "parameters" not in cell.get("metadata", {}).get("tags", []):
            assert prev["cell_type"] == "markdown", f"{nb.name}: code cell without a question above"
    src = "".join("".join(c["source"]) for c in code)
    assert "def " not in src, f"{nb.name}: helper definitions belong in analysis/"


@pytest.mark.notebooks
@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_restart_and_run_all(nb, tmp_path):
    out = execute_notebook(nb, tmp_path / nb.name, parameters={"figures_dir": str(tmp_path / "figs")})
    executed = json.loads(out.read_text(encoding="utf-8"))
    errors = [o for c in executed["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    figs = sorted((tmp_path / "figs").glob("fig*.png"))
    assert figs, f"{nb.name} saved no figure"
    for png in figs:
        assert png.with_suffix(".svg").is_file() and png.with_suffix(".csv").is_file()


@pytest.mark.notebooks
@pytest.mark.slow
def test_sourcing_notebook_on_polnear_dev(shared, tmp_path):
    nb = paths.NOTEBOOKS / "02-sourcing-patterns.ipynb"
    out = execute_notebook(nb, tmp_path / nb.name, parameters={
        "corpus": str(paths.POLNEAR / "dev"), "figures_dir": str(tmp_path / "figs"),
        "processed_dir": str(tmp_path / "processed")})
    assert out.is_file()
    import pandas as pd

    att = pd.read_parquet(tmp_path / "processed" / "attributions.parquet")
    assert att.article_id.nunique() > 70
    outlets = pd.read_csv(tmp_path / "figs" / "fig21-identification-by-outlet.csv")
    assert len(outlets) == 7
