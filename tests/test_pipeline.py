"""The pipeline: tidy tables keyed by article_id, Parquet output, stage registry."""
from __future__ import annotations

import pandas as pd

from analysis import paths
from analysis.cli import main
from analysis.corpus import load_articles
from analysis.pipeline import ARTICLE_STAGES, Results, analyze


def test_analyze_examples_tables_keyed_by_article():
    arts, _ = load_articles(paths.EXAMPLES)
    res = analyze(arts)
    assert isinstance(res, Results)
    assert set(ARTICLE_STAGES) <= set(res.tables)
    for name in res.tables:
        t = res[name]
        if "article_id" in t.columns:
            assert set(t.article_id) <= set(arts.article_id), name
    s = res.sentences
    text = dict(zip(arts.article_id, arts.text))
    first = s.iloc[0]
    assert text[first.article_id][first.start:first.end].strip()


def test_any_dataframe_with_text_and_plain_strings():
    res = analyze(pd.DataFrame({"text": ["One. Two.", "Three."]}))
    assert len(res.articles) == 2 and len(res.sentences) == 3
    assert res.articles.article_id.is_unique
    assert len(analyze(["Alone."]).sentences) == 1


def test_empty_input_keeps_columns():
    res = analyze(pd.DataFrame({"text": pd.Series([], dtype=str)}))
    assert len(res.articles) == 0
    for name in ARTICLE_STAGES:
        assert "article_id" in res[name].columns


def test_cli_analyze_writes_parquet(tmp_path, capsys):
    assert main(["analyze", str(paths.EXAMPLES), "-o", str(tmp_path)]) == 0
    names = {p.stem for p in tmp_path.glob("*.parquet")}
    assert {"articles", "sentences", "rejects"} <= names
    back = pd.read_parquet(tmp_path / "articles.parquet")
    assert len(back) >= 12 and str(back.published.dt.tz) == "UTC"


def test_process_pool_gives_identical_tables():
    arts, _ = load_articles(paths.EXAMPLES)
    one = analyze(arts, actors=paths.EXAMPLES / "actors.yaml")
    two = analyze(arts, actors=paths.EXAMPLES / "actors.yaml", n_jobs=2)
    for name in one.names():
        pd.testing.assert_frame_equal(one[name], two[name], check_dtype=True)
