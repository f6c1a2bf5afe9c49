"""Execute the notebooks headless and write the report: HTML in ``reports/``, figures in
``reports/figures/`` (the notebooks save those themselves through :func:`analysis.plots.save_figure`).

``make report`` runs :func:`run_notebooks`; the test suite runs :func:`execute_notebook` on each
notebook with its default parameters (and some with real-corpus parameters).

>>> [p.name for p in notebooks()][:1]
['01-load-articles.ipynb']
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from . import paths

__all__ = ["notebooks", "execute_notebook", "to_html", "run_notebooks", "NotebookError"]


class NotebookError(RuntimeError):
    """A notebook failed; the message names the notebook, the cell and the executed copy."""


def notebooks() -> list[Path]:
    """The numbered notebooks in run order (``notebooks/NN-slug.ipynb``)."""
    return sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def _kernel_env() -> None:
    # The kernel must be this interpreter (the project's .venv), whatever PATH says.
    bindir = str(Path(sys.executable).parent)
    if not os.environ.get("PATH", "").startswith(bindir + os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")
    # ... and must import THIS checkout's analysis: the kernel runs in notebooks/, so a relative
    # PYTHONPATH ("PYTHONPATH=.") would point there, and an editable install of another checkout
    # (a git worktree sharing the .venv) would win and write its figures into that checkout.
    entries = [str(Path(e).resolve()) for e in os.environ.get("PYTHONPATH", "").split(os.pathsep) if e]
    root = str(paths.ROOT)
    os.environ["PYTHONPATH"] = os.pathsep.join([root] + [e for e in entries if e != root])
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")


def execute_notebook(path: Path | str, output: Path | str, parameters: dict | None = None,
                     timeout: int = 1200) -> Path:
    """Run ``path`` top to bottom in a fresh kernel (Restart & Run All) and save it to ``output``.

    ``parameters`` replace the values of the notebook's ``parameters`` cell (papermill).
    """
    import papermill as pm

    _kernel_env()
    path, output = Path(path), Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        pm.execute_notebook(
            str(path), str(output), parameters=parameters or {}, kernel_name="python3",
            cwd=str(path.parent), progress_bar=False, log_output=False, execution_timeout=timeout,
            # the kernel is a local child process: its warning about unencrypted local TCP is noise
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
        )
    except pm.PapermillExecutionError as exc:
        raise NotebookError(
            f"{path.name} failed in cell {exc.exec_count} ({exc.ename}: {exc.evalue}). "
            f"The executed copy with the traceback is {output}."
        ) from None
    return output


def to_html(executed: Path | str, html_path: Path | str) -> Path:
    """Convert an executed notebook to a standalone HTML page (figures embedded, no script from the web)."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(executed), as_version=4)
    # the lab page without scripts from a CDN (templates/sourcelens): the report reads the same offline
    exporter = HTMLExporter(extra_template_basedirs=[str(Path(__file__).parent / "templates")],
                            template_name="sourcelens")
    body, _ = exporter.from_notebook_node(nb)
    html_path = Path(html_path)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(body, encoding="utf-8")
    return html_path


def run_notebooks(names: list[str] | None = None, parameters: dict | None = None,
                  timeout: int = 1200, out_dir: Path | None = None) -> list[Path]:
    """Execute the notebooks (all, or those named) and write ``reports/NN-slug.html`` for each."""
    out = Path(out_dir) if out_dir else paths.REPORTS
    chosen = notebooks()
    if names:
        wanted = {Path(n).name for n in names}
        chosen = [p for p in chosen if p.name in wanted]
        missing = wanted - {p.name for p in chosen}
        if missing:
            raise FileNotFoundError(f"no such notebook(s) in {paths.NOTEBOOKS}: {sorted(missing)}")
    written = []
    for nb in chosen:
        executed = execute_notebook(nb, out / "executed" / nb.name, parameters, timeout)
        html = to_html(executed, out / f"{nb.stem}.html")
        print(f"{nb.name}: {html}")
        written.append(html)
    figures = sorted(paths.FIGURES.glob("fig*.png")) if out_dir is None else []
    if figures:
        print(f"{len(figures)} figures in {paths.FIGURES}")
    return written
