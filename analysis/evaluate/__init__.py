"""Scorers, one per benchmark: ``python -m analysis evaluate TASK PATH``.

Each task module (``attributions``, ``hedges``, ``claims``, ``sentiment``) exposes
``run(path, **options) -> dict`` which prints a readable report and returns the scores.
"""
from __future__ import annotations

import importlib
from pathlib import Path

TASKS = ("attributions", "hedges", "claims", "sentiment")


def run(task: str, path: str | Path, **options) -> dict:
    """Score ``task`` on the annotated set at ``path``; print and return the scores."""
    if task not in TASKS:
        raise ValueError(f"unknown evaluation task {task!r}; choose one of {', '.join(TASKS)}")
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(
            f"{p}: no such file or folder. Point the evaluate command at the annotated set, "
            f"e.g. ../shared/corpora/polnear/dev or ../shared/benchmarks/..."
        )
    module = importlib.import_module(f"analysis.evaluate.{task}")
    return module.run(p, **options)
