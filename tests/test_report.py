"""analysis.report: the notebook kernel imports this checkout's ``analysis``."""
from __future__ import annotations

import json
import os

import nbformat
import pytest

from analysis import paths
from analysis.report import execute_notebook


@pytest.mark.notebooks
def test_kernel_imports_this_checkout(tmp_path, monkeypatch):
    # a relative PYTHONPATH (as in `PYTHONPATH=. python -m analysis report`) must not leave the
    # kernel, which runs in the notebook's folder, with another checkout's editable install
    monkeypatch.chdir(paths.ROOT)
    monkeypatch.setenv("PYTHONPATH", ".")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import analysis; print(analysis.__file__)")]
    src = tmp_path / "probe.ipynb"
    nbformat.write(nb, str(src))
    out = execute_notebook(src, tmp_path / "probe-out.ipynb")
    text = "".join("".join(o.get("text", "")) for o in json.loads(out.read_text())["cells"][0]["outputs"])
    assert os.path.dirname(text.strip()) == str(paths.PACKAGE)


def test_html_report_is_self_contained(tmp_path):
    # the lab template loaded require.js and MathJax from a CDN: a report must read the same offline
    from analysis.report import to_html

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("Aid of $5 million and $3 million, sourcing *matters*"),
                nbformat.v4.new_code_cell("1 + 1", outputs=[nbformat.v4.new_output(
                    "execute_result", data={"text/html": "<table><tr><td>2</td></tr></table>", "text/plain": "2"},
                    execution_count=1)])]
    src = tmp_path / "probe.ipynb"
    nbformat.write(nb, str(src))
    html = to_html(src, tmp_path / "probe.html").read_text(encoding="utf-8")
    assert "<script" not in html and "cdnjs" not in html and "unpkg" not in html
    assert "$5 million" in html and "<table>" in html and "<em>matters</em>" in html
