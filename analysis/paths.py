"""Every path the project uses, in one place.

>>> from analysis import paths
>>> paths.EXAMPLES.name
'examples'
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
LEXICONS = PACKAGE / "lexicons"
MODELS = PACKAGE / "models"

DATA = ROOT / "data"
EXAMPLES = DATA / "examples"          # committed, constructed teaching corpus
RAW = Path(os.environ.get("SOURCELENS_RAW", DATA / "raw"))  # fetched corpora, never edited
PROCESSED = DATA / "processed"        # rebuildable outputs (Parquet tables)
TRAINED = PROCESSED / "models"        # models trained locally from fetched data (never committed)

NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
FIGURES = REPORTS / "figures"

# The shared corpora and benchmarks that sit beside the project (tests, CI, evaluation).
SHARED = Path(os.environ.get("SOURCELENS_SHARED", ROOT.parent / "shared"))
SHARED_CORPORA = SHARED / "corpora"
SHARED_BENCHMARKS = SHARED / "benchmarks"
POLNEAR = SHARED_CORPORA / "polnear"
SEED = SHARED_CORPORA / "seed"


def shared_available() -> bool:
    """True when ``../shared`` (real corpora and benchmarks) is present."""
    return SHARED_CORPORA.is_dir()


def resolve_input(path: str | Path) -> Path:
    """A user-given path: absolute, relative to the working directory, or (as notebooks run in
    ``notebooks/``) relative to the project root.

    >>> resolve_input("data/examples") == EXAMPLES
    True
    """
    p = Path(path).expanduser()
    if p.is_absolute() or p.exists():
        return p.absolute()
    return ROOT / p if (ROOT / p).exists() else p
