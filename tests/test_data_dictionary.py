"""data/README.md documents every column of every table the pipeline writes (and no others)."""
from __future__ import annotations

import re

import pytest

from analysis import paths
from analysis.corpus import load_articles
from analysis.pipeline import analyze


def documented_tables() -> dict[str, set[str]]:
    text = (paths.DATA / "README.md").read_text(encoding="utf-8")
    tables: dict[str, set[str]] = {}
    for block in re.split(r"^### ", text, flags=re.M)[1:]:
        name = re.match(r"`(\w+)`", block)
        if not name:
            continue
        cols: set[str] = set()
        for line in block.splitlines():
            if line.startswith("| `"):
                cell = line.split("|")[1]
                cols |= set(re.findall(r"`(\w+)`", cell))
        tables[name.group(1)] = cols
    return tables


@pytest.fixture(scope="module")
def results():
    articles, rejects = load_articles(paths.EXAMPLES)
    res = analyze(articles)
    res.tables["rejects"] = rejects
    return res


def test_every_table_is_documented(results):
    docs = documented_tables()
    missing = [n for n in results.names() if n not in docs]
    assert not missing, f"tables missing from data/README.md: {missing}"


def test_documented_columns_match(results):
    docs = documented_tables()
    for name in results.names():
        cols = set(results[name].columns)
        if name == "articles":  # extra input columns are kept after the documented ones
            assert docs[name] <= cols
            continue
        assert cols == docs[name], (
            f"{name}: undocumented {sorted(cols - docs[name])}, documented but absent "
            f"{sorted(docs[name] - cols)}"
        )
